"""GeoJSON: an RFC 7946 FeatureCollection of events, one Point feature each.

Events without valid coordinates are left out and counted: the writers end the
collection with the foreign member ``"clashwatch:skipped"``. Coordinates are
``[longitude, latitude]`` rounded to 6 decimals.

* ``geojson_feature(result, event)``: an extracted event; its properties are its ACLED
  record (``acled_record``) plus the article's title and publication date, the event's
  date range, weapons and claim ids; its id is ``global_event_id``.
* ``geojson_row_feature(row)``: a stored event; its properties are ``event_record`` (dates
  ISO) plus its weapons; its id is the store's event id.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from ..model import ArticleResult, Event
from .acled import acled_record, event_record, global_event_id
from .base import ResultWriter, Writer, iso, valid_coordinates


def point_feature(feature_id: str, lat: float, lon: float, properties: dict[str, Any]) -> dict[str, Any]:
    """An RFC 7946 Point Feature at ``lat``/``lon`` (valid coordinates)."""
    return {
        "type": "Feature",
        "id": feature_id,
        "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
        "properties": properties,
    }


def geojson_feature(result: ArticleResult, event: Event) -> dict[str, Any] | None:
    """An extracted event as a Feature, or None without coordinates."""
    if not valid_coordinates(event.latitude, event.longitude):
        return None
    properties = acled_record(result, event)
    del properties["latitude"], properties["longitude"]
    properties.update(
        title=result.title,
        published=iso(result.published),
        date_start=iso(event.date_start),
        date_end=iso(event.date_end),
        weapons=list(event.weapons),
        claim_ids=list(event.claim_ids),
    )
    return point_feature(global_event_id(result, event), event.latitude, event.longitude, properties)


def geojson_row_feature(row: dict) -> dict[str, Any] | None:
    """A stored event row as a Feature, or None without coordinates."""
    lat, lon = row.get("latitude"), row.get("longitude")
    if not valid_coordinates(lat, lon):
        return None
    properties = {k: iso(v) for k, v in event_record(row).items() if k not in ("latitude", "longitude")}
    properties["weapons"] = list(row.get("weapons") or [])
    return point_feature(row["id"], lat, lon, properties)


class FeatureCollectionWriter(Writer):
    """A FeatureCollection streamed feature by feature; the skipped count goes in the footer."""

    name = "geojson"

    def _header(self):
        self.stream.write('{"type": "FeatureCollection", "features": [')
        self._features = 0

    def _write(self, item):
        for feature in self._features_of(item):
            if feature is None:
                self.skipped += 1
                continue
            self.stream.write(("," if self._features else "") + "\n" + json.dumps(feature, ensure_ascii=False))
            self._features += 1

    def _footer(self):
        self.stream.write(("\n" if self._features else "") + f'], "clashwatch:skipped": {self.skipped}}}\n')

    def _features_of(self, item: Any) -> Iterable[dict[str, Any] | None]:
        raise NotImplementedError


class GeoJsonWriter(ResultWriter, FeatureCollectionWriter):
    """Article results: a feature per event with coordinates."""

    def _features_of(self, result):
        return (geojson_feature(result, event) for event in result.events)


class EventGeoJsonWriter(FeatureCollectionWriter):
    """Stored events: a feature per event with coordinates."""

    def _features_of(self, row):
        return (geojson_row_feature(row),)


def write_geojson(results, stream: TextIO) -> ResultWriter:
    return GeoJsonWriter(stream).write_all(results)
