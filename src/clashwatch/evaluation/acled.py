"""ACLED exports: each row's ``notes`` read as an article, its main event scored.

Conventions (``../shared/data/README.md``): the article's main event (``events[0]``) is
compared with the row; event_type and sub_event_type accuracy (no event is wrong);
fatalities exact and within +-1 (an empty ACLED figure and an event without a figure
both count as 0, as ACLED codes unreported deaths as 0); great-circle distance of the
main event's point to ACLED's, share within 25 and 161 km (no point is a miss); event
date exact. The row's event date is passed as the publication date. Per sub-event type:
the sub_event_type accuracy of the rows whose ACLED sub-type is that one.

The format is split (``SPLIT``): each row falls in the tuning or the checking half by
its ``event_id_cnty`` (``split.py``), and every figure is reported for both halves too.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from pathlib import Path

from ..model import ArticleResult
from .common import read_table, to_count, to_date, to_point
from .labels import ALL_SUB_EVENT_TYPES, EVENT_TYPE_CODES, EVENT_TYPES, NO_EVENT, SUB_EVENT_CODES
from .results import ConfusionTable, ErrorCase, Evaluation, LabelAccuracy, Metric
from .scoring import KM_100_MILES, confusion, distance_km, share, within_km

NAME = "acled"
DESCRIPTION = "ACLED export with notes (CSV): event and sub-event type, fatalities, location, date of the main event"
REQUIRED = ("notes", "event_type", "sub_event_type")
SPLIT = True  # rows fall in a tuning and a checking half by their id (split.py)


@dataclass
class Row:
    id: str
    text: str
    date: dt.date | None
    event_type: str
    sub_event_type: str
    fatalities: int
    point: tuple[float, float] | None
    outlet: str | None = None


def read(path: Path, limit: int | None = None) -> tuple[list[Row], list[str]]:
    rows, notes = [], []
    bad_points = bad_dates = empty = 0
    for i, r in read_table(path, REQUIRED, limit=limit):
        text = r["notes"].strip()
        if not text:
            empty += 1
            continue
        date = to_date(r.get("event_date_iso")) or to_date(r.get("event_date"))
        bad_dates += date is None
        point = to_point(r.get("latitude"), r.get("longitude"))
        bad_points += point is None
        rows.append(Row(
            id=r.get("event_id_cnty") or r.get("event_id") or str(i),
            text=text,
            date=date,
            event_type=r["event_type"].strip(),
            sub_event_type=r["sub_event_type"].strip(),
            fatalities=to_count(r.get("fatalities")) or 0,
            point=point,
            outlet=(r.get("source") or "").strip() or None,
        ))
    if empty:
        notes.append(f"{empty} row(s) without notes skipped")
    if bad_dates:
        notes.append(f"{bad_dates} row(s) without a readable event date: read with no publication date, left out of the date metric")
    if bad_points:
        notes.append(f"{bad_points} row(s) without valid coordinates: left out of the location metrics")
    return rows, notes



@dataclass
class Prediction:
    event_type: str = NO_EVENT
    sub_event_type: str = NO_EVENT
    fatalities: int | None = None
    point: tuple[float, float] | None = None
    date: dt.date | None = None
    location: str | None = None
    events: int = 0

    @property
    def fatality_count(self) -> int:
        return self.fatalities or 0


def predict(result: ArticleResult) -> Prediction:
    if not result.events:
        return Prediction()
    ev = result.events[0]
    point = (ev.latitude, ev.longitude) if ev.latitude is not None and ev.longitude is not None else None
    return Prediction(ev.event_type, ev.sub_event_type, ev.fatalities, point, ev.event_date, ev.location, len(result.events))


def score(rows: list[Row], results: list[ArticleResult], data: str) -> Evaluation:
    preds = [predict(r) for r in results]
    pairs = list(zip(rows, preds))
    located = [(r, p, distance_km(p.point, r.point)) for r, p in pairs if r.point is not None]
    dated = [(r, p) for r, p in pairs if r.date is not None]
    metrics = [
        Metric.of_share("event_type", "event_type accuracy", share(r.event_type == p.event_type for r, p in pairs)),
        Metric.of_share("sub_event_type", "sub_event_type accuracy", share(r.sub_event_type == p.sub_event_type for r, p in pairs)),
        Metric.of_share("fatalities_exact", "fatalities exact", share(r.fatalities == p.fatality_count for r, p in pairs)),
        Metric.of_share("fatalities_within_1", "fatalities within +-1", share(abs(r.fatalities - p.fatality_count) <= 1 for r, p in pairs)),
        Metric.of_share("location_25km", "location within 25 km", share(within_km(d, 25) for _, _, d in located)),
        Metric.of_share("location_161km", "location within 161 km", share(within_km(d, KM_100_MILES) for _, _, d in located)),
        Metric.of_share("event_date_exact", "event date exact", share(p.date == r.date for r, p in dated)),
        Metric.of_share("with_event", "articles with an event", share(p.events > 0 for p in preds)),
        Metric.of_share("with_point", "main event has a point", share(p.point is not None for p in preds)),
    ]
    distances = [d for _, _, d in located if d is not None]
    if distances:
        metrics.append(Metric("median_km", "median location error", statistics.median(distances), n=len(distances), unit="km"))

    confusions = [
        ConfusionTable.build("event_type (rows: ACLED, columns: clashwatch)",
                             confusion([r.event_type for r in rows], [p.event_type for p in preds]),
                             EVENT_TYPES + [NO_EVENT], EVENT_TYPE_CODES),
        ConfusionTable.build("sub_event_type (rows: ACLED, columns: clashwatch)",
                             confusion([r.sub_event_type for r in rows], [p.sub_event_type for p in preds]),
                             ALL_SUB_EVENT_TYPES + [NO_EVENT], SUB_EVENT_CODES),
    ]

    label_accuracy = sub_event_accuracy(pairs)

    errors: list[ErrorCase] = []
    for r, p in pairs:
        if r.event_type != p.event_type:
            errors.append(ErrorCase("event type", r.id, f"{r.event_type} / {r.sub_event_type}",
                                    p.event_type if p.events == 0 else f"{p.event_type} / {p.sub_event_type}", r.text,
                                    severity=2 if p.events == 0 else 1))
        elif r.sub_event_type != p.sub_event_type:
            errors.append(ErrorCase("sub-event type", r.id, r.sub_event_type, p.sub_event_type, r.text, severity=1))
        if r.fatalities != p.fatality_count:
            how = "no event" if p.events == 0 else ("no figure" if p.fatalities is None else "figure")
            errors.append(ErrorCase("fatalities", r.id, str(r.fatalities), f"{p.fatality_count} ({how})", r.text,
                                    severity=abs(r.fatalities - p.fatality_count)))
        if r.date is not None and p.date != r.date:
            days = abs((p.date - r.date).days) if p.date else 10_000
            errors.append(ErrorCase("date", r.id, r.date.isoformat(), p.date.isoformat() if p.date else "none", r.text, severity=days))
    for r, p, d in located:
        if not within_km(d, 25):
            where = "no point" if d is None else f"{p.location} ({d:.0f} km away)"
            errors.append(ErrorCase("location", r.id, f"{r.point[0]:.4f}, {r.point[1]:.4f}", where, r.text,
                                    severity=float("inf") if d is None else d))

    outcomes = [
        {
            "id": r.id,
            "gold": {"event_type": r.event_type, "sub_event_type": r.sub_event_type, "fatalities": r.fatalities,
                     "event_date": r.date, "point": r.point},
            "predicted": {"event_type": p.event_type, "sub_event_type": p.sub_event_type, "fatalities": p.fatality_count,
                          "event_date": p.date, "point": p.point, "location": p.location, "events": p.events},
            "km": d,
        }
        for (r, p), d in zip(pairs, [distance_km(p.point, r.point) for r, p in pairs])
    ]
    return Evaluation(NAME, data, len(rows), metrics, confusions, errors=errors, distances_km=distances, outcomes=outcomes,
                      label_accuracy=label_accuracy,
                      label_accuracy_title="Per sub-event type (sub_event_type accuracy of the rows with that ACLED sub-type)")


def sub_event_accuracy(pairs: list[tuple[Row, Prediction]]) -> list[LabelAccuracy]:
    """For each sub-event type in the gold rows, in ACLED's order: rows, rows read as it."""
    present = {r.sub_event_type for r, _ in pairs}
    order = [s for s in ALL_SUB_EVENT_TYPES if s in present] + sorted(present - set(ALL_SUB_EVENT_TYPES))
    return [
        LabelAccuracy(label, sum(r.sub_event_type == label for r, _ in pairs),
                      sum(r.sub_event_type == label == p.sub_event_type for r, p in pairs))
        for label in order
    ]
