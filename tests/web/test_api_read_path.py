"""The lean read path as a client sees it, on a real `clashwatch serve` over a generated
store (``benchmarks/store_bench.py``) in a real SQLite file and on the real PostgreSQL
server: ``/api/events`` pages are exactly what ``StoredEvent`` validation and
serialisation write (every field, every filter, each page of the cursor), and
``/api/events.grid`` counts what ``/api/stats`` counts for the same filters, listing single
events once few are in view."""

from __future__ import annotations

import json
import sys

import httpx
import pytest
from sqlalchemy import text

from support.paths import REPO
from support.stores import backend_url
from support.webserver import ServerProcess

sys.path.insert(0, str(REPO / "benchmarks"))
from store_bench import build_event_store  # noqa: E402

from clashwatch.model import StoredEvent  # noqa: E402
from clashwatch.store import Store  # noqa: E402
from clashwatch.store.outlets import outlets_of_events, refresh  # noqa: E402
from clashwatch.web.api import EventPage, EventPageParams, decode_cursor, encode_cursor  # noqa: E402

EVENTS = 4000
PARAMS = [
    {},
    {"country": "NG,SO"},
    {"type": "Battles", "date_from": "2021", "date_to": "2022-06"},
    {"bbox": "2,4,15,14", "min_fatalities": "1"},
    {"text": "maiduguri"},
    {"actor": "boko", "sort": "oldest"},
    {"outlet": "lake-times"},
    {"sort": "deadliest", "include_background": "true"},
    {"interaction": "12", "admin1": "Borno"},
]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def served(request, tmp_path_factory):
    url = backend_url(request, tmp_path_factory, "read-path-api")
    build_event_store(url, EVENTS, seed=11, mentions=True)
    store = Store.open(url)
    with store.engine.begin() as conn:  # some articles named only by their URL
        conn.execute(text("UPDATE articles SET outlet = NULL, url = 'https://www.Lake-Times.example/' || id WHERE id LIKE '%1'"))
        conn.execute(text("UPDATE articles SET outlet = '' WHERE id LIKE '%2'"))
        conn.execute(text("UPDATE events SET rationale = :r, weapons = :w WHERE id IN (SELECT id FROM events ORDER BY id LIMIT 50)"),
                     {"r": json.dumps([{"rule": "best_from", "claim_ids": ["c1"], "related_claim_ids": [], "detail": "é"}]),
                      "w": json.dumps(["rifle", "drone"])})
        refresh(conn)  # the outlets the events keep, after this edit by hand
    with ServerProcess(url, "--quiet") as server:
        yield server, store
    store.close()


def reference_page(store: Store, params: dict, cursor: str | None) -> dict:
    """The page as pydantic validation and serialisation of the store's rows write it."""
    lists = ("country", "admin1", "type", "actor", "interaction", "outlet")
    given = {k: [v] if k in lists else v for k, v in params.items()}
    p = EventPageParams.model_validate({**given, "limit": 100, **({"cursor": cursor} if cursor else {})})
    after = decode_cursor(cursor, p.sort) if cursor else None
    rows = store.events(p.query(limit=101, after=after))
    with store.engine.connect() as conn:
        outlets = outlets_of_events(conn, [r["id"] for r in rows])
    for r in rows:
        r["outlets"] = outlets[r["id"]]
    events = [StoredEvent.model_validate(r) for r in rows[:100]]
    cursor = encode_cursor(rows[99], p.sort) if len(rows) > 100 else None
    return json.loads(EventPage(events=events, next_cursor=cursor, limit=100).model_dump_json())


def test_pages_are_what_the_models_write_for_every_filter_and_cursor(served):
    server, store = served
    named_by_host = 0
    for params in PARAMS:
        cursor, pages = None, 0
        while pages < 3:
            got = httpx.get(server.url + "/api/events", params={**params, **({"cursor": cursor} if cursor else {})}, timeout=60)
            assert got.status_code == 200, got.text
            body = got.json()
            assert list(body) == ["events", "next_cursor", "limit"]
            assert body == reference_page(store, params, cursor), (params, pages)
            for event in body["events"]:
                assert list(event) == list(StoredEvent.model_fields)
                named_by_host += "lake-times.example" in event["outlets"]
            cursor, pages = body["next_cursor"], pages + 1
            if not cursor:
                break
    assert named_by_host > 0


def test_the_grid_counts_what_the_stats_count(served):
    server, _ = served
    for params in PARAMS[:5]:
        params = {k: v for k, v in params.items() if k != "sort"}
        stats = httpx.get(server.url + "/api/stats", params=params, timeout=60).json()
        for zoom in (1, 3, 6):
            grid = httpx.get(server.url + "/api/events.grid", params={**params, "zoom": zoom, "singles": 0}, timeout=60).json()
            assert grid["events"] == stats["events"] == sum(c["events"] for c in grid["cells"]), (params, zoom)
            assert grid["fatalities"] == stats["fatalities"] == sum(c["fatalities"] for c in grid["cells"])
            assert grid["features"] is None
    # few events in view: each one as a GeoJSON feature, as /api/events.geojson has it
    small = {"bbox": "29,-2,29.5,-1.5", "zoom": 9}
    grid = httpx.get(server.url + "/api/events.grid", params=small, timeout=60).json()
    geo = httpx.get(server.url + "/api/events.geojson", params={"bbox": small["bbox"], "limit": 5000}, timeout=60).json()
    assert 0 < grid["events"] <= 1000
    assert sorted(f["id"] for f in grid["features"]) == sorted(f["id"] for f in geo["features"])
    assert {f["id"]: f for f in grid["features"]} == {f["id"]: f for f in geo["features"]}


def test_bad_grid_parameters_are_one_line_errors(served):
    server, _ = served
    for params, words in (({"zoom": "99"}, "zoom"), ({"view": "1,2,3"}, "view"), ({"view": "10,0,5,5"}, "min_lon"),
                          ({"singles": "-1"}, "singles"), ({"zoom": "x"}, "zoom")):
        got = httpx.get(server.url + "/api/events.grid", params=params, timeout=60)
        assert got.status_code == 422
        assert words in got.json()["message"] and "\n" not in got.json()["message"]
