"""Hostile and broken input on the command line: one clear line, the right exit code, nothing lost."""

from __future__ import annotations

import json

import pytest
from support.cli import no_traceback, run, sql

ATTACK = "Gunmen killed five villagers in Garissa, Kenya, on Monday, police said."


@pytest.mark.parametrize("published", ["0001-01-01", "3000-01-01", "9999-12-31"])
@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_a_publication_date_outside_the_world_is_a_usage_error(tmp_path, command, published):
    path = tmp_path / "a.txt"
    path.write_text(ATTACK)
    db = tmp_path / "store.db"
    args = [command, str(path), "--published", published] + (["--db", str(db)] if command == "ingest" else [])
    done = run(*args)
    assert done.returncode == 2
    assert "Invalid value for '--published'" in done.stderr and no_traceback(done.stderr)
    assert ("before 1900-01-01" if published < "1900" else "in the future") in done.stderr
    assert not db.exists()


def test_a_future_or_ancient_date_in_a_record_skips_that_line_only(tmp_path):
    corpus = tmp_path / "dates.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in [
        {"id": "ok", "text": ATTACK, "published": "2024-03-05"},
        {"id": "future", "text": ATTACK, "published": "2999-03-05"},
        {"id": "ancient", "text": ATTACK, "published": "0001-01-01"},
    ]))
    done = run("extract", str(corpus), "-f", "jsonl")
    assert done.returncode == 1 and no_traceback(done.stderr)
    assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == ["ok"]
    assert f"{corpus}: line 2: \"published\": 2999-03-05 is in the future" in done.stderr
    assert f"{corpus}: line 3: \"published\": 0001-01-01 is before 1900-01-01" in done.stderr


def _surrogate_corpus(tmp_path):
    corpus = tmp_path / "surrogate.jsonl"
    corpus.write_text(
        json.dumps({"id": "a", "text": ATTACK, "published": "2024-03-05"}) + "\n"
        + '{"id": "s", "text": "Gunmen killed five people \\ud800 in Garissa on Monday.", "published": "2024-03-05"}\n'
        + json.dumps({"id": "b", "text": "Police arrested ten protesters in Nairobi on Tuesday.", "published": "2024-03-06"}) + "\n"
    )
    return corpus


def test_a_lone_surrogate_is_replaced_and_the_article_read_by_extract_and_ingest(tmp_path):
    corpus = _surrogate_corpus(tmp_path)
    done = run("extract", str(corpus), "-f", "jsonl")
    assert done.returncode == 0 and no_traceback(done.stderr)
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["id"] for r in results] == ["a", "s", "b"]
    assert "1 invalid character (lone surrogates) replaced with U+FFFD" in results[1]["warnings"]
    assert results[1]["events"]

    db = tmp_path / "store.db"
    done = run("ingest", str(corpus), "--db", str(db))
    assert done.returncode == 0 and no_traceback(done.stderr)
    assert sql(db, "select count(*) from articles") == [(3,)]


def test_a_lone_surrogate_does_not_stop_batch(tmp_path):
    corpus = _surrogate_corpus(tmp_path)
    out = tmp_path / "out"
    done = run("batch", str(corpus), str(out), "--workers", "1")
    assert done.returncode == 0 and no_traceback(done.stderr), done.stderr
    assert "3 articles, 0 failed" in done.stderr
    again = run("batch", str(corpus), str(out), "--workers", "1")
    assert again.returncode == 0 and "1 part (1 already done)" in again.stderr


def test_an_overlong_text_filter_is_a_usage_error_not_a_database_failure(tmp_path):
    done = run("events", "--db", str(tmp_path / "store.db"), "--text", "a" * 100_000)
    assert done.returncode == 2 and no_traceback(done.stderr)
    assert "Invalid value for '--text': longer than 200 characters" in done.stderr


def test_a_minimum_toll_beyond_64_bits_is_a_usage_error(tmp_path):
    done = run("events", "--db", str(tmp_path / "store.db"), "--min-fatalities", str(2**63))
    assert done.returncode == 2 and no_traceback(done.stderr)
    assert "Invalid value for '--min-fatalities'" in done.stderr


def test_an_article_the_pipeline_fails_on_is_one_line_and_exit_1_not_a_written_result(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ATTACK)
    # a budget no article can meet: every article runs over it (clashwatch.pipeline.TIME_BUDGET_ENV)
    done = run("extract", str(path), "--published", "2024-03-05", "-f", "jsonl", env={"CLASHWATCH_TIME_BUDGET": "0.000001"})
    assert done.returncode == 1 and no_traceback(done.stderr)
    assert done.stdout == ""
    errors = [line for line in done.stderr.splitlines() if line.startswith("clashwatch: error:")]
    assert errors == [f"clashwatch: error: {path}: analysis failed (ArticleTimeout: " + errors[0].split("(ArticleTimeout: ", 1)[1]]
    assert "0 articles analysed" in done.stderr and "1 article failed in analysis" in done.stderr
    debug = run("--debug", "extract", str(path), "--published", "2024-03-05", env={"CLASHWATCH_TIME_BUDGET": "0.000001"})
    assert debug.returncode == 1 and "clashwatch: debug: extraction failed for article a:" in debug.stderr


@pytest.mark.parametrize("fmt", ["acled", "table", "jsonl"])
def test_a_web_address_that_cannot_be_read_is_no_host_and_no_failure(tmp_path, fmt):
    # "http://[::1" raises in urllib; the outlet falls back to nothing, the article is read
    corpus = tmp_path / "urls.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in [
        {"id": "bad", "text": ATTACK, "published": "2024-03-05", "url": "http://[::1"},
        {"id": "good", "text": ATTACK, "published": "2024-03-05", "url": "https://www.nation.co.ke/news/1"},
    ]))
    done = run("extract", str(corpus), "-f", fmt)
    assert done.returncode == 0 and no_traceback(done.stderr), done.stderr
    assert "nation.co.ke" in done.stdout
    db = tmp_path / "store.db"
    done = run("ingest", str(corpus), "--db", str(db))
    assert done.returncode == 0 and no_traceback(done.stderr), done.stderr
    assert sql(db, "select count(*) from articles") == [(2,)]
