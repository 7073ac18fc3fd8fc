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


def refresh(conn, batch: int = 2000) -> int:
    """Write every event's ``outlets`` again from its mentions (migration 0009, ``clashwatch
    db refresh``); the number of events. SQLite's events are read in the order they lie in
    the file (rowid), not by id, which would read the pages of a large store at random."""
    key = "rowid" if conn.dialect.name == "sqlite" else "id"
    last, done = ("" if key == "id" else -1), 0
    update = text(f"UPDATE events SET outlets = :outlets WHERE {key} = :key")
    while True:
        rows = conn.execute(text(f"SELECT {key}, id FROM events WHERE {key} > :last ORDER BY {key} LIMIT :n"),
                            {"last": last, "n": batch}).all()
        if not rows:
            return done
        found = outlets_of_events(conn, [i for _, i in rows])
        conn.execute(update, [{"key": k, "outlets": json.dumps(found[i], ensure_ascii=False)} for k, i in rows])
        last, done = rows[-1][0], done + len(rows)
