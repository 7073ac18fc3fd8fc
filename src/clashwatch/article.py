"""The article: the one object every input becomes before the pipeline reads it.

Every road in builds it through ``make_article``: the readers (text files, pages,
JSONL/CSV records, feed items, archived pages), the command line, the HTTP API, ``batch``
and the Python API (``clashwatch.extract``, ``extract_many``). The store keeps it as its
``articles`` row, the pipeline reads ``text`` and turns it into an ``ArticleResult``.

The publication date has one rule, whatever the road (``docs/cli.md#dates``):

1. a date given for the article (``--published``, a record's ``published``, the API's
   field, the Python argument): origin ``given``;
2. else the input's own metadata: a page's (``page``), a feed item's (``feed``);
3. else, for a file, the file's modification day (``file``; a web archive: its capture
   day), with a warning that says so;
4. else none is stored, and relative dates ("on Friday") are resolved against today,
   with the warning ``NO_DATE_WARNING``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from . import days
from .model import PublishedOrigin

# How much of one article is analysed (spaCy's own limit is 1,000,000 characters); the
# rest is left out with a warning.
MAX_CHARS = 100_000
# articles.id is String(64)
MAX_ID_CHARS = 64
NO_DATE_WARNING = "no publication date given: relative dates resolved against today"
# Publication dates are accepted from this day to tomorrow (a day of slack for time zones);
# outside it a date is an error where it was given, and is dropped with a warning where it
# was found in a page or a feed.
EARLIEST_PUBLISHED = dt.date(1900, 1, 1)

# Lone surrogates (from JSON escapes such as "\ud800" or from surrogateescape decoding)
# cannot be encoded as UTF-8 and stop spaCy, pyarrow and the database drivers.
_UNENCODABLE = re.compile("[\ud800-\udfff]")


@dataclass
class Article:
    """One article on its way in: its text and what is known about it."""

    text: str
    id: str | None = None
    title: str | None = None
    published: dt.date | None = None
    published_origin: PublishedOrigin | None = None  # set with published
    url: str | None = None  # the canonical URL when the page gives one
    outlet: str | None = None  # who published it (a record's "source")
    author: str | None = None
    language: str | None = None  # ISO 639-1; not "en": stored, not analysed; None: identified by the pipeline
    warnings: list[str] = field(default_factory=list)
    origin: str = "<article>"  # where it was read, for messages: "file", "file: line 3", "feed: item 2 (url)"
    progress: int = 0  # bytes (or items) of its input done once this article is handled

    def ensure_id(self) -> str:
        """Its id, made from the URL or the text when it has none."""
        if not self.id:
            self.id = article_id(self.text, self.url)
        return self.id

    def file_date(self, path: str | None) -> None:
        """Rule 3: the file's modification day when no date was given or found."""
        if self.published is not None or not path or path == "-":
            return
        try:
            when = dt.date.fromtimestamp(os.path.getmtime(path))
        except (OSError, ValueError, OverflowError):
            return
        self.published, self.published_origin = when, "file"
        self.warnings.append(f"no publication date in the input: the file's modification date ({when}) was used")


def make_article(
    text: str,
    *,
    id: str | int | None = None,
    title: str | None = None,
    published: dt.date | str | None = None,
    published_origin: PublishedOrigin | None = None,
    url: str | None = None,
    outlet: str | None = None,
    author: str | None = None,
    language: str | None = None,
    warnings: list[str] | None = None,
    origin: str = "<article>",
    progress: int = 0,
) -> Article:
    """The one way to build an ``Article``.

    ``published`` is a date or an ISO 8601 string (``ValueError`` when it is neither);
    a date with no stated origin counts as given. An id longer than the store's 64
    characters keeps its start and a hash.
    """
    warnings = list(warnings or ())
    text, replaced = normalise_text(text)
    if replaced:
        warnings.append(f"{replaced:,} invalid character{'s' if replaced != 1 else ''} (lone surrogates) replaced with U+FFFD")
    title, _ = normalise_text(title)
    day = parse_published(published, window=published_origin in (None, "given"))
    if day is not None and published_origin is None:
        published_origin = "given"
    if day is not None and published_origin != "given" and (why := outside_window(day)):
        warnings.append(f"the {published_origin}'s publication date was left out: {why}")
        day = None
    return Article(
        text=text,
        id=None if id is None else fit_id(str(id)),
        title=title,
        published=day,
        published_origin=published_origin if day is not None else None,
        url=url,
        outlet=outlet,
        author=author,
        language=language,
        warnings=warnings,
        origin=origin,
        progress=progress,
    )


