"""The review commands on a real store (SQLite and PostgreSQL) filled by the real `clashwatch
ingest`: the queue, correct / verify / reject / merge / split, corrections surviving
`clashwatch reextract` with a newer extractor and a new report joining, the audit trail,
orphaned corrections, exports carrying the review, and one-line errors."""

from __future__ import annotations

from support.cli import invoke
from support.paths import REPO

import csv
import io
import json

import pytest
from sqlalchemy import create_engine, text

from clashwatch.outputs.acled import ACLED_COLUMNS

CORPUS = REPO / "examples" / "corpus" / "articles.jsonl"
RECORDS = {r["id"]: r for r in (json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip())}
MANDERA_BUS = ["rvc-mandera-bus-0504", "gn-mandera-bus-0504", "lh-mandera-bus-0505"]
OLD = "clashwatch 0.0.1+0123456789ab (en_core_web_sm 3.7.0)"


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    return f"sqlite:///{tmp_path / 'desk.db'}" if request.param == "sqlite" else request.getfixturevalue("fresh_postgres_db")


def ingest(url: str, tmp_path, *records: dict) -> None:
    path = tmp_path / f"batch-{len(list(tmp_path.glob('batch-*')))}.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    done = invoke("ingest", str(path), "--db", url, "-q")
    assert done.exit_code == 0, done.stderr


def sql(url: str, statement: str) -> list[tuple]:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            result = conn.execute(text(statement))
            return [tuple(r) for r in result] if result.returns_rows else []
    finally:
        engine.dispose()


def main_event(url: str, article_id: str) -> str:
    [(event_id,)] = sql(url, f"SELECT event_id FROM mentions WHERE article_id = '{article_id}' AND is_main")
    return event_id


def shown(url: str, event_id: str) -> dict:
    done = invoke("events", "show", event_id, "--db", url, "--format", "json")
    assert done.exit_code == 0, done.stderr
    return json.loads(done.stdout)


def ok(*args: str):
    done = invoke(*args)
    assert done.exit_code == 0, done.stderr
    return done


