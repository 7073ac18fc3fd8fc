"""Store rows out: the merged events of a corpus store as CSV, JSON, GeoJSON, Parquet or a table.

``formats.py`` serialises one article's extraction (``ArticleResult``); this module
serialises what the store holds across articles: merged events (with their reconciled
toll, how many articles and mentions report them), their mentions and claims, and the
detail of one event (``Store.event``). It is shared by ``clashwatch events``,
``clashwatch events show`` and ``clashwatch export``.

* ``query_events(store, query)`` pages through ``Store.events`` (cursor ``after``) and
  adds each event's outlets; ``all_events(store)``, ``all_claims(store)`` and
  ``all_mentions(store)`` stream whole tables. Memory stays bounded by the page size.
* ``make_event_writer(fmt, stream)``: ``table``, ``csv`` (= ``acled-csv``), ``json``,
  ``geojson`` writers over a text stream, with ``begin``/``write(row)``/``end``;
  ``ParquetRowWriter`` writes batches to a binary file with a fixed schema
  (``EVENT_SCHEMA``, ``CLAIM_SCHEMA``, ``MENTION_SCHEMA``; dates as ``date32``).
* ``render_event_detail(detail)`` and ``event_detail_json(detail)`` for ``events show``.

CSV columns are ACLED's (``formats.ACLED_COLUMNS``, less ``civilian_targeting`` which
the store does not keep) then ``EVENT_EXTRA_COLUMNS``. ``event_id_cnty`` is the store's
event id; ``source`` is the outlets of the articles reporting the event, ``; ``-separated
as in ACLED; ``fatalities`` is 0 when no figure is known (ACLED's convention) while
``fatalities_low``/``fatalities_high`` stay empty then.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import textwrap
from collections.abc import Iterator
from dataclasses import replace
from typing import IO, Any, TextIO
from urllib.parse import urlsplit

from sqlalchemy import select

from .results import ACLED_COLUMNS, ACLED_TIME_PRECISION, GEO_PRECISION_WORDS, INTER_WORDS, _csv_value, iso_numeric, rationale_words, valid_coordinates
from ..model import EventDetail, RationaleItem, StoredEvent
from ..store import EventQuery, Store
from ..store import tables as t

EVENT_FORMATS = ("table", "csv", "json", "geojson", "parquet")
EXPORT_FORMATS = ("acled-csv", "geojson", "parquet")
PAGE_SIZE = 5000

# ACLED's columns in ACLED's order, less civilian_targeting (not kept by the store).
EVENT_ACLED_COLUMNS = tuple(c for c in ACLED_COLUMNS if c != "civilian_targeting")
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
)
EVENT_CSV_COLUMNS = EVENT_ACLED_COLUMNS + EVENT_EXTRA_COLUMNS


# --------------------------------------------------------------------------- rows in


def outlet_name(outlet: str | None, url: str | None) -> str | None:
    """An article's outlet: its ``source``/outlet, else the host of its URL."""
    if outlet:
        return outlet
    if url:
        host = urlsplit(url).hostname
        return host.removeprefix("www.") if host else None
    return None


def _outlets(conn, event_ids: list[str]) -> dict[str, list[str]]:
    """Distinct outlets of each event's mentions, in order of publication."""
    out: dict[str, list[str]] = {e: [] for e in event_ids}
    for start in range(0, len(event_ids), 500):
        chunk = event_ids[start : start + 500]
        query = (
            select(t.mentions.c.event_id, t.articles.c.outlet, t.articles.c.url)
            .join(t.articles, t.articles.c.id == t.mentions.c.article_id)
            .where(t.mentions.c.event_id.in_(chunk))
            .order_by(t.mentions.c.published, t.mentions.c.key)
        )
        for event_id, outlet, url in conn.execute(query):
            name = outlet_name(outlet, url)
            if name and name not in out[event_id]:
                out[event_id].append(name)
    return out


