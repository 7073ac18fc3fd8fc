"""Reading the store for output: events a page at a time, whole tables as streams.

Outputs (``clashwatch.outputs``) format rows; the SQL that fetches them is here.

* ``query_events(store, query)`` pages through ``Store.events`` (cursor ``after``); memory
  stays bounded by the page size.
* ``all_events(store)``, ``all_claims(store)`` and ``all_mentions(store)`` stream whole
  tables (server-side cursors, ``chunk`` rows at a time), for exports.

Each event row has ``outlets``: the distinct outlets of the articles mentioning it, in
order of publication (``outlet_name``: an article's outlet, else its URL's host), which the
store keeps with the event (``store.outlets``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from sqlalchemy import and_, select

from . import EventQuery, Store
from . import tables as t

PAGE_SIZE = 5000


def query_events(store: Store, query: EventQuery | None = None, page_size: int = PAGE_SIZE) -> Iterator[dict]:
    """The rows of ``Store.events(query)``, each with ``outlets``, fetched a page at a time.

    Pages follow the store's order (``query.sort``, then id) with its ``after`` cursor. The cursor cannot reach events without an event date (SQL compares NULL with
    nothing); clashwatch never writes such events, but a store edited by other tools may
    hold some: when it does, the rows the cursor could not reach are fetched at the end in
    one go, so that the result is always exactly ``Store.events(query)``.
    """
    q = query or EventQuery()
    remaining = q.limit
    seen: set[str] = set()
    after = q.after
    paged = after is not None
    while remaining is None or remaining > 0:
        size = page_size if remaining is None else min(page_size, remaining)
        rows = store.events(replace(q, limit=size, after=after))
        for row in rows:
            seen.add(row["id"])
            yield row
        if remaining is not None:
            remaining -= len(rows)
        if len(rows) < size:
            break
        after = store.position(rows[-1], q.sort)
        paged = True
        if after is None:
            break
    if not paged or (remaining is not None and remaining <= 0) or not _has_undated_events(store):
        return
    rest = [r for r in store.events(replace(q, limit=q.limit, after=q.after)) if r["id"] not in seen]
    if remaining is not None:
        rest = rest[:remaining]
    for start in range(0, len(rest), page_size):
        yield from rest[start : start + page_size]


def _has_undated_events(store: Store) -> bool:
    with store.engine.connect() as conn:
        return conn.execute(select(t.events.c.id).where(t.events.c.event_date.is_(None)).limit(1)).first() is not None


def _stream(store: Store, query, chunk: int = PAGE_SIZE) -> Iterator[list[dict]]:
    with store.engine.connect() as conn:
        result = conn.execution_options(stream_results=True, yield_per=chunk).execute(query)
        for part in result.mappings().partitions(chunk):
            yield [dict(r) for r in part]


def _chosen_events(store: Store, query: EventQuery | None):
    """The ids of the events ``query`` selects, as a subquery; None for every event."""
    conds = Store._conditions(query, store.engine.dialect.name) if query is not None else []
    return select(t.events.c.id).where(and_(*conds)) if conds else None


def all_events(store: Store, chunk: int = PAGE_SIZE, query: EventQuery | None = None) -> Iterator[dict]:
    """Every event of the store (background ones included) or those ``query`` selects, in
    its sort order (newest first by default), with ``outlets``."""
    q = query or EventQuery()
    key, descending = Store.sort_key(q.sort)
    stmt = select(t.events).order_by(key.desc() if descending else key.asc(), t.events.c.id)
    conds = Store._conditions(q, store.engine.dialect.name)
    if conds:
        stmt = stmt.where(and_(*conds))
    for rows in _stream(store, stmt, chunk):
        yield from rows


def all_claims(store: Store, chunk: int = PAGE_SIZE, query: EventQuery | None = None) -> Iterator[dict]:
    """Every claim, current and history, with its event (through its mention) and article;
    with ``query``, the claims of the events it selects."""
    stmt = (
        select(
            t.claims,
            t.mentions.c.event_id,
            t.articles.c.outlet,
            t.articles.c.published,
            t.articles.c.url,
            t.articles.c.title,
        )
        .join(t.articles, t.articles.c.id == t.claims.c.article_id)
        .outerjoin(t.mentions, t.mentions.c.id == t.claims.c.mention_id)
        .order_by(t.claims.c.id)
    )
    chosen = _chosen_events(store, query)
    if chosen is not None:
        stmt = stmt.where(t.mentions.c.event_id.in_(chosen))
    for rows in _stream(store, stmt, chunk):
        yield from rows


def all_mentions(store: Store, chunk: int = PAGE_SIZE, query: EventQuery | None = None) -> Iterator[dict]:
    """Every mention (one article's reading of an event) with its article's URL and title;
    with ``query``, the mentions of the events it selects."""
    stmt = (
        select(t.mentions, t.articles.c.url, t.articles.c.title, t.articles.c.version)
        .join(t.articles, t.articles.c.id == t.mentions.c.article_id)
        .order_by(t.mentions.c.id)
    )
    chosen = _chosen_events(store, query)
    if chosen is not None:
        stmt = stmt.where(t.mentions.c.event_id.in_(chosen))
    for rows in _stream(store, stmt, chunk):
        yield from rows
