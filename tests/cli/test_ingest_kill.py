"""Crash safety of `clashwatch ingest`: SIGKILL in the middle of a run loses nothing and
leaves nothing half-written, and running the same command again completes the store.

The database is the product, so it is checked with the standard library's sqlite3,
not through clashwatch: every article stored exactly once, nothing pointing at a missing
article, every stored article with all its mentions (each save is one transaction).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

N_ARTICLES = 1000

TOWNS = (
    ("Garissa", "Kenya"), ("Mandera", "Kenya"), ("Gao", "Mali"), ("Mopti", "Mali"), ("Maiduguri", "Nigeria"),
    ("Baidoa", "Somalia"), ("Beni", "the Democratic Republic of Congo"), ("Djibo", "Burkina Faso"),
    ("Kandahar", "Afghanistan"), ("Quetta", "Pakistan"), ("Goma", "the Democratic Republic of Congo"),
    ("Kismayo", "Somalia"),
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TEMPLATES = (
    "{n} people were killed on {day} when gunmen attacked a market in {town}, {country}, police said. "
    "Witnesses said the attackers fled on motorcycles.",
    "Fighting between the army and rebels near {town} in {country} left {n} soldiers dead on {day}, a military "
    "spokesman said. {m} others were wounded.",
    "A roadside bomb exploded near {town}, {country}, on {day}, killing {n} civilians, local officials said. "
    "No group claimed responsibility.",
    "Hundreds of protesters marched in {town}, {country}, on {day} to demand better security. "
    "Police fired tear gas and arrested {n} people.",
)


def short_articles(n: int, seed: int = 1) -> list[dict]:
    """``n`` articles of two or three sentences, deterministic for ``seed``."""
    out = []
    for i in range(n):
        r = random.Random(f"kill-test:{seed}:{i}")
        town, country = r.choice(TOWNS)
        published = dt.date(2023, 1, 1) + dt.timedelta(days=r.randrange(365))
        text = r.choice(TEMPLATES).format(n=r.randint(2, 40), m=r.randint(2, 20), day=r.choice(WEEKDAYS), town=town, country=country)
        text += f" Dispatch {seed}-{i:05d}."  # every text distinct: no re-published copies here
        out.append(
            {
                "id": f"k{i:05d}",
                "text": text,
                "published": published.isoformat(),
                "url": f"https://news.example.org/{i:05d}",
                "source": r.choice(("Example News", "Daily Example", "Example Wire")),
            }
        )
    return out


def ingest_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "clashwatch.cli", "ingest", *args]


def count_articles(db: str) -> int:
    if not os.path.exists(db):
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:  # the schema is not there yet
        return 0


def integrity(db: str) -> dict:
    conn = sqlite3.connect(db)
    try:
        q = lambda sql: conn.execute(sql).fetchall()  # noqa: E731
        return {
            "ids": [r[0] for r in q("SELECT id FROM articles ORDER BY id")],
            "orphan_mentions": q("SELECT count(*) FROM mentions m LEFT JOIN articles a ON a.id = m.article_id WHERE a.id IS NULL")[0][0],
            "orphan_claims": q("SELECT count(*) FROM claims c LEFT JOIN articles a ON a.id = c.article_id WHERE a.id IS NULL")[0][0],
            "orphan_places": q("SELECT count(*) FROM places p LEFT JOIN articles a ON a.id = p.article_id WHERE a.id IS NULL")[0][0],
            "claims_bad_mention": q(
                "SELECT count(*) FROM claims c LEFT JOIN mentions m ON m.id = c.mention_id "
                "WHERE c.mention_id IS NOT NULL AND m.id IS NULL"
            )[0][0],
            "mentions_without_event": q("SELECT count(*) FROM mentions WHERE event_id IS NULL")[0][0],
            "mentions_bad_event": q(
                "SELECT count(*) FROM mentions m LEFT JOIN events e ON e.id = m.event_id WHERE m.event_id IS NOT NULL AND e.id IS NULL"
            )[0][0],
            "events_without_mentions": q(
                "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.id)"
            )[0][0],
            "events_wrong_n_mentions": q(
                "SELECT count(*) FROM events e WHERE e.n_mentions != (SELECT count(*) FROM mentions m WHERE m.event_id = e.id)"
            )[0][0],
            "results": q("SELECT a.id, a.result, (SELECT count(*) FROM mentions m WHERE m.article_id = a.id) FROM articles a"),
            "fk_violations": q("PRAGMA foreign_key_check"),
            "integrity_check": q("PRAGMA integrity_check")[0][0],
        }
    finally:
        conn.close()


def test_sigkill_mid_run_then_rerun_completes_the_store(tmp_path):
    articles = short_articles(N_ARTICLES)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    db = str(tmp_path / "tmp.db")

    started = time.monotonic()
    # small batches: the kill lands between, or in the middle of, saves rather than in a long parse
    proc = subprocess.Popen(ingest_cmd(str(corpus), "--db", db, "--batch-size", "8"), cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stored_at_kill = 0
    try:
        while time.monotonic() - started < 150:
            if proc.poll() is not None:
                break
            stored_at_kill = count_articles(db)
            if stored_at_kill >= N_ARTICLES // 2:
                break
            time.sleep(0.02)
        assert proc.poll() is None, f"ingest ended before it could be killed: {proc.stderr.read().decode()[-2000:]}"
        proc.send_signal(signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    stored_after_kill = count_articles(db)
    assert 0 < stored_after_kill < N_ARTICLES, stored_after_kill

    # what a killed run left is consistent already
    state = integrity(db)
    assert state["integrity_check"] == "ok"
    assert state["orphan_mentions"] == state["orphan_claims"] == state["orphan_places"] == 0

    done = subprocess.run(ingest_cmd(str(corpus), "--db", db), cwd=tmp_path, capture_output=True, timeout=300)
    stderr = done.stderr.decode()
    assert done.returncode == 0, stderr[-3000:]
    assert "Traceback" not in stderr
    new = N_ARTICLES - stored_after_kill
    assert f"articles: {new:,} new, 0 updated, {stored_after_kill:,} unchanged, 0 duplicate, 0 failed" in stderr, stderr[-500:]

    state = integrity(db)
    expected = sorted(a["id"] for a in articles)
    assert state["ids"] == expected  # every article exactly once, under its own id (no "id~2" copies)
    assert len(state["ids"]) == N_ARTICLES
    for key in ("orphan_mentions", "orphan_claims", "orphan_places", "claims_bad_mention", "mentions_without_event",
                "mentions_bad_event", "events_without_mentions", "events_wrong_n_mentions"):
        assert state[key] == 0, key
    assert state["fk_violations"] == []
    assert state["integrity_check"] == "ok"
    # no partial article: every stored result has all its events as mentions
    with_events = 0
    for article_id, result, n_mentions in state["results"]:
        events = json.loads(result)["events"]
        assert n_mentions == len(events), article_id
        with_events += bool(events)
    assert with_events > N_ARTICLES // 2  # the corpus is about violent events: most articles have some

    # a third run changes nothing
    again = subprocess.run(ingest_cmd(str(corpus), "--db", db), cwd=tmp_path, capture_output=True, timeout=300)
    assert again.returncode == 0
    assert f"articles: 0 new, 0 updated, {N_ARTICLES:,} unchanged, 0 duplicate, 0 failed; events: 0 created, 0 merged" in again.stderr.decode()


def test_sigterm_stops_after_the_current_article(tmp_path):
    articles = short_articles(300, seed=2)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    db = str(tmp_path / "term.db")
    proc = subprocess.Popen(ingest_cmd(str(corpus), "--db", db, "--batch-size", "4"), cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    started = time.monotonic()
    try:
        while time.monotonic() - started < 120 and proc.poll() is None and count_articles(db) < 20:
            time.sleep(0.02)
        if proc.poll() is not None:
            pytest.fail(f"ingest ended before SIGTERM: {proc.stderr.read().decode()[-2000:]}")
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    stderr = err.decode()
    assert proc.returncode == 143, stderr[-2000:]
    assert "Traceback" not in stderr
    assert "stopped by SIGTERM" in stderr
    stored = count_articles(db)
    assert 20 <= stored < 300
    # the summary counts exactly what was stored
    assert f"articles: {stored:,} new, 0 updated, 0 unchanged, 0 duplicate, 0 failed" in stderr
    state = integrity(db)
    assert state["orphan_mentions"] == state["orphan_claims"] == state["mentions_without_event"] == 0
    for article_id, result, n_mentions in state["results"]:
        assert n_mentions == len(json.loads(result)["events"]), article_id
