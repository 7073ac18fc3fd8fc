"""Review: an analyst's corrections, kept as data and applied whenever events are rebuilt.

A correction is one row of ``corrections`` (the event it targets, the mention keys the
event had then, the field, the value before and after, who, when, why). Nothing a
correction changes is lost: the event row holds the corrected values (so that every
listing, filter, total and export reads them) and ``events.machine`` keeps the machine's
values of the fields it changed.

When events are rebuilt (``Store._merge``: a new report joins, an article is updated or
re-extracted) the mentions are clustered by the machine, then the structural corrections
(``merge``, ``split``) are replayed in the order they were made, ids are given (an event
keeps its id; see ``assign_ids``), and the field corrections are applied again to the event
they now target: the event of the id they were made on, else the event holding most of the
mentions that event had (its id went when it merged into an older one), else none: the
correction is *orphaned*, kept and listed for a person to resolve.

Review state: ``machine`` until someone acts; then the latest of ``corrected`` (a field
correction, a merge or a split), ``verified`` and ``rejected``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from typing import Any

from sqlalchemy import and_, case, exists, func, insert, or_, select, update
from sqlalchemy.engine import Connection

from ..model import ACLED_TYPES
from . import tables as t

STATES = ("machine", "corrected", "verified", "rejected")
FIELD_COLUMNS = {
    "type": ("event_type", "sub_event_type"),
    "date": ("event_date", "date_start", "date_end", "time_precision"),
    "place": ("location", "country", "country_code", "admin1", "latitude", "longitude", "geo_precision", "geonameid"),
    "actors": ("actor1", "actor2"),
    "fatalities": ("fatalities", "fatalities_low", "fatalities_high"),
}
STRUCTURAL = ("merge", "split")
MARKS = {"verify": "verified", "reject": "rejected"}
FIELDS = (*FIELD_COLUMNS, *STRUCTURAL, *MARKS)
DATE_COLUMNS = ("event_date", "date_start", "date_end")
MAX_WHY_CHARS = 2000
MAX_ACTOR_CHARS = 200
MAX_TOLL = 2**31 - 1


class ReviewError(ValueError):
    """A correction that cannot be made, in one line."""


class UnknownTarget(ReviewError):
    """The event or mention a correction names does not exist."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _json(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _column_value(column: str, value: Any) -> Any:
    if column in DATE_COLUMNS and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


# --------------------------------------------------------------------------- validation


def check_why(why: str | None) -> str:
    text = " ".join(str(why or "").split())
    if not text:
        raise ReviewError("a reason is required (--why / \"why\"): say why the event is changed")
    if len(text) > MAX_WHY_CHARS:
        raise ReviewError(f"the reason is longer than {MAX_WHY_CHARS} characters")
    return text


def check_who(who: str | None, default: str) -> str:
    text = " ".join(str(who or "").split()) or default
    if len(text) > 200:
        raise ReviewError("who is longer than 200 characters")
    return text


def check_type(event_type: str | None, sub_event_type: str | None) -> dict:
    """ACLED's type and sub-event type, spelled as ACLED does; a sub-event type alone names its type."""
    def spelled(value: str, known) -> str | None:
        return next((k for k in known if k.lower() == value.strip().lower()), None)

    subs = {sub: kind for kind, all_subs in ACLED_TYPES.items() for sub in all_subs}
    kind = spelled(event_type, ACLED_TYPES) if event_type else None
    if event_type and kind is None:
        raise ReviewError(f"{event_type!r} is not an ACLED event type ({', '.join(ACLED_TYPES)})")
    sub = spelled(sub_event_type, subs) if sub_event_type else None
    if sub_event_type and sub is None:
        raise ReviewError(f"{sub_event_type!r} is not an ACLED sub-event type")
    if sub is None:
        if kind is None:
            raise ReviewError("give an event type or a sub-event type")
        raise ReviewError(f"give the sub-event type too (for {kind}: {', '.join(ACLED_TYPES[kind])})")
    if kind is not None and subs[sub] != kind:
        raise ReviewError(f"{sub!r} is a sub-event type of {subs[sub]}, not of {kind}")
    return {"event_type": subs[sub], "sub_event_type": sub}


