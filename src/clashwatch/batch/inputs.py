"""Input corpora cut into parts: JSONL (one article object a line) or Parquet (a text column).

A part is a range of lines (JSONL) or rows (Parquet) of one file, numbered in input
order; the plan depends only on the file and ``part_size``, so a re-run (or a Spark
executor) finds the same parts.
"""

from __future__ import annotations

import codecs
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..article import parse_published
from ..readers import checks as reader
from ..readers.corpus import parse_record

DEFAULT_PART_SIZE = 500
COLUMNS = ("id", "text", "published", "title", "url", "source")


@dataclass(frozen=True)
class Part:
    index: int
    path: str
    kind: str  # jsonl | parquet
    start: int  # first line (1-based, JSONL) or row (0-based, Parquet)
    stop: int  # one past the last
    offset: int = 0  # JSONL: byte offset of the first line
    columns: tuple[tuple[str, str], ...] = ()  # Parquet: (field, column) pairs


def input_kind(path: str | Path) -> str:
    with open(path, "rb") as f:
        head = f.read(4)
    return "parquet" if head == b"PAR1" else "jsonl"


def plan_parts(path: str | Path, part_size: int = DEFAULT_PART_SIZE, columns: dict[str, str] | None = None) -> list[Part]:
    """The parts of ``path``: ``part_size`` lines (blank ones included) or rows each."""
    path = str(Path(path).resolve())
    if input_kind(path) == "parquet":
        import pyarrow.parquet as pq

        mapping = {**{c: c for c in COLUMNS}, **(columns or {})}
        names = set(pq.ParquetFile(path).schema_arrow.names)
        if mapping["text"] not in names:
            raise ValueError(f"{path}: no column {mapping['text']!r} for the text (see --text-column)")
        pairs = tuple((field, column) for field, column in mapping.items() if column in names)
        rows = pq.ParquetFile(path).metadata.num_rows
        return [Part(i, path, "parquet", start, min(start + part_size, rows), columns=pairs)
                for i, start in enumerate(range(0, rows, part_size))]
    parts, line, offset, start, start_offset = [], 0, 0, 1, 0
    with open(path, "rb") as f:
        for raw in f:
            line += 1
            offset += len(raw)
            if line - start + 1 == part_size:
                parts.append(Part(len(parts), path, "jsonl", start, line + 1, start_offset))
                start, start_offset = line + 1, offset
    if line >= start:
        parts.append(Part(len(parts), path, "jsonl", start, line + 1, start_offset))
    return parts


def read_part(part: Part) -> Iterator[dict[str, Any]]:
    """The part's records ``{"id", "text", "published", ..., "line"}`` in order; an unusable
    one as ``{"line": N, "problem": reason}``."""
    if part.kind == "parquet":
        yield from _parquet_records(part)
        return
    with open(part.path, "rb") as f:
        f.seek(part.offset)
        for line in range(part.start, part.stop):
            raw = f.readline(reader.MAX_LINE_BYTES + 1)
            if len(raw) > reader.MAX_LINE_BYTES and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # skip the rest without holding it
                    raw = f.readline(1 << 20)
                yield {"line": line, "problem": f"longer than {reader.human_size(reader.MAX_LINE_BYTES)}: skipped"}
                continue
            if line == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            if not raw.strip():
                continue
            try:
                rec = parse_record(raw.decode("utf-8"), f"line {line}")
            except UnicodeDecodeError:
                yield {"line": line, "problem": "not valid UTF-8"}
                continue
            except (ValueError, reader.InputError) as exc:
                yield {"line": line, "problem": getattr(exc, "reason", None) or str(exc)}
                continue
            yield {"id": rec.id if rec.id is not None else f"line-{line}", "text": rec.text, "published": rec.published,
                   "title": rec.title, "url": rec.url, "source": rec.outlet, "language": rec.language, "line": line}


def _parquet_records(part: Part) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as pq

    fields = dict(part.columns)
    table = pq.ParquetFile(part.path).read(columns=list(fields.values())).slice(part.start, part.stop - part.start)
    for n, row in enumerate(table.to_pylist(), part.start):
        values = {field: row.get(column) for field, column in fields.items()}
        text = values.get("text")
        if not isinstance(text, str):
            yield {"line": n, "problem": "no text"}
            continue
        published = values.get("published")
        if isinstance(published, dt.datetime):
            published = published.date()
        elif published is not None and not isinstance(published, dt.date):
            try:
                published = parse_published(str(published))
            except ValueError as exc:
                yield {"line": n, "problem": str(exc)}
                continue
        yield {"id": str(values["id"]) if values.get("id") is not None else f"row-{n}", "text": text, "published": published,
               "title": values.get("title"), "url": values.get("url"), "source": values.get("source"), "line": n}

