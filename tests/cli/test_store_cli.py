"""The store commands run for real: `ingest`, `events`, `events show`, `export`, `db`.

A real SQLite file in a temporary folder, the real pipeline, the real command line (as a
subprocess, and in-process through Click's CliRunner for the many read-only queries). The
database is the product, so what the commands wrote is checked with the standard
library's sqlite3 module, not only through clashwatch.
"""

from __future__ import annotations

from support.cli import invoke, no_traceback, run, sql, summary_of
from support.paths import REPO

import csv
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from clashwatch.outputs.acled import ACLED_COLUMNS, EVENT_CSV_COLUMNS

GARISSA = REPO / "examples" / "garissa-attack.txt"
SEED = REPO.parent / "shared" / "seed" / "border-clash.txt"

# Our own writing: a second report of the Garissa attack (it should join that event), a
# report from Mali, a re-published copy of it under another URL (published later), and
# a line that is not JSON.
GARISSA_RED_CROSS = {
    "id": "garissa-red-cross",
    "title": "Red Cross says 11 dead in Garissa bus station attack",
    "text": "The Kenya Red Cross said 11 people were killed when gunmen opened fire at a bus station in Garissa, "
    "Kenya, on Saturday night. Police said the attackers threw a grenade before fleeing.",
    "published": "2022-09-19",
    "url": "https://example.org/garissa-red-cross",
    "source": "Nairobi Example Times",
}
GAO = {
    "id": "gao",
    "text": "Two soldiers were killed on Monday when gunmen attacked an army checkpoint near Gao in northern Mali, "
    "the army said.",
    "published": "2024-03-05",
    "url": "https://example.org/gao",
    "source": "Example News",
}
GAO_COPY = {**GAO, "id": "gao-mirror", "url": "https://mirror.example.net/gao", "published": "2024-03-06", "source": "Mirror"}
GAO_UPDATED = {
    **GAO,
    "id": "gao-v2",
    "text": "Five soldiers were killed on Monday when gunmen attacked an army checkpoint near Gao in northern Mali, "
    "the army said on Wednesday.",
    "published": "2024-03-06",
}
KENYA_BBOX = "33.9,-4.7,41.9,5.0"
def event_ids(db: Path, where: str = "1=1", *params) -> set[str]:
    return {r[0] for r in sql(db, f"SELECT id FROM events WHERE {where}", *params)}


def json_ids(result) -> set[str]:
    assert result.exit_code == 0, result.output
    return {e["id"] for e in json.loads(result.stdout)}


