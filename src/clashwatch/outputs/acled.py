"""ACLED's shape: its columns, the flat records of both kinds of item, and the CSV writers.

* Article results (``clashwatch extract -f acled``): one row per event, ACLED's columns
  in ACLED's order (``ACLED_COLUMNS``) then clashwatch's (``EXTRA_COLUMNS``);
  ``event_id_cnty`` is ``global_event_id`` and ``source`` the article's outlet.
* Stored events (``clashwatch events -f acled``, ``clashwatch export -f acled``, the API's
  CSV): the same ACLED columns, then ``EVENT_EXTRA_COLUMNS``. ``event_id_cnty`` is the
  store's event id; ``source`` is the outlets of the articles reporting the event,
  ``; ``-separated as in ACLED; ``timestamp`` when the event last changed; ACLED's
  ``notes`` stays the event's sentence, and the analyst's review (``review_state``,
  ``review_note``: the reason given for the latest correction) comes after ACLED's columns.

Interaction codes are ACLED's (``10`` for an event with one state-forces actor), time and
geo precision ACLED's numbers, ``event_date`` ISO or ACLED's ``06 April 2021``.

Either way ``fatalities`` is 0 when no figure is known (ACLED's convention) while
``fatalities_low``/``fatalities_high`` stay empty then. The records (``acled_record``,
``event_record``) are typed, None when unknown; GeoJSON and Parquet build on them.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from functools import cache
from typing import Any, TextIO

from ..model import ArticleResult, Event, disorder_type, interaction_code, is_civilian_targeting
from .base import ResultWriter, Writer, csv_cells, iso, one_line, outlet_name, plain

# ACLED's columns in the order of its data since March 2023 (ACLED Codebook; "Guide to 2023
# ACLED column changes", acleddata.com). The columns clashwatch cannot fill (region,
# admin2, admin3, source_scale, tags, timestamp for article results) are present and empty,
# so that a script written for an ACLED export reads this file unchanged.
ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
EXTRA_COLUMNS = (
    "fatalities_low",
    "fatalities_high",
    "plover",
    "background",
    "geonameid",
    "article_id",
    "url",
)
CSV_COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS

EVENT_ACLED_COLUMNS = ACLED_COLUMNS
EVENT_EXTRA_COLUMNS = (
    "fatalities_low",
    "fatalities_high",
    "n_articles",
    "n_mentions",
    "background",
    "plover",
    "country_code",
    "geonameid",
    "date_start",
    "date_end",
    "review_state",
    "review_note",
)
EVENT_CSV_COLUMNS = EVENT_ACLED_COLUMNS + EVENT_EXTRA_COLUMNS
# The columns ACLED has and clashwatch leaves empty.
EMPTY_ACLED_COLUMNS = ("assoc_actor_1", "assoc_actor_2", "region", "admin2", "admin3", "source_scale", "tags")
DATE_FORMATS = ("iso", "acled")  # 2021-04-06, or ACLED's export form: 06 April 2021

# ACLED's numeric time precision: 1 the day is known, 2 the week, 3 the month (or less).
ACLED_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
ACLED_CIVILIAN_TARGETING = "Civilian targeting"


def acled_date(day: dt.date) -> str:
    """A date as ACLED's export writes ``event_date``: ``06 April 2021``."""
    return f"{day.day:02d} {MONTHS[day.month - 1]} {day.year}"


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # English whatever the locale


def _unix_time(value: Any) -> int | None:
    """ACLED's ``timestamp``: when the row was last changed, in Unix seconds."""
    if isinstance(value, dt.datetime):
        when = value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)
        return int(when.timestamp())
    return None


@cache
def iso_numeric(country_code: str | None) -> int | None:
    """ACLED's ``iso``: the ISO 3166-1 numeric code for an alpha-2 code."""
    if not country_code:
        return None
    try:
        import pycountry

        country = pycountry.countries.get(alpha_2=country_code.upper())
    except (ImportError, LookupError, KeyError):
        return None
    return int(country.numeric) if country is not None else None


# --------------------------------------------------------------------------- article results


def global_event_id(result: ArticleResult, event: Event) -> str:
    """An event id unique across articles: ``<article id>:<event id>``.

    The pipeline numbers events per article (``e1``, ``e2``, ...); a dataset of many
    articles needs the article in the id. An event id that already starts with the
    article id is kept as it is.
    """
    if result.id and not event.event_id.startswith(result.id):
        return f"{result.id}:{event.event_id}"
    return event.event_id


