"""One vocabulary for every output: each field's name, type, null rule and meaning.

``VOCABULARY`` is the registry. ``observed()`` reads the names and types each output really
has from the definitions that produce it (the article result's JSON Schema, the HTTP API's
OpenAPI document, the store's tables, the Parquet and batch Arrow schemas), so that
tests/test_fields.py can hold every output to the registry, and ``python -m clashwatch.fields``
writes docs/fields.md from both.

ACLED's own column names and codes appear only in ACLED-shaped output (``--format acled``
and GeoJSON properties); ``ACLED_COLUMNS`` says where each comes from.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

OUTPUTS = {
    "json": "an article's result: `extract --format json/jsonl`, `batch --format jsonl`, the Python API (`ArticleResult`)",
    "api": "the store through the HTTP API and `events --format json` (`StoredEvent`, `EventDetail`, ...)",
    "sqlite": "the store's tables (SQLite or PostgreSQL), as Datasette shows them",
    "parquet": "`export --format parquet`: events, claims and mentions files",
    "batch": "`batch` output tables (events, claims, places), partitioned by month",
}


@dataclass(frozen=True)
class Field:
    type: str
    null: str
    meaning: str


def F(type: str, meaning: str, null: str = "never") -> Field:
    return Field(type, null, meaning)


NO_FIGURE = "no figure: the text gives none (ACLED-shaped output writes 0)"

VOCABULARY: dict[str, Field] = {
    # identities
    "id": F("text|integer", "the record's own key in the store and the API: an article's id (text), an event's stable 'ev_...' id (text), a mention's, claim's or source's row number (integer); an article's result's `id` is its article's id"),
    "article_id": F("text", "the article a row belongs to (`articles.id`)"),
    "event_id": F("text", "the event a record is or belongs to: in an article's result and `batch`, the article-local 'e1', 'e2' (unique with `article_id`); in the store, API and Parquet, the stable 'ev_...' id (`events.id`)", "a claim or mention tied to no event"),
    "event_ids": F("list of text", "the stored events an article reports"),
    "claim_id": F("text", "a claim's article-local id in an article's result ('c1'); in the store it is `local_claim_id`"),
    "claim_ids": F("list of text", "the claims (`claim_id`) an event's toll or a rationale item rests on"),
    "related_claim_ids": F("list of text", "claims a rationale item names as the reason ('superseded by c4')"),
    "local_event_id": F("text", "the article-local event id ('e1') a stored mention was read as"),
    "local_claim_id": F("text", "the article-local claim id ('c1') a stored claim was read as"),
    "mention_id": F("integer", "the stored mention (`mentions.id`) a claim belongs to", "a claim tied to no event"),
    "mention_key": F("text", "the stable key of that mention", "a claim tied to no event"),
    "key": F("text", "a mention's stable key: the article and the event it read"),
    "source_id": F("integer", "the row of `sources` a claim's source is", "unknown source"),
    "schema_version": F("text", "the version of the article result's shape ('2': claims' `sentence`, articles' `outlet`)"),
    "extractor_version": F("text", "the clashwatch version, extraction-code digest and spaCy model that made the result", "not recorded (stored before version 0.1)"),
    "version": F("integer", "the stored version of an article: 1, then one more each time its text changes"),
    "article_version": F("integer", "the article version a claim was read from"),
    # articles
    "title": F("text", "the article's headline", "none given"),
    "url": F("text", "the article's own URL", "none given"),
    "outlet": F("text", "who published the article (input records may call it `outlet` or `source`)", "unknown"),
    "outlets": F("list of text", "the outlets of every article that reports the event, in order of publication"),
    "author": F("text", "the article's author", "unknown"),
    "language": F("text", "ISO 639-1 code of the article's language; one not in English is stored, not analysed", "not detected"),
    "published": F("date", "the article's publication date", "unknown: see `published_origin`"),
    "published_origin": F("text", "where `published` came from: given, page, feed, file; `missing` when there was none (relative dates then read against the day of extraction)", "not recorded"),
    "reference_date": F("date", "the date relative expressions ('on Monday') were read against: `published`, or the day of extraction when there was none", "not recorded"),
    "text": F("text", "words as written: a span's own text (an event's cue, a place or date expression), or an article's whole text"),
    "text_hash": F("text", "SHA-1 of the article's normalised text (duplicate detection)"),
    "text_hashes": F("list of text", "every text hash the article has had"),
    "duplicate_of": F("text", "the article this one is a re-published copy of", "not a copy"),
    "result": F("object", "the article's whole result as JSON (`schema_version` inside says its shape)", "not extracted (a copy, or not English)"),
    "warnings": F("list of text", "what the reader or the extractor wants the user to know"),
    "ingested_at": F("timestamp", "when the article was first stored (UTC)"),
    "updated_at": F("timestamp", "when the record was last stored (UTC)"),
    "events": F("list of objects|integer", "an article result's events (main event first); in stats, a number of events"),
    "claims": F("list of objects", "an article's claims; an event's current claims (the ledger)"),
    "places": F("list of objects", "the places an article names"),
    "dates": F("list of objects", "the time expressions an article contains"),
    "actors": F("list of objects", "the actors an article names"),
    "mentions": F("list of objects", "each article's reading of a stored event"),
    # where in the text
    "start": F("integer", "offset in the article text where the record's passage begins: a span's `text`, a claim's `sentence`", "not recorded"),
    "end": F("integer", "offset where that passage ends", "not recorded"),
    "section": F("text", "headline or body", "not recorded"),
    "sentence": F("text", "the sentence an event or figure was read from", "not recorded"),
    "notes": F("text", "the sentence of an event's earliest mention (ACLED's `notes`)", "none"),
    # events
    "event_type": F("text", "one of ACLED's 6 event types"),
    "sub_event_type": F("text", "one of ACLED's 25 sub-event types"),
    "plover": F("text", "the PLOVER event category", "none"),
    "event_date": F("date", "the day of the event (its first day; the 15th when only its month is known, as ACLED codes it), ACLED's `event_date`", "no date could be read"),
    "date_start": F("date", "the first day the date expression allows", "no date"),
    "date_end": F("date", "the last day the date expression allows", "no date"),
    "time_precision": F("text", "day, week, month or year: how exact the date is (ACLED-shaped output writes ACLED's 1, 2, 3)", "no date"),
    "background": F("boolean", "a past event the article only recalls; left out of totals and listings unless asked for"),
    "actor1": F("text|object", "ACLED-style name of the first actor; in an article's result an object {name, country_code, inter} (the store flattens it to `actor1`, `actor1_country`, `inter1`)", "none named"),
    "actor2": F("text|object", "ACLED-style name of the second actor (an object in an article's result, as `actor1`)", "none named"),
    "actor1_country": F("text", "ISO 3166-1 alpha-2 country of the first actor", "unknown"),
    "actor2_country": F("text", "ISO 3166-1 alpha-2 country of the second actor", "unknown"),
    "inter": F("integer", "ACLED inter code of an actor (1 state forces ... 8 external forces)", "unknown"),
    "inter1": F("integer", "ACLED inter code of the first actor", "no first actor"),
    "inter2": F("integer", "ACLED inter code of the second actor", "no second actor"),
    "interaction": F("integer", "ACLED interaction code: the two inter codes, lower first; one actor: its code times 10", "no actor"),
    "civilian_targeting": F("boolean", "civilians were the target (ACLED-shaped output: 'Civilian targeting' or empty)"),
    "targets": F("list of text", "kinds of target the text names: civilian, military"),
    "weapons": F("list of text", "normalised weapon names"),
    "fatalities": F("integer", "best estimate of the people killed", NO_FIGURE),
    "fatalities_low": F("integer", "the most conservative credible figure", NO_FIGURE),
    "fatalities_high": F("integer", "the highest credible figure; an open figure ('at least 100') counts at its value", NO_FIGURE),
    "rationale": F("list of objects", "how the estimate was reached, one item per decision"),
    "rationale_text": F("list of text", "the rationale in words"),
    "rule": F("text", "a rationale item's machine-readable rule ('best_from', 'set_aside:superseded')"),
    "detail": F("text", "a rationale item's explanation"),
    "contradictions": F("list of objects", "sources whose figures cannot all be right"),
    "contradictions_text": F("list of text", "the contradictions in words"),
    "n_mentions": F("integer", "how many mentions (article readings) an event has"),
    "n_articles": F("integer", "how many distinct articles report an event"),
    "is_main": F("boolean", "the mention is its article's main event"),
    "merge_reason": F("object", "why a mention joined its event (the merge rule's evidence)", "the event's first mention"),
    "merge_text": F("text", "the merge reason in words", "the event's first mention"),
    "toll_history": F("object", "killed figures per source, oldest first"),
    "history_claims": F("list of objects", "claims of superseded article versions"),
    # places
    "country": F("text", "the country's English name", "unknown"),
    "country_code": F("text", "ISO 3166-1 alpha-2 code", "unknown"),
    "admin1": F("text", "first-order administrative region", "unknown"),
    "location": F("text", "the place an event is coded at: the finest named unit", "not placed"),
    "name": F("text", "a gazetteer feature's, source's or feed's name"),
    "latitude": F("number", "WGS 84 latitude", "not placed"),
    "longitude": F("number", "WGS 84 longitude", "not placed"),
    "geo_precision": F("integer", "ACLED geo-precision: 1 the town (also a capital or main city named by what it is: \"the Kenyan capital\", \"Nigeria's commercial capital\"), 2 near a town or part of a region, 3 the region or country, at its capital (a text naming no place and no country: the publisher's country, from the outlet's name or its web address's country-code domain; naming no place below its country but a local armed group or a community living in one area: that home region, \"Pokot raiders\" in West Pokot; told only by the border with a neighbour: the country's region facing it)", "not placed"),
    "geonameid": F("integer", "GeoNames id of the place", "not placed, or a region without one in the bundled data"),
    "feature_class": F("text", "GeoNames feature class: P populated place, A country or region, L world region"),
    "feature_code": F("text", "GeoNames feature code (PPL, ADM1, PCLI, ...)"),
    "demonym": F("boolean", "an adjective or demonym ('Russian') read as its country, or a business or venue placed at its town ('Whole Foods'): names no event location"),
    # claims
    "kind": F("text", "what a claim counts: killed, injured, missing, abducted, arrested, displaced"),
    "status": F("text", "a claim's status: figure, none (the text says no one), unknown; a feed item's: ingested, skipped, failed"),
    "low": F("integer", "a claim's lower bound", "no figure given"),
    "high": F("integer", "a claim's upper bound", "open ('at least 100') or unknown"),
    "approximate": F("boolean", "the figure is hedged ('about', 'some')"),
    "implausible": F("boolean", "larger than any single event has caused for its kind: kept, never counted"),
    "source": F("text", "who states a figure or reports an event (an attribution: 'the health ministry', 'Telegram'); 'article' for the article's own voice", "an event with no attribution beyond the article"),
    "source_type": F("text", "article, media, government, military, official, organisation, social_media, witness, other", "unknown"),
    "source_name": F("text", "the source for display: the outlet for the article's own voice", "none"),
    "scope": F("text", "whose dead a figure counts: all, one side, civilians, ..."),
    "scope_party": F("text", "the country or actor a one-sided figure covers", "not one-sided"),
    "as_of": F("date", "the date a figure is given as of", "not stated"),
    "revised": F("boolean", "the text says the figure was later revised or retracted"),
    "increment": F("boolean", "counts part of, or an addition to, another figure: not a toll"),
    "current": F("boolean", "from the article's current version (false: an earlier version)"),
    "figure": F("text", "the figure as written, e.g. 'at least 100'"),
    "figure_start": F("integer", "offset of the figure in the article text", "not recorded"),
    "figure_end": F("integer", "end offset of the figure", "not recorded"),
    "figure_in_sentence": F("list of integers", "offsets of the figure inside `sentence`, for highlighting", "not found"),
    "roles": F("list of text", "what the estimate did with a claim, from its rationale ('best', 'set aside: superseded by a/c4')"),
    # batch
    "month": F("text", "the partition a batch row is in: YYYY-MM of its date, or 'unknown'"),
    # feeds (watch)
    "feed_url": F("text", "the feed an item came from"),
    "item_key": F("text", "a feed item's identity (its guid or link)"),
    "attempts": F("integer", "how many times a feed item was tried"),
    "reason": F("text", "why a feed item was skipped or failed", "ingested"),
    "seen_at": F("timestamp", "when the feed item was first seen"),
    "etag": F("text", "the feed's last HTTP ETag", "none"),
    "last_modified": F("text", "the feed's last HTTP Last-Modified", "none"),
    "last_polled_at": F("timestamp", "when the feed was last polled", "never"),
    "last_status": F("text", "the last poll's outcome", "never polled"),
    "failures": F("integer", "consecutive failed polls"),
    "next_poll_at": F("timestamp", "when the feed is due", "now"),
}

VOCABULARY.update({
    # the HTTP API's own responses: statistics, pages, ingest reports, server settings
    "next_cursor": F("text", "where the next page starts (give it back as `cursor`)", "the last page"),
    "limit": F("integer", "the page size used"),
    "by_country": F("list of objects", "events and fatalities per country"),
    "by_type": F("list of objects", "events and fatalities per event type"),
    "by_day": F("list of objects", "events and fatalities per day, ascending; days with no event absent"),
    "date": F("date", "the day a count is for"),
    "articles": F("list of objects", "what happened to each article of an ingest request"),
    "origin": F("text", "where an ingested article came from (a file, a URL, a request position)"),
    "error": F("text", "why an article failed", "it did not fail"),
    "events_created": F("integer", "events an ingested article created"),
    "events_merged": F("integer", "existing events an ingested article joined"),
    "new": F("integer", "articles stored for the first time"),
    "updated": F("integer", "articles stored as a new version"),
    "unchanged": F("integer", "articles already stored with the same text"),
    "duplicate": F("integer", "re-published copies of stored articles"),
    "failed": F("integer", "articles that could not be read or analysed"),
    "clashwatch_version": F("text", "the server's clashwatch version"),
    "tiles": F("object", "the online tile layer the dashboard may add: url, attribution, max_zoom", "offline basemap only"),
    "writes": F("boolean", "the server accepts writes (with the token)"),
    "reads_need_token": F("boolean", "reads need the bearer token too (--private)"),
    "dashboard": F("boolean", "the dashboard's JavaScript libraries are built"),
})

VOCABULARY.update({
    # analysts' review (docs/review.md)
    "review_state": F("text", "machine (nobody looked), corrected, verified or rejected; rejected events are left out unless asked for"),
    "review_note": F("text", "the reason the analyst gave for the latest correction", "machine-coded"),
    "confidence": F("number", "0 to 1: how far the extraction agreed with itself (type, place, date, figures)", "stored before review existed"),
    "priority": F("number", "how soon to review an event: higher for high tolls, low confidence, a new area", "stored before review existed"),
    "novel_area": F("boolean", "no other event in the event's region: part of its priority in the review queue"),
    "machine": F("object", "the machine's values of the fields corrections changed"),
    "corrections": F("list of objects", "an event's corrections, oldest first"),
    "created_at": F("timestamp", "when the event (its id) was first stored (UTC)", "stored before review existed"),
    "field": F("text", "what a correction changed: type, date, place, actors, fatalities, verify, reject, merge, split"),
    "before": F("any", "a correction's value before", "nothing before"),
    "after": F("any", "a correction's value after (the analyst's)", "nothing after (verify, reject)"),
    "who": F("text", "the analyst who made the correction"),
    "at": F("timestamp", "when the correction was made (UTC)"),
    "why": F("text", "the reason the analyst gave"),
    "applied_to": F("text", "the event a correction applies to now", "orphaned: its event or mention no longer exists"),
    "anchor": F("object", "the mentions a correction was made on, to find its event again after re-extraction", "none"),
    "orphaned": F("boolean", "a correction's event or mention no longer exists: for a person to resolve"),
    "other": F("text", "the other event's id, merged into this one"),
    "place": F("object", "a corrected place: {geonameid} of the gazetteer, or {latitude, longitude, geo_precision}"),
    "population": F("integer", "a gazetteer place's population (GeoNames)"),
})

VOCABULARY.update({
    # the map's grid (GET /api/events.grid)
    "zoom": F("integer", "the web map's zoom level the grid was computed for"),
    "cell": F("number", "a grid cell's size in degrees"),
    "cells": F("list of objects", "the grid's cells that hold events"),
    "bbox": F("list of numbers", "a box: min_lon, min_lat, max_lon, max_lat"),
    "features": F("list of objects", "events as GeoJSON features", "the view holds too many events to list"),
})

# Only `--format acled` (CSV) and GeoJSON properties use ACLED's names and codes: where each
# of ACLED's columns comes from, in ACLED's order (ACLED Codebook, 2023 column layout), then
# clashwatch's own columns, which keep the vocabulary's names.
ACLED_COLUMNS = {
    "event_id_cnty": "`event_id` of a stored event; `article_id:event_id` for an article's result",
    "event_date": "`event_date`, ISO (2021-04-06) or with `--date-format acled` as ACLED writes it (06 April 2021)",
    "year": "the year of `event_date`",
    "time_precision": "`time_precision` as ACLED's code: 1 day, 2 week, 3 month or year",
    "disorder_type": "from `event_type` and `sub_event_type` as ACLED's codebook pairs them: Political violence, Demonstrations, Strategic developments; excessive force against protesters is both",
    "event_type": "`event_type`",
    "sub_event_type": "`sub_event_type`",
    "actor1": "`actor1`",
    "assoc_actor_1": "empty: clashwatch does not code associated actors",
    "inter1": "`inter1`",
    "actor2": "`actor2`",
    "assoc_actor_2": "empty",
    "inter2": "`inter2`",
    "interaction": "`interaction` (10, 60 ... for one actor, as ACLED writes it)",
    "civilian_targeting": "'Civilian targeting' when `civilian_targeting`, else empty",
    "iso": "ISO 3166-1 numeric code of `country_code`",
    "region": "empty: ACLED's world regions are its own",
    "country": "`country`",
    "admin1": "`admin1`",
    "admin2": "empty: the bundled gazetteer has no second-order units for most countries",
    "admin3": "empty",
    "location": "`location`",
    "latitude": "`latitude`",
    "longitude": "`longitude`",
    "geo_precision": "`geo_precision`",
    "source": "the article's `outlet` (or its URL's host), or a stored event's `outlets` joined by '; '",
    "source_scale": "empty",
    "notes": "`notes` (a stored event) or the event's `sentence` (an article's result), on one line",
    "fatalities": "`fatalities`, 0 when there is no figure (ACLED's convention)",
    "tags": "empty",
    "timestamp": "`updated_at` in Unix seconds (stored events); empty for an article's result",
}


def _json_type(schema: dict, defs: dict) -> str:
    """One JSON Schema property as a vocabulary type ('integer', 'list of text', ...)."""
    if "$ref" in schema:
        target = defs[schema["$ref"].rsplit("/", 1)[-1]]
        return "object" if target.get("type") == "object" or "properties" in target else _json_type(target, defs)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            kinds = {_json_type(s, defs) for s in schema[key]} - {"null"}
            return "|".join(sorted(kinds))
    kind = schema.get("type")
    if "enum" in schema and kind is None:
        kind = "string"
    if kind == "array":
        if "prefixItems" in schema:
            inner = {_json_type(s, defs) for s in schema["prefixItems"]}
            return "list of " + _plural("|".join(sorted(inner)))
        return "list of " + _plural(_json_type(schema.get("items", {}), defs))
    if kind == "string":
        return {"date": "date", "date-time": "timestamp"}.get(schema.get("format"), "text")
    if kind == "object":
        return "object"
    return {"integer": "integer", "number": "number", "boolean": "boolean", "null": "null"}.get(kind, "any")


def _plural(kind: str) -> str:
    return {"object": "objects", "integer": "integers", "number": "numbers", "boolean": "booleans", "date": "dates"}.get(kind, kind)


def _from_json_schema(schema: dict, names: dict[str, set[str]]) -> None:
    defs = schema.get("$defs") or schema.get("components", {}).get("schemas", {})
    models = list(defs.values()) + ([schema] if "properties" in schema else [])
    for model in models:
        for name, prop in (model.get("properties") or {}).items():
            names.setdefault(name, set()).add(_json_type(prop, defs))


def _arrow_type(kind) -> str:
    import pyarrow as pa

    if pa.types.is_list(kind):
        return "list of " + _plural(_arrow_type(kind.value_type))
    if pa.types.is_integer(kind):
        return "integer"
    if pa.types.is_floating(kind):
        return "number"
    if pa.types.is_boolean(kind):
        return "boolean"
    if pa.types.is_date(kind):
        return "date"
    if pa.types.is_timestamp(kind):
        return "timestamp"
    if pa.types.is_string(kind):
        return "text"
    return str(kind)


def _sql_type(column) -> str:
    from sqlalchemy import JSON, Boolean, Date, DateTime, Float, Integer

    kind = column.type
    for sql, name in ((Boolean, "boolean"), (DateTime, "timestamp"), (Date, "date"), (Integer, "integer"), (Float, "number")):
        if isinstance(kind, sql):
            return name
    if isinstance(kind, JSON):
        return "json"
    return "text"


FASTAPI_ERRORS = ("HTTPValidationError", "ValidationError")  # FastAPI's own error bodies (docs/api.md)


def observed() -> dict[str, dict[str, set[str]]]:
    """Every output's field names, each with the types it has there."""
    import tempfile

    from .batch.rows import schemas
    from .model import ArticleResult
    from .outputs.parquet import parquet_schema
    from .store import tables
    from .web.api import Settings, create_app

    out: dict[str, dict[str, set[str]]] = {key: {} for key in OUTPUTS}
    _from_json_schema(ArticleResult.model_json_schema(), out["json"])
    with tempfile.TemporaryDirectory() as folder:
        api = create_app(Settings(db=f"{folder}/fields.db")).openapi()
    for name in FASTAPI_ERRORS:
        api["components"]["schemas"].pop(name, None)
    _from_json_schema(api, out["api"])
    for table in tables.metadata.tables.values():
        for column in table.columns:
            out["sqlite"].setdefault(column.name, set()).add(_sql_type(column))
    for kind in ("events", "claims", "mentions"):
        for f in parquet_schema(kind):
            out["parquet"].setdefault(f.name, set()).add(_arrow_type(f.type))
    for schema in schemas().values():
        for f in schema:
            out["batch"].setdefault(f.name, set()).add(_arrow_type(f.type))
    return out


