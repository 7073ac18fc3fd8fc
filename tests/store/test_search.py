"""The store as other tools open it: the text search's index kept in sync, the views, and
Datasette finding the full-text index and the columns' meanings (real SQLite files, a real
PostgreSQL server, a real Datasette)."""

from __future__ import annotations

from support.paths import REPO

import asyncio
import datetime as dt
import json

import pytest
from sqlalchemy import text

import clashwatch
from clashwatch.article import make_article
from clashwatch.store import EventQuery, Store
from clashwatch.store.describe import datasette_metadata
from clashwatch.store.search import EVENT_SEARCH_COLUMNS

CORPUS = REPO / "examples" / "corpus" / "articles.jsonl"
RECORDS = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def results():
    return {r["id"]: res for r, res in zip(RECORDS, clashwatch.extract_many(RECORDS))}


def fill(store: Store, results: dict, records: list[dict]) -> None:
    for r in records:
        article = make_article(r["text"], id=r["id"], published=dt.date.fromisoformat(r["published"]), title=r["title"],
                               url=r["url"], outlet=r["source"])
        store.save(article, results[r["id"]])


def scanned(store: Store, value: str) -> list[str]:
    """The events holding ``value`` found by reading every row: what the index must agree with."""
    with store.engine.connect() as conn:
        rows = conn.execute(text(f"SELECT id, {', '.join(EVENT_SEARCH_COLUMNS)} FROM events")).all()
    return sorted(r[0] for r in rows if any(value.lower() in (c or "").lower() for c in r[1:]))


def searched(store: Store, value: str) -> list[str]:
    return sorted(e["id"] for e in store.events(EventQuery(text=value, include_background=True)))


def words_of(store: Store) -> set[str]:
    with store.engine.connect() as conn:
        rows = conn.execute(text(f"SELECT {', '.join(EVENT_SEARCH_COLUMNS)} FROM events")).all()
    found = {w.strip(".,()'\"") for r in rows for c in r if c for w in c.split()}
    return {w for w in found if len(w) >= 3}


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_text_search_finds_what_a_full_scan_finds(backend, results, tmp_path, request):
    url = f"sqlite:///{tmp_path / 's.db'}" if backend == "sqlite" else request.getfixturevalue("fresh_postgres_db")
    store = Store.open(url)
    try:
        fill(store, results, RECORDS[:6])
        probes = sorted(words_of(store))[:40] + ["ANDERA", "al", "x", "no such place", '"quoted"', "50%", "a_b"]
        for value in probes:
            assert searched(store, value) == scanned(store, value), value
        # later reports change and merge events: the index follows every insert, update and delete
        fill(store, results, RECORDS[6:])
        for value in sorted(words_of(store))[:60]:
            assert searched(store, value) == scanned(store, value), value
        with store.engine.connect() as conn:
            if backend == "sqlite":
                assert conn.execute(text("SELECT count(*) FROM events_fts")).scalar() == conn.execute(
                    text("SELECT count(*) FROM events")).scalar()
            else:
                indexes = {r[0] for r in conn.execute(text("SELECT indexname FROM pg_indexes WHERE tablename = 'events'"))}
                assert {f"ix_events_trgm_{c}" for c in EVENT_SEARCH_COLUMNS} <= indexes
            # the views join what a user would otherwise join by hand
            with_outlets = dict(conn.execute(text("SELECT id, outlets FROM events_with_outlets")).all())
            assert len(with_outlets) == conn.execute(text("SELECT count(*) FROM events")).scalar()
            outlets_by_hand = conn.execute(text(
                "SELECT DISTINCT m.event_id, a.outlet FROM mentions m JOIN articles a ON a.id = m.article_id "
                "WHERE m.event_id IS NOT NULL")).all()
            for event_id, outlet in outlets_by_hand:
                assert outlet in with_outlets[event_id].split("; ")
            claims = conn.execute(text("SELECT count(*), count(event_type) FROM claims_with_events")).one()
            assert claims[0] == conn.execute(text("SELECT count(*) FROM claims")).scalar() and claims[1] > 0
    finally:
        store.close()


def test_datasette_searches_and_describes_the_store(results, tmp_path):
    datasette = pytest.importorskip("datasette.app")
    path = tmp_path / "desk.db"
    store = Store.open(f"sqlite:///{path}")
    try:
        fill(store, results, RECORDS)
        expected = searched(store, "mandera")
    finally:
        store.close()
    assert expected
    metadata = datasette_metadata("desk")

    async def ask() -> tuple[list, dict, list]:
        ds = datasette.Datasette([str(path)], metadata=metadata)
        found = (await ds.client.get("/desk/events.json?_search=mandera&_shape=array&_size=max")).json()
        described = (await ds.client.get("/-/metadata.json")).json()
        view = (await ds.client.get("/desk/events_with_outlets.json?_shape=array&_size=5")).json()
        return found, described, view

    found, described, view = asyncio.run(ask())
    assert sorted(e["id"] for e in found) == expected  # ?_search= is not silently ignored
    columns = described["databases"]["desk"]["tables"]["events"]["columns"]
    assert columns["geo_precision"].startswith("ACLED geo precision") and all(columns.values())
    assert view and all("outlets" in row for row in view)


