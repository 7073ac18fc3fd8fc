"""The data model: the one contract between pipeline stages, the CLI, exports and the API.

Two layers live here:

* findings, returned by each pipeline stage (``PlaceMention``, ``TimeMention``,
  ``ActorMention``, ``ClaimMention``, ``EventTrigger``); they carry character spans into
  the article text and nothing a later stage has to recompute;
* the result, ``ArticleResult`` with its ``Event``, ``Claim`` and ``Place`` records, which
  every output format serialises. Field names follow ACLED where ACLED has one.

Spans are character offsets into the text that was analysed: ``text[start:end]`` is the
quote. When a title is passed separately from the body, spans of headline findings are
offsets into the title and carry ``section="headline"``.
"""

from __future__ import annotations

import datetime as dt
import functools
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .plausibility import FIGURE_CEILING
from .plausibility import implausible as _implausible

SCHEMA_VERSION = "2"
IMPLAUSIBLE_DESCRIPTION = (
    "the figure is larger than any single event has caused for its kind (more than 1,000,000 killed, injured, "
    "missing, abducted or arrested; more than 100,000,000 displaced): kept as stated, never counted in a toll"
)


class TimePrecision(str, Enum):
    day = "day"
    week = "week"
    month = "month"
    year = "year"


class ClaimKind(str, Enum):
    killed = "killed"
    injured = "injured"
    displaced = "displaced"
    missing = "missing"
    arrested = "arrested"
    abducted = "abducted"


class ClaimStatus(str, Enum):
    figure = "figure"  # a number or a range was stated
    none_reported = "none_reported"  # "no casualties were reported": an explicit zero
    undisclosed = "undisclosed"  # "has not disclosed numbers": absence, not zero


class Scope(str, Enum):
    all = "all"  # everyone the event hurt, as far as the text says
    one_side = "one_side"  # one party only, named in scope_party
    civilians = "civilians"
    military = "military"


Section = Literal["headline", "body"]
# ACLED's event types and their sub-event types (ACLED Codebook, 2023, section 3).
ACLED_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction", "Non-violent transfer of territory", "Other",
    ),
}
PublishedOrigin = Literal["given", "page", "feed", "file"]  # where an article's publication date came from
ReviewState = Literal["machine", "corrected", "verified", "rejected"]  # what an analyst made of a stored event


def interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction: the two actors' inter codes, lower first (``13``); an event with
    one actor is its code followed by 0 (``10``, ``60``), as ACLED writes it."""
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return None
    return codes[0] * 10 if len(codes) == 1 else codes[0] * 10 + codes[1]


def is_civilian_targeting(event_type: str | None, inter2: int | None) -> bool:
    """ACLED's ``civilian_targeting``: civilians (inter code 7) are the target of violence."""
    return inter2 == 7 and event_type in ("Violence against civilians", "Explosions/Remote violence")


def disorder_type(event_type: str | None, sub_event_type: str | None) -> str | None:
    """ACLED's ``disorder_type`` (added to ACLED's data in March 2023), from the event type:
    demonstrations are protests and violent demonstrations; mob violence is political
    violence; excessive force against protesters is both."""
    if event_type is None:
        return None
    if sub_event_type == "Excessive force against protesters":
        return "Political violence; Demonstrations"
    if event_type == "Protests" or sub_event_type == "Violent demonstration":
        return "Demonstrations"
    if event_type == "Strategic developments":
        return "Strategic developments"
    return "Political violence"

EXTRACTION_FAILED = "extraction failed:"  # the warning a result carries when a stage raised


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)


class Span(_Model):
    text: str
    start: int
    end: int
    section: Section = "body"


# --------------------------------------------------------------------------- findings


class GazetteerEntry(_Model):
    """One GeoNames feature a toponym may refer to."""

    geonameid: int | None = Field(None, description="GeoNames id; null for an admin1 region without one in the bundled data")
    name: str
    latitude: float
    longitude: float
    country_code: str | None = Field(None, description="ISO 3166-1 alpha-2")
    country: str | None = None
    admin1: str | None = None
    feature_class: Literal["P", "A", "L"] = Field(..., description="GeoNames feature class: P populated place, A country/region, L continent/world region")
    feature_code: str = Field(..., description="GeoNames feature code: PPL*, ADM1, PCLI, CONT (continent), RGN (world region)")
    population: int = 0