def _with_outlets(store: Store, rows: list[dict]) -> list[dict]:
    if rows:
        with store.engine.connect() as conn:
            outlets = _outlets(conn, [r["id"] for r in rows])
        for r in rows:
            r["outlets"] = outlets.get(r["id"], [])
    return rows


def query_events(store: Store, query: EventQuery | None = None, page_size: int = PAGE_SIZE) -> Iterator[dict]:
    """The rows of ``Store.events(query)``, each with ``outlets``, fetched a page at a time.

    Pages follow the store's order (newest event date first, then id) with its ``after``
    cursor. The cursor cannot reach events without an event date (SQL compares NULL with
    nothing); clashwatch never writes such events, but a store edited by other tools may
    hold some: when it does, the rows the cursor could not reach are fetched at the end in
    one go, so that the result is always exactly ``Store.events(query)``.
    """
    q = query or EventQuery()
    remaining = q.limit
    seen: set[str] = set()
    after = q.after
    paged = after is not None
    while remaining is None or remaining > 0:
        size = page_size if remaining is None else min(page_size, remaining)
        rows = store.events(replace(q, limit=size, after=after))
        for row in _with_outlets(store, rows):
            seen.add(row["id"])
            yield row
        if remaining is not None:
            remaining -= len(rows)
        if len(rows) < size:
            break
        last = rows[-1]
        if last["event_date"] is None:
            paged = True
            break
        after = (last["event_date"].isoformat(), last["id"])
        paged = True
    if not paged or (remaining is not None and remaining <= 0) or not _has_undated_events(store):
        return
    rest = [r for r in store.events(replace(q, limit=q.limit, after=q.after)) if r["id"] not in seen]
    if remaining is not None:
        rest = rest[:remaining]
    for start in range(0, len(rest), page_size):
        yield from _with_outlets(store, rest[start : start + page_size])


def _has_undated_events(store: Store) -> bool:
    with store.engine.connect() as conn:
        return conn.execute(select(t.events.c.id).where(t.events.c.event_date.is_(None)).limit(1)).first() is not None


def _stream(store: Store, query, chunk: int = PAGE_SIZE) -> Iterator[list[dict]]:
    with store.engine.connect() as conn:
        result = conn.execution_options(stream_results=True, yield_per=chunk).execute(query)
        for part in result.mappings().partitions(chunk):
            yield [dict(r) for r in part]


def all_events(store: Store, chunk: int = PAGE_SIZE) -> Iterator[dict]:
    """Every event of the store (background ones included), newest first, with ``outlets``."""
    query = select(t.events).order_by(t.events.c.event_date.desc(), t.events.c.id)
    for rows in _stream(store, query, chunk):
        yield from _with_outlets(store, rows)


def all_claims(store: Store, chunk: int = PAGE_SIZE) -> Iterator[dict]:
    """Every claim, current and history, with its event (through its mention) and article."""
    query = (
        select(
            t.claims,
            t.mentions.c.event_id,
            t.articles.c.outlet,
            t.articles.c.published,
            t.articles.c.url,
            t.articles.c.title,
        )
        .join(t.articles, t.articles.c.id == t.claims.c.article_id)
        .outerjoin(t.mentions, t.mentions.c.id == t.claims.c.mention_id)
        .order_by(t.claims.c.id)
    )
    for rows in _stream(store, query, chunk):
        yield from rows


def all_mentions(store: Store, chunk: int = PAGE_SIZE) -> Iterator[dict]:
    """Every mention (one article's reading of an event) with its article's URL and title."""
    query = (
        select(t.mentions, t.articles.c.url, t.articles.c.title, t.articles.c.version)
        .join(t.articles, t.articles.c.id == t.mentions.c.article_id)
        .order_by(t.mentions.c.id)
    )
    for rows in _stream(store, query, chunk):
        yield from rows