def check_date(value: Any) -> dict:
    if isinstance(value, dt.date):
        day = value
    else:
        try:
            day = dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise ReviewError(f"{str(value)[:40]!r} is not a date (YYYY-MM-DD)") from None
    if not dt.date(1800, 1, 1) <= day <= dt.date(2199, 12, 31):
        raise ReviewError(f"{day} is out of range (1800-01-01 to 2199-12-31)")
    return {"event_date": day.isoformat(), "date_start": day.isoformat(), "date_end": day.isoformat(), "time_precision": "day"}


def check_fatalities(best: Any, low: Any = None, high: Any = None) -> dict:
    def number(name: str, value: Any) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
            raise ReviewError(f"the toll's {name} {value!r} is not a whole number")
        try:
            n = int(value)
        except (TypeError, ValueError):
            raise ReviewError(f"the toll's {name} {str(value)[:40]!r} is not a whole number") from None
        if n < 0:
            raise ReviewError(f"the toll's {name} {n} is negative")
        if n > MAX_TOLL:
            raise ReviewError(f"the toll's {name} {n} is larger than any event's ({MAX_TOLL})")
        return n

    best_n, low_n, high_n = number("best", best), number("low", low), number("high", high)
    if best_n is None:
        raise ReviewError("the toll needs a best figure")
    low_n = best_n if low_n is None else low_n
    high_n = best_n if high_n is None else high_n
    if not low_n <= best_n <= high_n:
        raise ReviewError(f"the toll must have low <= best <= high (got {low_n} <= {best_n} <= {high_n})")
    return {"fatalities": best_n, "fatalities_low": low_n, "fatalities_high": high_n}


def parse_fatalities(text: str) -> dict:
    """``N`` or ``N/LOW-HIGH`` (``12/10-15``), as the CLI takes a toll."""
    value = str(text).strip()
    best, _, span = value.partition("/")
    low = high = None
    if span:
        low, sep, high = span.partition("-")
        if not sep:
            raise ReviewError(f"{value!r} is not a toll: N or N/LOW-HIGH (12 or 12/10-15)")
    try:
        return check_fatalities(int(best), int(low) if low else None, int(high) if high else None)
    except ValueError as exc:
        if isinstance(exc, ReviewError):
            raise
        raise ReviewError(f"{value!r} is not a toll: N or N/LOW-HIGH (12 or 12/10-15)") from None


def check_actors(actor1: str | None, actor2: str | None) -> dict:
    out = {}
    for name, value in (("actor1", actor1), ("actor2", actor2)):
        if value is None:
            continue
        text = " ".join(str(value).split())
        if len(text) > MAX_ACTOR_CHARS:
            raise ReviewError(f"{name} is longer than {MAX_ACTOR_CHARS} characters")
        out[name] = text or None
    if not out:
        raise ReviewError("give actor1 or actor2")
    if "actor1" in out and out["actor1"] is None:
        raise ReviewError("actor1 cannot be empty (an event has at least one actor)")
    return out


def place_from_geonameid(geonameid: Any) -> dict:
    from ..stages.gazetteer import Gazetteer

    try:
        gid = int(geonameid)
    except (TypeError, ValueError):
        raise ReviewError(f"{str(geonameid)[:40]!r} is not a GeoNames id") from None
    entry = Gazetteer.load().by_geonameid(gid)
    if entry is None:
        raise ReviewError(f"GeoNames id {gid} is not in clashwatch's gazetteer (search it: GET /api/gazetteer?q=NAME)")
    precision = 1 if entry.feature_class == "P" else 3
    return {"location": entry.name, "country": entry.country, "country_code": entry.country_code, "admin1": entry.admin1,
            "latitude": entry.latitude, "longitude": entry.longitude, "geo_precision": precision, "geonameid": entry.geonameid}


