"""Things said in words, for people: places, fatalities, actors, dates, claims, rationale,
merge reasons and contradictions. The ``table`` format, ``events show`` and the API's
event detail (``event_detail_view``) all use them.

Place and fatality words are written once, over a mapping of event fields: a store row,
or ``event_fields(event)`` for an extracted ``Event``. Claim, actor and date words read
the two kinds of input differently (a stored claim names the article's outlet for the
article's own voice and says when its as-of date is unknown; a stored actor without a
name is "unknown"; an extracted date without a day is "?"), so each has a twin named for
its input, e.g. ``claim_words`` (a ``Claim``) and ``claim_row_words`` (a store row); the
parts they share (the figure and its bounds, the actor's inter code) are written once.
"""

from __future__ import annotations

from typing import Any

from ..model import Actor, Claim, Event, RationaleItem
from .base import outlet_name, plain, valid_coordinates

GEO_PRECISION_WORDS = {1: "town", 2: "near a town / part of a region", 3: "region or country"}
INTER_WORDS = {
    1: "state forces",
    2: "rebels",
    3: "political militia",
    4: "identity militia",
    5: "rioters",
    6: "protesters",
    7: "civilians",
    8: "external/other forces",
}



def event_fields(event: Event) -> dict[str, Any]:
    """An extracted ``Event``'s fields by name, for the words written over store rows."""
    return dict(event)


def place_words(row: dict) -> str:
    """Location, admin1, country (a name said once), or "unknown"."""
    names = [n for n in (row.get("location"), row.get("admin1"), row.get("country")) if n]
    names = [n for i, n in enumerate(names) if n not in names[:i]]  # "Mali, Mali": say a country once
    return ", ".join(names) or "unknown"


def place_line_words(row: dict) -> str:
    """``place_words`` with the country code, coordinates, ACLED geo-precision and GeoNames id."""
    words = place_words(row)
    if row.get("country_code"):
        words += f" [{row['country_code']}]"
    if valid_coordinates(row.get("latitude"), row.get("longitude")):
        words += f"  ({row['latitude']:.4f}, {row['longitude']:.4f})"
    extras = []
    if row.get("geo_precision"):
        extras.append(f"precision {row['geo_precision']} ({GEO_PRECISION_WORDS.get(row['geo_precision'], '?')})")
    if row.get("geonameid"):
        extras.append(f"GeoNames {row['geonameid']}")
    return words + (" · " + " · ".join(extras) if extras else "")


def fatality_words(row: dict, short: bool = False) -> str:
    """Best, low and high fatalities; ``short``: the best figure and any range."""
    best, low, high = row.get("fatalities"), row.get("fatalities_low"), row.get("fatalities_high")
    if best is None and low is None and high is None:
        return "-" if short else "no figure given (ACLED: 0)"
    b = "?" if best is None else str(best)
    lo = "?" if low is None else str(low)
    hi = "open" if high is None else str(high)
    if short:
        return b if (low, high) == (best, best) else f"{b} ({lo}–{'' if high is None else hi})"
    return f"best {b} (low {lo}, high {hi})"


def _with_inter(name: str, inter: int | None) -> str:
    return f"{name} (inter {inter}: {INTER_WORDS.get(inter, '?')})" if inter else name


def actor_words(actor: Actor | None) -> str:
    """An extracted event's actor and its ACLED inter code in words."""
    return "unknown" if actor is None else _with_inter(actor.name, actor.inter)


def actor_row_words(name: str | None, inter: int | None) -> str:
    """A stored event's actor (its name and inter columns) in words."""
    return _with_inter(name, inter) if name else "unknown"


def date_words(event: Event) -> str:
    """An extracted event's date, range and precision."""
    if event.event_date is None and event.date_start is None:
        return "unknown"
    parts = [event.event_date.isoformat() if event.event_date else "?"]
    if event.date_start and event.date_end and event.date_start != event.date_end:
        parts = [f"{event.date_start.isoformat()} to {event.date_end.isoformat()}"]
    if event.time_precision:
        parts.append(f"({plain(event.time_precision)} precision)")
    return " ".join(parts)


def date_row_words(row: dict) -> str:
    """A stored event's date, range and precision."""
    date = row["event_date"].isoformat() if row.get("event_date") else "unknown"
    if row.get("date_start") and row.get("date_end") and row["date_start"] != row["date_end"]:
        date = f"{row['date_start'].isoformat()} to {row['date_end'].isoformat()}"
    if row.get("time_precision"):
        date += f" ({row['time_precision']} precision)"
    return date


# How a claim named as related to a rule's claim stands to it, in both directions.
_RELATED = {"set_aside:superseded": "by", "set_aside:duplicate_report": "as", "set_aside:included_in_total": "in"}
_RELATED_LABEL = {
    "set_aside:superseded": "supersedes {ids}",
    "set_aside:duplicate_report": "also stated in {ids}",
    "set_aside:included_in_total": "includes {ids}",
}
_LABELS = {
    "best_from": "best",
    "low_from": "low",
    "high_from": "high",
    "best_from:increment": "best (a part; no toll given)",
    "set_aside:superseded": "set aside: superseded by {related}",
    "set_aside:duplicate_report": "set aside: the same figure as {related}",
    "set_aside:included_in_total": "set aside: included in {related}",
    "noted:undisclosed": "noted: no figure disclosed",
}


