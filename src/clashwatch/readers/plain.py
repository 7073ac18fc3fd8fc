"""Plain text files (and standard input): one article each."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..article import MAX_CHARS, Article, article_id, fit_id, make_article
from .base import InputFile, Problem, ReadOptions, date_fallback
from .checks import STDIN, STDIN_NAME, InputError, check_text, cut_text, decode, human_size, input_size

# UTF-8 needs at most 4 bytes a character, so this many bytes a character always hold
# the characters analysed; anything beyond is counted, never held in memory.
_BYTES_PER_CHAR = 4


def read(f: InputFile, options: ReadOptions) -> Iterator[Article | Problem]:
    size = f.size or 0
    try:
        article = read_article(f.path)
    except InputError as exc:
        yield Problem(exc.name, exc.reason, size)
        return
    if f.path == STDIN:
        article.id = article_id(article.text)
    elif f.article_id:
        article.id = f.article_id
    article.progress = size
    date_fallback(article, options, f.path)
    yield article


def read_article(path: str | os.PathLike, *, stdin: IO[bytes] | None = None, limit_chars: int | None = None) -> Article:
    """One text article from ``path`` (``"-"``: standard input), or ``InputError``.

    Decodes UTF-8 (with or without a BOM) or UTF-16/UTF-32 with a BOM and refuses binary
    files and invalid UTF-8. Reads at most what the pipeline analyses (``limit_chars``,
    default ``MAX_CHARS`` characters: a 50 MB file costs about 1 MB of memory); the rest
    of a longer input is counted in constant memory and a warning says how much was left
    out. The article's id is the file's stem; ``origin`` is the name as given.
    """
    limit_chars = limit_chars or MAX_CHARS
    limit_bytes = limit_chars * _BYTES_PER_CHAR + _BYTES_PER_CHAR
    if str(path) == STDIN:
        name, stem = STDIN_NAME, None
        stream = stdin if stdin is not None else sys.stdin.buffer
        data, total = _read_prefix(stream, limit_bytes, name)
    else:
        name, stem = str(path), Path(path).stem
        try:
            with open(path, "rb") as stream:
                data, total = _read_prefix(stream, limit_bytes, name)
        except InputError:
            raise
        except IsADirectoryError:
            raise InputError(name, "is a directory") from None
        except OSError as exc:
            raise InputError(name, f"cannot read ({exc.strerror or exc})") from None
    complete = total == len(data)
    text = decode(data, name, complete=complete)
    del data
    text, warnings, language = check_text(text, name)
    if not complete:
        text = cut_text(text, limit_chars)
        warnings.append(
            f"input is {human_size(total)} long: only the first {len(text):,} characters of text were analysed"
        )
    return make_article(text, id=fit_id(stem or article_id(text)), language=language, warnings=warnings, origin=name)


def _read_prefix(stream: IO[bytes], limit: int, name: str) -> tuple[bytes, int]:
    """The first ``limit`` bytes of ``stream`` and its total size (the rest is only counted)."""
    try:
        data = stream.read(limit)
        size = input_size(stream)
        if size is not None and len(data) < limit:
            total = len(data)  # all of it (the file may have changed since fstat)
        elif size is not None:
            total = max(size, len(data) + 1) if stream.read(1) else len(data)
        else:  # a pipe: count the rest without holding it
            total = len(data)
            while chunk := stream.read(1 << 20):
                total += len(chunk)
    except OSError as exc:
        raise InputError(name, f"cannot read ({exc.strerror or exc})") from None
    return data, total
