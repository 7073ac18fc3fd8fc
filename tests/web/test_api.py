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
        ({"country": "KE", "current_only": "true", "min_fatalities": 1}, ["--country", "KE", "--current-only", "--min-fatalities", "1"]),
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
    current = api.get("/api/events", params={"current_only": "true", "limit": 5000}).json()["events"]
    everything = api.get("/api/events", params={"limit": 5000}).json()["events"]
    assert not any(e["background"] for e in current)
    assert len(current) < len(everything)
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
        ({"date_from": "2022-13-45"}, "date_from: '2022-13-45' is not a date (YYYY-MM-DD)"),
        ({"date_from": "2024-05-09", "date_to": "2024-05-01"}, "date_from 2024-05-09 is after date_to 2024-05-01"),
        ({"min_fatalities": "many"}, "min_fatalities: 'many' is not a whole number"),
        ({"limit": "0"}, "limit: Input should be greater than or equal to 1"),
        ({"cursor": "garbage!"}, "cursor: not a cursor this server gave"),
        ({"contry": "KE"}, "contry: unknown parameter"),
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
