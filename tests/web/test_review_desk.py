"""The dashboard as a review desk, in Chromium (Playwright) against a real `clashwatch serve
--allow-writes` with a token, over a store filled by the real `clashwatch ingest` with two
reports of our own (an attack on an army post in Mocimboa da Praia, Mozambique, one on
villagers in Zamfara, Nigeria, and one on a police station in Beledweyne, Somalia).

An analyst opens the Mozambique event, moves it to Macomia by a gazetteer search, sets its
toll, verifies it, and then finds the change on the map (marker and popup), under the
ledger (the correction history) and in the CSV the page downloads. Without the token, or
with a wrong one, the server refuses and the page says so. A rejected event leaves the
map until the review filter asks for it. Two events merged on the page split apart again. The screenshots docs/img/review-*.png
(docs/review.md shows them) are written here.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from pathlib import Path

import httpx
import pytest

from support.browser import SCREENSHOTS, launched_chromium, sync_api  # noqa: E402
from support.paths import REPO
from support.webserver import CLASHWATCH, ServerProcess  # noqa: E402

TOKEN = "desk-token-7f3a"
WIDE = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}

MOZAMBIQUE = (
    "Insurgents attack army post in Mocimboa da Praia\n\n"
    "Insurgents attacked an army post in Mocimboa da Praia, in Cabo Delgado province, Mozambique, on Tuesday, "
    "killing 12 soldiers, the Mozambican army said.\n"
)
SOMALIA = (
    "Fighters attack police station in Beledweyne\n\n"
    "Al-Shabaab fighters attacked a police station in Beledweyne, Somalia, on Monday, killing four police officers, "
    "a police commander said.\n"
)
NIGERIA = (
    "Gunmen kill villagers in Zamfara\n\n"
    "Gunmen on motorcycles attacked the village of Kauran Namoda in Zamfara state, Nigeria, on Sunday, killing seven "
    "villagers, police said.\n"
)

MARKERS_JS = """() => {
  const ids = new Set();
  for (const el of document.querySelectorAll('#map .leaflet-marker-pane [data-event-id]')) ids.add(el.dataset.eventId);
  for (const el of document.querySelectorAll('#map .leaflet-marker-pane [data-event-ids]')) {
    for (const id of el.dataset.eventIds.split(' ')) if (id) ids.add(id);
  }
  return [...ids].sort();
}"""

# Elements of the event page (the small map's own panes aside) reaching past the screen's edges.
OUTSIDE_JS = """(width) => {
  const out = [];
  for (const node of document.querySelectorAll('#view-event *')) {
    if (node.closest('.leaflet-container')) continue;
    const box = node.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    let clipped = false;
    for (let n = node; n && n !== document.body; n = n.parentElement) if (getComputedStyle(n).clipPath !== 'none') clipped = true;
    if (clipped) continue;
    if (box.left < -0.5 || box.right > width + 0.5) out.push({ tag: node.tagName, cls: String(node.className), left: box.left, right: box.right });
  }
  return out;
}"""


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    folder = tmp_path_factory.mktemp("review-desk")
    path = folder / "desk.db"
    reports = [
        {"id": "moz-army-post", "title": "Insurgents attack army post in Mocimboa da Praia", "source": "Example Wire",
         "published": "2024-05-09", "text": MOZAMBIQUE},
        {"id": "zamfara-village", "title": "Gunmen kill villagers in Zamfara", "source": "Example News",
         "published": "2024-05-13", "text": NIGERIA},
        {"id": "beledweyne-station", "title": "Fighters attack police station in Beledweyne", "source": "Example Post",
         "published": "2024-05-14", "text": SOMALIA},
    ]
    jsonl = folder / "reports.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in reports), encoding="utf-8")
    done = subprocess.run([CLASHWATCH, "ingest", str(jsonl), "--db", str(path), "-q"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return path


@pytest.fixture(scope="module")
def server(db):
    # a writing server loads the language model before it answers: room for a busy machine
    with ServerProcess(db, "--quiet", "--allow-writes", env={"CLASHWATCH_API_TOKEN": TOKEN}, timeout=240) as running:
        yield running


@pytest.fixture(scope="module")
def ids(server) -> dict[str, str]:
    events = httpx.get(server.url + "/api/events", params={"limit": 100}).json()["events"]
    by_country = {e["country_code"]: e for e in events}
    assert set(by_country) == {"MZ", "NG", "SO"}, events
    mz = by_country["MZ"]
    assert mz["location"].startswith("Moc") and mz["fatalities"] == 12, mz
    assert all(e["review_state"] == "machine" for e in events), events
    return {"mz": mz["id"], "ng": by_country["NG"]["id"], "so": by_country["SO"]["id"]}


@pytest.fixture(scope="module")
def macomia(server) -> dict:
    """Macomia, Cabo Delgado, as the server's gazetteer has it: where the analyst moves the event."""
    found = httpx.get(server.url + "/api/gazetteer", params={"q": "Macomia", "country": "MZ"}).json()
    exact = [p for p in found if p["name"] == "Macomia" and p["country_code"] == "MZ"]
    assert exact, found
    return exact[0]


