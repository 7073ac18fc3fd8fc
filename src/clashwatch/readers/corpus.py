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
import io
from collections.abc import Iterator

from . import checks as reader
from . import Document, InputFile, Problem, ReadOptions, fit_id, open_input

_CSV_DELIMITERS = ",;\t|"


def record_document(rec: reader.JsonlRecord, origin: str, progress: int) -> Document:
    """A checked JSONL/CSV record as a ``Document`` (its own date is a given one)."""
    return Document(
        origin=origin,
        text=rec.text,
        title=rec.title,
        published=rec.published,
        published_origin="given" if rec.published is not None else None,
        author=rec.author,
        url=rec.url,
        source=rec.source,
        id=None if rec.id is None else fit_id(rec.id),
        language=rec.language,
        warnings=list(rec.warnings),
        progress=progress,
    )


def read_jsonl(f: InputFile, options: ReadOptions) -> Iterator[Document | Problem]:
    try:
        with open_input(f) as (stream, name):
            for rec in reader.iter_jsonl(stream, name, default_published=options.published, columns=options.columns or None):
                if isinstance(rec, reader.JsonlProblem):
                    yield Problem(f"{name}: line {rec.line}", rec.reason, rec.end_offset)
                else:
                    yield record_document(rec, f"{name}: line {rec.line}", rec.end_offset)
    except reader.InputError as exc:
        yield Problem(exc.name, exc.reason, f.size or 0)


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


def read_csv(f: InputFile, options: ReadOptions) -> Iterator[Document | Problem]:
    try:
        with open_input(f) as (stream, name):
            yield from _csv_rows(stream, name, options, f.path)
    except reader.InputError as exc:
        yield Problem(exc.name, exc.reason, f.size or 0)


def _csv_rows(stream, name: str, options: ReadOptions, path: str) -> Iterator[Document | Problem]:
    counting = _Counting(stream)
    buffered = io.BufferedReader(counting, 1 << 16)
    head = buffered.peek(65536)[:65536]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        yield Problem(name, "is UTF-16 text: CSV input must be UTF-8", 0)
        return
    reason = reader.binary_reason(head)
    if reason:
        yield Problem(name, reason, 0)
        return
    text = io.TextIOWrapper(buffered, encoding="utf-8-sig", errors="strict", newline="")
    delimiter = "\t" if path.lower().endswith(".tsv") else _delimiter(head)
    csv.field_size_limit(reader.MAX_LINE_BYTES)
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
            rec = reader.record_from(record, start, 0, options.published)
        except reader.InputError as exc:
            yield Problem(origin, f"text {exc.reason}", counting.count)
            continue
        except ValueError as exc:
            yield Problem(origin, str(exc), counting.count)
            continue
        yield record_document(rec, origin, counting.count)


def _delimiter(head: bytes) -> str:
    first = head.split(b"\n", 1)[0].decode("utf-8", "replace")
    try:
        return csv.Sniffer().sniff(first, delimiters=_CSV_DELIMITERS).delimiter
    except csv.Error:
        return ","