def from_mapping(record: Mapping[str, Any], origin: str = "<record>") -> Article:
    """An article from a dict ``{"id", "text", "published"?, "title"?, "url"?, "outlet"? (or "source"), "author"?, "language"?}``."""
    return make_article(
        record["text"],
        id=record.get("id"),
        title=record.get("title"),
        published=record.get("published"),
        url=record.get("url"),
        outlet=record.get("outlet") or record.get("source"),
        author=record.get("author"),
        language=record.get("language"),
        origin=origin,
    )


def normalise_text(text: str | None) -> tuple[str | None, int]:
    """``text`` with every character that cannot be encoded replaced by U+FFFD (same
    length, so offsets still hold), and how many were replaced."""
    if text is None:
        return None, 0
    replaced = _UNENCODABLE.subn("\ufffd", text)
    return replaced


def outside_window(day: dt.date, today: dt.date | None = None) -> str | None:
    """Why ``day`` cannot be a publication date (before 1900, or after tomorrow), or None."""
    today = today or dt.date.today()
    if day < EARLIEST_PUBLISHED:
        return f"{day.isoformat()} is before {EARLIEST_PUBLISHED.isoformat()}"
    if day > today + dt.timedelta(days=1):
        return f"{day.isoformat()} is in the future (today is {today.isoformat()})"
    return None


def reference_date(article: Article, today: dt.date | None = None) -> tuple[dt.date, str | None]:
    """Rule 4: the day relative dates resolve against, and the warning when it is today."""
    if article.published is not None:
        return article.published, None
    return today or dt.date.today(), NO_DATE_WARNING


def url_host(url: str | None) -> str | None:
    """The host of an article's web address, lower-cased, without "www." ("https://www.nation.co.ke/x":
    "nation.co.ke"; "nation.co.ke/x" too); None when it has none or cannot be read ("http://[::1")."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    if not host or any(ch.isspace() for ch in host):
        return None  # "not a web address" read as one host
    return host.removeprefix("www.")


def article_id(text: str, url: str | None = None) -> str:
    """A stable id: from the URL when there is one, else from the text."""
    basis = url or " ".join(text.split())
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def fit_id(value: str) -> str:
    """An id that fits the store's 64 characters: long ones keep their start and a hash."""
    if len(value) <= MAX_ID_CHARS:
        return value
    digest = hashlib.sha1(value.encode("utf-8")).hexdigest()[:16]
    return f"{value[: MAX_ID_CHARS - 17]}~{digest}"


def parse_date(value: str) -> dt.date:
    """One day, as ``days.day`` reads it (ISO, or what dateparser reads in English); ``ValueError`` otherwise."""
    return days.day(value)


def parse_published(value: Any, *, window: bool = False) -> dt.date | None:
    """A publication date: a date, or a string naming one day (``days.day``: ISO, an ISO 8601
    timestamp's date, "06 April 2021", "16 September 2022"); null or blank: none.

    With ``window``, a date outside the accepted window (``outside_window``) is a ``ValueError`` too.
    """
    day = _parse_published(value)
    if window and day is not None and (why := outside_window(day)):
        raise ValueError(f'"published": {why}')
    return day


def _parse_published(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    if not isinstance(value, str):
        raise ValueError(f'"published" must be a date string, not {type(value).__name__}')
    if not value.strip():
        return None
    try:
        return days.day(value)
    except ValueError as exc:
        raise ValueError(f'"published": {exc}') from None