def place_from_point(latitude: Any, longitude: Any, precision: Any = 1) -> dict:
    from ..stages.gazetteer import Gazetteer

    try:
        lat, lon = float(latitude), float(longitude)
    except (TypeError, ValueError):
        raise ReviewError(f"{latitude!r},{longitude!r} is not a point (LAT,LON in degrees)") from None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise ReviewError(f"{lat:g},{lon:g} is not a point (latitude -90..90, longitude -180..180)")
    try:
        geo_precision = int(precision)
    except (TypeError, ValueError):
        raise ReviewError(f"precision {precision!r} is not 1, 2 or 3") from None
    if geo_precision not in (1, 2, 3):
        raise ReviewError(f"precision {geo_precision} is not 1 (the town), 2 (near a town) or 3 (a region)")
    near = Gazetteer.load().nearest(lat, lon)
    place = {"location": None, "country": None, "country_code": None, "admin1": None, "latitude": round(lat, 5),
             "longitude": round(lon, 5), "geo_precision": geo_precision, "geonameid": None}
    if near is not None:
        entry, km = near
        place.update(country=entry.country, country_code=entry.country_code, admin1=entry.admin1,
                     location=entry.name if km < 1 else f"{km:.0f} km from {entry.name}")
        if km < 1:
            place["geonameid"] = entry.geonameid
    return place


def parse_place(text: str) -> dict:
    """``GEONAMEID`` or ``LAT,LON`` (``LAT,LON,PRECISION``), as the CLI takes a place."""
    value = str(text).strip()
    if value.isdigit():
        return place_from_geonameid(int(value))
    parts = [p.strip() for p in value.split(",")]
    if len(parts) in (2, 3):
        return place_from_point(*parts)
    raise ReviewError(f"{value!r} is not a place: a GeoNames id (1052373) or LAT,LON[,PRECISION] (-10.77,40.47)")


# --------------------------------------------------------------------------- reading


def event_keys(conn: Connection, event_id: str) -> list[str]:
    return sorted(conn.execute(select(t.mentions.c.key).where(t.mentions.c.event_id == event_id)).scalars())


def correction_rows(conn: Connection, where=None) -> list[dict]:
    stmt = select(t.corrections).order_by(t.corrections.c.id)
    if where is not None:
        stmt = stmt.where(where)
    rows = [dict(r) for r in conn.execute(stmt).mappings()]
    for row in rows:
        if row["at"] is not None and row["at"].tzinfo is None:  # SQLite gives back naive UTC times
            row["at"] = row["at"].replace(tzinfo=dt.timezone.utc)
    return rows


def event_corrections(conn: Connection, event_id: str) -> list[dict]:
    """The corrections that apply to an event now, and those made on its id, oldest first."""
    c = t.corrections.c
    return correction_rows(conn, or_(c.applied_to == event_id, c.event_id == event_id))


# --------------------------------------------------------------------------- rebuilding


def structural_corrections(conn: Connection, keys: set[str]) -> list[dict]:
    """The merges and splits that concern any of ``keys``, oldest first."""
    rows = correction_rows(conn, t.corrections.c.field.in_(STRUCTURAL))
    out = []
    for row in rows:
        mine = set(row["anchor"] or []) | set((row["after"] or {}).get("mentions") or [])
        if row["mention_key"]:
            mine.add(row["mention_key"])
        if mine & keys:
            out.append(row)
    return out


