"""STUB"""
def find_triggers(doc):
    return []
