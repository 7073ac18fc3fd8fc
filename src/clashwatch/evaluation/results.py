"""What an evaluation reports: metrics, confusion tables, per-item outcomes, worst errors."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .scoring import ClassScore, Share


@dataclass
class Metric:
    key: str  # machine name, e.g. "event_type"
    label: str  # what the line says, e.g. "event_type accuracy"
    value: float | None  # a share in 0..1 (unit "share") or a number (unit "km", ...)
    hits: int | None = None
    n: int | None = None
    unit: str = "share"

    @classmethod
    def of_share(cls, key: str, label: str, s: Share) -> "Metric":
        return cls(key, label, s.value, s.hits, s.n)


@dataclass
class ConfusionTable:
    title: str
    gold_labels: list[str]
    predicted_labels: list[str]
    counts: dict[str, dict[str, int]]  # gold -> predicted -> count
    abbreviations: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, title: str, pairs: dict[tuple[str, str], int], order: list[str], abbreviations: dict[str, str]) -> "ConfusionTable":
        """Rows and columns: the labels of ``order`` that occur, then any others, sorted."""
        gold = {g for g, _ in pairs}
        pred = {p for _, p in pairs}

        def ordered(present: set[str]) -> list[str]:
            return [x for x in order if x in present] + sorted(present - set(order))

        counts: dict[str, dict[str, int]] = {}
        for (g, p), k in pairs.items():
            counts.setdefault(g, {})[p] = k
        # one label order on both axes, so that the diagonal holds the agreements
        labels = ordered(gold | pred)
        rows = [x for x in labels if x in gold or x not in abbreviations or abbreviations[x] != "none"]
        return cls(title, rows, labels, counts, {k: v for k, v in abbreviations.items() if k in gold | pred})

    def count(self, gold: str, predicted: str) -> int:
        return self.counts.get(gold, {}).get(predicted, 0)


@dataclass
class ErrorCase:
    kind: str  # "event type", "fatalities", "location", ...
    item: str  # the row's id in the data file
    gold: str
    predicted: str
    text: str
    severity: float = 0.0  # larger is worse; errors are listed worst first
    detail: str = ""


@dataclass
class Evaluation:
    format: str
    data: str
    items: int
    metrics: list[Metric]
    confusions: list[ConfusionTable] = field(default_factory=list)
    class_scores: list[ClassScore] = field(default_factory=list)
    class_scores_title: str = ""
    errors: list[ErrorCase] = field(default_factory=list)
    distances_km: list[float] = field(default_factory=list)
    outcomes: list[dict[str, Any]] = field(default_factory=list)  # per item: id, gold, predicted
    notes: list[str] = field(default_factory=list)  # skipped rows and the like
    timing: dict[str, float] = field(default_factory=dict)

    def metric(self, key: str) -> Metric:
        for m in self.metrics:
            if m.key == key:
                return m
        raise KeyError(key)

    def worst(self, kind: str, k: int) -> list[ErrorCase]:
        found = [e for e in self.errors if e.kind == kind]
        return sorted(found, key=lambda e: -e.severity)[:k]

    def error_kinds(self) -> list[str]:
        return list(dict.fromkeys(e.kind for e in self.errors))

    def as_json(self, errors_per_kind: int) -> dict[str, Any]:
        out = asdict(self)
        out["class_scores"] = [
            {**asdict(s), "precision": s.precision, "recall": s.recall, "f1": s.f1} for s in self.class_scores
        ]
        out["errors"] = [asdict(e) for kind in self.error_kinds() for e in self.worst(kind, errors_per_kind)]
        out["distances_km"] = [round(d, 3) for d in self.distances_km]
        return out


class DataError(ValueError):
    """The evaluation file cannot be read as the format asked for (one line, for the user)."""