def replay(groups: list[dict], corrections: list[dict]) -> dict[int, dict]:
    """Apply merges and splits, in order, to the machine's groups of mention keys (each
    ``{"keys": set, "reasons": {key: reason}}``); what each correction did: ``{id: {"applied":
    bool, "split_key": key, "pinned": id}}``."""
    outcome: dict[int, dict] = {}

    def group_of(key: str) -> dict | None:
        return next((g for g in groups if key in g["keys"]), None)

    for c in corrections:
        after = c["after"] or {}
        why = {"correction": c["id"], "who": c["who"], "why": c["why"]}
        if c["field"] == "merge":
            side_a = [k for k in c["anchor"] or [] if group_of(k)]
            side_b = [k for k in after.get("mentions") or [] if group_of(k)]
            if not side_a or not side_b:
                outcome[c["id"]] = {"applied": False}
                continue
            target = group_of(side_a[0])
            for key in side_a[1:] + side_b:
                other = group_of(key)
                if other is target:
                    continue
                for k in other["keys"]:
                    other["reasons"][k] = {"joined": "merged by an analyst", **why}
                target["keys"] |= other["keys"]
                target["reasons"].update(other["reasons"])
                target["split"] = target.get("split", set()) | other.get("split", set())
                groups.remove(other)
            outcome[c["id"]] = {"applied": True, "key": side_a[0]}
        elif c["field"] == "split":
            key = c["mention_key"]
            group = group_of(key)
            if group is None:
                outcome[c["id"]] = {"applied": False}
                continue
            if len(group["keys"]) > 1:
                group["keys"].discard(key)
                group["reasons"].pop(key, None)
                groups.append({"keys": {key}, "reasons": {key: {"joined": "split out by an analyst", **why}},
                               "pinned": after.get("event_id"), "pinned_at": after.get("created_at"), "split": {key}})
            outcome[c["id"]] = {"applied": True, "key": key}
    return outcome


def assign_ids(conn: Connection, groups: list[dict], old_of: dict[str, str], ages: dict[str, Any]) -> None:
    """Give each group its event id (``group["id"]``) and creation time.

    An event keeps its id: a group takes the id its mentions' event had (the oldest event's
    when it brings several together); a mention split out takes back the id of the event
    an analyst's merge had absorbed, when it is free; only a new event gets a new id,
    ``ev_`` and its smallest mention key (never one in use)."""
    used: set[str] = set()
    # the ids tried first, looked up at once (nothing writes events while ids are given)
    wanted = {g["pinned"] for g in groups if g.get("pinned")} | set(old_of.values())
    wanted |= {"ev_" + key[:16] for g in groups for key in g["keys"]}
    wanted = sorted(wanted)
    taken: set[str] = set()
    for start in range(0, len(wanted), 500):
        taken.update(conn.execute(select(t.events.c.id).where(t.events.c.id.in_(wanted[start : start + 500]))).scalars())
    looked_up = set(wanted)

    def free(event_id: str | None) -> bool:
        if not event_id or event_id in used:
            return False
        if event_id in looked_up:
            return event_id not in taken
        return conn.execute(select(t.events.c.id).where(t.events.c.id == event_id)).first() is None

    far = dt.datetime.max.replace(tzinfo=dt.timezone.utc)

    def age(event_id: str):
        value = ages.get(event_id)
        if value is None:
            return far
        return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)

    for g in groups:
        if g.get("pinned") and free(g["pinned"]):
            g["id"] = g["pinned"]
            g["created_at"] = _parse_time(g.get("pinned_at"))
            used.add(g["id"])
    order = sorted((g for g in groups if "id" not in g), key=lambda g: (bool(g.get("split")), -len(g["keys"]), min(g["keys"])))
    for g in order:
        candidates = sorted({old_of[k] for k in g["keys"] if k in old_of}, key=lambda e: (age(e), e))
        chosen = next((e for e in candidates if free(e)), None)
        if chosen is not None:
            g["id"], g["created_at"] = chosen, ages.get(chosen)
            used.add(chosen)
    for g in groups:
        if "id" in g:
            continue
        for key in sorted(g["keys"]):
            if free("ev_" + key[:16]):
                g["id"] = "ev_" + key[:16]
                break
        else:
            n = 2
            while not free(f"ev_{min(g['keys'])[:13]}~{n}"):
                n += 1
            g["id"] = f"ev_{min(g['keys'])[:13]}~{n}"
        g["created_at"] = None
        used.add(g["id"])


