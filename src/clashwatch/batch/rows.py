"""One article's extraction as rows of the batch tables (``events``, ``claims``, ``places``),
each with the ``month`` it is partitioned by, and their fixed Arrow schemas."""

from __future__ import annotations

from functools import cache
from typing import Any

from ..model import ArticleResult

TABLES = ("events", "claims", "places")
UNKNOWN_MONTH = "unknown"


@cache
def schemas() -> dict[str, Any]:
    import pyarrow as pa

    s, i8, i16, i32, i64, f64, d, b = pa.string(), pa.int8(), pa.int16(), pa.int32(), pa.int64(), pa.float64(), pa.date32(), pa.bool_()
    article = [("article_id", s), ("published", d), ("published_origin", s), ("reference_date", d), ("url", s), ("outlet", s)]
    return {
        "events": pa.schema(article + [
            ("event_id", s), ("event_type", s), ("sub_event_type", s), ("plover", s), ("event_date", d),
            ("date_start", d), ("date_end", d), ("time_precision", s), ("background", b),
            ("actor1", s), ("actor1_country", s), ("inter1", i8), ("actor2", s), ("actor2_country", s), ("inter2", i8),
            ("interaction", i16), ("civilian_targeting", b), ("country", s), ("country_code", s), ("admin1", s),
            ("location", s), ("latitude", f64), ("longitude", f64), ("geo_precision", i8), ("geonameid", i64),
            ("weapons", pa.list_(s)), ("fatalities", i32), ("fatalities_low", i32), ("fatalities_high", i32),
            ("sentence", s), ("month", s),
        ]),
        "claims": pa.schema(article + [
            ("claim_id", s), ("event_id", s), ("kind", s), ("status", s), ("low", i64), ("high", i64), ("approximate", b),
            ("source", s), ("source_type", s), ("scope", s), ("scope_party", s), ("as_of", d), ("revised", b),
            ("increment", b), ("section", s), ("figure", s), ("sentence", s), ("start", i32), ("end", i32),
            ("figure_start", i32), ("figure_end", i32), ("month", s),
        ]),
        "places": pa.schema(article + [
            ("text", s), ("start", i32), ("end", i32), ("section", s), ("name", s), ("geonameid", i64),
            ("latitude", f64), ("longitude", f64), ("country_code", s), ("admin1", s), ("feature_code", s),
            ("geo_precision", i8), ("demonym", b), ("month", s),
        ]),
    }


def _month(day) -> str:
    return day.strftime("%Y-%m") if day else UNKNOWN_MONTH


def result_rows(result: ArticleResult) -> dict[str, list[dict[str, Any]]]:
    """Rows of each table for one article, in the article's order. Events go to the month of
    their date, claims to their event's month, places to the article's (reference) month."""
    article = {"article_id": result.id, "published": result.published, "published_origin": result.published_origin,
               "reference_date": result.reference_date, "url": result.url, "outlet": result.outlet}
    article_month = _month(result.reference_date or result.published)
    event_month: dict[str, str] = {}
    events = []
    for e in result.events:
        month = _month(e.event_date)
        event_month[e.event_id] = month
        events.append({
            **article, "event_id": e.event_id, "event_type": e.event_type, "sub_event_type": e.sub_event_type,
            "plover": e.plover, "event_date": e.event_date, "date_start": e.date_start, "date_end": e.date_end,
            "time_precision": e.time_precision, "background": e.background,
            "actor1": e.actor1.name if e.actor1 else None, "actor1_country": e.actor1.country_code if e.actor1 else None,
            "inter1": e.actor1.inter if e.actor1 else None,
            "actor2": e.actor2.name if e.actor2 else None, "actor2_country": e.actor2.country_code if e.actor2 else None,
            "inter2": e.actor2.inter if e.actor2 else None, "interaction": e.interaction,
            "civilian_targeting": e.civilian_targeting, "country": e.country, "country_code": e.country_code,
            "admin1": e.admin1, "location": e.location, "latitude": e.latitude, "longitude": e.longitude,
            "geo_precision": e.geo_precision, "geonameid": e.geonameid, "weapons": list(e.weapons),
            "fatalities": e.fatalities, "fatalities_low": e.fatalities_low, "fatalities_high": e.fatalities_high,
            "sentence": e.sentence, "month": month,
        })
    claims = [
        {
            **article, "claim_id": c.claim_id, "event_id": c.event_id, "kind": c.kind, "status": c.status, "low": c.low,
            "high": c.high, "approximate": c.approximate, "source": c.source, "source_type": c.source_type,
            "scope": c.scope, "scope_party": c.scope_party, "as_of": c.as_of, "revised": c.revised,
            "increment": c.increment, "section": c.section, "figure": c.figure, "sentence": c.sentence, "start": c.start,
            "end": c.end, "figure_start": c.figure_start, "figure_end": c.figure_end,
            "month": event_month.get(c.event_id, article_month) if c.event_id else article_month,
        }
        for c in result.claims
    ]
    places = [
        {
            **article, "text": p.text, "start": p.start, "end": p.end, "section": p.section, "name": p.name,
            "geonameid": p.geonameid, "latitude": p.latitude, "longitude": p.longitude, "country_code": p.country_code,
            "admin1": p.admin1, "feature_code": p.feature_code, "geo_precision": p.geo_precision, "demonym": p.demonym,
            "month": article_month,
        }
        for p in result.places
    ]
    return {"events": events, "claims": claims, "places": places}
