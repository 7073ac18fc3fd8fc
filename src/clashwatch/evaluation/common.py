"""Reading labelled files: tables with clear one-line errors, lenient cell parsers."""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .results import DataError

csv.field_size_limit(10_000_000)


def read_table(path: Path, required: Sequence[str], delimiter: str = ",", limit: int | None = None) -> Iterator[tuple[int, dict[str, str]]]:
    """(1-based data row, row) pairs of a CSV/TSV file whose header has ``required``."""
    try:
        fh = path.open(newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise DataError(f"{path}: {exc.strerror or exc}") from None
    with fh:
        try:
            rows = csv.DictReader(fh, delimiter=delimiter)
            header = rows.fieldnames or []
            missing = [c for c in required if c not in header]
            if missing:
                shown = ", ".join(header[:12]) + (", ..." if len(header) > 12 else "") if header else "nothing"
                raise DataError(f"{path}: missing column(s) {', '.join(missing)} (the header has {shown})")
            for i, row in enumerate(rows, start=1):
                if limit is not None and i > limit:
                    return
                yield i, {k: (v or "") for k, v in row.items() if k is not None}
        except UnicodeDecodeError as exc:
            raise DataError(f"{path}: not UTF-8 text (byte {exc.start})") from None
        except csv.Error as exc:
            raise DataError(f"{path}: not a readable {'TSV' if delimiter == chr(9) else 'CSV'} file ({exc})") from None


def read_jsonl(path: Path, limit: int | None = None) -> Iterator[tuple[int, dict[str, Any]]]:
    """(1-based line, object) pairs; a line that is not a JSON object is an error."""
    try:
        fh = path.open(encoding="utf-8-sig")
    except OSError as exc:
        raise DataError(f"{path}: {exc.strerror or exc}") from None
    with fh:
        n = 0
        try:
            for line_no, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise DataError(f"{path}:{line_no}: not JSON ({exc.msg})") from None
                if not isinstance(obj, dict):
                    raise DataError(f"{path}:{line_no}: a JSON object was expected")
                n += 1
                if limit is not None and n > limit:
                    return
                yield line_no, obj
        except UnicodeDecodeError as exc:
            raise DataError(f"{path}: not UTF-8 text (byte {exc.start})") from None


def to_float(value: Any) -> float | None:
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def to_count(value: Any) -> int | None:
    """A non-negative count; None for empty, 'NA' or nonsense."""
    x = to_float(value)
    return int(x) if x is not None and x >= 0 else None


def to_point(lat: Any, lon: Any) -> tuple[float, float] | None:
    """A (lat, lon) pair inside the valid ranges, else None."""
    la, lo = to_float(lat), to_float(lon)
    if la is None or lo is None or not (-90 <= la <= 90 and -180 <= lo <= 180):
        return None
    return la, lo


DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%m/%d/%Y", "%Y/%m/%d")


def to_date(value: Any) -> dt.date | None:
    text = str(value or "").strip()
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def context(text: str, start: int, end: int, width: int = 120) -> str:
    """The text around a span, with the span in [brackets]."""
    a, b = max(0, start - width), min(len(text), end + width)
    return ("..." if a else "") + text[a:start] + "[" + text[start:end] + "]" + text[end:b] + ("..." if b < len(text) else "")
