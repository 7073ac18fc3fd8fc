"""What an evaluation reports: metrics, confusion tables, per-item outcomes, worst errors.

A split format (ACLED, ``split.py``) also carries the figures of its tuning and checking
halves (``halves``, each a ``Part``) beside those of all rows, and lists its worst errors
from one half only (``errors_from``: "tuning" unless asked otherwise).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .scoring import ClassScore, Share
from .split import RULE


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
class LabelAccuracy:
    """The accuracy of the rows whose gold label is ``label`` (that label's recall)."""

    label: str
    n: int
    correct: int

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.n if self.n else None

    def figures(self) -> dict[str, Any]:
        return {"n": self.n, "correct": self.correct, "accuracy": self.accuracy}


@dataclass
class Part:
    """The figures of one half of a split file, scored like the whole."""

    name: str  # "tuning" or "checking"
    items: int
    metrics: list[Metric]
    label_accuracy: list[LabelAccuracy] = field(default_factory=list)

    def metric(self, key: str) -> Metric | None:
        return next((m for m in self.metrics if m.key == key), None)

    def accuracy_of(self, label: str) -> LabelAccuracy:
        return next((a for a in self.label_accuracy if a.label == label), LabelAccuracy(label, 0, 0))


@dataclass
class ErrorCase:
    kind: str  # "event type", "fatalities", "location", ...
    item: str  # the row's id in the data file
    gold: str
    predicted: str
    text: str
    severity: float = 0.0  # larger is worse; errors are listed worst first
    detail: str = ""
    half: str | None = None  # "tuning" or "checking" in a split file


@dataclass
class Evaluation:
    format: str
    data: str
    items: int
    metrics: list[Metric]
    confusions: list[ConfusionTable] = field(default_factory=list)
    class_scores: list[ClassScore] = field(default_factory=list)
    class_scores_title: str = ""
    label_accuracy: list[LabelAccuracy] = field(default_factory=list)  # per gold label present: n, correct
    label_accuracy_title: str = ""
    errors: list[ErrorCase] = field(default_factory=list)
    distances_km: list[float] = field(default_factory=list)
    outcomes: list[dict[str, Any]] = field(default_factory=list)  # per item: id, gold, predicted
    notes: list[str] = field(default_factory=list)  # skipped rows and the like
    timing: dict[str, float] = field(default_factory=dict)
    # a split file (split.py): rows read per half, the one half evaluated (--half) if any,
    # each half's figures when both were, and the half whose errors are listed
    split: dict[str, int] = field(default_factory=dict)  # {"tuning": n, "checking": n}
    half: str | None = None
    halves: list[Part] = field(default_factory=list)
    errors_from: str = "all"  # "tuning", "checking" or "all"

    def metric(self, key: str) -> Metric:
        for m in self.metrics:
            if m.key == key:
                return m
        raise KeyError(key)

    def listed_errors(self) -> list[ErrorCase]:
        """The errors of the rows ``errors_from`` names (every error unless the file is split)."""
        if self.errors_from == "all":
            return list(self.errors)
        return [e for e in self.errors if e.half == self.errors_from]

    def worst(self, kind: str, k: int) -> list[ErrorCase]:
        found = [e for e in self.listed_errors() if e.kind == kind]
        return sorted(found, key=lambda e: -e.severity)[:k]

    def error_kinds(self) -> list[str]:
        return list(dict.fromkeys(e.kind for e in self.listed_errors()))

    def errors_from_line(self) -> str | None:
        """Which rows the worst-error lists come from, for a split file; None otherwise."""
        if not self.split:
            return None
        if self.errors_from == "all":
            return "Worst errors below: from all rows, both halves (--errors-from all)."
        if self.half is not None and self.half != self.errors_from:
            return (f"Worst errors below: from the {self.errors_from} half only, which this run (--half {self.half}) "
                    f"did not evaluate, so none are listed; --errors-from {self.half} lists them.")
        return (f"Worst errors below: from the {self.errors_from} half only ({self.split.get(self.errors_from, 0)} rows); "
                "--errors-from all lists all.")

    def as_json(self, errors_per_kind: int) -> dict[str, Any]:
        out = asdict(self)
        # each metric and each label's accuracy with the halves' figures beside it
        out["metrics"] = []
        for m in self.metrics:
            entry = asdict(m)
            for part in self.halves:
                hm = part.metric(m.key)
                entry[part.name] = None if hm is None else {"value": hm.value, "hits": hm.hits, "n": hm.n}
            out["metrics"].append(entry)
        out["label_accuracy"] = []
        for a in self.label_accuracy:
            entry = {"label": a.label, **a.figures()}
            for part in self.halves:
                entry[part.name] = part.accuracy_of(a.label).figures()
            out["label_accuracy"].append(entry)
        del out["halves"]
        if self.split:
            out["split"] = {"rule": RULE, "rows": {"all": sum(self.split.values()), **self.split}}
        out["class_scores"] = [
            {**asdict(s), "precision": s.precision, "recall": s.recall, "f1": s.f1} for s in self.class_scores
        ]
        out["errors"] = [asdict(e) for kind in self.error_kinds() for e in self.worst(kind, errors_per_kind)]
        out["distances_km"] = [round(d, 3) for d in self.distances_km]
        return out


class DataError(ValueError):
    """The evaluation file cannot be read as the format asked for (one line, for the user)."""
