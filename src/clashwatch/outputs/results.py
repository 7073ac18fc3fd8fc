"""Output formats: serialisers over ``ArticleResult``, reusable by every command and the API.

Each format is a ``Writer`` that writes to a text stream as results arrive: ``begin()``
writes any header, ``write(result)`` one article, ``end()`` any footer. Nothing is
buffered beyond one article, so a run over a 1 GB JSONL file streams in constant memory
in every format. ``write_results(results, stream, fmt)`` and the ``write_*`` functions
are the same over an iterable.

Formats:

* ``table``: a human-readable report;
* ``json``: a JSON array of results (or one object with ``single=True``);
* ``jsonl``: one result per line;
* ``acled-csv``: one row per event with ACLED's column names (``ACLED_COLUMNS``), then
  clashwatch's extra columns (``EXTRA_COLUMNS``);
* ``geojson``: an RFC 7946 FeatureCollection of the events that have coordinates; the
  number left out is the foreign member ``"clashwatch:skipped"``.
"""

from __future__ import annotations

import csv
import json
import math
import textwrap
from collections.abc import Iterable, Iterator
from enum import Enum
from functools import cache
from typing import Any, TextIO
from urllib.parse import urlsplit

from ..model import ArticleResult, Claim, Event

FORMATS = ("table", "json", "jsonl", "acled-csv", "geojson")

# ACLED's columns, in ACLED's order, for those clashwatch can fill.
ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "inter1",
    "actor2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
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

# ACLED's numeric time precision: 1 the day is known, 2 the week, 3 the month (or less).
ACLED_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
ACLED_CIVILIAN_TARGETING = "Civilian targeting"

GEO_PRECISION_WORDS = {1: "town", 2: "near a town / part of a region", 3: "region or country"}
INTER_WORDS = {
    1: "state forces",
    2: "rebels",
    3: "political militia",
    4: "identity militia",
    5: "rioters",
    6: "protesters",
    7: "civilians",
    8: "external/other forces",
}


# --------------------------------------------------------------------------- records


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


def _outlet(result: ArticleResult) -> str | None:
    if result.source:
        return result.source
    if result.url:
        host = urlsplit(result.url).hostname
        return host.removeprefix("www.") if host else None
    return None


def _v(value: Any) -> Any:
    """An enum's value (results built without validation may hold enum members)."""
    return value.value if isinstance(value, Enum) else value


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


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
        "event_date": event.event_date.isoformat() if event.event_date else None,
        "year": event.event_date.year if event.event_date else None,
        "time_precision": ACLED_TIME_PRECISION.get(_v(event.time_precision)),
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": a1.name if a1 else None,
        "inter1": a1.inter if a1 else None,
        "actor2": a2.name if a2 else None,
        "inter2": a2.inter if a2 else None,
        "interaction": event.interaction,
        "civilian_targeting": ACLED_CIVILIAN_TARGETING if event.civilian_targeting else None,
        "iso": iso_numeric(event.country_code),
        "country": event.country,
        "admin1": event.admin1,
        "location": event.location,
        "latitude": event.latitude,
        "longitude": event.longitude,
        "geo_precision": event.geo_precision,
        "source": _outlet(result),
        "notes": _one_line(event.sentence) or None,
        "fatalities": event.fatalities if event.fatalities is not None else 0,
        "fatalities_low": event.fatalities_low,
        "fatalities_high": event.fatalities_high,
        "plover": event.plover,
        "background": event.background,
        "geonameid": event.geonameid,
        "article_id": result.id,
        "url": result.url,
    }


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(round(value, 6))
    return str(value)


def acled_rows(result: ArticleResult) -> Iterator[dict[str, str]]:
    """The CSV rows (strings) of one article's events."""
    for event in result.events:
        record = acled_record(result, event)
        yield {k: _csv_value(record[k]) for k in CSV_COLUMNS}


def valid_coordinates(lat: float | None, lon: float | None) -> bool:
    return (
        lat is not None
        and lon is not None
        and math.isfinite(lat)
        and math.isfinite(lon)
        and -90 <= lat <= 90
        and -180 <= lon <= 180
    )


