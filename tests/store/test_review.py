"""Review in the store, on SQLite and a real PostgreSQL server, over the bundled corpus read by
the real pipeline: each correction, merge and split; event ids that stay; corrections that
survive a re-extraction whose article-local ids shifted and a new report joining; orphaned
corrections listed, never dropped; the audit trail in order; bad input refused."""

from __future__ import annotations

from support.paths import REPO

import datetime as dt
import json

import pytest
from sqlalchemy import func, select

import clashwatch
from clashwatch.article import make_article
from clashwatch.model import ArticleResult
from clashwatch.store import EventQuery, Store
from clashwatch.store import review as rv
from clashwatch.store import tables as t

CORPUS = REPO / "examples" / "corpus"
RECORDS = {r["id"]: r for r in (json.loads(line) for line in (CORPUS / "articles.jsonl").read_text(encoding="utf-8").splitlines() if line.strip())}
MANDERA_BUS = ["rvc-mandera-bus-0504", "gn-mandera-bus-0504", "lh-mandera-bus-0505"]
KISUMU_RIOT = "lh-kisumu-riot-0509"


@pytest.fixture(scope="module")
def results():
    return {r["id"]: res for r, res in zip(RECORDS.values(), clashwatch.extract_many(list(RECORDS.values())))}


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    url = f"sqlite:///{tmp_path / 'review.db'}" if request.param == "sqlite" else request.getfixturevalue("fresh_postgres_db")
    opened = Store.open(url)
    yield opened
    opened.close()


def article(article_id: str):
    r = RECORDS[article_id]
    return make_article(r["text"], id=r["id"], published=dt.date.fromisoformat(r["published"]), title=r["title"],
                        url=r["url"], outlet=r["source"])


def ingest(store: Store, results: dict, *ids: str) -> None:
    for article_id in ids:
        store.save(article(article_id), results[article_id])


def main_event(store: Store, article_id: str) -> str:
    with store.engine.connect() as conn:
        return conn.execute(select(t.mentions.c.event_id).where(t.mentions.c.article_id == article_id,
                                                                t.mentions.c.is_main.is_(True))).scalar_one()


def shifted(result: ArticleResult) -> ArticleResult:
    """The same reading with every article-local event id moved on by one (e1 -> e2, ...), as
    a newer extractor that found one more event earlier in the text would number them."""
    rename = {e.event_id: f"e{n + 2}" for n, e in enumerate(result.events)}
    return result.model_copy(update={
        "extractor_version": "clashwatch 99.0+newer (en_core_web_sm)",
        "events": [e.model_copy(update={"event_id": rename[e.event_id]}) for e in result.events],
        "claims": [c.model_copy(update={"event_id": rename.get(c.event_id, c.event_id)}) for c in result.claims],
    })


def without_events(result: ArticleResult) -> ArticleResult:
    """A reading that finds no event in the article any more."""
    return result.model_copy(update={"events": [], "claims": [c.model_copy(update={"event_id": None}) for c in result.claims]})


# --------------------------------------------------------------------------- each operation


