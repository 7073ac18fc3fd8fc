"""`clashwatch batch --engine local` and `clashwatch.extract_many(n_process=N)`, with the real
model on generated articles (benchmarks/articles.py).

The Parquet output is read back with pyarrow, as a user would, and compared with what
`clashwatch extract` reports for the same articles; a batch stopped by SIGTERM, then killed with
SIGKILL (workers included), then run again must end with exactly the rows of a run that
was never interrupted.
"""

from __future__ import annotations

from support.paths import REPO

import datetime as dt
import itertools
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

sys.path.insert(0, str(REPO / "benchmarks"))
from articles import generate  # noqa: E402

N_ARTICLES = 240
PART_SIZE = 10
TABLES = ("events", "claims", "places")
KEYS = {"events": ("article_id", "event_id"), "claims": ("article_id", "claim_id"),
        "places": ("article_id", "section", "start", "end")}


def cli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "clashwatch.cli", *args], capture_output=True, text=True,
                          timeout=600, **kwargs)


def batch_cmd(corpus: Path, output: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "clashwatch.cli", "batch", str(corpus), str(output), *args]


def rows(output: Path, table: str) -> list[dict]:
    """A table read back from OUTPUT (the month comes from the folder names), as JSON-like dicts."""
    data = ds.dataset(output / table, format="parquet", partitioning="hive").to_table().to_pylist()
    return [json.loads(json.dumps(row, default=str)) for row in data]


def canonical(table_rows: list[dict]) -> list[str]:
    return sorted(json.dumps(row, sort_keys=True) for row in table_rows)


def markers(output: Path) -> int:
    folder = output / "_parts"
    return len(list(folder.glob("part-*.json"))) if folder.is_dir() else 0


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, list[dict]]:
    articles = generate(N_ARTICLES, seed=11)
    for i, a in enumerate(articles):
        a["url"] = f"https://news.example.org/{a['id']}"
        a["source"] = ("Example Wire", "Daily Example")[i % 2]
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return path, articles


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> Path:
    """An uninterrupted two-worker run over the whole corpus."""
    path, _ = corpus
    output = tmp_path_factory.mktemp("reference") / "out"
    res = subprocess.run(batch_cmd(path, output, "--workers", "2", "--part-size", str(PART_SIZE)),
                         capture_output=True, text=True, timeout=900)
    assert res.returncode == 0, res.stderr[-3000:]
    parts = N_ARTICLES // PART_SIZE
    assert f"{parts} parts (0 already done), {N_ARTICLES} articles, 0 failed;" in res.stderr
    return output


# --------------------------------------------------------------------------- what extract says


def _month(day: str | None) -> str:
    return day[:7] if day else "unknown"


def rows_from_extract(result: dict) -> dict[str, list[dict]]:
    """The rows `batch` should write for one article, built from `extract --format jsonl`."""
    article = {"article_id": result["id"], "published": result["published"],
               "published_origin": result["published_origin"], "reference_date": result["reference_date"],
               "url": result["url"], "outlet": result["outlet"]}
    article_month = _month(result["reference_date"] or result["published"])
    event_month = {}
    events = []
    for e in result["events"]:
        event_month[e["event_id"]] = _month(e["event_date"])
        a1, a2 = e["actor1"] or {}, e["actor2"] or {}
        events.append({
            **article, **{k: e[k] for k in (
                "event_id", "event_type", "sub_event_type", "plover", "event_date", "date_start", "date_end",
                "time_precision", "background", "interaction", "civilian_targeting", "country", "country_code",
                "admin1", "location", "latitude", "longitude", "geo_precision", "geonameid", "weapons", "fatalities",
                "fatalities_low", "fatalities_high", "sentence")},
            "actor1": a1.get("name"), "actor1_country": a1.get("country_code"), "inter1": a1.get("inter"),
            "actor2": a2.get("name"), "actor2_country": a2.get("country_code"), "inter2": a2.get("inter"),
            "month": event_month[e["event_id"]],
        })
    claims = [
        {**article, **{k: c[k] for k in (
            "claim_id", "event_id", "kind", "status", "low", "high", "approximate", "source", "source_type", "scope",
            "scope_party", "as_of", "revised", "increment", "section", "figure", "start", "end", "figure_start",
            "figure_end")},
         "sentence": c["sentence"], "month": event_month.get(c["event_id"], article_month)}
        for c in result["claims"]
    ]
    places = [
        {**article, **{k: p[k] for k in (
            "text", "start", "end", "section", "name", "geonameid", "latitude", "longitude", "country_code", "admin1",
            "feature_code", "geo_precision", "demonym")},
         "month": article_month}
        for p in result["places"]
    ]
    return {"events": events, "claims": claims, "places": places}


