"""Estimates: one event's fatalities, low / best / high, reconciled from its claims.

The rules (after UCDP's low/best/high and ACLED's conservative reading), applied in order,
each leaving a machine-readable rationale item:

0. implausible figures, larger than any single event has caused (``plausibility.py``),
   are set aside and never summed (``set_aside:implausible``);
1. claims the text says were revised or retracted are set aside (``set_aside:revised``);
2. of two figures from the same source, the later statement supersedes the earlier
   (``set_aside:superseded``);
3. a vague reading ("dozens" = 12) is set aside when a precise figure exists
   (``set_aside:vaguer``);
4. one-sided and partial figures (one party, civilians only) count toward their own group:
   groups are summed, each group taking its largest figure; the sum is a floor for the
   total, and the groups are set aside when a total at least as large exists
   (``set_aside:one_sided_scope``);
5. low = the most conservative remaining figure, best = the largest remaining lower
   bound (counts rise as they are updated; within one article a smaller figure is an
   earlier or partial count), high = the highest remaining figure;
6. an explicit "no casualties" gives 0 when no figure exists; "not disclosed" never
   gives a number;
7. an addition told after every toll ("four more bodies were found") is summed onto it;
   with no toll, a part ("killing one of them") is the count.

Low, best and high never exceed ``FIGURE_CEILING``, however many groups are summed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Claim, ClaimStatus, RationaleItem
from ..plausibility import capped, implausible, plausible_max
from ..resources import load_json, load_tsv
from .attribution import source_key


@dataclass
class Estimate:
    low: int | None
    best: int | None
    high: int | None
    rationale: list[RationaleItem]


PERPETRATORS = frozenset(load_json("claims.json")["perpetrator_nouns"]["lemmas"])


def _perpetrator(claim: Claim) -> bool:
    """A one-sided figure that counts the attackers themselves ('the gunman', 'two assailants')."""
    return claim.scope == "one_side" and (claim.scope_party or "").lower() in PERPETRATORS


_INCLUDES_PERPETRATOR = re.compile(
    r"\b(?:including|among them|among the dead|among those killed|counting)\b[^.;]{0,40}?\b(?:%s)s?\b" % "|".join(sorted(PERPETRATORS)),
    re.IGNORECASE,
)


_CONTESTED_SOURCE = re.compile(r"^(?:conflicting|contradictory|other|some|unconfirmed|unverified|differing|alternative)\s+(?:media\s+)?(?:reports?|accounts?|sources?)$", re.IGNORECASE)


def _contested(claim: Claim) -> bool:
    """A figure from 'conflicting reports' or 'unconfirmed reports', or one the attackers
    claim about their own victims ('the militants claimed they had killed 25 soldiers')."""
    source = (claim.source or "").strip()
    if _CONTESTED_SOURCE.match(source):
        return True
    return bool({w.rstrip("s") for w in source.lower().split()} & ARMED_CLAIMANTS) or source.lower() in ARMED_GROUP_NAMES


ARMED_CLAIMANTS = {"militant", "insurgent", "jihadist", "terrorist", "rebel", "attacker", "assailant", "gunmen", "gunman"}
# the named armed groups of resources/armed_groups.tsv ('Al Shabaab claimed it had killed 25')
ARMED_GROUP_NAMES = {a.strip().lower() for row in load_tsv("armed_groups.tsv") for a in [row["name"], *row["aliases"].split("|")] if a.strip()}


def _counts_perpetrators(claim: Claim) -> bool:
    """A toll whose sentence says it includes the attackers ('five killed, including the gunman')."""
    return bool(_INCLUDES_PERPETRATOR.search(claim.sentence))


def claim_value(claim: Claim) -> int | None:
    """The figure a claim counts for: its lower bound, or its upper bound when open below."""
    return claim.low if claim.low is not None else claim.high


def _top(claim: Claim) -> int | None:
    return claim.high if claim.high is not None else claim.low


def is_implausible(claim: Claim) -> bool:
    """Flagged by the claims stage, or (a claim built from stored rows) read off its figure."""
    return claim.implausible or (claim.status == ClaimStatus.figure.value and implausible(claim.kind, claim.low, claim.high))


def implausible_item(claim: Claim) -> RationaleItem:
    kind = getattr(claim.kind, "value", claim.kind)
    return RationaleItem(
        rule="set_aside:implausible",
        claim_ids=[claim.claim_id],
        detail=f"{claim.figure!r} is above {plausible_max(kind):,} {kind}, more than any single event has caused: kept as a claim, never counted",
    )


def _capped(estimate: Estimate) -> Estimate:
    estimate.low, estimate.best, estimate.high = capped(estimate.low), capped(estimate.best), capped(estimate.high)
    return estimate


NONE_REPORTED = {
    "killed": "no one was killed",
    "injured": "no one was injured",
    "displaced": "no one was displaced",
    "missing": "no one is missing",
    "arrested": "no one was arrested",
    "abducted": "no one was abducted",
}


def estimate_kind(claims: list[Claim], kind: str, **options) -> Estimate:
    """The same reconciliation for any claim kind: ``estimate_kind(claims, "injured")``."""
    return estimate_fatalities(claims, kind=kind, **options)


def estimate_fatalities(
    claims: list[Claim],
    order=lambda c: (c.as_of, c.start),
    can_supersede=lambda old, new: old.source != "article",
    kind: str = "killed",
) -> Estimate:
    """Low, best and high of one kind of figure (see the module's rules)."""
    return _capped(_with_increments(_estimate(claims, order, can_supersede, kind), claims, kind))


_ADDITIVE_AFTER = re.compile(r"^\s*(?:more|other|others|additional|further)\b", re.IGNORECASE)
_ADDITIVE_BEFORE = re.compile(r"\b(?:another|further|additional)\s*$", re.IGNORECASE)


def _position(claim: Claim) -> tuple[bool, int]:
    return (claim.section != "headline", claim.figure_start)


def _additive(claim: Claim) -> bool:
    """'two other policemen were killed', 'four more bodies were found', 'another soldier':
    people on top of a toll already given, not part of it ('one of the wounded')."""
    at = claim.figure_start - claim.start
    return bool(_ADDITIVE_AFTER.match(claim.sentence[at + len(claim.figure):]) or _ADDITIVE_BEFORE.search(claim.sentence[:at]))


def _with_increments(estimate: Estimate, claims: list[Claim], kind: str) -> Estimate:
    """7. increments: an addition told after every toll ('ten were killed ... four more
    bodies were found') is summed onto it (``added:increment``), as ACLED counts every
    death of the event; with no toll at all, a part ('killing one of them') is the count
    (``best_from:increment``)."""
    incs = [
        c for c in claims
        if getattr(c.kind, "value", c.kind) == kind and c.increment and not c.revised
        and c.status == ClaimStatus.figure.value and claim_value(c) is not None and not is_implausible(c)
    ]
    if not incs:
        return estimate
    tolls = [
        c for c in claims
        if getattr(c.kind, "value", c.kind) == kind and not c.increment and not c.revised
        and c.status == ClaimStatus.figure.value and claim_value(c) is not None and not is_implausible(c)
    ]
    if estimate.best is None:
        if tolls:
            return estimate
        part = max(incs, key=claim_value)
        value = claim_value(part)
        estimate.rationale.append(RationaleItem(rule="best_from:increment", claim_ids=[part.claim_id], detail=f"no toll but {part.figure!r}"))
        return Estimate(value, value, _top(part), estimate.rationale)
    last_toll = max((_position(c) for c in tolls), default=None)
    extra = [c for c in incs if _additive(c) and last_toll is not None and _position(c) > last_toll]
    if not extra:
        return estimate
    added = sum(claim_value(c) for c in extra)
    estimate.rationale.append(
        RationaleItem(rule="added:increment", claim_ids=[c.claim_id for c in extra], detail=f"{added} more told after the toll, counted on top of it")
    )
    return Estimate(
        None if estimate.low is None else estimate.low + added,
        estimate.best + added,
        None if estimate.high is None else estimate.high + added,
        estimate.rationale,
    )


def _estimate(claims: list[Claim], order, can_supersede, kind: str) -> Estimate:
    """`order` ranks two statements of one source in time (within an article: as-of date,
    then position; across articles the store adds publication dates). `can_supersede`
    says whether a later statement may replace an earlier one of the same source: the
    article's own voice does not revise itself within one article. `kind` picks the
    claims reconciled: deaths by default, or "injured", "arrested", ..."""
    kind = getattr(kind, "value", kind)
    killed = [c for c in claims if getattr(c.kind, "value", c.kind) == kind]
    rationale: list[RationaleItem] = []
    figures = [c for c in killed if c.status == ClaimStatus.figure.value and claim_value(c) is not None]
    zeros = [c for c in killed if c.status == ClaimStatus.none_reported.value]
    undisclosed = [c for c in killed if c.status == ClaimStatus.undisclosed.value]
    for c in undisclosed:
        rationale.append(RationaleItem(rule="noted:undisclosed", claim_ids=[c.claim_id], detail=f"{c.source} gave no figure"))

    kept: list[Claim] = []
    for c in figures:
        if is_implausible(c):
            rationale.append(implausible_item(c))
        elif c.increment:
            rationale.append(RationaleItem(rule="set_aside:increment", claim_ids=[c.claim_id], detail=f"{c.figure!r} counts part of or an addition to a toll"))
        elif c.revised:
            rationale.append(RationaleItem(rule="set_aside:revised", claim_ids=[c.claim_id], detail=f"{c.figure!r} was later revised or retracted"))
        else:
            kept.append(c)

    # a figure told as contested ('conflicting reports put the toll at 18') or claimed by the
    # attackers about their victims ('the militants claimed they had killed 25') does not
    # override a figure stated as fact: ACLED takes the most conservative of conflicting
    # reports and does not code armed groups' own claims at face value
    contested = [c for c in kept if _contested(c)]
    if contested and len(contested) < len(kept):
        for c in contested:
            rationale.append(RationaleItem(rule="set_aside:contested", claim_ids=[c.claim_id], detail=f"{c.source} gives {c.figure!r} against a stated figure"))
        kept = [c for c in kept if not _contested(c)]

    # the attacker's own death is told apart from the toll of the attack ("49 people were
    # killed before the gunman was shot dead"): counted on top of the victims' estimate
    perpetrators = [c for c in kept if _perpetrator(c)]
    included = [c for c in kept if not _perpetrator(c) and _counts_perpetrators(c)]
    if perpetrators and included:
        for c in perpetrators:
            rationale.append(RationaleItem(rule="set_aside:included_in_total", claim_ids=[c.claim_id],
                                           related_claim_ids=[included[0].claim_id],
                                           detail=f"{included[0].figure!r} already includes the attacker(s)"))
        kept = [c for c in kept if not _perpetrator(c)]
        perpetrators = []
    if perpetrators and len(perpetrators) < len(kept):
        ids = {c.claim_id for c in perpetrators}
        rest = _estimate([c for c in claims if c.claim_id not in ids], order, can_supersede, kind)
        if rest.best is not None:
            extra = max(claim_value(c) or 0 for c in perpetrators)
            rest.rationale.append(
                RationaleItem(
                    rule="added:perpetrators",
                    claim_ids=sorted(ids),
                    detail=f"{extra} attacker(s) also {'killed' if kind == 'killed' else kind}, counted on top of the victims",
                )
            )
            return Estimate(
                None if rest.low is None else rest.low + extra,
                rest.best + extra,
                None if rest.high is None else rest.high + extra,
                rest.rationale,
            )

    # same source, same scope: the later statement wins
    superseded: set[str] = set()
    same_source: dict[str, list[Claim]] = {}
    for c in kept:
        same_source.setdefault(source_key(c.source), []).append(c)
    for c in kept:
        for other in same_source[source_key(c.source)]:
            if other is c or other.claim_id in superseded or not can_supersede(c, other):
                continue
            later = order(other) > order(c)
            if later and (other.scope == c.scope or c.scope == "all"):
                verb = "restated as" if claim_value(other) == claim_value(c) and c.high == other.high else "superseded by its later"
                superseded.add(c.claim_id)
                rationale.append(
                    RationaleItem(
                        rule="set_aside:superseded",
                        claim_ids=[c.claim_id],
                        related_claim_ids=[other.claim_id],
                        detail=f"{c.source}'s {c.figure!r} {verb} {other.figure!r}",
                    )
                )
                break
    kept = [c for c in kept if c.claim_id not in superseded]

    precise = [c for c in kept if not c.approximate]
    if precise:
        for c in kept:
            if c.approximate and any(claim_value(p) is not None and claim_value(p) >= (claim_value(c) or 0) for p in precise):
                rationale.append(
                    RationaleItem(rule="set_aside:vaguer", claim_ids=[c.claim_id], detail=f"vague {c.figure!r} (read as {claim_value(c)}) beside precise figures")
                )
        kept = [c for c in kept if not c.approximate or not any(claim_value(p) is not None and claim_value(p) >= (claim_value(c) or 0) for p in precise)]

    totals = [c for c in kept if c.scope == "all"]
    partial = [c for c in kept if c.scope != "all"]
    groups: dict[tuple[str, str | None], Claim] = {}
    named = {(c.scope, c.scope_party) for c in partial if c.scope_party}
    for c in partial:
        key = (c.scope, c.scope_party)
        if c.scope_party is None:
            # "two officers" beside "two Kenyan officers": the same group, not another one
            same_scope = sorted(k for k in named if k[0] == c.scope)
            if len(same_scope) == 1:
                key = same_scope[0]
        if key not in groups or (claim_value(c) or 0) > (claim_value(groups[key]) or 0):
            groups[key] = c
    partial_sum = sum(claim_value(c) or 0 for c in groups.values()) if groups else None
    best_total = max((claim_value(c) for c in totals), default=None)

    if groups and best_total is not None and best_total >= (partial_sum or 0):
        for c in groups.values():
            rationale.append(
                RationaleItem(
                    rule="set_aside:one_sided_scope",
                    claim_ids=[c.claim_id],
                    detail=f"{c.figure!r} covers {c.scope_party or c.scope} only; consistent with the total of {best_total}",
                )
            )
        candidates = totals
    elif groups:
        floor_ids = [c.claim_id for c in groups.values()]
        rationale.append(
            RationaleItem(
                rule="sum_of_groups",
                claim_ids=floor_ids,
                detail=f"figures for distinct groups summed to {partial_sum}",
            )
        )
        if best_total is not None:
            rationale.append(
                RationaleItem(rule="set_aside:below_group_sum", claim_ids=[c.claim_id for c in totals], detail=f"total below the sum of groups ({partial_sum})")
            )
        low = min([partial_sum] + [claim_value(c) for c in totals if claim_value(c) is not None]) if totals else partial_sum
        return Estimate(low=low, best=partial_sum, high=max([partial_sum] + [_top(c) or 0 for c in totals]), rationale=rationale)
    else:
        candidates = totals

    if not candidates:
        if zeros:
            rationale.append(RationaleItem(rule="best_from:none_reported", claim_ids=[zeros[0].claim_id], detail=f"the text says {NONE_REPORTED.get(kind, 'none')}"))
            return Estimate(0, 0, 0, rationale)
        return Estimate(None, None, None, rationale)

    values = [claim_value(c) for c in candidates]
    best_claim = max(candidates, key=lambda c: (claim_value(c), c.source != "article", c.start))
    low = min(values)
    high = max(_top(c) or 0 for c in candidates)
    rationale.append(
        RationaleItem(
            rule="best_from",
            claim_ids=[best_claim.claim_id],
            detail=f"best {claim_value(best_claim)} from {best_claim.source} ({best_claim.figure!r})",
        )
    )
    agreeing = [c.claim_id for c in candidates if c is not best_claim and claim_value(c) == claim_value(best_claim)]
    if agreeing:
        rationale.append(RationaleItem(rule="consistent", claim_ids=agreeing, detail="other figures agree"))
    if low != claim_value(best_claim):
        low_claim = min(candidates, key=lambda c: claim_value(c))
        rationale.append(RationaleItem(rule="low_from", claim_ids=[low_claim.claim_id], detail=f"lowest credible figure {low}"))
    return Estimate(low, claim_value(best_claim), high, rationale)