def acled_record(result: ArticleResult, event: Event) -> dict[str, Any]:
    """One event as a flat dict keyed by ``CSV_COLUMNS``, typed (None when unknown).

    ``event_id_cnty`` is ``global_event_id``; ``fatalities`` is 0 when the article gives
    no figure (as ACLED writes it), ``fatalities_low``/``fatalities_high`` stay None then.
    """
    a1, a2 = event.actor1, event.actor2
    return {
        "event_id_cnty": global_event_id(result, event),
        "event_date": iso(event.event_date),
        "year": event.event_date.year if event.event_date else None,
        "time_precision": ACLED_TIME_PRECISION.get(plain(event.time_precision)),
        "disorder_type": disorder_type(event.event_type, event.sub_event_type),
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": a1.name if a1 else None,
        "inter1": a1.inter if a1 else None,
        "actor2": a2.name if a2 else None,
        "inter2": a2.inter if a2 else None,
        "interaction": interaction_code(a1.inter if a1 else None, a2.inter if a2 else None),
        "civilian_targeting": ACLED_CIVILIAN_TARGETING if event.civilian_targeting else None,
        "iso": iso_numeric(event.country_code),
        "country": event.country,
        "admin1": event.admin1,
        "location": event.location,
        "latitude": event.latitude,
        "longitude": event.longitude,
        "geo_precision": event.geo_precision,
        "source": outlet_name(result.outlet, result.url),
        "notes": one_line(event.sentence) or None,
        "fatalities": event.fatalities if event.fatalities is not None else 0,
        "timestamp": None,
        **dict.fromkeys(EMPTY_ACLED_COLUMNS),
        "fatalities_low": event.fatalities_low,
        "fatalities_high": event.fatalities_high,
        "plover": event.plover,
        "background": event.background,
        "geonameid": event.geonameid,
        "article_id": result.id,
        "url": result.url,
    }


def acled_rows(result: ArticleResult) -> Iterator[dict[str, str]]:
    """The CSV rows (strings) of one article's events."""
    for event in result.events:
        yield csv_cells(acled_record(result, event), CSV_COLUMNS)


# --------------------------------------------------------------------------- stored events


def event_record(row: dict) -> dict[str, Any]:
    """One store event as a flat dict keyed by ``EVENT_CSV_COLUMNS``, typed (None when unknown)."""
    date = row.get("event_date")
    fatalities = row.get("fatalities")
    outlets = row.get("outlets") or []
    return {
        "event_id_cnty": row["id"],
        "event_date": date,
        "year": date.year if date else None,
        "time_precision": ACLED_TIME_PRECISION.get(row.get("time_precision")),
        "disorder_type": disorder_type(row.get("event_type"), row.get("sub_event_type")),
        "event_type": row.get("event_type"),
        "sub_event_type": row.get("sub_event_type"),
        "actor1": row.get("actor1"),
        "inter1": row.get("inter1"),
        "actor2": row.get("actor2"),
        "inter2": row.get("inter2"),
        "interaction": interaction_code(row.get("inter1"), row.get("inter2")),
        "civilian_targeting": ACLED_CIVILIAN_TARGETING if is_civilian_targeting(row.get("event_type"), row.get("inter2")) else None,
        "iso": iso_numeric(row.get("country_code")),
        "country": row.get("country"),
        "admin1": row.get("admin1"),
        "location": row.get("location"),
        "latitude": row.get("latitude"),
        "longitude": row.get("longitude"),
        "geo_precision": row.get("geo_precision"),
        "source": "; ".join(outlets) or None,
        "notes": one_line(row.get("notes")) or None,
        "fatalities": fatalities if fatalities is not None else 0,
        "timestamp": _unix_time(row.get("updated_at")),
        **dict.fromkeys(EMPTY_ACLED_COLUMNS),
        "fatalities_low": row.get("fatalities_low"),
        "fatalities_high": row.get("fatalities_high"),
        "n_articles": row.get("n_articles"),
        "n_mentions": row.get("n_mentions"),
        "background": bool(row.get("background")),
        "plover": row.get("plover"),
        "country_code": row.get("country_code"),
        "geonameid": row.get("geonameid"),
        "date_start": row.get("date_start"),
        "date_end": row.get("date_end"),
        "review_state": row.get("review_state") or "machine",
        "review_note": one_line(row.get("review_note")) or None,
    }


# --------------------------------------------------------------------------- CSV writers


class CsvWriter(Writer):
    """CSV with a header row (``header=False``: none); ``_records(item)`` gives the rows.
    ``date_format="acled"`` writes ``event_date`` as ACLED's export does (06 April 2021)."""

    columns: tuple[str, ...] = ()

    def __init__(self, stream: TextIO, header: bool = True, date_format: str = "iso"):
        super().__init__(stream)
        if date_format not in DATE_FORMATS:
            raise ValueError(f"unknown date format {date_format!r}: choose one of {', '.join(DATE_FORMATS)}")
        self.header = header
        self.date_format = date_format
        self._csv = csv.DictWriter(stream, fieldnames=self.columns, lineterminator="\n")

    def _header(self):
        if self.header:
            self._csv.writeheader()

    def _write(self, item):
        self._csv.writerows(self._cells(record) for record in self._records(item))

    def _cells(self, record: dict[str, Any]) -> dict[str, str]:
        day = record.get("event_date")
        if self.date_format == "acled" and day is not None:
            record = {**record, "event_date": acled_date(day if isinstance(day, dt.date) else dt.date.fromisoformat(day))}
        return csv_cells(record, self.columns)

    def _records(self, item: Any) -> Iterator[dict[str, Any]]:
        raise NotImplementedError


class AcledCsvWriter(ResultWriter, CsvWriter):
    """Article results, one row per event (``CSV_COLUMNS``)."""

    name = "acled"
    columns = CSV_COLUMNS

    def _records(self, result):
        return (acled_record(result, event) for event in result.events)


class EventCsvWriter(CsvWriter):
    """Stored events, one row each (``EVENT_CSV_COLUMNS``)."""

    name = "acled"
    columns = EVENT_CSV_COLUMNS

    def _records(self, row):
        return (event_record(row),)


def write_acled_csv(results, stream: TextIO, header: bool = True) -> ResultWriter:
    return AcledCsvWriter(stream, header=header).write_all(results)
