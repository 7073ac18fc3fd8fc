"""The clashwatch command line, run for real (subprocess and CliRunner, the real pipeline).

The NLP stages are still being written, so these tests assert only what holds whatever
the stages find: exit codes, ids and their order, warnings, messages, valid output, and
never a traceback.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from clashwatch.readers import checks as reader
from clashwatch.readers.corpus import iter_jsonl
from clashwatch.readers.plain import read_article
from clashwatch.language import not_english
from clashwatch.cli import cli
from clashwatch.outputs.acled import CSV_COLUMNS

ARTICLE = (
    "Two soldiers were killed and three others were wounded on Monday when gunmen attacked an army "
    "checkpoint near the town of Gao in northern Mali, the army said in a statement.\n"
)

FOOTBALL = """Rovers edge City in five-goal thriller

Rovers beat City 3-2 at a packed Ewood Park on Saturday to climb to fourth in the Championship table. \
Smith opened the scoring after 12 minutes with a low shot into the bottom corner, before City levelled \
through a header from Jones just before half-time. The home side's attack was relentless after the break: \
Brown struck twice in ten minutes, and although City pulled one back from the penalty spot, Rovers held on \
for the win. "The lads were brilliant today," the manager said after the match. Around 25,000 fans were \
in attendance.
"""

FRENCH = (
    "Le président a déclaré mardi que les forces de sécurité ont été déployées dans la région du nord "
    "après les attaques qui ont visé plusieurs villages pendant le week-end, selon des sources locales.\n"
)


def run(*args: str, input: bytes | None = None, cwd=None, timeout: float = 300) -> subprocess.CompletedProcess:
    """The real command, as a user runs it (``python -m clashwatch.cli``)."""
    return subprocess.run(
        [sys.executable, "-m", "clashwatch.cli", *args],
        input=input,
        capture_output=True,
        cwd=cwd,
        timeout=timeout,
    )


def invoke(*args: str, input: bytes | str | None = None):
    """The same command in-process (the pipeline is loaded once for all these tests)."""
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def no_traceback(text: str | bytes) -> bool:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return "Traceback" not in text and 'File "' not in text


def stderr_of(res) -> str:
    return res.stderr.decode() if isinstance(res.stderr, bytes) else res.stderr


def stdout_of(res) -> str:
    return res.stdout.decode() if isinstance(res.stdout, bytes) else res.stdout


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "gao-attack.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- text input


def test_one_article_json_is_an_object_with_the_file_stem_as_id(article):
    res = invoke("extract", str(article), "--published", "2024-03-04", "--format", "json")
    assert res.exit_code == 0, res.stderr
    data = json.loads(res.stdout)
    assert isinstance(data, dict)
    assert data["id"] == "gao-attack"
    assert data["published"] == "2024-03-04"
    assert isinstance(data["events"], list)


def test_title_and_id_options(article):
    res = invoke("extract", str(article), "--title", "Soldiers killed in Gao", "--id", "x1", "-f", "jsonl")
    assert res.exit_code == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["id"] == "x1" and data["title"] == "Soldiers killed in Gao"


def test_several_files_json_array_in_order(tmp_path, article):
    other = tmp_path / "b.txt"
    other.write_text(FOOTBALL, encoding="utf-8")
    res = invoke("extract", str(other), str(article), "--published", "2024-03-04", "-f", "json")
    assert res.exit_code == 0, res.stderr
    assert [d["id"] for d in json.loads(res.stdout)] == ["b", "gao-attack"]


def test_table_is_the_default(article):
    res = invoke("extract", str(article), "--published", "2024-03-04")
    assert res.exit_code == 0
    assert "id gao-attack" in res.stdout and "published 2024-03-04" in res.stdout


def test_stdin(tmp_path):
    res = invoke("extract", "-", "--published", "2024-03-04", "-f", "jsonl", input=ARTICLE.encode())
    assert res.exit_code == 0, res.stderr
    assert json.loads(res.stdout)["published"] == "2024-03-04"


def test_output_file(tmp_path, article):
    out = tmp_path / "out" / "events.jsonl"
    out.parent.mkdir()
    res = invoke("extract", str(article), "-f", "jsonl", "-o", str(out), "--published", "2024-03-04")
    assert res.exit_code == 0
    assert res.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["id"] == "gao-attack"


def test_output_may_not_overwrite_an_input(article):
    res = invoke("extract", str(article), "-o", str(article))
    assert res.exit_code == 2
    assert "also an input" in res.stderr
    assert article.read_text(encoding="utf-8") == ARTICLE


def test_empty_file_is_an_empty_result_with_a_warning(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\t\n   \n", encoding="utf-8")
    res = invoke("extract", str(empty), str(blank), "-f", "json", "--published", "2024-03-04")
    assert res.exit_code == 0, res.stderr
    data = json.loads(res.stdout)
    assert [d["id"] for d in data] == ["empty", "blank"]
    for d in data:
        assert d["events"] == [] and d["claims"] == []
        assert "empty article" in d["warnings"]
    assert "warning: " in res.stderr and "empty article" in res.stderr


def test_binary_file_fails_cleanly_and_the_rest_is_processed(tmp_path, article):
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 40)
    blob = tmp_path / "blob.bin"
    blob.write_bytes(bytes(range(256)) * 8)
    res = run("extract", str(binary), str(article), str(blob), "-f", "jsonl", "--published", "2024-03-04")
    assert res.returncode == 1
    err = res.stderr.decode()
    assert no_traceback(err)
    assert f"clashwatch: error: {binary}: looks like a binary file" in err
    assert f"clashwatch: error: {blob}: looks like a binary file" in err
    assert [json.loads(line)["id"] for line in res.stdout.decode().splitlines()] == ["gao-attack"]


def test_invalid_utf8(tmp_path):
    latin = tmp_path / "latin1.txt"
    latin.write_bytes(ARTICLE.replace("Mali", "Malí").encode("latin-1"))
    res = run("extract", str(latin), "-f", "json")
    assert res.returncode == 1
    err = res.stderr.decode()
    assert no_traceback(err)
    assert f"clashwatch: error: {latin}: not valid UTF-8 text (" in err
    assert len(err.strip().splitlines()) <= 2  # the error, then the summary
    assert res.stdout == b""


def test_utf16_with_bom_and_utf8_with_bom(tmp_path):
    u16 = tmp_path / "u16.txt"
    u16.write_bytes(codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"))
    u8 = tmp_path / "u8.txt"
    u8.write_bytes(codecs.BOM_UTF8 + ARTICLE.encode("utf-8"))
    res = invoke("extract", str(u16), str(u8), "-f", "jsonl", "--published", "2024-03-04")
    assert res.exit_code == 0, res.stderr
    results = [json.loads(line) for line in res.stdout.splitlines()]
    assert [r["id"] for r in results] == ["u16", "u8"]
    # both decode to the same text, so both read the same
    assert results[0]["events"] == results[1]["events"]
    assert read_article(u16).text == ARTICLE
    assert read_article(u8).text == ARTICLE


def test_huge_file_is_truncated_with_a_warning(tmp_path):
    huge = tmp_path / "huge.txt"
    line = "The fighting continued in the north of the country for a third day, residents said.\n"
    with huge.open("w", encoding="utf-8") as f:
        for _ in range(50_000_000 // (len(line) * 1000) + 1):
            f.write(line * 1000)
    assert huge.stat().st_size >= 50_000_000
    res = run("extract", str(huge), "-f", "json", "--published", "2024-03-04")
    assert res.returncode == 0, res.stderr.decode()[-2000:]
    assert no_traceback(res.stderr)
    data = json.loads(res.stdout)
    truncation = [w for w in data["warnings"] if "only the first" in w]
    assert truncation, data["warnings"]
    assert " MB long" in truncation[0]


def test_reading_a_huge_file_reads_only_what_is_analysed(tmp_path):
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"word " * 2_000_000)  # 10 MB
    text_input = read_article(huge, limit_chars=1000)
    assert len(text_input.text) <= 1000
    assert any("only the first" in w for w in text_input.warnings)


def test_html_soup_is_stripped_with_a_warning(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>Attack in Gao</title><style>p {color: red}</style>"
        "<script>var tracking = 'killed 999';</script></head><body><nav><a href='/'>Home</a> | "
        "<a href='/world'>World</a></nav><article><h1>Soldiers killed in Gao</h1><p>"
        + ARTICLE.replace("\n", "")
        + "</p><p>The attack was claimed by no group.</p></article><footer>&copy; 2024 News</footer></body></html>",
        encoding="utf-8",
    )
    # HTML passed as text (--input text; by content it would be read as a page by trafilatura)
    res = invoke("extract", "--input", "text", str(page), "-f", "json", "--published", "2024-03-04")
    assert res.exit_code == 0, res.stderr
    data = json.loads(res.stdout)
    assert any("HTML" in w for w in data["warnings"])
    text = read_article(page).text
    assert text.startswith("Soldiers killed in Gao\n\n")
    assert "Two soldiers were killed" in text
    for gone in ("<", "tracking", "color", "Home", "2024 News"):
        assert gone not in text


def test_html_fragment_is_detected():
    text, warnings, _ = reader.check_text("<p>Two soldiers were killed.</p>\n<p>Three were wounded.</p>")
    assert text == "Two soldiers were killed.\n\nThree were wounded."
    assert any("HTML" in w for w in warnings)
    # a stray comparison or a single tag is not HTML
    assert reader.check_text("Casualties rose from <10 to >50 in the <b>north</b>.")[1] == []


def test_football_report_has_no_events(tmp_path):
    report = tmp_path / "football.txt"
    report.write_text(FOOTBALL, encoding="utf-8")
    res = invoke("extract", str(report), "-f", "json", "--published", "2024-03-04")
    assert res.exit_code == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["events"] == []
    assert data["title"] == "Rovers edge City in five-goal thriller"


def test_non_english_text_warns(tmp_path):
    french = tmp_path / "fr.txt"
    french.write_text(FRENCH, encoding="utf-8")
    res = invoke("extract", str(french), "-f", "json", "--published", "2024-03-04")
    assert res.exit_code == 0
    data = json.loads(res.stdout)
    assert any("does not look like English" in w and "French" in w for w in data["warnings"])
    assert data["events"] == [] and data["claims"] == []  # not read, rather than misread
    assert not_english(ARTICLE) is None and not_english(FOOTBALL) is None


@pytest.mark.parametrize(
    "text, english",
    [
        (FRENCH, False),
        ("El gobierno anunció el martes que las fuerzas de seguridad fueron desplegadas en la región norte "
         "tras los ataques que afectaron a varias aldeas durante el fin de semana.", False),
        ("Правительство заявило во вторник, что силы безопасности были направлены в северный регион после "
         "нападений на несколько деревень в выходные.", False),
        ("Mali: Gunmen kill 12 in Mopti village raid\nNigeria: Bandits abduct 30 students in Kaduna\n"
         "Sudan: RSF shelling hits El Fasher market\nSomalia: Al-Shabaab claims Mogadishu blast", True),
        ("Clashes between the army and ELN rebels in San José del Guaviare and La Macarena left five dead, "
         "the Defensoría del Pueblo said on Tuesday, citing local sources in the region.", True),
        ("Attaque à Gao", True),  # too short to tell
    ],
)
def test_language_identification(text, english):
    assert (not_english(text) is None) is english


def test_utf16_without_bom_is_reported(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes(ARTICLE.encode("utf-16-le"))
    res = invoke("extract", str(path))
    assert res.exit_code == 1
    assert "looks like UTF-16 text without a byte-order mark" in res.stderr


# --------------------------------------------------------------------------- usage errors


def test_malformed_published_is_a_usage_error(article):
    for bad in ("2024-02-30", "the day the rains came", "2024-03"):
        res = run("extract", str(article), "--published", bad)
        assert res.returncode == 2, bad
        err = res.stderr.decode()
        assert "--published" in err and bad in err
        assert "Traceback" not in err
    assert "is a month, not a day" in run("extract", str(article), "--published", "2024-03").stderr.decode()


def test_missing_file_is_a_usage_error(tmp_path):
    res = run("extract", str(tmp_path / "nope.txt"))
    assert res.returncode == 2
    err = res.stderr.decode()
    assert "nope.txt" in err and "does not exist" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "args, message",
    [
        (["extract", "--format", "xml", "ARTICLE"], "'xml' is not one of"),
        (["extract", "--batch-size", "0", "ARTICLE"], "--batch-size"),
        (["extract", "-i", "jsonl", "--title", "t", "ARTICLE"], "--title and --id apply to text input"),
        (["extract", "--id", "a", "ARTICLE", "ARTICLE"], "single FILE"),
        (["extract", "-", "-"], "only once"),
        (["extract"], "Missing argument"),
        (["frobnicate"], "No such command"),
    ],
)
def test_usage_errors(article, args, message):
    res = invoke(*[str(article) if a == "ARTICLE" else a for a in args])
    assert res.exit_code == 2
    assert message in res.stderr


def test_help_documents_exit_codes_and_module_entry_point():
    res = run("extract", "--help")
    assert res.returncode == 0
    out = res.stdout.decode()
    assert "Exit codes" in out and "130" in out
    for option in ("--published", "--title", "--format", "--input", "--output", "--batch-size"):
        assert option in out
    assert run("--version").stdout.decode().startswith("clashwatch")


# --------------------------------------------------------------------------- JSONL


def write_jsonl(path, lines):
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def jsonl_lines():
    return [
        json.dumps({"id": "a", "text": ARTICLE, "published": "2024-03-04", "url": "https://example.org/a"}),
        '{"id": "b", "text": "unterminated',
        json.dumps({"id": "c", "text": FOOTBALL, "published": "2024-03-02", "title": "Rovers edge City"}),
        "",
        json.dumps({"id": 4, "text": ARTICLE, "published": "2024-03-04T09:30:00Z", "source": "Example News"}),
    ]


def test_jsonl_bad_line_is_reported_and_skipped(tmp_path):
    data = tmp_path / "articles.jsonl"
    write_jsonl(data, jsonl_lines())
    res = run("extract", "--input", "jsonl", str(data))
    assert res.returncode == 1
    err = res.stderr.decode()
    assert no_traceback(err)
    bad = [line for line in err.splitlines() if "line 2:" in line]
    assert len(bad) == 1 and bad[0].startswith("clashwatch: error:") and "not valid JSON" in bad[0]
    assert "1 line skipped" in err  # the summary
    results = [json.loads(line) for line in res.stdout.decode().splitlines()]  # jsonl is the default
    assert [r["id"] for r in results] == ["a", "c", "4"]
    assert results[0]["url"] == "https://example.org/a"
    assert results[1]["title"] == "Rovers edge City"
    assert results[2]["published"] == "2024-03-04" and results[2]["outlet"] == "Example News"


@pytest.mark.parametrize(
    "line, reason",
    [
        ("[1, 2]", "not a JSON object"),
        ('"just a string"', "not a JSON object"),
        ('{"id": "x"}', 'no "text" field'),
        ('{"id": "x", "text": 42}', '"text" must be a string'),
        ('{"id": "x", "text": "t", "published": "the rainy season"}', '"published"'),
        ('{"id": "x", "text": "t", "published": "2024-13-01"}', '"published"'),
        ('{"id": "x", "text": "t", "published": 20240304}', '"published"'),
        ('{"id": "x", "text": "t", "title": ["a"]}', '"title" must be a string'),
        ('{"id": {"a": 1}, "text": "t"}', '"id" must be'),
        ("{not json}", "not valid JSON"),
    ],
)
def test_jsonl_line_problems(tmp_path, line, reason):
    data = tmp_path / "in.jsonl"
    write_jsonl(data, [json.dumps({"id": "ok1", "text": ARTICLE}), line, json.dumps({"id": "ok2", "text": ARTICLE})])
    res = invoke("extract", "-i", "jsonl", str(data), "--published", "2024-03-04")
    assert res.exit_code == 1
    assert "line 2: " in res.stderr and reason in res.stderr
    assert [json.loads(r)["id"] for r in res.stdout.splitlines()] == ["ok1", "ok2"]


def test_jsonl_invalid_utf8_line_is_skipped(tmp_path):
    data = tmp_path / "in.jsonl"
    data.write_bytes(
        json.dumps({"id": "ok1", "text": ARTICLE}).encode() + b"\n"
        + b'{"id": "bad", "text": "caf\xe9"}\n'
        + json.dumps({"id": "ok2", "text": ARTICLE}).encode() + b"\n"
    )
    res = invoke("extract", "-i", "jsonl", str(data))
    assert res.exit_code == 1
    assert "line 2: not valid UTF-8" in res.stderr
    assert [json.loads(r)["id"] for r in res.stdout.splitlines()] == ["ok1", "ok2"]


def test_jsonl_binary_file_fails_cleanly(tmp_path):
    data = tmp_path / "articles.jsonl.gz"
    data.write_bytes(b"\x1f\x8b\x08\x00" + bytes(range(256)) * 4)
    res = invoke("extract", "-i", "jsonl", str(data))
    assert res.exit_code == 1
    assert "looks like a binary file (gzip-compressed data)" in res.stderr


def test_jsonl_published_option_is_the_fallback(tmp_path):
    data = tmp_path / "in.jsonl"
    write_jsonl(data, [json.dumps({"id": "a", "text": ARTICLE}), json.dumps({"id": "b", "text": ARTICLE, "published": "2024-01-01"})])
    res = invoke("extract", "-i", "jsonl", str(data), "--published", "2024-03-04")
    assert res.exit_code == 0
    assert [json.loads(r)["published"] for r in res.stdout.splitlines()] == ["2024-03-04", "2024-01-01"]


def test_jsonl_empty_text_and_warnings_are_counted(tmp_path):
    data = tmp_path / "in.jsonl"
    write_jsonl(data, [json.dumps({"id": "e", "text": "", "published": "2024-03-04"})])
    res = invoke("extract", "-i", "jsonl", str(data))
    assert res.exit_code == 0
    assert json.loads(res.stdout)["warnings"][0] == "empty article"
    assert "1 article with warnings" in res.stderr and "0 lines skipped" in res.stderr


def test_jsonl_stdin_streams_every_format(tmp_path):
    payload = "".join(line + "\n" for line in jsonl_lines()).encode()
    for fmt in ("jsonl", "json", "acled-csv", "geojson", "table"):
        res = invoke("extract", "-i", "jsonl", "-", "-f", fmt, input=payload)
        assert res.exit_code == 1, (fmt, res.stderr)  # line 2 is bad
        assert "<stdin>: line 2:" in res.stderr
        out = res.stdout
        if fmt == "json":
            assert [d["id"] for d in json.loads(out)] == ["a", "c", "4"]
        elif fmt == "acled-csv":
            rows = list(csv.reader(io.StringIO(out)))
            assert rows[0] == list(CSV_COLUMNS)
            assert all(len(r) == len(CSV_COLUMNS) for r in rows)
            assert {r[CSV_COLUMNS.index("article_id")] for r in rows[1:]} <= {"a", "c", "4"}
        elif fmt == "geojson":
            assert_valid_geojson(json.loads(out))
        elif fmt == "table":
            assert "id a " in out and "id c " in out and "id 4 " in out


def assert_valid_geojson(doc):
    assert doc["type"] == "FeatureCollection"
    assert isinstance(doc["features"], list)
    assert isinstance(doc["clashwatch:skipped"], int) and "skipped" not in doc
    for feature in doc["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert isinstance(feature["properties"], dict)


def test_geojson_and_acled_csv_from_text_input(article, tmp_path):
    res = invoke("extract", str(article), "-f", "geojson", "--published", "2024-03-04")
    assert res.exit_code == 0
    assert_valid_geojson(json.loads(res.stdout))
    res = invoke("extract", str(article), "-f", "acled-csv", "--published", "2024-03-04")
    assert res.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert res.stdout.splitlines()[0].split(",") == list(CSV_COLUMNS)
    for row in rows:
        assert row["article_id"] == "gao-attack"
        assert row["fatalities"].isdigit()  # ACLED: 0 when no figure, never empty


def test_jsonl_is_read_lazily(tmp_path):
    """The reader yields a record per line without reading ahead (constant memory)."""

    class CountingStream(io.BytesIO):
        lines_read = 0

        def readline(self, *args):
            CountingStream.lines_read += 1
            return super().readline(*args)

    payload = "".join(json.dumps({"id": str(i), "text": "x"}) + "\n" for i in range(1000)).encode()
    records = iter_jsonl(CountingStream(payload), "test")
    first = next(records)
    assert first.id == "0" and CountingStream.lines_read == 1


# --------------------------------------------------------------------------- signals


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
def test_ctrl_c_exits_130_quietly(tmp_path):
    data = tmp_path / "many.jsonl"
    write_jsonl(data, [json.dumps({"id": str(i), "text": ARTICLE * 3, "published": "2024-03-04"}) for i in range(3000)])
    proc = subprocess.Popen(
        [sys.executable, "-m", "clashwatch.cli", "extract", "-i", "jsonl", str(data), "-f", "json", "--batch-size", "4"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        bufsize=0,
    )
    try:
        first = proc.stdout.read(1)  # the model is loaded and output has begun
        time.sleep(0.5)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130
    assert "Traceback" not in err.decode() and "KeyboardInterrupt" not in err.decode()
    data = first + out
    try:
        done = json.loads(data)  # the array is closed: what was done is valid JSON
    except ValueError as exc:
        raise AssertionError(repr(data[exc.pos - 400 : exc.pos + 100])) from exc
    assert 0 < len(done) < 3000
    assert [d["id"] for d in done] == [str(i) for i in range(len(done))]
