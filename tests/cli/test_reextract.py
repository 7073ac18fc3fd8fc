"""`clashwatch reextract` on a real store: articles made by another extractor version are
re-extracted, their events re-merged and re-estimated; the others are left alone."""

from __future__ import annotations

from support.cli import invoke
from support.paths import REPO

import pytest
from sqlalchemy import create_engine, text

from clashwatch.pipeline import get_pipeline

CORPUS = REPO / "examples" / "corpus" / "articles.jsonl"
OLD = "clashwatch 0.0.1+0123456789ab (en_core_web_sm 3.7.0)"


def rows(url: str, sql: str) -> list[tuple]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]
    finally:
        engine.dispose()


def run_sql(url: str, *statements: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            for statement in statements:
                conn.execute(text(statement))
    finally:
        engine.dispose()


EVENTS = "SELECT id, event_type, sub_event_type, fatalities, fatalities_low, fatalities_high, n_mentions, n_articles FROM events ORDER BY id"
CLAIMS = "SELECT article_id, kind, low, high, source, current FROM claims ORDER BY article_id, local_claim_id, current"


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_store_made_by_an_older_extractor_is_brought_up_to_date(backend, tmp_path, request):
    url = f"sqlite:///{tmp_path / 'desk.db'}" if backend == "sqlite" else request.getfixturevalue("fresh_postgres_db")
    done = invoke("ingest", str(CORPUS), "--db", url, "-q")
    assert done.exit_code == 0, done.stderr
    current = get_pipeline().version
    assert {v for (v,) in rows(url, "SELECT extractor_version FROM articles WHERE duplicate_of IS NULL")} == {current}
    events, claims = rows(url, EVENTS), rows(url, CLAIMS)
    assert invoke("reextract", "--db", url, "--dry-run").stdout.startswith("0 articles to re-extract")

    # Pretend two articles were read by an older extractor that got them wrong (no claims,
    # an absurd toll) and one by a clashwatch too old to record its version.
    [(first,), (second,), (third,)] = rows(url, "SELECT id FROM articles WHERE duplicate_of IS NULL ORDER BY id LIMIT 3")
    run_sql(
        url,
        f"UPDATE articles SET extractor_version = '{OLD}' WHERE id IN ('{first}', '{second}')",
        f"UPDATE articles SET extractor_version = NULL WHERE id = '{third}'",
        f"DELETE FROM claims WHERE article_id IN ('{first}', '{second}') AND current",
        f"UPDATE mentions SET event_type = 'Protests', sub_event_type = 'Peaceful protest' WHERE article_id = '{first}'",
        f"UPDATE events SET fatalities = 999 WHERE id IN (SELECT event_id FROM mentions WHERE article_id = '{first}')",
    )
    others_before = rows(url, f"SELECT id, updated_at FROM articles WHERE id NOT IN ('{first}', '{second}', '{third}') ORDER BY id")
    assert rows(url, EVENTS) != events

    assert invoke("reextract", "--db", url, "--dry-run").stdout.startswith("3 articles to re-extract")
    result = invoke("reextract", "--db", url)
    assert result.exit_code == 0, result.stderr
    assert "3 articles re-extracted with " + current in result.stderr

    # the events, tolls and claims are what a fresh ingest made; the other articles untouched
    assert rows(url, EVENTS) == events
    assert rows(url, CLAIMS) == claims
    assert {v for (v,) in rows(url, "SELECT extractor_version FROM articles WHERE duplicate_of IS NULL")} == {current}
    assert rows(url, f"SELECT id, updated_at FROM articles WHERE id NOT IN ('{first}', '{second}', '{third}') ORDER BY id") == others_before
    # nothing left: a second run does nothing
    assert invoke("reextract", "--db", url, "--dry-run").stdout.startswith("0 articles to re-extract")


def test_where_chooses_articles_and_a_bad_condition_is_one_line(tmp_path):
    db = tmp_path / "desk.db"
    assert invoke("ingest", str(CORPUS), "--db", str(db), "-q").exit_code == 0
    url = f"sqlite:///{db}"
    run_sql(url, f"UPDATE articles SET extractor_version = '{OLD}'")
    [(herald,)] = rows(url, "SELECT count(*) FROM articles WHERE outlet = 'Lakeside Herald' AND duplicate_of IS NULL")
    [(stale,)] = rows(url, "SELECT count(*) FROM articles WHERE duplicate_of IS NULL")
    some = invoke("reextract", "--db", str(db), "--where", "outlet = 'Lakeside Herald'")
    assert some.exit_code == 0 and f"{herald} articles re-extracted" in some.stderr
    # resumable: the next run takes only what is left
    assert invoke("reextract", "--db", str(db), "--dry-run").stdout.startswith(f"{stale - herald} articles to re-extract")
    bad = invoke("reextract", "--db", str(db), "--where", "no_such_column = 1")
    assert bad.exit_code == 2
    assert "Invalid value for '--where': the database refused 'no_such_column = 1'" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_an_article_the_new_extractor_fails_on_keeps_its_stored_extraction(tmp_path):
    db = tmp_path / "desk.db"
    assert invoke("ingest", str(CORPUS), "--db", str(db), "-q").exit_code == 0
    url = f"sqlite:///{db}"
    events, claims = rows(url, EVENTS), rows(url, CLAIMS)
    run_sql(url, f"UPDATE articles SET extractor_version = '{OLD}'")
    pipeline = get_pipeline()
    budget, pipeline.time_budget = pipeline.time_budget, 1e-9  # every article runs over its time budget
    try:
        failed = invoke("reextract", "--db", str(db))
    finally:
        pipeline.time_budget = budget
    assert failed.exit_code == 1
    assert "analysis failed" in failed.stderr and "its old extraction stays" in failed.stderr
    assert rows(url, EVENTS) == events and rows(url, CLAIMS) == claims  # nothing lost
    assert {v for (v,) in rows(url, "SELECT extractor_version FROM articles WHERE duplicate_of IS NULL")} == {OLD}