class PlaceMention(Span):
    """A toponym in the text and the GeoNames feature it was resolved to."""

    resolved: GazetteerEntry | None = None
    candidates: int = Field(0, description="how many gazetteer features shared the name")
    geo_precision: int = Field(1, ge=1, le=3, description="ACLED: 1 town, 2 near a town / part of a region, 3 region or country")
    found_by: Literal["ner", "gazetteer", "both"] = "ner"
    demonym: bool = Field(False, description="an adjective or demonym ('Russian', 'European'), or a business, body or venue placed at its town ('Whole Foods'): never an event's location")


class TimeMention(Span):
    date_start: dt.date
    date_end: dt.date
    time_precision: TimePrecision
    since: bool = Field(False, description="an open range from date_start to publication ('since Friday')")


class Actor(_Model):
    name: str = Field(..., description="normalised ACLED-style actor name, e.g. 'Military Forces of Kyrgyzstan'")
    country_code: str | None = None
    inter: int | None = Field(
        None,
        ge=1,
        le=8,
        description="ACLED inter code: 1 state forces, 2 rebels, 3 political militias, 4 identity militias, "
        "5 rioters, 6 protesters, 7 civilians, 8 external/other forces",
    )


class ActorMention(Span):
    actor: Actor
    kind: str = Field(..., description="military, police, government, state, rebels, unidentified, militia, ethnic_militia, protesters, rioters, civilians, external, group")
    head: int = Field(..., description="token index of the phrase's head noun")
    country_known: bool = Field(False, description="the country came from the phrase itself, not from context")


class ClaimMention(Span):
    """A figure (or its explicit absence) of people killed, injured, displaced, ..."""

    kind: ClaimKind
    status: ClaimStatus = ClaimStatus.figure
    low: int | None = Field(None, le=FIGURE_CEILING)
    high: int | None = Field(None, le=FIGURE_CEILING)
    implausible: bool = Field(False, description=IMPLAUSIBLE_DESCRIPTION)
    approximate: bool = False
    source: str = "article"
    source_type: Literal["article", "media", "government", "military", "official", "organisation", "social_media", "witness", "other"] = "article"
    scope: Scope = Scope.all
    scope_party: str | None = Field(None, description="ISO country code or actor name the one-sided figure covers")
    as_of: dt.date | None = None
    revised: bool = Field(False, description="the text says this figure was later revised or retracted")
    increment: bool = Field(False, description="counts part of, or an addition to, another figure ('one of the wounded', 'three more')")
    sentence_start: int
    sentence_end: int


class EventTrigger(Span):
    """A word or phrase that signals an event: 'fighting', 'drone strike', 'ceasefire'."""

    family: str = Field(..., description="the cue family (clash, air, protest, agreement, ...) from the lexicon")
    cue: str = Field(..., description="the lexicon cue that matched")
    strength: float = 1.0
    sentence_start: int
    sentence_end: int
    root: int = Field(..., description="token index of the cue's syntactic head")


class WeaponMention(Span):
    weapon: str = Field(..., description="normalised weapon name")
    sentence_start: int


# --------------------------------------------------------------------------- results


class Place(_Model):
    text: str
    start: int
    end: int
    section: Section = "body"
    name: str
    geonameid: int | None
    latitude: float = Field(..., ge=-90, le=90)
    longitude: float = Field(..., ge=-180, le=180)
    country_code: str | None
    country: str | None = None
    admin1: str | None = None
    feature_class: str
    feature_code: str
    geo_precision: int = Field(..., ge=1, le=3)
    demonym: bool = Field(False, description="an adjective or demonym ('Russian', 'European') read as its country or region, or a business, body or venue placed at its town ('Whole Foods'): not a location of the article's events")


