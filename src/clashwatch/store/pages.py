"""A page of events as JSON text, built by SQLite itself.

``event_page(store, query)`` returns the page's events as ``(position, json)`` pairs: the
event's ``StoredEvent`` object as SQLite's ``json_object`` writes it, and the row's place in
the sort order for the next cursor. ``outlets`` (``queries._outlets``: the distinct outlets
of the event's articles in order of publication) is a subquery of the same statement; an
article without an outlet is named by its URL's host, which Python finds (``outlet_name``):
SQLite marks those entries with a leading NUL. The values are those pydantic writes for ``StoredEvent``: dates
ISO, ``updated_at`` and ``created_at`` with a ``T`` (no fraction when it has none), ``background`` true/false,
a NULL list as ``[]``; JSON columns are copied as stored (``Store`` writes them from the
models). Reading the rows into Python, decoding three JSON columns a row and encoding it all
again cost about ten times the SQL; here Python only joins strings.

On PostgreSQL (and when asked) the rows come as dicts and ``web.fastjson`` writes them.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import literal_column

from ..outputs.base import outlet_name
from . import EventQuery, Store
from . import tables as t

_LIST_COLUMNS = ("weapons", "rationale", "contradictions")
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


# each name once, ordered by its first mention (published, NULL first, then mention key)
OUTLETS_SQL = (
    "(SELECT json_group_array(name) FROM (SELECT CASE WHEN a.outlet <> '' THEN a.outlet ELSE char(0) || a.url END AS name, "
    "min(coalesce(m.published, '') || ' ' || m.key) AS first FROM mentions m JOIN articles a ON a.id = m.article_id "
    "WHERE m.event_id = events.id AND (a.outlet <> '' OR a.url IS NOT NULL) GROUP BY name ORDER BY first))"
)
NUL = "\\u0000"  # how json_object writes char(0)


def object_sql(fields: tuple[str, ...]) -> str:
    """``json_object(...)`` of the events columns among ``fields`` and their outlets, in the
    order of ``fields``."""
    columns = set(t.events.c.keys())
    parts = [f"'outlets', json({OUTLETS_SQL})" if name == "outlets" else f"'{name}', {_value_sql(name)}"
             for name in fields if name in columns or name == "outlets"]
    return "json_object(" + ", ".join(parts) + ")"


def _named(text: str) -> str:
    """An event's JSON with the URLs marked in its outlets replaced by their hosts."""
    event = json.loads(text)
    names: list[str] = []
    for name in event["outlets"]:
        name = outlet_name(None, name[1:]) if name.startswith("\0") else name
        if name and name not in names:
            names.append(name)
    event["outlets"] = names
    return json.dumps(event, ensure_ascii=False, separators=(",", ":"))


def event_page(store: Store, query: EventQuery, fields: tuple[str, ...]) -> list[tuple[dict[str, Any], str]] | None:
    """``[({"id", "event_date", "fatalities"}, json text), ...]`` for ``query`` on SQLite; None
    on other databases."""
    if store.dialect != "sqlite":
        return None
    e = t.events.c
    with store.engine.connect() as conn:
        stmt = store.select_events(conn, query, e.id, e.event_date, e.fatalities, literal_column(object_sql(fields)))
        return [({"id": i, "event_date": d, "fatalities": f}, _named(text) if NUL in text else text)
                for i, d, f, text in conn.execute(stmt)]
