"""GeoWebNews (Gritta et al. 2019): toponym resolution in full news articles.

For each gold toponym with coordinates, the extracted place whose span overlaps it (the
nearest, when several do); share within 161 km, a missed toponym counting as a miss,
and the mean error of the toponyms found.

The format is split (``SPLIT``): each article falls in the tuning or the checking half by
its ``id`` (``split.py``), so place-resolution work reads errors of one half and checks
the other.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..model import ArticleResult
from .common import context, read_jsonl, to_point
from .results import DataError, ErrorCase, Evaluation, Metric
from .scoring import KM_100_MILES, Share, distance_km, share, within_km

NAME = "gwn"
SPLIT = True  # articles fall in a tuning and a checking half by their id (split.py)
DESCRIPTION = "GeoWebNews articles (JSONL: id, text, toponyms with start, end, latitude, longitude): toponyms within 161 km"


@dataclass
class Toponym:
    start: int
    end: int
    name: str
    type: str
    point: tuple[float, float] | None


@dataclass
class Row:
    id: str
    text: str
    toponyms: list[Toponym]


def read(path: Path, limit: int | None = None) -> tuple[list[Row], list[str]]:
    rows, notes = [], []
    bad = 0
    for line, obj in read_jsonl(path, limit):
        text = obj.get("text")
        if not isinstance(text, str) or not isinstance(obj.get("toponyms"), list):
            raise DataError(f"{path}:{line}: a GeoWebNews record needs 'text' and 'toponyms'")
        toponyms = []
        for t in obj["toponyms"]:
            try:
                start, end = int(t["start"]), int(t["end"])
            except (KeyError, TypeError, ValueError):
                bad += 1
                continue
            if not 0 <= start < end <= len(text):
                bad += 1
                continue
            toponyms.append(Toponym(start, end, text[start:end], str(t.get("type") or ""), to_point(t.get("latitude"), t.get("longitude"))))
        rows.append(Row(str(obj.get("id", line)), text, toponyms))
    if bad:
        notes.append(f"{bad} toponym(s) with missing or out-of-range offsets skipped")
    return rows, notes



def score(rows: list[Row], results: list[ArticleResult], data: str) -> Evaluation:
    hits: list[bool] = []
    found: list[float] = []
    by_type: dict[str, list[bool]] = defaultdict(list)
    errors: list[ErrorCase] = []
    outcomes = []
    for row, result in zip(rows, results):
        # The articles are given without a title: a first line read as a headline keeps the
        # text's own offsets (body_offset 0), so its places count like the body's.
        body = [p for p in result.places if p.section in ("body", "headline")]
        for t in row.toponyms:
            if t.point is None:
                continue
            overlapping = [p for p in body if p.start < t.end and t.start < p.end]
            best = min(overlapping, key=lambda p: distance_km((p.latitude, p.longitude), t.point), default=None)
            d = None if best is None else distance_km((best.latitude, best.longitude), t.point)
            ok = within_km(d, KM_100_MILES)
            hits.append(ok)
            by_type[t.type].append(ok)
            if d is not None:
                found.append(d)
            outcomes.append({"id": row.id, "toponym": t.name, "start": t.start, "type": t.type, "gold": t.point,
                             "predicted": None if best is None else {"name": best.name, "point": (best.latitude, best.longitude)},
                             "km": d})
            if not ok:
                predicted = "not found" if best is None else f"{best.name} ({d:.0f} km away)"
                errors.append(ErrorCase("toponym", row.id, f"{t.name} ({t.type})", predicted, context(row.text, t.start, t.end),
                                        severity=float("inf") if d is None else d))
    total = share(hits)
    metrics = [
        Metric.of_share("within_161km", "gold toponyms within 161 km (misses count)", total),
        Metric.of_share("found", "gold toponyms found", Share(len(found), total.n)),
    ]
    if found:
        metrics.append(Metric("mean_km", "mean error of toponyms found", statistics.fmean(found), n=len(found), unit="km"))
        metrics.append(Metric("median_km", "median error of toponyms found", statistics.median(found), n=len(found), unit="km"))
    for kind in sorted(by_type):
        metrics.append(Metric.of_share(f"within_161km:{kind}", f"  {kind}", share(by_type[kind])))
    return Evaluation(NAME, data, len(rows), metrics, errors=errors, distances_km=found, outcomes=outcomes)
