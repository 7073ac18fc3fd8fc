"""The read path against a plain reading of the same store: every filter and sort gives the
rows a full scan in Python gives, a page at a time through the cursor as well as at once;
cursor pages neither repeat nor skip while another connection inserts events; the map's
grid counts what the filters count; pages and cursors read their indexes (EXPLAIN QUERY
PLAN). On a generated store (``benchmarks/store_bench.py``, bulk-inserted) in a real SQLite
file and on the real PostgreSQL server."""

from __future__ import annotations

import datetime as dt
import sys
import threading
import time
from dataclasses import replace
from urllib.parse import urlsplit

import pytest
from sqlalchemy import text

from support.paths import REPO
from support.stores import backend_url

sys.path.insert(0, str(REPO / "benchmarks"))
from store_bench import build_event_store  # noqa: E402

from clashwatch.store import EventQuery, Store  # noqa: E402
from clashwatch.store.grid import LEVELS, cell_for_zoom, grid  # noqa: E402
from clashwatch.store.outlets import refresh  # noqa: E402
from clashwatch.store.search import EVENT_SEARCH_COLUMNS, unaccented  # noqa: E402

EVENTS = {"sqlite": 20_000, "postgresql": 6_000}
D = dt.date

FILTERS = {
    "none": EventQuery(),
    "background too": EventQuery(include_background=True),
    "country": EventQuery(country="NG"),
    "countries": EventQuery(country=("SO", "Kenya")),
    "admin1": EventQuery(admin1="borno"),
    "admin1 with an accented capital": EventQuery(admin1="Équateur"),
    "admin1 in other case": EventQuery(admin1="ÉQUATEUR"),
    "admin1 written with an accent the store lacks": EventQuery(admin1="Michoacán"),
    "type": EventQuery(event_type="Battles"),
    "sub-type + dates": EventQuery(event_type="air/drone strike", date_from=D(2022, 1, 1), date_to=D(2022, 12, 31)),
    "actor": EventQuery(actor="boko"),
    "short actor": EventQuery(actor="al"),
    "interaction": EventQuery(interaction=(12, 17)),
    "outlet": EventQuery(outlet="sahel"),
    "outlet by its host": EventQuery(outlet="LAKE-times"),
    "date from": EventQuery(date_from=D(2024, 6, 1)),
    "date to": EventQuery(date_to=D(2018, 3, 1)),
    "bbox": EventQuery(bbox=(2.0, 4.0, 15.0, 14.0)),
    "bbox + date": EventQuery(bbox=(2.0, 4.0, 15.0, 14.0), date_from=D(2022, 1, 1)),
    "small bbox": EventQuery(bbox=(29.0, -2.0, 29.5, -1.5)),
    "min fatalities 100": EventQuery(min_fatalities=100),
    "min fatalities 0": EventQuery(min_fatalities=0),
    "text": EventQuery(text="maiduguri"),
    "text with an accented letter": EventQuery(text="équateur"),
    "short text": EventQuery(text="go"),
    "text nowhere": EventQuery(text="zzzqqq"),
    "everything": EventQuery(country="NG", event_type="Battles", min_fatalities=1, date_from=D(2020, 1, 1), text="borno"),
}
SORTS = ("newest", "oldest", "deadliest")


def make_store(url: str, n: int) -> Store:
    build_event_store(url, n, seed=7, mentions=True)
    store = Store.open(url)
    with store.engine.begin() as conn:  # articles named by their URL's host only, for the outlet filter and list
        conn.execute(text("UPDATE articles SET outlet = NULL, url = 'https://www.Lake-Times.example/' || id "
                          "WHERE id LIKE '%3' OR id LIKE '%7'"))
        refresh(conn)  # as `clashwatch db refresh` after an edit by another tool: the events' outlets again
    return store


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store(request, tmp_path_factory):
    url = backend_url(request, tmp_path_factory, "read-path")
    started = time.monotonic()
    s = make_store(url, EVENTS[request.param])
    assert time.monotonic() - started < 60, "the generated store took over a minute to build"
    yield s
    s.close()


def all_rows(store: Store) -> list[dict]:
    with store.engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(text("SELECT * FROM events")).mappings()]
        outlets = conn.execute(text("SELECT m.event_id, a.outlet, a.url FROM mentions m JOIN articles a ON a.id = m.article_id")).all()
    by_event: dict[str, list[str]] = {}
    for event_id, outlet, url in outlets:  # the outlet's name, else the URL's host, as the event lists them
        by_event.setdefault(event_id, []).append(outlet or urlsplit(url).hostname.removeprefix("www."))
    for r in rows:
        r["_outlets"] = by_event.get(r["id"], [])
        for key in ("event_date",):
            if isinstance(r[key], str):
                r[key] = D.fromisoformat(r[key])
    return rows