@pytest.fixture(scope="module")
def browser():
    yield from launched_chromium()


class User:
    """A browser tab with its console errors and page errors kept."""

    def __init__(self, browser, **options):
        self.context = browser.new_context(**({"viewport": WIDE} | options))
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" and not _refusal_log(m.text) else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))


def _refusal_log(text: str) -> bool:
    """Chromium logs every 4xx answer as a console error; the ones the tests provoke are expected."""
    return bool(re.search(r"status of (401|403|422)", text))


@pytest.fixture
def user(browser):
    tab = User(browser)
    yield tab
    tab.context.close()


def expect(target):
    return sync_api.expect(target)


def detail(server, event_id: str) -> dict:
    response = httpx.get(f"{server.url}/api/events/{event_id}")
    assert response.status_code == 200, response.text
    return response.json()


def open_event(page, url: str) -> None:
    page.goto(url)
    page.locator("#claims").wait_for()
    page.locator("#view-event:not([aria-busy])").wait_for()


def open_desk(page, token: str | None) -> None:
    """Opens the edit mode; the token form comes up once: fill it, or cancel it (None)."""
    page.locator("#review-toggle").click()
    expect(page.locator("#auth-dialog")).to_be_visible()
    if token is None:
        page.locator("#auth-cancel").click()
    else:
        page.fill("#auth-token", token)
        page.locator("#auth-form button[type=submit]").click()
    expect(page.locator("#auth-dialog")).to_be_hidden()
    expect(page.locator("#review-panel")).to_be_visible()


def open_dashboard(page, url: str) -> None:
    page.goto(url)
    page.locator("#match-count[data-count]").wait_for()
    page.locator("#view-dashboard:not([aria-busy])").wait_for()


# ------------------------------------------------------------------------------ the tests


def test_the_sub_event_types_are_acleds():
    """The type selects offer exactly clashwatch.model.ACLED_TYPES (6 types, 25 sub-types)."""
    from clashwatch.model import ACLED_TYPES

    source = (REPO / "src" / "clashwatch" / "web" / "static" / "review.js").read_text(encoding="utf-8")
    literal = re.search(r"const ACLED_TYPES = (\{.*?\n  \});", source, re.S).group(1)
    in_js = json.loads(re.sub(r",(\s*[\]}])", r"\1", literal))
    assert in_js == {k: list(v) for k, v in ACLED_TYPES.items()}
    assert len(in_js) == 6 and sum(len(v) for v in in_js.values()) == 25