def test_every_column_says_what_it_means():
    metadata = datasette_metadata("clashwatch")["databases"]["clashwatch"]["tables"]
    for table in ("articles", "events", "mentions", "claims", "places", "sources", "feeds", "feed_items"):
        assert metadata[table]["description"], table
        blank = [c for c, note in metadata[table]["columns"].items() if not note]
        assert blank == [], (table, blank)


def dated_order(store: Store, value: str, sort: str) -> list[str]:
    """The events holding ``value`` in ``sort`` order read plainly: by day (undated events
    last when newest first, first when oldest first), then by id."""
    with store.engine.connect() as conn:
        rows = conn.execute(text(f"SELECT id, event_date, {', '.join(EVENT_SEARCH_COLUMNS)} FROM events WHERE NOT background")).all()
    found = [(r[0], r[1]) for r in rows if any(value.lower() in (c or "").lower() for c in r[2:])]
    day = lambda d: dt.date.fromisoformat(str(d)[:10]).toordinal() if d else None
    if sort == "newest":
        return [i for i, d in sorted(found, key=lambda f: (day(f[1]) is None, -(day(f[1]) or 0), f[0]))]
    return [i for i, d in sorted(found, key=lambda f: (day(f[1]) is not None, day(f[1]) or 0, f[0]))]


def index_keys(store: Store) -> tuple[list[int], list[int]]:
    """The dated index's keys, and the keys the events' days and rowids give."""
    with store.engine.connect() as conn:
        kept = sorted(r[0] for r in conn.exec_driver_sql("SELECT rowid FROM events_dated_fts"))
        wanted = sorted(r[0] for r in conn.exec_driver_sql(
            "SELECT (coalesce(CAST(julianday(event_date) AS INTEGER), 0) << 32) | rowid FROM events"))
    return kept, wanted


def test_pages_in_date_order_read_the_dated_index_and_agree_with_a_full_scan(results, tmp_path):
    """A page of the newest or oldest events holding a word (SQLite's dated trigram index)
    gives the events and the order a plain reading gives, at every page size and through
    the cursor; after events change day, lose their day, change text or are deleted."""
    store = Store.open(f"sqlite:///{tmp_path / 's.db'}")
    try:
        fill(store, results, RECORDS)
        with store.engine.begin() as conn:
            ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM events ORDER BY id")]
            assert len(ids) >= 8
            conn.exec_driver_sql("UPDATE events SET event_date = NULL WHERE id IN (?, ?)", (ids[0], ids[1]))
            conn.exec_driver_sql("UPDATE events SET event_date = '1999-02-03' WHERE id = ?", (ids[2],))
            conn.exec_driver_sql("UPDATE events SET notes = coalesce(notes, '') || ' near Qarlunbek' WHERE id IN (?, ?, ?, ?)",
                                 (ids[0], ids[2], ids[3], ids[4]))
            conn.exec_driver_sql("UPDATE events SET review_state = 'verified' WHERE id = ?", (ids[5],))
            conn.exec_driver_sql("DELETE FROM events WHERE id = ?", (ids[6],))
        kept, wanted = index_keys(store)
        assert kept == wanted
        probes = ["qarlunbek", "QARLUN", *sorted(words_of(store))[:25]]
        checked = 0
        for value in probes:
            for sort in ("newest", "oldest"):
                expected = dated_order(store, value, sort)
                for size in (1, 2, 3, 5, 500):
                    got = [e["id"] for e in store.events(EventQuery(text=value, limit=size, sort=sort))]
                    assert got == expected[:size], (value, sort, size)
                pages, after = [], None
                while True:  # two at a time, as far as the cursor reaches (not past an undated event)
                    rows = store.events(EventQuery(text=value, limit=2, sort=sort, after=after))
                    pages += [e["id"] for e in rows]
                    after = store.position(rows[-1], sort) if len(rows) == 2 else None
                    if after is None:
                        break
                assert pages == expected[:len(pages)] and len(pages) >= min(len(expected), 2), (value, sort)
                checked += len(expected) >= 3
        assert checked >= 6
        # the substring test folds case beyond ASCII as the index does (SQLite's lower() and LIKE
        # fold ASCII only: the test asks for each case of the non-ASCII letters), and a page
        # starts with the newest of the matches the search without a page finds
        with store.engine.begin() as conn:
            conn.exec_driver_sql("UPDATE events SET notes = 'near ÖSTERVIK' WHERE id IN (?, ?)", (ids[3], ids[4]))
            conn.exec_driver_sql("UPDATE events SET notes = 'near östervik', event_date = '1990-01-01', background = 0 WHERE id = ?", (ids[7],))
        unpaged = [e["id"] for e in store.events(EventQuery(text="östervik"))]
        assert sorted(unpaged) == sorted([ids[3], ids[4], ids[7]]) and unpaged[-1] == ids[7]
        assert [e["id"] for e in store.events(EventQuery(text="Östervik", limit=1))] == unpaged[:1]
        # one actor is served by the same index, in the actor columns only
        actor = next(a for a in (e["actor1"] for e in store.events(EventQuery())) if a and len(a) > 5)[:5]
        expected = [e["id"] for e in store.events(EventQuery(actor=actor))]
        assert [e["id"] for e in store.events(EventQuery(actor=actor, limit=3))] == expected[:3]
    finally:
        store.close()
