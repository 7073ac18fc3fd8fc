"""STUB"""
def find_claims(doc, published, dates):
    return []