def geojson_feature(result: ArticleResult, event: Event) -> dict[str, Any] | None:
    """An RFC 7946 Feature for an event (Point, ``[longitude, latitude]``), or None without coordinates."""
    if not valid_coordinates(event.latitude, event.longitude):
        return None
    properties = acled_record(result, event)
    del properties["latitude"], properties["longitude"]
    properties.update(
        title=result.title,
        published=result.published.isoformat() if result.published else None,
        date_start=event.date_start.isoformat() if event.date_start else None,
        date_end=event.date_end.isoformat() if event.date_end else None,
        weapons=list(event.weapons),
        claim_ids=list(event.claim_ids),
    )
    return {
        "type": "Feature",
        "id": global_event_id(result, event),
        "geometry": {"type": "Point", "coordinates": [round(event.longitude, 6), round(event.latitude, 6)]},
        "properties": properties,
    }


def result_dict(result: ArticleResult) -> dict[str, Any]:
    """The JSON form of a result (dates as ISO strings), as in the json/jsonl formats."""
    return result.model_dump(mode="json")


# --------------------------------------------------------------------------- writers


class Writer:
    """Writes results to a text stream as they come: ``begin``, ``write`` per result, ``end``."""

    name = ""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.articles = 0
        self.events = 0
        self.skipped = 0  # events a format could not represent (geojson: no coordinates)
        self._begun = False
        self._ended = False

    def begin(self) -> None:
        if not self._begun:
            self._begun = True
            self._header()

    def write(self, result: ArticleResult) -> None:
        self.begin()
        self._write(result)
        self.articles += 1
        self.events += len(result.events)

    def end(self) -> None:
        self.begin()
        if not self._ended:
            self._ended = True
            self._footer()

    def write_all(self, results: Iterable[ArticleResult]) -> Writer:
        self.begin()
        for result in results:
            self.write(result)
        self.end()
        return self

    def __enter__(self) -> Writer:
        self.begin()
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None or issubclass(exc_type, KeyboardInterrupt):
            self.end()  # a document of what was done, even on Ctrl-C

    # subclasses
    def _header(self) -> None:
        pass

    def _write(self, result: ArticleResult) -> None:
        raise NotImplementedError

    def _footer(self) -> None:
        pass


class JsonlWriter(Writer):
    name = "jsonl"

    def _write(self, result):
        self.stream.write(json.dumps(result_dict(result), ensure_ascii=False, separators=(",", ":")))
        self.stream.write("\n")


class JsonWriter(Writer):
    """A JSON array, written item by item; ``single=True``: the one result as an object."""

    name = "json"

    def __init__(self, stream, single: bool = False, indent: int | None = 2):
        super().__init__(stream)
        self.single = single
        self.indent = indent

    def _header(self):
        if not self.single:
            self.stream.write("[")

    def _write(self, result):
        text = json.dumps(result_dict(result), ensure_ascii=False, indent=self.indent)
        if self.single:
            if self.articles:
                raise ValueError("JsonWriter(single=True) takes exactly one result")
            self.stream.write(text + "\n")
            return
        if self.indent is not None:
            text = textwrap.indent(text, " " * self.indent)
        self.stream.write(("," if self.articles else "") + "\n" + text)

    def _footer(self):
        if not self.single:
            self.stream.write("\n]\n" if self.articles else "]\n")


class AcledCsvWriter(Writer):
    name = "acled-csv"

    def __init__(self, stream, header: bool = True):
        super().__init__(stream)
        self.header = header
        self._csv = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, lineterminator="\n")

    def _header(self):
        if self.header:
            self._csv.writeheader()

    def _write(self, result):
        self._csv.writerows(acled_rows(result))


class GeoJsonWriter(Writer):
    """A FeatureCollection streamed feature by feature; the skipped count goes in the footer."""

    name = "geojson"

    def _header(self):
        self.stream.write('{"type": "FeatureCollection", "features": [')
        self._features = 0

    def _write(self, result):
        for event in result.events:
            feature = geojson_feature(result, event)
            if feature is None:
                self.skipped += 1
                continue
            self.stream.write(("," if self._features else "") + "\n" + json.dumps(feature, ensure_ascii=False))
            self._features += 1

    def _footer(self):
        self.stream.write(("\n" if self._features else "") + f'], "clashwatch:skipped": {self.skipped}}}\n')


class TableWriter(Writer):
    """A plain-text report: per article its events (with their claims), other claims, warnings."""

    name = "table"

    def __init__(self, stream, width: int = 100):
        super().__init__(stream)
        self.width = max(40, width)

    def _write(self, result):
        out: list[str] = []
        if self.articles:
            out.append("")
        out.extend(render_article(result, self.width))
        self.stream.write("\n".join(out) + "\n")