def matches(r: dict, q: EventQuery) -> bool:
    """The filters as docs/api.md describes them, read plainly."""
    low = lambda v: (v or "").lower()  # noqa: E731
    if q.country and not any((r["country_code"] == c) if len(c) == 2 else low(r["country"]) == c.lower() for c in q.country):
        return False
    if q.admin1 and not any(low(r["admin1"]) in (a.lower(), unaccented(a).lower()) for a in q.admin1):
        return False
    if q.event_type and not any(low(r["event_type"]) == v.lower() or low(r["sub_event_type"]) == v.lower() for v in q.event_type):
        return False
    if q.actor and not any(a.lower() in low(r["actor1"]) or a.lower() in low(r["actor2"]) for a in q.actor):
        return False
    if q.interaction and r["interaction"] not in q.interaction:
        return False
    if q.outlet and not any(o.lower() in low(name) for o in q.outlet for name in r["_outlets"]):
        return False
    if q.date_from and not (r["event_date"] and r["event_date"] >= q.date_from):
        return False
    if q.date_to and not (r["event_date"] and r["event_date"] <= q.date_to):
        return False
    if q.bbox:
        w, s, e, n = q.bbox
        if r["latitude"] is None or not (s <= r["latitude"] <= n and w <= r["longitude"] <= e):
            return False
    if q.min_fatalities is not None and not (r["fatalities"] is not None and r["fatalities"] >= q.min_fatalities):
        return False
    if q.text and not any(q.text.lower() in low(r[c]) for c in EVENT_SEARCH_COLUMNS):
        return False
    if not q.include_background and r["background"]:
        return False
    return True


def reference(rows: list[dict], q: EventQuery) -> list[str]:
    found = [r for r in rows if matches(r, q)]
    if q.sort == "deadliest":
        found.sort(key=lambda r: (-(r["fatalities"] if r["fatalities"] is not None else -1), r["id"]))
    else:
        sign = -1 if q.sort == "newest" else 1
        found.sort(key=lambda r: (sign * r["event_date"].toordinal(), r["id"]))
    return [r["id"] for r in found]


def paged(store: Store, q: EventQuery, size: int) -> list[str]:
    out, after = [], None
    while True:
        rows = store.events(replace(q, limit=size, after=after))
        out += [r["id"] for r in rows]
        if len(rows) < size:
            return out
        after = store.position(rows[-1], q.sort)


@pytest.mark.parametrize("sort", SORTS)
def test_every_filter_gives_the_rows_a_full_scan_gives(store, sort):
    rows = all_rows(store)
    checked = 0
    for name, q in FILTERS.items():
        q = replace(q, sort=sort)
        expected = reference(rows, q)
        assert [r["id"] for r in store.events(q)] == expected, name
        assert [r["id"] for r in store.events(replace(q, limit=100))] == expected[:100], f"{name}: first page"
        if len(expected) < 3000:
            assert paged(store, q, 37) == expected, f"{name}: page by page"
        checked += bool(expected)
    assert checked >= len(FILTERS) - 2  # the filters are not all empty


def test_a_deep_page_through_the_cursor_is_the_same_as_at_once(store):
    rows = all_rows(store)
    for q in (EventQuery(), EventQuery(country="NG", sort="oldest"), EventQuery(sort="deadliest"), EventQuery(min_fatalities=1)):
        expected = reference(rows, q)
        assert paged(store, q, 997) == expected


def test_cursor_pages_never_repeat_or_skip_while_events_are_inserted(store):
    """A reader pages newest first while a writer inserts events older, newer and on the
    same days as the reader's position: every event there before the reader started is seen
    exactly once, none twice."""
    before = set(reference(all_rows(store), EventQuery()))
    template = store.events(EventQuery(limit=1))[0]
    stop = threading.Event()
    inserted: list[str] = []

    def write() -> None:
        from clashwatch.store import tables as t

        n = 0
        days = [D(2018, 1, 1), D(2021, 6, 15), D(2024, 12, 31), D(2030, 1, 1)]
        while not stop.is_set():
            row = {**template, "id": f"ev_new{n:012d}", "event_date": days[n % 4] + dt.timedelta(days=n % 700),
                   "background": False, "updated_at": dt.datetime.now(dt.timezone.utc)}
            with store.engine.begin() as conn:
                conn.execute(t.events.insert().values(**row))
            inserted.append(row["id"])
            n += 1
            time.sleep(0.002)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        seen: list[str] = []
        after = None
        while True:
            rows = store.events(EventQuery(limit=250, after=after))
            seen += [r["id"] for r in rows]
            if len(rows) < 250:
                break
            after = store.position(rows[-1], "newest")
            mark, waited = len(inserted), time.monotonic()
            while len(inserted) < mark + 2 and time.monotonic() - waited < 10:
                time.sleep(0.002)  # the writer inserts between every two pages, however fast the reader
    finally:
        stop.set()
        writer.join()
    try:
        assert len(inserted) > 20, "the writer did not get to insert while the reader paged"
        assert len(seen) == len(set(seen)), "a page repeated an event"
        assert before <= set(seen), f"{len(before - set(seen))} events were skipped"
    finally:
        with store.engine.begin() as conn:
            conn.execute(text("DELETE FROM events WHERE id LIKE 'ev_new%'"))