def test_correct_place_and_toll_verify_and_see_it_on_the_map_ledger_and_csv(server, ids, macomia, user, tmp_path):
    page = user.page
    open_event(page, f"{server.url}/events/{ids['mz']}")
    expect(page.locator(".event-header .badge.review")).to_have_text("machine")
    # the desk names the next event of the review queue (machine-coded, highest priority first)
    nxt = page.locator("#review-next a")
    expect(nxt).to_be_visible()
    assert nxt.get_attribute("data-event-id") in (ids["ng"], ids["so"])
    open_desk(page, TOKEN)
    page.fill("#rv-who", "Ana Analyst")
    page.locator("#rv-who").dispatch_event("change")

    # the place: a gazetteer search, narrowed to Mozambique, and the result chosen from the list
    expect(page.locator("#rv-country")).to_have_value("MZ")
    page.fill("#rv-place-q", "Macom")  # the start of a name is enough
    page.locator("#rv-place-search").click()
    option = page.locator(f'#rv-place-results button[data-geonameid="{macomia["geonameid"]}"]')
    expect(option).to_be_visible()
    expect(option).to_contain_text("Macomia")
    option.click()
    expect(page.locator("#rv-place-chosen")).to_contain_text("Macomia")
    page.fill("#rv-place-form-why", "Zitamar and the army's second statement place the attack in Macomia, not Mocimboa")
    page.wait_for_timeout(300)  # the small map has settled on its point
    page.locator(".review-desk").screenshot(path=str(SCREENSHOTS / "review-edit.png"))
    page.locator("#rv-place-form-submit").click()
    expect(page.locator("#review-status")).to_contain_text("Place corrected")
    place = page.locator(".facts dd").nth(1)
    expect(place).to_contain_text("Macomia")
    expect(place.locator(".machine-value")).to_contain_text("Mocímboa da Praia")
    expect(page.locator(".event-header .badge.review")).to_have_text("corrected")

    # the toll, with its range
    expect(page.locator("#rv-best")).to_have_value("12")
    page.fill("#rv-best", "15")
    page.fill("#rv-low", "12")
    page.fill("#rv-high", "20")
    page.fill("#rv-toll-form-why", "the provincial hospital counted 15 dead")
    page.locator("#rv-toll-form-submit").click()
    expect(page.locator("#review-status")).to_contain_text("Toll corrected: best 15")
    expect(page.locator(".estimate .best-value")).to_have_text("15")
    expect(page.locator(".estimate .best-label")).to_have_text("analyst's figure")
    expect(page.locator(".estimate .machine-value")).to_contain_text("machine: 12")
    expect(page.locator(".estimate .rationale")).to_contain_text("toll reviewed by Ana Analyst")

    # verified
    page.fill("#rv-decide-form-why", "checked against both reports")
    page.locator("#rv-decide-form-submit").click()
    expect(page.locator("#review-status")).to_have_text("Verified.")
    expect(page.locator(".event-header .badge.review")).to_have_text("verified")

    # the history under the ledger: who, the field, before -> after, why, in order
    rows = page.locator("#corrections tbody tr")
    expect(rows).to_have_count(3)
    assert [rows.nth(i).get_attribute("data-field") for i in range(3)] == ["place", "fatalities", "verify"]
    expect(rows.nth(0).locator("td.change .before")).to_contain_text("Mocímboa da Praia")
    expect(rows.nth(0).locator("td.change .after")).to_contain_text("Macomia")
    expect(rows.nth(0).locator("td.why")).to_have_text("Zitamar and the army's second statement place the attack in Macomia, not Mocimboa")
    expect(rows.nth(1).locator("td.change .before")).to_have_text("12")
    expect(rows.nth(1).locator("td.change .after")).to_have_text("15 (low 12, high 20)")
    expect(rows.nth(2).locator("td.change .after")).to_have_text("verified")
    for i in range(3):
        expect(rows.nth(i).locator("td").nth(1)).to_have_text("Ana Analyst")
    history_box = page.locator("#corrections").bounding_box()
    ledger_box = page.locator("#claims").bounding_box()
    assert history_box["y"] > ledger_box["y"] + ledger_box["height"] - 1  # under the ledger
    page.locator("#review-toggle").click()  # the edit mode closed: the page as a reader sees it
    page.locator("#corrections").scroll_into_view_if_needed()
    page.locator("#corrections").screenshot(path=str(SCREENSHOTS / "review-history.png"))

    # the map: the marker at Macomia, its popup with the new place, toll and state
    open_dashboard(page, server.url + "/")
    marker = page.locator(f'#map [data-event-id="{ids["mz"]}"]')
    if not marker.is_visible():
        page.locator(f'#map [data-event-ids~="{ids["mz"]}"]').click()
    expect(marker).to_be_visible()
    assert abs(float(marker.get_attribute("data-lat")) - macomia["latitude"]) < 1e-3
    assert abs(float(marker.get_attribute("data-lon")) - macomia["longitude"]) < 1e-3
    expect(marker).to_have_attribute("data-review-state", "verified")
    marker.click()
    popup = page.locator(".leaflet-popup")
    expect(popup).to_contain_text("Macomia")
    expect(popup).to_contain_text("15 (12–20)")
    expect(popup.locator(".badge.review")).to_have_text("verified")
    item = page.locator(f'#event-list li[data-event-id="{ids["mz"]}"]')
    expect(item.locator(".badge.review")).to_have_text("verified")
    expect(item).to_contain_text("Macomia")

    # the CSV the page downloads
    with page.expect_download() as download:
        page.locator("#dl-csv").click()
    saved = tmp_path / "events.csv"
    download.value.save_as(saved)
    rows = {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8")))}
    row = rows[ids["mz"]]
    assert row["location"] == "Macomia"
    assert abs(float(row["latitude"]) - macomia["latitude"]) < 1e-3
    assert row["fatalities"] == "15"
    assert row["review_state"] == "verified"
    assert rows[ids["ng"]]["review_state"] == rows[ids["so"]]["review_state"] == "machine"
    assert user.errors == []


def test_without_the_token_the_write_is_refused_and_the_page_says_so(server, ids, user):
    page = user.page
    before = detail(server, ids["ng"])
    open_event(page, f"{server.url}/events/{ids['ng']}")
    open_desk(page, None)
    expect(page.locator(".token-line")).to_contain_text("No write token yet")

    # no reason: nothing is sent
    page.fill("#rv-best", "99")
    page.locator("#rv-toll-form-submit").click()
    error = page.locator("#rv-toll-form-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("Give a reason")
    expect(page.locator("#rv-toll-form-why")).to_have_attribute("aria-invalid", "true")

    # no token: the form asks again, is cancelled, and the server's refusal is shown
    page.fill("#rv-toll-form-why", "a test of the lock")
    page.locator("#rv-toll-form-submit").click()
    expect(page.locator("#auth-dialog")).to_be_visible()
    page.locator("#auth-cancel").click()
    expect(error).to_contain_text("Refused: no token was sent")
    expect(error).to_contain_text("bearer token is required")

    # a wrong token: refused, and forgotten
    page.locator("#rv-toll-form-submit").click()
    page.fill("#auth-token", "not-the-token")
    page.locator("#auth-form button[type=submit]").click()
    expect(error).to_contain_text("this token is not accepted")
    expect(error).to_contain_text("The token was forgotten")
    assert page.evaluate("sessionStorage.getItem('clashwatch.token')") is None
    expect(page.locator("#rv-token-line")).to_contain_text("No write token yet")

    # a value the server rejects: its message, whole
    page.locator("#rv-toll-form-submit").click()
    page.fill("#auth-token", TOKEN)
    page.locator("#auth-form button[type=submit]").click()
    page.fill("#rv-best", "5")
    page.fill("#rv-low", "9")
    page.locator("#rv-toll-form-submit").click()
    expect(error).to_contain_text("Not saved, the server rejected a value")
    expect(error).to_contain_text("low <= best <= high")
    expect(page.locator("#rv-token-line")).to_contain_text("A write token is kept for this tab")

    after = detail(server, ids["ng"])
    assert (after["fatalities"], after["review_state"], after["corrections"]) == (before["fatalities"], "machine", [])
    assert user.errors == []


def test_a_server_without_writes_shows_no_edit_mode(db, ids, browser):
    with ServerProcess(db, "--quiet") as read_only:
        tab = User(browser)
        try:
            open_event(tab.page, f"{read_only.url}/events/{ids['mz']}")
            expect(tab.page.locator(".event-header .badge.review")).to_be_visible()
            expect(tab.page.locator("#corrections")).to_be_visible()
            expect(tab.page.locator("#review-toggle")).to_have_count(0)
            assert tab.errors == []
        finally:
            tab.context.close()


def test_a_rejected_event_leaves_the_map_until_the_filter_asks_for_it(server, ids, user):
    page = user.page
    open_event(page, f"{server.url}/events/{ids['ng']}")
    open_desk(page, TOKEN)
    page.fill("#rv-decide-form-why", "a recalled attack, not a new one")
    page.locator("#rv-decide-reject").click()
    expect(page.locator("#review-status")).to_contain_text("Rejected")
    expect(page.locator(".event-header .badge.review")).to_have_text("rejected")

    open_dashboard(page, server.url + "/")
    expect(page.locator("#match-count")).to_contain_text("2 events match")
    assert page.evaluate(MARKERS_JS) == sorted([ids["mz"], ids["so"]])
    expect(page.locator("#f-review-summary")).to_have_text("all but rejected")

    page.locator("#f-review summary").click()
    page.locator('#f-review input[value="rejected"]').check()
    page.wait_for_url(lambda url: "review_state=machine%2Ccorrected%2Cverified%2Crejected" in url)
    expect(page.locator("#match-count")).to_contain_text("3 events match")
    assert page.evaluate(MARKERS_JS) == sorted(ids.values())
    expect(page.locator(f'#map [data-event-id="{ids["ng"]}"]')).to_have_attribute("data-review-state", "rejected")

    # only the rejected ones
    for state in ("machine", "corrected", "verified"):
        page.locator(f'#f-review input[value="{state}"]').uncheck()
    page.wait_for_url(lambda url: url.endswith("review_state=rejected"))
    expect(page.locator("#match-count")).to_contain_text("1 event match")
    assert page.evaluate(MARKERS_JS) == [ids["ng"]]
    expect(page.locator("#f-review-summary")).to_have_text("rejected")
    page.locator("#f-review summary").click()  # closed again
    page.screenshot(path=str(SCREENSHOTS / "review-map-filter.png"))
    assert user.errors == []


def test_the_desk_fits_a_phone(server, ids, browser):
    tab = User(browser, viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    try:
        page = tab.page
        open_event(page, f"{server.url}/events/{ids['mz']}")
        open_desk(page, TOKEN)
        page.fill("#rv-place-q", "Mac")
        page.locator("#rv-place-search").click()
        expect(page.locator("#rv-place-results button").first).to_be_visible()
        widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1] == PHONE["width"], widths
        assert page.evaluate(OUTSIDE_JS, PHONE["width"]) == []
        page.screenshot(path=str(SCREENSHOTS / "review-phone.png"), full_page=True)
        assert tab.errors == []
    finally:
        tab.context.close()


def test_a_click_on_the_small_map_sets_the_place_as_a_point(server, ids, user):
    page = user.page
    open_event(page, f"{server.url}/events/{ids['mz']}")
    open_desk(page, TOKEN)
    picker = page.locator("#rv-place-map")
    expect(picker.locator(".leaflet-interactive.picker-current")).to_be_visible()  # where the event is now
    box = picker.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.7)
    expect(picker.locator(".leaflet-interactive.picker-new")).to_be_visible()
    lat, lon = float(picker.get_attribute("data-lat")), float(picker.get_attribute("data-lon"))
    page.select_option("#rv-precision", "2")
    expect(page.locator("#rv-place-chosen")).to_contain_text(f"the point {lat:.4f}, {lon:.4f} (precision: near a town")
    page.fill("#rv-place-form-why", "the attack was on the road south-west of the town")
    page.locator("#rv-place-form-submit").click()
    expect(page.locator("#review-status")).to_contain_text("Place corrected")
    place = page.locator(".facts dd").nth(1)
    expect(place).to_contain_text("precision: near a town or part of a region")
    expect(place).to_contain_text(f"{round(lat, 5):.4f}, {round(lon, 5):.4f}")
    after = detail(server, ids["mz"])
    assert (round(after["latitude"], 4), round(after["longitude"], 4), after["geo_precision"]) == (round(lat, 4), round(lon, 4), 2)
    assert after["review_state"] == "corrected"
    expect(page.locator("#corrections tbody tr").last).to_have_attribute("data-field", "place")
    assert user.errors == []


def test_merge_two_events_then_split_the_report_out_again(server, ids, user):
    page = user.page
    open_event(page, f"{server.url}/events/{ids['mz']}")
    expect(page.locator(".mentions tbody tr")).to_have_count(1)
    open_desk(page, TOKEN)
    page.fill("#rv-merge-other", ids["so"])
    page.fill("#rv-merge-form-why", "testing the desk: the same attack (it is not)")
    page.locator("#rv-merge-form-submit").click()
    expect(page.locator("#review-status")).to_contain_text("Merged: this event now holds 2 reports")
    expect(page.locator(".mentions tbody tr")).to_have_count(2)
    merged_id = page.url.split("/events/")[1].split("?")[0]
    assert merged_id in (ids["mz"], ids["so"])
    expect(page.locator("#corrections tbody tr").last).to_have_attribute("data-field", "merge")

    # split the Somalia report out: the page offers each report, by outlet
    split = page.locator("#rv-split-mention")
    somali = [o for o in split.locator("option").all() if "Example Post" in o.inner_text()]
    assert len(somali) == 1
    split.select_option(somali[0].get_attribute("value"))
    page.fill("#rv-split-form-why", "two attacks after all")
    page.locator("#rv-split-form-submit").click()
    expect(page.locator("#review-status")).to_contain_text("Split")
    expect(page.locator(".mentions tbody tr")).to_have_count(1)
    expect(page.locator(".mentions tbody tr")).not_to_contain_text("Example Post")
    link = page.locator("#review-status a")
    expect(link).to_have_count(1)
    link.click()
    page.locator("#claims").wait_for()
    expect(page.locator(".mentions tbody tr")).to_contain_text("Example Post")
    expect(page.locator(".facts")).to_contain_text("Beledweyne")
    assert user.errors == []
