"""One vocabulary: every output against src/clashwatch/fields.py and docs/fields.md.

The registry test reads each output's definition (JSON Schema, OpenAPI, tables, Arrow
schemas); the others run the real commands on our own two reports and read what a user
gets: the same event id, time precision, "no figure" and outlet wherever they look.
"""

from __future__ import annotations

from support.cli import invoke
from support.paths import REPO

import csv
import io
import json
import sqlite3

import pyarrow.parquet as pq
import pyarrow.dataset as ds
import pytest

from clashwatch.fields import ACLED_COLUMNS, VOCABULARY, disagreements, markdown, observed
from clashwatch.outputs.acled import ACLED_COLUMNS as ACLED_ORDER
from clashwatch.outputs.acled import EVENT_EXTRA_COLUMNS, EXTRA_COLUMNS

OUTLET = "The Lakeside Courier"
REPORTS = [
    {
        "id": "lakeside-raid",
        "title": "Gunmen kill nine in raid on Nigerian village",
        "published": "2023-05-14",
        "source": OUTLET,
        "text": (
            "Gunmen kill nine in raid on Nigerian village\n\n"
            "Gunmen killed nine villagers in an attack on Kauru in Kaduna State, Nigeria, on Saturday, "
            "police said. The attackers arrived on motorcycles and opened fire on residents."
        ),
    },
    {
        "id": "lakeside-march",
        "title": "Teachers march in Nairobi over unpaid salaries",
        "published": "2023-05-15",
        "source": OUTLET,
        "text": (
            "Teachers march in Nairobi over unpaid salaries\n\n"
            "Hundreds of teachers marched peacefully through Nairobi, Kenya, on Monday to demand "
            "salaries that have gone unpaid for three months. The protest ended without incident."
        ),
    },
]


def test_every_output_names_each_field_as_the_vocabulary_does():
    assert disagreements() == []


def test_docs_fields_md_is_the_vocabulary():
    written = (REPO / "docs" / "fields.md").read_text(encoding="utf-8")
    assert written == markdown(), "regenerate it: python -m clashwatch.fields > docs/fields.md"


def test_one_idea_has_one_name():
    found = observed()
    # the outlet that published an article is `outlet` everywhere, never `source`
    assert "outlet" in found["json"] and "outlet" in found["sqlite"] and "outlet" in found["batch"]
    # a claim's sentence is `sentence` in every output
    for output in ("json", "api", "sqlite", "parquet", "batch"):
        assert "sentence" in found[output], output
    # no ACLED-only name outside ACLED-shaped output
    acled_only = set(ACLED_COLUMNS) - set(VOCABULARY)
    assert acled_only >= {"event_id_cnty", "iso", "disorder_type", "year", "tags", "timestamp"}
    for output, fields in found.items():
        assert not acled_only & set(fields), (output, acled_only & set(fields))


def test_the_acled_table_follows_acleds_order():
    assert tuple(ACLED_COLUMNS) == ACLED_ORDER
    for extra in set(EXTRA_COLUMNS) | set(EVENT_EXTRA_COLUMNS):
        assert extra in VOCABULARY, extra


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("fields")
    corpus = folder / "reports.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in REPORTS) + "\n", encoding="utf-8")
    db = str(folder / "store.db")
    out = {}
    out["json"] = [json.loads(line) for line in invoke("extract", str(corpus), "-f", "jsonl").stdout.splitlines() if line.strip()]
    out["extract_acled"] = list(csv.DictReader(io.StringIO(invoke("extract", str(corpus), "-f", "acled").stdout)))
    assert invoke("ingest", str(corpus), "--db", db, "--quiet").exit_code == 0
    out["api"] = json.loads(invoke("events", "--db", db, "-f", "json").stdout)
    out["acled"] = list(csv.DictReader(io.StringIO(invoke("events", "--db", db, "-f", "acled").stdout)))
    assert invoke("export", "--db", db, "-f", "parquet", "-o", str(folder / "events.parquet")).exit_code == 0
    out["parquet"] = pq.read_table(folder / "events.parquet").to_pylist()
    out["parquet_mentions"] = pq.read_table(folder / "events_mentions.parquet").to_pylist()
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    out["sqlite"] = [dict(r) for r in conn.execute("SELECT * FROM events")]
    out["sqlite_mentions"] = [dict(r) for r in conn.execute("SELECT * FROM mentions")]
    conn.close()
    assert invoke("batch", str(corpus), str(folder / "batch"), "--workers", "1", "--quiet").exit_code == 0
    out["batch"] = ds.dataset(folder / "batch" / "events", format="parquet", partitioning="hive").to_table().to_pylist()
    out["batch_claims"] = ds.dataset(folder / "batch" / "claims", format="parquet", partitioning="hive").to_table().to_pylist()
    return out


