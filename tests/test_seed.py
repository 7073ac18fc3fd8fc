"""Every fact of ../shared/seed/README.md, read from the CLI's JSON output of the seed article."""

from __future__ import annotations

from support.paths import SEED

import json
import math
import subprocess
import sys

import pytest

BATKEN = (40.06, 70.82)
OSH = (40.53, 72.80)

pytestmark = pytest.mark.skipif(not SEED.exists(), reason=f"{SEED} not found: the seed lives in ../shared/seed")


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def seed() -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "clashwatch.cli", "extract", str(SEED), "--published", "2022-09-19", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def text() -> str:
    return SEED.read_text(encoding="utf-8")


def by_type(result: dict, sub_event_type: str, background: bool = False) -> dict:
    found = [e for e in result["events"] if e["sub_event_type"] == sub_event_type and e["background"] == background]
    assert len(found) == 1, [(e["sub_event_type"], e["background"]) for e in result["events"]]
    return found[0]


def claims_of(result: dict, **match) -> list[dict]:
    return [c for c in result["claims"] if all(c[k] == v for k, v in match.items())]


def test_result_carries_the_required_fields(seed):
    assert seed["published"] == "2022-09-19"
    assert seed["title"] == "Border Clash Leads To Over 100 Deaths"
    for key in ("id", "events", "claims", "places", "warnings"):
        assert key in seed
    for place in seed["places"]:
        assert {"start", "end", "text", "geonameid", "latitude", "longitude", "country_code"} <= place.keys()


def test_main_event_is_the_armed_clash_on_friday(seed):
    main = seed["events"][0]
    assert (main["event_type"], main["sub_event_type"]) == ("Battles", "Armed clash")
    assert main["event_date"] == "2022-09-16" and main["time_precision"] == "day"
    assert main["background"] is False
    names = {main["actor1"]["name"], main["actor2"]["name"]}
    assert names == {"Military Forces of Tajikistan", "Military Forces of Kyrgyzstan"}
    assert {main["actor1"]["country_code"], main["actor2"]["country_code"]} == {"TJ", "KG"}
    assert main["actor1"]["inter"] == main["actor2"]["inter"] == 1
    assert main["plover"] == "ASSAULT"


def test_clash_is_placed_in_batken_or_osh_inside_kyrgyzstan(seed):
    main = seed["events"][0]
    assert main["country_code"] == "KG"
    point = (main["latitude"], main["longitude"])
    assert min(km(point, BATKEN), km(point, OSH)) < 50
    assert main["geo_precision"] in (2, 3)


def test_batken_and_osh_geocode_inside_kyrgyzstan(seed):
    for name, centre in (("Batken", BATKEN), ("Osh", OSH)):
        found = [p for p in seed["places"] if p["text"] == name]
        assert found, f"{name} not found"
        for p in found:
            assert p["country_code"] == "KG"
            assert km((p["latitude"], p["longitude"]), centre) < 50


def test_weapons_listed_once_each(seed):
    weapons = seed["events"][0]["weapons"]
    assert sorted(weapons) == sorted(["drone", "tank", "mortar", "rocket artillery", "armoured vehicle"])


def test_both_military_and_civilian_targets(seed):
    assert seed["events"][0]["targets"] == ["civilian", "military"]


def test_drone_strike_on_tajik_lorry(seed):
    strike = by_type(seed, "Air/drone strike")
    assert strike["event_type"] == "Explosions/Remote violence"
    assert strike["actor1"]["name"] == "Military Forces of Kyrgyzstan"
    assert strike["actor2"]["country_code"] == "TJ"
    assert (strike["date_start"], strike["date_end"]) == ("2022-09-16", "2022-09-18")
    assert strike["time_precision"] != "day"
    assert "Telegram" in strike["source"]
    assert strike["weapons"] == ["drone"]


def test_ceasefire_agreement_on_friday(seed):
    deal = by_type(seed, "Agreement")
    assert deal["event_type"] == "Strategic developments"
    assert deal["event_date"] == "2022-09-16" and deal["time_precision"] == "day"
    assert {deal["actor1"]["country_code"], deal["actor2"]["country_code"]} == {"TJ", "KG"}
    assert deal["plover"] == "AGREE"


def test_putin_appeal_is_a_non_violent_event_reported_by_euro_news(seed):
    appeal = by_type(seed, "Other")
    assert appeal["event_type"] == "Strategic developments"
    assert appeal["event_date"] == "2022-09-18"
    assert appeal["actor1"]["name"] == "Government of Russia"
    assert appeal["source"] == "Euro News"
    assert appeal["fatalities"] is None


