"""The dashboard's layout as a user sees it, in Chromium (Playwright) against a real
`clashwatch serve` over a store of the seed article and a short report of our own on the
same clash (both with a URL, so each report carries an "original" link):

- country names on the offline basemap at low zoom, capitals from a zoom level up, no
  two names overlapping;
- at 390 px (a phone) nothing wider than the screen, and the legend over no marker;
- links in the merged-report and ledger cells with space between them;
- timeline ticks on whole, distinct days for the seed's few days.

The phone screenshots in docs/img are written here (docs/dashboard.md shows them).
"""

from __future__ import annotations

from support.paths import SEED

import json
import re
import subprocess
from pathlib import Path

import httpx
import pytest

from support.browser import SCREENSHOTS, launched_chromium, sync_api  # noqa: E402
from support.webserver import CLASHWATCH, ServerProcess  # noqa: E402

WIDE = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}

LABELS_JS = """() => [...document.querySelectorAll('#map .cw-label')].map((node) => {
  const box = node.getBoundingClientRect();
  return { kind: node.dataset.kind, name: node.dataset.name, text: node.textContent,
           left: box.left, top: box.top, right: box.right, bottom: box.bottom };
})"""

# Every element of the page outside the map (whose panes are larger than the map by
# design and clipped by it) that is rendered, with its box.
BOXES_JS = """(root) => {
  const style = (node) => getComputedStyle(node);
  // inside an element hidden for the eye and kept for screen readers (clipped to nothing)
  const clipped = (node) => {
    for (let n = node; n && n !== document.body; n = n.parentElement) {
      if (style(n).clipPath !== 'none') return true;
    }
    return false;
  };
  const out = [];
  for (const node of document.querySelectorAll(root + ' *')) {
    if (node.closest('.leaflet-container') || node.closest('.skip-link')) continue;  // the skip link waits off screen until focused
    const box = node.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (style(node).visibility === 'hidden' || clipped(node)) continue;
    out.push({ tag: node.tagName.toLowerCase(), cls: node.className && node.className.baseVal === undefined ? node.className : '',
               text: (node.textContent || '').trim().slice(0, 40), left: box.left, right: box.right });
  }
  return out;
}"""

WIDTHS_JS = """() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
                      body: document.body.scrollWidth })"""


# Our own short report of the same clash, from another outlet: it merges into the seed's
# event, so the event has a report that is not its main one (no badge between its links).
SECOND_REPORT = (
    "Fighting in Batken\n\n"
    "Fighting broke out on Friday between the military forces of Kyrgyzstan and Tajikistan on the border "
    "in Batken, Kyrgyzstan, using tanks and mortars. At least 24 people were killed, the Kyrgyz health ministry said.\n"
)


def ingest_reports(db: Path, folder: Path) -> None:
    seed = SEED.read_text(encoding="utf-8")
    records = [
        {"id": "border-clash", "title": seed.splitlines()[0], "url": "https://news.example.org/2022/09/19/border-clash",
         "source": "Example News", "published": "2022-09-19", "text": seed},
        {"id": "batken-fighting", "title": "Fighting in Batken", "url": "https://wire.example.net/batken-fighting",
         "source": "Example Wire", "published": "2022-09-17", "text": SECOND_REPORT},
    ]
    path = folder / "reports.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    done = subprocess.run([CLASHWATCH, "ingest", str(path), "--db", str(db), "-q"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not SEED.exists():
        pytest.skip(f"the seed article {SEED} is missing")
    folder = tmp_path_factory.mktemp("layout")
    db = folder / "layout.db"
    ingest_reports(db, folder)
    with ServerProcess(db, "--quiet") as running:
        yield running


@pytest.fixture(scope="module")
def clash(server) -> str:
    events = httpx.get(server.url + "/api/events", params={"limit": 100}).json()["events"]
    found = [e["id"] for e in events if e["sub_event_type"] == "Armed clash"]
    assert len(found) == 1, events
    return found[0]


@pytest.fixture(scope="module")
def browser():
    yield from launched_chromium()


def page_of(browser, **options):
    """A fresh page whose console errors and page errors are kept in ``page.errors``."""
    context = browser.new_context(**options)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.errors = errors
    return context, page