# --------------------------------------------------------------------------- records


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


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
        "event_type": row.get("event_type"),
        "sub_event_type": row.get("sub_event_type"),
        "actor1": row.get("actor1"),
        "inter1": row.get("inter1"),
        "actor2": row.get("actor2"),
        "inter2": row.get("inter2"),
        "interaction": row.get("interaction"),
        "iso": iso_numeric(row.get("country_code")),
        "country": row.get("country"),
        "admin1": row.get("admin1"),
        "location": row.get("location"),
        "latitude": row.get("latitude"),
        "longitude": row.get("longitude"),
        "geo_precision": row.get("geo_precision"),
        "source": "; ".join(outlets) or None,
        "notes": " ".join((row.get("notes") or "").split()) or None,
        "fatalities": fatalities if fatalities is not None else 0,
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
    }


def event_json(row: dict) -> dict[str, Any]:
    """An event row as JSON (``StoredEvent``): every column of ``events`` plus ``outlets``."""
    return StoredEvent.model_validate(row).model_dump(mode="json")


def geojson_feature(row: dict) -> dict[str, Any] | None:
    """An RFC 7946 Point Feature (``[longitude, latitude]``) for an event, None without coordinates."""
    lat, lon = row.get("latitude"), row.get("longitude")
    if not valid_coordinates(lat, lon):
        return None
    properties = {k: _iso(v) for k, v in event_record(row).items() if k not in ("latitude", "longitude")}
    properties["weapons"] = list(row.get("weapons") or [])
    return {
        "type": "Feature",
        "id": row["id"],
        "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
        "properties": properties,
    }


# --------------------------------------------------------------------------- text writers


class EventWriter:
    """Writes event rows to a text stream as they come: ``begin``, ``write`` per row, ``end``."""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.count = 0
        self.skipped = 0
        self._begun = self._ended = False

    def begin(self) -> None:
        if not self._begun:
            self._begun = True
            self._header()

    def write(self, row: dict) -> None:
        self.begin()
        self._write(row)
        self.count += 1

    def end(self) -> None:
        self.begin()
        if not self._ended:
            self._ended = True
            self._footer()

    def __enter__(self) -> EventWriter:
        self.begin()
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None or issubclass(exc_type, KeyboardInterrupt):
            self.end()  # a valid document of what was written, even on Ctrl-C

    def _header(self) -> None:
        pass

    def _write(self, row: dict) -> None:
        raise NotImplementedError

    def _footer(self) -> None:
        pass


class EventCsvWriter(EventWriter):
    def __init__(self, stream: TextIO, header: bool = True):
        super().__init__(stream)
        self.header = header
        self._csv = csv.DictWriter(stream, fieldnames=EVENT_CSV_COLUMNS, lineterminator="\n")

    def _header(self):
        if self.header:
            self._csv.writeheader()

    def _write(self, row):
        record = event_record(row)
        self._csv.writerow({k: _csv_value(_iso(v)) for k, v in record.items()})


class EventJsonWriter(EventWriter):
    """A JSON array, written item by item."""

    def _header(self):
        self.stream.write("[")

    def _write(self, row):
        text = textwrap.indent(json.dumps(event_json(row), ensure_ascii=False, indent=2), "  ")
        self.stream.write(("," if self.count else "") + "\n" + text)

    def _footer(self):
        self.stream.write("\n]\n" if self.count else "]\n")


class EventGeoJsonWriter(EventWriter):
    """An RFC 7946 FeatureCollection; events without coordinates are counted in ``clashwatch:skipped``."""

    def _header(self):
        self.stream.write('{"type": "FeatureCollection", "features": [')
        self._features = 0

    def _write(self, row):
        feature = geojson_feature(row)
        if feature is None:
            self.skipped += 1
            return
        self.stream.write(("," if self._features else "") + "\n" + json.dumps(feature, ensure_ascii=False))
        self._features += 1

    def _footer(self):
        self.stream.write(("\n" if self._features else "") + f'], "clashwatch:skipped": {self.skipped}}}\n')


