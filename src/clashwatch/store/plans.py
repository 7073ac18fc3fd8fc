"""How SQLite should read a page of events when a filter's selectivity decides the plan.

A page is the first ``limit`` events in sort order. SQLite either reads events in sort
order (from the sort's index, migration 0006) and tests each against the filters, or finds
the matching events through a filter's index and sorts them. Which is faster depends on how
many events match: few, sort them; many, read in order and stop after ``limit``. SQLite's
planner cannot tell (without STAT4 it gives every range the same estimate, and it ignores
the limit when the limit is a bound parameter), so for the filters whose selectivity varies
most - minimum fatalities, a bounding box, a text search - ``scan_in_order`` counts their
matches first, each on its own index and at most ``probe_bound(limit)`` of them, which
costs well under a millisecond.

A page in date order with a search term is planned apart (``dated_page``): the dated
trigram index lists matches newest (or oldest) first, so the page's last day is found by
reading matches until ``limit`` of them pass the other filters.

PostgreSQL keeps value histograms and plans this itself.
"""

from __future__ import annotations

from sqlalchemy import and_, func, literal_column, select
from sqlalchemy.engine import Connection

from . import tables as t
from .search import DAY_SHIFT, ROWID_MASK, TRIGRAM, DatedSearch, dated_keys, fts_rowids, julian_day

PAGE_ROWS_TO_SORT = 5  # sort the matches when fewer than this many pages of them


def probe_bound(limit: int) -> int:
    # reading in order tests the fatality and box filters in the sort index itself
    # (``tables.read_path_indexes``), a sort looks every match up in the table: reading in
    # order wins unless the matches are very few
    return max(500, PAGE_ROWS_TO_SORT * limit)


def _at_most(conn: Connection, query, bound: int) -> int:
    return conn.execute(select(func.count()).select_from(query.limit(bound).subquery())).scalar_one()


def scan_in_order(conn: Connection, q, dialect: str) -> bool | None:
    """True: read in sort order, testing the range filters row by row; False: find the
    matches by a filter's index and sort them; None: the planner's choice is good."""
    if dialect != "sqlite" or not q.limit:
        return None
    e = t.events.c
    probes = []
    if q.min_fatalities is not None:
        probes.append(select(e.fatalities).where(e.fatalities >= q.min_fatalities))
    if q.bbox:
        min_lon, min_lat, max_lon, max_lat = q.bbox
        probes.append(select(e.latitude).where(e.latitude.between(min_lat, max_lat), e.longitude.between(min_lon, max_lon)))
    if q.text and len(q.text.strip()) >= TRIGRAM:
        probes.append(fts_rowids(q.text))
    for actor in q.actor:
        if len(actor.strip()) >= TRIGRAM:
            probes.append(fts_rowids(actor, ("actor1", "actor2")))
    if not probes:
        return None
    bound = probe_bound(q.limit)
    fewest = min(_at_most(conn, probe, bound) for probe in probes)
    return fewest >= bound


def dated_page(conn: Connection, q, search: DatedSearch, conds: list, descending: bool):
    """The condition that limits a date-ordered page with a search term to its candidates.

    The dated index gives the matches in date order (ties in rowid order, not the page's id
    order); the first ``limit`` that pass ``conds`` (the other filters, the substring test
    and the cursor) end on the page's last day. The page's events are then among the
    matches up to and including that day, which the index lists by a range of its keys."""
    low = high = None
    if q.after and q.after[0] is not None:  # the cursor's day bounds the index too
        day = julian_day(q.after[0])
        if descending:
            high = (day + 1) << DAY_SHIFT
        else:
            low = day << DAY_SHIFT
    fts, key, where = dated_keys(search.phrase, low, high)
    events_rowid = literal_column("events.rowid")
    found = conn.execute(
        select((key.op(">>")(DAY_SHIFT)).label("day"))
        .select_from(fts.join(t.events, events_rowid == key.op("&")(ROWID_MASK)))
        .where(and_(*where, *conds))
        .order_by(key.desc() if descending else key.asc())
        .limit(1).offset(q.limit - 1)
    ).scalar()
    if found is not None:  # None: fewer matches than a page
        if descending:
            low = found << DAY_SHIFT
        else:
            high = (found + 1) << DAY_SHIFT
    fts, key, where = dated_keys(search.phrase, low, high)
    return events_rowid.in_(select(key.op("&")(ROWID_MASK)).select_from(fts).where(*where))
