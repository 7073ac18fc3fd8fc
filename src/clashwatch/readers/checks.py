"""Reading and checking input: the one place that decodes bytes and validates records.

Everything the command line (and later the ingest command and the HTTP API) accepts
as an article goes through here before it reaches the pipeline:

* ``read_article(path)`` reads one text file (or standard input with ``"-"``): it
  decodes UTF-8 (with or without a BOM) or UTF-16/UTF-32 with a BOM, refuses binary
  files and invalid UTF-8 with an ``InputError`` whose message names the file, reads at
  most what the pipeline will analyse (a 50 MB file costs about 1 MB of memory), and
  returns an ``ArticleInput`` whose ``warnings`` say what was done to the text;
* ``check_text(text)`` is the content check shared by files and JSONL records: empty
  text, HTML soup (tags stripped with the standard library's ``html.parser``), text that
  is not English (``language.py``: such an article is stored but not analysed);
* ``iter_jsonl(stream, name)`` reads JSONL lazily, one line at a time, and yields a
  ``JsonlRecord`` for every usable line and a ``JsonlProblem`` (``line N: reason``) for
  every line it has to skip.

This module never imports spaCy; ``MAX_CHARS`` mirrors ``pipeline.MAX_CHARS`` lazily.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import os
import re
import stat
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any, NamedTuple

STDIN = "-"
STDIN_NAME = "<stdin>"

# How much of a text input is read. The pipeline analyses at most MAX_CHARS characters
# (pipeline.py); UTF-8 needs at most 4 bytes a character, so this many bytes always
# hold MAX_CHARS characters. Anything beyond is counted, never held in memory.
_BYTES_PER_CHAR = 4
# Longest JSONL line accepted (a whole article with its metadata on one line).
MAX_LINE_BYTES = 64 * 1024 * 1024
# How much of the start of an input is inspected for binary content.
_SNIFF_BYTES = 64 * 1024

EMPTY_WARNING = "empty article"
NOT_ENGLISH_WARNING = "text does not look like English"


def max_chars() -> int:
    """The pipeline's analysis limit (imported lazily: the pipeline module loads spaCy)."""
    from ..pipeline import MAX_CHARS

    return MAX_CHARS


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


def not_english_warning(found: Any) -> str:
    return f"{NOT_ENGLISH_WARNING} (langid: {found}): not analysed, clashwatch reads English only"


def check_text(text: str, name: str = "input") -> CheckedText:
    """The text to analyse, the warnings about it (empty, HTML, not English) and its
    language when that is not English.

    Raises ``InputError`` for binary content that survived decoding (NUL characters).
    """
    from ..language import not_english

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


# --------------------------------------------------------------------------- text files


@dataclass
class TextInput:
    """One article read from a text file (or standard input), ready for the pipeline."""

    name: str  # as given on the command line, for messages
    text: str
    warnings: list[str] = field(default_factory=list)
    stem: str | None = None  # the file's stem: the default article id
    language: str | None = None  # "en", or the language it confidently is instead


def read_article(path: str | os.PathLike, *, stdin: IO[bytes] | None = None, limit_chars: int | None = None) -> TextInput:
    """Read one text article from ``path`` (``"-"``: standard input) or raise ``InputError``.

    Reads at most what the pipeline analyses (``limit_chars``, default ``MAX_CHARS``
    characters); the rest of a longer input is counted in constant memory and a warning
    says how much was left out.
    """
    limit_chars = limit_chars or max_chars()
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
    return TextInput(name=name, text=text, warnings=warnings, stem=stem, language=language)


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


# --------------------------------------------------------------------------- dates


_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(value: str) -> dt.date:
    """A ``YYYY-MM-DD`` date; raises ``ValueError`` with a readable message."""
    value = value.strip()
    if not _DATE_RE.fullmatch(value):
        raise ValueError(f"{value!r} is not a date in YYYY-MM-DD form")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a valid date ({exc})") from None