def copy_db(src: Path, dst: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{src}{suffix}").exists():
            shutil.copy(f"{src}{suffix}", f"{dst}{suffix}")
    return dst


# --------------------------------------------------------------------------- the store


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict:
    """Two of the repository's articles and a JSONL file with a bad line, ingested once
    (into ./clashwatch.db: the default database)."""
    folder = tmp_path_factory.mktemp("store")
    jsonl = folder / "feed.jsonl"
    jsonl.write_text(
        "\n".join([json.dumps(GARISSA_RED_CROSS), json.dumps(GAO), "{not json at all", json.dumps(GAO_COPY)]) + "\n",
        encoding="utf-8",
    )
    texts = [str(GARISSA)] + ([str(SEED)] if SEED.exists() else [])
    args = ["ingest", *texts, str(jsonl), "--published", "2022-09-19"]
    first = run(*args, cwd=folder)
    return {"folder": folder, "db": folder / "clashwatch.db", "jsonl": jsonl, "args": args, "first": first, "texts": texts}


def test_ingest_summary_and_exit_code(corpus):
    first = corpus["first"]
    assert first.returncode == 1, first.stderr  # the bad line
    assert no_traceback(first.stderr)
    assert "feed.jsonl: line 3: not valid JSON" in first.stderr
    assert "Warning" not in first.stderr  # a new store is made without library warnings
    counts = summary_of(first.stderr)
    n_text = len(corpus["texts"])
    assert counts["new"] == n_text + 2  # the texts, the Red Cross report, Gao
    assert counts["duplicate"] == 1  # Gao's copy under another URL, published later
    assert (counts["updated"], counts["unchanged"], counts["failed"]) == (0, 0, 1)
    assert counts["merged"] >= 1  # the Red Cross report joined the Garissa attack
    db = corpus["db"]
    assert db.exists()  # the default database, in the current folder
    assert sql(db, "SELECT count(*) FROM articles")[0][0] == n_text + 3
    # a re-published copy points at its original and has no extraction of its own (the
    # store writes JSON null, not SQL NULL, in its result column)
    [(duplicate_of, result)] = sql(db, "SELECT duplicate_of, result FROM articles WHERE url = ?", GAO_COPY["url"])
    assert duplicate_of == "gao" and result in (None, "null")
    assert sql(db, "SELECT count(*) FROM mentions WHERE article_id = (SELECT id FROM articles WHERE url = ?)", GAO_COPY["url"]) == [(0,)]
    assert counts["created"] == sql(db, "SELECT count(*) FROM events")[0][0]
    # every mention belongs to an event, and the merged event says where its mentions came from
    assert sql(db, "SELECT count(*) FROM mentions WHERE event_id IS NULL")[0][0] == 0
    merged = sql(db, "SELECT e.id FROM events e WHERE e.n_articles >= 2")
    assert merged


def test_reingest_changes_nothing(corpus, tmp_path):
    db = corpus["db"]
    before_info = invoke("db", "info", "--db", str(db), "--format", "json")
    assert before_info.exit_code == 0, before_info.output
    before_dump = sql(db, "SELECT * FROM events ORDER BY id")
    before_articles = sql(db, "SELECT id, version, text_hash, updated_at FROM articles ORDER BY id")

    again = run(*corpus["args"], cwd=corpus["folder"])
    assert again.returncode == 1  # the bad line is still bad
    counts = summary_of(again.stderr)
    n_text = len(corpus["texts"])
    assert counts == {"new": 0, "updated": 0, "unchanged": n_text + 3, "duplicate": 0, "failed": 1, "created": 0, "merged": 0}

    after_info = invoke("db", "info", "--db", str(db), "--format", "json")
    assert json.loads(after_info.stdout)["counts"] == json.loads(before_info.stdout)["counts"]
    assert sql(db, "SELECT * FROM events ORDER BY id") == before_dump
    assert sql(db, "SELECT id, version, text_hash, updated_at FROM articles ORDER BY id") == before_articles


def test_updated_text_under_the_same_url_keeps_old_claims_as_history(corpus, tmp_path):
    db = copy_db(corpus["db"], tmp_path / "updated.db")
    old_claims = sql(db, "SELECT id, figure FROM claims WHERE article_id = 'gao' AND current = 1")
    assert old_claims and all(fig for _, fig in old_claims)
    update = tmp_path / "update.jsonl"
    update.write_text(json.dumps(GAO_UPDATED) + "\n", encoding="utf-8")

    res = invoke("ingest", str(update), "--db", str(db))
    assert res.exit_code == 0, res.output
    counts = summary_of(res.stderr)
    assert (counts["new"], counts["updated"], counts["unchanged"], counts["failed"]) == (0, 1, 0, 0)

    # stored under the original id and URL, version 2, the new text
    assert sql(db, "SELECT id, version, text FROM articles WHERE url = ?", GAO["url"]) == [("gao", 2, GAO_UPDATED["text"])]
    # the earlier claims are still there, no longer current, from version 1
    history = sql(db, "SELECT id, figure, article_version, current, mention_id FROM claims WHERE article_id = 'gao' AND current = 0")
    assert {r[0] for r in history} == {r[0] for r in old_claims}
    assert all(r[2] == 1 and r[4] is None for r in history)
    current = sql(db, "SELECT figure, article_version FROM claims WHERE article_id = 'gao' AND current = 1")
    assert current and all(v == 2 for _, v in current)
    assert any("Five" in f or "5" in f for f, _ in current)
    # the event now carries the new toll
    assert sql(db, "SELECT e.fatalities FROM events e JOIN mentions m ON m.event_id = e.id WHERE m.article_id = 'gao' AND m.is_main = 1") == [(5,)]


def test_folder_input_and_env_database(tmp_path):
    folder = tmp_path / "reports"
    (folder / "kenya").mkdir(parents=True)
    shutil.copy(GARISSA, folder / "kenya" / "garissa.txt")
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"caf\xe9 au lait in Garissa\n")
    (folder / "feed.jsonl").write_text(json.dumps(GAO) + "\n", encoding="utf-8")
    db = tmp_path / "env.db"
    res = run("ingest", str(folder), "--published", "2024-03-04", env={"CLASHWATCH_DB": str(db)})
    assert res.returncode == 1, res.stderr
    assert no_traceback(res.stderr)
    assert "notes.md: skipped" in res.stderr
    assert "broken.txt: not valid UTF-8" in res.stderr
    counts = summary_of(res.stderr)
    assert (counts["new"], counts["failed"]) == (2, 1)
    # a text file found in a folder is stored under its path in that folder
    assert {r[0] for r in sql(db, "SELECT id FROM articles")} == {"kenya:garissa", "gao"}


