"""The dashboard's map on a large store, in a real browser (chromium through Playwright)
against a real `clashwatch serve`: a generated store of 100,000 events
(``benchmarks/store_bench.py``, built in well under a minute) is drawn whole, as the
server's grid; the cells count every matching event, and the filters apply to them. The
time to first paint (the page's own ``performance.mark("cw-map-painted")``) is recorded
in the test report (``first_paint_ms``), not asserted: speed is the benchmark's to
measure (``benchmarks/api_load.py`` prints it on 1,000,000 events, docs/performance.md). (The grid of a view is tested through the API in
``test_api_read_path.py``.)"""

from __future__ import annotations

import sys

import pytest

from support.browser import launched_chromium
from support.paths import REPO
from support.webserver import ServerProcess

sys.path.insert(0, str(REPO / "benchmarks"))
from store_bench import build_event_store  # noqa: E402

EVENTS = 100_000

CELLS_JS = """() => [...document.querySelectorAll('#map .cw-cell-inner')].map((el) => Number(el.dataset.events))"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("dashboard-scale") / "large.db"
    build_event_store(db, EVENTS, seed=5, mentions=True)  # about 15 s on an idle machine
    with ServerProcess(db, "--quiet") as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    yield from launched_chromium()


def open_map(browser, url: str):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(url)
    page.locator("#map[data-painted]").wait_for(timeout=60_000)
    return context, page, errors


def test_a_hundred_thousand_events_are_all_on_the_map(server, browser, record_property):
    # the first visit warms the server's and the file's caches, as a desk's dashboard is warm
    times = []
    for _ in range(2):
        context, page, errors = open_map(browser, server.url + "/")
        times.append(page.evaluate("performance.getEntriesByName('cw-map-painted')[0].startTime"))
        context.close()
    record_property("first_paint_ms", round(times[-1]))
    context, page, errors = open_map(browser, server.url + "/")
    try:
        page.locator("#view-dashboard:not([aria-busy])").wait_for(timeout=60_000)
        matched = int(page.locator("#match-count").get_attribute("data-count"))
        cells = page.evaluate(CELLS_JS)
        assert matched > 0.9 * EVENTS * 0.9  # background events (8%) are left out
        assert sum(cells) == matched, "the cells do not hold every matching event"
        assert page.locator("#map-note").text_content() == ""  # nothing left off the map

        assert errors == []
    finally:
        context.close()


def test_filters_apply_to_the_grid(server, browser):
    context, page, errors = open_map(browser, server.url + "/?country=NG&date_from=2023-01-01")
    try:
        page.locator("#view-dashboard:not([aria-busy])").wait_for(timeout=60_000)
        matched = int(page.locator("#match-count").get_attribute("data-count"))
        shown = page.evaluate(CELLS_JS)
        markers = page.locator("#map .leaflet-marker-pane [data-event-id], #map .leaflet-marker-pane [data-event-ids]").count()
        assert 0 < matched < EVENTS / 10
        assert sum(shown) == matched or markers > 0
        assert errors == []
    finally:
        context.close()
