"""``clashwatch watch``: poll news feeds, fetch their new article pages, ingest them.

    sources = load_sources("sources.toml")
    Watcher(store, pipeline, sources, on_log=print).run()          # until SIGINT/SIGTERM

A SOURCES.toml file lists the feeds and, optionally, the timing::

    interval = "15m"        # how often a feed is polled (seconds, or 30s / 15m / 1h)
    retry = "1m"            # first retry after a failed poll; it doubles each time ...
    retry_max = "1h"        # ... up to this
    timeout = "20s"         # for each request
    max_page_mb = 10        # larger pages are skipped
    page_delay = "1s"       # between two pages of one site
    obey_robots = true      # pages a site's robots.txt disallows are skipped

    [[feeds]]
    url = "https://example.org/world/rss.xml"
    name = "Example News"   # the outlet (default: the feed's own title)
    interval = "5m"         # this feed's own interval

Each cycle polls the feeds that are due with conditional requests (``If-None-Match``,
``If-Modified-Since``): a 304 costs nothing. The items not done before (``store.feeds``)
have their pages fetched, read (``readers.html``) and ingested (``ingest.Ingester``),
in one pass over all feeds. A feed that is down or answers garbage is logged, retried
with exponential backoff, and the others go on.

What a restart relies on: a feed's validators and next poll time are saved only once
every new item of that poll has been handled, so an interrupted cycle is polled again
in full; an article already stored is then found unchanged by its URL and not stored
twice. The first SIGINT/SIGTERM stops fetching; the pages already fetched are still
ingested, then the watcher exits.
"""

from __future__ import annotations

import datetime as dt
import re
import time
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .fetch import FEED_ACCEPT, PAGE_ACCEPT, Fetcher, FetchError
from ..ingest import Ingester, IngestStats
from .politeness import Politeness
from ..article import Article
from ..readers import Problem, Skipped
from ..readers.feed import FeedError, FeedItem, parse_feed
from ..readers.html import HTML_TYPES, extract_page
from ..store.feeds import is_done

DEFAULTS = {"interval": 900.0, "retry": 60.0, "retry_max": 3600.0, "timeout": 20.0, "max_page_mb": 10.0,
            "page_delay": 1.0, "obey_robots": True}