# --------------------------------------------------------------------------- events


def test_background_events_are_left_out_unless_asked_for(corpus):
    db = corpus["db"]
    d = ("--db", str(db), "--format", "json")
    current = json_ids(invoke("events", *d))
    assert current == event_ids(db, "background = 0") and current
    everything = json_ids(invoke("events", *d, "--include-background"))
    assert everything == event_ids(db)
    assert current < everything  # the articles recall earlier attacks
    # --current-only (the old way to ask) still means what it said
    assert json_ids(invoke("events", *d, "--current-only")) == current
    assert json_ids(invoke("events", *d, "--include-background", "--current-only")) == current
    # export: the same default
    exported = invoke("export", "--db", str(db), "--format", "acled-csv")
    ids = {r["event_id_cnty"] for r in csv.DictReader(io.StringIO(exported.stdout))}
    assert ids == event_ids(db, "background = 0 AND latitude IS NOT NULL")


def test_events_filters(corpus):
    db = corpus["db"]
    d = ("--db", str(db), "--format", "json", "--include-background")
    everything = json_ids(invoke("events", *d))
    assert everything == event_ids(db)

    kenya = json_ids(invoke("events", *d, "--country", "Kenya"))
    assert kenya == event_ids(db, "country_code = 'KE'") and kenya
    assert json_ids(invoke("events", *d, "--country", "ke")) == kenya
    assert json_ids(invoke("events", *d, "--country", "Mali")) == event_ids(db, "country_code = 'ML'")

    # the types of the Garissa attack, whatever the pipeline calls it
    [(event_type, sub_type)] = sql(db, "SELECT event_type, sub_event_type FROM events WHERE location = 'Garissa' ORDER BY fatalities DESC LIMIT 1")
    by_type = json_ids(invoke("events", *d, "--type", event_type))
    assert by_type == event_ids(db, "event_type = ? OR sub_event_type = ?", event_type, event_type) and by_type
    by_sub = json_ids(invoke("events", *d, "--type", sub_type.upper()))  # a sub-event type, any case
    assert by_sub == event_ids(db, "sub_event_type = ? OR event_type = ?", sub_type, sub_type) and by_sub
    assert json_ids(invoke("events", *d, "--type", "Riots")) == event_ids(db, "event_type = 'Riots'")

    window = json_ids(invoke("events", *d, "--from", "2022-09-16", "--to", "2022-09-17"))
    assert window == event_ids(db, "event_date BETWEEN '2022-09-16' AND '2022-09-17'") and window
    assert window.isdisjoint(event_ids(db, "event_date < '2022-09-16' OR event_date > '2022-09-17'"))
    assert json_ids(invoke("events", *d, "--from", "16 September 2022", "--to", "Sep 17, 2022")) == window
    # a month stands for all its days: from its first, to its last
    september = json_ids(invoke("events", *d, "--from", "2022-09", "--to", "2022-09"))
    assert september == event_ids(db, "event_date BETWEEN '2022-09-01' AND '2022-09-30'") and september > window
    assert json_ids(invoke("events", *d, "--from", "September 2022", "--to", "September 2022")) == september

    boxed = json_ids(invoke("events", *d, "--bbox", KENYA_BBOX))
    assert boxed == event_ids(db, "longitude BETWEEN 33.9 AND 41.9 AND latitude BETWEEN -4.7 AND 5.0") and boxed
    assert boxed <= kenya
    assert json_ids(invoke("events", *d, "--bbox=-20,0,10,30")) == event_ids(db, "longitude BETWEEN -20 AND 10 AND latitude BETWEEN 0 AND 30")

    deadly = json_ids(invoke("events", *d, "--min-fatalities", "10"))
    assert deadly == event_ids(db, "fatalities >= 10") and deadly
    garissa_attack = event_ids(db, "location = 'Garissa' AND fatalities >= 9")
    assert garissa_attack and garissa_attack <= deadly

    garissa = json_ids(invoke("events", *d, "--text", "GARISSA"))
    assert garissa == event_ids(
        db, "lower(coalesce(location,'') || ' ' || coalesce(admin1,'') || ' ' || coalesce(notes,'') || ' ' || coalesce(actor1,'') || ' ' || coalesce(actor2,'') || ' ' || coalesce(country,'')) LIKE '%garissa%'"
    )
    assert garissa_attack <= garissa

    current = json_ids(invoke("events", *d, "--current-only"))
    assert current == event_ids(db, "background = 0")
    assert current < everything  # the articles recall earlier attacks

    combined = json_ids(invoke("events", *d, "--country", "KE", "--current-only", "--min-fatalities", "1"))
    assert combined == event_ids(db, "country_code = 'KE' AND background = 0 AND fatalities >= 1")

    limited = json.loads(invoke("events", *d, "--limit", "2").stdout)
    newest = sql(db, "SELECT id FROM events ORDER BY event_date DESC, id LIMIT 2")
    assert [e["id"] for e in limited] == [r[0] for r in newest]