def _parse_time(value: Any) -> dt.datetime | None:
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            return None
    return value


def resolve(conn: Connection, correction: dict, live: set[str]) -> str | None:
    """The event a correction applies to now; None when it is orphaned.

    A split: the event of its mention. A merge: the event holding both sides' mentions. A
    field correction: the event of its id, else the one holding most of its anchor
    mentions (its event went into another)."""
    field = correction["field"]
    if field == "split":
        row = conn.execute(select(t.mentions.c.event_id).where(t.mentions.c.key == correction["mention_key"])).first()
        return row[0] if row else None
    anchor = list(correction["anchor"] or [])
    if field == "merge":
        a = _holder(conn, anchor)
        b = _holder(conn, (correction["after"] or {}).get("mentions") or [])
        return a if a is not None and a == b else None
    event_id = correction["event_id"]
    if event_id in live or conn.execute(select(t.events.c.id).where(t.events.c.id == event_id)).first() is not None:
        return event_id
    return _holder(conn, anchor)


def _holder(conn: Connection, keys: list[str]) -> str | None:
    if not keys:
        return None
    found = Counter(e for e in conn.execute(select(t.mentions.c.event_id).where(t.mentions.c.key.in_(keys))).scalars() if e)
    if not found:
        return None
    best = max(found.values())
    return min(e for e, n in found.items() if n == best)


def reapply(conn: Connection, event_ids: set[str], also: set[str] = frozenset(), rebuilt: bool = False) -> None:
    """Apply again every correction of ``event_ids`` (events that exist: just rebuilt, or
    corrected) and of ``also`` (ids that went away); update which event each applies to,
    and which are orphaned. ``rebuilt``: the events were just written as the machine reads
    them, so those without corrections are left as they are."""
    ids = set(event_ids) | set(also)
    if not ids:
        return
    c = t.corrections.c
    rows = correction_rows(conn, or_(c.event_id.in_(ids), c.applied_to.in_(ids)))
    if event_ids:
        # orphaned corrections whose mentions are back (an article read again finds them)
        keys = set(conn.execute(select(t.mentions.c.key).where(t.mentions.c.event_id.in_(event_ids))).scalars())
        seen = {r["id"] for r in rows}
        rows += [r for r in correction_rows(conn, c.orphaned.is_(True))
                 if r["id"] not in seen and (set(r["anchor"] or []) | {r["mention_key"]}) & keys]
        rows.sort(key=lambda r: r["id"])
    live = {e for e in event_ids}
    per_event: dict[str, list[dict]] = {e: [] for e in event_ids}
    for row in rows:
        target = resolve(conn, row, live)
        orphaned = target is None
        if (row["applied_to"], row["orphaned"]) != (target, orphaned):
            conn.execute(update(t.corrections).where(c.id == row["id"]).values(applied_to=target, orphaned=orphaned))
        if target is not None:
            per_event.setdefault(target, []).append(row)
    for event_id, corrections in per_event.items():
        if corrections or not rebuilt:
            _apply(conn, event_id, corrections)


