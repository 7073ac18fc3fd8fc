"""Event filters as users type them, parsed once for the CLI and the HTTP API."""

from __future__ import annotations

import math

BBOX_HELP = "min_lon,min_lat,max_lon,max_lat (four numbers in degrees, separated by commas)"
# The longest text filter (country, admin1, type, text, bbox) the HTTP API takes: enough
# for any name, and far below what the databases' LIKE accepts (SQLite: 50,000 bytes).
MAX_FILTER_CHARS = 200


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """``"min_lon,min_lat,max_lon,max_lat"`` in degrees (WGS 84), or ValueError saying what is wrong."""
    parts = [p.strip() for p in str(value).split(",")]
    try:
        if len(parts) != 4:
            raise ValueError
        numbers = [float(p) for p in parts]
    except ValueError:
        raise ValueError(f"{value!r} is not {BBOX_HELP}") from None
    if not all(math.isfinite(n) for n in numbers):
        raise ValueError(f"{value!r}: the four numbers must be finite")
    min_lon, min_lat, max_lon, max_lat = numbers
    for label, n, limit in (("min_lon", min_lon, 180), ("min_lat", min_lat, 90), ("max_lon", max_lon, 180), ("max_lat", max_lat, 90)):
        if not -limit <= n <= limit:
            raise ValueError(f"{label} {n:g} is out of range (longitudes -180..180, latitudes -90..90)")
    if min_lat > max_lat:
        raise ValueError(f"min_lat {min_lat:g} is greater than max_lat {max_lat:g}")
    if min_lon > max_lon:
        raise ValueError(
            f"min_lon {min_lon:g} is greater than max_lon {max_lon:g} (a box across the antimeridian is not "
            "supported: query each side separately)"
        )
    return min_lon, min_lat, max_lon, max_lat


def country_filter(value: str) -> str:
    """A country name or ISO alpha-2 code as the store's filter: the code when the name is known."""
    value = value.strip()
    if len(value) == 2 and value.isalpha():
        return value.upper()
    from ..stages.countries import country_code

    return country_code(value) or value
