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

PostgreSQL keeps value histograms and plans this itself.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from . import tables as t
from .search import TRIGRAM, fts_rowids

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
