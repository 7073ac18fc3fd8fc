"""Corpora of many articles: JSONL (one object a line) and CSV/TSV (a header row).

Both take a column mapping (``ReadOptions.columns``: clashwatch field -> the corpus's
own name, e.g. ``{"text": "body", "published": "date"}``); unmapped fields are looked
up under their own names (id, text, published, title, url, source, author). A row
without text, with a malformed date or with binary content is a ``Problem`` and the
others are read on.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
from collections.abc import Iterator, Mapping
from typing import IO, Any

from ..article import Article, make_article, parse_published
from .base import InputFile, Problem, ReadOptions, open_input
from .checks import _BOMS, _SNIFF_BYTES, MAX_LINE_BYTES, InputError, _describe, binary_reason, check_text, human_size

_CSV_DELIMITERS = ",;\t|"
_OPTIONAL_STRINGS = ("title", "url", "outlet", "source", "author")
OUTLET_KEYS = ("outlet", "source")  # who published it: "outlet" in clashwatch's vocabulary, "source" in many corpora


def read_jsonl(f: InputFile, options: ReadOptions) -> Iterator[Article | Problem]:
    try:
        with open_input(f) as (stream, name):
            yield from iter_jsonl(stream, name, default_published=options.published, columns=options.columns or None)
    except InputError as exc:
        yield Problem(exc.name, exc.reason, f.size or 0)


def iter_jsonl(
    stream: IO[bytes],
    name: str,
    *,
    default_published: dt.date | None = None,
    max_line_bytes: int | None = None,
    columns: Mapping[str, str] | None = None,
) -> Iterator[Article | Problem]:
    """An article or a problem for each non-blank line, read lazily (constant memory).

    Lines are UTF-8 (a BOM on the first line is allowed). A line that is not JSON, not an
    object, has no string ``text``, a malformed ``published``, an id/title/url/source of
    the wrong type, invalid UTF-8 or more than ``max_line_bytes`` bytes is a ``Problem``
    whose origin is ``NAME: line N``. Raises ``InputError`` when the stream is not JSONL
    at all (binary, UTF-16).
    """
    max_line_bytes = max_line_bytes or MAX_LINE_BYTES
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
        origin = f"{name}: line {lineno}"
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
            yield Problem(origin, f"longer than {human_size(max_line_bytes)}: skipped", offset)
            continue
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield Problem(origin, f"not valid UTF-8 ({_describe(exc)})", offset)
            continue
        try:
            yield parse_record(line, origin, offset, default_published, columns)
        except InputError as exc:
            yield Problem(origin, f'"text" {exc.reason}', offset)
        except ValueError as exc:
            yield Problem(origin, str(exc), offset)


def parse_record(
    line: str,
    origin: str,
    progress: int = 0,
    default_published: dt.date | None = None,
    columns: Mapping[str, str] | None = None,
) -> Article:
    """One JSONL line as an article; ``ValueError`` (or ``InputError`` for binary text) says what is wrong.

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
    return record_article(obj, origin, progress, default_published)


def record_article(obj: dict[str, Any], origin: str, progress: int = 0, default_published: dt.date | None = None) -> Article:
    """An article from a record's fields (a parsed JSONL line, a CSV row); ``ValueError`` says what is wrong.

    The record's own ``published`` wins over ``default_published`` (``--published``).
    """
    if "text" not in obj or obj["text"] is None:
        raise ValueError('no "text" field')
    if not isinstance(obj["text"], str):
        raise ValueError(f'"text" must be a string, not {_json_type(obj["text"])}')
    published = parse_published(obj.get("published"))
    rid = obj.get("id")
    if rid is not None and not isinstance(rid, (str, int)) or isinstance(rid, bool):
        raise ValueError(f'"id" must be a string or an integer, not {_json_type(rid)}')
    extra: dict[str, str | None] = {}
    for key in _OPTIONAL_STRINGS:
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            raise ValueError(f'"{key}" must be a string, not {_json_type(value)}')
        if key in OUTLET_KEYS:
            extra["outlet"] = extra.get("outlet") or value
        else:
            extra[key] = value
    text, warnings, language = check_text(obj["text"], origin)
    return make_article(
        text, id=rid, published=published or default_published, language=language, warnings=warnings,
        origin=origin, progress=progress, **extra,
    )