@pytest.fixture
def wide(browser):
    context, page = page_of(browser, viewport=WIDE)
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    context, page = page_of(browser, viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    yield page
    context.close()


def expect(target):
    return sync_api.expect(target)


def open_dashboard(page, url: str) -> None:
    page.goto(url)
    page.locator("#match-count[data-count]").wait_for()
    page.locator("#view-dashboard:not([aria-busy])").wait_for()


def open_event(page, url: str) -> None:
    page.goto(url)
    page.locator("#claims table").wait_for()
    page.locator(".toll-chart svg").wait_for()


def apart(a: dict, b: dict, gap: float = 2.0) -> bool:
    """True when the two boxes are at least `gap` pixels apart, side by side or one above the other."""
    return (a["right"] + gap <= b["left"] or b["right"] + gap <= a["left"]
            or a["bottom"] + gap <= b["top"] or b["bottom"] + gap <= a["top"])


def labels(page) -> list[dict]:
    return page.evaluate(LABELS_JS)


def assert_no_overlap(found: list[dict]) -> None:
    for i, a in enumerate(found):
        for b in found[i + 1:]:
            assert apart(a, b, 0.5), (a, b)


def zoom_out(page) -> None:
    before = [(lab["name"], lab["left"]) for lab in labels(page)]
    page.locator("#map .leaflet-control-zoom-out").click()
    page.wait_for_function("(before) => { const now = [...document.querySelectorAll('#map .cw-label')]"
                           ".map((n) => [n.dataset.name, n.getBoundingClientRect().left]);"
                           " return now.length > 0 && JSON.stringify(now) !== before"
                           " && !document.querySelector('#map .leaflet-zoom-anim'); }",
                           arg=json.dumps(before))
    page.wait_for_timeout(300)


# ------------------------------------------------------------------------------ item 8: names


def test_country_and_capital_names_on_the_map(server, wide):
    page = wide
    open_dashboard(page, server.url + "/")
    map_box = page.locator("#map").bounding_box()
    # zoomed to the clash: the countries around it and their capitals, by name
    page.locator('#map .cw-label[data-kind="capital"]').first.wait_for()
    near = labels(page)
    countries = {lab["name"] for lab in near if lab["kind"] == "country"}
    capitals = {lab["name"] for lab in near if lab["kind"] == "capital"}
    assert {"Kyrgyzstan", "Tajikistan"} <= countries, near
    assert {"Bishkek", "Dushanbe"} <= capitals, near
    assert all(lab["text"] == lab["name"] for lab in near)
    assert_no_overlap(near)
    for lab in near:
        assert map_box["x"] - 0.5 <= lab["left"] and lab["right"] <= map_box["x"] + map_box["width"] + 0.5, lab
    page.screenshot(path=str(SCREENSHOTS / "dashboard-map-names.png"))

    # zoomed out to a continent: country names only, still none over another
    for _ in range(4):
        zoom_out(page)
    far = labels(page)
    assert not [lab for lab in far if lab["kind"] == "capital"], far
    far_countries = {lab["name"] for lab in far if lab["kind"] == "country"}
    assert {"Kazakhstan", "China", "India", "Russia"} <= far_countries, far_countries
    assert len(far_countries) >= 15
    assert_no_overlap(far)
    assert page.errors == []


# ------------------------------------------------------------------------------ item 8: phone


def assert_fits(page, root: str, width: int) -> None:
    widths = page.evaluate(WIDTHS_JS)
    assert widths["scroll"] <= widths["client"] == width, widths
    outside = [box for box in page.evaluate(BOXES_JS, root) if box["left"] < -0.5 or box["right"] > width + 0.5]
    assert outside == [], outside[:10]


def test_phone_layout_hides_and_clips_nothing(server, clash, phone):
    page = phone
    open_dashboard(page, server.url + "/")
    expect(page.locator("#map .leaflet-marker-icon").first).to_be_visible()
    assert_fits(page, "body", PHONE["width"])
    for selector in ["#filters", ".cw-legend", "#event-list", "#timeline svg"]:
        box = page.locator(selector).bounding_box()
        assert box and box["x"] >= -0.5 and box["x"] + box["width"] <= PHONE["width"] + 0.5, (selector, box)
    # the legend hides no marker or group of markers
    legend = page.locator(".cw-legend").bounding_box()
    legend = {"left": legend["x"], "top": legend["y"], "right": legend["x"] + legend["width"], "bottom": legend["y"] + legend["height"]}
    icons = page.locator("#map .leaflet-marker-icon").all()
    assert icons
    for icon in icons:
        box = icon.bounding_box()
        assert apart(legend, {"left": box["x"], "top": box["y"], "right": box["x"] + box["width"], "bottom": box["y"] + box["height"]}, 0)
    # the clash's country is named on the small map too, though its centre is out of view
    expect(page.locator('#map .cw-label[data-kind="country"][data-name="Kyrgyzstan"]')).to_be_visible()
    assert_no_overlap(labels(page))
    page.screenshot(path=str(SCREENSHOTS / "dashboard-map-phone.png"), full_page=True)

    open_event(page, f"{server.url}/events/{clash}")
    assert_fits(page, "body", PHONE["width"])
    rows = page.locator("#claims tbody tr")
    assert rows.count() >= 3
    for row in rows.all():
        box = row.bounding_box()
        assert box["x"] >= -0.5 and box["x"] + box["width"] <= PHONE["width"] + 0.5, box
    # every figure and its sentence can be read without scrolling sideways
    wrap = page.locator("#claims .table-wrap")
    assert wrap.evaluate("(node) => node.scrollWidth <= node.clientWidth")
    page.screenshot(path=str(SCREENSHOTS / "dashboard-ledger-phone.png"), full_page=True)
    assert page.errors == []


# ------------------------------------------------------------------------------ item 8: links


def test_links_in_a_cell_have_space_between_them(server, clash, wide):
    page = wide
    open_event(page, f"{server.url}/events/{clash}")
    for table in ("#claims", ".mentions"):
        cells = page.locator(f"{table} tbody td").all()
        checked = 0
        for cell in cells:
            boxes = cell.evaluate("(td) => [...td.querySelectorAll('a')].map((a) => { const b = a.getBoundingClientRect();"
                                  " return { text: a.textContent, left: b.left, top: b.top, right: b.right, bottom: b.bottom }; })")
            for i, a in enumerate(boxes):
                for b in boxes[i + 1:]:
                    assert apart(a, b), (table, a, b)
                    checked += 1
        assert checked, f"no cell of {table} has two links"
    # a report that is not one article's main event has no badge between its two links,
    # which ran together before ("...Deathsoriginal ↗")
    plain = page.locator(".mentions tbody tr").filter(has_not=page.locator(".badge"))
    expect(plain.first).to_be_visible()
    for row in plain.all():
        expect(row.locator("a.external")).to_have_text("original ↗")
        assert not re.search(r"\woriginal", row.inner_text()), row.inner_text()
    assert page.errors == []


# ------------------------------------------------------------------------------ item 8: ticks


def tick_labels(page) -> list[dict]:
    return page.evaluate("""() => [...document.querySelectorAll('#timeline .x-axis .tick text')].map((t) => {
      const b = t.getBoundingClientRect();
      return { text: t.textContent, left: b.left, top: b.top, right: b.right, bottom: b.bottom };
    })""")


DAY_LABEL = re.compile(r"^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}( \d{4})?$")


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1400px", "390px"])
def test_timeline_ticks_are_whole_days_that_fit(server, browser, viewport):
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        open_dashboard(page, server.url + "/")
        dates = sorted(d.get_attribute("data-date") for d in page.locator("#timeline rect.bar").all())
        assert dates[0] >= "2022-09-14" and dates[-1] <= "2022-09-18", dates  # the seed's few days
        ticks = tick_labels(page)
        texts = [t["text"] for t in ticks]
        assert len(ticks) >= 1
        assert len(set(texts)) == len(texts), texts
        assert all(DAY_LABEL.match(text) for text in texts), texts
        assert "2022" in texts[0], texts
        assert_no_overlap(ticks)
        if viewport is WIDE:
            assert len(ticks) >= 4, texts  # room for a tick a day
        svg = page.locator("#timeline svg").bounding_box()
        for tick in ticks:
            assert svg["x"] - 0.5 <= tick["left"] and tick["right"] <= svg["x"] + svg["width"] + 0.5, tick
    finally:
        context.close()


def test_names_give_way_to_online_tiles(server, browser, tmp_path_factory):
    """With a tile layer configured (here one that never answers: no request leaves the
    machine), the tiles' own names are shown, not the outlines'; switched off, ours return."""
    db = server.command[server.command.index("--db") + 1]
    dead_tiles = f"http://127.0.0.1:{server.port}/no-tiles/{{z}}/{{x}}/{{y}}.png"
    with ServerProcess(db, "--quiet", "--tiles", dead_tiles, "--tiles-attribution", "nobody") as tiled:
        context = browser.new_context(viewport=WIDE)
        try:
            page = context.new_page()
            open_dashboard(page, tiled.url + "/")
            switch = page.get_by_label("Online map tiles")
            expect(switch).to_be_checked()
            expect(page.locator("#map .cw-label")).to_have_count(0)
            switch.uncheck()
            expect(page.locator('#map .cw-label[data-name="Kyrgyzstan"]')).to_be_visible()
            switch.check()
            expect(page.locator("#map .cw-label")).to_have_count(0)
        finally:
            context.close()