_DURATION = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*")
_UNITS = {None: 1.0, "ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


class SourcesError(ValueError):
    """A SOURCES.toml that cannot be used; ``str()`` names the file and the fault."""


@dataclass(frozen=True)
class FeedSource:
    url: str
    name: str | None = None
    interval: float | None = None  # seconds; None: the file's


@dataclass(frozen=True)
class Sources:
    feeds: tuple[FeedSource, ...]
    interval: float = DEFAULTS["interval"]
    retry: float = DEFAULTS["retry"]
    retry_max: float = DEFAULTS["retry_max"]
    timeout: float = DEFAULTS["timeout"]
    max_page_mb: float = DEFAULTS["max_page_mb"]
    page_delay: float = DEFAULTS["page_delay"]
    obey_robots: bool = DEFAULTS["obey_robots"]
    db: str | None = None

    def interval_of(self, feed: FeedSource) -> float:
        return feed.interval if feed.interval is not None else self.interval

    def backoff(self, failures: int) -> float:
        """Seconds to wait after ``failures`` failed polls in a row."""
        return min(self.retry_max, self.retry * 2 ** max(0, failures - 1))


def duration(value: Any, what: str, *, zero: bool = False) -> float:
    """Seconds from a number or a string such as "90", "30s", "15m", "1h"."""
    if isinstance(value, bool):
        raise ValueError(f"{what}: {value!r} is not a duration")
    if isinstance(value, (int, float)):
        seconds = float(value)
    elif isinstance(value, str) and (m := _DURATION.fullmatch(value)):
        seconds = float(m.group(1)) * _UNITS[m.group(2)]
    else:
        raise ValueError(f"{what}: {value!r} is not a duration (seconds, or like 30s, 15m, 1h)")
    if seconds < 0 or (seconds == 0 and not zero):
        raise ValueError(f"{what}: must be more than 0")
    return seconds


def load_sources(path: str | Path) -> Sources:
    """Read and check a SOURCES.toml; ``SourcesError`` says what is wrong, in one line."""
    name = str(path)
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except FileNotFoundError:
        raise SourcesError(f"{name}: no such file") from None
    except OSError as exc:
        raise SourcesError(f"{name}: cannot read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise SourcesError(f"{name}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"{name}: not valid TOML ({exc})") from None
    try:
        return _sources(data)
    except ValueError as exc:
        raise SourcesError(f"{name}: {exc}") from None


def _sources(data: dict) -> Sources:
    known = {"feeds", "db", *DEFAULTS}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ValueError(f"unknown setting {unknown[0]!r} (settings: {', '.join(sorted(known))})")
    settings: dict[str, Any] = {}
    for key in ("interval", "retry", "retry_max", "timeout"):
        if key in data:
            settings[key] = duration(data[key], key)
    if "page_delay" in data:
        settings["page_delay"] = duration(data["page_delay"], "page_delay", zero=True)
    if "obey_robots" in data:
        if not isinstance(data["obey_robots"], bool):
            raise ValueError(f"obey_robots: {data['obey_robots']!r} is not true or false")
        settings["obey_robots"] = data["obey_robots"]
    if "max_page_mb" in data:
        value = data["max_page_mb"]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise ValueError(f"max_page_mb: {value!r} is not a positive number")
        settings["max_page_mb"] = float(value)
    if "db" in data:
        if not isinstance(data["db"], str) or not data["db"].strip():
            raise ValueError("db: must be a database path or URL")
        settings["db"] = data["db"]
    raw = data.get("feeds")
    if not isinstance(raw, list) or not raw:
        raise ValueError('no feeds: add at least one [[feeds]] table with a url = "https://..."')
    feeds: list[FeedSource] = []
    seen: set[str] = set()
    for n, entry in enumerate(raw, 1):
        if not isinstance(entry, dict):
            raise ValueError(f"feeds #{n}: must be a table ([[feeds]])")
        extra = sorted(set(entry) - {"url", "name", "interval"})
        if extra:
            raise ValueError(f"feeds #{n}: unknown key {extra[0]!r} (keys: url, name, interval)")
        url = entry.get("url")
        if not isinstance(url, str) or urlsplit(url.strip()).scheme not in ("http", "https") or not urlsplit(url.strip()).netloc:
            raise ValueError(f"feeds #{n}: url must be an http(s) URL, not {url!r}")
        url = url.strip()
        if url in seen:
            raise ValueError(f"feeds #{n}: {url} is listed twice")
        seen.add(url)
        feed_name = entry.get("name")
        if feed_name is not None and (not isinstance(feed_name, str) or not feed_name.strip()):
            raise ValueError(f"feeds #{n}: name must be a non-empty string")
        interval = duration(entry["interval"], f"feeds #{n}: interval") if "interval" in entry else None
        feeds.append(FeedSource(url, feed_name.strip() if feed_name else None, interval))
    return Sources(feeds=tuple(feeds), **settings)


# --------------------------------------------------------------------------- the watcher


@dataclass
class WatchStats:
    cycles: int = 0
    polls: int = 0
    not_modified: int = 0
    poll_failures: int = 0
    new_items: int = 0
    pages: int = 0  # pages fetched
    ingest: IngestStats = field(default_factory=IngestStats)

    def summary(self) -> str:
        return (
            f"{_count(self.cycles, 'cycle')}: {_count(self.polls, 'poll')} "
            f"({self.not_modified:,} not modified, {self.poll_failures:,} failed), {_count(self.new_items, 'new item')}, "
            f"{_count(self.pages, 'page')} fetched; " + self.ingest.summary()
        )


@dataclass
class _Poll:
    feed: FeedSource
    items: list[FeedItem]  # the items not done yet
    title: str | None
    saved: dict  # what to save once every item has been handled
    handled: int = 0


def _utc(seconds_from_now: float = 0.0) -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=seconds_from_now)