def _clip(text: str, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def place_words(row: dict) -> str:
    names = [n for n in (row.get("location"), row.get("admin1"), row.get("country")) if n]
    names = [n for i, n in enumerate(names) if n not in names[:i]]
    return ", ".join(names) or "unknown"


def fatality_words(row: dict, short: bool = False) -> str:
    best, low, high = row.get("fatalities"), row.get("fatalities_low"), row.get("fatalities_high")
    if best is None and low is None and high is None:
        return "-" if short else "no figure given (ACLED: 0)"
    b = "?" if best is None else str(best)
    lo = "?" if low is None else str(low)
    hi = "open" if high is None else str(high)
    if short:
        return b if (low, high) == (best, best) else f"{b} ({lo}–{'' if high is None else hi})"
    return f"best {b} (low {lo}, high {hi})"


class EventTableWriter(EventWriter):
    """One line per event, for people (the layout may change; use csv/json in scripts)."""

    COLUMNS = (("id", 19), ("date", 10), ("type / sub-type", 44), ("place", 30), ("fatalities", 11), ("art.", 4))

    def _header(self):
        head = "  ".join(f"{name:<{w}}" if name not in ("fatalities", "art.") else f"{name:>{w}}" for name, w in self.COLUMNS)
        self.stream.write(head.rstrip() + "\n")

    def _write(self, row):
        date = row.get("event_date").isoformat() if row.get("event_date") else "?"
        kind = f"{row.get('event_type')} / {row.get('sub_event_type')}"
        cells = [
            f"{_clip(row['id'], 19):<19}",
            f"{date:<10}",
            f"{_clip(kind, 44):<44}",
            f"{_clip(place_words(row), 30):<30}",
            f"{_clip(fatality_words(row, short=True), 11):>11}",
            f"{row.get('n_articles') or 0:>4}",
        ]
        line = "  ".join(cells)
        if row.get("background"):
            line += "  background"
        self.stream.write(line + "\n")

    def _footer(self):
        self.stream.write(f"{self.count:,} event{'' if self.count == 1 else 's'}\n" if self.count else "no events match\n")


TEXT_WRITERS = {
    "table": EventTableWriter,
    "csv": EventCsvWriter,
    "acled-csv": EventCsvWriter,
    "json": EventJsonWriter,
    "geojson": EventGeoJsonWriter,
}


def make_event_writer(fmt: str, stream: TextIO) -> EventWriter:
    try:
        return TEXT_WRITERS[fmt](stream)
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(TEXT_WRITERS)}") from None


# --------------------------------------------------------------------------- parquet