def claim_labels(rationale) -> dict[str, list[str]]:
    """What the estimate did with each claim, by claim id, from the rationale it recorded:
    the decisions about a claim ('set aside: superseded by a/c4'), then how it stands to the
    claims others were weighed against ('supersedes a/c3'). The ledger shows these."""
    labels: dict[str, list[str]] = {}

    def add(claim_id: str, label: str) -> None:
        if label not in labels.setdefault(claim_id, []):
            labels[claim_id].append(label)

    items = [item if isinstance(item, RationaleItem) else RationaleItem.model_validate(item) for item in rationale or []]
    for item in items:
        rule, related = item.rule, item.related_claim_ids
        head, _, tail = rule.partition(":")
        template = _LABELS.get(rule) or (f"{head.replace('_', ' ')}: {tail.replace('_', ' ')}" if tail else head.replace("_", " "))
        for claim_id in item.claim_ids:
            add(claim_id, template.format(related=", ".join(related) or "another figure"))
    for item in items:
        template = _RELATED_LABEL.get(item.rule)
        for claim_id in item.related_claim_ids:
            if template:
                add(claim_id, template.format(ids=", ".join(item.claim_ids)))
    return labels


def rationale_words(item: RationaleItem) -> str:
    """A rationale item in words, e.g. 'set aside (one sided scope): c2 — the army's own count'."""
    rule = item.rule
    head, _, tail = rule.partition(":")
    words = head.replace("_", " ")
    if tail:
        words += f" ({tail.replace('_', ' ')})"
    if item.claim_ids:
        words += ": " + ", ".join(item.claim_ids)
    related = item.related_claim_ids
    if related:
        words += f" ({_RELATED.get(rule, 'against')} {', '.join(related)})"
    if item.detail:
        words += f" — {item.detail}"
    return words


def _figure_words(kind: Any, status: Any, figure: Any, low: int | None, high: int | None, approximate: Any) -> str:
    """A claim's figure and bounds: 'killed: "at least 5" (5–open, approx.)'."""
    if status == "none_reported":
        return f"none {kind} reported"
    if status == "undisclosed":
        return f"{kind}: figure not disclosed"
    words = f'{kind}: "{figure}"'
    bounds = []
    if low is not None or high is not None:
        lo = "?" if low is None else str(low)
        hi = "open" if high is None else str(high)
        bounds.append(lo if lo == hi else f"{lo}–{hi}")
    if approximate:
        bounds.append("approx.")
    return words + (f" ({', '.join(bounds)})" if bounds else "")


def claim_words(claim: Claim) -> str:
    """An extracted ``Claim`` in words: figure and bounds, source, scope, as-of."""
    figure = _figure_words(plain(claim.kind), plain(claim.status), claim.figure, claim.low, claim.high, claim.approximate)
    source = claim.source if claim.source_type in (None, "", claim.source) else f"{claim.source} ({claim.source_type})"
    scope = str(plain(claim.scope)) + (f" [{claim.scope_party}]" if claim.scope_party else "")
    parts = [figure, f"source: {source}", f"scope: {scope}"]
    if claim.as_of:
        parts.append(f"as of {claim.as_of.isoformat()}")
    if claim.revised:
        parts.append("REVISED")
    return " · ".join(parts)


def _claim_row_source(row: dict) -> str:
    source = row.get("source")
    if source == "article":
        source = f"the article ({outlet_name(row.get('outlet'), row.get('url')) or row.get('article_id')})"
    kind = row.get("source_type")
    return f"{source} ({kind})" if kind and kind not in ("article",) and kind != source else source


def claim_row_words(row: dict) -> str:
    """A stored claim row in words: figure and bounds, source (the outlet for the article's own voice), scope, as-of."""
    figure = _figure_words(row.get("kind"), row.get("status"), row.get("figure"), row.get("low"), row.get("high"), row.get("approximate"))
    scope = str(row.get("scope") or "all") + (f" [{row['scope_party']}]" if row.get("scope_party") else "")
    parts = [figure, f"source: {_claim_row_source(row)}", f"scope: {scope}"]
    parts.append(f"as of {row['as_of'].isoformat()}" if row.get("as_of") else "as of: unknown")
    if row.get("revised"):
        parts.append("REVISED")
    return " · ".join(parts)


def merge_reason_words(reason: Any, labels: dict[str, str] | None = None) -> str:
    """Why a mention joined its event, in words (``mentions.merge_reason``)."""
    if not reason:
        return "not recorded"
    if not isinstance(reason, dict):
        return str(reason)
    labels = labels or {}
    joined = reason.get("joined")
    if joined and joined.startswith("founding"):
        return "founding mention of the event (the others are linked to it or to each other)"
    parts = []
    if joined == "compatible with":
        other = reason.get("mention")
        parts.append(f"same event as {labels.get(other, other)}")
    elif joined:
        parts.append(str(joined))
    for key in ("type", "date", "place"):
        if reason.get(key):
            parts.append(f"{key}: {reason[key]}")
    extra = {k: v for k, v in reason.items() if k not in ("joined", "mention", "type", "date", "place")}
    parts += [f"{k}: {v}" for k, v in extra.items()]
    return "; ".join(parts)


def contradiction_words(item: dict) -> str:
    kind = item.get("kind")
    if kind == "headline_overstates_body":
        return f"headline overstates its body: article {item.get('article_id')}'s headline {item.get('headline')!r} is above the body's {item.get('body_max')}"
    if kind == "sources_disagree":
        claims = ", ".join(item.get("claims") or [])
        return f"sources disagree: {item.get('detail')} ({claims})"
    return "; ".join(f"{k}: {v}" for k, v in item.items())
