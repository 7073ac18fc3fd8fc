"""Which language an article is written in, with ``langid`` (its model ships inside the package).

    from clashwatch.language import identify
    identify("Le président a déclaré mardi que ...")   # Language(code='fr', name='French', confidence=1.0)
    identify("Gunmen kill 12")                         # None: too short to tell

clashwatch reads English only. A text is called *not English* only when langid is
confident (``MIN_CONFIDENCE``) about another language and the text is long enough
(``MIN_WORDS``) for that to mean something; short or uncertain texts count as English,
so that a headline list or an English report full of foreign names is never turned
away. The model is loaded once, on first use (about 1.4 s).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .casing import MIN_CAPS_SHARE, caps_share

MIN_WORDS = 12
MIN_CONFIDENCE = 0.9
SAMPLE_CHARS = 5_000  # langid's answer is stable long before this; its cost grows with length
ENGLISH = "en"
NOT_ENGLISH_WARNING = "text does not look like English"

_WORD_RE = re.compile(r"[^\W\d_]{2,}")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+|\n+")


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1, as langid gives it
    name: str
    confidence: float

    @property
    def is_english(self) -> bool:
        return self.code == ENGLISH

    def __str__(self) -> str:
        return f"{self.name} ({self.code}, {self.confidence:.0%} sure)"


@functools.cache
def _identifier():
    import numpy as np
    from langid.langid import LanguageIdentifier, model

    class Identifier(LanguageIdentifier):
        def nb_classprobs(self, fv):
            # langid's np.dot goes through a multi-threaded BLAS, which fights the pipeline
            # for the cores; the same sum over the features present, without BLAS, is 2x faster
            present = np.flatnonzero(fv)
            return np.einsum("i,ij->j", fv[present], self.nb_ptc[present]) + self.nb_pc

    return Identifier.from_modelstring(model, norm_probs=True)


@functools.cache
def language_name(code: str) -> str:
    import pycountry

    found = pycountry.languages.get(alpha_2=code)
    return found.name if found is not None else code


def _distinct_sentences(text: str) -> str:
    """``text`` with each sentence once: a sentence repeated a hundred times is as much
    evidence as the sentence, and langid, which counts character n-grams, grows sure of
    a wrong language on its repeats ("Gunmen killed 12 villagers." x 100: Norwegian)."""
    return " ".join(dict.fromkeys(s.strip() for s in _SENTENCE_END_RE.split(text) if s.strip()))


def identify(text: str) -> Language | None:
    """The language of ``text``, or None when it is too short to tell."""
    sample = _distinct_sentences(text[:SAMPLE_CHARS])
    if caps_share(sample) >= MIN_CAPS_SHARE:
        sample = sample.lower()  # langid's model is of ordinary text: capitals read as foreign
    if len(_WORD_RE.findall(sample)) < MIN_WORDS:
        return None
    code, confidence = _identifier().classify(sample)
    return Language(code, language_name(code), float(confidence))


# English function words: an English report full of Spanish or French names ('in Colonia
# Prados de los Pinos, Nuevo Leon') can fool langid's character model, never these words
ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and in on an to was were by with at for from that his her their is are has have had after who which".split()
)
MIN_FUNCTION_SHARE = 0.15  # of the words; Spanish, French or German prose has about 5%


def english_function_share(text: str) -> float:
    words = _WORD_RE.findall(_distinct_sentences(text[:SAMPLE_CHARS]))
    return sum(w.lower() in ENGLISH_FUNCTION_WORDS for w in words) / len(words) if words else 0.0


def not_english(text: str) -> Language | None:
    """The language of ``text`` when it is confidently not English, else None."""
    found = identify(text)
    if found is None or found.is_english or found.confidence < MIN_CONFIDENCE:
        return None
    if english_function_share(text) >= MIN_FUNCTION_SHARE:
        return None  # English prose with foreign names
    return found


def not_english_warning(found: Language) -> str:
    return f"{NOT_ENGLISH_WARNING} (langid: {found}): not analysed, clashwatch reads English only"
