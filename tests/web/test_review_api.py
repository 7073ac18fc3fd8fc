"""The review API against a real `clashwatch serve --allow-writes` (uvicorn) on 127.0.0.1 over a
real SQLite store filled by the real `clashwatch ingest`: the queue, corrections, verify,
reject, merge and split behind the token, the gazetteer search, and what listings, totals,
GeoJSON and CSV make of a review."""

from __future__ import annotations

from support.paths import REPO

import csv
import io
import subprocess

import httpx
import pytest
from support.webserver import CLASHWATCH, ServerProcess

CORPUS = REPO / "examples" / "corpus" / "articles.jsonl"
TOKEN = "review-token-9d2a"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    db = tmp_path_factory.mktemp("review-api") / "desk.db"
    done = subprocess.run([CLASHWATCH, "ingest", str(CORPUS), "--db", str(db), "-q"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    with ServerProcess(db, "--allow-writes", env={"CLASHWATCH_API_TOKEN": TOKEN}, timeout=300) as server:
        with httpx.Client(base_url=server.url, timeout=120) as client:
            yield client


def events(api, **params) -> list[dict]:
    body = api.get("/api/events", params={"limit": 5000, **params})
    assert body.status_code == 200, body.text
    return body.json()["events"]


def by_location(api, location: str) -> dict:
    return next(e for e in events(api) if e["location"] == location)


def test_the_queue_comes_highest_priority_first_a_page_at_a_time(api):
    first = api.get("/api/review/queue", params={"limit": 3}).json()
    assert len(first["events"]) == 3 and first["next_cursor"]
    rest = api.get("/api/review/queue", params={"limit": 100, "cursor": first["next_cursor"]}).json()
    queue = first["events"] + rest["events"]
    assert rest["next_cursor"] is None
    assert [e["priority"] for e in queue] == sorted((e["priority"] for e in queue), reverse=True)
    assert all(e["review_state"] == "machine" and 0 <= e["confidence"] <= 1 for e in queue)
    assert {e["id"] for e in queue} == {e["id"] for e in events(api) if e["review_state"] == "machine"}
    assert api.get("/api/review/queue", params={"cursor": "%%%"}).status_code == 422
    assert api.get("/api/review/queue", params={"review_state": "pending"}).json()["message"].startswith("review_state:")


def test_the_gazetteer_search_finds_places_by_the_start_of_their_name(api):
    found = api.get("/api/gazetteer", params={"q": "Mander", "country": "KE"}).json()
    assert found and all(p["country_code"] == "KE" and p["name"].startswith("Mander") for p in found)
    assert {"geonameid", "name", "country_code", "country", "admin1", "latitude", "longitude", "population"} <= set(found[0])
    assert len(api.get("/api/gazetteer", params={"q": "San", "limit": 5}).json()) == 5
    assert api.get("/api/gazetteer", params={"q": ""}).status_code == 422


def test_writes_need_the_token(api):
    event_id = events(api)[0]["id"]
    assert api.post(f"/api/events/{event_id}/verify", json={"why": "x"}).status_code == 401
    assert api.post(f"/api/events/{event_id}/verify", json={"why": "x"}, headers={"Authorization": "Bearer nope"}).status_code == 403
    assert api.get(f"/api/events/{event_id}").json()["review_state"] == "machine"


def test_a_corrected_toll_and_place_show_in_the_event_the_list_the_map_and_the_csv(api):
    event = by_location(api, "Douentza")
    body = {"why": "the governor's statement", "who": "ana", "fatalities": 21, "fatalities_low": 18, "fatalities_high": 25,
            "place": {"geonameid": 2460596}, "sub_event_type": "Armed clash"}
    done = api.post(f"/api/events/{event['id']}/corrections", json=body, headers=AUTH)
    assert done.status_code == 200, done.text
    e = done.json()
    assert (e["fatalities"], e["fatalities_low"], e["fatalities_high"]) == (21, 18, 25)
    assert e["review_state"] == "corrected" and e["review_note"] == "the governor's statement"
    assert e["machine"]["fatalities"] == event["fatalities"] and e["machine"]["location"] == "Douentza"
    assert [(c["field"], c["who"]) for c in e["corrections"]] == [("type", "ana"), ("place", "ana"), ("fatalities", "ana")]
    assert e["rationale"][0]["rule"] == "analyst"

    listed = next(x for x in events(api) if x["id"] == event["id"])
    assert (listed["fatalities"], listed["review_state"], listed["location"]) == (21, "corrected", e["location"])
    geo = api.get("/api/events.geojson").json()
    feature = next(f for f in geo["features"] if f["id"] == event["id"])
    assert feature["properties"]["review_state"] == "corrected" and feature["properties"]["fatalities"] == 21
    assert feature["geometry"]["coordinates"] == [e["longitude"], e["latitude"]]
    rows = list(csv.DictReader(io.StringIO(api.get("/api/events.csv").text)))
    row = next(r for r in rows if r["event_id_cnty"] == event["id"])
    assert (row["fatalities"], row["review_state"], row["review_note"]) == ("21", "corrected", "the governor's statement")

    verified = api.post(f"/api/events/{event['id']}/verify", json={"why": "matches the ICRC"}, headers=AUTH).json()
    assert verified["review_state"] == "verified" and verified["corrections"][-1]["who"] == "api"
    assert [c["field"] for c in api.get("/api/review/corrections", params={"event": event["id"]}).json()] == [
        "type", "place", "fatalities", "verify"]


def test_a_rejected_event_leaves_lists_and_totals_unless_asked_for(api):
    event = by_location(api, "Kisumu")
    total = api.get("/api/stats").json()
    done = api.post(f"/api/events/{event['id']}/reject", json={"why": "a strike, not a riot"}, headers=AUTH)
    assert done.status_code == 200 and done.json()["review_state"] == "rejected"
    assert event["id"] not in {e["id"] for e in events(api)}
    assert api.get("/api/stats").json()["events"] == total["events"] - 1
    assert [e["id"] for e in events(api, review_state="rejected")] == [event["id"]]
    assert event["id"] in {e["id"] for e in events(api, include_rejected="true")}
    assert api.get(f"/api/events/{event['id']}").json()["review_state"] == "rejected"  # still readable by its id
    assert api.get("/api/events", params={"review_state": "gone"}).status_code == 422


def test_merge_then_split_through_the_api(api):
    grenade = by_location(api, "Mandera")
    arrests = next(e for e in events(api) if e["location"] == "Maiduguri")
    merged = api.post(f"/api/events/{grenade['id']}/merge", json={"other": arrests["id"], "why": "one operation"}, headers=AUTH)
    assert merged.status_code == 200, merged.text
    m = merged.json()
    assert m["id"] in (grenade["id"], arrests["id"]) and m["n_mentions"] == grenade["n_mentions"] + arrests["n_mentions"]
    key = next(x["key"] for x in m["mentions"] if x["location"] == "Maiduguri")
    split = api.post(f"/api/events/{m['id']}/split", json={"mention_key": key, "why": "two operations"}, headers=AUTH)
    assert split.status_code == 200, split.text
    assert len(split.json()["event_ids"]) == 2


@pytest.mark.parametrize("path, body, status, words", [
    ("corrections", {"why": "", "fatalities": 3}, 422, "a reason is required"),
    ("corrections", {"why": "x", "fatalities": -3}, 422, "is negative"),
    ("corrections", {"why": "x", "fatalities": 5, "fatalities_low": 9}, 422, "low <= best <= high"),
    ("corrections", {"why": "x", "fatalities_low": 9}, 422, "need fatalities"),
    ("corrections", {"why": "x", "place": {"geonameid": 999999999}}, 422, "not in clashwatch's gazetteer"),
    ("corrections", {"why": "x", "place": {"latitude": 95, "longitude": 10}}, 422, "is not a point"),
    ("corrections", {"why": "x", "place": {}}, 422, "place:"),
    ("corrections", {"why": "x", "event_type": "Skirmish"}, 422, "is not an ACLED event type"),
    ("corrections", {"why": "x", "event_date": "May 5"}, 422, "event_date"),
    ("corrections", {"why": "x"}, 422, "nothing to correct"),
    ("corrections", {"why": "x", "colour": "red"}, 422, "unknown parameter"),
    ("verify", {}, 422, "why"),
    ("merge", {"why": "x", "other": "ev_nope"}, 404, "no event 'ev_nope'"),
    ("split", {"why": "x", "mention_key": "nokey"}, 404, "is not in event"),
])
def test_bad_writes_are_one_line_and_change_nothing(api, path, body, status, words):
    event = next(e for e in events(api) if e["review_state"] == "machine")
    done = api.post(f"/api/events/{event['id']}/{path}", json=body, headers=AUTH)
    assert done.status_code == status, done.text
    message = done.json()["message"]
    assert words in message and "\n" not in message
    assert api.get(f"/api/events/{event['id']}").json()["corrections"] == []


def test_an_unknown_event_is_404(api):
    done = api.post("/api/events/ev_0000000000000000/verify", json={"why": "x"}, headers=AUTH)
    assert done.status_code == 404 and done.json()["message"] == "no event 'ev_0000000000000000'"