def test_a_desk_corrects_verifies_and_the_work_survives_reextract_and_a_new_report(url, tmp_path):
    ingest(url, tmp_path, *(RECORDS[i] for i in MANDERA_BUS[:2]))
    event_id = main_event(url, MANDERA_BUS[0])
    queue = ok("review", "--db", url).stdout
    assert event_id in queue and "machine" in queue

    line = ok("correct", event_id, "--db", url, "--fatalities", "9/8-11", "--sub-type", "Armed clash", "--place", "187896",
              "--why", "hospital figures", "--who", "ana").stdout
    assert line.startswith(f"{event_id}: corrected · Battles / Armed clash") and "fatalities 9" in line
    ok("verify", event_id, "--db", url, "--why", "two sources agree", "--who", "ben")
    assert event_id not in ok("review", "--db", url).stdout  # off the queue once reviewed

    # a newer extractor re-reads the articles; then a third outlet's report joins the event
    sql(url, f"UPDATE articles SET extractor_version = '{OLD}'")
    done = ok("reextract", "--db", url)
    assert "2 articles re-extracted" in done.stderr
    ingest(url, tmp_path, RECORDS[MANDERA_BUS[2]])
    assert main_event(url, MANDERA_BUS[2]) == event_id

    e = shown(url, event_id)
    assert (e["fatalities_low"], e["fatalities"], e["fatalities_high"]) == (8, 9, 11)
    assert (e["sub_event_type"], e["location"], e["geonameid"], e["review_state"]) == ("Armed clash", "Mandera", 187896, "verified")
    assert e["n_articles"] == 3 and e["machine"]["fatalities"] is not None
    assert [(c["field"], c["who"]) for c in e["corrections"]] == [("type", "ana"), ("place", "ana"), ("fatalities", "ana"), ("verify", "ben")]
    table = ok("events", "show", event_id, "--db", url).stdout
    assert "review      verified" in table and "the machine's:" in table and "#4" in table

    # the audit trail, in order; nothing orphaned
    audit = ok("review", "--db", url, "--audit").stdout
    assert [line.split()[4] for line in audit.splitlines() if line.startswith("#")] == ["type", "place", "fatalities", "verify"]
    assert ok("review", "--db", url, "--orphaned").stdout.strip() == "no corrections orphaned"

    # the export: ACLED's columns first (ACLED's notes untouched), then the review
    rows = list(csv.DictReader(io.StringIO(ok("export", "--db", url, "--format", "acled").stdout)))
    header = list(rows[0])
    assert header[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    assert header.index("review_state") > header.index("timestamp")
    mine = next(r for r in rows if r["event_id_cnty"] == event_id)
    assert (mine["review_state"], mine["review_note"], mine["fatalities"]) == ("verified", "two sources agree", "9")
    assert mine["notes"] and mine["notes"] != mine["review_note"]


def test_reject_hides_merge_and_split_give_back_the_events(url, tmp_path):
    ingest(url, tmp_path, RECORDS[MANDERA_BUS[0]], RECORDS["lh-kisumu-riot-0509"])
    a, b = main_event(url, MANDERA_BUS[0]), main_event(url, "lh-kisumu-riot-0509")
    before = {e["id"]: e for e in json.loads(ok("events", "--db", url, "-f", "json").stdout)}

    merged_line = ok("merge", a, b, "--db", url, "--why", "same unrest").stdout
    merged = merged_line.split(":")[0]
    assert merged in (a, b) and len(json.loads(ok("events", "--db", url, "-f", "json").stdout)) == len(before) - 1
    riot = next(m["key"] for m in shown(url, merged)["mentions"] if m["article_id"] == "lh-kisumu-riot-0509")
    lines = ok("split", merged, riot, "--db", url, "--why", "600 km apart").stdout.splitlines()
    assert sorted(line.split(":")[0] for line in lines) == sorted([a, b])
    after = {e["id"]: e for e in json.loads(ok("events", "--db", url, "-f", "json").stdout)}
    assert set(after) == set(before)
    assert all(after[k]["fatalities"] == before[k]["fatalities"] and after[k]["location"] == before[k]["location"] for k in after)

    ok("reject", b, "--db", url, "--why", "not political violence")
    listed = {e["id"] for e in json.loads(ok("events", "--db", url, "-f", "json").stdout)}
    assert b not in listed and a in listed
    assert {e["id"] for e in json.loads(ok("events", "--db", url, "-f", "json", "--review-state", "rejected").stdout)} == {b}
    assert b in {e["id"] for e in json.loads(ok("events", "--db", url, "-f", "json", "--include-rejected").stdout)}


def test_a_correction_whose_report_changed_is_listed_as_orphaned(url, tmp_path):
    record = RECORDS[MANDERA_BUS[0]]
    ingest(url, tmp_path, record)
    event_id = main_event(url, MANDERA_BUS[0])
    ok("correct", event_id, "--db", url, "--fatalities", "4", "--why", "checked")
    # the outlet replaced the story under the same URL: the event is no longer in it
    ingest(url, tmp_path, {**record, "published": "2024-05-06", "title": "County assembly debates the budget",
                           "text": "The county assembly met on Monday to debate the budget for schools and roads."})
    assert sql(url, f"SELECT count(*) FROM events WHERE id = '{event_id}'") == [(0,)]
    orphans = ok("review", "--db", url, "--orphaned").stdout
    assert f"fatalities  {event_id}  (ORPHANED)" in orphans and "why: checked" in orphans
    assert "ORPHANED" in ok("review", "--db", url, "--audit").stdout


@pytest.mark.parametrize("args, code, words", [
    (["correct", "ev_nope", "--fatalities", "3", "--why", "x"], 1, "no event 'ev_nope'"),
    (["verify", "EVENT", "--why", " "], 2, "a reason is required"),
    (["verify", "EVENT"], 2, "Missing option '--why'"),
    (["correct", "EVENT", "--place", "Atlantis", "--why", "x"], 2, "is not a place"),
    (["correct", "EVENT", "--place", "100,10", "--why", "x"], 2, "is not a point"),
    (["correct", "EVENT", "--fatalities", "-4", "--why", "x"], 2, "is negative"),
    (["correct", "EVENT", "--fatalities", "many", "--why", "x"], 2, "is not a toll"),
    (["correct", "EVENT", "--type", "Battles", "--sub-type", "Grenade", "--why", "x"], 2, "sub-event type of"),
    (["correct", "EVENT", "--why", "x"], 2, "nothing to correct"),
    (["split", "EVENT", "nokey", "--why", "x"], 1, "is not in event"),
    (["merge", "EVENT", "EVENT", "--why", "x"], 2, "with itself"),
])
def test_bad_input_is_one_line(tmp_path, args, code, words):
    url = f"sqlite:///{tmp_path / 'desk.db'}"
    ingest(url, tmp_path, RECORDS[MANDERA_BUS[0]])
    event_id = main_event(url, MANDERA_BUS[0])
    done = invoke(*[event_id if a == "EVENT" else a for a in args], "--db", url)
    assert done.exit_code == code, done.stderr
    assert words in done.stderr and "Traceback" not in done.stderr
    assert sum(1 for line in done.stderr.splitlines() if "rror" in line) == 1
    assert sql(url, "SELECT count(*) FROM corrections") == [(0,)]