class Claim(_Model):
    claim_id: str
    kind: ClaimKind
    status: ClaimStatus
    low: int | None = Field(..., le=FIGURE_CEILING, description="lower bound; null when no figure was given; at most 2**31 - 1, the ceiling a larger figure is held as ('figure' keeps it as written)")
    high: int | None = Field(..., le=FIGURE_CEILING, description="upper bound; null when open ('at least 100') or unknown")
    implausible: bool = Field(False, description=IMPLAUSIBLE_DESCRIPTION)
    approximate: bool
    source: str = Field(..., description="who states the figure; 'article' for the article's own voice")
    source_type: Literal["article", "media", "government", "military", "official", "organisation", "social_media", "witness", "other"]
    scope: Scope
    scope_party: str | None = None
    as_of: dt.date | None
    revised: bool = False
    increment: bool = Field(False, description="counts part of, or an addition to, another figure ('one of the wounded', 'three more'): not a toll")
    event_id: str | None
    sentence: str = Field(..., description="the sentence the figure came from")
    start: int = Field(..., description="start of that sentence")
    end: int = Field(..., description="end of that sentence")
    figure: str = Field(..., description="the figure as written, e.g. 'at least 100'")
    figure_start: int
    figure_end: int
    section: Section = "body"


class RationaleItem(_Model):
    rule: str = Field(..., description="machine-readable rule, e.g. 'best_from', 'set_aside:one_sided_scope'")
    claim_ids: list[str] = Field(default_factory=list, description="the claims the rule decided about")
    related_claim_ids: list[str] = Field(
        default_factory=list, description="the claims it weighed them against (the later figure that superseded one, the total that includes one)")
    detail: str = ""


class Event(_Model):
    event_id: str
    event_type: str = Field(..., description="one of the 6 ACLED event types")
    sub_event_type: str = Field(..., description="one of the 25 ACLED sub-event types")
    plover: str = Field(..., description="PLOVER event category")
    event_date: dt.date | None = Field(..., description="ACLED event_date: the day of the event (its first day; the 15th when only its month is known)")
    time_precision: TimePrecision | None
    date_start: dt.date | None
    date_end: dt.date | None
    background: bool = Field(False, description="a past event the article only recalls")
    actor1: Actor | None
    actor2: Actor | None
    interaction: int | None = Field(None, description="ACLED interaction code: the two inter codes, lower first")
    civilian_targeting: bool = False
    targets: list[str] = Field(default_factory=list, description="kinds of target the text names: civilian, military")
    country: str | None
    country_code: str | None
    admin1: str | None
    location: str | None
    latitude: float | None = Field(..., ge=-90, le=90)
    longitude: float | None = Field(..., ge=-180, le=180)
    geo_precision: int | None = Field(..., ge=1, le=3, description="ACLED: 1 town, 2 near a town / part of a region, 3 region or country")
    geonameid: int | None
    weapons: list[str]
    source: str | None = Field(None, description="who reports the event (ACLED 'source'), e.g. 'Telegram'; null: the article itself")
    fatalities: int | None = Field(..., le=FIGURE_CEILING, description="best estimate; null when the article gives no figure")
    fatalities_low: int | None = Field(..., le=FIGURE_CEILING, description="the most conservative credible figure")
    fatalities_high: int | None = Field(..., le=FIGURE_CEILING, description="the highest credible figure; an open figure ('at least 100') counts at its stated value")
    claim_ids: list[str]
    rationale: list[RationaleItem]
    text: str = Field(..., description="the event cue as written")
    start: int
    end: int
    sentence: str
    section: Section = "body"


class TimeExpression(_Model):
    text: str
    start: int
    end: int
    section: Section = "body"
    date_start: dt.date
    date_end: dt.date
    time_precision: TimePrecision


class ArticleResult(_Model):
    """Everything clashwatch read in one article."""

    schema_version: str = SCHEMA_VERSION
    id: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = Field(None, description="the outlet that published the article (input records may call it `outlet` or `source`)")
    published: dt.date | None
    published_origin: PublishedOrigin | None = Field(
        None, description="where the publication date came from: given, page, feed or file; null with no date")
    reference_date: dt.date | None = Field(None, description="the date relative expressions were resolved against: published, or the day of extraction when no date was given")
    extractor_version: str | None = Field(None, description="the clashwatch version, extraction-code digest and spaCy model that made this result")
    events: list[Event] = Field(default_factory=list, description="main event first, then the others in text order")
    claims: list[Claim] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    dates: list[TimeExpression] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


# --------------------------------------------------------------------------- the store's views
# What `clashwatch events`, `events show`, `export` and the HTTP API return: rows of the
# corpus store (merged events, their mentions and claims) across articles.


@functools.cache
def _collection_fields(model: type[BaseModel]) -> frozenset[str]:
    return frozenset(k for k, f in model.model_fields.items() if f.default_factory in (list, dict))