def _schemas():
    import pyarrow as pa

    s, i8, i16, i32, i64, f64, d, b = pa.string(), pa.int8(), pa.int16(), pa.int32(), pa.int64(), pa.float64(), pa.date32(), pa.bool_()
    events = pa.schema(
        [
            ("event_id_cnty", s), ("event_date", d), ("year", i16), ("time_precision", i8),
            ("event_type", s), ("sub_event_type", s), ("actor1", s), ("inter1", i8), ("actor2", s), ("inter2", i8),
            ("interaction", i16), ("iso", i16), ("country", s), ("admin1", s), ("location", s),
            ("latitude", f64), ("longitude", f64), ("geo_precision", i8), ("source", s), ("notes", s),
            ("fatalities", i32), ("fatalities_low", i32), ("fatalities_high", i32), ("n_articles", i32),
            ("n_mentions", i32), ("background", b), ("plover", s), ("country_code", s), ("geonameid", i64),
            ("date_start", d), ("date_end", d), ("weapons", pa.list_(s)),
        ]
    )
    claims = pa.schema(
        [
            ("claim_id", i64), ("event_id", s), ("article_id", s), ("article_version", i32), ("current", b),
            ("mention_id", i64), ("local_claim_id", s), ("kind", s), ("status", s), ("low", i64), ("high", i64),
            ("approximate", b), ("source", s), ("source_type", s), ("scope", s), ("scope_party", s), ("as_of", d),
            ("revised", b), ("section", s), ("figure", s), ("sentence", s), ("outlet", s), ("published", d),
            ("url", s), ("title", s),
        ]
    )
    mentions = pa.schema(
        [
            ("mention_id", i64), ("key", s), ("event_id", s), ("article_id", s), ("article_version", i32),
            ("local_event_id", s), ("is_main", b), ("event_type", s), ("sub_event_type", s), ("plover", s),
            ("event_date", d), ("date_start", d), ("date_end", d), ("time_precision", s), ("background", b),
            ("actor1", s), ("inter1", i8), ("actor1_country", s), ("actor2", s), ("inter2", i8), ("actor2_country", s),
            ("country", s), ("country_code", s), ("admin1", s), ("location", s), ("latitude", f64), ("longitude", f64),
            ("geo_precision", i8), ("geonameid", i64), ("weapons", pa.list_(s)), ("fatalities", i32),
            ("fatalities_low", i32), ("fatalities_high", i32), ("sentence", s), ("published", d), ("outlet", s),
            ("url", s), ("title", s), ("merge_reason", s),
        ]
    )
    return events, claims, mentions


def parquet_schema(kind: str):
    """The fixed pyarrow schema of ``events``, ``claims`` or ``mentions`` Parquet files."""
    events, claims, mentions = _schemas()
    return {"events": events, "claims": claims, "mentions": mentions}[kind]


def event_parquet_row(row: dict) -> dict:
    record = event_record(row)
    record["weapons"] = list(row.get("weapons") or [])
    return record


def claim_parquet_row(row: dict) -> dict:
    out = dict(row)
    out["claim_id"] = row["id"]
    return out


def mention_parquet_row(row: dict) -> dict:
    out = dict(row)
    out["mention_id"] = row["id"]
    out["article_version"] = row.get("version")
    out["weapons"] = list(row.get("weapons") or [])
    reason = row.get("merge_reason")
    out["merge_reason"] = json.dumps(reason, ensure_ascii=False) if reason is not None else None
    return out


PARQUET_ROWS = {"events": event_parquet_row, "claims": claim_parquet_row, "mentions": mention_parquet_row}


class ParquetRowWriter:
    """Rows to a Parquet file with a fixed schema, in batches (constant memory).

    ``where`` is a path or a binary stream. With a path, the file is written under a
    temporary name and renamed at the end, so an interrupted run leaves no broken file.
    """

    def __init__(self, where: str | IO[bytes], kind: str = "events", batch_rows: int = 10_000):
        import pyarrow.parquet as pq

        self.kind = kind
        self.schema = parquet_schema(kind)
        self.convert = PARQUET_ROWS[kind]
        self.batch_rows = batch_rows
        self.count = 0
        self.skipped = 0
        self._rows: list[dict] = []
        self._path = where if isinstance(where, (str, os.PathLike)) else None
        self._tmp = f"{self._path}.part" if self._path is not None else None
        self._writer = pq.ParquetWriter(self._tmp if self._tmp else where, self.schema, compression="zstd")

    def write(self, row: dict) -> None:
        self._rows.append(self.convert(row))
        self.count += 1
        if len(self._rows) >= self.batch_rows:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self._rows:
            self._writer.write_batch(pa.RecordBatch.from_pylist(self._rows, schema=self.schema))
            self._rows = []

    def end(self) -> None:
        self._flush()
        self._writer.close()
        if self._tmp:
            os.replace(self._tmp, self._path)

    def abort(self) -> None:
        try:
            self._writer.close()
        finally:
            if self._tmp and os.path.exists(self._tmp):
                os.remove(self._tmp)

    def __enter__(self) -> ParquetRowWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.end()
        else:
            self.abort()