def test_each_correction_shows_the_analysts_value_and_keeps_the_machines(store, results):
    ingest(store, results, *MANDERA_BUS)
    event_id = main_event(store, MANDERA_BUS[0])
    machine = store.event(event_id)
    assert machine["review_state"] == "machine" and 0 < machine["confidence"] <= 1 and machine["priority"] > 0

    store.correct(event_id, who="ana", why="the police statement of 5 May",
                  type=rv.check_type(None, "Armed clash"), date=rv.check_date("2024-05-03"),
                  place=rv.parse_place("187896"), actors=rv.check_actors("Al-Shabaab", "Police Forces of Kenya (2022-)"),
                  fatalities=rv.parse_fatalities("7/6-9"))
    e = store.event(event_id)
    assert (e["event_type"], e["sub_event_type"]) == ("Battles", "Armed clash")
    assert (e["event_date"], e["time_precision"]) == (dt.date(2024, 5, 3), "day")
    assert (e["location"], e["geonameid"], e["country_code"]) == ("Mandera", 187896, "KE")
    assert (e["actor1"], e["actor2"]) == ("Al-Shabaab", "Police Forces of Kenya (2022-)")
    assert (e["fatalities_low"], e["fatalities"], e["fatalities_high"]) == (6, 7, 9)
    assert e["review_state"] == "corrected" and e["review_note"] == "the police statement of 5 May"
    # the machine's figures stay beside the analyst's, and the rationale says whose the toll is
    assert e["machine"]["fatalities"] == machine["fatalities"] and e["machine"]["event_type"] == machine["event_type"]
    assert e["rationale"][0]["rule"] == "analyst" and "ana" in e["rationale"][0]["detail"]
    # listings and totals read the corrected values
    assert [r["id"] for r in store.events(EventQuery(event_type=("Armed clash",)))] == [event_id]
    assert store.stats()["fatalities"] == sum(r["fatalities"] or 0 for r in store.events())

    store.mark(event_id, "verify", who="ben", why="checked twice")
    assert store.event(event_id)["review_state"] == "verified"
    store.mark(event_id, "reject", who="ben", why="a training exercise, not an attack")
    assert store.event(event_id)["review_state"] == "rejected"
    assert event_id not in {r["id"] for r in store.events()}
    assert store.stats()["events"] == len(store.events()) == store.stats(EventQuery(include_rejected=True))["events"] - 1
    assert [r["id"] for r in store.events(EventQuery(review_state=("rejected",)))] == [event_id]
    assert [c["field"] for c in store.corrections(event_id)] == ["type", "date", "place", "actors", "fatalities", "verify", "reject"]


def test_the_queue_puts_the_deadly_and_unsure_first_and_leaves_reviewed_events_out(store, results):
    ingest(store, results, *RECORDS)
    queue = store.review_queue(limit=100)
    assert len(queue) == len(store.events())
    priorities = [e["priority"] for e in queue]
    assert priorities == sorted(priorities, reverse=True)
    deadliest = max(store.events(), key=lambda e: e["fatalities"] or 0)
    assert queue[0]["fatalities"] >= 1 and queue.index(next(e for e in queue if e["id"] == deadliest["id"])) < 3
    store.mark(queue[0]["id"], "verify", who="ana", why="done")
    assert queue[0]["id"] not in {e["id"] for e in store.review_queue(limit=100)}
    assert [e["id"] for e in store.review_queue(states=("verified",))] == [queue[0]["id"]]
    page = store.review_queue(limit=2)
    rest = store.review_queue(limit=100, after=(page[-1]["priority"], page[-1]["id"]))
    assert [e["id"] for e in page + rest] == [e["id"] for e in store.review_queue(limit=100)]


# --------------------------------------------------------------------------- what survives what


def test_an_event_keeps_its_id_when_a_report_joins(store, results):
    ingest(store, results, *MANDERA_BUS[:2])
    first = main_event(store, MANDERA_BUS[0])
    ingest(store, results, MANDERA_BUS[2])
    assert main_event(store, MANDERA_BUS[2]) == main_event(store, MANDERA_BUS[0]) == first
    keys = sorted(m["key"] for m in store.event(first)["mentions"])
    joined = next(m["key"] for m in store.event(first)["mentions"] if m["article_id"] == MANDERA_BUS[2])
    # the new report's key is the event's smallest: an id made from the smallest key would have changed
    assert joined == keys[0] and first != "ev_" + joined[:16]


def test_a_corrected_event_survives_reextraction_and_a_new_report(store, results):
    ingest(store, results, *MANDERA_BUS[:2])
    event_id = main_event(store, MANDERA_BUS[0])
    store.correct(event_id, who="ana", why="hospital figures", fatalities=rv.parse_fatalities("9/8-11"),
                  type=rv.check_type("Battles", "Armed clash"))
    store.mark(event_id, "verify", who="ana", why="two sources agree")

    # a newer extractor numbers the article's events differently: the corrections find their event
    for article_id in MANDERA_BUS[:2]:
        store.replace_extraction(store.stored_article(article_id), shifted(results[article_id]))
    assert main_event(store, MANDERA_BUS[0]) == event_id
    assert store.event(event_id)["mentions"][0]["local_event_id"] == "e2"

    # and a third outlet's report joins the event
    ingest(store, results, MANDERA_BUS[2])
    e = store.event(event_id)
    assert main_event(store, MANDERA_BUS[2]) == event_id and e["n_articles"] == 3
    assert (e["fatalities"], e["fatalities_low"], e["fatalities_high"], e["sub_event_type"]) == (9, 8, 11, "Armed clash")
    assert e["review_state"] == "verified"
    assert e["machine"]["fatalities"] is not None
    assert store.corrections(orphaned=True) == []