def _types(declared: str) -> set[str]:
    return set(declared.split("|"))


def disagreements(found: dict[str, dict[str, set[str]]] | None = None) -> list[str]:
    """Where an output and the vocabulary disagree, in words (empty when they agree)."""
    found = observed() if found is None else found
    problems = []
    for output, fields in found.items():
        for name, kinds in sorted(fields.items()):
            entry = VOCABULARY.get(name)
            if entry is None:
                problems.append(f"{output}: `{name}` is not in the vocabulary (clashwatch/fields.py)")
                continue
            declared = _types(entry.type)
            for kind in kinds:
                if kind in declared:
                    continue
                if kind == "json" and any(d.startswith("list") or d in ("object", "any") for d in declared):
                    continue  # the store keeps lists and objects as JSON
                if output == "parquet" and kind == "text" and "object" in declared:
                    continue  # Parquet keeps free-form objects as JSON text
                problems.append(f"{output}: `{name}` is {kind}, the vocabulary says {entry.type}")
    shown = {name for fields in found.values() for name in fields}
    problems += [f"`{name}` is in the vocabulary but no output shows it" for name in sorted(set(VOCABULARY) - shown)]
    return problems


def markdown(found: dict[str, dict[str, set[str]]] | None = None) -> str:
    """docs/fields.md."""
    found = observed() if found is None else found
    outputs = list(OUTPUTS)
    lines = [
        "# Fields: one vocabulary for every output",
        "",
        "<!-- Generated by `python -m clashwatch.fields > docs/fields.md` from src/clashwatch/fields.py;",
        "     tests/test_fields.py fails when this file, the vocabulary or an output disagree. -->",
        "",
        "Every output of clashwatch names one idea with one name, with one type and one rule for",
        "when it is empty (null in JSON, the API, SQLite and Parquet; an empty cell in CSV).",
        "A record's own key in the store is `id` (an article's, an event's, a mention's); the",
        "same record referred to from another is `article_id`, `event_id`, `mention_id`. Events",
        "and claims in an article's result carry their article-local `event_id` ('e1') and",
        "`claim_id` ('c1'), which the store keeps as `local_event_id` and `local_claim_id`.",
        "",
        "The outputs:",
        "",
    ]
    lines += [f"- **{key}**: {what}" for key, what in OUTPUTS.items()]
    lines += [
        "- **acled**: `--format acled` (CSV, also `/api/events.csv`) and GeoJSON properties use",
        "  ACLED's names and codes instead; see [ACLED's columns](#acleds-columns) below.",
        "",
        "The store keeps lists and objects in JSON columns; Parquet keeps free-form objects",
        "(`merge_reason`) as JSON text.",
        "",
        "| field | type | empty when | meaning | " + " | ".join(outputs) + " |",
        "| --- | --- | --- | --- | " + " | ".join("---" for _ in outputs) + " |",
    ]
    for name in sorted(VOCABULARY):
        entry = VOCABULARY[name]
        marks = " | ".join("x" if name in found[o] else "" for o in outputs)
        lines.append(f"| `{name}` | {entry.type.replace('|', ' or ')} | {entry.null} | {entry.meaning} | {marks} |")
    lines += [
        "",
        "## ACLED's columns",
        "",
        "`--format acled` writes ACLED's 31 columns in ACLED's order (ACLED Codebook, the 2023",
        "column layout), each filled as below, then clashwatch's own columns under the names above",
        "(`fatalities_low`, `fatalities_high`, `plover`, `background`, `geonameid`, ...). GeoJSON",
        "features carry the same record as properties, without the coordinates.",
        "",
        "| ACLED column | filled from |",
        "| --- | --- |",
    ]
    lines += [f"| `{name}` | {how} |" for name, how in ACLED_COLUMNS.items()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(markdown())