def test_list_filters_take_many_values(corpus):
    db = corpus["db"]
    d = ("--db", str(db), "--format", "json", "--include-background")
    kenya, mali = event_ids(db, "country_code = 'KE'"), event_ids(db, "country_code = 'ML'")
    assert kenya and mali
    # repeated or comma-separated: any of the values (before, the last --country won and KE,NG matched nothing)
    assert json_ids(invoke("events", *d, "--country", "KE", "--country", "Mali")) == kenya | mali
    assert json_ids(invoke("events", *d, "--country", "KE,ML")) == kenya | mali
    assert json_ids(invoke("events", *d, "--country", "KE, ML", "--country", "KE")) == kenya | mali

    [(actor,)] = sql(db, "SELECT actor1 FROM events WHERE country_code = 'ML' AND actor1 IS NOT NULL LIMIT 1")
    part = actor.split()[0].upper()
    by_actor = json_ids(invoke("events", *d, "--actor", part))
    assert by_actor == event_ids(db, "instr(lower(coalesce(actor1,'')), ?) > 0 OR instr(lower(coalesce(actor2,'')), ?) > 0",
                                 part.lower(), part.lower()) and by_actor

    [(code,)] = sql(db, "SELECT interaction FROM events WHERE interaction IS NOT NULL GROUP BY interaction ORDER BY count(*) DESC LIMIT 1")
    assert json_ids(invoke("events", *d, "--interaction", str(code))) == event_ids(db, "interaction = ?", code)

    # the outlets that reported an event, through its mentions' articles
    red_cross = json_ids(invoke("events", *d, "--outlet", "nairobi example"))
    assert red_cross == event_ids(db, "id IN (SELECT m.event_id FROM mentions m JOIN articles a ON a.id = m.article_id "
                                      "WHERE a.outlet = 'Nairobi Example Times')") and red_cross
    assert red_cross <= kenya


def test_events_sort_orders_and_limits(corpus):
    db = corpus["db"]
    d = ("--db", str(db), "--format", "json", "--include-background")
    deadliest = json.loads(invoke("events", *d, "--sort", "deadliest").stdout)
    tolls = [e["fatalities"] if e["fatalities"] is not None else -1 for e in deadliest]
    assert tolls == sorted(tolls, reverse=True) and tolls[0] > tolls[-1]
    top = json.loads(invoke("events", *d, "--sort", "deadliest", "--limit", "1").stdout)
    assert [e["id"] for e in top] == [deadliest[0]["id"]]
    oldest = json.loads(invoke("events", *d, "--sort", "oldest").stdout)
    days = [e["event_date"] for e in oldest]
    assert days == sorted(days) and days[0] < days[-1]


@pytest.mark.parametrize(
    "args, message",
    [
        (("--type", "Battle"), "Invalid value for '--type': 'Battle' is not an ACLED event type or sub-event type; did you mean 'Battles'?"),
        (("--type", "Armed clash,Shelling"), "'Shelling' is not an ACLED event type or sub-event type; did you mean 'Shelling/artillery/missile attack'?"),
        (("--country", "Keyna"), "Invalid value for '--country': 'Keyna' is not a country clashwatch knows; did you mean 'Kenya'?"),
        (("--country", "XX"), "'XX' is not an ISO 3166-1 alpha-2 country code"),
        (("--interaction", "21"), "Invalid value for '--interaction': '21' is not an ACLED interaction code"),
        (("--sort", "loudest"), "Invalid value for '--sort'"),
    ],
)
def test_unknown_values_get_a_hint(corpus, args, message):
    for command in ("events", "export"):
        extra = ("--format", "acled-csv") if command == "export" else ()
        res = invoke(command, "--db", str(corpus["db"]), *extra, *args)
        assert res.exit_code == 2, (command, res.output)
        assert message in res.stderr, (command, res.stderr)
        assert res.stdout == ""


