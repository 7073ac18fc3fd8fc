"""Decoding and checking input: the one place that turns bytes into text an article can hold.

* ``decode(data, name)`` decodes UTF-8 (with or without a BOM) or UTF-16/UTF-32 with a
  BOM, and refuses binary data and invalid UTF-8 with an ``InputError`` whose message
  names the input;
* ``check_text(text)`` is the content check shared by every reader: empty text, HTML
  soup (tags stripped with the standard library's ``html.parser``), text that is not
  English (``language.py``: such an article is stored but not analysed);
* ``open_binary``, ``input_size``, ``cut_text`` and ``human_size`` are the small tools
  the readers share.

This module never imports spaCy.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys
from html.parser import HTMLParser
from typing import IO, NamedTuple

from ..language import not_english, not_english_warning

STDIN = "-"
STDIN_NAME = "<stdin>"

# Longest JSONL line accepted (a whole article with its metadata on one line).
MAX_LINE_BYTES = 64 * 1024 * 1024
# How much of the start of an input is inspected for binary content.
_SNIFF_BYTES = 64 * 1024

EMPTY_WARNING = "empty article"


class InputError(Exception):
    """An input that cannot be read as an article; ``str()`` is ``'NAME: reason'``."""

    def __init__(self, name: str, reason: str):
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


# --------------------------------------------------------------------------- decoding

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)

# Signatures of common binary formats, for a more helpful message.
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx/.odt)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"(\xb5/\xfd", "zstd-compressed data"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an MS Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

# C0 control characters other than \t \n \v \f \r, plus DEL, plus \x1b (ESC, kept:
# some terminals' logs contain it, but it counts as control).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13)) + b"\x7f"
_CONTROL_CHARS = {chr(b) for b in _CONTROL_BYTES}
_MAX_CONTROL_SHARE = 0.05


def binary_reason(sample: bytes) -> str | None:
    """Why ``sample`` (the start of a file without a BOM) looks binary, or None."""
    for magic, what in _MAGIC:
        if sample.startswith(magic):
            return f"looks like a binary file ({what})"
    if b"\x00" in sample:
        even, odd = sample[0::2], sample[1::2]
        if len(sample) >= 8 and (odd.count(0) > 0.9 * len(odd) or even.count(0) > 0.9 * len(even)):
            return "looks like UTF-16 text without a byte-order mark: convert it to UTF-8"
        return "looks like a binary file (it contains NUL bytes)"
    if sample:
        control = sum(sample.count(bytes([b])) for b in _CONTROL_BYTES)
        if control / len(sample) > _MAX_CONTROL_SHARE:
            return "looks like a binary file (many control characters)"
    return None


def _text_binary_reason(text: str) -> str | None:
    """The same check on decoded text (UTF-16/32 input, JSONL strings)."""
    sample = text[:_SNIFF_BYTES]
    if "\x00" in sample:
        return "looks like a binary file (it contains NUL characters)"
    if sample:
        control = sum(1 for c in sample if c in _CONTROL_CHARS)
        if control / len(sample) > _MAX_CONTROL_SHARE:
            return "looks like a binary file (many control characters)"
    return None


def decode(data: bytes, name: str, *, complete: bool = True) -> str:
    """Decode the bytes of a text input, or raise ``InputError``.

    ``complete=False`` says ``data`` is only the start of the input: a character cut in
    half at the end is dropped rather than reported as an error.
    """
    for bom, encoding, label in _BOMS:
        if data.startswith(bom):
            try:
                text = _decode(data[len(bom):], encoding, complete)
            except UnicodeDecodeError as exc:
                raise InputError(name, f"not valid {label} text ({_describe(exc)})") from None
            reason = _text_binary_reason(text)
            if reason:
                raise InputError(name, reason)
            return text
    reason = binary_reason(data[:_SNIFF_BYTES])
    if reason:
        raise InputError(name, reason)
    try:
        return _decode(data, "utf-8", complete)
    except UnicodeDecodeError as exc:
        raise InputError(
            name,
            f"not valid UTF-8 text ({_describe(exc)}); if it is Latin-1 or Windows-1252, "
            "convert it first, e.g. `iconv -f windows-1252 -t utf-8`",
        ) from None


def _decode(data: bytes, encoding: str, complete: bool) -> str:
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    return decoder.decode(data, final=complete)


def _describe(exc: UnicodeDecodeError) -> str:
    bad = exc.object[exc.start : exc.start + 1]
    return f"byte 0x{bad.hex()} at offset {exc.start:,}: {exc.reason}"


# --------------------------------------------------------------------------- content checks

_HTML_START = ("<!doctype", "<html", "<head", "<body", "<?xml")
_TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>|<!--.*?-->", re.S)
_HTML_ELEMENTS = frozenset(
    "a abbr article aside b blockquote body br caption cite code dd div dl dt em figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 head header hr html i iframe img input label li link main meta nav "
    "noscript ol p pre script section small span strong style sub sup table tbody td template th "
    "thead time title tr u ul".split()
)


def looks_like_html(text: str) -> bool:
    """True for HTML passed as text: a document, or a fragment made mostly of markup."""
    head = text[:2048].lstrip().lower()
    if head.startswith(_HTML_START[:4]) or (head.startswith("<?xml") and "<html" in head):
        return True
    sample = text[:200_000]
    tags = [m for m in _TAG_RE.finditer(sample) if m.group(2) is None or m.group(2).lower() in _HTML_ELEMENTS]
    if len(tags) < 3:
        return False
    markup = sum(m.end() - m.start() for m in tags)
    if markup / max(1, len(sample.strip())) >= 0.3:
        return True
    # a fragment such as "<p>...</p><p>...</p>": starts with a tag, has closing tags
    closing = sum(1 for m in tags if m.group(1))
    return head.startswith("<") and closing >= 2


class _TextExtractor(HTMLParser):
    """Visible text of an HTML page, block elements on their own lines.

    Drops scripts, styles, navigation, headers/footers and forms; when the page has an
    ``<article>`` (or ``<main>``) with enough text, keeps only that.
    """

    SKIP = frozenset("script style noscript template svg iframe nav header footer aside form button select option head".split())
    BLOCK = frozenset(
        "p div br li ul ol h1 h2 h3 h4 h5 h6 article section main blockquote tr table pre hr "
        "figure figcaption dd dt dl title".split()
    )
    VOID = frozenset("br hr img input meta link area base col embed source track wbr".split())

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip_depth = 0
        self.main_depth = 0
        self.all_parts: list[str] = []
        self.main_parts: list[str] = []
        self.title: list[str] = []
        self.h1: list[str] = []
        self._in_title = False
        self._in_h1 = False

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            if tag in self.BLOCK:
                self._newline()
            return
        if tag == "title":
            self._in_title = True
        if tag in self.SKIP:
            self.skip_depth += 1
            return
        if tag in ("article", "main"):
            self.main_depth += 1
        if tag == "h1":
            self._in_h1 = True
        if tag in self.BLOCK:
            self._newline()

    def handle_startendtag(self, tag, attrs):
        if tag in self.BLOCK:
            self._newline()

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag in self.SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if tag == "h1":
            self._in_h1 = False
        if tag in self.BLOCK:
            self._newline()
        if tag in ("article", "main"):
            self.main_depth = max(0, self.main_depth - 1)

    def handle_data(self, data):
        if self._in_title:
            self.title.append(data)
        if self.skip_depth:
            return
        if self._in_h1:
            self.h1.append(data)
        self.all_parts.append(data)
        if self.main_depth:
            self.main_parts.append(data)

    def _newline(self):
        if self.skip_depth:
            return
        self.all_parts.append("\n")
        if self.main_depth:
            self.main_parts.append("\n")

    def text(self) -> str:
        everything = _tidy("".join(self.all_parts))
        main = _tidy("".join(self.main_parts))
        body = main if len(main) >= 200 or (main and len(main) >= 0.25 * len(everything)) else everything
        heading = " ".join("".join(self.h1).split()) or " ".join("".join(self.title).split())
        if heading and not body.startswith(heading):
            body = f"{heading}\n\n{body}" if body else heading
        return body


def _tidy(text: str) -> str:
    """Collapse whitespace inside lines; keep paragraphs apart by one blank line."""
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n\n".join(line for line in lines if line)


def html_to_text(html: str) -> str:
    """The visible text of an HTML document or fragment (standard library only)."""
    parser = _TextExtractor()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # html.parser is lenient; never let a page crash a run
        return _tidy(re.sub(r"<[^>]*>", " ", html))
    return parser.text()


class CheckedText(NamedTuple):
    text: str
    warnings: list[str]
    language: str | None = None  # ISO 639-1: "en", or the language it confidently is instead


def check_text(text: str, name: str = "input") -> CheckedText:
    """The text to analyse, the warnings about it (empty, HTML, not English) and its
    language when that is not English.

    Raises ``InputError`` for binary content that survived decoding (NUL characters).
    """
    warnings: list[str] = []
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        return CheckedText(text, [EMPTY_WARNING])
    reason = _text_binary_reason(text)
    if reason:
        raise InputError(name, reason)
    if looks_like_html(text):
        stripped = html_to_text(text)
        warnings.append(
            f"input looks like HTML: tags were stripped with a simple extractor "
            f"({len(text):,} characters of markup, {len(stripped):,} of text kept)"
        )
        text = stripped
        if not text.strip():
            return CheckedText(text, warnings + [EMPTY_WARNING])
    found = not_english(text)
    if found is not None:
        warnings.append(not_english_warning(found))
        return CheckedText(text, warnings, found.code)
    return CheckedText(text, warnings, "en")


# --------------------------------------------------------------------------- sizes


def cut_text(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, at a line break when one is near (as text.py does)."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit)
    return text[: cut if cut > limit // 2 else limit]


def human_size(n: int) -> str:
    size = float(n)
    for unit in ("bytes", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{n:,} bytes" if unit == "bytes" else f"{size:,.1f} {unit}"
        size /= 1000
    return f"{n:,} bytes"  # pragma: no cover



def open_binary(path: str | os.PathLike, stdin: IO[bytes] | None = None) -> tuple[IO[bytes], str, bool]:
    """``(stream, name, should_close)`` for a path or ``"-"``; raises ``InputError``."""
    if str(path) == STDIN:
        return (stdin if stdin is not None else sys.stdin.buffer), STDIN_NAME, False
    try:
        return open(path, "rb"), str(path), True
    except IsADirectoryError:
        raise InputError(str(path), "is a directory") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror or exc})") from None


def input_size(stream: IO[bytes]) -> int | None:
    """Size in bytes of a regular file behind ``stream``, else None (pipes, terminals)."""
    try:
        st = os.fstat(stream.fileno())
    except (OSError, ValueError, AttributeError):  # io.UnsupportedOperation is both
        return None
    return st.st_size if stat.S_ISREG(st.st_mode) else None