class _View(BaseModel):
    model_config = ConfigDict(extra="ignore", use_enum_values=True)

    @model_validator(mode="before")
    @classmethod
    def _null_is_empty(cls, data: Any) -> Any:
        """A NULL JSON list or map (a store written by other tools) reads as empty."""
        if isinstance(data, dict):
            empty = _collection_fields(cls)
            if any(data.get(k, ()) is None for k in empty):
                data = {k: v for k, v in data.items() if not (v is None and k in empty)}
        return data


class StoredEvent(_View):
    """One merged real-world event: every article's mention of it, its toll reconciled."""

    id: str = Field(..., description="stable event id, e.g. 'ev_87845da2d9bdd3aa'")
    event_type: str = Field(..., description="one of the 6 ACLED event types")
    sub_event_type: str = Field(..., description="one of the 25 ACLED sub-event types")
    plover: str | None = Field(None, description="PLOVER event category")
    event_date: dt.date | None = Field(None, description="ACLED event_date: the day of the event (its first day; the 15th when only its month is known)")
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    time_precision: TimePrecision | None = None
    background: bool = Field(False, description="a past event the articles only recall")
    actor1: str | None = None
    inter1: int | None = Field(None, description="ACLED inter code of actor1")
    actor1_country: str | None = None
    actor2: str | None = None
    inter2: int | None = None
    actor2_country: str | None = None
    country: str | None = None
    country_code: str | None = Field(None, description="ISO 3166-1 alpha-2")
    admin1: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = Field(None, description="ACLED: 1 town, 2 near a town / part of a region, 3 region or country")
    geonameid: int | None = None
    weapons: list[str] = Field(default_factory=list)
    fatalities: int | None = Field(None, description="best estimate across all reports; null when no figure")
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    interaction: int | None = None
    rationale: list[RationaleItem] = Field(default_factory=list, description="how the estimate was reached")
    contradictions: list[dict] = Field(default_factory=list, description="sources that cannot all be right")
    n_mentions: int = 0
    n_articles: int = 0
    notes: str | None = Field(None, description="the sentence of the earliest mention")
    updated_at: dt.datetime | None = None
    outlets: list[str] = Field(default_factory=list, description="outlets of the reporting articles, in order of publication")
    review_state: ReviewState = Field("machine", description="machine (nobody looked), corrected, verified or rejected "
                                                             "(rejected events are left out unless asked for)")
    review_note: str | None = Field(None, description="the reason the analyst gave for the latest correction")
    confidence: float | None = Field(None, description="0..1: how far the extraction agreed with itself (types, place, "
                                                       "date, figures); null for an event stored before review existed")
    priority: float | None = Field(None, description="how soon to review it (higher first): toll, low confidence, a new area")
    created_at: dt.datetime | None = Field(None, description="when the event (its id) was first stored")


class StoredMention(_View):
    """One article's reading of an event, and why it joined the event."""

    id: int
    key: str
    article_id: str
    event_id: str | None = None
    local_event_id: str
    is_main: bool = Field(False, description="the article's main event")
    event_type: str
    sub_event_type: str
    plover: str | None = None
    event_date: dt.date | None = None
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    time_precision: TimePrecision | None = None
    background: bool = False
    actor1: str | None = None
    inter1: int | None = None
    actor1_country: str | None = None
    actor2: str | None = None
    inter2: int | None = None
    actor2_country: str | None = None
    country: str | None = None
    country_code: str | None = None
    admin1: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    geonameid: int | None = None
    weapons: list[str] = Field(default_factory=list)
    fatalities: int | None = None
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    sentence: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    merge_reason: dict | None = None
    merge_text: str | None = Field(None, description="why this mention joined its event, in words")
    url: str | None = Field(None, description="the article's own URL")
    title: str | None = None
    version: int | None = None


