"""The real browser of the dashboard tests: Debian's chromium driven by Playwright.

Importing this module skips the importing test module when chromium, Playwright or the
dashboard's built JavaScript libraries are missing, with a message saying how to get them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support.paths import REPO

CHROMIUM = Path("/usr/bin/chromium")
VENDOR = REPO / "src" / "clashwatch" / "web" / "static" / "vendor"
SCREENSHOTS = REPO / "docs" / "img"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]

if not CHROMIUM.exists():
    pytest.skip("/usr/bin/chromium is missing (run scripts/install-system-deps.sh)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed in this Python")
if not (VENDOR / "leaflet" / "leaflet.js").exists():
    pytest.skip("the dashboard's JavaScript libraries are not built: run scripts/build-web.sh", allow_module_level=True)


def launched_chromium():
    """A context manager's body for a module fixture: yields a launched chromium."""
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