def _by(rows, key, value):
    found = [r for r in rows if r.get(key) == value]
    assert found, (key, value, rows)
    return found[0]


def test_the_event_id_is_the_same_wherever_the_event_is_shown(outputs):
    stored = outputs["api"]
    assert len(stored) == 2
    ids = {e["id"] for e in stored}
    assert all(i.startswith("ev_") for i in ids)
    assert {r["id"] for r in outputs["parquet"]} == ids
    assert {r["id"] for r in outputs["sqlite"]} == ids
    assert {r["event_id_cnty"] for r in outputs["acled"]} == ids
    assert {m["event_id"] for m in outputs["sqlite_mentions"]} == ids
    assert {m["event_id"] for m in outputs["parquet_mentions"]} == ids
    # in an article's result the id is the article-local one; the store keeps it as local_event_id
    raid = _by(outputs["json"], "id", "lakeside-raid")
    assert raid["events"][0]["event_id"] == "e1"
    assert {c["event_id"] for c in raid["claims"] if c["event_id"]} == {"e1"}
    assert "lakeside-raid:e1" in {r["event_id_cnty"] for r in outputs["extract_acled"]}
    assert {m["local_event_id"] for m in outputs["sqlite_mentions"]} == {"e1"}
    assert {(r["article_id"], r["event_id"]) for r in outputs["batch"]} == {("lakeside-raid", "e1"), ("lakeside-march", "e1")}


def test_time_precision_is_a_word_everywhere_but_in_acleds_columns(outputs):
    words = {"day", "week", "month", "year"}
    assert {e["events"][0]["time_precision"] for e in outputs["json"]} <= words
    for rows in (outputs["api"], outputs["parquet"], outputs["sqlite"], outputs["batch"]):
        assert {r["time_precision"] for r in rows} == {"day"}
    assert {r["time_precision"] for r in outputs["acled"]} == {"1"}
    assert {r["time_precision"] for r in outputs["extract_acled"]} == {"1"}


def test_no_figure_is_empty_everywhere_but_acleds_fatalities_column(outputs):
    march_json = _by(outputs["json"], "id", "lakeside-march")["events"][0]
    assert march_json["event_type"] == "Protests"
    assert march_json["fatalities"] is None
    march = _by(outputs["api"], "event_type", "Protests")
    for rows in (outputs["api"], outputs["parquet"], outputs["sqlite"]):
        row = _by(rows, "id", march["id"])
        assert (row["fatalities"], row["fatalities_low"], row["fatalities_high"]) == (None, None, None)
    assert _by(outputs["batch"], "article_id", "lakeside-march")["fatalities"] is None
    acled = _by(outputs["acled"], "event_id_cnty", march["id"])
    assert (acled["fatalities"], acled["fatalities_low"], acled["fatalities_high"]) == ("0", "", "")
    raid = _by(outputs["api"], "event_type", "Violence against civilians")
    assert raid["fatalities"] == 9
    assert _by(outputs["acled"], "event_id_cnty", raid["id"])["fatalities"] == "9"


def test_outlet_is_the_publisher_and_source_who_said_it(outputs):
    raid = _by(outputs["json"], "id", "lakeside-raid")
    assert raid["outlet"] == OUTLET and "source" not in raid
    said = [c for c in raid["claims"] if "police said" in c["sentence"]]
    assert said and {c["source"] for c in said} == {"police"} and {c["low"] for c in said} == {9}
    assert {r["outlet"] for r in outputs["batch"]} == {OUTLET}
    assert {c["source"] for c in outputs["batch_claims"] if "police said" in c["sentence"]} == {"police"}
    assert {tuple(r["outlets"]) for r in outputs["parquet"]} == {(OUTLET,)}
    # ACLED's `source` column is ACLED's: the outlets
    assert {r["source"] for r in outputs["acled"]} == {OUTLET}
