"""What every reader shares: the input to read, the options, what a reader yields besides
articles (``Problem``, ``Skipped``), and the small helpers for opening and dating inputs."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO

from ..article import Article
from . import checks as reader

DEFAULT_MAX_PAGE_BYTES = 10_000_000  # --max-page-mb 10 (decimal megabytes, as sizes are printed)


@dataclass
class _Note:
    origin: str
    reason: str
    progress: int = 0

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


class Problem(_Note):
    """An input, or an item of one, that cannot be read."""


class Skipped(_Note):
    """An item that is deliberately not read (a web archive's image, an error page)."""


@dataclass(frozen=True)
class ReadOptions:
    published: dt.date | None = None  # the given publication date (--published)
    columns: Mapping[str, str] = field(default_factory=dict)  # field -> column (JSONL, CSV)
    max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES  # larger pages and feed files are skipped


@dataclass(frozen=True)
class InputFile:
    """One input to read: a file of a known kind, or standard input."""

    path: str  # "-" for standard input
    kind: str  # one of KINDS
    article_id: str | None = None  # for files found in a folder: the relative path without suffix, ":"-joined

    @property
    def size(self) -> int | None:
        if self.path == reader.STDIN:
            return None
        try:
            return os.path.getsize(self.path)
        except OSError:
            return None


@contextmanager
def open_input(f: InputFile) -> Iterator[tuple[IO[bytes], str]]:
    """``(stream, name)`` of an input (standard input for "-"); ``reader.InputError`` when it cannot be opened."""
    stream, name, close = reader.open_binary(f.path)
    try:
        yield stream, name
    finally:
        if close:
            stream.close()


def read_whole(f: InputFile, limit: int, what: str) -> tuple[bytes, str] | Problem:
    """All of a small input (a page, a feed), or a ``Problem`` when it cannot be read or is over ``limit`` bytes."""
    size = f.size
    name = reader.STDIN_NAME if f.path == reader.STDIN else f.path
    if size is not None and size > limit:
        return Problem(name, f"{what} is {reader.human_size(size)}, over the {reader.human_size(limit)} limit "
                             "(--max-page-mb): skipped", size)
    try:
        with open_input(f) as (stream, name):
            data = stream.read(limit + 1)
    except reader.InputError as exc:
        return Problem(exc.name, exc.reason, size or 0)
    except OSError as exc:
        return Problem(name, f"cannot read ({exc.strerror or exc})", size or 0)
    if len(data) > limit:
        return Problem(name, f"{what} is over the {reader.human_size(limit)} limit (--max-page-mb): skipped", size or len(data))
    return data, name


def iso_day(value: str | None) -> dt.date | None:
    """The day of an ISO 8601 date or timestamp ("2024-03-02T08:30:00Z"), or None."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def date_fallback(article: Article, options: ReadOptions, path: str | None) -> None:
    """The date rule of ``article.py``: given, the page's own (already on ``article``), the file's."""
    if options.published is not None:
        article.published, article.published_origin = options.published, "given"
        return
    article.file_date(path)