def _json_type(value: Any) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )


class _Counting(io.RawIOBase):
    """A byte stream that counts what has been read (for the progress bar)."""

    def __init__(self, raw):
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.raw.read(len(buffer))
        buffer[: len(data)] = data
        self.count += len(data)
        return len(data)


def read_csv(f: InputFile, options: ReadOptions) -> Iterator[Article | Problem]:
    try:
        with open_input(f) as (stream, name):
            yield from _csv_rows(stream, name, options, f.path)
    except InputError as exc:
        yield Problem(exc.name, exc.reason, f.size or 0)


def _csv_rows(stream, name: str, options: ReadOptions, path: str) -> Iterator[Article | Problem]:
    counting = _Counting(stream)
    buffered = io.BufferedReader(counting, 1 << 16)
    head = buffered.peek(65536)[:65536]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        yield Problem(name, "is UTF-16 text: CSV input must be UTF-8", 0)
        return
    reason = binary_reason(head)
    if reason:
        yield Problem(name, reason, 0)
        return
    text = io.TextIOWrapper(buffered, encoding="utf-8-sig", errors="strict", newline="")
    delimiter = "\t" if path.lower().endswith(".tsv") else _delimiter(head)
    csv.field_size_limit(MAX_LINE_BYTES)
    rows = csv.reader(text, delimiter=delimiter)
    try:
        header = next(rows, None)
    except (UnicodeDecodeError, csv.Error) as exc:
        yield Problem(name, f"cannot read the header row ({exc})", 0)
        return
    if not header:
        yield Problem(name, "empty CSV file (no header row)", 0)
        return
    mapping = {field: options.columns.get(field, field) for field in ("id", "text", "published", "title", "url", "source", "author")}
    index = {h.strip(): i for i, h in enumerate(header)}
    if mapping["text"] not in index:
        yield Problem(name, f"no column {mapping['text']!r} for the text (its columns: {', '.join(index) or 'none'}; "
                            "map one with --column text=NAME)", 0)
        return
    line = 1  # the line the previous record ended on: a record may span lines (quoted newlines)
    while True:
        start = line + 1
        try:
            row = next(rows)
        except StopIteration:
            return
        except UnicodeDecodeError as exc:
            yield Problem(f"{name}: line {start}", f"not valid UTF-8 ({exc.reason}): the rest of the file is skipped", counting.count)
            return
        except csv.Error as exc:
            line = rows.line_num
            yield Problem(f"{name}: line {start}", f"not valid CSV ({exc})", counting.count)
            continue
        line = rows.line_num
        if not any(cell.strip() for cell in row):
            continue
        origin = f"{name}: line {start}"
        record = {field: row[index[column]] if column in index and index[column] < len(row) else None
                  for field, column in mapping.items()}
        record = {k: (v if v else None) for k, v in record.items()}
        if record["text"] is None or not record["text"].strip():
            yield Problem(origin, f"no text in column {mapping['text']!r}", counting.count)
            continue
        try:
            yield record_article(record, origin, counting.count, options.published)
        except InputError as exc:
            yield Problem(origin, f"text {exc.reason}", counting.count)
        except ValueError as exc:
            yield Problem(origin, str(exc), counting.count)


def _delimiter(head: bytes) -> str:
    first = head.split(b"\n", 1)[0].decode("utf-8", "replace")
    try:
        return csv.Sniffer().sniff(first, delimiters=_CSV_DELIMITERS).delimiter
    except csv.Error:
        return ","
