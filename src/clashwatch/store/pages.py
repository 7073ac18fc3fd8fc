"""A page of events as JSON text, built by SQLite itself.

``event_page(store, query)`` returns the page's events as ``(position, json)`` pairs: the
event's ``StoredEvent`` object as SQLite's ``json_object`` writes it, and the row's place in
the sort order for the next cursor. The values are those pydantic writes for ``StoredEvent``: dates
ISO, ``updated_at`` and ``created_at`` with a ``T`` (no fraction when it has none), ``background`` true/false,
a NULL list as ``[]``; JSON columns are copied as stored (``Store`` writes them from the
models). Reading the rows into Python, decoding three JSON columns a row and encoding it all
again cost about ten times the SQL; here Python only joins strings.

On PostgreSQL (and when asked) the rows come as dicts and ``web.fastjson`` writes them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import literal_column

from . import EventQuery, Store
from . import tables as t

_LIST_COLUMNS = ("weapons", "rationale", "contradictions", "outlets")
_TIME_COLUMNS = ("updated_at", "created_at")


def _value_sql(name: str) -> str:
    if name in _LIST_COLUMNS:
        return f"CASE WHEN {name} IS NULL OR {name} = 'null' THEN json('[]') ELSE json({name}) END"
    if name == "background":
        return "json(CASE WHEN background THEN 'true' ELSE 'false' END)"
    if name in _TIME_COLUMNS:
        return (f"CASE WHEN substr({name}, 20) IN ('', '.000000') THEN replace(substr({name}, 1, 19), ' ', 'T') "
                f"ELSE replace({name}, ' ', 'T') END")
    if name == "machine":
        return "CASE WHEN machine IS NULL OR machine = 'null' THEN json('{}') ELSE json(machine) END"
    return f"events.{name}"


def object_sql(fields: tuple[str, ...]) -> str:
    """``json_object(...)`` of the events columns among ``fields``, in the order of ``fields``."""
    columns = set(t.events.c.keys())
    parts = [f"'{name}', {_value_sql(name)}" for name in fields if name in columns]
    return "json_object(" + ", ".join(parts) + ")"


def event_page(store: Store, query: EventQuery, fields: tuple[str, ...]) -> list[tuple[dict[str, Any], str]] | None:
    """``[({"id", "event_date", "fatalities"}, json text), ...]`` for ``query`` on SQLite; None
    on other databases."""
    if store.dialect != "sqlite":
        return None
    e = t.events.c
    with store.engine.connect() as conn:
        stmt = store.select_events(conn, query, e.id, e.event_date, e.fatalities, literal_column(object_sql(fields)))
        return [({"id": i, "event_date": d, "fatalities": f}, text) for i, d, f, text in conn.execute(stmt)]
