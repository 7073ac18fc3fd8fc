"""A page of ``/api/events.geojson`` as JSON text, without decoding every stored column.

The features are those ``outputs.geojson.geojson_row_feature`` makes of ``Store.events``
rows (``tests/web/test_geojson_page.py`` compares them on a generated store), built from
the columns they need only. On SQLite, SQLite writes each feature's properties with
``json_object`` (as ``store.pages`` does for ``/api/events``) and Python adds the id and
the rounded coordinates; the notes' whitespace and ACLED's numeric country code are
Python's own functions, called from SQL. On PostgreSQL the rows come as tuples and
``_properties`` builds the same dict. A page of 1,000 features on a 100,000-event SQLite
store costs about a third of the CPU of decoding every column of every row into a dict
and building ``event_record`` from it (``benchmarks/geojson_page.py``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import literal_column

from ..model import disorder_type, interaction_code, is_civilian_targeting
from ..outputs.acled import (
    ACLED_CIVILIAN_TARGETING,
    ACLED_TIME_PRECISION,
    EMPTY_ACLED_COLUMNS,
    iso_numeric,
)
from ..outputs.base import one_line
from ..store import EventQuery, Store
from ..store import tables as t
from .fastjson import dumps

_PROTEST_FORCE = "Excessive force against protesters"
_TARGETING_CIVILIANS = ("Violence against civilians", "Explosions/Remote violence")


# the SQL twins of model.interaction_code, disorder_type and is_civilian_targeting (which the
# PostgreSQL path calls): tests/web/test_geojson_page.py holds the two paths to the export
def _interaction_sql() -> str:
    one, two = "coalesce(inter1, 0)", "coalesce(inter2, 0)"
    return (f"CASE WHEN {one} = 0 AND {two} = 0 THEN NULL WHEN {one} = 0 THEN inter2 * 10 WHEN {two} = 0 THEN inter1 * 10 "
            f"ELSE min(inter1, inter2) * 10 + max(inter1, inter2) END")


def _precision_sql() -> str:
    cases = " ".join(f"WHEN '{name}' THEN {code}" for name, code in ACLED_TIME_PRECISION.items())
    return f"CASE time_precision {cases} END"


def _disorder_sql() -> str:
    return ("CASE WHEN event_type IS NULL THEN NULL "
            f"WHEN sub_event_type = '{_PROTEST_FORCE}' THEN 'Political violence; Demonstrations' "
            "WHEN event_type = 'Protests' OR sub_event_type = 'Violent demonstration' THEN 'Demonstrations' "
            "WHEN event_type = 'Strategic developments' THEN 'Strategic developments' "
            "ELSE 'Political violence' END")


def _properties_sql() -> str:
    targeting = ", ".join(f"'{name}'" for name in _TARGETING_CIVILIANS)
    fields = [
        ("event_id_cnty", "events.id"),
        ("event_date", "event_date"),
        ("year", "CAST(substr(event_date, 1, 4) AS INTEGER)"),
        ("time_precision", _precision_sql()),
        ("disorder_type", _disorder_sql()),
        ("event_type", "event_type"),
        ("sub_event_type", "sub_event_type"),
        ("actor1", "actor1"),
        ("inter1", "inter1"),
        ("actor2", "actor2"),
        ("inter2", "inter2"),
        ("interaction", _interaction_sql()),
        ("civilian_targeting", f"CASE WHEN inter2 = 7 AND event_type IN ({targeting}) THEN '{ACLED_CIVILIAN_TARGETING}' END"),
        ("iso", "clashwatch_iso_numeric(country_code)"),
        ("country", "country"),
        ("admin1", "admin1"),
        ("location", "location"),
        ("geo_precision", "geo_precision"),
        ("source", "(SELECT nullif(group_concat(value, '; '), '') FROM json_each(events.outlets))"),
        ("notes", "clashwatch_one_line(notes)"),
        ("fatalities", "coalesce(fatalities, 0)"),
        ("timestamp", "CAST(strftime('%s', substr(updated_at, 1, 19)) AS INTEGER)"),
        *((name, "NULL") for name in EMPTY_ACLED_COLUMNS),
        ("fatalities_low", "fatalities_low"),
        ("fatalities_high", "fatalities_high"),
        ("n_articles", "n_articles"),
        ("n_mentions", "n_mentions"),
        ("background", "json(CASE WHEN background THEN 'true' ELSE 'false' END)"),
        ("plover", "plover"),
        ("country_code", "country_code"),
        ("geonameid", "geonameid"),
        ("date_start", "date_start"),
        ("date_end", "date_end"),
        ("review_state", "coalesce(nullif(review_state, ''), 'machine')"),
        ("review_note", "clashwatch_one_line(review_note)"),
        ("weapons", "CASE WHEN weapons IS NULL OR weapons IN ('null', '', '0', 'false') THEN json('[]') ELSE json(weapons) END"),
    ]
    return "json_object(" + ", ".join(f"'{name}', {sql}" for name, sql in fields) + ")"


_PROPERTIES_SQL = _properties_sql()


def _feature(quoted_id: str, lat: Any, lon: Any, properties: str) -> str | None:
    """The Feature's JSON; None without valid coordinates (NaN and infinities fail the ranges)."""
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return (f'{{"type":"Feature","id":{quoted_id},"geometry":{{"type":"Point","coordinates":[{round(lon, 6)!r},'
            f'{round(lat, 6)!r}]}},"properties":{properties}}}')