def sibling_paths(path: str) -> tuple[str, str]:
    """``events.parquet`` -> ``events_claims.parquet``, ``events_mentions.parquet`` (same folder)."""
    root, _ = os.path.splitext(path)
    return f"{root}_claims.parquet", f"{root}_mentions.parquet"


def export_parquet(store: Store, path: str) -> dict[str, int]:
    """The whole store as three Parquet files: events at ``path``, claims and mentions beside it."""
    claims_path, mentions_path = sibling_paths(path)
    counts = {}
    for kind, where, rows in (
        ("events", path, all_events(store)),
        ("claims", claims_path, all_claims(store)),
        ("mentions", mentions_path, all_mentions(store)),
    ):
        with ParquetRowWriter(where, kind) as writer:
            for row in rows:
                writer.write(row)
        counts[kind] = writer.count
    return counts


# --------------------------------------------------------------------------- one event


def merge_reason_words(reason: Any, labels: dict[str, str] | None = None) -> str:
    """Why a mention joined its event, in words (``mentions.merge_reason``)."""
    if not reason:
        return "not recorded"
    if not isinstance(reason, dict):
        return str(reason)
    labels = labels or {}
    joined = reason.get("joined")
    if joined and joined.startswith("founding"):
        return "founding mention of the event (the others are linked to it or to each other)"
    parts = []
    if joined == "compatible with":
        other = reason.get("mention")
        parts.append(f"same event as {labels.get(other, other)}")
    elif joined:
        parts.append(str(joined))
    for key in ("type", "date", "place"):
        if reason.get(key):
            parts.append(f"{key}: {reason[key]}")
    extra = {k: v for k, v in reason.items() if k not in ("joined", "mention", "type", "date", "place")}
    parts += [f"{k}: {v}" for k, v in extra.items()]
    return "; ".join(parts)


def contradiction_words(item: dict) -> str:
    kind = item.get("kind")
    if kind == "headline_overstates_body":
        return f"headline overstates its body: article {item.get('article_id')}'s headline {item.get('headline')!r} is above the body's {item.get('body_max')}"
    if kind == "sources_disagree":
        claims = ", ".join(item.get("claims") or [])
        return f"sources disagree: {item.get('detail')} ({claims})"
    return "; ".join(f"{k}: {v}" for k, v in item.items())


def _claim_source(row: dict) -> str:
    source = row.get("source")
    if source == "article":
        source = f"the article ({outlet_name(row.get('outlet'), row.get('url')) or row.get('article_id')})"
    kind = row.get("source_type")
    return f"{source} ({kind})" if kind and kind not in ("article",) and kind != source else source


def claim_words(row: dict) -> str:
    """A claim row in words: figure and bounds, kind, source, scope, as-of."""
    kind, status = row.get("kind"), row.get("status")
    if status == "none_reported":
        figure = f"none {kind} reported"
    elif status == "undisclosed":
        figure = f"{kind}: figure not disclosed"
    else:
        figure = f'{kind}: "{row.get("figure")}"'
        low, high = row.get("low"), row.get("high")
        bounds = []
        if low is not None or high is not None:
            lo = "?" if low is None else str(low)
            hi = "open" if high is None else str(high)
            bounds.append(lo if lo == hi else f"{lo}–{hi}")
        if row.get("approximate"):
            bounds.append("approx.")
        if bounds:
            figure += f" ({', '.join(bounds)})"
    scope = str(row.get("scope") or "all") + (f" [{row['scope_party']}]" if row.get("scope_party") else "")
    parts = [figure, f"source: {_claim_source(row)}", f"scope: {scope}"]
    parts.append(f"as of {row['as_of'].isoformat()}" if row.get("as_of") else "as of: unknown")
    if row.get("revised"):
        parts.append("REVISED")
    return " · ".join(parts)