WRITERS: dict[str, type[Writer]] = {
    "table": TableWriter,
    "json": JsonWriter,
    "jsonl": JsonlWriter,
    "acled-csv": AcledCsvWriter,
    "geojson": GeoJsonWriter,
}


def make_writer(fmt: str, stream: TextIO, **options: Any) -> Writer:
    try:
        cls = WRITERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}") from None
    return cls(stream, **options)


def write_results(results: Iterable[ArticleResult], stream: TextIO, fmt: str, **options: Any) -> Writer:
    """Write ``results`` (any iterable, consumed lazily) in format ``fmt``; returns the writer with its counts."""
    return make_writer(fmt, stream, **options).write_all(results)


def write_table(results: Iterable[ArticleResult], stream: TextIO, width: int = 100) -> Writer:
    return TableWriter(stream, width=width).write_all(results)


def write_json(results: Iterable[ArticleResult], stream: TextIO, single: bool = False) -> Writer:
    return JsonWriter(stream, single=single).write_all(results)


def write_jsonl(results: Iterable[ArticleResult], stream: TextIO) -> Writer:
    return JsonlWriter(stream).write_all(results)


def write_acled_csv(results: Iterable[ArticleResult], stream: TextIO, header: bool = True) -> Writer:
    return AcledCsvWriter(stream, header=header).write_all(results)


def write_geojson(results: Iterable[ArticleResult], stream: TextIO) -> Writer:
    return GeoJsonWriter(stream).write_all(results)


# --------------------------------------------------------------------------- table rendering


def _shorten(text: str, width: int) -> str:
    text = _one_line(text)
    return textwrap.shorten(text, width=width, placeholder=" …") if len(text) > width else text


def _fmt_float(x: float) -> str:
    return f"{x:.4f}"


def _date_words(event: Event) -> str:
    if event.event_date is None and event.date_start is None:
        return "unknown"
    parts = [event.event_date.isoformat() if event.event_date else "?"]
    if event.date_start and event.date_end and event.date_start != event.date_end:
        parts = [f"{event.date_start.isoformat()} to {event.date_end.isoformat()}"]
    if event.time_precision:
        parts.append(f"({_v(event.time_precision)} precision)")
    return " ".join(parts)


def _place_words(event: Event) -> str:
    names = [n for n in (event.location, event.admin1, event.country) if n]
    # "Mali, Mali": say a country once
    deduped = [n for i, n in enumerate(names) if n not in names[:i]]
    words = ", ".join(deduped) if deduped else "unknown"
    if event.country_code:
        words += f" [{event.country_code}]"
    if valid_coordinates(event.latitude, event.longitude):
        words += f"  ({_fmt_float(event.latitude)}, {_fmt_float(event.longitude)})"
    extras = []
    if event.geo_precision:
        extras.append(f"precision {event.geo_precision} ({GEO_PRECISION_WORDS.get(event.geo_precision, '?')})")
    if event.geonameid:
        extras.append(f"GeoNames {event.geonameid}")
    return words + (" · " + " · ".join(extras) if extras else "")


def _actor_words(actor) -> str:
    if actor is None:
        return "unknown"
    words = actor.name
    if actor.inter:
        words += f" (inter {actor.inter}: {INTER_WORDS.get(actor.inter, '?')})"
    return words


def _fatality_words(event: Event) -> str:
    if event.fatalities is None and event.fatalities_low is None and event.fatalities_high is None:
        return "no figure given (ACLED: 0)"
    best = "?" if event.fatalities is None else str(event.fatalities)
    low = "?" if event.fatalities_low is None else str(event.fatalities_low)
    high = "open" if event.fatalities_high is None else str(event.fatalities_high)
    return f"best {best} (low {low}, high {high})"


def rationale_words(item) -> str:
    """A rationale item in words, e.g. 'set aside (one sided scope): c2 — the army's own count'."""
    rule = item.rule
    head, _, tail = rule.partition(":")
    words = head.replace("_", " ")
    if tail:
        words += f" ({tail.replace('_', ' ')})"
    if item.claim_ids:
        words += ": " + ", ".join(item.claim_ids)
    if item.detail:
        words += f" — {item.detail}"
    return words


