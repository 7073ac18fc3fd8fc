"""The writer process (``writer.py``): saves what it is handed, in order, into a real store."""

from __future__ import annotations

import multiprocessing

import pytest

import clashwatch
from clashwatch.article import from_mapping
from clashwatch.store import Store
from clashwatch.writer import SaveProcess

TEXTS = {
    "a": "Gunmen killed five villagers in Garissa, Kenya, on Monday, police said.",
    "b": "Hundreds of teachers marched peacefully in Nairobi on Tuesday to demand higher pay.",
    "c": "Soldiers clashed with militants near Mandera, Kenya, on Wednesday; three soldiers died.",
}


def articles():
    return [from_mapping({"id": key, "text": text, "published": "2024-03-05"}) for key, text in TEXTS.items()]


def test_it_saves_what_it_is_handed_in_order_and_ends(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    Store.open(url).close()  # migrated, as the ingest loop's store is
    found = articles()
    results = list(clashwatch.get_pipeline().extract_many(found))
    with SaveProcess(url) as writer:
        assert writer.ready(wait=60)
        for n, (article, result) in enumerate(zip(found, results)):
            writer.submit(n, article, result, recheck=n == 2)
        answers = []
        while writer.pending:
            answers += writer.results(block=True)
    assert [token for token, _ in answers] == [0, 1, 2]
    assert [saved.kind for _, saved in answers] == ["saved"] * 3
    assert [saved.outcome.status for _, saved in answers] == ["new"] * 3
    assert [saved.checked for _, saved in answers] == [None, None, "new"]  # asked again only for the last
    assert not multiprocessing.active_children()
    store = Store.open(url)
    try:
        assert store.counts()["articles"] == 3
        assert store.counts()["events"] == sum(len(r.events) for r in results)
    finally:
        store.close()


def test_an_article_the_store_must_extract_comes_back_asking_for_it(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    Store.open(url).close()
    with SaveProcess(url) as writer:
        writer.submit("x", articles()[0], None, recheck=False)
        [(token, saved)] = writer.results(block=True)
    assert (token, saved.kind) == ("x", "needs_extraction")


def test_a_store_it_cannot_open_is_a_one_line_error(tmp_path):
    path = tmp_path / "store.db"
    path.write_bytes(b"this is not a database" * 100)
    writer = SaveProcess(f"sqlite:///{path}").start()
    try:
        with pytest.raises(RuntimeError, match="^cannot use the database: file is not a database$"):
            writer.ready(wait=60)
    finally:
        writer.close(abandon=True)
    assert not multiprocessing.active_children()


def test_handing_over_many_articles_without_reading_the_answers_never_blocks(tmp_path):
    """Thousands of articles handed over before any answer is read: both pipes fill up,
    and the writer still takes every article (its answers wait in its own queue)."""
    import threading

    url = f"sqlite:///{tmp_path / 'store.db'}"
    Store.open(url).close()
    article = articles()[0]
    writer = SaveProcess(url).start()
    handed = threading.Event()

    def hand_over():
        for n in range(2000):
            writer.submit(n, article, None, recheck=False)  # each answered "needs_extraction"
        handed.set()

    try:
        threading.Thread(target=hand_over, daemon=True).start()
        assert handed.wait(120), "handing over blocked"
        answers = []
        while writer.pending:
            answers += writer.results(block=True)
        assert [token for token, _ in answers] == list(range(2000))
    finally:
        writer.close(abandon=True)