def test_april_2021_skirmishes_are_background_with_their_own_50(seed):
    past = by_type(seed, "Armed clash", background=True)
    assert past["event_date"] == "2021-04-01" and past["time_precision"] == "month"
    assert past["date_end"] == "2021-04-30"
    assert past["fatalities"] == 50
    fifty = claims_of(seed, low=50)
    assert len(fifty) == 1 and fifty[0]["event_id"] == past["event_id"]
    main = seed["events"][0]
    assert fifty[0]["claim_id"] not in main["claim_ids"]


def test_headline_claim_over_100(seed):
    (claim,) = claims_of(seed, section="headline")
    assert (claim["kind"], claim["low"], claim["high"], claim["source"]) == ("killed", 100, None, "article")
    assert claim["event_id"] == seed["events"][0]["event_id"]


def test_dozens_is_a_vague_12(seed, text):
    (claim,) = claims_of(seed, figure="dozens")
    assert (claim["low"], claim["approximate"], claim["source"]) == (12, True, "article")
    assert text[claim["start"] : claim["end"]].startswith("( After border confrontations")


def test_kyrgyz_12_announced_on_sunday(seed):
    (claim,) = claims_of(seed, low=12, approximate=False)
    assert claim["source"] == "Government of Kyrgyzstan"
    assert claim["as_of"] == "2022-09-18"


def test_official_36_covers_kyrgyzstan_only(seed):
    (claim,) = claims_of(seed, low=36)
    assert claim["source"] == "Government of Kyrgyzstan"
    assert (claim["scope"], claim["scope_party"]) == ("one_side", "KG")


def test_tajikistan_disclosed_no_figure(seed):
    (claim,) = claims_of(seed, status="undisclosed")
    assert claim["source"] == "Government of Tajikistan"
    assert claim["low"] is None and claim["high"] is None


def test_reuters_at_least_100_both_sides(seed, text):
    (claim,) = claims_of(seed, source="Reuters")
    assert (claim["kind"], claim["low"], claim["high"], claim["scope"]) == ("killed", 100, None, "all")
    assert "civilian and military" in text[claim["start"] : claim["end"]]


def test_thousands_displaced_per_euro_news(seed):
    (claim,) = claims_of(seed, kind="displaced")
    assert (claim["low"], claim["approximate"], claim["source"]) == (1000, True, "Euro News")
    assert claim["event_id"] == seed["events"][0]["event_id"]


def test_reconciled_estimate_of_at_least_100(seed):
    main = seed["events"][0]
    assert main["fatalities"] >= 100 and main["fatalities_low"] >= 100
    rules = {r["rule"]: r for r in main["rationale"]}
    assert "best_from" in rules and rules["best_from"]["claim_ids"] == [claims_of(seed, source="Reuters")[0]["claim_id"]]
    assert "set_aside:one_sided_scope" in rules
    thirty_six = claims_of(seed, low=36)[0]["claim_id"]
    assert thirty_six in rules["set_aside:one_sided_scope"]["claim_ids"]


def test_no_claim_from_non_casualty_numbers(seed):
    figures = {c["figure"] for c in seed["claims"]}
    for number in ("970", "half", "1990s", "2021"):
        assert not any(number in f for f in figures), figures
    assert len(seed["claims"]) == 8


def test_claim_spans_quote_the_sentence(seed, text):
    for claim in seed["claims"]:
        if claim["section"] == "body":
            assert text[claim["start"] : claim["end"]] and claim["figure"] in text[claim["start"] : claim["end"]]
            assert text[claim["figure_start"] : claim["figure_end"]] == claim["figure"]


# --------------------------------------------------------------------------- the README's table


def readme_row(event: dict) -> list[str]:
    """One event as the README's seed table shows it."""
    start, end, precision = event["date_start"], event["date_end"], event["time_precision"]
    if precision == "month" and start[:7] == end[:7]:
        when = f"{start[:7]} (month)"
    elif start == end:
        when = f"{start} ({precision})"
    else:
        when = f"{start} to {end} ({precision})"
    actors = " vs ".join(a["name"] for a in (event["actor1"], event["actor2"]) if a)
    place = ", ".join(p for p in (event["location"], event["country"]) if p)
    best, low, high = event["fatalities"], event["fatalities_low"], event["fatalities_high"]
    toll = "" if best is None else str(best) if low == high == best else f"{best} ({low if low is not None else '?'}–{high if high is not None else 'open'})"
    return [event["event_id"] + (" (background)" if event["background"] else ""),
            f"{event['event_type']} / {event['sub_event_type']}", when, actors, place, toll]


def test_the_readme_table_is_what_extract_prints(seed):
    from support.paths import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("| event | type / sub-type | date | actors | place | fatalities |")
    table = readme[start:].split("\n\n", 1)[0].splitlines()[2:]
    shown = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in table]
    assert shown == [readme_row(e) for e in seed["events"]]