def _apply(conn: Connection, event_id: str, corrections: list[dict]) -> None:
    row = conn.execute(select(t.events).where(t.events.c.id == event_id)).mappings().first()
    if row is None:
        return
    machine_kept = row["machine"] or {}
    values = {k: _column_value(k, v) for k, v in machine_kept.items() if k in row}
    current = {**dict(row), **values}  # the machine's event
    machine: dict[str, Any] = {}
    state, note = "machine", None
    rationale = [r for r in (row["rationale"] or []) if r.get("rule") != "analyst"]
    for corr in sorted(corrections, key=lambda r: r["id"]):
        field, after = corr["field"], corr["after"]
        if field in FIELD_COLUMNS:
            for column in FIELD_COLUMNS[field]:
                if isinstance(after, dict) and column in after:
                    if column not in machine:
                        machine[column] = _json(current[column])
                    values[column] = _column_value(column, after[column])
                    current[column] = values[column]
            state = "corrected"
            if field == "fatalities":
                rationale = [r for r in rationale if r.get("rule") != "analyst"]
                rationale.insert(0, {"rule": "analyst", "claim_ids": [], "related_claim_ids": [],
                                     "detail": f"toll reviewed by {corr['who']}: {after['fatalities']} "
                                               f"({after['fatalities_low']}-{after['fatalities_high']}); the machine's "
                                               f"estimate was {_toll_words(machine)} ({corr['why']})"})
        elif field in MARKS:
            state = MARKS[field]
        else:
            state = "corrected"
        note = corr["why"]
    if machine:
        values["machine"] = machine
    else:
        values["machine"] = None
    if rationale != (row["rationale"] or []):
        values["rationale"] = rationale
    values.update(review_state=state, review_note=note)
    conn.execute(update(t.events).where(t.events.c.id == event_id).values(**values))


def _toll_words(machine: dict) -> str:
    best, low, high = machine.get("fatalities"), machine.get("fatalities_low"), machine.get("fatalities_high")
    if best is None:
        return "no figure"
    return f"{best}" + (f" ({low}-{high})" if (low, high) != (best, best) and low is not None else "")


# --------------------------------------------------------------------------- confidence


PLACE_SCORE = {1: 1.0, 2: 0.75, 3: 0.4}
DATE_SCORE = {"day": 1.0, "week": 0.7, "month": 0.4, "year": 0.2}


def confidence(rows: list[dict], values: dict, contradictions: list[dict], claim_rows: list[dict]) -> float:
    """0..1: how far the extraction agreed with itself on this event.

    The mean of: the share of its mentions typed as the event is; the place's precision
    times the share of mentions placed there; the date's precision; and its figures
    (1 when they agree, 0.4 when sources or a headline contradict, 0.6 when none was given)."""
    current = [r for r in rows if not r["background"]] or rows
    n = len(current)
    typed = sum(1 for r in current if (r["event_type"], r["sub_event_type"]) == (values["event_type"], values["sub_event_type"])) / n
    placed = sum(1 for r in current if r["location"] == values["location"]) / n
    place = PLACE_SCORE.get(values["geo_precision"], 0.1) * placed
    date = DATE_SCORE.get(values["time_precision"], 0.1)
    killed = [r for r in claim_rows if r["kind"] == "killed" and r["status"] == "figure"]
    figures = 0.4 if contradictions else (1.0 if killed else 0.6)
    return round((typed + place + date + figures) / 4, 3)


NOVELTY = 2.0  # added to the priority of an event alone in its area


def priority(values: dict, confidence_value: float) -> float:
    """The stored part of the review priority: the toll (log scale) and how unsure the
    machine is; halved for a background event. Whether the area is new depends on the other
    events, so it is added when the queue is read (``novelty``), never stored: a store
    filled in any order holds the same priorities."""
    toll = math.log10(1 + (values.get("fatalities") or 0)) * 2
    unsure = (1 - confidence_value) * 4
    score = toll + unsure
    if values.get("background"):
        score /= 2
    return round(score, 3)


def novelty(events=None):
    """SQL: ``NOVELTY`` for an event with no other (not rejected) event in its admin1 region
    (or its country, when it has no region), else 0."""
    e = (events if events is not None else t.events).c
    o = t.events.alias("other_event").c
    same_area = or_(
        and_(e.admin1.is_not(None), o.country_code == e.country_code, o.admin1 == e.admin1),
        and_(e.admin1.is_(None), o.country_code == e.country_code),
    )
    others = exists(select(o.id).where(same_area, o.id != e.id, o.review_state != "rejected"))
    return case((and_(e.country_code.is_not(None), ~others), NOVELTY), else_=0.0)


