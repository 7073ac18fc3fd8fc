"""The response cache (``web/cache.py``) as a client sees it, on a real ``clashwatch serve``
over a generated store in a real SQLite file: a repeated read is answered from memory
(``X-Cache: hit``) with the same bytes the routes write, a commit by anyone (another
process, ``clashwatch ingest``, a review correction through the API) shows on the very
next read, the memory it takes stays within ``--cache-mb``, and a private server never
answers from it without the token."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from support.paths import REPO
from support.webserver import CLASHWATCH, ServerProcess

sys.path.insert(0, str(REPO / "benchmarks"))
from store_bench import build_event_store  # noqa: E402

from clashwatch.web.cache import Responses  # noqa: E402

TOKEN = "cache-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
READS = [
    "/api/events",
    "/api/events?country=NG&limit=20",
    "/api/events?sort=deadliest&min_fatalities=1&limit=10",
    "/api/events.geojson?limit=50",
    "/api/events.grid?zoom=2",
    "/api/events.grid?zoom=6&view=2,4,15,14&singles=5000",
    "/api/stats?country=NG",
]


@pytest.fixture(scope="module")
def store_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("response-cache") / "generated.db"
    build_event_store(str(path), 2000, seed=5, mentions=True)
    return path


@pytest.fixture()
def db(store_file, tmp_path) -> Path:
    """A copy of the generated store that the test may write to."""
    copy = tmp_path / "store.db"
    with sqlite3.connect(store_file) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    return copy


def first_event(server) -> dict:
    return httpx.get(server.url + "/api/events", params={"limit": 1}).json()["events"][0]


def test_a_cached_answer_is_the_same_bytes_as_an_uncached_one(store_file):
    with ServerProcess(store_file, "--quiet") as cached, ServerProcess(store_file, "--quiet", "--no-cache") as plain:
        reads = READS + [f"/api/events/{first_event(plain)['id']}"]
        for path in reads:
            first, again = httpx.get(cached.url + path), httpx.get(cached.url + path)
            reference = httpx.get(plain.url + path)
            assert reference.status_code == first.status_code == again.status_code == 200, path
            assert (first.headers["x-cache"], again.headers["x-cache"]) == ("miss", "hit"), path
            assert "x-cache" not in reference.headers
            assert again.content == first.content == reference.content, path
            assert again.headers["content-type"] == reference.headers["content-type"]
            assert again.headers["x-content-type-options"] == "nosniff"  # the middleware's headers on a hit too
        for path in ("/api/events?limit=0", "/api/events/ev_nope", "/api/events?colour=red"):
            errors = [httpx.get(cached.url + path) for _ in range(2)]
            assert [r.status_code for r in errors] in ([422, 422], [404, 404]), path
            assert [r.headers["x-cache"] for r in errors] == ["miss", "miss"]  # errors are not kept
        csv = [httpx.get(cached.url + "/api/events.csv", params={"country": "NG"}) for _ in range(2)]
        assert csv[0].content == csv[1].content and "x-cache" not in csv[1].headers


def test_a_commit_by_another_process_shows_on_the_next_read(db):
    with ServerProcess(db, "--quiet") as server:
        event = first_event(server)
        page, detail = "/api/events?limit=5", f"/api/events/{event['id']}"
        for n in range(12):
            for path in (page, detail, "/api/stats"):
                httpx.get(server.url + path)
                assert httpx.get(server.url + path).headers["x-cache"] == "hit"
            with sqlite3.connect(db) as conn:  # this test's process, not the server's
                conn.execute("UPDATE events SET location = ?, fatalities = ? WHERE id = ?", (f"Renamed {n}", 1000 + n, event["id"]))
            listed = httpx.get(server.url + page)
            assert listed.headers["x-cache"] == "miss"
            assert listed.json()["events"][0]["location"] == f"Renamed {n}"
            assert httpx.get(server.url + detail).json()["fatalities"] == 1000 + n
            stats = httpx.get(server.url + "/api/stats").json()
            if n:
                assert stats["fatalities"] == previous + 1
            previous = stats["fatalities"]


def test_an_ingest_into_the_same_file_shows_on_the_next_read(db):
    with ServerProcess(db, "--quiet") as server:
        kenya = "/api/events?country=KE&date_from=2024-03&date_to=2024-03&limit=1000"
        before = httpx.get(server.url + "/api/stats").json()
        listed = httpx.get(server.url + kenya).json()["events"]
        assert httpx.get(server.url + "/api/stats").headers["x-cache"] == "hit"
        assert httpx.get(server.url + kenya).headers["x-cache"] == "hit"
        done = subprocess.run([CLASHWATCH, "ingest", str(REPO / "examples" / "garissa-attack.txt"), "--published", "2024-03-10",
                               "--db", str(db), "--quiet"], capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        after = httpx.get(server.url + "/api/stats").json()
        assert after["events"] > before["events"]
        new = {e["id"] for e in httpx.get(server.url + kenya).json()["events"]} - {e["id"] for e in listed}
        assert new and after["events"] > before["events"]


def test_a_review_correction_through_the_api_shows_on_the_next_read(db):
    with ServerProcess(db, "--quiet", "--allow-writes", env={"CLASHWATCH_API_TOKEN": TOKEN}) as server:
        event = first_event(server)
        reads = ["/api/events?limit=3", f"/api/events/{event['id']}", "/api/events.geojson?limit=3"]
        for path in reads:
            httpx.get(server.url + path)
            assert httpx.get(server.url + path).headers["x-cache"] == "hit"
        done = httpx.post(f"{server.url}/api/events/{event['id']}/corrections", headers=AUTH,
                          json={"why": "the governor's figure", "fatalities": 4242})
        assert done.status_code == 200, done.text
        listed = httpx.get(server.url + reads[0]).json()["events"][0]
        assert (listed["fatalities"], listed["review_state"]) == (4242, "corrected")
        assert httpx.get(server.url + reads[1]).json()["fatalities"] == 4242
        feature = httpx.get(server.url + reads[2]).json()["features"][0]
        assert feature["properties"]["fatalities"] == 4242
        rejected = httpx.post(f"{server.url}/api/events/{event['id']}/reject", headers=AUTH, json={"why": "not an event"})
        assert rejected.status_code == 200
        assert httpx.get(server.url + reads[0]).json()["events"][0]["id"] != event["id"]


def test_memory_stays_within_cache_mb(store_file):
    with ServerProcess(store_file, "--quiet", "--cache-mb", "1") as server:
        per_event = len(httpx.get(server.url + "/api/events", params={"limit": 20}).content) / 20
        limit = max(1, int(60_000 / per_event))  # pages of about 60 kB, under the largest kept (an eighth of 1 MB)
        pages = [{"limit": limit, "date_to": (dt.date(2024, 12, 31) - dt.timedelta(days=k)).isoformat()} for k in range(60)]
        sizes = []
        for params in pages:  # 60 pages, over three times the megabyte
            got = httpx.get(server.url + "/api/events", params=params)
            assert got.headers["x-cache"] == "miss"
            sizes.append(len(got.content))
        assert sum(sizes) > 3 * 1024 * 1024 and max(sizes) < 1024 * 1024 / 8
        assert httpx.get(server.url + "/api/events", params=pages[-1]).headers["x-cache"] == "hit"  # the newest kept
        assert httpx.get(server.url + "/api/events", params=pages[0]).headers["x-cache"] == "miss"  # the oldest dropped
        big = [httpx.get(server.url + "/api/events", params={"limit": 1000}) for _ in range(2)]
        assert len(big[0].content) > 1024 * 1024 / 8 and big[1].headers["x-cache"] == "miss"  # too large to keep


def test_the_table_keeps_within_its_bytes_and_entries():
    for max_entries, body in ((5, 200), (100, 1000)):  # bound by the entries, then by the bytes
        table = Responses(max_bytes=10_000, max_entries=max_entries)
        table.at(1)
        for n in range(50):
            assert table.put(("/api/events", str(n).encode()), 1, [(b"content-type", b"application/json")], b"x" * body)
            assert table.bytes <= 10_000 and len(table) <= max_entries
        assert len(table) == min(max_entries, 10_000 // (body + 40))
        assert table.get(("/api/events", b"49")) is not None and table.get(("/api/events", b"0")) is None
    assert not table.put(("/api/stats", b""), 1, [], b"x" * 1300)  # over an eighth of the bytes
    assert not table.put(("/api/stats", b""), 0, [], b"{}")  # read at an older version
    table.at(2)
    assert len(table) == 0 and table.bytes == 0


def test_a_private_server_never_answers_from_the_cache_without_the_token(store_file):
    with ServerProcess(store_file, "--quiet", "--private", env={"CLASHWATCH_API_TOKEN": TOKEN}) as server:
        for path in ("/api/events", "/api/stats", "/api/events.grid?zoom=2"):
            assert httpx.get(server.url + path, headers=AUTH).status_code == 200
            kept = httpx.get(server.url + path, headers=AUTH)
            assert kept.headers["x-cache"] == "hit"
            anonymous = httpx.get(server.url + path)
            assert anonymous.status_code == 401 and set(anonymous.json()) == {"detail", "message"}
            wrong = httpx.get(server.url + path, headers={"Authorization": "Bearer nope"})
            assert wrong.status_code == 403 and wrong.content != kept.content
            assert httpx.get(server.url + path, headers={"Authorization": f"Basic {TOKEN}"}).status_code == 401
            assert httpx.get(server.url + path, headers=AUTH).content == kept.content


def test_the_server_runs_on_uvloop(store_file):
    with ServerProcess(store_file, "--quiet") as server:
        httpx.get(server.url + "/api/events")
        assert "uvloop" in Path(f"/proc/{server.process.pid}/maps").read_text()