def test_export_takes_the_same_filters(corpus, tmp_path):
    db = corpus["db"]
    res = invoke("export", "--db", str(db), "--format", "acled-csv", "--country", "ML", "--min-fatalities", "1",
                 "--include-background")
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    chosen = event_ids(db, "country_code = 'ML' AND fatalities >= 1 AND latitude IS NOT NULL")
    assert {r["event_id_cnty"] for r in rows} == chosen and chosen
    assert {r["country"] for r in rows} == {"Mali"}

    import pyarrow.parquet as pq

    out = tmp_path / "kenya.parquet"
    res = invoke("export", "--db", str(db), "--format", "parquet", "-o", str(out), "--country", "Kenya",
                 "--include-background")
    assert res.exit_code == 0, res.output
    kenya = event_ids(db, "country_code = 'KE'")
    events = pq.read_table(out).to_pylist()
    assert {e["id"] for e in events} == kenya
    mentions = pq.read_table(tmp_path / "kenya_mentions.parquet").to_pylist()
    assert mentions and {m["event_id"] for m in mentions} <= kenya
    claims = pq.read_table(tmp_path / "kenya_claims.parquet").to_pylist()
    assert claims and {c["event_id"] for c in claims} <= kenya


@pytest.mark.parametrize(
    "args, message",
    [
        (("--bbox", "abc"), "Invalid value for '--bbox': 'abc' is not min_lon,min_lat,max_lon,max_lat"),
        (("--bbox", "1,2,3"), "Invalid value for '--bbox'"),
        (("--bbox", "10,-95,20,5"), "min_lat -95 is out of range"),
        (("--bbox", "20,0,10,5"), "min_lon 20 is greater than max_lon 10"),
        (("--from", "2022-13-45"), "Invalid value for '--from': '2022-13-45' is not a valid date"),
        (("--to", "the rainy season"), "Invalid value for '--to': 'the rainy season' is not a date (write it as"),
        (("--from", "2024-02-01", "--to", "2024-01-01"), "--from 2024-02-01 is after --to 2024-01-01"),
        (("--min-fatalities", "-1"), "Invalid value for '--min-fatalities'"),
        (("--format", "xml"), "Invalid value for '--format'"),
    ],
)
def test_events_bad_options_are_usage_errors(corpus, args, message):
    res = invoke("events", "--db", str(corpus["db"]), *args)
    assert res.exit_code == 2, res.output
    assert message in res.stderr
    assert res.stdout == ""


def test_events_bad_bbox_as_a_user_runs_it(corpus):
    res = run("events", "--db", str(corpus["db"]), "--bbox", "abc")
    assert res.returncode == 2
    assert "Invalid value for '--bbox': 'abc'" in res.stderr and no_traceback(res.stderr)
    res = run("events", "--db", str(corpus["db"]), "--from", "2022-13-45")
    assert res.returncode == 2
    assert "'2022-13-45' is not a valid date" in res.stderr and no_traceback(res.stderr)