def test_merge_then_split_gives_back_the_original_events(store, results):
    ingest(store, results, MANDERA_BUS[0], KISUMU_RIOT)
    a, b = main_event(store, MANDERA_BUS[0]), main_event(store, KISUMU_RIOT)
    fields = ("id", "event_type", "sub_event_type", "event_date", "location", "fatalities", "n_mentions", "review_state")
    original = {e["id"]: tuple(e[f] for f in fields) for e in store.events()}
    riot_key = store.event(b)["mentions"][0]["key"]

    merged = store.merge_events(a, b, who="ana", why="the same day's unrest")
    assert merged in (a, b)
    after_merge = store.event(merged)
    assert after_merge["n_mentions"] == 2 and after_merge["review_state"] == "corrected"
    gone = ({a, b} - {merged}).pop()
    assert store.event(gone) is None
    assert "merged by an analyst" in json.dumps([m["merge_reason"] for m in after_merge["mentions"]])

    ids = store.split_mention(merged, riot_key, who="ana", why="no: Kisumu is 600 km away")
    assert sorted(ids) == sorted([a, b])
    now = {e["id"]: tuple(e[f] for f in fields) for e in store.events()}
    changed = {k for k in now if now[k][:-1] != original[k][:-1]}
    assert set(now) == set(original) and not changed
    # a rebuild (the article read again) makes the same split again
    store.replace_extraction(store.stored_article(MANDERA_BUS[0]), results[MANDERA_BUS[0]])
    assert main_event(store, MANDERA_BUS[0]) != main_event(store, KISUMU_RIOT)


def test_a_correction_whose_event_vanished_is_listed_as_orphaned(store, results):
    ingest(store, results, MANDERA_BUS[0])
    event_id = main_event(store, MANDERA_BUS[0])
    store.correct(event_id, who="ana", why="checked", fatalities=rv.parse_fatalities("4"))
    store.replace_extraction(store.stored_article(MANDERA_BUS[0]), without_events(results[MANDERA_BUS[0]]))
    assert store.event(event_id) is None
    [orphan] = store.corrections(orphaned=True)
    assert (orphan["event_id"], orphan["field"], orphan["applied_to"]) == (event_id, "fatalities", None)
    assert len(store.corrections()) == 1  # kept, not dropped
    # the old reading back (its sentence found again): the correction applies again
    store.replace_extraction(store.stored_article(MANDERA_BUS[0]), results[MANDERA_BUS[0]])
    assert store.corrections(orphaned=True) == []
    assert store.event(main_event(store, MANDERA_BUS[0]))["fatalities"] == 4


def test_an_orphaned_correction_follows_its_report_into_another_event(store, results):
    ingest(store, results, MANDERA_BUS[0])
    event_id = main_event(store, MANDERA_BUS[0])
    store.correct(event_id, who="ana", why="checked", fatalities=rv.parse_fatalities("4"))
    store.replace_extraction(store.stored_article(MANDERA_BUS[0]), without_events(results[MANDERA_BUS[0]]))
    ingest(store, results, MANDERA_BUS[1])  # another outlet's report: a new event
    other = main_event(store, MANDERA_BUS[1])
    assert other != event_id and len(store.corrections(orphaned=True)) == 1
    # the first report read again joins that event: the correction follows it there
    store.replace_extraction(store.stored_article(MANDERA_BUS[0]), results[MANDERA_BUS[0]])
    assert main_event(store, MANDERA_BUS[0]) == other
    assert store.corrections(orphaned=True) == []
    assert store.event(other)["fatalities"] == 4 and store.corrections(other)[0]["applied_to"] == other