def _sqlite_page(store: Store, query: EventQuery) -> list[tuple[dict, str | None]]:
    e = t.events.c
    with store.engine.connect() as conn:
        raw = conn.connection.driver_connection
        raw.create_function("clashwatch_one_line", 1, lambda text: one_line(text) or None, deterministic=True)
        raw.create_function("clashwatch_iso_numeric", 1, iso_numeric, deterministic=True)
        stmt = store.select_events(conn, query, e.id, e.event_date, e.fatalities, e.latitude, e.longitude,
                                   literal_column("json_quote(events.id)"), literal_column(_PROPERTIES_SQL))
        return [({"id": i, "event_date": d, "fatalities": f}, _feature(quoted, lat, lon, props))
                for i, d, f, lat, lon, quoted, props in conn.execute(stmt)]


_COLUMNS = ("id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "inter1", "actor2", "inter2",
            "country_code", "country", "admin1", "location", "latitude", "longitude", "geo_precision", "outlets", "notes",
            "fatalities", "updated_at", "fatalities_low", "fatalities_high", "n_articles", "n_mentions", "background",
            "plover", "geonameid", "date_start", "date_end", "review_state", "review_note", "weapons")
_EMPTY = tuple((name, None) for name in EMPTY_ACLED_COLUMNS)


def _properties(row: tuple) -> dict[str, Any]:
    (i, date, precision, etype, subtype, actor1, inter1, actor2, inter2, code, country, admin1, location, _lat, _lon,
     geo_precision, outlets, notes, fatalities, updated, low, high, n_articles, n_mentions, background, plover,
     geonameid, start, end, state, note, weapons) = row
    if isinstance(updated, dt.datetime):
        timestamp = int((updated if updated.tzinfo else updated.replace(tzinfo=dt.UTC)).timestamp())
    else:
        timestamp = None
    properties = {
        "event_id_cnty": i,
        "event_date": date.isoformat() if date else date,
        "year": date.year if date else None,
        "time_precision": ACLED_TIME_PRECISION.get(precision),
        "disorder_type": disorder_type(etype, subtype),
        "event_type": etype,
        "sub_event_type": subtype,
        "actor1": actor1,
        "inter1": inter1,
        "actor2": actor2,
        "inter2": inter2,
        "interaction": interaction_code(inter1, inter2),
        "civilian_targeting": ACLED_CIVILIAN_TARGETING if is_civilian_targeting(etype, inter2) else None,
        "iso": iso_numeric(code),
        "country": country,
        "admin1": admin1,
        "location": location,
        "geo_precision": geo_precision,
        "source": "; ".join(outlets or ()) or None,
        "notes": one_line(notes) or None,
        "fatalities": fatalities if fatalities is not None else 0,
        "timestamp": timestamp,
        **dict(_EMPTY),
        "fatalities_low": low,
        "fatalities_high": high,
        "n_articles": n_articles,
        "n_mentions": n_mentions,
        "background": bool(background),
        "plover": plover,
        "country_code": code,
        "geonameid": geonameid,
        "date_start": start.isoformat() if start else start,
        "date_end": end.isoformat() if end else end,
        "review_state": state or "machine",
        "review_note": one_line(note) or None,
        "weapons": list(weapons or []),
    }
    return properties


def _rows_page(store: Store, query: EventQuery) -> list[tuple[dict, str | None]]:
    e = t.events.c
    with store.engine.connect() as conn:
        rows = conn.execute(store.select_events(conn, query, *(e[name] for name in _COLUMNS))).all()
    return [({"id": r[0], "event_date": r[1], "fatalities": r[18]}, _feature(dumps(r[0]), r[13], r[14], dumps(_properties(r))))
            for r in rows]


def _found(store: Store, query: EventQuery) -> list[tuple[dict, str | None]]:
    return _sqlite_page(store, query) if store.dialect == "sqlite" else _rows_page(store, query)


def features_json(store: Store, query: EventQuery) -> str:
    """The JSON array of the features of ``query``'s events (those with coordinates)."""
    return "[" + ",".join(feature for _, feature in _found(store, query) if feature is not None) + "]"


def geojson_page_body(store: Store, query: EventQuery, limit: int, cursor_of) -> str:
    """The FeatureCollection of the first ``limit`` events of ``query`` (which asks for one
    more, to tell whether there is a next page), with ``next_cursor``: ``cursor_of(row)``
    of the last event when there is a next page."""
    found = _found(store, query)
    more = len(found) > limit
    found = found[:limit]
    cursor = cursor_of(found[-1][0]) if more and found else None
    features = ",".join(feature for _, feature in found if feature is not None)
    return '{"type":"FeatureCollection","features":[' + features + '],"next_cursor":' + dumps(cursor) + "}"
