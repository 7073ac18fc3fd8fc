"""Event pages as JSON without validating the store's rows again.

The store wrote every event through the pipeline's models, so a page of ``/api/events``
(and its GeoJSON) is serialised straight from the rows: the fields of ``StoredEvent`` in
its order, with the values pydantic would write (dates ISO, a UTC time with ``Z``, a NULL
list as ``[]``). A rationale item in a shape other than ``RationaleItem``'s (a store
written by other tools) still goes through the model. ``tests/web/test_read_path.py``
compares the output with ``StoredEvent``'s own on generated and ingested stores.
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


def dumps(value: Any) -> str:
    """Compact JSON, non-ASCII as is."""
    return _encode(value)
