"""Global Terrorism Database incident summaries: killed and wounded counts.

Each ``summary`` is read as an article published on the incident date; nkill is the
main event's fatalities (none = 0), nwound the best estimate of the main event's
injury claims, reconciled by the same rules as fatalities. Exact match for both.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..stages.estimate import estimate_kind
from ..model import ArticleResult
from .common import read_table, to_count, to_point
from .results import ErrorCase, Evaluation, Metric
from .scoring import KM_100_MILES, distance_km, share, within_km

NAME = "gtd"
DESCRIPTION = "GTD incidents (CSV: summary, nkill, nwound, iyear, imonth, iday): killed and wounded counts"
REQUIRED = ("summary", "nkill", "nwound")


@dataclass
class Row:
    id: str
    text: str
    date: dt.date | None
    nkill: int | None
    nwound: int | None
    point: tuple[float, float] | None


def _date(r: dict[str, str]) -> dt.date | None:
    try:
        y, m, d = int(r.get("iyear") or 0), int(r.get("imonth") or 0), int(r.get("iday") or 0)
        return dt.date(y, m or 1, d or 1) if y else None  # GTD codes an unknown month or day as 0
    except ValueError:
        return None


def read(path: Path, limit: int | None = None) -> tuple[list[Row], list[str]]:
    rows, notes = [], []
    empty = 0
    for i, r in read_table(path, REQUIRED, limit=limit):
        text = r["summary"].strip()
        if not text:
            empty += 1
            continue
        rows.append(Row(r.get("eventid") or str(i), text, _date(r), to_count(r["nkill"]), to_count(r["nwound"]),
                        to_point(r.get("latitude"), r.get("longitude"))))
    if empty:
        notes.append(f"{empty} row(s) without a summary skipped")
    unknown = sum(r.nkill is None or r.nwound is None for r in rows)
    if unknown:
        notes.append(f"{unknown} row(s) with an unknown nkill or nwound: left out of that metric")
    return rows, notes



@dataclass
class Prediction:
    killed: int = 0
    wounded: int = 0
    point: tuple[float, float] | None = None
    events: int = 0


def predict(result: ArticleResult) -> Prediction:
    if not result.events:
        return Prediction()
    ev = result.events[0]
    own = [c for c in result.claims if c.claim_id in set(ev.claim_ids)]
    wounded = estimate_kind(own, "injured").best
    point = (ev.latitude, ev.longitude) if ev.latitude is not None and ev.longitude is not None else None
    return Prediction(ev.fatalities or 0, wounded or 0, point, len(result.events))


def score(rows: list[Row], results: list[ArticleResult], data: str) -> Evaluation:
    preds = [predict(r) for r in results]
    pairs = list(zip(rows, preds))
    kill = [(r, p) for r, p in pairs if r.nkill is not None]
    wound = [(r, p) for r, p in pairs if r.nwound is not None]
    located = [(r, p, distance_km(p.point, r.point)) for r, p in pairs if r.point is not None]
    metrics = [
        Metric.of_share("nkill_exact", "nkill exact", share(r.nkill == p.killed for r, p in kill)),
        Metric.of_share("nwound_exact", "nwound exact", share(r.nwound == p.wounded for r, p in wound)),
        Metric.of_share("nkill_within_1", "nkill within +-1", share(abs(r.nkill - p.killed) <= 1 for r, p in kill)),
        Metric.of_share("nwound_within_1", "nwound within +-1", share(abs(r.nwound - p.wounded) <= 1 for r, p in wound)),
        Metric.of_share("with_event", "incidents with an event", share(p.events > 0 for p in preds)),
        Metric.of_share("location_25km", "location within 25 km", share(within_km(d, 25) for _, _, d in located)),
        Metric.of_share("location_161km", "location within 161 km", share(within_km(d, KM_100_MILES) for _, _, d in located)),
    ]
    errors = [ErrorCase("nkill", r.id, str(r.nkill), str(p.killed), r.text, severity=abs(r.nkill - p.killed)) for r, p in kill if r.nkill != p.killed]
    errors += [ErrorCase("nwound", r.id, str(r.nwound), str(p.wounded), r.text, severity=abs(r.nwound - p.wounded)) for r, p in wound if r.nwound != p.wounded]
    outcomes = [{"id": r.id, "gold": {"nkill": r.nkill, "nwound": r.nwound, "point": r.point},
                 "predicted": {"nkill": p.killed, "nwound": p.wounded, "point": p.point, "events": p.events}} for r, p in pairs]
    distances = [d for _, _, d in located if d is not None]
    return Evaluation(NAME, data, len(rows), metrics, errors=errors, distances_km=distances, outcomes=outcomes)
