"""The outlets each event keeps (``events.outlets``), on SQLite and a real PostgreSQL server:
written with the event from its mentions' articles, in order of publication; following
merges, splits and a changed outlet; filled by migration 0009 for events stored before."""

from __future__ import annotations

import datetime as dt
import warnings

import pytest
from alembic import command
from sqlalchemy import select

from clashwatch.article import make_article
from clashwatch.store import Store
from clashwatch.store import tables as t
from clashwatch.store.migrate import _config, upgrade
from clashwatch.store.outlets import outlet_names, outlets_of_events
from clashwatch.store.transactions import write_transaction

from test_review import MANDERA_BUS, article, ingest, main_event, results, store  # noqa: F401  (fixtures)


def kept(store: Store) -> dict[str, list[str]]:
    with store.engine.connect() as conn:
        return {i: o for i, o in conn.execute(select(t.events.c.id, t.events.c.outlets))}


def recomputed(store: Store) -> dict[str, list[str]]:
    with store.engine.connect() as conn:
        ids = [i for (i,) in conn.execute(select(t.events.c.id))]
        return outlets_of_events(conn, ids)


def test_names_come_once_in_order_of_publication_and_hosts_stand_in_for_missing_outlets():
    later, earlier = dt.datetime(2024, 5, 5), dt.datetime(2024, 5, 4)
    reports = [(later, "k3", "Lakeside Herald", None), (earlier, "k2", "Global Newswire", None),
               (earlier, "k1", "", "https://www.riftvalley.example/a"), (later, "k4", "Global Newswire", None),
               (None, "k0", None, None)]
    assert outlet_names(reports) == ["riftvalley.example", "Global Newswire", "Lakeside Herald"]


def test_an_event_keeps_the_outlets_of_its_reports_whichever_arrives_first(store, results):  # noqa: F811
    ingest(store, results, MANDERA_BUS[2], MANDERA_BUS[0], MANDERA_BUS[1])
    event_id = main_event(store, MANDERA_BUS[0])
    outlets = kept(store)[event_id]
    assert outlets[-1] == "Lakeside Herald"  # published a day after the other two
    assert set(outlets) == {"Rift Valley Courier", "Global Newswire", "Lakeside Herald"}
    assert kept(store) == recomputed(store)


def test_outlets_follow_a_split_a_merge_and_a_new_outlet_name(store, results):  # noqa: F811
    ingest(store, results, *MANDERA_BUS)
    event_id = main_event(store, MANDERA_BUS[0])
    with store.engine.connect() as conn:
        key = conn.execute(select(t.mentions.c.key).where(t.mentions.c.event_id == event_id,
                                                          t.mentions.c.article_id == MANDERA_BUS[2])).scalar_one()
    store.split_mention(event_id, key, who="ana", why="a different attack")
    assert "Lakeside Herald" not in kept(store)[main_event(store, MANDERA_BUS[0])]
    assert kept(store)[main_event(store, MANDERA_BUS[2])] == ["Lakeside Herald"]
    assert kept(store) == recomputed(store)
    store.merge_events(main_event(store, MANDERA_BUS[0]), main_event(store, MANDERA_BUS[2]), who="ana", why="the same attack")
    assert "Lakeside Herald" in kept(store)[main_event(store, MANDERA_BUS[0])]
    old = article(MANDERA_BUS[2])  # a new version, under the outlet's new name
    renamed = make_article(old.text + " Police said investigations were continuing.", id=old.id, published=old.published,
                           title=old.title, url=old.url, outlet="The Lakeside Herald")
    assert store.save(renamed, results[MANDERA_BUS[2]]).status == "updated"
    assert "The Lakeside Herald" in kept(store)[main_event(store, MANDERA_BUS[0])]
    assert kept(store) == recomputed(store)


def test_migration_0009_fills_the_outlets_of_events_stored_before(store, results):  # noqa: F811
    ingest(store, results, *MANDERA_BUS)
    before = kept(store)
    assert any(before.values())
    config = _config()
    with write_transaction(store.engine) as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0008")
    with store.engine.connect() as conn, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PostGIS's geography column, unknown to SQLAlchemy
        assert "outlets" not in {c["name"] for c in store.engine.dialect.get_columns(conn, "events")}
    upgrade(store.engine)
    assert kept(store) == before
    with store.engine.connect() as conn:  # the view still lists each event once, outlets '; '-separated
        rows = conn.exec_driver_sql("SELECT id, outlets FROM events_with_outlets").all()
    assert len(rows) == len(before)
    assert any(o and "; " in o for _, o in rows)
