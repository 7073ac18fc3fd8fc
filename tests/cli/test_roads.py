"""One road in: `extract` reads what `ingest` reads, and a missing date has one rule on every road."""

from __future__ import annotations

import datetime as dt
import json
import os

from support.cli import invoke, sql

import clashwatch
from clashwatch.article import NO_DATE_WARNING

ATTACK = "Gunmen killed five villagers in Garissa, Kenya, on Monday, police said."
FILE_WARNING = "no publication date in the input: the file's modification date (2023-07-14) was used"


def _undated_file(tmp_path):
    path = tmp_path / "garissa.txt"
    path.write_text(ATTACK)
    when = dt.datetime(2023, 7, 14, 12, 0).timestamp()
    os.utime(path, (when, when))
    return path


def test_extract_tells_a_jsonl_corpus_by_its_content(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"r{i}", "text": ATTACK, "published": "2024-03-05"}) + "\n" for i in range(3)))
    res = invoke("extract", str(corpus), "--format", "jsonl")
    assert res.exit_code == 0, res.stderr
    assert [json.loads(line)["id"] for line in res.stdout.splitlines()] == ["r0", "r1", "r2"]
    assert "3 articles analysed" in res.stderr
    # the same corpus named .txt is still a corpus: the content decides
    renamed = tmp_path / "corpus.txt"
    renamed.write_bytes(corpus.read_bytes())
    assert len(invoke("extract", str(renamed), "-f", "jsonl").stdout.splitlines()) == 3
    # and --input still overrides: read as one text, it is one article
    assert len(invoke("extract", "--input", "text", str(corpus), "-f", "jsonl").stdout.splitlines()) == 1


def test_an_undated_file_gets_the_same_date_and_warning_by_every_road(tmp_path):
    path = _undated_file(tmp_path)
    seen = []
    for args in (["extract", str(path)], ["extract", "--input", "text", str(path)], ["extract", "--input", "auto", str(path)]):
        res = invoke(*args, "--format", "json")
        assert res.exit_code == 0, res.stderr
        result = json.loads(res.stdout)
        seen.append((result["published"], result["reference_date"]))
        assert FILE_WARNING in result["warnings"] and FILE_WARNING in res.stderr
    assert seen == [("2023-07-14", "2023-07-14")] * 3

    db = tmp_path / "store.db"
    res = invoke("ingest", str(path), "--db", str(db))
    assert res.exit_code == 0, res.stderr
    assert FILE_WARNING in res.stderr
    assert sql(db, "select published, published_origin from articles") == [("2023-07-14", "file")]


def test_a_given_date_wins_over_the_file_on_every_road(tmp_path):
    path = _undated_file(tmp_path)
    result = json.loads(invoke("extract", str(path), "--published", "2024-03-05", "-f", "json").stdout)
    assert (result["published"], result["warnings"]) == ("2024-03-05", [])
    db = tmp_path / "store.db"
    invoke("ingest", str(path), "--db", str(db), "--published", "2024-03-05")
    assert sql(db, "select published, published_origin from articles") == [("2024-03-05", "given")]


def test_an_undated_record_resolves_against_today_with_a_warning_on_every_road(tmp_path):
    today = dt.date.today().isoformat()
    corpus = tmp_path / "undated.jsonl"
    corpus.write_text(json.dumps({"id": "u1", "text": ATTACK}) + "\n")

    by_cli = json.loads(invoke("extract", str(corpus), "-f", "jsonl").stdout)
    by_python = next(clashwatch.extract_many([{"id": "u1", "text": ATTACK}])).model_dump(mode="json")
    for result in (by_cli, by_python):
        assert result["published"] is None and result["reference_date"] == today
        assert NO_DATE_WARNING in result["warnings"]

    db = tmp_path / "store.db"
    assert invoke("ingest", str(corpus), "--db", str(db)).exit_code == 0
    assert sql(db, "select published, published_origin from articles") == [(None, None)]