class StoredClaim(_View):
    """A figure as one article states it, with who said it and the sentence it came from."""

    id: int
    article_id: str
    article_version: int
    current: bool = Field(True, description="false: from an earlier version of the article")
    mention_id: int | None = None
    mention_key: str | None = None
    local_claim_id: str
    kind: ClaimKind
    status: ClaimStatus
    low: int | None = None
    high: int | None = Field(None, description="null when open ('at least 100') or unknown")
    implausible: bool = Field(False, description=IMPLAUSIBLE_DESCRIPTION)
    approximate: bool = False
    source_id: int | None = None
    source: str = Field(..., description="who states the figure; 'article' for the article's own voice")
    source_type: str | None = None
    source_name: str | None = Field(None, description="the source for display: the outlet for the article's own voice ('the article itself' when it has none)")
    roles: list[str] = Field(default_factory=list, description="what the estimate did with it, from the rationale it recorded: "
                                                                "'best', 'set aside: superseded by a/c4', 'supersedes a/c3', ...")
    scope: Scope | None = None
    scope_party: str | None = None
    as_of: dt.date | None = None
    revised: bool = False
    increment: bool = False
    section: Section | None = None
    figure: str | None = Field(None, description="the figure as written, e.g. 'at least 100'")
    sentence: str | None = None
    start: int | None = Field(None, description="offset of the sentence in the article text")
    end: int | None = None
    figure_start: int | None = Field(None, description="offset of the figure in the article text")
    figure_end: int | None = None
    figure_in_sentence: tuple[int, int] | None = Field(None, description="offsets of the figure inside `sentence`, for highlighting")
    outlet: str | None = None
    published: dt.date | None = None
    url: str | None = None
    title: str | None = None

    @model_validator(mode="after")
    def _flag_implausible(self) -> StoredClaim:
        """The store keeps the figures, not the flag: the rule is read off the figure."""
        if not self.implausible and self.status == ClaimStatus.figure.value:
            self.implausible = _implausible(self.kind, self.low, self.high)
        return self


class TollPoint(_View):
    as_of: dt.date | None = None
    low: int | None = None
    high: int | None = None
    figure: str | None = None
    article_id: str
    article_version: int | None = None
    current: bool = True


class Correction(_View):
    """One analyst's correction of an event (or a mention), as the audit trail lists it."""

    id: int = Field(..., description="in the order corrections were made")
    event_id: str | None = Field(None, description="the event corrected (its id then)")
    mention_key: str | None = Field(None, description="the mention a split took out of its event")
    field: str = Field(..., description="type, date, place, actors, fatalities, verify, reject, merge or split")
    before: Any = Field(None, description="the value before")
    after: Any = Field(None, description="the analyst's value")
    who: str
    at: dt.datetime
    why: str
    applied_to: str | None = Field(None, description="the event it applies to now")
    orphaned: bool = Field(False, description="its event or mention no longer exists: for a person to resolve")


class EventDetail(StoredEvent):
    """An event with everything behind its toll: mentions, the claim ledger, the toll history."""

    machine: dict[str, Any] = Field(default_factory=dict, description="the machine's values of the fields corrections changed")
    corrections: list[Correction] = Field(default_factory=list, description="its corrections, oldest first")

    mentions: list[StoredMention] = Field(default_factory=list)
    claims: list[StoredClaim] = Field(default_factory=list, description="current claims: the ledger")
    history_claims: list[StoredClaim] = Field(default_factory=list, description="claims of superseded article versions")
    toll_history: dict[str, list[TollPoint]] = Field(default_factory=dict, description="killed figures per source, oldest first")
    rationale_text: list[str] = Field(default_factory=list, description="the rationale in words, one line per item")
    contradictions_text: list[str] = Field(default_factory=list)


class StoredArticle(_View):
    id: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    published_origin: PublishedOrigin | None = Field(
        None, description="where the publication date came from: given (at ingest), page (its metadata), feed (the feed item), file (the file's or capture's time)")
    reference_date: dt.date | None = None
    author: str | None = None
    language: str | None = Field(None, description="ISO 639-1; an article not in English is stored but not analysed")
    version: int = 1
    duplicate_of: str | None = Field(None, description="the article this one is a re-published copy of")
    ingested_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    warnings: list[str] = Field(default_factory=list)
    text: str
    event_ids: list[str] = Field(default_factory=list, description="the events it reports")


class CountryCount(_View):
    country: str | None
    country_code: str | None
    events: int
    fatalities: int


class TypeCount(_View):
    event_type: str
    events: int
    fatalities: int


class DayCount(_View):
    date: dt.date
    events: int
    fatalities: int


class EventStats(_View):
    events: int
    fatalities: int = Field(..., description="sum of the best estimates")
    by_country: list[CountryCount]
    by_type: list[TypeCount]
    by_day: list[DayCount] = Field(..., description="ascending; days with no event are absent")
