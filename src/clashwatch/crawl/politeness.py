"""A polite crawler: robots.txt, and a pause between two pages of one site.

    polite = Politeness(fetcher, delay=1.0)
    reason = polite.refusal(url)          # "disallowed by https://site/robots.txt", or None
    if reason is None:
        got = polite.get(url, should_stop)  # None when should_stop said yes while waiting

robots.txt is read once an hour a site and applied as RFC 9309 says, by ``protego`` (for the
user agent ``clashwatch``): the longest matching rule wins, ``Allow`` wins a tie, ``*``
matches any characters and ``$`` the end of the path. A 4xx answer (no file) allows
everything; a 5xx answer or no answer at all means "not now" (``FetchError``: the page is
tried again later). A site's ``Crawl-delay`` lengthens the pause between its pages.
The pause runs from the end of the site's last answer, not from when it was asked for, so
a slow answer never lets the next request follow it closely.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlsplit

from protego import Protego

from .fetch import Fetched, Fetcher, FetchError

AGENT = "clashwatch"
ROBOTS_TTL = 3600.0
MAX_CRAWL_DELAY = 60.0  # a site asking for more is still visited once a minute at most
ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309 asks crawlers to read at least 500 KiB


class Politeness:
    def __init__(self, fetcher: Fetcher, *, delay: float = 1.0, obey_robots: bool = True):
        self.fetcher = fetcher
        self.delay = delay
        self.obey_robots = obey_robots
        self._robots: dict[str, tuple[Protego | None, float]] = {}
        self._last: dict[str, float] = {}

    @staticmethod
    def _site(url: str) -> str:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}"

    def refusal(self, url: str) -> str | None:
        """Why robots.txt forbids ``url``, or None; ``FetchError`` when it cannot be read now."""
        if not self.obey_robots:
            return None
        site = self._site(url)
        rules, read_at = self._robots.get(site, (None, -ROBOTS_TTL))
        if time.monotonic() - read_at >= ROBOTS_TTL:
            rules = self._read(site)
            self._robots[site] = (rules, time.monotonic())
        if rules is not None and not rules.can_fetch(url, AGENT):
            return f"disallowed by {site}/robots.txt"
        return None

    def _read(self, site: str) -> Protego | None:
        try:
            got = self.fetcher.get(f"{site}/robots.txt", accept="text/plain", max_bytes=ROBOTS_MAX_BYTES)
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                return None  # no robots.txt: everything is allowed
            raise FetchError(f"cannot read {site}/robots.txt ({exc}): the page is left for later", exc.status) from None
        finally:
            self._last[site] = time.monotonic()
        return Protego.parse(got.body.decode("utf-8", errors="replace"))

    def _crawl_delay(self, site: str) -> float:
        rules = self._robots.get(site, (None, 0.0))[0]
        wanted = rules.crawl_delay(AGENT) if rules is not None else None
        return min(float(wanted), MAX_CRAWL_DELAY) if wanted else 0.0

    def pause(self, url: str, should_stop: Callable[[], bool]) -> bool:
        """Wait until ``delay`` seconds have passed since the site's last request; False
        when ``should_stop`` said yes meanwhile. Counts this request as the site's last."""
        site = self._site(url)
        ready = self._last.get(site, float("-inf")) + max(self.delay, self._crawl_delay(site))
        while (wait := ready - time.monotonic()) > 0:
            if should_stop():
                return False
            time.sleep(min(wait, 0.2))
        self._last[site] = time.monotonic()
        return True

    def get(self, url: str, should_stop: Callable[[], bool], **options) -> Fetched | None:
        """``Fetcher.get(url, **options)`` after the site's pause; None when ``should_stop``
        said yes while waiting. The site's next pause counts from the end of this answer."""
        if not self.pause(url, should_stop):
            return None
        try:
            return self.fetcher.get(url, **options)
        finally:
            self._last[self._site(url)] = time.monotonic()