def _actor(name: str | None, inter: int | None) -> str:
    if not name:
        return "unknown"
    return f"{name} (inter {inter}: {INTER_WORDS.get(inter, '?')})" if inter else name


def render_event_detail(detail: dict, width: int = 100) -> list[str]:
    """The table lines for ``Store.event(id)``: the event, its estimate and rationale,
    contradictions, mentions (and why each joined), current claims, toll history."""
    e = detail
    lines: list[str] = []
    wrap = lambda text, first, rest: textwrap.wrap(  # noqa: E731
        " ".join(str(text).split()), width=width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
    ) or [first.rstrip()]
    title = f"{e['id']}  {e.get('event_type')} / {e.get('sub_event_type')}" + (f"  (PLOVER {e['plover']})" if e.get("plover") else "")
    lines.append("=" * min(width, len(title)))
    lines.append(title)
    if e.get("background"):
        lines.append("    ! BACKGROUND: a past event the articles only recall")
    date = e["event_date"].isoformat() if e.get("event_date") else "unknown"
    if e.get("date_start") and e.get("date_end") and e["date_start"] != e["date_end"]:
        date = f"{e['date_start'].isoformat()} to {e['date_end'].isoformat()}"
    if e.get("time_precision"):
        date += f" ({e['time_precision']} precision)"
    lines.append(f"    date        {date}")
    place = place_words(e)
    if e.get("country_code"):
        place += f" [{e['country_code']}]"
    if valid_coordinates(e.get("latitude"), e.get("longitude")):
        place += f"  ({e['latitude']:.4f}, {e['longitude']:.4f})"
    extras = []
    if e.get("geo_precision"):
        extras.append(f"precision {e['geo_precision']} ({GEO_PRECISION_WORDS.get(e['geo_precision'], '?')})")
    if e.get("geonameid"):
        extras.append(f"GeoNames {e['geonameid']}")
    lines.append(f"    place       {place}" + (" · " + " · ".join(extras) if extras else ""))
    actors = _actor(e.get("actor1"), e.get("inter1"))
    if e.get("actor2"):
        actors += f"  vs  {_actor(e.get('actor2'), e.get('inter2'))}"
    if e.get("interaction"):
        actors += f"  · interaction {e['interaction']}"
    lines.append(f"    actors      {actors}")
    if e.get("weapons"):
        lines.append(f"    weapons     {', '.join(e['weapons'])}")
    lines.append(f"    reported    {e.get('n_articles', 0)} article(s), {e.get('n_mentions', 0)} mention(s)")
    if e.get("notes"):
        lines.extend(wrap(f"“{e['notes']}”", "    notes       ", " " * 16))
    lines.append(f"    fatalities  {fatality_words(e)}")
    for item in e.get("rationale") or []:
        lines.extend(wrap(rationale_words(RationaleItem.model_validate(item)), " " * 16 + "- ", " " * 18))
    contradictions = e.get("contradictions") or []
    lines.append("")
    lines.append("contradictions" if contradictions else "contradictions: none")
    for item in contradictions:
        lines.extend(wrap(contradiction_words(item), "  - ", "    "))

    mentions = e.get("mentions") or []
    labels = {m["key"]: f"{m['article_id']} {m['local_event_id']}" for m in mentions}
    lines.append("")
    lines.append(f"mentions ({len(mentions)})")
    for n, m in enumerate(mentions, 1):
        head = f"  [{n}] {m['article_id']} {m['local_event_id']}"
        meta = []
        if m.get("is_main"):
            meta.append("main event of its article")
        meta.append(f"outlet {outlet_name(m.get('outlet'), m.get('url')) or 'unknown'}")
        meta.append(f"published {m['published'].isoformat() if m.get('published') else 'unknown'}")
        if m.get("version") and m["version"] > 1:
            meta.append(f"article version {m['version']}")
        lines.append(head + "  · " + " · ".join(meta))
        if m.get("title"):
            lines.extend(wrap(m["title"], "      title     ", " " * 16))
        if m.get("url"):
            lines.append(f"      url       {m['url']}")
        read = f"{m.get('event_type')} / {m.get('sub_event_type')}"
        if m.get("event_date"):
            read += f" · {m['event_date'].isoformat()} ({m.get('time_precision') or '?'})"
        read += f" · {place_words(m)} · fatalities {fatality_words(m, short=True)}"
        if m.get("background"):
            read += " · background"
        lines.extend(wrap(read, "      read as   ", " " * 16))
        lines.extend(wrap(merge_reason_words(m.get("merge_reason"), labels), "      joined    ", " " * 16))
        if m.get("sentence"):
            lines.extend(wrap(f"“{m['sentence']}”", "      sentence  ", " " * 16))

    claims = e.get("claims") or []
    lines.append("")
    lines.append(f"claims ({len(claims)} current)" if claims else "claims: none")
    for c in claims:
        lines.extend(wrap(claim_words(c), f"  {c['article_id']}/{c['local_claim_id']}  ", " " * 6))
        if c.get("sentence"):
            lines.extend(wrap(f"“{c['sentence']}”", " " * 6, " " * 7))

    history = e.get("toll_history") or {}
    lines.append("")
    lines.append("toll history (killed, per source, oldest first)" if history else "toll history: no killed figures")
    for source, series in history.items():
        lines.append(f"  {source}")
        for point in series:
            when = point["as_of"].isoformat() if point.get("as_of") else "undated   "
            lo, hi = point.get("low"), point.get("high")
            bounds = "?" if lo is None and hi is None else (str(lo) if lo == hi else f"{'?' if lo is None else lo}–{'open' if hi is None else hi}")
            note = f"{point['article_id']} v{point.get('article_version') or 1}"
            if not point.get("current", True):
                note += ", superseded article version"
            lines.append(f"    {when}  \"{point.get('figure')}\" ({bounds})  [{note}]")
    return lines


