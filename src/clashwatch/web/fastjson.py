"""Event pages as JSON without validating the store's rows again.

The store wrote every event through the pipeline's models, so a page of ``/api/events``
is serialised straight from the store: on SQLite as JSON that SQLite writes
(``store.pages``), elsewhere from the rows (``event_dict``): the fields of ``StoredEvent``
in its order, with the values pydantic would write (dates ISO, a UTC time with ``Z``, a
NULL list as ``[]``); there a rationale item in a shape other than ``RationaleItem``'s (a
store written by other tools) still goes through the model. ``tests/web/test_api_read_path.py``
compares the output with ``StoredEvent``'s own.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from pydantic import TypeAdapter

from ..model import RationaleItem, StoredEvent

FIELDS = tuple(StoredEvent.model_fields)
_LISTS = frozenset(name for name in FIELDS if name in ("weapons", "rationale", "contradictions", "outlets"))
_RATIONALE_KEYS = tuple(RationaleItem.model_fields)
_RATIONALE = TypeAdapter(list[RationaleItem])
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode


def _moment(value: dt.datetime) -> str:
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _rationale(items: list) -> list:
    if all(isinstance(i, dict) and tuple(i) == _RATIONALE_KEYS for i in items):
        return items
    return _RATIONALE.dump_python(_RATIONALE.validate_python(items), mode="json")


def event_dict(row: dict) -> dict[str, Any]:
    """A store row (with ``outlets``) as ``StoredEvent.model_dump(mode="json")`` gives it."""
    out = {}
    for name in FIELDS:
        value = row.get(name)
        if value is None:
            if name in _LISTS:
                value = []
            elif name in ("n_mentions", "n_articles"):
                value = 0
            elif name == "background":
                value = False
        elif isinstance(value, dt.datetime):
            value = _moment(value)
        elif isinstance(value, dt.date):
            value = value.isoformat()
        elif name == "rationale" and value:
            value = _rationale(value)
        out[name] = value
    return out


def page_json(rows: list[dict], next_cursor: str | None, limit: int) -> str:
    """The body of an ``EventPage``."""
    return _encode({"events": [event_dict(r) for r in rows], "next_cursor": next_cursor, "limit": limit})


def page_body(store, query, limit: int, cursor_of) -> str:
    """The ``EventPage`` of the first ``limit`` events of ``query`` (which asks for one more,
    to tell whether there is a next page); ``cursor_of(row)`` makes the next cursor."""
    from ..store.pages import event_page

    found = event_page(store, query, FIELDS)
    if found is None:
        rows = store.events(query)
        more = len(rows) > limit
        rows = rows[:limit]
        return page_json(rows, cursor_of(rows[-1]) if more and rows else None, limit)
    more = len(found) > limit
    found = found[:limit]
    events = ",".join(text for _, text in found)
    cursor = cursor_of(found[-1][0]) if more and found else None
    return '{"events":[' + events + '],"next_cursor":' + _encode(cursor) + ',"limit":' + str(int(limit)) + "}"


def dumps(value: Any) -> str:
    """Compact JSON, non-ASCII as is."""
    return _encode(value)
