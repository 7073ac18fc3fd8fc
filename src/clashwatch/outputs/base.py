"""What every output shares: the one ``Writer`` base class and the cell helpers.

Two kinds of item are written: *article results* (``ArticleResult``, one article's
extraction, by ``clashwatch extract``) and *stored events* (rows of the corpus store, one
merged event each, by ``clashwatch events`` and ``clashwatch export``). Every writer of
either kind is a ``Writer`` over a stream: ``begin()`` writes any header, ``write(item)``
one item, ``end()`` any footer; used as a context manager it begins on entry and ends on
exit (also on Ctrl-C, so that what was written is a whole document). Nothing is buffered
beyond one item (Parquet: one batch), so memory stays constant however long the input.

Counts: ``count`` items written, ``events`` events in them, ``skipped`` events a format
could not represent (GeoJSON: no coordinates). ``ResultWriter`` adds ``articles``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from enum import Enum
from typing import Any, TextIO

from ..article import url_host

# --------------------------------------------------------------------------- cells


def plain(value: Any) -> Any:
    """An enum's value (results built without validation may hold enum members)."""
    return value.value if isinstance(value, Enum) else value


def one_line(text: str | None) -> str:
    """``text`` with every run of whitespace (newlines included) as one space."""
    return " ".join((text or "").split())


def iso(value: Any) -> Any:
    """Dates and datetimes as ISO 8601 strings; anything else (None included) as it is."""
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


# What a spreadsheet takes for the start of a formula (OWASP, "CSV Injection"; ASVS 1.2.10).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")


def csv_text(text: str) -> str:
    """A text cell a spreadsheet shows as text.

    A cell starting with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or NUL is
    prefixed with a single quote, as OWASP's "CSV Injection" page recommends, so that
    Excel, LibreOffice or Google Sheets never evaluate it (``=HYPERLINK(...)`` stays
    text). Carriage returns become line feeds: the ``csv`` module quotes a cell holding a
    line feed but not one holding a lone carriage return, which readers take for the end
    of the row.
    """
    if text.startswith(FORMULA_STARTS):
        text = "'" + text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def csv_value(value: Any) -> str:
    """A CSV cell: empty for None, ``true``/``false``, floats to 6 decimals, numbers as
    they are (``-3.5`` stays a number), text through ``csv_text`` (never a formula)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(round(value, 6))
    if isinstance(value, int):
        return str(value)
    return csv_text(str(value))


def csv_cells(record: dict[str, Any], columns: Iterable[str]) -> dict[str, str]:
    """A typed record as the CSV cells of ``columns`` (dates ISO, text never a formula)."""
    return {k: csv_value(iso(record[k])) for k in columns}


def valid_coordinates(lat: float | None, lon: float | None) -> bool:
    return (
        lat is not None
        and lon is not None
        and math.isfinite(lat)
        and math.isfinite(lon)
        and -90 <= lat <= 90
        and -180 <= lon <= 180
    )


def outlet_name(outlet: str | None, url: str | None) -> str | None:
    """An article's outlet: its ``source``/outlet, else the host of its URL."""
    if outlet:
        return outlet
    return url_host(url)


# --------------------------------------------------------------------------- writers


class Writer:
    """Writes items to a stream as they come: ``begin``, ``write`` per item, ``end``."""

    name = ""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.count = 0  # items written
        self.events = 0  # events in them
        self.skipped = 0  # events a format could not represent (geojson: no coordinates)
        self._begun = False
        self._ended = False

    def begin(self) -> None:
        if not self._begun:
            self._begun = True
            self._header()

    def write(self, item: Any) -> None:
        self.begin()
        self._write(item)
        self.count += 1
        self.events += self._events_in(item)

    def end(self) -> None:
        self.begin()
        if not self._ended:
            self._ended = True
            self._footer()

    def write_all(self, items: Iterable[Any]) -> Writer:
        self.begin()
        for item in items:
            self.write(item)
        self.end()
        return self

    def __enter__(self) -> Writer:
        self.begin()
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None or issubclass(exc_type, KeyboardInterrupt):
            self.end()  # a whole document of what was written, even on Ctrl-C

    # subclasses
    def _header(self) -> None:
        pass

    def _write(self, item: Any) -> None:
        raise NotImplementedError

    def _footer(self) -> None:
        pass

    def _events_in(self, item: Any) -> int:
        return 1  # a stored event row


class ResultWriter(Writer):
    """A writer of ``ArticleResult`` objects: ``articles`` is the count, ``events`` theirs."""

    @property
    def articles(self) -> int:
        return self.count

    def _events_in(self, result: Any) -> int:
        return len(result.events)