def test_the_audit_trail_lists_every_change_in_order(store, results):
    ingest(store, results, MANDERA_BUS[0], KISUMU_RIOT)
    a, b = main_event(store, MANDERA_BUS[0]), main_event(store, KISUMU_RIOT)
    store.correct(a, who="ana", why="one", date=rv.check_date("2024-05-04"))
    store.mark(b, "verify", who="ben", why="two")
    merged = store.merge_events(a, b, who="cy", why="three")
    key = next(m["key"] for m in store.event(merged)["mentions"] if m["article_id"] == KISUMU_RIOT)
    store.split_mention(merged, key, who="di", why="four")
    store.mark(a, "reject", who="ed", why="five")
    trail = store.corrections()
    assert [(c["field"], c["who"], c["why"]) for c in trail] == [
        ("date", "ana", "one"), ("verify", "ben", "two"), ("merge", "cy", "three"), ("split", "di", "four"), ("reject", "ed", "five")]
    assert [c["id"] for c in trail] == sorted(c["id"] for c in trail)
    assert all(c["at"].tzinfo is not None for c in trail)
    assert [c["at"] for c in trail] == sorted(c["at"] for c in trail)
    assert trail[0]["before"]["event_date"] != trail[0]["after"]["event_date"]


# --------------------------------------------------------------------------- bad input


def test_bad_input_is_one_line_and_stores_nothing(store, results):
    ingest(store, results, MANDERA_BUS[0])
    event_id = main_event(store, MANDERA_BUS[0])
    before = store.event(event_id)
    attempts = [
        (rv.UnknownTarget, "no event 'ev_nope'", lambda: store.correct("ev_nope", who="a", why="x", fatalities=rv.parse_fatalities("3"))),
        (rv.ReviewError, "a reason is required", lambda: store.correct(event_id, who="a", why="  ", fatalities=rv.parse_fatalities("3"))),
        (rv.ReviewError, "a reason is required", lambda: store.mark(event_id, "verify", who="a", why="")),
        (rv.ReviewError, "is not in clashwatch's gazetteer", lambda: rv.parse_place("999999999")),
        (rv.ReviewError, "is not a point", lambda: rv.parse_place("91,200")),
        (rv.ReviewError, "is not a place", lambda: rv.parse_place("Mandera")),
        (rv.ReviewError, "is negative", lambda: rv.parse_fatalities("-2")),
        (rv.ReviewError, "low <= best <= high", lambda: rv.parse_fatalities("5/6-9")),
        (rv.ReviewError, "not an ACLED event type", lambda: rv.check_type("Skirmish", None)),
        (rv.ReviewError, "sub-event type of Protests", lambda: rv.check_type("Battles", "Peaceful protest")),
        (rv.ReviewError, "is not a date", lambda: rv.check_date("5 May")),
        (rv.ReviewError, "with itself", lambda: store.merge_events(event_id, event_id, who="a", why="x")),
        (rv.UnknownTarget, "no event 'ev_nope'", lambda: store.merge_events(event_id, "ev_nope", who="a", why="x")),
        (rv.UnknownTarget, "is not in event", lambda: store.split_mention(event_id, "nokey", who="a", why="x")),
    ]
    for kind, words, attempt in attempts:
        with pytest.raises(kind) as caught:
            attempt()
        assert words in str(caught.value) and "\n" not in str(caught.value)
    with pytest.raises(rv.ReviewError, match="has one mention"):
        store.split_mention(event_id, before["mentions"][0]["key"], who="a", why="x")
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(t.corrections)).scalar_one() == 0
    assert store.event(event_id)["updated_at"] == before["updated_at"]


def test_a_store_from_before_review_is_upgraded(store, results):
    from alembic import command

    from clashwatch.store.migrate import _config, current, head, upgrade
    from clashwatch.store.transactions import write_transaction

    ingest(store, results, MANDERA_BUS[0])
    event_id = main_event(store, MANDERA_BUS[0])
    config = _config()
    with write_transaction(store.engine) as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0005")
    with store.engine.connect() as conn:
        assert "corrections" not in store.engine.dialect.get_table_names(conn)
    upgrade(store.engine)
    assert current(store.engine) == head()
    e = store.event(event_id)
    assert e["review_state"] == "machine" and e["created_at"] is not None and e["priority"] is None
    assert event_id in {r["id"] for r in store.review_queue()}
    store.mark(event_id, "verify", who="ana", why="an old event, checked")
    assert store.event(event_id)["review_state"] == "verified"
