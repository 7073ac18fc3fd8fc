"""The dashboard in a real browser: Chromium (Playwright) against a real `clashwatch serve`
over a store filled by the real `clashwatch ingest`.

What a user sees is checked: the clash on the offline map inside Kyrgyzstan, the claim
ledger behind its toll, article text shown as text (never as markup), filters kept in the
URL, the timeline brush, and the API page. The two screenshots in docs/img are written
here (the README shows them).
"""

from __future__ import annotations

from support.paths import SEED

import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from support.browser import SCREENSHOTS, launched_chromium, sync_api  # noqa: E402
from support.webserver import CLASHWATCH, ServerProcess  # noqa: E402

# Our own writing: a casualty sentence carrying markup, which must reach the page as text.
SCRIPT_TAG = "<script>alert(1)</script>"
IMG_TAG = "<img src=x onerror=alert(1)>"
XSS_ARTICLE = (
    "Gunmen attack market in Garissa\n\n"
    f"Gunmen attacked a market in Garissa on Saturday, killing five people {SCRIPT_TAG} and wounding seven others "
    f"{IMG_TAG}, police said.\n"
)

# Counts an alert() that gets past the page (the dialog event records it as well).
SENTINEL = """
window.__xssRan = 0;
const realAlert = window.alert;
window.alert = function (...args) { window.__xssRan += 1; return realAlert.apply(this, args); };
"""

MARKERS_JS = """() => {
  const ids = new Set();
  for (const el of document.querySelectorAll('#map .leaflet-marker-pane [data-event-id]')) ids.add(el.dataset.eventId);
  for (const el of document.querySelectorAll('#map .leaflet-marker-pane [data-event-ids]')) {
    for (const id of el.dataset.eventIds.split(' ')) if (id) ids.add(id);
  }
  return [...ids].sort();
}"""

# True once the map has not moved between two frames (a popup's auto-pan has finished).
MAP_STILL_JS = """() => new Promise((resolve) => {
  const pane = document.querySelector('#map .leaflet-map-pane');
  const before = pane.style.transform;
  requestAnimationFrame(() => requestAnimationFrame(() => resolve(pane.style.transform === before)));
})"""

COUNTRIES_UNDER_JS = """(el) => {
  const box = el.getBoundingClientRect();
  return document.elementsFromPoint(box.left + box.width / 2, box.top + box.height / 2)
    .filter((node) => node.hasAttribute('data-country'))
    .map((node) => node.getAttribute('data-country'));
}"""


