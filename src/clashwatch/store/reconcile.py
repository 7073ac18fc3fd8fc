"""Cross-article reconciliation of one event's toll, and its history.

The figures of all current claims of all the event's mentions go through the same rules
as within one article (``clashwatch.stages.estimate``), after four cross-article steps:

- an implausible figure (``clashwatch.plausibility``: larger than any single event has
  caused) is set aside before anything else, never summed nor compared
  (``set_aside:implausible``); stored rows keep figures, not the flag, so the rule is
  read off each figure, and a stored number above the model's ceiling is read as the
  ceiling;

- the article's own voice is credited to its outlet, so an outlet's later report
  supersedes its earlier one like any other source's;
- the same figure from the same source at the same date, reported by several articles,
  counts once (``set_aside:duplicate_report``);
- a headline figure larger than everything its own body says is set aside and flagged
  (``set_aside:headline_overstates_body``).

Contradictions are flagged, not resolved: two sources whose latest figures, stated within
a day of each other, cannot both be true; a headline that overstates its body.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from ..stages.estimate import Estimate, claim_value as _value, estimate_fatalities, implausible_item, is_implausible
from ..model import Claim, RationaleItem
from ..plausibility import capped, implausible
from ..stages.attribution import source_key


def _as_claim(row: dict) -> Claim:
    source = row["source"]
    if source == "article":
        source = row.get("outlet") or f"article {row['article_id']}"
    return Claim(
        claim_id=f"{row['article_id']}/{row['local_claim_id']}",
        kind=row["kind"],
        status=row["status"],
        low=capped(row["low"]),
        high=capped(row["high"]),
        implausible=row["status"] == "figure" and implausible(row["kind"], row["low"], row["high"]),
        approximate=row["approximate"],
        source=source,
        source_type=row["source_type"] or "other",
        scope=row["scope"] or "all",
        scope_party=row["scope_party"],
        as_of=row["as_of"],
        revised=row["revised"],
        increment=bool(row.get("increment")),
        event_id=None,
        sentence=row.get("sentence") or "",
        start=row.get("start") or 0,
        end=row.get("end") or 0,
        figure=row.get("figure") or "",
        figure_start=row.get("figure_start") or 0,
        figure_end=row.get("figure_end") or 0,
        section=row.get("section") or "body",
    )


def reconcile(rows: list[dict]) -> tuple[Estimate, list[dict]]:
    """Low/best/high fatalities and contradictions from the event's current claim rows
    (each with article_id, outlet, published and the claim columns)."""
    published = {r["article_id"]: r.get("published") or dt.date.min for r in rows}
    killed = [r for r in rows if r["kind"] == "killed"]
    claims = [_as_claim(r) for r in killed]
    owner = {_as_claim(r).claim_id: r["article_id"] for r in killed}
    article_of = lambda c: owner[c.claim_id]  # noqa: E731
    rationale: list[RationaleItem] = []
    contradictions: list[dict] = []

    for c in claims:
        if is_implausible(c):
            rationale.append(implausible_item(c))
    claims = [c for c in claims if not is_implausible(c)]

    # headline overstating its body
    by_article: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_article[article_of(c)].append(c)
    dropped: set[str] = set()
    for article_id, own in by_article.items():
        body = [_value(c) for c in own if c.section == "body" and c.status == "figure" and _value(c) is not None]
        for c in own:
            if c.section == "headline" and c.status == "figure" and _value(c) in body:
                dropped.add(c.claim_id)
                rationale.append(
                    RationaleItem(rule="set_aside:headline_restates_body", claim_ids=[c.claim_id], detail=f"headline {c.figure!r} repeats the body's figure")
                )
            elif c.section == "headline" and c.status == "figure" and body and (_value(c) or 0) > max(body):
                dropped.add(c.claim_id)
                rationale.append(
                    RationaleItem(rule="set_aside:headline_overstates_body", claim_ids=[c.claim_id], detail=f"headline {c.figure!r} above the body's {max(body)}")
                )
                contradictions.append({"kind": "headline_overstates_body", "article_id": article_id, "headline": c.figure, "body_max": max(body)})

    # the same figure from the same source at the same date counts once
    seen: dict[tuple, str] = {}
    for c in sorted(claims, key=lambda c: (published[article_of(c)], c.claim_id)):
        if c.claim_id in dropped or c.status != "figure":
            continue
        key = (source_key(c.source), c.low, c.high, c.as_of, c.scope, c.scope_party)
        if key in seen:
            dropped.add(c.claim_id)
            rationale.append(RationaleItem(rule="set_aside:duplicate_report", claim_ids=[c.claim_id], related_claim_ids=[seen[key]],
                                           detail=f"{c.source}'s {c.figure!r} already counted"))
        else:
            seen[key] = c.claim_id

    kept = [c for c in claims if c.claim_id not in dropped]
    order = lambda c: (c.as_of or dt.date.min, published[article_of(c)], c.start)  # noqa: E731
    voice = {_as_claim(r).claim_id for r in killed if r["source"] == "article"}
    estimate = estimate_fatalities(
        kept, order=order, can_supersede=lambda old, new: not (old.claim_id in voice and article_of(old) == article_of(new))
    )
    estimate.rationale = rationale + estimate.rationale
    # only each source's standing figures are compared: not those the estimate set aside as
    # superseded by the same source's later statement
    superseded = {i for item in estimate.rationale if item.rule == "set_aside:superseded" for i in item.claim_ids}
    contradictions += _disagreements([c for c in kept if c.claim_id not in superseded], order)
    return estimate, contradictions


def _disagreements(claims: list[Claim], order) -> list[dict]:
    latest: dict[str, Claim] = {}
    for c in claims:
        if c.status != "figure" or c.scope != "all" or c.revised or _value(c) is None:
            continue
        key = source_key(c.source)
        if key not in latest or order(c) > order(latest[key]):
            latest[key] = c
    found = []
    items = sorted(latest.values(), key=lambda c: c.source)
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            if a.as_of is None or b.as_of is None or abs((a.as_of - b.as_of).days) > 1:
                continue
            a_hi = a.high if a.high is not None else float("inf")
            b_hi = b.high if b.high is not None else float("inf")
            if a.approximate or b.approximate:
                continue
            if (a.low or 0) > b_hi or (b.low or 0) > a_hi:
                found.append({"kind": "sources_disagree", "claims": [a.claim_id, b.claim_id], "detail": f"{a.source} {a.figure!r} vs {b.source} {b.figure!r}"})
    return found


def toll_history(rows: list[dict]) -> dict[str, list[dict]]:
    """As-of series of killed figures per source, oldest first, history versions included."""
    series: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        if r["kind"] != "killed" or r["status"] != "figure":
            continue
        source = r["source"] if r["source"] != "article" else (r.get("outlet") or f"article {r['article_id']}")
        series[source].append(
            {
                "as_of": r["as_of"],
                "low": r["low"],
                "high": r["high"],
                "figure": r.get("figure"),
                "article_id": r["article_id"],
                "article_version": r.get("article_version"),
                "current": r.get("current", True),
            }
        )
    return {k: sorted(v, key=lambda x: (x["as_of"] or dt.date.min, x["article_id"])) for k, v in sorted(series.items())}
