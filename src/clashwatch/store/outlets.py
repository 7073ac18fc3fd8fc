"""An event's outlets: the distinct outlets of the articles that report it, in order of
publication (``outlet_name``: an article's outlet, else its URL's host). The store writes
them into ``events.outlets`` whenever it writes the event, so that no read joins the
mentions to their articles for them."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select, text

from ..outputs.base import outlet_name
from . import tables as t


def outlet_names(reports: Iterable[tuple[Any, str, str | None, str | None]]) -> list[str]:
    """An event's outlets from its mentions' ``(published, mention key, article outlet, article
    URL)``: each name once, in order of publication (undated first, then by mention key)."""
    names: list[str] = []
    for _, _, outlet, url in sorted(reports, key=lambda r: (r[0] is not None, r[0] or 0, r[1])):
        name = outlet_name(outlet, url)
        if name and name not in names:
            names.append(name)
    return names


def outlets_of_events(conn, event_ids: list[str]) -> dict[str, list[str]]:
    """``outlet_names`` of each event, from its mentions as stored."""
    reports: dict[str, list] = {e: [] for e in event_ids}
    for start in range(0, len(event_ids), 500):
        query = (
            select(t.mentions.c.event_id, t.mentions.c.published, t.mentions.c.key, t.articles.c.outlet, t.articles.c.url)
            .join(t.articles, t.articles.c.id == t.mentions.c.article_id)
            .where(t.mentions.c.event_id.in_(event_ids[start : start + 500]))
        )
        for event_id, *report in conn.execute(query):
            reports[event_id].append(tuple(report))
    return {e: outlet_names(r) for e, r in reports.items()}


_SQLITE_REFRESH = """
UPDATE events SET outlets = (
    SELECT json_group_array(name) FROM (
        SELECT clashwatch_outlet_name(a.outlet, a.url) AS name, min(coalesce(m.published, '') || ' ' || m.key) AS first
        FROM mentions m JOIN articles a ON a.id = m.article_id
        WHERE m.event_id = events.id
        GROUP BY name HAVING name IS NOT NULL AND name <> '' ORDER BY first))
"""


def refresh(conn, batch: int = 2000) -> int:
    """Write every event's ``outlets`` again from its mentions (migration 0009, ``clashwatch
    db refresh``); the number of events. On SQLite one statement does it, naming outlets
    with ``outlet_name`` itself (four times faster than batches from Python, which read
    the pages of a large store again and again)."""
    if conn.dialect.name == "sqlite":
        conn.connection.driver_connection.create_function("clashwatch_outlet_name", 2, outlet_name, deterministic=True)
        return conn.execute(text(_SQLITE_REFRESH)).rowcount
    last, done = "", 0
    update = text("UPDATE events SET outlets = :outlets WHERE id = :id")
    while True:
        ids = [i for (i,) in conn.execute(text("SELECT id FROM events WHERE id > :last ORDER BY id LIMIT :n"),
                                          {"last": last, "n": batch})]
        if not ids:
            return done
        found = outlets_of_events(conn, ids)
        conn.execute(update, [{"id": i, "outlets": json.dumps(found[i], ensure_ascii=False)} for i in ids])
        last, done = ids[-1], done + len(ids)
