"""Fuzzing the ways in ("Nothing lost, nothing hidden"): property-based tests with hypothesis.

1. the pipeline's entrance: any text and any published value through ``make_article`` and
   ``extract_many``: only ``ValueError`` (a bad date, from ``make_article``) may escape;
   a result always comes back, no stage failed silently, every span points into the
   text, the result serialises;
2. the readers: random bytes as every input kind, and ``sniff``: nothing escapes, every
   item is an ``Article``, ``Problem`` or ``Skipped``, an article's text is valid
   UTF-8; ``iter_jsonl`` on random lines gives one item per non-blank line;
3. the API's query parameters: never a 500.

Small ``max_examples`` and ``derandomize=True``: the same inputs on every run (CI is
reproducible). ``benchmarks/fuzz.py`` runs the same checks with many more examples.
The checks are plain functions (``check_*``) so the benchmark can reuse them.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clashwatch.article import Article, make_article
from clashwatch.model import EXTRACTION_FAILED, ArticleResult
from clashwatch.readers import KINDS, InputFile, Problem, Skipped, read_input, sniff
from clashwatch.readers.checks import InputError
from clashwatch.readers.corpus import iter_jsonl

FUZZ = dict(deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))

# --------------------------------------------------------------------------- strategies

_WORDS = ["killed", "Kenya", "Nairobi", "at least 12", "2024-03-01", "on Friday", "soldiers", "the", "ÉCOLE", "\u202e", "\x00"]

# every code point, and text thick with lone surrogates (rare in plain st.characters)
any_chars = st.text(st.characters(codec=None)) | st.lists(st.characters(categories=["Cs"]) | st.sampled_from(["a", " ", "killed", "\n"]), min_size=1).map("".join)
control = st.text(st.characters(min_codepoint=0, max_codepoint=0x1F) | st.sampled_from("\x7f\x85\u2028\u2029\ufeff\u200b"), max_size=50)
runs = st.builds(lambda w, n, sep: sep.join([w] * n), st.sampled_from(_WORDS + ["a", "x" * 40]), st.integers(1, 3000), st.sampled_from([" ", "\n", "", ". "]))
digits = st.text("0123456789,. -", max_size=200)
capitals = st.text(st.characters(min_codepoint=65, max_codepoint=90) | st.just(" "), max_size=300)
markup = st.lists(
    st.sampled_from(["<p>", "</p>", "<script>", "<!--", "-->", "<a href='x'>", "&amp;", "&#0;", "&#xD800;", "<br/>", "]]>", "<![CDATA["])
    | st.sampled_from(_WORDS), max_size=60,
).map(" ".join)
news = st.lists(st.sampled_from(_WORDS + ["were", "in", "attack", "a", "drone", "strike", ".", "\n\n", "Mali", "dead", "wounded", "police"]), max_size=80).map(" ".join)
# sentences the stages do find things in (claims, places, dates, events), with junk between them
_figures = st.integers(0, 10**12).map(str) | st.sampled_from(["at least 12", "dozens of", "between 3 and 5", "no", "one", "1,000,000", "12-15"])
_places = st.sampled_from(["Gao, Mali", "Nairobi", "Kenya", "Zamfara state, Nigeria", "Kharkiv", "the north", "Mogadishu"])
_days = st.sampled_from(["on Friday", "on 3 March 2024", "yesterday", "last week", "since January", "on 31 February"])
sentence = st.builds(
    "{} people were killed and {} injured in a drone strike on {} {}, officials said.".format, _figures, _figures, _places, _days
) | st.builds("Police said {} protesters were arrested in {} {}.".format, _figures, _places, _days)
reports = st.lists(sentence | st.sampled_from(["\n\n", " ", "\r\n"]) | any_chars | control, min_size=1, max_size=8).map("".join)
texts = st.one_of(st.text(), any_chars, control, runs, digits, capitals, markup, news, reports, reports,
                  st.lists(any_chars | news | sentence, max_size=4).map("".join))
published_values = st.one_of(st.none(), st.dates(), st.text(), st.dates().map(dt.date.isoformat), st.datetimes().map(dt.datetime.isoformat))


def _junk_bytes() -> st.SearchStrategy[bytes]:
    prefixes = st.sampled_from([
        b"", b"WARC/1.0\r\n", b"\x1f\x8b\x08\x00", b"<?xml version='1.0'?><rss><channel><item>", b"<feed>", b"<html><body>",
        b"{", b'{"text": "', b"\xef\xbb\xbf", b"\xff\xfe", b"id,text,published\n", b"%PDF-",
    ])
    return st.builds(lambda p, b: p + b, prefixes, st.binary(max_size=2000)) | st.text(st.characters(codec=None)).map(
        lambda s: s.encode("utf-8", "surrogatepass")
    )


junk_bytes = _junk_bytes()


def _json_value() -> st.SearchStrategy:
    scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(st.characters(codec=None), max_size=30)
    return st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=8)


json_value = _json_value()
record = st.fixed_dictionaries(
    {},
    optional={k: json_value | st.text(st.characters(codec=None)) for k in ("id", "text", "published", "title", "url", "source", "author", "language")},
)
good_record = st.fixed_dictionaries(  # fields of the right types: the text itself is what varies
    {"text": any_chars},
    optional={"id": st.text(max_size=80) | st.integers(), "published": st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2025, 12, 31)).map(dt.date.isoformat),
              "title": any_chars, "url": st.text(max_size=40), "source": any_chars, "author": any_chars},
)
jsonl_line = st.one_of(
    good_record.map(lambda r: json.dumps(r).encode()),  # ASCII JSON: lone surrogates arrive as "\ud800" escapes
    record.map(lambda r: json.dumps(r, ensure_ascii=False).encode("utf-8", "surrogatepass")),
    record.map(lambda r: json.dumps(r).encode()),
    json_value.map(lambda v: json.dumps(v).encode()),
    st.binary(max_size=200).map(lambda b: b.replace(b"\n", b"")),
    st.text(st.characters(codec=None), max_size=100).map(lambda s: s.replace("\n", "").encode("utf-8", "surrogatepass")),
)
jsonl_lines = st.lists(jsonl_line, max_size=12)

# --------------------------------------------------------------------------- 1. the pipeline's entrance


def _spans(result: ArticleResult):
    """(what, quote, start, end) of every span of a result."""
    for c in result.claims:
        yield "claim", c.sentence, c.start, c.end
        yield "claim figure", c.figure, c.figure_start, c.figure_end
    for p in result.places:
        yield "place", p.text, p.start, p.end
    for d in result.dates:
        yield "date", d.text, d.start, d.end
    for e in result.events:
        yield "event", e.text, e.start, e.end


def check_entrance(pipeline, text: str, published) -> None:
    try:
        article = make_article(text, published=published)
    except ValueError:
        return  # a bad publication date: the one error make_article may raise
    results = list(pipeline.extract_many([article]))
    assert len(results) == 1, "one article in, one result out"
    result = results[0]
    failed = [w for w in result.warnings if w.startswith(EXTRACTION_FAILED)]
    assert not failed, f"a stage raised and the result came back empty: {failed}"
    base = article.text  # normalised (lone surrogates replaced), same length as given
    assert len(base) == len(text)
    for what, quote, start, end in _spans(result):
        assert 0 <= start <= end <= len(base), f"{what} span {start}:{end} outside the text ({len(base)} characters)"
        assert base[start:end] == quote, f"{what} span {start}:{end} is {base[start:end]!r}, not {quote!r}"
    json.loads(result.model_dump_json())


@pytest.fixture(scope="module")
def pipeline():
    from clashwatch.pipeline import get_pipeline

    return get_pipeline()


def test_entrance(pipeline):
    @settings(max_examples=30, **FUZZ)
    @given(text=texts, published=published_values)
    def entrance(text, published):
        check_entrance(pipeline, text, published)

    entrance()


# --------------------------------------------------------------------------- 2. the readers


def check_item(found) -> None:
    assert isinstance(found, (Article, Problem, Skipped)), f"a reader yielded {type(found).__name__}"
    if isinstance(found, Article):
        assert isinstance(found.text, str)
        found.text.encode("utf-8")  # no lone surrogates
        if found.title is not None:
            found.title.encode("utf-8")
    else:
        assert isinstance(found.reason, str) and found.reason


def check_readers(folder: str, data: bytes) -> None:
    kind_found = sniff(data)
    assert kind_found in KINDS
    path = os.path.join(folder, "input")
    with open(path, "wb") as f:
        f.write(data)
    for kind in KINDS:
        for found in read_input(InputFile(path, kind)):
            check_item(found)


def check_jsonl(lines: list[bytes]) -> None:
    data = b"\n".join(lines)
    expected = sum(1 for raw in io.BytesIO(data).readlines() if raw.strip())
    items = []
    try:
        for found in iter_jsonl(io.BytesIO(data), "fuzz.jsonl"):
            check_item(found)
            assert not isinstance(found, Skipped)
            items.append(found)
    except InputError:
        assert not items, "InputError is for an input that is not JSONL at all: before the first item"
        return
    assert len(items) == expected, f"{expected} non-blank lines, {len(items)} items: nothing may be lost"


@pytest.fixture(scope="module")
def folder():
    with tempfile.TemporaryDirectory(prefix="clashwatch-fuzz-") as d:
        yield d


def test_readers(folder):
    @settings(max_examples=60, **FUZZ)
    @given(data=junk_bytes)
    def readers(data):
        check_readers(folder, data)

    readers()


@settings(max_examples=150, **FUZZ)
@given(lines=jsonl_lines)
def test_iter_jsonl(lines):
    check_jsonl(lines)


# --------------------------------------------------------------------------- 3. the API's query parameters

API_PATHS = ("/api/events", "/api/events.geojson", "/api/events.csv", "/api/stats")
API_OK = {200, 400, 404, 422, 429}
SEED_ARTICLES = [
    {"id": "fz1", "published": "2024-03-02", "source": "Fuzz Times",
     "text": "At least 12 people were killed in an attack on a market in Gao, Mali, on Friday, officials said."},
    {"id": "fz2", "published": "2024-03-05", "source": "Fuzz Times",
     "text": "Police in Nairobi, Kenya, said 3 protesters were injured in clashes with security forces on Monday."},
    {"id": "fz3", "published": "2024-03-06", "source": "Fuzz Times",
     "text": "Gunmen killed five villagers in Zamfara state, Nigeria, on Tuesday, residents said."},
]


def _cursor() -> st.SearchStrategy[str]:
    encode = lambda v: base64.urlsafe_b64encode(json.dumps(v).encode()).decode().rstrip("=")  # noqa: E731
    return st.one_of(
        st.text(st.characters(codec=None)).map(lambda s: s.encode("utf-8", "surrogatepass").decode("utf-8", "replace")),
        json_value.map(encode),
        st.sampled_from([0, None, True, "x", [], {}, 1.5]).map(encode),  # valid JSON that is not a pair
        st.tuples(st.text(max_size=12) | st.dates().map(dt.date.isoformat), json_value).map(lambda t: encode(list(t))),
        st.binary(max_size=40).map(lambda b: base64.urlsafe_b64encode(b).decode()),
    )


_big_ints = (st.integers().map(str) | st.integers(min_value=2**63 - 2, max_value=10**40).map(str)
             | st.sampled_from([str(2**63), str(10**40), str(-(2**63) - 1), "1" * 400]))
_free = st.text(max_size=40) | st.text(st.characters(codec=None, exclude_categories=["Cs"]), max_size=40)
_dates = st.dates().map(dt.date.isoformat) | _free | _big_ints | st.just("2024-02-30") | st.just("0000-01-01")
_floats = st.floats().map(str) | st.integers().map(str) | _free
_bbox = st.tuples(_floats, _floats, _floats, _floats).map(",".join) | st.lists(_floats, max_size=6).map(",".join) | _free
query_values = {
    "country": _free | st.sampled_from(["KE", "Kenya", "ke", "XX", "%", "_", "'", ""]),
    "admin1": _free,
    "type": _free | st.sampled_from(["Battles", "battles", "Violence against civilians"]),
    "date_from": _dates,
    "date_to": _dates,
    "bbox": _bbox,
    "min_fatalities": _big_ints | _free,
    # httpx refuses a query over 65,536 characters (client-side), so the longest text sent is 60,000
    "text": _free | st.just("x" * 60_000) | st.just("%_\\'\"") | st.just("é" * 6_000),
    "limit": _big_ints | _free,
    "cursor": _cursor(),
    "current_only": _free | st.sampled_from(["true", "false", "1", "0", "yes"]),
}


@st.composite
def api_requests(draw):
    path = draw(st.sampled_from(API_PATHS))
    # a few parameters at a time, so that each one's own validation is reached
    names = draw(st.lists(st.sampled_from(sorted(query_values)), max_size=3, unique=True))
    params = {name: draw(query_values[name]) for name in names}
    extra = draw(st.lists(st.tuples(st.sampled_from(sorted(query_values)) | st.text(max_size=10), _free), max_size=3))
    return path, list(params.items()) + extra


def check_api(client, path: str, params: list[tuple[str, str]]) -> None:
    response = client.get(path, params=params)
    assert response.status_code != 500, f"500 for {path} {params!r}: {response.text[:300]}"
    assert response.status_code in API_OK, f"{response.status_code} for {path} {params!r}: {response.text[:300]}"
    if response.status_code == 200:  # nothing hidden: a 200 carries a whole body, not one cut off by an error
        if path.endswith(".csv"):
            assert response.text.startswith("event_id_cnty,"), f"200 for {path} {params!r} without the CSV header: {response.text[:100]!r}"
        else:
            response.json()


def seeded_store(folder: str, pipeline) -> str:
    from clashwatch.ingest import Ingester
    from clashwatch.store import Store

    url = f"sqlite:///{Path(folder) / 'fuzz.db'}"
    store = Store.open(url)
    try:
        stats = Ingester(store, pipeline).ingest_records(SEED_ARTICLES, name="fuzz")
        assert stats.failed == 0
    finally:
        store.close()
    return url


@pytest.fixture(scope="module")
def api_client(folder, pipeline):
    from fastapi.testclient import TestClient

    from clashwatch.web.api import Settings, create_app

    url = seeded_store(folder, pipeline)
    with TestClient(create_app(Settings(db=url)), base_url="http://127.0.0.1", raise_server_exceptions=False) as client:
        assert client.get("/api/events").json()["events"], "the seeded store has events"
        yield client


def test_api_parameters(api_client):
    @settings(max_examples=100, **FUZZ)
    @given(request=api_requests())
    def api(request):
        check_api(api_client, *request)

    api()


@pytest.mark.parametrize("name", sorted(query_values))
def test_api_parameter(api_client, name):
    """One parameter alone on each path: a failure of one cannot hide another's (hypothesis stops at the first)."""

    @settings(max_examples=25, **FUZZ)
    @given(path=st.sampled_from(API_PATHS), value=query_values[name])
    def api(path, value):
        check_api(api_client, path, [(name, value)])

    api()
