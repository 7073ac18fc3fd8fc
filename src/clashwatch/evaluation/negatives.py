"""Negatives: documents with no event ACLED would code; every current event is a false positive.

A JSONL file of ``{"id", "kind", "text", "published"}`` objects (``kind`` groups the
documents: disaster reports, web pages, ...). Each text is read as an article published
on ``published``. A document is a false positive when it yields at least one current
event (``Event.background`` false; an event the text only recalls does not count). The
score is the share of such documents, over all and per ``kind``: a false-positive rate,
lower is better. The worst errors list each false document with the event types found
and the sentences that triggered them, the documents with most current events first.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..model import ArticleResult, Event
from .common import read_jsonl, to_date
from .results import DataError, ErrorCase, Evaluation, Metric
from .scoring import share

NAME = "negatives"
DESCRIPTION = "documents with no codable event (JSONL: id, kind, text, published): share yielding a current event, per kind"


@dataclass
class Row:
    id: str
    text: str
    kind: str
    date: dt.date | None


def read(path: Path, limit: int | None = None) -> tuple[list[Row], list[str]]:
    rows, notes = [], []
    empty = bad_dates = 0
    for line, obj in read_jsonl(path, limit):
        text = obj.get("text")
        if not isinstance(text, str):
            raise DataError(f"{path}:{line}: a negatives record needs a 'text' string")
        if not text.strip():
            empty += 1
            continue
        date = to_date(obj.get("published"))
        bad_dates += date is None
        rows.append(Row(str(obj.get("id", line)), text, str(obj.get("kind") or "(no kind)"), date))
    if empty:
        notes.append(f"{empty} document(s) without text skipped")
    if bad_dates:
        notes.append(f"{bad_dates} document(s) without a readable 'published' date: read with no publication date")
    return rows, notes


def current_events(result: ArticleResult) -> list[Event]:
    return [e for e in result.events if not e.background]


def _found(events: list[Event]) -> str:
    return "; ".join(dict.fromkeys(f"{e.event_type} / {e.sub_event_type}" for e in events))


def _triggers(events: list[Event]) -> str:
    """Each distinct trigger sentence, with the cue that fired in it."""
    seen: dict[str, list[str]] = {}
    for e in events:
        cues = seen.setdefault(" ".join(e.sentence.split()), [])
        if e.text not in cues:
            cues.append(e.text)
    return " | ".join(f"[{', '.join(cues)}] {sentence}" for sentence, cues in seen.items())


def score(rows: list[Row], results: list[ArticleResult], data: str) -> Evaluation:
    current = [current_events(r) for r in results]
    flagged = [bool(evs) for evs in current]
    by_kind: dict[str, list[bool]] = defaultdict(list)
    for row, hit in zip(rows, flagged):
        by_kind[row.kind].append(hit)
    metrics = [
        Metric.of_share("false_positive_rate", "false-positive rate (with a current event)", share(flagged)),
    ]
    for kind in sorted(by_kind):
        metrics.append(Metric.of_share(f"false_positive_rate:{kind}", f"  {kind}", share(by_kind[kind])))
    metrics.append(Metric.of_share("with_any_event", "documents with any event, recalled ones too", share(bool(r.events) for r in results)))
    metrics.append(Metric("current_events", "current events found", float(sum(len(evs) for evs in current)), n=len(rows), unit="events"))

    errors = [
        ErrorCase("false positive", row.id, f"no event ({row.kind})", _found(evs), _triggers(evs), severity=len(evs))
        for row, evs in zip(rows, current) if evs
    ]
    outcomes = [
        {
            "id": row.id,
            "kind": row.kind,
            "false_positive": bool(evs),
            "predicted": {
                "events": len(evs),
                "background_events": len(result.events) - len(evs),
                "event_types": [f"{e.event_type} / {e.sub_event_type}" for e in evs],
                "triggers": [{"cue": e.text, "sentence": e.sentence} for e in evs],
            },
        }
        for row, result, evs in zip(rows, results, current)
    ]
    return Evaluation(NAME, data, len(rows), metrics, errors=errors, outcomes=outcomes)