def figure_in_sentence(claim: dict) -> tuple[int, int] | None:
    """Where the figure lies inside the claim's sentence, when the offsets agree with the text."""
    sentence, figure = claim.get("sentence"), claim.get("figure")
    start, f_start, f_end = claim.get("start"), claim.get("figure_start"), claim.get("figure_end")
    if not sentence or not figure or None in (start, f_start, f_end):
        return None
    a, b = f_start - start, f_end - start
    if 0 <= a < b <= len(sentence) and sentence[a:b] == figure:
        return a, b
    found = sentence.find(figure)
    return (found, found + len(figure)) if found >= 0 else None


def _claim_view(row: dict) -> dict:
    name = row.get("source")
    if name == "article":
        name = outlet_name(row.get("outlet"), row.get("url")) or "the article itself"
    return {**row, "source_name": name, "figure_in_sentence": figure_in_sentence(row)}


def event_detail_view(detail: dict) -> EventDetail:
    """``Store.event(id)`` as the ``EventDetail`` model, with the words a reader needs."""
    mentions = detail.get("mentions") or []
    labels = {m["key"]: f"{m['article_id']} {m['local_event_id']}" for m in mentions}
    return EventDetail.model_validate(
        {
            **detail,
            "mentions": [{**m, "merge_text": merge_reason_words(m.get("merge_reason"), labels)} for m in mentions],
            "claims": [_claim_view(c) for c in detail.get("claims") or []],
            "history_claims": [_claim_view(c) for c in detail.get("history_claims") or []],
            "rationale_text": [rationale_words(RationaleItem.model_validate(r)) for r in detail.get("rationale") or []],
            "contradictions_text": [contradiction_words(c) for c in detail.get("contradictions") or []],
        }
    )


def event_detail_json(detail: dict) -> dict:
    """``Store.event(id)`` as JSON (``EventDetail``; dates ISO)."""
    return event_detail_view(detail).model_dump(mode="json")
