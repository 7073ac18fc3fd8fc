"""The store's tables: plain, documented columns a user can open with other tools.

articles   one row per article (and per re-published copy, pointing at its original)
events     one row per merged real-world event, with its reconciled toll
mentions   an event as reported by one article (the per-article extraction)
claims     every figure, current or kept as history from an earlier article version
places     every resolved toponym of every article
sources    who states figures: outlets, agencies, governments, ...
feeds      the feeds `clashwatch watch` polls: conditional-request validators, failures, backoff
feed_items the items seen in those feeds, and the article each became
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
    Column("id", String(24), primary_key=True, comment="stable: derived from the event's earliest-keyed mention"),
    *_event_columns(),
    Column("interaction", Integer),
    Column("rationale", JSON),
    Column("contradictions", JSON),
    Column("n_mentions", Integer, nullable=False, default=0),
    Column("n_articles", Integer, nullable=False, default=0),
    Column("notes", Text, comment="the sentence of the earliest mention"),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
for _name in ("event_date", "date_start", "date_end", "country_code", "admin1", "fatalities"):
    Index(f"ix_events_{_name}", events.c[_name])
Index("ix_events_lat_lon", events.c.latitude, events.c.longitude)
Index("ix_events_type_date", events.c.event_type, events.c.event_date)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(24), nullable=False, unique=True, comment="sha1 of article identity and the article-local event id"),
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
