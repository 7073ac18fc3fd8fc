"""Input readers: every kind of input becomes ``Article``s and ``Problem``s.

    from clashwatch.readers import ReadOptions, expand_inputs, read_input
    for found in read_input(expand_inputs(["saved/", "crawl.warc.gz"])[0], ReadOptions()):
        print(found.origin, found.title if isinstance(found, Article) else found.reason)

One module per kind, each with ``read(path, options) -> Iterator[Article | Problem]``
(articles built by ``article.make_article``); ``checks.py`` decodes and checks text:

========  =================================================================
``text``  a plain text file: one article (``plain.py``)
``html``  a saved web page: main text, title, date, author, canonical URL by
          trafilatura, the whole visible text when it finds none (``html.py``)
``jsonl`` one JSON object a line (``corpus.py``), with a column mapping
``csv``   a table with a header row (``corpus.py``), with a column mapping
``feed``  an RSS or Atom feed: one article per item (``feed.py``)
``warc``  a web archive: one article per HTML response (``warc.py``)
========  =================================================================

``sniff`` tells them apart by content (``--input auto``). A ``Problem`` is an input or
an item that cannot be read, with the reason; the other items of the same input are
still read. A ``Skipped`` is an item deliberately left out (an image in a web archive).
Every reader records where the publication date came from (``published_origin``):
``given`` (the command line or the record itself), ``page`` (the page's metadata),
``feed`` (the feed item), ``file`` (the file's modification time, or a web archive's
capture time): the one rule of ``article.py``.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..article import Article, fit_id
from . import checks as reader
from . import corpus, feed, html, plain, warc
from .base import DEFAULT_MAX_PAGE_BYTES, InputFile, Problem, ReadOptions, Skipped, date_fallback, iso_day, open_input, read_whole

__all__ = [
    "KINDS", "INPUT_KINDS", "FIELDS", "READERS", "DEFAULT_MAX_PAGE_BYTES", "InputFile", "ReadOptions", "Problem", "Skipped",
    "sniff", "sniff_file", "expand_inputs", "read_input", "open_input", "read_whole", "iso_day", "date_fallback",
]

KINDS = ("text", "html", "jsonl", "csv", "feed", "warc")
INPUT_KINDS = ("auto", *KINDS)
FIELDS = ("id", "text", "published", "title", "url", "source", "author")

# A folder yields the files with these suffixes (longest first: ".warc.gz" before ".gz").
SUFFIXES = {
    ".warc.gz": "warc", ".warc": "warc", ".txt": "text", ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "csv",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}


READERS = {"text": plain.read, "html": html.read, "jsonl": corpus.read_jsonl, "csv": corpus.read_csv,
           "feed": feed.read, "warc": warc.read}

# --------------------------------------------------------------------------- telling kinds apart


def sniff(head: bytes, name: str = "") -> str:
    """The kind of an input from its first bytes (64 kB is plenty), its name as a last hint."""
    if head.startswith(b"\x1f\x8b"):
        try:
            inner = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            inner = b""
        return "warc" if inner.startswith(b"WARC/") else "text"  # the text reader names the binary
    if head.startswith(b"WARC/"):
        return "warc"
    start = _text_start(head)
    if _is_feed(start):
        return "feed"
    if start.startswith(b"<") and reader.looks_like_html(start[:65536].decode("utf-8", errors="replace")):
        return "html"
    if start.startswith(b"{"):
        return "jsonl"
    if not start:  # an empty file: its name is all there is to go by
        return _suffix_kind(name) or "text"
    suffix = _suffix_kind(name)
    if suffix in ("csv", "jsonl", "html", "feed"):
        return suffix
    return "text"


def _is_feed(start: bytes) -> bool:
    lower = start[:4096].lower()
    return lower.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf:rdf", b"<!--")) and (
        b"<rss" in lower or b"<feed" in lower or b"<rdf:rdf" in lower
    )


def _text_start(head: bytes) -> bytes:
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return head.lstrip()


def _suffix_kind(name: str) -> str | None:
    lower = name.lower()
    for suffix, kind in SUFFIXES.items():
        if lower.endswith(suffix):
            return kind
    return None


def sniff_file(path: str) -> str:
    with open(path, "rb") as f:
        return sniff(f.read(65536), path)


# --------------------------------------------------------------------------- the inputs of a command line


def expand_inputs(paths: Iterable[str], input_kind: str = "auto", on_note: Callable[[str], None] | None = None) -> list[InputFile]:
    """The files to read for the command line's PATH arguments.

    A folder is walked recursively in sorted order and yields the files whose suffix
    names a kind (``SUFFIXES``; with a fixed ``input_kind``, only that kind's); other
    files are skipped with a note, hidden files and folders silently. A file named on
    the command line is read as ``input_kind``, or with ``auto`` as what its content
    looks like (``sniff``). Standard input (``-``) is text unless ``input_kind`` says.
    """
    if input_kind not in INPUT_KINDS:
        raise ValueError(f"unknown input kind {input_kind!r}: choose one of {', '.join(INPUT_KINDS)}")
    note = on_note or (lambda message: None)
    out: list[InputFile] = []
    for path in map(str, paths):
        if path == reader.STDIN:
            out.append(InputFile(path, "text" if input_kind == "auto" else input_kind))
        elif os.path.isdir(path):
            found = list(_walk(path, input_kind, note))
            if not found:
                note(f"{path}: no {_wanted(input_kind)} files in this folder")
            out.extend(found)
        else:
            kind = input_kind
            if kind == "auto":
                try:
                    kind = sniff_file(path)
                except OSError:
                    kind = "text"  # the text reader reports why it cannot be read
            out.append(InputFile(path, kind))
    return out


def _wanted(input_kind: str) -> str:
    suffixes = [s for s, k in SUFFIXES.items() if input_kind in ("auto", k)]
    return ", ".join(suffixes[:-1]) + " or " + suffixes[-1] if len(suffixes) > 1 else suffixes[0]


def _walk(folder: str, input_kind: str, note: Callable[[str], None]) -> Iterator[InputFile]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = os.path.join(root, name)
            kind = _suffix_kind(name)
            if kind is None or (input_kind != "auto" and kind != input_kind):
                note(f"{path}: skipped (not a {_wanted(input_kind)} file)")
                continue
            if kind == "feed" and name.lower().endswith(".xml") and input_kind == "auto":
                try:
                    with open(path, "rb") as f:
                        is_feed = _is_feed(_text_start(f.read(65536)))
                except OSError:
                    is_feed = True  # the feed reader says why it cannot be read
                if not is_feed:
                    note(f"{path}: skipped (an XML file that is not an RSS or Atom feed)")
                    continue
            article_id = None
            if kind in ("text", "html"):
                # the path inside the folder, without suffix, parts joined by ":" (the store
                # reads "/" in an article id as the end of the id: claim ids are "<article>/<claim>")
                article_id = fit_id(":".join(Path(os.path.relpath(path, folder)).with_suffix("").parts))
            yield InputFile(path, kind, article_id)


# --------------------------------------------------------------------------- reading


def read_input(f: InputFile, options: ReadOptions = ReadOptions(), progress_base: int = 0) -> Iterator[Article | Problem | Skipped]:
    """The articles (and problems) of one input; ``progress`` counts from ``progress_base``."""
    for found in READERS[f.kind](f, options):
        found.progress += progress_base
        yield found