@pytest.mark.parametrize("zoom", [1, 4, 7, 10])
def test_the_map_grid_counts_what_the_filters_count(store, zoom):
    rows = all_rows(store)
    cell = cell_for_zoom(zoom)
    for name in ("none", "background too", "country", "bbox + date", "min fatalities 100", "text", "sub-type + dates"):
        q = FILTERS[name]
        found = grid(store, q, cell)
        expected = [r for r in rows if matches(r, q) and r["latitude"] is not None]
        assert found["events"] == len(expected) == store.stats(q)["events"], name
        assert sum(c["events"] for c in found["cells"]) == len(expected), name
        assert found["fatalities"] == sum(r["fatalities"] or 0 for r in expected), name
        per_cell: dict[tuple, int] = {}
        for r in expected:
            key = (int((r["longitude"] + 180) // cell), int((r["latitude"] + 90) // cell))
            per_cell[key] = per_cell.get(key, 0) + 1
        got = {(round((c["bbox"][0] + 180) / cell), round((c["bbox"][1] + 90) / cell)): c["events"] for c in found["cells"]}
        assert got == per_cell, name
        for c in found["cells"]:
            west, south, east, north = c["bbox"]
            assert west <= c["longitude"] <= east and south <= c["latitude"] <= north


def test_the_map_grid_keeps_the_view(store):
    rows = all_rows(store)
    view = (25.0, -5.0, 45.0, 5.0)
    found = grid(store, EventQuery(), cell_for_zoom(6), view)
    inside = [r for r in rows if matches(r, EventQuery(bbox=view))]
    assert found["events"] == len(inside) > 0
    # a view outside the filter's box: nothing
    assert grid(store, EventQuery(bbox=(2.0, 4.0, 15.0, 14.0)), 2.0, view)["events"] == 0


def test_pages_and_cursors_read_their_indexes(store):
    """EXPLAIN QUERY PLAN: each sort's first page and a later page seek on the sort's index
    (no sort of the table); the country filter reads its own index in date order; the
    world map reads its grid index without sorting (SQLite)."""
    if store.dialect != "sqlite":
        pytest.skip("SQLite's planner (PostgreSQL plans by its statistics)")
    from clashwatch.store import tables as t

    def plan(q: EventQuery) -> str:
        with store.engine.connect() as conn:
            stmt = store.select_events(conn, q, t.events.c.id)
            compiled = stmt.compile(conn)
            rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + str(compiled), tuple(compiled.params.values()))
            return " | ".join(r[3] for r in rows).replace("COVERING INDEX", "INDEX")

    first = store.events(EventQuery(limit=100))
    cursor = store.position(first[-1], "newest")
    assert plan(EventQuery(limit=100)) == "SCAN events USING INDEX ix_events_newest"
    assert plan(EventQuery(limit=100, after=cursor)) == "SEARCH events USING INDEX ix_events_newest (event_date<?)"
    assert plan(EventQuery(limit=100, sort="oldest", after=(D(2020, 1, 1), "ev_0"))) == \
        "SEARCH events USING INDEX ix_events_oldest (event_date>?)"
    assert plan(EventQuery(limit=100, sort="deadliest")) == "SCAN events USING INDEX ix_events_deadliest"
    assert plan(EventQuery(limit=100, country="NG")) == "SEARCH events USING INDEX ix_events_country_newest (country_code=?)"
    # few matches: found by their index and sorted; many: read in date order
    assert "ix_events_fatalities" in plan(EventQuery(limit=100, min_fatalities=1000))
    assert plan(EventQuery(limit=100, min_fatalities=0)) == "SCAN events USING INDEX ix_events_newest"
    # a search in date order: the page's candidates from the dated trigram index, by rowid
    for q in (EventQuery(limit=100, text="maiduguri"), EventQuery(limit=100, actor="boko", sort="oldest", after=cursor)):
        found = plan(q)
        assert "SEARCH events USING INTEGER PRIMARY KEY (rowid=?)" in found and "SCAN events_dated_fts VIRTUAL TABLE" in found
    with store.engine.connect() as conn:
        cell = LEVELS[0]
        from clashwatch.store.grid import _cell_sql

        # as the grid and the totals ask: rejected events left out (the review state in the index too)
        sql = (f"EXPLAIN QUERY PLAN SELECT count(*) FROM events WHERE background IS 0 AND review_state != 'rejected' "
               f"GROUP BY {_cell_sql('latitude', 90, cell, 'sqlite')}, {_cell_sql('longitude', 180, cell, 'sqlite')}")
        assert [r[3] for r in conn.exec_driver_sql(sql)] == ["SEARCH events USING COVERING INDEX ix_events_grid_8 (background=?)"]
        sql = ("EXPLAIN QUERY PLAN SELECT country, country_code, count(*), sum(fatalities) FROM events "
               "WHERE background IS 0 AND review_state != 'rejected' GROUP BY country, country_code")
        assert "COVERING INDEX ix_events_stats_country" in [r[3] for r in conn.exec_driver_sql(sql)][0]