def parse_published(value: Any) -> dt.date | None:
    """A record's ``published``: ``YYYY-MM-DD`` or an ISO 8601 timestamp (its date part); null: none."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f'"published" must be a YYYY-MM-DD string, not {type(value).__name__}')
    if not value.strip():
        return None
    if len(value.strip()) > 10 and _DATE_RE.match(value.strip()):
        try:
            return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
        except ValueError:
            raise ValueError(f'"published" is not a date in YYYY-MM-DD form: {value!r}') from None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise ValueError(f'"published": {exc}') from None


# --------------------------------------------------------------------------- JSONL


@dataclass
class JsonlRecord:
    """One usable JSONL line."""

    line: int
    end_offset: int  # bytes read from the stream once this line was read (for progress)
    id: str | None
    text: str
    published: dt.date | None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    warnings: list[str] = field(default_factory=list)
    language: str | None = None  # "en", or the language it confidently is instead
    author: str | None = None
    published_given: bool = False  # the record had its own date (not the default)


@dataclass
class JsonlProblem:
    """A JSONL line that was skipped, and why."""

    line: int
    end_offset: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


_OPTIONAL_STRINGS = ("title", "url", "source", "author")


def parse_record(
    line: str,
    lineno: int,
    end_offset: int = 0,
    default_published: dt.date | None = None,
    columns: Mapping[str, str] | None = None,
) -> JsonlRecord:
    """One JSONL line as a record; raises ``ValueError`` with the reason to report.

    ``columns`` maps clashwatch's field names (id, text, published, title, url, source,
    author) to the record's own keys, for corpora that name them otherwise.
    """
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise ValueError("not valid JSON (nested too deeply)") from None
    if not isinstance(obj, dict):
        raise ValueError(f"not a JSON object (found {_json_type(obj)})")
    if columns:
        obj = {**obj, **{name: obj.get(key) for name, key in columns.items()}}
    return record_from(obj, lineno, end_offset, default_published)


def record_from(obj: dict[str, Any], lineno: int, end_offset: int = 0, default_published: dt.date | None = None) -> JsonlRecord:
    """A record from its fields (a parsed JSONL line, a CSV row); ``ValueError`` says what is wrong."""
    if "text" not in obj or obj["text"] is None:
        raise ValueError('no "text" field')
    if not isinstance(obj["text"], str):
        raise ValueError(f'"text" must be a string, not {_json_type(obj["text"])}')
    published = parse_published(obj.get("published"))
    published_given = published is not None
    if published is None:
        published = default_published
    rid = obj.get("id")
    if rid is not None and not isinstance(rid, (str, int)) or isinstance(rid, bool):
        raise ValueError(f'"id" must be a string or an integer, not {_json_type(rid)}')
    extra: dict[str, str | None] = {}
    for key in _OPTIONAL_STRINGS:
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            raise ValueError(f'"{key}" must be a string, not {_json_type(value)}')
        extra[key] = value
    text, warnings, language = check_text(obj["text"], f"line {lineno}")
    return JsonlRecord(
        line=lineno,
        end_offset=end_offset,
        id=None if rid is None else str(rid),
        text=text,
        published=published,
        warnings=warnings,
        language=language,
        published_given=published_given,
        **extra,
    )


def _json_type(value: Any) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )


def iter_jsonl(
    stream: IO[bytes],
    name: str,
    *,
    default_published: dt.date | None = None,
    max_line_bytes: int = MAX_LINE_BYTES,
    columns: Mapping[str, str] | None = None,
) -> Iterator[JsonlRecord | JsonlProblem]:
    """Records and problems, one per non-blank line, read lazily (constant memory).

    Lines are UTF-8 (a BOM on the first line is allowed). A line that is not JSON, not an
    object, has no string ``text``, a malformed ``published``, an id/title/url/source of
    the wrong type, invalid UTF-8 or more than ``max_line_bytes`` bytes is a problem.
    Raises ``InputError`` when the stream is not JSONL at all (binary, UTF-16).
    """
    offset = 0
    lineno = 0
    while True:
        try:
            raw = stream.readline(max_line_bytes + 1)
        except OSError as exc:
            raise InputError(name, f"cannot read ({exc.strerror or exc})") from None
        if not raw:
            return
        offset += len(raw)
        lineno += 1
        if lineno == 1:
            for bom, _, label in _BOMS:
                if raw.startswith(bom) and label != "UTF-8":
                    raise InputError(name, f"is {label} text: JSONL input must be UTF-8")
            reason = binary_reason(raw[:_SNIFF_BYTES].rstrip(b"\r\n"))
            if reason and not raw.lstrip().startswith(b"{"):
                raise InputError(name, reason)
            if raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
        if len(raw) > max_line_bytes and not raw.endswith(b"\n"):
            # an overlong line: skip to its end without holding it
            while raw and not raw.endswith(b"\n"):
                try:
                    raw = stream.readline(1 << 20)
                except OSError as exc:
                    raise InputError(name, f"cannot read ({exc.strerror or exc})") from None
                offset += len(raw)
            yield JsonlProblem(lineno, offset, f"longer than {human_size(max_line_bytes)}: skipped")
            continue
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield JsonlProblem(lineno, offset, f"not valid UTF-8 ({_describe(exc)})")
            continue
        try:
            yield parse_record(line, lineno, offset, default_published, columns)
        except InputError as exc:
            yield JsonlProblem(lineno, offset, f'"text" {exc.reason}')
        except ValueError as exc:
            yield JsonlProblem(lineno, offset, str(exc))


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