def ingest(path: Path, db: Path, published: str) -> None:
    done = subprocess.run([CLASHWATCH, "ingest", str(path), "--db", str(db), "--published", published, "-q"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not SEED.exists():
        pytest.skip(f"the seed article {SEED} is missing")
    folder = tmp_path_factory.mktemp("dashboard")
    db = folder / "dashboard.db"
    xss = folder / "garissa-market.txt"
    xss.write_text(XSS_ARTICLE, encoding="utf-8")
    ingest(SEED, db, "2022-09-19")
    ingest(xss, db, "2024-03-10")
    with ServerProcess(db, "--quiet") as running:
        yield running


@pytest.fixture(scope="module")
def ids(server) -> dict[str, str]:
    """The ids of the events and articles the tests look at, found through the API."""
    events = httpx.get(server.url + "/api/events", params={"limit": 100, "include_background": "1"}).json()["events"]
    assert len(events) == 6

    def one(**wanted):
        found = [e for e in events if all(e[k] == v for k, v in wanted.items())]
        assert len(found) == 1, (wanted, events)
        return found[0]["id"]

    clash = one(sub_event_type="Armed clash", background=False)
    xss = one(country_code="KE")
    detail = httpx.get(f"{server.url}/api/events/{xss}").json()
    sentences = [c["sentence"] for c in detail["claims"]]
    assert any(SCRIPT_TAG in s and IMG_TAG in s for s in sentences), sentences
    return {
        "all": sorted(e["id"] for e in events),
        "current": sorted(e["id"] for e in events if not e["background"]),
        "clash": clash,
        "background": one(sub_event_type="Armed clash", background=True),
        "xss": xss,
        "xss_article": detail["mentions"][0]["article_id"],
    }


@pytest.fixture(scope="module")
def browser():
    yield from launched_chromium()


class Recorder:
    """A page with everything a user would not want recorded: console errors, uncaught
    exceptions, dialogs, and requests to any other host than the server."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.context.add_init_script(SENTINEL)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.foreign: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.on("request", self._request)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _request(self, request) -> None:
        host = urlsplit(request.url).hostname
        if request.url.split(":", 1)[0] in ("http", "https", "ws", "wss") and host != "127.0.0.1":
            self.foreign.append(request.url)


@pytest.fixture
def user(browser):
    recorder = Recorder(browser)
    yield recorder
    recorder.context.close()


def expect(target):
    return sync_api.expect(target)


def open_dashboard(page, url: str) -> None:
    page.goto(url)
    page.locator("#match-count[data-count]").wait_for()
    page.locator("#view-dashboard:not([aria-busy])").wait_for()


def markers(page) -> list[str]:
    return page.evaluate(MARKERS_JS)


def query(page) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlsplit(page.url).query).items()}


def wait_for_query(page, **expected: str) -> None:
    page.wait_for_url(lambda url: urlsplit(url).path == "/" and {k: v[-1] for k, v in parse_qs(urlsplit(url).query).items()} == expected)


def open_clash_popup(page, clash: str) -> None:
    """As a user: click the cluster at Batken (the seed's events share one point), then the clash."""
    marker = page.locator(f'#map [data-event-id="{clash}"]')
    if not marker.is_visible():
        page.locator(f'#map [data-event-ids~="{clash}"]').click()
    marker.click()
    expect(page.locator(".leaflet-popup .popup-link")).to_be_visible()


# ------------------------------------------------------------------------------ the tests


def test_map_shows_the_clash_in_kyrgyzstan_without_internet(server, ids, user):
    page = user.page
    open_dashboard(page, server.url + "/")
    # the article's recalled 2021 skirmish is background: off the map and out of the count
    expect(page.locator("#match-count")).to_contain_text("5 events match")
    assert markers(page) == ids["current"]
    expect(page.locator("#f-background")).not_to_be_checked()

    open_clash_popup(page, ids["clash"])
    clash = page.locator(f'#map [data-event-id="{ids["clash"]}"]')
    assert abs(float(clash.get_attribute("data-lat")) - 40.0604) < 0.01
    assert abs(float(clash.get_attribute("data-lon")) - 70.81929) < 0.01
    popup = page.locator(".leaflet-popup")
    expect(popup).to_contain_text("Battles / Armed clash")
    expect(popup).to_contain_text("2022-09-16")
    expect(popup).to_contain_text("Batken")
    expect(popup).to_contain_text("100")

    # Alone (the other events at Batken filtered out), the marker is drawn at the clash's own
    # point, at a zoom where a pixel is small beside the border with Tajikistan nearby.
    open_dashboard(page, server.url + "/?type=Battles")
    alone = page.locator(f'#map [data-event-id="{ids["clash"]}"]')
    expect(alone).to_be_visible()
    assert page.evaluate(COUNTRIES_UNDER_JS, alone.element_handle()) == ["Kyrgyzstan"]

    open_dashboard(page, server.url + "/")
    open_clash_popup(page, ids["clash"])
    page.wait_for_function(MAP_STILL_JS)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "dashboard-map.png"))
    assert user.errors == []
    assert user.foreign == []


def test_clicking_the_clash_opens_its_claim_ledger(server, ids, user):
    page = user.page
    open_dashboard(page, server.url + "/")
    open_clash_popup(page, ids["clash"])
    page.locator(".leaflet-popup .popup-link").click()
    page.wait_for_url(f"**/events/{ids['clash']}")
    ledger = page.locator("#claims table")
    expect(ledger).to_be_visible()

    reuters = ledger.locator("tbody tr", has_text="Reuters")
    expect(reuters).to_have_count(1)
    expect(reuters).to_contain_text("at least 100")
    expect(reuters.locator("mark")).to_have_text("at least 100")
    kyrgyz = ledger.locator("tbody tr", has_text="Government of Kyrgyzstan")
    expect(kyrgyz).to_have_count(2)
    assert {kyrgyz.nth(i).locator(".figure-value").inner_text() for i in range(2)} == {"12", "36"}
    expect(kyrgyz.locator("mark", has_text="36")).to_have_count(1)
    # what the estimate did with each, as it decided: the 36 replaced the 12, not the reverse
    twelve = kyrgyz.filter(has=page.locator(".figure-value", has_text="12"))
    thirty_six = kyrgyz.filter(has=page.locator(".figure-value", has_text="36"))
    expect(twelve.locator("td.role")).to_contain_text("set aside: superseded by")
    expect(thirty_six.locator("td.role")).to_contain_text("supersedes")
    expect(thirty_six.locator("td.role")).not_to_contain_text("set aside: superseded")
    expect(page.locator(".contradictions")).to_have_count(0)  # the 12 gave way to its own 36

    estimate = page.locator(".estimate")
    expect(estimate.locator(".best-value")).to_have_text("100")
    expect(estimate.locator(".rationale")).to_contain_text("best 100 from Reuters ('at least 100')")
    expect(estimate.locator(".rationale")).to_contain_text("superseded by its later '36'")
    expect(page.locator(".toll-chart svg")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "dashboard-ledger.png"), full_page=True)

    page.go_back()
    page.wait_for_url(server.url + "/")
    expect(page.locator("#map")).to_be_visible()
    assert user.errors == []


def test_markup_in_articles_is_shown_as_text(server, ids, user):
    page = user.page
    page.goto(f"{server.url}/events/{ids['xss']}")
    sentence = page.locator("#claims td.sentence").first
    expect(sentence).to_contain_text(SCRIPT_TAG)
    expect(sentence).to_contain_text(IMG_TAG)

    page.goto(f"{server.url}/articles/{ids['xss_article']}")
    text = page.locator(".article-text")
    expect(text).to_contain_text(SCRIPT_TAG)
    expect(text).to_contain_text(IMG_TAG)
    expect(page.locator(".article-events a")).to_have_text("Violence against civilians / Attack")

    assert page.locator('img[src="x"]').count() == 0
    scripts = page.evaluate("[...document.scripts].map((s) => s.getAttribute('src'))")
    assert scripts and all(src and src.startswith("/static/") for src in scripts), scripts
    assert page.evaluate("window.__xssRan") == 0
    assert user.dialogs == []
    assert user.errors == []


