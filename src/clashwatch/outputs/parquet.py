"""Parquet: the store's events, claims and mentions as files with a fixed schema.

``ParquetRowWriter(where, kind)`` writes rows of one kind (``events``, ``claims``,
``mentions``) in batches to a path or a binary stream, with the schema of
``parquet_schema(kind)`` (dates as ``date32``). ``export_parquet(store, path)`` writes the
whole store as three files: events at ``path``, claims and mentions beside it
(``sibling_paths``). Each keeps the store's columns and names (docs/fields.md); events
add their ``outlets``. ACLED's columns are ``--format acled``'s.
"""

from __future__ import annotations

import json
import os
from typing import IO

from ..store import EventQuery, Store
from ..store.queries import all_claims, all_events, all_mentions
from .base import Writer


def _schemas():
    import pyarrow as pa

    s, i8, i16, i32, i64, f64, d, b = pa.string(), pa.int8(), pa.int16(), pa.int32(), pa.int64(), pa.float64(), pa.date32(), pa.bool_()
    events = pa.schema(
        [
            ("id", s), ("event_type", s), ("sub_event_type", s), ("plover", s), ("event_date", d), ("date_start", d),
            ("date_end", d), ("time_precision", s), ("background", b), ("actor1", s), ("inter1", i8), ("actor1_country", s),
            ("actor2", s), ("inter2", i8), ("actor2_country", s), ("interaction", i16), ("country", s), ("country_code", s),
            ("admin1", s), ("location", s), ("latitude", f64), ("longitude", f64), ("geo_precision", i8), ("geonameid", i64),
            ("weapons", pa.list_(s)), ("fatalities", i32), ("fatalities_low", i32), ("fatalities_high", i32),
            ("n_mentions", i32), ("n_articles", i32), ("notes", s), ("outlets", pa.list_(s)), ("updated_at", pa.timestamp("us", tz="UTC")),
            ("review_state", s), ("review_note", s),
        ]
    )
    claims = pa.schema(
        [
            ("id", i64), ("event_id", s), ("article_id", s), ("article_version", i32), ("current", b),
            ("mention_id", i64), ("local_claim_id", s), ("kind", s), ("status", s), ("low", i64), ("high", i64),
            ("approximate", b), ("source", s), ("source_type", s), ("scope", s), ("scope_party", s), ("as_of", d),
            ("revised", b), ("section", s), ("figure", s), ("sentence", s), ("outlet", s), ("published", d),
            ("url", s), ("title", s),
        ]
    )
    mentions = pa.schema(
        [
            ("id", i64), ("key", s), ("event_id", s), ("article_id", s), ("article_version", i32),
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
    out = dict(row)
    out["weapons"] = list(row.get("weapons") or [])
    out["outlets"] = list(row.get("outlets") or [])
    return out


def claim_parquet_row(row: dict) -> dict:
    return dict(row)


def mention_parquet_row(row: dict) -> dict:
    out = dict(row)
    out["article_version"] = row.get("version")
    out["weapons"] = list(row.get("weapons") or [])
    reason = row.get("merge_reason")
    out["merge_reason"] = json.dumps(reason, ensure_ascii=False) if reason is not None else None
    return out


PARQUET_ROWS = {"events": event_parquet_row, "claims": claim_parquet_row, "mentions": mention_parquet_row}


class ParquetRowWriter(Writer):
    """Rows to a Parquet file with a fixed schema, in batches (constant memory).

    ``where`` is a path or a binary stream. With a path, the file is written under a
    temporary name and renamed at the end, so an interrupted run leaves no broken file:
    on any exception (Ctrl-C included) the context manager ``abort()``s instead of ending.
    """

    name = "parquet"

    def __init__(self, where: str | IO[bytes], kind: str = "events", batch_rows: int = 10_000):
        import pyarrow.parquet as pq

        super().__init__(where)
        self.kind = kind
        self.schema = parquet_schema(kind)
        self.convert = PARQUET_ROWS[kind]
        self.batch_rows = batch_rows
        self._rows: list[dict] = []
        self._path = where if isinstance(where, (str, os.PathLike)) else None
        self._tmp = f"{self._path}.part" if self._path is not None else None
        self._writer = pq.ParquetWriter(self._tmp if self._tmp else where, self.schema, compression="zstd")

    def _write(self, row: dict) -> None:
        self._rows.append(self.convert(row))
        if len(self._rows) >= self.batch_rows:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self._rows:
            self._writer.write_batch(pa.RecordBatch.from_pylist(self._rows, schema=self.schema))
            self._rows = []

    def _footer(self) -> None:
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

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.end()
        else:
            self.abort()


def sibling_paths(path: str) -> tuple[str, str]:
    """``events.parquet`` -> ``events_claims.parquet``, ``events_mentions.parquet`` (same folder)."""
    root, _ = os.path.splitext(path)
    return f"{root}_claims.parquet", f"{root}_mentions.parquet"


def export_parquet(store: Store, path: str, query: EventQuery | None = None) -> dict[str, int]:
    """The store (or the events ``query`` selects) as three Parquet files: events at ``path``,
    their claims and mentions beside it."""
    claims_path, mentions_path = sibling_paths(path)
    counts = {}
    for kind, where, rows in (
        ("events", path, all_events(store, query=query)),
        ("claims", claims_path, all_claims(store, query=query)),
        ("mentions", mentions_path, all_mentions(store, query=query)),
    ):
        with ParquetRowWriter(where, kind) as writer:
            for row in rows:
                writer.write(row)
        counts[kind] = writer.count
    return counts