def _claim_words(claim: Claim) -> str:
    kind, status = _v(claim.kind), _v(claim.status)
    if status == "none_reported":
        figure = f"none {kind} reported"
    elif status == "undisclosed":
        figure = f"{kind}: figure not disclosed"
    else:
        figure = f'{kind}: "{claim.figure}"'
        bounds = []
        if claim.low is not None or claim.high is not None:
            low = "?" if claim.low is None else str(claim.low)
            high = "open" if claim.high is None else str(claim.high)
            bounds.append(low if low == high else f"{low}–{high}")
        if claim.approximate:
            bounds.append("approx.")
        if bounds:
            figure += f" ({', '.join(bounds)})"
    source = claim.source if claim.source_type in (None, "", claim.source) else f"{claim.source} ({claim.source_type})"
    scope = str(_v(claim.scope)) + (f" [{claim.scope_party}]" if claim.scope_party else "")
    parts = [figure, f"source: {source}", f"scope: {scope}"]
    if claim.as_of:
        parts.append(f"as of {claim.as_of.isoformat()}")
    if claim.revised:
        parts.append("REVISED")
    return " · ".join(parts)


def render_article(result: ArticleResult, width: int = 100) -> list[str]:
    """The table lines for one article."""
    lines: list[str] = []
    title = _one_line(result.title) or "(no title)"
    lines.append("=" * min(width, max(20, len(title) + 4)))
    lines.append(_shorten(title, width))
    meta = [f"id {result.id}", f"published {result.published.isoformat() if result.published else 'unknown'}"]
    if result.source:
        meta.append(result.source)
    if result.url:
        meta.append(result.url)
    lines.append(" · ".join(meta))
    n_events = len(result.events)
    lines.append(f"{n_events} event{'s' if n_events != 1 else ''}, {len(result.claims)} claim{'s' if len(result.claims) != 1 else ''}")

    claims_by_id = {c.claim_id: c for c in result.claims}
    shown: set[str] = set()
    sentence_width = width - 10
    for i, event in enumerate(result.events, 1):
        flags = []
        if event.background:
            flags.append("BACKGROUND: a past event the article recalls")
        if event.civilian_targeting:
            flags.append("civilian targeting")
        lines.append("")
        lines.append(f"[{i}] {event.event_type} / {event.sub_event_type}  (PLOVER {event.plover})  {event.event_id}")
        for flag in flags:
            lines.append(f"    ! {flag}")
        lines.append(f"    date        {_date_words(event)}")
        lines.append(f"    place       {_place_words(event)}")
        actors = f"{_actor_words(event.actor1)}  vs  {_actor_words(event.actor2)}" if event.actor2 else _actor_words(event.actor1)
        if event.interaction:
            actors += f"  · interaction {event.interaction}"
        lines.append(f"    actors      {actors}")
        if event.weapons:
            lines.append(f"    weapons     {', '.join(event.weapons)}")
        lines.append(f"    fatalities  {_fatality_words(event)}")
        for item in event.rationale:  # wrapped, not cut: the reasoning is the point
            lines.extend(
                textwrap.wrap(
                    _one_line(rationale_words(item)),
                    width=width,
                    initial_indent=" " * 16 + "- ",
                    subsequent_indent=" " * 18,
                    break_on_hyphens=False,
                )
            )
        lines.append(f'    cue         "{_one_line(event.text)}" in: {_shorten(event.sentence, sentence_width - 14)}')
        event_claims = [claims_by_id[cid] for cid in event.claim_ids if cid in claims_by_id]
        event_claims += [c for c in result.claims if c.event_id == event.event_id and c.claim_id not in event.claim_ids]
        if event_claims:
            lines.append("    claims")
            for claim in event_claims:
                shown.add(claim.claim_id)
                lines.extend(_claim_lines(claim, sentence_width))
    if not result.events:
        lines.append("")
        lines.append("no events found")
    others = [c for c in result.claims if c.claim_id not in shown]
    if others:
        lines.append("")
        lines.append("claims not tied to an event")
        for claim in others:
            lines.extend(_claim_lines(claim, sentence_width))
    if result.warnings:
        lines.append("")
        lines.append("warnings")
        for warning in result.warnings:
            lines.append(f"  - {warning}")
    return lines


def _claim_lines(claim: Claim, width: int) -> list[str]:
    return [
        f"      {claim.claim_id}  {_claim_words(claim)}",
        f"          “{_shorten(claim.text, width - 4)}”",
    ]
