"""The ingest loop (``ingest.py``): any reader's articles into a real SQLite store, counted."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest

import clashwatch
from clashwatch.ingest import Ingester, expand_inputs
from clashwatch.store import Store

ATTACK = "Gunmen killed five villagers in Garissa, Kenya, on Monday, police said."
PROTEST = "Hundreds of teachers marched peacefully in Nairobi on Tuesday to demand higher pay."


@pytest.fixture
def store(tmp_path):
    opened = Store.open(f"sqlite:///{tmp_path / 'ingest.db'}")
    yield opened
    opened.close()


def run(store, files, **options) -> tuple[Ingester, list]:
    errors: list = []
    ingester = Ingester(store, clashwatch.get_pipeline(), batch_size=2, on_error=lambda o, r: errors.append((o, r)), **options)
    ingester.run(files)
    return ingester, errors


def test_records_are_stored_once_and_counted(store):
    records = [
        {"id": "a", "text": ATTACK, "published": "2024-03-05", "source": "Nation"},
        {"id": "b", "text": PROTEST, "published": "2024-03-06"},
    ]
    first = Ingester(store, clashwatch.get_pipeline()).ingest_records(records)
    assert (first.new, first.unchanged, first.failed) == (2, 0, 0)
    assert store.counts()["articles"] == 2
    assert store.article("a")["outlet"] == "Nation"
    again = Ingester(store, clashwatch.get_pipeline()).ingest_records(records)
    assert (again.new, again.unchanged) == (0, 2)
    assert store.counts()["articles"] == 2


def test_a_bad_line_and_an_impossible_date_fail_alone(store, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    lines = [
        json.dumps({"id": "ok1", "text": ATTACK, "published": "2024-03-05"}),
        "{not json",
        json.dumps({"id": "broken", "text": "Gunmen killed five people in Garissa.", "published": "2999-03-05"}),
        json.dumps({"id": "ok2", "text": PROTEST, "published": "2024-03-06"}),
    ]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    progress: list[int] = []
    ingester, errors = run(store, expand_inputs([str(corpus)]), on_progress=lambda done, stats: progress.append(done))
    assert (ingester.stats.new, ingester.stats.failed) == (2, 2)
    assert [origin for origin, _ in errors] == [f"{corpus}: line 2", f"{corpus}: line 3"]
    assert "not valid JSON" in errors[0][1] and "2999-03-05 is in the future" in errors[1][1]
    assert store.article("ok1") and store.article("ok2") and store.article("broken") is None
    assert progress == sorted(progress) and progress[-1] == corpus.stat().st_size


def test_an_undated_text_file_is_stored_with_its_file_date_and_origin(store, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(ATTACK)
    when = dt.datetime(2024, 3, 5, 9, 0).timestamp()
    os.utime(path, (when, when))
    warnings: list = []
    ingester, _ = run(store, expand_inputs([str(path)]), on_warning=lambda origin, w: warnings.append(w))
    assert ingester.stats.new == 1
    row = store.article("report")
    assert (row["published"], row["published_origin"]) == (dt.date(2024, 3, 5), "file")
    assert any("modification date (2024-03-05)" in w for w in warnings)


def test_a_given_date_wins_and_is_recorded_as_given(store, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(ATTACK)
    ingester, _ = run(store, expand_inputs([str(path)]), published=dt.date(2024, 1, 2))
    assert ingester.stats.new == 1
    row = store.article("report")
    assert (row["published"], row["published_origin"]) == (dt.date(2024, 1, 2), "given")



def test_saving_without_an_extraction_what_must_be_counted_asks_for_one(store):
    """The store's answer when a writer brings no extraction for an article it must count
    (new, or a copy another writer has just made the one to count): ``NeedsExtraction``,
    which the ingester answers by extracting that article and saving again."""
    from clashwatch.article import from_mapping
    from clashwatch.store import NeedsExtraction

    article = from_mapping({"id": "fresh", "text": ATTACK, "published": "2024-03-05"})
    with pytest.raises(NeedsExtraction, match="must be extracted"):
        store.save(article, None)
    assert store.counts()["articles"] == 0


# --------------------------------------------------------------------------- the writer process


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    from support.concurrent_writers import extract_cases, make_cases

    return extract_cases(make_cases(60, seed=5), tmp_path_factory.mktemp("cases") / "cases.json")


@pytest.fixture(params=["sqlite", "postgresql"])
def two_stores(request, tmp_path):
    """Two empty databases of one backend: (saved here, saved by the writer)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'here.db'}", f"sqlite:///{tmp_path / 'writer.db'}"
    from support.pgserver import create_fresh_database, drop_database_at

    urls = tuple(create_fresh_database(request.getfixturevalue("postgres_url")) for _ in range(2))
    for url in urls:
        request.addfinalizer(lambda url=url: drop_database_at(url))
    return urls


def test_saves_in_a_writer_process_make_the_store_saves_here_make(two_stores, cases):
    """``clashwatch ingest`` saves in a writer process: the same articles, events, mentions,
    claims and places as saving in this process, and the writer is gone afterwards."""
    import multiprocessing

    from support.concurrent_writers import Replay, differences, invariant_problems, load_cases, serial_store, snapshot

    here, url = two_stores
    serial_store(here, cases)
    records, results = load_cases(cases)
    store = Store.open(url)
    try:
        ingester = Ingester(store, Replay(results), batch_size=8, writer_process=True)
        assert ingester.start_writer(wait=60)
        stats = ingester.ingest_records(records, name="serial")
    finally:
        store.close()
    assert ingester.saves_in_writer >= stats.new + stats.updated + stats.duplicate > 40
    assert differences(snapshot(url), snapshot(here)) == []
    assert invariant_problems(url) == []
    assert not multiprocessing.active_children()


def test_a_stop_saves_what_the_writer_was_handed_and_no_more(tmp_path, cases):
    from support.concurrent_writers import Replay, load_cases

    records, results = load_cases(cases)
    store = Store.open(f"sqlite:///{tmp_path / 'writer.db'}")
    try:
        outcomes: list = []
        ingester = Ingester(store, Replay(results), batch_size=4, writer_process=True,
                            on_outcome=lambda origin, outcome, warnings: outcomes.append(outcome.status),
                            should_stop=lambda: len(outcomes) >= 10)
        assert ingester.start_writer(wait=60)
        stats = ingester.ingest_records(records)
        assert 10 <= stats.articles == len(outcomes) < len(records)
        assert store.counts()["articles"] == stats.new + stats.updated + stats.duplicate
    finally:
        store.close()

