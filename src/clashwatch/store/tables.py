"""The store's tables: plain, documented columns a user can open with other tools.

articles   one row per article (and per re-published copy, pointing at its original)
events     one row per merged real-world event, with its reconciled toll
mentions   an event as reported by one article (the per-article extraction)
claims     every figure, current or kept as history from an earlier article version
places     every resolved toponym of every article
sources    who states figures: outlets, agencies, governments, ...
feeds      the feeds `clashwatch watch` polls: conditional-request validators, failures, backoff
feed_items the items seen in those feeds, and the article each became
corrections what analysts changed, verified or rejected: applied whenever events are rebuilt
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    false,
)

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", String(64), primary_key=True, comment="the article id given at ingest, or one derived from URL/text"),
    Column("url", Text, unique=True, nullable=True),
    Column("text_hash", String(40), nullable=False, index=True, comment="sha1 of the whitespace-normalised body"),
    Column("text_hashes", JSON, comment="the hashes of every version seen under this URL"),
    Column("duplicate_of", String(64), ForeignKey("articles.id", ondelete="SET NULL"), nullable=True,
           comment="a re-published copy of this article (same text): not counted again"),
    Column("outlet", Text, comment="the publishing outlet"),
    Column("title", Text),
    Column("published", Date),
    Column("reference_date", Date, comment="the date relative expressions were resolved against"),
    Column("published_origin", String(8), comment="where published came from: given, page, feed or file"),
    Column("author", Text),
    Column("language", String(8), comment="ISO 639-1; an article not in English is stored but not analysed"),
    Column("version", Integer, nullable=False, default=1, comment="1, then +1 for each updated text under the same URL"),
    Column("text", Text, nullable=False),
    Column("result", JSON, comment="the full ArticleResult of the current version"),
    Column("extractor_version", String(96), comment="the extractor that made result: clashwatch version+code digest (model)"),
    Column("warnings", JSON),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

def _event_columns() -> list[Column]:
    """The ACLED-named columns events and mentions share (fresh objects for each table)."""
    return [
        Column("event_type", Text, nullable=False),
        Column("sub_event_type", Text, nullable=False),
        Column("plover", Text),
        Column("event_date", Date),
        Column("date_start", Date),
        Column("date_end", Date),
        Column("time_precision", String(8)),
        Column("background", Boolean, nullable=False, default=False),
        Column("actor1", Text),
        Column("inter1", Integer),
        Column("actor1_country", String(2)),
        Column("actor2", Text),
        Column("inter2", Integer),
        Column("actor2_country", String(2)),
        Column("country", Text),
        Column("country_code", String(2)),
        Column("admin1", Text),
        Column("location", Text),
        Column("latitude", Float),
        Column("longitude", Float),
        Column("geo_precision", Integer),
        Column("geonameid", Integer),
        Column("weapons", JSON),
        Column("fatalities", Integer, comment="best estimate; null when no figure"),
        Column("fatalities_low", Integer),
        Column("fatalities_high", Integer),
    ]


events = Table(
    "events",
    metadata,
    Column("id", String(24), primary_key=True, comment="stable: never changes once given (the oldest event keeps its id when events merge)"),
    *_event_columns(),
    Column("interaction", Integer),
    Column("rationale", JSON),
    Column("contradictions", JSON),
    Column("n_mentions", Integer, nullable=False, default=0),
    Column("n_articles", Integer, nullable=False, default=0),
    Column("notes", Text, comment="the sentence of the earliest mention"),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("created_at", DateTime(timezone=True)),
    Column("review_state", String(12), nullable=False, default="machine", server_default="machine"),
    Column("review_note", Text),
    Column("machine", JSON),
    Column("confidence", Float),
    Column("priority", Float),
    Column("outlets", JSON, comment="the outlets of the articles that report the event, each once, in order of publication "
                                    "(an article without an outlet named by its URL's host); kept with the event"),
)
for _name in ("event_date", "date_start", "date_end", "country_code", "admin1", "fatalities"):
    Index(f"ix_events_{_name}", events.c[_name])
Index("ix_events_lat_lon", events.c.latitude, events.c.longitude)
Index("ix_events_type_date", events.c.event_type, events.c.event_date)
Index("ix_events_review_state", events.c.review_state, events.c.priority)


def read_path_indexes(review: bool = True, attach: bool = False) -> list[Index]:
    """The indexes a page of events is read by (migration 0006): each sort's order with the
    id after it, so that a page and its cursor seek, and the columns the range filters test;
    each equality filter followed by the
    newest-first order; the totals of ``Store.stats``, covered. (SQLite's grid indexes for the
    map are in ``store.grid``.) ``review``: the totals' indexes hold the review state too
    (migration 0008), which every total tests (rejected events are left out). Only
    ``READ_PATH_INDEXES`` is ``attach``ed to the table (an Index on its columns joins it)."""
    from sqlalchemy import func, literal_column

    e = events.c
    newest = (e.event_date.desc(), e.id)
    # read in sort order, a page tests these columns in the index itself, not in the table
    tested = (e.background, e.fatalities, e.latitude, e.longitude)
    reviewed = (e.review_state,) if review else ()
    made = [
        Index("ix_events_newest", *newest, *tested),
        Index("ix_events_oldest", e.event_date, e.id, *tested),
        Index("ix_events_deadliest", func.coalesce(e.fatalities, literal_column("-1")).desc(), e.id, *tested, e.event_date),
        Index("ix_events_country_newest", e.country_code, *newest, e.background),
        Index("ix_events_admin1_newest", func.lower(e.admin1), *newest, e.background),
        Index("ix_events_type_newest", func.lower(e.event_type), *newest, e.background),
        Index("ix_events_subtype_newest", func.lower(e.sub_event_type), *newest, e.background),
        Index("ix_events_interaction_newest", e.interaction, *newest, e.background),
        # Store.stats's groups, each read in order from its own covering index
        Index("ix_events_stats_country", e.background, e.country, e.country_code, e.fatalities, *reviewed),
        Index("ix_events_stats_type", e.background, e.event_type, e.fatalities, *reviewed),
        Index("ix_events_stats_day", e.background, e.event_date, e.fatalities, *reviewed),
    ]
    if not attach:
        for index in made:
            events.indexes.discard(index)
    return made


READ_PATH_INDEXES = read_path_indexes(attach=True)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(24), nullable=False, unique=True, comment="sha1 of the article's identity and the event's sentence: found again after re-extraction"),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("event_id", String(24), ForeignKey("events.id", ondelete="SET NULL"), index=True),
    Column("local_event_id", String(16), nullable=False),
    Column("is_main", Boolean, nullable=False, default=False),
    *_event_columns(),
    Column("sentence", Text),
    Column("published", Date),
    Column("outlet", Text),
    Column("merge_reason", JSON, comment="why this mention joined its event"),
)
for _name in ("date_start", "date_end", "country_code"):
    Index(f"ix_mentions_{_name}", mentions.c[_name])

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False, unique=True),
    Column("source_type", String(16)),
)

claims = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("article_version", Integer, nullable=False),
    Column("current", Boolean, nullable=False, default=True, comment="false: kept as history of an earlier article version"),
    Column("mention_id", Integer, ForeignKey("mentions.id", ondelete="SET NULL"), index=True),
    Column("mention_key", String(24), index=True, comment="the mention's key: kept when an update replaces the mention"),
    Column("local_claim_id", String(16), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("low", Integer),
    Column("high", Integer),
    Column("approximate", Boolean, nullable=False),
    Column("source_id", Integer, ForeignKey("sources.id")),
    Column("source", Text, nullable=False, comment="who states it; the outlet's name for the article's own voice"),
    Column("source_type", String(16)),
    Column("scope", String(16)),
    Column("scope_party", Text),
    Column("as_of", Date),
    Column("revised", Boolean, nullable=False, default=False),
    Column("increment", Boolean, nullable=False, default=False, comment="part of or an addition to a toll, not a toll"),
    Column("section", String(8)),
    Column("figure", Text),
    Column("sentence", Text),
    Column("start", Integer),
    Column("end", Integer),
    Column("figure_start", Integer),
    Column("figure_end", Integer),
)

places = Table(
    "places",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("text", Text),
    Column("start", Integer),
    Column("end", Integer),
    Column("section", String(8)),
    Column("name", Text),
    Column("geonameid", Integer),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("country_code", String(2)),
    Column("admin1", Text),
    Column("feature_code", String(10)),
    Column("geo_precision", Integer),
)

corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(24), index=True),
    Column("mention_key", String(24), index=True),
    Column("anchor", JSON),
    Column("field", String(16), nullable=False),
    Column("before", JSON),
    Column("after", JSON),
    Column("who", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("why", Text, nullable=False),
    Column("applied_to", String(24), index=True),
    Column("orphaned", Boolean, nullable=False, default=False, server_default=false()),
)

feeds = Table(
    "feeds",
    metadata,
    Column("url", Text, primary_key=True, comment="the feed's URL as SOURCES.toml gives it"),
    Column("name", Text),
    Column("location", Text, comment="where a permanent redirect moved the feed, polled instead"),
    Column("etag", Text, comment="the ETag of the last 200 answer, sent back as If-None-Match"),
    Column("last_modified", Text, comment="the Last-Modified of the last 200 answer, sent back as If-Modified-Since"),
    Column("last_polled_at", DateTime(timezone=True)),
    Column("last_status", Text, comment="ok, not modified, or the error of the last poll"),
    Column("failures", Integer, nullable=False, default=0, comment="failed polls in a row (backoff grows with it)"),
    Column("next_poll_at", DateTime(timezone=True)),
)

feed_items = Table(
    "feed_items",
    metadata,
    Column("feed_url", Text, ForeignKey("feeds.url", ondelete="CASCADE"), primary_key=True),
    Column("item_key", Text, primary_key=True, comment="the item's link (or id when it has no link)"),
    Column("status", String(16), nullable=False, comment="ingested, failed (retried on later polls) or skipped"),
    Column("article_id", String(64), comment="the article the page became"),
    Column("attempts", Integer, nullable=False, default=0),
    Column("reason", Text, comment="why the last attempt failed or was skipped"),
    Column("seen_at", DateTime(timezone=True), nullable=False),
)


# What every table and column means, for people opening the database with other tools
# (``clashwatch db metadata`` gives them to Datasette; PostgreSQL keeps them as comments).
TABLE_NOTES = {
    "articles": "One row per article read, and per re-published copy (duplicate_of points to the copy that counts).",
    "events": "One row per merged real-world event, with the toll reconciled from every report of it.",
    "mentions": "An event as one article reports it: that article's own reading, and why it joined its event.",
    "claims": "Every figure (killed, injured, displaced, missing, arrested, abducted) with who states it; "
              "current = false keeps the claims of an earlier version of an updated article.",
    "places": "Every place name of every article, resolved to GeoNames.",
    "sources": "Who states figures: outlets, agencies, governments, organisations.",
    "feeds": "The feeds clashwatch watch polls.",
    "feed_items": "The items seen in those feeds, and the article each became.",
    "corrections": "What analysts changed, verified, rejected, merged or split, oldest first: applied again whenever "
                   "an event is rebuilt (a re-extraction, a new report); never deleted.",
}
VIEW_NOTES = {
    "events_with_outlets": "events, with outlets: the outlets of the articles that report each event ('; '-separated).",
    "claims_with_events": "claims, with their event's type, date, country and location, and their article's outlet and URL.",
}
_EVENT_NOTES = {
    "event_type": "ACLED event type (Battles, Explosions/Remote violence, Violence against civilians, Protests, Riots, "
                  "Strategic developments)",
    "sub_event_type": "ACLED sub-event type (one of 25, e.g. Armed clash, Attack, Peaceful protest)",
    "plover": "the PLOVER category of the event",
    "event_date": "the (first) day of the event",
    "date_start": "the first day the event may have happened on (as precise as the text)",
    "date_end": "the last day the event may have happened on",
    "time_precision": "how precise the date is: day, week, month or year",
    "background": "true for a past event the article(s) only recall; left out of lists and totals unless asked for",
    "actor1": "ACLED-style name of the first actor",
    "inter1": "ACLED inter code of actor1: 1 state forces, 2 rebels, 3 political militia, 4 identity militia, "
              "5 rioters, 6 protesters, 7 civilians, 8 external/other forces",
    "actor1_country": "ISO 3166-1 alpha-2 code of actor1's country",
    "actor2": "ACLED-style name of the second actor (often the target)",
    "inter2": "ACLED inter code of actor2",
    "actor2_country": "ISO 3166-1 alpha-2 code of actor2's country",
    "country": "the country the event happened in",
    "country_code": "its ISO 3166-1 alpha-2 code",
    "admin1": "first-level region (state, province) of the place",
    "location": "the place, as GeoNames names it",
    "latitude": "WGS 84 latitude of the place",
    "longitude": "WGS 84 longitude of the place",
    "geo_precision": "ACLED geo precision: 1 the town itself, 2 near a town or part of a region, 3 a region or country",
    "geonameid": "the place's GeoNames id",
    "weapons": "weapons named for the event (JSON list)",
    "fatalities_low": "lowest plausible toll; null when unknown",
    "fatalities_high": "highest plausible toll; null when unknown or open-ended",
}
COLUMN_NOTES = {
    "articles": {
        "url": "the canonical URL, when known",
        "title": "the headline",
        "published": "the publication date (see published_origin)",
        "author": "the byline, when the page gives one",
        "text": "the text analysed",
        "warnings": "what clashwatch noticed while reading it (JSON list)",
        "ingested_at": "when it was first stored",
        "updated_at": "when it was last stored (a new version)",
    },
    "events": {
        **_EVENT_NOTES,
        "interaction": "ACLED interaction code: the two inter codes, lower first (13); one actor: its code and 0 (10)",
        "rationale": "how the toll was reconciled from the claims (JSON)",
        "contradictions": "figures of different sources that disagree (JSON)",
        "n_mentions": "how many mentions (one article's reading) the event has",
        "n_articles": "how many articles report it",
        "updated_at": "when the event last changed",
        "created_at": "when the event (its id) was first stored",
        "review_state": "machine (nobody looked), corrected, verified or rejected (hidden unless asked for)",
        "review_note": "the reason the analyst gave for the latest correction",
        "machine": "the machine's values of the fields corrections changed (JSON)",
        "confidence": "0..1: how far the extraction agreed with itself (types, place precision and agreement, figures)",
        "priority": "how soon to review it, its stored part: higher for high tolls and low confidence (the review "
                    "queue adds 2 for an event alone in its region)",
    },
    "mentions": {
        **_EVENT_NOTES,
        "id": "row id",
        "article_id": "the article",
        "event_id": "the merged event it belongs to",
        "local_event_id": "the event's id within the article (e1, e2, ...)",
        "is_main": "true for the article's main event",
        "sentence": "the sentence the event was found in",
        "published": "the article's publication date",
        "outlet": "the article's outlet",
    },
    "claims": {
        "id": "row id",
        "article_id": "the article the figure is in",
        "article_version": "the version of that article",
        "mention_id": "the mention (and through it the event) the figure belongs to",
        "local_claim_id": "the claim's id within the article",
        "kind": "killed, injured, displaced, missing, arrested or abducted",
        "status": "figure (a number or range was stated), none_reported (an explicit zero) or undisclosed",
        "low": "the figure, or the low end of its range",
        "high": "the high end of its range (same as low for one number); null when open-ended",
        "approximate": "true for 'about', 'dozens', 'more than' figures",
        "source_id": "the source row",
        "source_type": "what kind of source: media, government, military, organisation, witness, article, ...",
        "scope": "whom the figure counts: all, one_side (see scope_party), civilians or military",
        "scope_party": "the party the figure is limited to, when scope says so",
        "as_of": "the day the figure was true on",
        "revised": "true when the text says the figure was revised",
        "section": "where in the article: headline or body",
        "figure": "the figure as written",
        "sentence": "the sentence it came from",
        "start": "character offset of the sentence in the article",
        "end": "end offset of the sentence",
        "figure_start": "character offset of the figure",
        "figure_end": "end offset of the figure",
    },
    "places": {
        "id": "row id",
        "article_id": "the article",
        "text": "the place name as written",
        "start": "character offset in the article",
        "end": "end offset",
        "section": "headline or body",
        "name": "the GeoNames name it resolved to",
        "geonameid": "its GeoNames id",
        "latitude": "WGS 84 latitude",
        "longitude": "WGS 84 longitude",
        "country_code": "ISO 3166-1 alpha-2 code",
        "admin1": "first-level region",
        "feature_code": "GeoNames feature code (PPL, ADM1, PCLI, ...)",
        "geo_precision": "ACLED geo precision (1, 2, 3)",
    },
    "sources": {"id": "row id", "name": "the source's name", "source_type": "media, government, military, organisation, ..."},
    "feeds": {"name": "the feed's name in SOURCES.toml", "last_polled_at": "when it was last asked",
              "next_poll_at": "when it is asked next (later after failures)"},
    "corrections": {
        "id": "row id, in the order the corrections were made",
        "event_id": "the event corrected (its id when the correction was made)",
        "mention_key": "the mention a split takes out of its event",
        "anchor": "the keys of the event's mentions when it was corrected: how it is found if its id goes",
        "field": "type, date, place, actors, fatalities, verify, reject, merge or split",
        "before": "the value before (JSON)",
        "after": "the analyst's value (JSON)",
        "who": "the analyst",
        "at": "when",
        "why": "the reason given",
        "applied_to": "the event it applies to now; null when orphaned",
        "orphaned": "true when its event or mention no longer exists: listed for a person to resolve",
    },
    "feed_items": {"feed_url": "the feed", "attempts": "how many times the page was tried", "seen_at": "when the item was first seen"},
}
for _table in metadata.sorted_tables:
    _table.comment = TABLE_NOTES.get(_table.name)
    for _column, _note in COLUMN_NOTES.get(_table.name, {}).items():
        if not _table.c[_column].comment:
            _table.c[_column].comment = _note
