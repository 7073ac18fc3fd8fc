"""Metric arithmetic, free of clashwatch's pipeline: shares, distances, F1, confusion.

Every function here is pure so that the numbers ``clashwatch evaluate`` prints can be
checked by hand (tests/test_evaluate.py does).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..stages.gazetteer import haversine_km

KM_100_MILES = 160.934  # "within 161 km" is ACLED's and GeoWebNews' 100 miles


@dataclass
class Share:
    """A proportion with the counts behind it."""

    hits: int
    n: int

    @property
    def value(self) -> float | None:
        return self.hits / self.n if self.n else None


def share(hits: Iterable[bool]) -> Share:
    flags = [bool(h) for h in hits]
    return Share(sum(flags), len(flags))


def distance_km(predicted: tuple[float, float] | None, gold: tuple[float, float] | None) -> float | None:
    """Great-circle distance between two (lat, lon) points; None when either is missing."""
    if predicted is None or gold is None:
        return None
    return haversine_km(predicted[0], predicted[1], gold[0], gold[1])


def within_km(distance: float | None, km: float) -> bool:
    """A missing point is a miss."""
    return distance is not None and distance <= km


@dataclass
class ClassScore:
    label: str
    support: int  # gold items with this label
    predicted: int  # items predicted as this label
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.support if self.support else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def class_scores(gold: Sequence[str], predicted: Sequence[str], labels: Iterable[str] | None = None) -> list[ClassScore]:
    """Per-label precision, recall and F1 (scikit-learn's conventions: 0 when undefined).

    ``labels`` fixes the labels scored and their order (default: every gold label, sorted).
    A prediction outside ``labels`` (e.g. "no event") is simply wrong.
    """
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    labels = sorted(set(gold)) if labels is None else list(labels)
    support = Counter(gold)
    predicted_n = Counter(predicted)
    correct = Counter(g for g, p in zip(gold, predicted) if g == p)
    return [ClassScore(label, support[label], predicted_n[label], correct[label]) for label in labels]


def weighted_f1(scores: Sequence[ClassScore]) -> float | None:
    """F1 averaged over labels, each weighted by its gold support."""
    total = sum(s.support for s in scores)
    return sum(s.f1 * s.support for s in scores) / total if total else None


def macro_f1(scores: Sequence[ClassScore]) -> float | None:
    present = [s for s in scores if s.support]
    return sum(s.f1 for s in present) / len(present) if present else None


def confusion(gold: Sequence[str], predicted: Sequence[str]) -> dict[tuple[str, str], int]:
    """Counts of (gold, predicted) pairs."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    return dict(Counter(zip(gold, predicted)))
