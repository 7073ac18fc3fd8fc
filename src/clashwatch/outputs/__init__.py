"""Every serialiser of clashwatch, and the registries of its formats.

Two kinds of item are written (see ``base.py`` for the one ``Writer`` they share):

* article results (``ArticleResult``: one article's extraction), by ``clashwatch extract``:
  ``RESULT_FORMATS``, ``make_writer(fmt, stream)``, ``write_results(results, stream, fmt)``;
* stored events (rows of the corpus store, fetched by ``clashwatch.store.queries``), by
  ``clashwatch events``, ``clashwatch export`` and the API: ``EVENT_FORMATS``,
  ``EXPORT_FORMATS``, ``make_event_writer(fmt, stream)`` for the text formats and
  ``parquet.ParquetRowWriter`` / ``parquet.export_parquet`` for Parquet.

One module per format family, each holding the writers of both kinds:

=============  ===========================================================================
``base``       the ``Writer`` base class; cell helpers (CSV values, ISO dates, coordinates)
``acled``      ACLED's columns, the flat records (``acled_record``, ``event_record``), CSV
``jsonout``    JSON and JSONL; one stored event's detail as JSON (``event_detail_json``)
``geojson``    RFC 7946 FeatureCollections (``geojson_feature``, ``geojson_row_feature``)
``table``      text for people: ``render_article``, the event list, ``render_event_detail``
``words``      the ``*_words`` helpers those texts (and the API's event detail) are made of
``parquet``    fixed-schema Parquet files of the store's events, claims and mentions
=============  ===========================================================================
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TextIO

from ..model import ArticleResult
from .acled import AcledCsvWriter, EventCsvWriter
from .base import ResultWriter, Writer
from .geojson import EventGeoJsonWriter, GeoJsonWriter
from .jsonout import EventJsonWriter, JsonlWriter, JsonWriter
from .table import EventTableWriter, TableWriter

__all__ = [
    "RESULT_FORMATS",
    "EVENT_FORMATS",
    "EXPORT_FORMATS",
    "RESULT_WRITERS",
    "EVENT_WRITERS",
    "make_writer",
    "make_event_writer",
    "write_results",
]

# clashwatch extract --format
RESULT_FORMATS = ("table", "json", "jsonl", "acled", "geojson")
# clashwatch events --format (parquet: parquet.ParquetRowWriter)
EVENT_FORMATS = ("table", "acled", "json", "geojson", "parquet")
# clashwatch export --format (parquet: parquet.export_parquet)
EXPORT_FORMATS = ("acled", "geojson", "parquet")
# Earlier names of the ACLED CSV, still accepted everywhere.
FORMAT_ALIASES = {"acled-csv": "acled", "csv": "acled"}

RESULT_WRITERS: dict[str, type[ResultWriter]] = {
    "table": TableWriter,
    "json": JsonWriter,
    "jsonl": JsonlWriter,
    "acled": AcledCsvWriter,
    "geojson": GeoJsonWriter,
}

# the text formats of stored events
EVENT_WRITERS: dict[str, type[Writer]] = {
    "table": EventTableWriter,
    "acled": EventCsvWriter,
    "json": EventJsonWriter,
    "geojson": EventGeoJsonWriter,
}


def make_writer(fmt: str, stream: TextIO, **options: Any) -> ResultWriter:
    """A writer of article results in format ``fmt`` (one of ``RESULT_FORMATS``)."""
    try:
        cls = RESULT_WRITERS[FORMAT_ALIASES.get(fmt, fmt)]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(RESULT_FORMATS)}") from None
    return cls(stream, **options)


def make_event_writer(fmt: str, stream: TextIO, **options: Any) -> Writer:
    """A writer of stored event rows in text format ``fmt`` (a key of ``EVENT_WRITERS``);
    ``date_format`` ("iso" or "acled") for the ACLED CSV."""
    try:
        cls = EVENT_WRITERS[FORMAT_ALIASES.get(fmt, fmt)]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(EVENT_WRITERS)}") from None
    if options.get("date_format", "iso") != "iso" and cls is not EventCsvWriter:
        raise ValueError(f"--date-format is for the acled format, not {fmt}")
    options = {k: v for k, v in options.items() if cls is EventCsvWriter or k != "date_format"}
    try:
        return cls(stream, **options)
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(EVENT_WRITERS)}") from None


def write_results(results: Iterable[ArticleResult], stream: TextIO, fmt: str, **options: Any) -> ResultWriter:
    """Write ``results`` (any iterable, consumed lazily) in format ``fmt``; returns the writer with its counts."""
    return make_writer(fmt, stream, **options).write_all(results)
