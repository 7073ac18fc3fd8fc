"""Event filters as users type them, parsed once for the CLI and the HTTP API.

Every list filter (country, admin1, type, actor, outlet, interaction) takes several values,
repeated (``--country KE --country NG``) or comma-separated (``KE,NG``): an event matches
when it matches any of them. An unknown country or type is an error that names the closest
valid values.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable
from functools import cache

from ..model import ACLED_TYPES

BBOX_HELP = "min_lon,min_lat,max_lon,max_lat (four numbers in degrees, separated by commas)"
# The longest text filter (country, admin1, type, text, bbox) the HTTP API takes: enough
# for any name, and far below what the databases' LIKE accepts (SQLite: 50,000 bytes).
MAX_FILTER_CHARS = 200
# The most values one list filter takes (an API query, a command line).
MAX_FILTER_VALUES = 50


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


# How the events can be ordered: the column, and whether the largest comes first.
SORTS = {"newest": ("event_date", True), "oldest": ("event_date", False), "deadliest": ("fatalities", True)}
DEFAULT_SORT = "newest"


def split_values(values: str | Iterable[str] | None) -> tuple[str, ...]:
    """Repeated and comma-separated values as one tuple, blanks and repeats dropped."""
    if values is None:
        return ()
    if isinstance(values, str):
        values = [values]
    out: dict[str, None] = {}
    for value in values:
        for part in str(value).split(","):
            if part.strip():
                out[part.strip()] = None
    return tuple(out)


def _closest(value: str, choices: Iterable[str], n: int = 3) -> str:
    by_lower = {c.lower(): c for c in choices}
    found = difflib.get_close_matches(value.lower(), list(by_lower), n=n, cutoff=0.6)
    if not found:
        found = [c for c in by_lower if value.lower() in c][:n]
    return "; did you mean " + " or ".join(repr(by_lower[f]) for f in found) + "?" if found else ""


@cache
def _country_names() -> dict[str, str]:
    """Every country's display name by its ISO alpha-2 code."""
    import pycountry

    from ..stages.countries import country_name

    names = {}
    for c in pycountry.countries:
        names[c.alpha_2] = country_name(c.alpha_2) or c.name
    return names


def country_filter(value: str) -> str:
    """A country name or ISO alpha-2 code as the store's filter (the code); ValueError with
    the closest names when it names no country."""
    value = value.strip()
    names = _country_names()
    if len(value) == 2 and value.isalpha():
        if value.upper() in names:
            return value.upper()
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 country code{_closest(value, names)}")
    from ..stages.countries import country_code

    code = country_code(value)
    if code is None:
        raise ValueError(f"{value!r} is not a country clashwatch knows{_closest(value, names.values())}")
    return code


def type_filter(value: str) -> str:
    """An ACLED event type or sub-event type, spelled as ACLED spells it; ValueError with the
    closest types otherwise."""
    known = [*ACLED_TYPES, *(sub for subs in ACLED_TYPES.values() for sub in subs)]
    for name in known:
        if name.lower() == value.strip().lower():
            return name
    raise ValueError(f"{value!r} is not an ACLED event type or sub-event type{_closest(value.strip(), known)}")


def interaction_filter(value: str) -> int:
    """An ACLED interaction code (two actor codes, 1-8, lower first: 12, 17, 60)."""
    text = value.strip()
    if not (text.isdigit() and len(text) == 2 and text[0] in "12345678" and text[1] in "012345678"
            and (text[1] == "0" or text[0] <= text[1])):
        raise ValueError(f"{value!r} is not an ACLED interaction code (two digits, the actors' codes 1-8, lower "
                         "first, 0 for no second actor: 10, 12, 17, 60)")
    return int(text)


def sort_filter(value: str) -> str:
    key = value.strip().lower()
    if key not in SORTS:
        raise ValueError(f"{value!r} is not a sort order (one of {', '.join(SORTS)})")
    return key