def test_batch_writes_what_extract_finds_partitioned_by_month(corpus, reference, tmp_path):
    path, articles = corpus
    some = tmp_path / "some.jsonl"
    some.write_text("".join(json.dumps(a) + "\n" for a in articles[:40]), encoding="utf-8")
    res = cli("extract", "--input", "jsonl", "--format", "jsonl", str(some))
    assert res.returncode == 0, res.stderr[-2000:]
    expected: dict[str, list[dict]] = {t: [] for t in TABLES}
    for line in res.stdout.splitlines():
        for table, table_rows in rows_from_extract(json.loads(line)).items():
            expected[table].extend(table_rows)
    ids = {a["id"] for a in articles[:40]}
    for table in TABLES:
        written = [r for r in rows(reference, table) if r["article_id"] in ids]
        assert expected[table], table
        assert canonical(written) == canonical(expected[table]), table

    # every file sits in the folder of its rows' month, and months come from the events' dates
    events = rows(reference, "events")
    months = {r["month"] for r in events}
    assert len(months) > 5
    for file in (reference / "events").glob("month=*/*.parquet"):
        month = file.parent.name.split("=", 1)[1]
        dates = pq.read_table(file, columns=["event_date"]).column("event_date").to_pylist()
        assert all((d.strftime("%Y-%m") if d else "unknown") == month for d in dates), file
    # one file per part and month: part-NNNNN.parquet
    names = {f.name for t in TABLES for f in (reference / t).glob("month=*/*.parquet")}
    assert names <= {f"part-{i:05d}.parquet" for i in range(N_ARTICLES // PART_SIZE)}


def test_parquet_input_with_its_own_column_names(corpus, reference, tmp_path):
    _, articles = corpus
    chosen = articles[:12]
    table = pa.table({
        "uid": [a["id"] for a in chosen],
        "body": [a["text"] for a in chosen],
        "pubdate": pa.array([dt.date.fromisoformat(a["published"]) for a in chosen], pa.date32()),
        "headline": [a["title"] for a in chosen],
        "link": [a["url"] for a in chosen],
        "outlet_name": [a["source"] for a in chosen],
        "extra": list(range(len(chosen))),
    })
    source = tmp_path / "articles.parquet"
    pq.write_table(table, source)
    output = tmp_path / "out"
    res = cli("batch", str(source), str(output), "--workers", "1", "--part-size", "5", "--id-column", "uid",
              "--text-column", "body", "--published-column", "pubdate", "--title-column", "headline",
              "--url-column", "link", "--source-column", "outlet_name")
    assert res.returncode == 0, res.stderr[-2000:]
    assert "3 parts (0 already done), 12 articles, 0 failed;" in res.stderr
    ids = {a["id"] for a in chosen}
    for name in TABLES:
        expected = [r for r in rows(reference, name) if r["article_id"] in ids]
        assert canonical(rows(output, name)) == canonical(expected), name


def test_where_each_publication_date_came_from_is_written(tmp_path):
    source = tmp_path / "dates.jsonl"
    records = [
        {"id": "iso", "text": "Gunmen killed five people in Gao, Mali, on Monday.", "published": "2024-05-08"},
        {"id": "acled", "text": "Gunmen killed five people in Gao, Mali, on Monday.", "published": "08 May 2024"},
        {"id": "none", "text": "Gunmen killed five people in Gao, Mali, on Monday."},
    ]
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out"
    res = cli("batch", str(source), str(out), "--workers", "1")
    assert res.returncode == 0, res.stderr[-2000:]
    events = {r["article_id"]: r for r in rows(out, "events")}
    assert events["iso"]["published"] == events["acled"]["published"] == "2024-05-08"
    assert events["iso"]["published_origin"] == events["acled"]["published_origin"] == "given"
    assert events["iso"]["event_date"] == events["acled"]["event_date"] == "2024-05-06"
    # no date: none is invented; the day that anchored "on Monday" is written beside it
    assert events["none"]["published"] is None and events["none"]["published_origin"] is None
    assert events["none"]["reference_date"] == dt.date.today().isoformat()


# --------------------------------------------------------------------------- bad input


def one_error_line(res: subprocess.CompletedProcess, code: int, *needles: str) -> None:
    lines = res.stderr.strip().splitlines()
    assert res.returncode == code, res.stderr
    assert len(lines) == 1 and lines[0].startswith("clashwatch: error: "), res.stderr
    assert "Traceback" not in res.stderr
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


def test_bad_inputs_and_outputs_are_one_line_errors(corpus, reference, tmp_path):
    path, _ = corpus
    out = tmp_path / "out"
    one_error_line(cli("batch", str(tmp_path / "nope.jsonl"), str(out)), 2, "nope.jsonl", "no such file")
    one_error_line(cli("batch", str(tmp_path), str(out)), 2, "is a folder")

    csv = tmp_path / "articles.csv"
    csv.write_text("id,text,published\na1,Gunmen killed five people.,2024-05-06\n", encoding="utf-8")
    one_error_line(cli("batch", str(csv), str(out)), 2, "articles.csv", "neither JSONL", "nor Parquet")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    one_error_line(cli("batch", str(pdf), str(out)), 2, "report.pdf", "binary", "JSONL or Parquet")

    no_text = tmp_path / "no_text.parquet"
    pq.write_table(pa.table({"id": ["a"], "body": ["Gunmen killed five people in Gao, Mali."]}), no_text)
    one_error_line(cli("batch", str(no_text), str(out)), 2, "no column 'text'", "--text-column", "body")
    one_error_line(cli("batch", str(no_text), str(out), "--text-column", "body", "--published-column", "date"), 2,
                   "no column 'date'", "--published-column")
    one_error_line(cli("batch", str(path), str(out), "--text-column", "body"), 2, "Parquet input")

    a_file = tmp_path / "a_file.txt"
    a_file.write_text("x")
    one_error_line(cli("batch", str(path), str(a_file)), 2, "a_file.txt", "is a file")
    one_error_line(cli("batch", str(path), str(a_file / "out")), 3, "cannot create")
    # the reference folder was cut into parts of 10: another part size would mix two plans
    one_error_line(cli("batch", str(path), str(reference), "--part-size", "7"), 2, "another batch", "--part-size 10")
    one_error_line(cli("batch", str(path), str(out), "--master", "local[2]"), 2, "--engine spark")
    assert not out.exists()


def test_unusable_lines_are_reported_and_the_rest_written(corpus, tmp_path):
    _, articles = corpus
    source = tmp_path / "mixed.jsonl"
    source.write_text(
        json.dumps(articles[0]) + "\n" + "{not json\n" + json.dumps({"id": "x", "title": "no text"}) + "\n\n"
        + json.dumps(articles[1]) + "\n",
        encoding="utf-8",
    )
    output = tmp_path / "out"
    res = cli("batch", str(source), str(output), "--workers", "1")
    assert res.returncode == 1, res.stderr
    assert "Traceback" not in res.stderr
    errors = [line for line in res.stderr.splitlines() if line.startswith("clashwatch: error:")]
    assert errors == [f"clashwatch: error: {source}: line 2: not valid JSON: Expecting property name enclosed in "
                      "double quotes (column 2)", f'clashwatch: error: {source}: line 3: no "text" field']
    assert "1 part (0 already done), 2 articles, 2 failed;" in res.stderr
    assert {r["article_id"] for r in rows(output, "events")} == {articles[0]["id"], articles[1]["id"]}


# --------------------------------------------------------------------------- interrupted runs


def wait_for_markers(proc: subprocess.Popen, output: Path, count: int, limit: float = 300) -> int:
    started = time.monotonic()
    while time.monotonic() - started < limit and proc.poll() is None:
        if markers(output) >= count:
            return markers(output)
        time.sleep(0.05)
    _, err = proc.communicate(timeout=60) if proc.poll() is not None else (None, b"")
    pytest.fail(f"the batch ended (or stalled) before {count} parts were done: {(err or b'').decode()[-2000:]}")


def group_gone(pgid: int) -> bool:
    for _ in range(100):
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


def test_stopped_then_killed_batch_resumes_without_duplicates_or_gaps(corpus, reference, tmp_path):
    """SIGTERM, then SIGKILL to the process group about halfway, then SIGKILL to the parent
    alone; the next run finishes the job with the rows of an uninterrupted run."""
    path, _ = corpus
    output = tmp_path / "out"
    parts = N_ARTICLES // PART_SIZE
    command = batch_cmd(path, output, "--workers", "2", "--part-size", str(PART_SIZE))

    # SIGTERM: no new part starts, the running ones finish, exit 143; no process is left
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        wait_for_markers(proc, output, 2)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    stderr = err.decode()
    assert proc.returncode == 143, stderr[-2000:]
    assert "Traceback" not in stderr
    assert "stopped by SIGTERM" in stderr and "run the same command again to go on" in stderr
    assert group_gone(proc.pid)
    after_term = markers(output)
    assert 2 <= after_term < parts

    # SIGKILL to the whole process group (parent, fork server, workers) about halfway
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        at_kill = wait_for_markers(proc, output, parts // 2)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == -signal.SIGKILL
    assert group_gone(proc.pid)
    done_before = markers(output)
    assert at_kill <= done_before < parts

    # SIGKILL to the parent alone: its workers and the fork server notice and exit
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        wait_for_markers(proc, output, done_before + 1)
        proc.kill()
        proc.communicate(timeout=60)
        assert group_gone(proc.pid), "worker processes outlived their parent"
    finally:
        if not group_gone(proc.pid):
            os.killpg(proc.pid, signal.SIGKILL)
    done_before = markers(output)
    assert done_before < parts

    res = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert res.returncode == 0, res.stderr[-3000:]
    assert f"{parts} parts ({done_before} already done), {(parts - done_before) * PART_SIZE} articles, 0 failed;" in res.stderr
    assert markers(output) == parts

    for table in TABLES:
        got, want = rows(output, table), rows(reference, table)
        keys = [tuple(r[k] for k in KEYS[table]) for r in got]
        assert len(keys) == len(set(keys)), f"duplicate {table} rows"
        assert canonical(got) == canonical(want), f"{table} rows differ from the uninterrupted run"
    assert not [p for t in TABLES for p in (output / t).rglob("*") if p.is_file() and not p.name.endswith(".parquet")]

    again = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0
    assert f"{parts} parts ({parts} already done), 0 articles, 0 failed;" in again.stderr


# --------------------------------------------------------------------------- extract_many(n_process=N)


def test_extract_many_on_two_processes_matches_one_in_order(corpus):
    import clashwatch

    _, articles = corpus
    records = articles[:24]
    one = [r.model_dump() for r in clashwatch.extract_many(records, batch_size=4)]
    two = [r.model_dump() for r in clashwatch.extract_many(records, batch_size=4, n_process=2)]
    assert [r["id"] for r in two] == [a["id"] for a in records]
    assert two == one

    # an endless iterator: records are read only as results are wanted, and stopping early
    # leaves no worker behind
    taken = []

    def endless():
        for i in itertools.count():
            taken.append(i)
            yield {**articles[i % 8], "id": f"r{i}"}

    results = clashwatch.extract_many(endless(), batch_size=2, n_process=2)
    first = [r.id for r in itertools.islice(results, 6)]
    results.close()
    assert first == [f"r{i}" for i in range(6)]
    assert len(taken) <= 6 + 2 * 2 * 2 + 2  # what was returned, the chunks in flight, one chunk being cut
    assert not multiprocessing.active_children()


def test_an_overlong_line_is_skipped_and_the_next_one_read(tmp_path, monkeypatch):
    from clashwatch.readers import checks as reader
    from clashwatch.batch.inputs import plan_parts, read_part

    monkeypatch.setattr(reader, "MAX_LINE_BYTES", 1000)
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "word " * 500}) + "\n" + json.dumps({"id": "b", "text": "Gunmen killed two."}) + "\n")
    [part] = plan_parts(path, 10)
    first, second = read_part(part)
    assert first == {"line": 1, "problem": "longer than 1.0 kB: skipped"}
    assert second["id"] == "b" and second["line"] == 2