def test_events_missing_or_bad_database(tmp_path):
    res = run("events", "--db", str(tmp_path / "nowhere.db"))
    assert res.returncode == 3
    assert res.stderr.strip() == f"clashwatch: error: no database at '{tmp_path / 'nowhere.db'}' (check --db or $CLASHWATCH_DB; `clashwatch ingest` creates one)"
    assert not (tmp_path / "nowhere.db").exists()  # not created by a read
    junk = tmp_path / "junk.db"
    junk.write_text("this is not a database\n" * 100)
    res = run("events", "--db", str(junk))
    assert res.returncode == 3 and no_traceback(res.stderr)
    assert res.stderr.startswith("clashwatch: error: cannot open the database") and len(res.stderr.strip().splitlines()) == 1
    res = run("ingest", str(GARISSA), "--db", "postgresql://nobody:secret@127.0.0.1:1/none")
    assert res.returncode == 3 and no_traceback(res.stderr)
    assert "cannot open the database" in res.stderr and "secret" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_events_formats_parse(corpus, tmp_path):
    db = corpus["db"]
    total = sql(db, "SELECT count(*) FROM events")[0][0]
    with_coords = sql(db, "SELECT count(*) FROM events WHERE latitude IS NOT NULL AND longitude IS NOT NULL")[0][0]

    res = invoke("events", "--db", str(db), "--include-background", "--format", "csv")
    assert res.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert len(rows) == total
    header = res.stdout.splitlines()[0].split(",")
    assert tuple(header) == EVENT_CSV_COLUMNS
    for column in ("event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1", "inter1",
                   "actor2", "inter2", "interaction", "iso", "country", "admin1", "location", "latitude", "longitude",
                   "geo_precision", "notes", "fatalities", "fatalities_low", "fatalities_high", "n_articles", "n_mentions", "background"):
        assert column in header
    assert [c for c in header if c in ACLED_COLUMNS] == [c for c in ACLED_COLUMNS if c in header]  # ACLED's order
    by_id = {r["event_id_cnty"]: r for r in rows}
    for event_id, date, precision, fatalities, country_code in sql(db, "SELECT id, event_date, time_precision, fatalities, country_code FROM events"):
        row = by_id[event_id]
        assert row["event_date"] == date and row["year"] == date[:4]
        assert row["time_precision"] == {"day": "1", "week": "2", "month": "3", "year": "3"}[precision]
        assert row["fatalities"] == str(fatalities or 0)
        assert row["iso"] == {"KE": "404", "KG": "417", "ML": "466", "TJ": "762"}.get(country_code, row["iso"])
    merged = [r for r in rows if int(r["n_articles"]) >= 2]
    assert merged and all(r["source"] for r in merged)  # the outlets, ';'-separated

    res = invoke("events", "--db", str(db), "--include-background", "--format", "json")
    events = json.loads(res.stdout)
    assert len(events) == total and {"id", "event_date", "fatalities", "rationale", "outlets"} <= set(events[0])

    res = invoke("events", "--db", str(db), "--include-background", "--format", "geojson", "-o", str(tmp_path / "e.geojson"))
    assert res.exit_code == 0
    fc = json.loads((tmp_path / "e.geojson").read_text(encoding="utf-8"))
    assert fc["type"] == "FeatureCollection"
    assert len(fc["features"]) == with_coords and fc["clashwatch:skipped"] == total - with_coords
    coords = {r[0]: (r[1], r[2]) for r in sql(db, "SELECT id, longitude, latitude FROM events")}
    for feature in fc["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]  # RFC 7946: longitude first
        assert (lon, lat) == pytest.approx(coords[feature["id"]], abs=1e-6)
        assert "latitude" not in feature["properties"] and feature["properties"]["event_id_cnty"] == feature["id"]

    import pyarrow as pa
    import pyarrow.parquet as pq

    res = invoke("events", "--db", str(db), "--include-background", "--format", "parquet", "-o", str(tmp_path / "e.parquet"), "--current-only")
    assert res.exit_code == 0, res.output
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.num_rows == len(event_ids(db, "background = 0"))
    # the store's columns and names (docs/fields.md), not ACLED's: those are --format acled's
    assert table.column_names[0] == "id" and "event_id_cnty" not in table.column_names
    assert set(table.column("id").to_pylist()) == event_ids(db, "background = 0")
    assert set(table.column("time_precision").to_pylist()) <= {"day", "week", "month", "year", None}
    assert table.schema.field("event_date").type == pa.date32()
    assert table.schema.field("fatalities").type == pa.int32()
    assert table.schema.field("latitude").type == pa.float64()
    assert table.schema.field("background").type == pa.bool_()
    assert not any(table.column("background").to_pylist())
    assert not (tmp_path / "e.parquet.part").exists()


def test_parquet_to_a_pipe_but_not_to_a_terminal(corpus):
    cmd = [sys.executable, "-m", "clashwatch.cli", "events", "--db", str(corpus["db"]), "-f", "parquet"]
    res = subprocess.run(cmd, capture_output=True, timeout=120)  # standard output is a pipe
    assert res.returncode == 0 and res.stdout.startswith(b"PAR1") and res.stdout.endswith(b"PAR1")
    import pty

    main_fd, terminal = pty.openpty()
    try:
        res = subprocess.run(cmd, stdout=terminal, stderr=subprocess.PIPE, timeout=120)
    finally:
        os.close(terminal)
        os.close(main_fd)
    assert res.returncode == 2
    assert b"parquet is a binary format: give -o PATH" in res.stderr


# --------------------------------------------------------------------------- events show


def test_events_show(corpus):
    db = corpus["db"]
    merged_id = sql(db, "SELECT id FROM events WHERE n_articles >= 2 ORDER BY fatalities DESC LIMIT 1")[0][0]
    res = invoke("events", "show", merged_id, "--db", str(db))
    assert res.exit_code == 0, res.output
    out = res.stdout
    assert merged_id in out
    assert "fatalities  best" in out
    assert "mentions (2)" in out or "mentions (3)" in out
    assert "founding mention of the event" in out
    assert "same event as" in out  # the merge reason in words
    assert "km apart" in out or "same region" in out or "same country" in out
    assert "garissa-red-cross" in out and "Nairobi Example Times" in out
    assert "claims (" in out and "Kenya Red Cross" in out
    assert "toll history (killed, per source, oldest first)" in out

    res = invoke("events", "show", merged_id, "--db", str(db), "--format", "json")
    detail = json.loads(res.stdout)
    assert detail["id"] == merged_id
    reasons = [m["merge_reason"] for m in detail["mentions"]]
    assert any(r["joined"].startswith("founding") for r in reasons)
    joined = [r for r in reasons if r["joined"] == "compatible with"]
    assert joined and {"type", "date", "place", "mention"} <= set(joined[0])
    assert {m["article_id"] for m in detail["mentions"]} >= {"garissa-red-cross"}
    assert detail["claims"] and all(c["current"] for c in detail["claims"])
    history = detail["toll_history"]
    assert history and all(isinstance(points, list) and points for points in history.values())
    assert any(p["figure"] and p["as_of"] for points in history.values() for p in points)

    # the group's --db reaches the subcommand too
    assert invoke("events", "--db", str(db), "show", merged_id).exit_code == 0


def test_events_show_unknown_id(corpus):
    res = invoke("events", "show", "ev_nope", "--db", str(corpus["db"]))
    assert res.exit_code == 1
    assert "no event 'ev_nope'" in res.stderr and res.stdout == ""
    res = invoke("events", "--country", "KE", "show", "ev_nope", "--db", str(corpus["db"]))
    assert res.exit_code == 2  # filters belong to the list


def test_events_show_toll_history_of_an_updated_article(corpus, tmp_path):
    db = copy_db(corpus["db"], tmp_path / "history.db")
    update = tmp_path / "update.jsonl"
    update.write_text(json.dumps(GAO_UPDATED) + "\n", encoding="utf-8")
    assert invoke("ingest", str(update), "--db", str(db), "-q").exit_code == 0
    event_id = sql(db, "SELECT event_id FROM mentions WHERE article_id = 'gao' AND is_main = 1")[0][0]
    detail = json.loads(invoke("events", "show", event_id, "--db", str(db), "-f", "json").stdout)
    points = [p for series in detail["toll_history"].values() for p in series]
    assert {(p["article_version"], p["current"]) for p in points} >= {(1, False), (2, True)}
    out = invoke("events", "show", event_id, "--db", str(db)).stdout
    assert "superseded article version" in out


# --------------------------------------------------------------------------- export, db


def test_export_all_formats(corpus, tmp_path):
    db = corpus["db"]
    n_events, n_claims, n_mentions = (sql(db, f"SELECT count(*) FROM {t}")[0][0] for t in ("events", "claims", "mentions"))

    res = run("export", "--db", str(db), "--include-background", "--format", "acled-csv", "-o", str(tmp_path / "all.csv"))
    assert res.returncode == 0, res.stderr
    rows = list(csv.DictReader((tmp_path / "all.csv").open(encoding="utf-8")))
    assert len(rows) == n_events and {r["event_id_cnty"] for r in rows} == event_ids(db)
    assert f"{n_events} events exported" in res.stderr

    res = invoke("export", "--db", str(db), "--include-background", "--format", "geojson", "-o", str(tmp_path / "all.geojson"))
    assert res.exit_code == 0
    fc = json.loads((tmp_path / "all.geojson").read_text(encoding="utf-8"))
    assert len(fc["features"]) + fc["clashwatch:skipped"] == n_events

    import pyarrow as pa
    import pyarrow.parquet as pq

    res = invoke("export", "--db", str(db), "--include-background", "--format", "parquet", "-o", str(tmp_path / "out" / "all.parquet"))
    assert res.exit_code == 2  # the folder does not exist
    res = invoke("export", "--db", str(db), "--include-background", "--format", "parquet")
    assert res.exit_code == 2 and "-o PATH" in res.stderr
    res = invoke("export", "--db", str(db), "--include-background", "--format", "parquet", "-o", str(tmp_path / "all.parquet"))
    assert res.exit_code == 0, res.output
    events = pq.read_table(tmp_path / "all.parquet")
    claims = pq.read_table(tmp_path / "all_claims.parquet")
    mentions = pq.read_table(tmp_path / "all_mentions.parquet")
    assert (events.num_rows, claims.num_rows, mentions.num_rows) == (n_events, n_claims, n_mentions)
    assert events.schema.field("date_start").type == pa.date32()
    assert claims.schema.field("as_of").type == pa.date32() and claims.schema.field("current").type == pa.bool_()
    assert {"id", "event_id", "article_id", "local_claim_id", "kind", "figure", "source", "scope", "sentence"} <= set(claims.column_names)
    assert {"id", "event_id", "article_id", "merge_reason", "outlet", "published"} <= set(mentions.column_names)
    assert set(mentions.column("event_id").to_pylist()) == event_ids(db)
    reasons = [json.loads(r) for r in mentions.column("merge_reason").to_pylist()]
    assert all("joined" in r for r in reasons)


def test_db_upgrade_and_info(tmp_path):
    db = tmp_path / "fresh.db"
    res = run("db", "upgrade", "--db", str(db))
    assert res.returncode == 0, res.stderr
    assert re.search(r"revision \w+ \(head\), upgraded from an empty database", res.stdout)
    res = invoke("db", "upgrade", "--db", str(db))
    assert "already up to date" in res.stdout
    res = invoke("db", "info", "--db", f"sqlite:///{db}")
    assert res.exit_code == 0
    assert "dialect   sqlite" in res.stdout and "(head)" in res.stdout
    info = json.loads(invoke("db", "info", "--db", str(db), "--format", "json").stdout)
    assert info["dialect"] == "sqlite" and info["up_to_date"]
    assert info["counts"] == {"articles": 0, "events": 0, "mentions": 0, "claims": 0, "places": 0, "sources": 0}
    assert sql(db, "SELECT version_num FROM alembic_version")[0][0] == info["revision"]
    res = invoke("db", "info", "--db", str(tmp_path / "missing.db"))
    assert res.exit_code == 3 and "no database at" in res.stderr


def test_db_refresh_writes_the_outlets_again_after_an_edit_by_hand(corpus, tmp_path):
    db = copy_db(corpus["db"], tmp_path / "edited.db")
    [(event_id,)] = sql(db, "SELECT event_id FROM mentions WHERE article_id = 'gao'")
    assert json.loads(sql(db, "SELECT outlets FROM events WHERE id = ?", event_id)[0][0]) == ["Example News"]
    location = sql(db, "SELECT location FROM events WHERE id = ?", event_id)[0][0]
    conn = sqlite3.connect(db)  # another tool renames the outlet, and empties the dated search index
    with conn:
        conn.execute("UPDATE articles SET outlet = 'Example News Weekly' WHERE id = 'gao'")
        conn.execute("INSERT INTO events_dated_fts(events_dated_fts) VALUES ('delete-all')")
    conn.close()
    found = lambda: [e["id"] for e in json.loads(invoke("events", "--db", str(db), "--text", location, "--format", "json").stdout)]
    assert event_id not in found()
    res = run("db", "refresh", "--db", str(db))
    assert res.returncode == 0, res.stderr
    assert re.search(r"the outlets of [\d,]+ events and the full-text indexes written again", res.stdout)
    assert "rebuilding the full-text index events_dated_fts" in res.stderr  # where a long refresh is
    shown = json.loads(invoke("events", "show", event_id, "--db", str(db), "--format", "json").stdout)
    assert shown["outlets"] == ["Example News Weekly"]
    assert event_id in found()
    assert invoke("events", "--db", str(db), "--outlet", "weekly", "--format", "json").exit_code == 0
    res = run("db", "refresh", "--db", str(tmp_path / "missing.db"))
    assert res.returncode == 3 and "no database at" in res.stderr and no_traceback(res.stderr)