def priority_now(conn: Connection, event_id: str) -> float | None:
    """An event's review priority as the queue reads it (stored part plus novelty)."""
    e = t.events.c
    row = conn.execute(select(e.priority, novelty()).where(e.id == event_id)).first()
    if row is None or row[0] is None:
        return None
    return round(row[0] + row[1], 3)


# --------------------------------------------------------------------------- writing


def add(conn: Connection, *, field: str, event_id: str | None, who: str, why: str, before: Any = None,
        after: Any = None, mention_key: str | None = None, anchor: list[str] | None = None) -> int:
    if field not in FIELDS:
        raise ReviewError(f"{field!r} is not a correction (one of {', '.join(FIELDS)})")
    return conn.execute(insert(t.corrections).values(
        event_id=event_id, mention_key=mention_key, anchor=anchor if anchor is not None else (event_keys(conn, event_id) if event_id else []),
        field=field, before=before, after=after, who=who, at=_now(), why=why, applied_to=event_id, orphaned=False,
    )).inserted_primary_key[0]


def machine_before(row: dict, field: str) -> dict:
    """The current values (as shown) of the columns a field correction changes."""
    return {column: _json(row[column]) for column in FIELD_COLUMNS[field]}


# --------------------------------------------------------------------------- operations


class Review:
    """Store methods for reviewing (mixed into ``Store``: it needs ``self.engine``,
    ``self._write``, one write transaction retried on a transient conflict, and
    ``self._merge``). Each operation is one write transaction; a bad target or value is a
    ``ReviewError`` (``UnknownTarget`` for an unknown event or mention) and changes nothing."""

    engine: Any
    _write: Any
    _merge: Any

    @staticmethod
    def _event_row(conn: Connection, event_id: str) -> dict:
        row = conn.execute(select(t.events).where(t.events.c.id == event_id)).mappings().first()
        if row is None:
            raise UnknownTarget(f"no event {event_id!r}")
        return dict(row)

    def correct(self, event_id: str, *, who: str, why: str, type: dict | None = None, date: dict | None = None,
                place: dict | None = None, actors: dict | None = None, fatalities: dict | None = None) -> None:
        """Correct fields of an event; each value as ``check_*``/``parse_*`` gives it."""
        changes = {k: v for k, v in (("type", type), ("date", date), ("place", place), ("actors", actors),
                                     ("fatalities", fatalities)) if v is not None}
        if not changes:
            raise ReviewError("nothing to correct: give a type, date, place, actors or toll")
        why = check_why(why)

        def write(conn: Connection) -> None:
            row = self._event_row(conn, event_id)
            for field, after in changes.items():
                add(conn, field=field, event_id=event_id, who=who, why=why, before=machine_before(row, field), after=after)
            reapply(conn, {event_id})

        self._write(f"correcting event {event_id}", write)

    def mark(self, event_id: str, field: str, *, who: str, why: str) -> None:
        """``verify`` or ``reject`` an event."""
        why = check_why(why)

        def write(conn: Connection) -> None:
            row = self._event_row(conn, event_id)
            add(conn, field=field, event_id=event_id, who=who, why=why, before=row["review_state"], after=MARKS[field])
            reapply(conn, {event_id})

        self._write(f"{field}ing event {event_id}", write)

    def merge_events(self, event_id: str, other: str, *, who: str, why: str) -> str:
        """Make two events one (a correction kept across rebuilds); the merged event's id."""
        why = check_why(why)
        if event_id == other:
            raise ReviewError(f"cannot merge {event_id!r} with itself")

        def write(conn: Connection) -> str:
            rows = [self._event_row(conn, event_id), self._event_row(conn, other)]
            keys, other_keys = event_keys(conn, event_id), event_keys(conn, other)
            add(conn, field="merge", event_id=event_id, who=who, why=why, anchor=keys,
                before={"events": [event_id, other], "created_at": {r["id"]: _json(r["created_at"]) for r in rows}},
                after={"other": other, "mentions": other_keys})
            self._merge(conn, [], {event_id, other})
            return _holder(conn, keys[:1] or other_keys[:1])

        merged, _ = self._write(f"merging events {event_id} and {other}", write)
        return merged

    def split_mention(self, event_id: str, key: str, *, who: str, why: str) -> list[str]:
        """Take a mention out of its event into an event of its own; the ids of both."""
        why = check_why(why)

        def write(conn: Connection) -> list[str]:
            self._event_row(conn, event_id)
            keys = event_keys(conn, event_id)
            if key not in keys:
                found = conn.execute(select(t.mentions.c.event_id).where(t.mentions.c.key == key)).first()
                where = f"it belongs to {found[0]}" if found else "no such mention"
                raise UnknownTarget(f"mention {key!r} is not in event {event_id!r} ({where})")
            if len(keys) < 2:
                raise ReviewError(f"event {event_id!r} has one mention: nothing to split it from")
            pinned, pinned_at = None, None
            for merge in reversed(correction_rows(conn, t.corrections.c.field == "merge")):
                after = merge["after"] or {}
                if key in (after.get("mentions") or []):
                    candidate = after.get("other")
                elif key in (merge["anchor"] or []):
                    candidate = merge["event_id"]
                else:
                    continue
                if candidate and conn.execute(select(t.events.c.id).where(t.events.c.id == candidate)).first() is None:
                    pinned, pinned_at = candidate, ((merge["before"] or {}).get("created_at") or {}).get(candidate)
                break
            add(conn, field="split", event_id=event_id, mention_key=key, who=who, why=why, anchor=keys,
                before={"event_id": event_id}, after={"mention": key, "event_id": pinned, "created_at": pinned_at})
            self._merge(conn, [], {event_id})
            rest = _holder(conn, [k for k in keys if k != key])
            mine = _holder(conn, [key])
            return list(dict.fromkeys(e for e in (rest, mine) if e))

        ids, _ = self._write(f"splitting {key} out of event {event_id}", write)
        return ids

    def corrections(self, event_id: str | None = None, orphaned: bool | None = None) -> list[dict]:
        """The audit trail, oldest first: every correction, or those of one event (applied
        to it now or made on its id), or only the orphaned ones."""
        c = t.corrections.c
        conds = []
        if event_id is not None:
            conds.append(or_(c.applied_to == event_id, c.event_id == event_id))
        if orphaned is not None:
            conds.append(c.orphaned.is_(orphaned))
        with self.engine.connect() as conn:
            return correction_rows(conn, and_(*conds) if conds else None)

    def review_queue(self, limit: int = 50, after: tuple[float, str] | None = None,
                     states: tuple[str, ...] = ("machine",), include_background: bool = False) -> list[dict]:
        """Events to review, highest priority first (then id): the stored priority plus
        ``NOVELTY`` for an event alone in its area (``novel_area``); ``after`` the (priority,
        id) of the last one seen. Events with no priority yet (stored before review existed)
        count as priority -1."""
        e = t.events.c
        score = func.coalesce(e.priority, -1.0) + novelty()
        stmt = select(t.events, score.label("queue_priority")).where(e.review_state.in_(states))
        if not include_background:
            stmt = stmt.where(e.background.is_(False))
        if after is not None:
            stmt = stmt.where(or_(score < after[0], and_(score == after[0], e.id > after[1])))
        stmt = stmt.order_by(score.desc(), e.id).limit(limit)
        with self.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(stmt).mappings()]
        for row in rows:
            score_now = row.pop("queue_priority")
            row["novel_area"] = row["priority"] is not None and score_now - row["priority"] > 0
            row["priority"] = round(score_now, 3)
        return rows