def _first_of_each(items: list[FeedItem]) -> list[FeedItem]:
    """A feed that lists a link twice gets it fetched once."""
    seen: set[str] = set()
    unique = []
    for item in items:
        if item.key not in seen:
            seen.add(item.key)
            unique.append(item)
    return unique


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _wait(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


class Watcher:
    """Polls ``sources`` into ``store`` with ``pipeline``.

    ``on_log(level, message)`` gets one line per poll, failure and summary (level:
    "info", "warning" or "error"); ``should_stop()`` is asked before each poll and each
    page fetch (``ingest.StopSignals`` fits).
    """

    def __init__(
        self,
        store: Any,
        pipeline: Any,
        sources: Sources,
        *,
        batch_size: int = 8,
        on_log: Callable[[str, str], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
        fetcher: Fetcher | None = None,
    ):
        self.store = store
        self.pipeline = pipeline
        self.sources = sources
        self.batch_size = batch_size
        self.log = on_log or (lambda level, message: None)
        self.should_stop = should_stop or (lambda: False)
        self.fetcher = fetcher or Fetcher(timeout=sources.timeout, max_bytes=int(sources.max_page_mb * 1_000_000))
        self.polite = Politeness(self.fetcher, delay=sources.page_delay, obey_robots=sources.obey_robots)
        self.stats = WatchStats()

    # -- the loop ---------------------------------------------------------------------
    def run(self, *, once: bool = False) -> WatchStats:
        """Cycles until stopped (or one cycle, polling every feed, with ``once``)."""
        while not self.should_stop():
            self.cycle(all_feeds=once)
            if once or self.should_stop():
                break
            self._sleep_until_due()
        return self.stats

    def _sleep_until_due(self) -> None:
        due = self._next_due()  # read once: only this process changes it
        while not self.should_stop() and (wait := (due - _utc()).total_seconds()) > 0:
            time.sleep(min(wait, 0.5))

    def _next_due(self) -> dt.datetime:
        times = []
        for feed in self.sources.feeds:
            state = self.store.feed_state(feed.url) or {}
            times.append(state.get("next_poll_at") or _utc())
        return min(times)

    def cycle(self, *, all_feeds: bool = False) -> None:
        """Poll the due feeds (every feed with ``all_feeds``), then fetch and ingest their new items."""
        self.stats.cycles += 1
        polls: list[_Poll] = []
        now = _utc()
        for feed in self.sources.feeds:
            if self.should_stop():
                break
            state = self.store.feed_state(feed.url)
            if state is None:
                self.store.save_feed_state(feed.url, name=feed.name)
                state = self.store.feed_state(feed.url) or {}
            due = state.get("next_poll_at")
            if not all_feeds and due is not None and due > now:
                continue
            poll = self._poll(feed, state)
            if poll is not None:
                polls.append(poll)
        if polls:
            self._ingest(polls)

    # -- one feed -----------------------------------------------------------------------
    def _label(self, feed: FeedSource, title: str | None = None) -> str:
        return feed.name or title or feed.url

    def _poll(self, feed: FeedSource, state: dict) -> _Poll | None:
        self.stats.polls += 1
        target = state.get("location") or feed.url
        label = self._label(feed, None)
        try:
            got = self.fetcher.get(target, etag=state.get("etag"), last_modified=state.get("last_modified"), accept=FEED_ACCEPT)
            if got.moved_to and got.moved_to != target:
                self.log("info", f"feed {label}: moved permanently to {got.moved_to}: polled there from now on")
                self.store.save_feed_state(feed.url, location=got.moved_to)
            if got.status == 304:
                self.stats.not_modified += 1
                self.store.save_feed_state(
                    feed.url, last_polled_at=_utc(), last_status="not modified", failures=0,
                    next_poll_at=_utc(self.sources.interval_of(feed)),
                )
                self.log("info", f"feed {label}: not modified")
                return None
            parsed = parse_feed(got.body, got.url)
        except (FetchError, FeedError) as exc:
            self._poll_failed(feed, state, str(exc))
            return None
        items = _first_of_each(parsed.items)
        known = self.store.known_items(feed.url, [item.key for item in items])
        fresh = [item for item in items if item.key not in known or not is_done(*known[item.key])]
        retried = sum(1 for item in fresh if item.key in known)
        self.stats.new_items += len(fresh) - retried
        label = self._label(feed, parsed.title)
        faults = f" ({parsed.warnings[0]})" if parsed.warnings else ""
        again = f", {retried} to try again" if retried else ""
        self.log("info", f"feed {label}: {_count(len(parsed.items), 'item')}, {len(fresh) - retried} new{again}{faults}")
        saved = {
            "etag": got.etag, "last_modified": got.last_modified, "last_polled_at": _utc(),
            "last_status": f"ok: {len(parsed.items)} items", "failures": 0,
            "next_poll_at": _utc(self.sources.interval_of(feed)),
        }
        poll = _Poll(feed, fresh, parsed.title, saved)
        if not fresh:
            self.store.save_feed_state(feed.url, **saved)
        return poll

    def _poll_failed(self, feed: FeedSource, state: dict, reason: str) -> None:
        failures = int(state.get("failures") or 0) + 1
        wait = self.sources.backoff(failures)
        self.stats.poll_failures += 1
        self.store.save_feed_state(
            feed.url, last_polled_at=_utc(), last_status=f"error: {reason}", failures=failures, next_poll_at=_utc(wait),
        )
        self.log("warning", f"feed {self._label(feed)}: {reason} ({_ordinal(failures)} failure in a row): next try in {_wait(wait)}")

    # -- the items ----------------------------------------------------------------------
    def _ingest(self, polls: list[_Poll]) -> None:
        where: dict[str, tuple[_Poll, FeedItem]] = {}
        ingester = Ingester(
            self.store,
            self.pipeline,
            batch_size=self.batch_size,
            on_error=lambda origin, reason: self._item_failed(where, origin, reason),
            on_outcome=lambda origin, outcome, warnings: self._item_stored(where, origin, outcome),
        )
        ingester.run_items(ingester.article_items(self._documents(polls, where), kind="page"))
        self._add(ingester.stats)
        for poll in polls:
            if poll.items and poll.handled == len(poll.items):
                self.store.save_feed_state(poll.feed.url, **poll.saved)
            elif poll.items:
                # interrupted: keep the old validators, so that the next run polls it in full
                self.store.save_feed_state(poll.feed.url, next_poll_at=_utc())

    def _add(self, stats: IngestStats) -> None:
        total = self.stats.ingest
        for name in stats.__dataclass_fields__:
            setattr(total, name, getattr(total, name) + getattr(stats, name))

    def _documents(self, polls: list[_Poll], where: dict) -> Iterator[Article | Problem | Skipped]:
        for poll in polls:
            label = self._label(poll.feed, poll.title)
            for item in poll.items:
                if self.should_stop():
                    return
                origin = f"{label}: {item.link or item.key}"
                if origin in where:  # the same link in two feeds of the same name
                    origin = f"{poll.feed.url}: {item.link or item.key}"
                where[origin] = (poll, item)
                found = self._page(poll, item, origin)
                if found is None:  # stopped while waiting for the site
                    return
                if isinstance(found, Skipped):
                    self.log("info", f"{origin}: skipped ({found.reason})")
                    self.store.mark_item(poll.feed.url, item.key, "skipped", reason=found.reason)
                    poll.handled += 1
                yield found

    def _page(self, poll: _Poll, item: FeedItem, origin: str) -> Article | Problem | Skipped | None:
        if not item.link:
            return Skipped(origin, "the item has no link to a page")
        try:
            refusal = self.polite.refusal(item.link)
            if refusal is not None:
                return Skipped(origin, refusal)
            got = self.polite.get(item.link, self.should_stop, accept=PAGE_ACCEPT)
            if got is None:
                return None
        except FetchError as exc:
            return Problem(origin, str(exc))
        self.stats.pages += 1
        if got.content_type and got.content_type not in HTML_TYPES:
            return Skipped(origin, f"not an HTML page ({got.content_type})")
        found = extract_page(got.body, name=origin, url=got.url, charset=got.charset)
        if not isinstance(found, Article):
            return found
        if not found.url or urlsplit(found.url).path in ("", "/"):
            found.url = got.url  # a canonical link to the home page names no article
        found.title = found.title or item.title
        found.author = found.author or item.author
        found.outlet = poll.feed.name or poll.title or found.outlet
        if found.published is None and item.published is not None:
            found.published, found.published_origin = item.published, "feed"
        return found

    def _item_stored(self, where: dict, origin: str, outcome: Any) -> None:
        if origin in where:
            poll, item = where[origin]
            self.store.mark_item(poll.feed.url, item.key, "ingested", article_id=outcome.article_id)
            poll.handled += 1

    def _item_failed(self, where: dict, origin: str, reason: str) -> None:
        self.log("error", f"{origin}: {reason}")
        if origin in where:
            poll, item = where[origin]
            self.store.mark_item(poll.feed.url, item.key, "failed", reason=reason)
            poll.handled += 1
