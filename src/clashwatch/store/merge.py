"""Cross-article event merging: which mentions describe the same real-world event.

Two mentions (one article's reading of an event) are *compatible* when all hold:

- they come from different articles (one article's events are distinct by construction);
- both are current or both are background;
- their types agree: the same event type, or two violent types (outlets call the same
  attack a "clash" or an "attack"); strategic developments need the same sub-event type;
- their dates agree: day- or week-precise ranges that overlap, with one day of tolerance
  for day-precise pairs ("Saturday night" and "Sunday"); coarser ranges (a month, a
  year) only match an identical range;
- their places agree: within 50 km when both are town-precise or near a town, else the
  same admin1 region, else the same country when one is only known at country level;
- their actors do not contradict: the countries of their actors overlap when both name any.

Events are the connected components of the compatibility graph. Components do not depend
on the order in which mentions arrive, and adding a mention only re-examines the events it
touches, so merging is incremental and order-independent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..stages.gazetteer import haversine_km

VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
MAX_DISTANCE_KM = 50.0
DAY_TOLERANCE = dt.timedelta(days=1)
PRECISE_RANGE_DAYS = 7


@dataclass(frozen=True)
class MentionRecord:
    key: str
    article_id: str
    event_type: str
    sub_event_type: str
    date_start: dt.date | None
    date_end: dt.date | None
    time_precision: str | None
    background: bool
    country_code: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    actor_countries: frozenset[str] = field(default_factory=frozenset)


def _types(a: MentionRecord, b: MentionRecord) -> str | None:
    if a.event_type == b.event_type:
        if a.event_type == "Strategic developments" and a.sub_event_type != b.sub_event_type:
            return None
        return f"same type ({a.event_type})"
    if a.event_type in VIOLENT and b.event_type in VIOLENT:
        return f"violent types ({a.event_type} / {b.event_type})"
    return None


def _precise(m: MentionRecord) -> bool:
    return m.date_start is not None and m.date_end is not None and (m.date_end - m.date_start).days < PRECISE_RANGE_DAYS


def _dates(a: MentionRecord, b: MentionRecord) -> str | None:
    if a.date_start is None or b.date_start is None:
        return None
    if not (_precise(a) and _precise(b)):
        if (a.date_start, a.date_end) == (b.date_start, b.date_end):
            return f"same {a.time_precision} ({a.date_start}..{a.date_end})"
        return None
    tolerance = DAY_TOLERANCE if a.time_precision == "day" and b.time_precision == "day" else dt.timedelta(0)
    if a.date_start <= b.date_end + tolerance and b.date_start <= a.date_end + tolerance:
        if a.date_start == b.date_start and a.date_end == b.date_end:
            return f"same date ({a.date_start})" if a.date_start == a.date_end else f"same dates ({a.date_start}..{a.date_end})"
        return f"dates overlap ({a.date_start}..{a.date_end} / {b.date_start}..{b.date_end})"
    return None


def _places(a: MentionRecord, b: MentionRecord) -> str | None:
    if a.country_code and b.country_code and a.country_code != b.country_code:
        return None
    fine = lambda m: m.latitude is not None and m.geo_precision is not None and m.geo_precision <= 2  # noqa: E731
    if fine(a) and fine(b):
        d = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)
        return f"{d:.0f} km apart" if d <= MAX_DISTANCE_KM else None
    if a.admin1 and b.admin1 and (a.geo_precision == 3 or b.geo_precision == 3 or not (fine(a) and fine(b))):
        return f"same region ({a.admin1})" if a.admin1 == b.admin1 else None
    if a.country_code and a.country_code == b.country_code:
        return f"same country ({a.country_code}) at low precision"
    if not a.country_code or not b.country_code:
        return "place unknown on one side"
    return None


def compatible(a: MentionRecord, b: MentionRecord) -> dict | None:
    """Why two mentions are the same event, or None when they are not."""
    if a.article_id == b.article_id or a.background != b.background:
        return None
    types = _types(a, b)
    if types is None:
        return None
    dates = _dates(a, b)
    if dates is None:
        return None
    place = _places(a, b)
    if place is None:
        return None
    if a.actor_countries and b.actor_countries and not (a.actor_countries & b.actor_countries):
        return None
    return {"type": types, "date": dates, "place": place}


def cluster(mentions: Iterable[MentionRecord]) -> list[tuple[list[MentionRecord], dict[str, dict]]]:
    """Connected components of the compatibility graph, each with every mention's reason
    for joining: the link to the smallest-keyed mention it is compatible with."""
    items = sorted(mentions, key=lambda m: m.key)
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    links: dict[int, tuple[int, dict]] = {}
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            why = compatible(items[i], items[j])
            if why is None:
                continue
            parent[find(j)] = find(i)
            links.setdefault(j, (i, why))
    groups: dict[int, list[int]] = {}
    for i in range(len(items)):
        groups.setdefault(find(i), []).append(i)
    out = []
    for members in groups.values():
        founder = members[0]
        reasons: dict[str, dict] = {}
        for i in members:
            if i == founder:
                reasons[items[i].key] = {"joined": "founding mention (smallest key)"}
            else:
                j, why = links[i] if i in links else _first_link(i, members, items)
                reasons[items[i].key] = {"joined": "compatible with", "mention": items[j].key, **why}
        out.append(([items[i] for i in members], reasons))
    return out


def _first_link(i: int, members: list[int], items: list[MentionRecord]) -> tuple[int, dict]:
    for j in members:
        if j != i:
            why = compatible(items[i], items[j])
            if why is not None:
                return j, why
    raise AssertionError("a component member links to no other member")
