"""RSS and Atom feeds, parsed by feedparser.

``parse_feed(data)`` gives the feed's items (link, title, date, author, and the HTML of
their content or summary); ``clashwatch watch`` fetches each new item's page, while a
feed file given to ``clashwatch ingest`` is read as it is: one article per item, its
text the item's full content when the feed carries it, else its summary (with a
warning). Data that is not a feed at all (an HTML error page, broken XML with no items)
raises ``FeedError``; a feed with small XML faults but readable items is used, with a
warning.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from . import checks as reader
from ..article import Article, make_article
from .base import InputFile, Problem, ReadOptions, read_whole

SUMMARY_ONLY_WARNING = "the feed gives only a summary of this item: `clashwatch watch` fetches the whole page"
# Items whose content is at most this long are called summaries.
SUMMARY_CHARS = 600


class FeedError(ValueError):
    """Data that is not a readable RSS/Atom feed; ``str()`` says why in one line."""


@dataclass
class FeedItem:
    key: str  # what identifies the item across polls: its link, else its id
    link: str | None
    title: str | None
    published: dt.date | None
    author: str | None
    html: str  # the item's content, else its summary (HTML or text)
    full: bool  # True when ``html`` is the item's full content


@dataclass
class Feed:
    title: str | None
    items: list[FeedItem]
    warnings: list[str] = field(default_factory=list)


def parse_feed(data: bytes, url: str | None = None) -> Feed:
    """The items of an RSS/Atom document; ``FeedError`` when it is not one."""
    import feedparser

    if not isinstance(data, bytes):
        raise TypeError("parse_feed takes bytes (a str would be taken for a URL to fetch)")
    # feedparser faults any document without an XML Content-Type: say it is XML, and let
    # the document's own declaration give the encoding
    headers = {"content-type": "application/xml", **({"content-location": url} if url else {})}
    parsed = feedparser.parse(data, response_headers=headers, sanitize_html=True, resolve_relative_uris=True)
    problem = parsed.get("bozo_exception")
    if not parsed.entries:
        if parsed.get("bozo"):
            raise FeedError(f"not a readable RSS or Atom feed ({_describe(problem)})")
        if not parsed.get("version"):
            raise FeedError("not an RSS or Atom feed")
    warnings = [f"the feed has XML faults ({_describe(problem)}): its readable items were used"] if parsed.get("bozo") else []
    items = [item for item in (_item(entry) for entry in parsed.entries) if item is not None]
    return Feed(title=parsed.feed.get("title") or None, items=items, warnings=warnings)


def _describe(exc: BaseException | None) -> str:
    if exc is None:
        return "unknown fault"
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}"[:200]


def _item(entry) -> FeedItem | None:
    link = entry.get("link") or None
    key = link or entry.get("id") or None
    if key is None:
        return None
    content = entry.get("content") or []
    full_html = max((c.get("value") or "" for c in content), key=len, default="")
    summary = entry.get("summary") or ""
    html, full = (full_html, len(full_html) > SUMMARY_CHARS) if full_html else (summary, False)
    return FeedItem(
        key=key,
        link=link,
        title=entry.get("title") or None,
        published=_date(entry.get("published_parsed") or entry.get("updated_parsed")),
        author=entry.get("author") or None,
        html=html,
        full=full,
    )


def _date(parsed) -> dt.date | None:
    if not parsed:
        return None
    try:
        return dt.datetime.fromtimestamp(calendar.timegm(parsed), dt.timezone.utc).date()
    except (OverflowError, ValueError, TypeError):
        return None


def item_article(item: FeedItem, feed: Feed, origin: str, progress: int = 0) -> Article | Problem:
    """A feed item as an article by itself (its content, else its summary)."""
    text = reader.html_to_text(item.html) if "<" in item.html else item.html.strip()
    if not text.strip():
        return Problem(origin, "the item has no text (the feed gives only links: `clashwatch watch` fetches the pages)", progress)
    try:
        text, warnings, language = reader.check_text(text, origin)
    except reader.InputError as exc:
        return Problem(origin, exc.reason, progress)
    if not item.full:
        warnings = [SUMMARY_ONLY_WARNING, *warnings]
    return make_article(
        text, title=item.title, published=item.published, published_origin="feed" if item.published else None,
        author=item.author, url=item.link, outlet=feed.title, language=language, warnings=warnings,
        origin=origin, progress=progress,
    )


def read(f: InputFile, options: ReadOptions) -> Iterator[Article | Problem]:
    """A feed file: one article per item."""
    size = f.size or 0
    got = read_whole(f, options.max_page_bytes, "feed")
    if isinstance(got, Problem):
        yield got
        return
    data, name = got
    try:
        feed = parse_feed(data)
    except FeedError as exc:
        yield Problem(name, str(exc), size)
        return
    if not feed.items:
        yield Problem(name, "the feed has no items", size)
        return
    for n, item in enumerate(feed.items, 1):
        found = item_article(item, feed, f"{name}: item {n}", size if n == len(feed.items) else 0)
        if isinstance(found, Article):
            found.warnings = feed.warnings + found.warnings
            if options.published is not None:
                found.published, found.published_origin = options.published, "given"
        yield found