def test_background_events_come_back_with_the_toggle(server, ids, user):
    page = user.page
    open_dashboard(page, server.url + "/")
    expect(page.locator("#match-count")).to_contain_text("5 events match")
    page.check("#f-background")
    wait_for_query(page, include_background="1")
    expect(page.locator("#match-count")).to_contain_text("6 events match")
    assert markers(page) == ids["all"]
    page.uncheck("#f-background")
    wait_for_query(page)
    expect(page.locator("#match-count")).to_contain_text("5 events match")
    assert ids["background"] not in markers(page)
    assert user.errors == []


def test_filters_live_in_the_url(server, ids, browser, user):
    page = user.page
    open_dashboard(page, server.url + "/")
    page.select_option("#f-country", "KG")
    wait_for_query(page, country="KG")
    expect(page.locator("#match-count")).to_contain_text("4 events match")
    assert ids["xss"] not in markers(page) and ids["clash"] in markers(page)

    page.select_option("#f-type", "Battles")
    wait_for_query(page, country="KG", type="Battles")
    expect(page.locator("#match-count")).to_contain_text("1 event match")
    assert markers(page) == [ids["clash"]]

    page.fill("#f-text", "Border Clash")
    page.press("#f-text", "Enter")
    wait_for_query(page, country="KG", type="Battles", text="Border Clash")
    expect(page.locator("#match-count")).to_contain_text("1 event match")
    expect(page.locator(f'#map [data-event-id="{ids["clash"]}"]')).to_be_visible()
    assert markers(page) == [ids["clash"]]
    assert [li.get_attribute("data-event-id") for li in page.locator("#event-list li").all()] == [ids["clash"]]
    shared = page.url

    fresh = Recorder(browser)
    try:
        open_dashboard(fresh.page, shared)
        expect(fresh.page.locator("#f-country")).to_have_value("KG")
        expect(fresh.page.locator("#f-type")).to_have_value("Battles")
        expect(fresh.page.locator("#f-text")).to_have_value("Border Clash")
        expect(fresh.page.locator("#match-count")).to_contain_text("1 event match")
        assert markers(fresh.page) == [ids["clash"]]
        assert fresh.errors == []
    finally:
        fresh.context.close()

    csv_link = urlsplit(page.locator("#dl-csv").get_attribute("href"))
    assert csv_link.path == "/api/events.csv"
    assert parse_qs(csv_link.query) == {"country": ["KG"], "type": ["Battles"], "text": ["Border Clash"]}

    page.fill("#f-text", "no such place anywhere")
    page.press("#f-text", "Enter")
    expect(page.locator("#empty-state")).to_be_visible()
    expect(page.locator("#empty-state")).to_have_text("No events match these filters.")
    expect(page.locator("#map-empty")).to_be_visible()
    assert markers(page) == []

    page.go_back()
    wait_for_query(page, country="KG", type="Battles", text="Border Clash")
    expect(page.locator("#f-text")).to_have_value("Border Clash")
    expect(page.locator("#match-count")).to_contain_text("1 event match")
    assert user.errors == []


def test_brushing_the_timeline_filters_the_dates(server, ids, user):
    page = user.page
    open_dashboard(page, server.url + "/")
    first = page.locator('#timeline rect.bar[data-date="2022-09-16"]').bounding_box()
    last = page.locator('#timeline rect.bar[data-date="2022-09-18"]').bounding_box()
    y = first["y"] + first["height"] / 2
    page.mouse.move(first["x"] - 12, y)
    page.mouse.down()
    page.mouse.move(last["x"] + last["width"] + 12, y, steps=8)
    page.mouse.up()

    page.wait_for_url(lambda url: "date_to=" in url)
    dates = query(page)
    assert set(dates) == {"date_from", "date_to"}
    assert "2022-08-15" <= dates["date_from"] <= "2022-09-16", dates
    assert "2022-09-18" <= dates["date_to"] <= "2022-10-20", dates
    expect(page.locator("#match-count")).to_contain_text("4 events match")
    expect(page.locator("#f-from")).to_have_value(dates["date_from"])
    shown = markers(page)
    assert ids["background"] not in shown and ids["xss"] not in shown and ids["clash"] in shown

    page.locator("#reset-dates").click()
    wait_for_query(page)
    expect(page.locator("#match-count")).to_contain_text("5 events match")
    assert markers(page) == ids["current"]
    assert user.errors == []


def test_api_page_renders_swagger_ui(server, user):
    page = user.page
    page.goto(server.url + "/docs")
    expect(page.locator(".opblock-summary-path", has_text="/api/events").first).to_be_visible()
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("clashwatch")
    assert user.errors == []
    assert user.foreign == []
