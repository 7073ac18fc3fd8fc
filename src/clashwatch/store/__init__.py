"""The corpus store: one interface, SQLite by default and PostgreSQL/PostGIS for teams.

    store = Store.open()                       # ./clashwatch.db (SQLite, WAL mode)
    store = Store.open("postgresql+psycopg://user@host/db")
    status = store.check(article)              # new / unchanged / updated / duplicate, before extracting
    outcome = store.save(article, result)      # one transaction: the article, its mentions,
                                               # claims and places, then event merging
    store.events(EventQuery(country="Kenya", min_fatalities=1))
    store.event("ev_...")                      # mentions, claims, rationale, toll history

Ingesting is idempotent (the same URL or the same normalised text changes nothing) and
an updated text under a known URL replaces that article's mentions and claims, keeping the
earlier claims as history (``claims.current = false``).

Several processes may write into one store at once: each save is one write transaction
that holds the store's write lock and checks the article again inside it, and a transient
conflict is retried (``transactions``; ``store.retried`` counts the retries).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from sqlalchemy import Boolean, Float, Select, and_, bindparam, cast, create_engine, delete, event, exists, func, insert, literal_column, or_, select, text, update
from sqlalchemy.engine import Connection, Engine

from ..article import Article, make_article
from ..model import ArticleResult, interaction_code
from . import tables as t
from .search import actor_condition, contains, dated_search, equals_folded, text_condition, unindexed
from .feeds import FeedState
from .merge import PRECISE_RANGE_DAYS, MentionRecord, cluster
from .outlets import outlet_names
from .reconcile import reconcile, toll_history
from .review import Review
from . import review as _review
from .transactions import LockWaits, Retries, prepare, write_transaction

DEFAULT_URL = "sqlite:///clashwatch.db"
PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, None: 4}


class StoreError(RuntimeError):
    pass


class NeedsExtraction(StoreError):
    """``save`` was given no extraction for an article the store must count (a new one, or a
    copy that another writer made the one to count since it was checked)."""


@dataclass
class SaveOutcome:
    status: str  # new | updated | unchanged | duplicate | reextracted
    article_id: str
    events_created: int = 0
    events_merged: int = 0
    event_ids: list[str] = field(default_factory=list)
    history: bool = False  # an older version of a known URL: only its claims were kept, as history
    retries: int = 0  # write conflicts with other writers retried while saving it


@dataclass
class EventQuery:
    """Which events to read. List filters match any of their values (``store.filters``)."""

    country: tuple[str, ...] = ()  # ISO alpha-2 codes, or names as stored
    admin1: tuple[str, ...] = ()
    event_type: tuple[str, ...] = ()  # event types or sub-event types
    actor: tuple[str, ...] = ()  # substrings of actor1 or actor2
    interaction: tuple[int, ...] = ()
    outlet: tuple[str, ...] = ()  # substrings of an outlet that reported the event
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    min_fatalities: int | None = None
    text: str | None = None
    include_background: bool = False  # recalled past events stay out of lists and totals unless asked for
    review_state: tuple[str, ...] = ()  # machine, corrected, verified, rejected: only these
    include_rejected: bool = False  # events an analyst rejected stay out of lists and totals unless asked for
    sort: str = "newest"  # a key of store.filters.SORTS
    limit: int | None = None
    after: tuple[Any, str] | None = None  # cursor: (sort value, id) of the last row seen

    def __post_init__(self):
        for name in ("country", "admin1", "event_type", "actor", "outlet", "interaction", "review_state"):
            value = getattr(self, name)
            if value is None:
                setattr(self, name, ())
            elif isinstance(value, (str, int)):
                setattr(self, name, (value,))
            else:
                setattr(self, name, tuple(value))


def normalise_text(text: str) -> str:
    return " ".join(text.split())


def text_hash(text: str) -> str:
    return hashlib.sha1(normalise_text(text).encode("utf-8")).hexdigest()


def mention_key(article: Article, sentence: str, section: str = "body", n: int = 0) -> str:
    """A mention's key: the article's identity (its URL, else its text) and the event's
    sentence (whitespace-normalised; ``n``: the nth event found in the same sentence). It
    does not depend on the article-local event id, which shifts when a new extractor finds
    more or fewer events, so a correction finds its mention again after re-extraction."""
    identity = article.url or text_hash(article.text)
    return hashlib.sha1(f"{identity}|{section}|{normalise_text(sentence)}|{n}".encode()).hexdigest()[:20]


def mention_keys(article: Article, result: ArticleResult) -> dict[str, str]:
    """The key of each event of ``result``, by its article-local id."""
    keys: dict[str, str] = {}
    seen: Counter = Counter()
    for e in sorted(result.events, key=lambda e: (e.section, e.start, e.end, e.event_id)):
        place = (e.section, normalise_text(e.sentence or e.text))
        keys[e.event_id] = mention_key(article, place[1], e.section, seen[place])
        seen[place] += 1
    return keys


# a mention joins its event: one statement for all of an event's mentions (executemany)
_JOIN_MENTION = (
    update(t.mentions).where(t.mentions.c.key == bindparam("key_"))
    .values(event_id=bindparam("event_"), merge_reason=bindparam("reason_", type_=t.mentions.c.merge_reason.type))
)


# the statements of every save, built once (their values as parameters)
_ARTICLE_BY_URL = select(t.articles).where(t.articles.c.url == bindparam("url_"))
_ARTICLE_BY_TEXT = select(t.articles).where(t.articles.c.text_hash == bindparam("hash_"), t.articles.c.duplicate_of.is_(None)).limit(1)
_ARTICLE_BY_ID = select(t.articles).where(t.articles.c.id == bindparam("id_"))
_ARTICLE_ID = select(t.articles.c.id).where(t.articles.c.id == bindparam("id_"))
_MENTION_IDS = select(t.mentions.c.key, t.mentions.c.id).where(t.mentions.c.key.in_(bindparam("keys_", expanding=True)))
_SOURCE_IDS = select(t.sources.c.name, t.sources.c.id).where(t.sources.c.name.in_(bindparam("names_", expanding=True)))


_RECORD_COLUMNS = [t.mentions.c[name] for name in (
    "key", "article_id", "event_type", "sub_event_type", "date_start", "date_end", "time_precision", "background",
    "country_code", "admin1", "latitude", "longitude", "geo_precision", "actor1_country", "actor2_country", "event_id")]


def _candidate_params(m: MentionRecord) -> dict[str, Any]:
    """The range of stored mentions ``m`` could be compatible with (``merge.compatible``: of
    another article, as current or as background as it, dated within reach, not in another
    country), as the parameters of one term of ``_CANDIDATES``."""
    day = dt.timedelta(days=1)
    if (m.date_end - m.date_start).days < PRECISE_RANGE_DAYS:
        # a compatible precise mention starts at most a week (plus tolerance) earlier
        starts, ends = (m.date_start - dt.timedelta(days=PRECISE_RANGE_DAYS + 1), m.date_end + day), (m.date_start - day, dt.date.max)
    else:
        starts, ends = (m.date_start, m.date_start), (m.date_end, m.date_end)
    return dict(start_from=starts[0], start_to=starts[1], end_from=ends[0], end_to=ends[1], article=m.article_id,
                background=m.background, country=m.country_code, any_country=not m.country_code)


def _candidate_statement(slots: int, sqlite: bool):
    """The mentions with an event that any of ``slots`` new mentions could join: one term
    of ``_candidate_params`` each, so that one statement (compiled once) serves them all.
    On SQLite only the start date is looked up by its index (the other columns are marked
    ``unindexed``): its ranges are a few days wide, where the end date's is open-ended and
    a country's or an article's ids are many."""
    c = t.mentions.c
    bare = unindexed if sqlite else (lambda column: column)
    terms = []
    for i in range(slots):
        def p(name, column=None):
            return bindparam(f"{name}{i}", type_=column.type if column is not None else Boolean)

        terms.append(and_(
            c.date_start.between(p("start_from", c.date_start), p("start_to", c.date_start)),
            bare(c.date_end).between(p("end_from", c.date_end), p("end_to", c.date_end)),
            bare(c.article_id) != p("article", c.article_id), bare(c.background) == p("background", c.background),
            or_(bare(c.country_code) == p("country", c.country_code), bare(c.country_code).is_(None), p("any_country")),
        ))
    return select(*_RECORD_COLUMNS).where(bare(c.event_id).is_not(None), or_(*terms))


_CANDIDATE_SLOTS = 8
_CANDIDATES = {sqlite: _candidate_statement(_CANDIDATE_SLOTS, sqlite) for sqlite in (True, False)}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")
    _sqlite_wal(cursor)
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_wal(cursor, timeout: float = 30.0) -> None:
    """WAL mode, which the file keeps once one connection has set it. Switching needs the
    database to itself, and when several processes open a new file at once SQLite says
    "database is locked" at once instead of waiting: try again, for up to ``timeout``."""
    import random
    import sqlite3
    import time

    deadline = time.monotonic() + timeout
    while True:
        try:
            if str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
                cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc).lower() or time.monotonic() > deadline:
                raise
            time.sleep(random.uniform(0.02, 0.1))


def make_engine(url: str | None) -> Engine:
    url = url or DEFAULT_URL
    if "://" not in url:
        url = f"sqlite:///{Path(url)}"
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return prepare(engine)


class Store(FeedState, Review):
    def __init__(self, engine: Engine, retries: Retries | None = None):
        self.engine = prepare(engine)
        self.retries = retries or Retries()
        self.lock_waits = LockWaits()  # how long write transactions waited for other writers

    @classmethod
    def open(cls, url: str | None = None, migrate: bool = True) -> "Store":
        engine = make_engine(url)
        store = cls(engine)
        if migrate:
            from .migrate import upgrade

            upgrade(engine, retries=store.retries)
        return store

    @property
    def retried(self) -> int:
        """Write transactions retried after a transient conflict with another writer."""
        return self.retries.count

    def _write(self, what: str, fn: Callable[[Connection], Any]) -> tuple[Any, int]:
        """``fn(conn)`` in one write transaction, retried on a transient conflict; its
        value and the number of retries."""

        def once() -> Any:
            with write_transaction(self.engine, on_locked=self.lock_waits) as conn:
                return fn(conn)

        return self.retries.run(what, once)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    # ----------------------------------------------------------------------- ingest
    def check(self, article: Article) -> tuple[str, dict | None]:
        """new / unchanged / updated / stale / duplicate, decided before any extraction.

        stale: an older, not yet seen version of a known URL (its claims go to history);
        duplicate: the same text under another URL (a re-published copy)."""
        with self.engine.connect() as conn:
            return self._check(conn, article)

    def _check(self, conn: Connection, article: Article) -> tuple[str, dict | None]:
        digest = text_hash(article.text)
        if article.url:
            row = conn.execute(_ARTICLE_BY_URL, {"url_": article.url}).mappings().first()
            if row is not None:
                row = dict(row)
                if row["text_hash"] == digest or digest in (row["text_hashes"] or []):
                    return "unchanged", row
                if article.published and row["published"] and article.published < row["published"]:
                    return "stale", row
                return "updated", row
        row = conn.execute(_ARTICLE_BY_TEXT, {"hash_": digest}).mappings().first()
        if row is not None:
            same = (row["url"] == article.url) or not article.url or row["id"] == article.id
            return ("unchanged" if same else "duplicate"), dict(row)
        row = conn.execute(_ARTICLE_BY_ID, {"id_": article.id}).mappings().first()
        if row is not None and not article.url:
            return "updated", dict(row)
        return "new", None

    @staticmethod
    def _canonical_first(article: Article, existing: dict) -> bool:
        """Of identical texts, the earliest published (then the smallest URL) is the one
        counted, whatever the order of arrival."""
        mine = (article.published or dt.date.max, article.url or "")
        theirs = (existing["published"] or dt.date.max, existing["url"] or "")
        return mine < theirs

    def save(self, article: Article, result: ArticleResult | None) -> SaveOutcome:
        """Store one article and its extraction in one write transaction, then merge its
        events; retried on a transient conflict with another writer."""
        status, existing = self.check(article)  # without the lock: an unchanged article stays so
        if status == "unchanged":
            return SaveOutcome("unchanged", existing["id"])
        outcome, retries = self._write(f"saving article {article.id} ({article.origin})", lambda conn: self._save(conn, article, result))
        outcome.retries = retries
        return outcome

    def _save(self, conn: Connection, article: Article, result: ArticleResult | None) -> SaveOutcome:
        # checked again under the write lock: another writer may have stored it (or a copy,
        # or another version) since
        status, existing = self._check(conn, article)
        digest = text_hash(article.text)
        now = _now()
        if status == "unchanged":
            return SaveOutcome("unchanged", existing["id"])
        if status == "stale":
            self._insert_history(conn, existing, article, result)
            return SaveOutcome("unchanged", existing["id"], history=result is not None)
        demoted: str | None = None
        if status == "duplicate" and self._canonical_first(article, existing):
            # the new copy is the one to count: the stored one becomes its duplicate
            demoted = existing["id"]
            status, existing = "new", None
        if status == "duplicate":
            conn.execute(
                insert(t.articles).values(
                    id=self._free_id(conn, article.id), url=article.url, text_hash=digest, text_hashes=[digest], duplicate_of=existing["id"],
                    outlet=article.outlet, title=article.title, published=article.published, version=1,
                    text=article.text, result=None, warnings=None, ingested_at=now, updated_at=now, **_provenance(article),
                )
            )
            return SaveOutcome("duplicate", existing["id"])
        if result is None:
            raise NeedsExtraction(f"article {article.id}: it must be extracted before it can be saved ({status})")
        affected: set[str] = set()
        previous: list = []
        if status == "updated":
            article_id = existing["id"]
            version = existing["version"] + 1
            previous = self._previous(conn, article_id)
            affected = {r[2] for r in previous if r[2]}
            conn.execute(update(t.claims).where(t.claims.c.article_id == article_id).values(current=False, mention_id=None))
            conn.execute(delete(t.mentions).where(t.mentions.c.article_id == article_id))
            conn.execute(delete(t.places).where(t.places.c.article_id == article_id))
            conn.execute(
                update(t.articles).where(t.articles.c.id == article_id).values(
                    text_hash=digest, text_hashes=(existing["text_hashes"] or []) + [digest], outlet=article.outlet, title=result.title, published=article.published,
                    reference_date=result.reference_date, version=version, text=article.text,
                    result=result.model_dump(mode="json"), warnings=result.warnings, updated_at=now,
                    extractor_version=result.extractor_version, **_provenance(article),
                )
            )
        else:
            article_id = self._free_id(conn, article.id)
            version = 1
            conn.execute(
                insert(t.articles),  # the values as parameters: the statement stays cached
                dict(
                    id=article_id, url=article.url, text_hash=digest, text_hashes=[digest], duplicate_of=None, outlet=article.outlet,
                    title=result.title, published=article.published, reference_date=result.reference_date,
                    version=1, text=article.text, result=result.model_dump(mode="json"), warnings=result.warnings,
                    ingested_at=now, updated_at=now, extractor_version=result.extractor_version, **_provenance(article),
                )
            )
        new_keys = self._insert_findings(conn, article_id, article, version, result)
        for key, (old_key, _) in self._successors(conn, new_keys, previous).items():
            if old_key != key:  # the earlier version's claims stay the history of the same mention
                conn.execute(update(t.claims).where(t.claims.c.article_id == article_id, t.claims.c.mention_key == old_key,
                                                    t.claims.c.current.is_(False)).values(mention_key=key))
        if demoted is not None:
            previous = self._previous(conn, demoted)
            affected |= self._demote(conn, demoted, article_id)
        created, merged, event_ids = self._merge(conn, new_keys, affected, previous)
        return SaveOutcome(status, article_id, created, merged, event_ids)

    # ----------------------------------------------------------------------- re-extraction
    def stale_articles(self, version: str | None, where: str | None = None) -> list[str]:
        """Ids of the stored articles (re-published copies aside) whose extraction another
        extractor version than ``version`` made (or none recorded; ``version`` None: every
        article), oldest first; ``where`` an SQL condition on ``articles``
        (``published >= '2024-01-01'``)."""
        stmt = select(t.articles.c.id).where(t.articles.c.duplicate_of.is_(None))
        if version is not None:
            stmt = stmt.where(or_(t.articles.c.extractor_version.is_(None), t.articles.c.extractor_version != version))
        if where:
            stmt = stmt.where(text(f"({where})"))
        with self.engine.connect() as conn:
            return [r for (r,) in conn.execute(stmt.order_by(t.articles.c.ingested_at, t.articles.c.id))]

    def stored_article(self, article_id: str) -> Article | None:
        """The stored article, as the pipeline reads it."""
        with self.engine.connect() as conn:
            row = conn.execute(select(t.articles).where(t.articles.c.id == article_id)).mappings().first()
        if row is None:
            return None
        return make_article(
            row["text"], id=row["id"], title=row["title"], published=row["published"],
            published_origin=row["published_origin"] if row["published"] else None, url=row["url"],
            outlet=row["outlet"], author=row["author"], language=row["language"], origin=f"article {row['id']}",
        )

    def replace_extraction(self, article: Article, result: ArticleResult) -> SaveOutcome:
        """Put a new extraction of a stored article (same text) in place of the old one, in one
        write transaction: its mentions, current claims and places are replaced (claims of
        earlier versions stay history), its events re-merged and their estimates recomputed."""

        def replace(conn: Connection) -> SaveOutcome:
            row = conn.execute(select(t.articles).where(t.articles.c.id == article.id)).mappings().first()
            if row is None:
                raise StoreError(f"article {article.id} is not in the store")
            previous = self._previous(conn, article.id)
            affected = {r[2] for r in previous if r[2]}
            conn.execute(delete(t.claims).where(t.claims.c.article_id == article.id, t.claims.c.current.is_(True)))
            conn.execute(delete(t.mentions).where(t.mentions.c.article_id == article.id))
            conn.execute(delete(t.places).where(t.places.c.article_id == article.id))
            conn.execute(update(t.articles).where(t.articles.c.id == article.id).values(
                result=result.model_dump(mode="json"), warnings=result.warnings, reference_date=result.reference_date,
                extractor_version=result.extractor_version, updated_at=_now(),
            ))
            new_keys = self._insert_findings(conn, article.id, article, row["version"], result)
            created, merged, event_ids = self._merge(conn, new_keys, affected, previous)
            return SaveOutcome("reextracted", article.id, created, merged, event_ids)

        outcome, retries = self._write(f"re-extracting article {article.id}", replace)
        outcome.retries = retries
        return outcome

    @staticmethod
    def _previous(conn: Connection, article_id: str) -> list[tuple[str, str, str | None]]:
        """(key, local event id, event id) of an article's mentions, before they are replaced:
        a new mention of the same key (or, failing that, the same local id) is the same
        mention and keeps its event's id."""
        m = t.mentions.c
        return [tuple(r) for r in conn.execute(select(m.key, m.local_event_id, m.event_id).where(m.article_id == article_id))]

    def _demote(self, conn: Connection, old_id: str, canonical_id: str) -> set[str]:
        """Make a stored article a duplicate of its canonical copy; return the events it left."""
        left = {r for (r,) in conn.execute(select(t.mentions.c.event_id).where(t.mentions.c.article_id == old_id)) if r}
        conn.execute(delete(t.claims).where(t.claims.c.article_id == old_id))
        conn.execute(delete(t.mentions).where(t.mentions.c.article_id == old_id))
        conn.execute(delete(t.places).where(t.places.c.article_id == old_id))
        conn.execute(update(t.articles).where(t.articles.c.duplicate_of == old_id).values(duplicate_of=canonical_id))
        conn.execute(update(t.articles).where(t.articles.c.id == old_id).values(duplicate_of=canonical_id, result=None, updated_at=_now()))
        return left

    def _insert_history(self, conn: Connection, existing: dict, article: Article, result: ArticleResult | None) -> None:
        """An older version arriving late: its claims are kept as history, nothing else changes."""
        digest = text_hash(article.text)
        if result is not None:
            rows = self._claim_values(conn, existing["id"], article, 0, result, {}, mention_keys(article, result))
            for row in rows:
                row["current"] = False
            if rows:
                conn.execute(insert(t.claims), rows)
        conn.execute(
            update(t.articles).where(t.articles.c.id == existing["id"]).values(text_hashes=(existing["text_hashes"] or []) + [digest])
        )

    def _free_id(self, conn: Connection, wanted: str) -> str:
        candidate, n = wanted, 1
        while conn.execute(_ARTICLE_ID, {"id_": candidate}).first() is not None:
            n += 1
            candidate = f"{wanted}~{n}"
        return candidate

    def _source_ids(self, conn: Connection, wanted: list[tuple[str, str | None]]) -> dict[str, int]:
        """The id of each (source name, type) of ``wanted``, by name: one look-up for all, and
        the unknown ones inserted in the order they come (the first type given for a name)."""
        names = list(dict.fromkeys(name for name, _ in wanted))
        if not names:
            return {}
        ids = dict(conn.execute(_SOURCE_IDS, {"names_": names}).all())
        for name, source_type in wanted:
            if name not in ids:
                ids[name] = conn.execute(insert(t.sources).values(name=name, source_type=source_type)).inserted_primary_key[0]
        return ids

    def _insert_findings(self, conn: Connection, article_id: str, article: Article, version: int, result: ArticleResult) -> list[str]:
        keys: list[str] = []
        mention_ids: dict[str, int] = {}
        local_keys = mention_keys(article, result)
        rows = []
        for n, e in enumerate(result.events):
            key = local_keys[e.event_id]
            keys.append(key)
            rows.append(
                dict(
                    key=key, article_id=article_id, event_id=None, local_event_id=e.event_id, is_main=n == 0,
                    event_type=e.event_type, sub_event_type=e.sub_event_type, plover=e.plover, event_date=e.event_date,
                    date_start=e.date_start, date_end=e.date_end, time_precision=e.time_precision, background=e.background,
                    actor1=e.actor1.name if e.actor1 else None, inter1=e.actor1.inter if e.actor1 else None,
                    actor1_country=e.actor1.country_code if e.actor1 else None,
                    actor2=e.actor2.name if e.actor2 else None, inter2=e.actor2.inter if e.actor2 else None,
                    actor2_country=e.actor2.country_code if e.actor2 else None,
                    country=e.country, country_code=e.country_code, admin1=e.admin1, location=e.location,
                    latitude=e.latitude, longitude=e.longitude, geo_precision=e.geo_precision, geonameid=e.geonameid,
                    weapons=e.weapons, fatalities=e.fatalities, fatalities_low=e.fatalities_low,
                    fatalities_high=e.fatalities_high, sentence=e.sentence, published=article.published,
                    outlet=article.outlet, merge_reason=None,
                )
            )
        if rows:
            # in one statement, then their ids by key (unique): as many ids, in the same order,
            # as one insert each gave
            conn.execute(insert(t.mentions), rows)
            id_of = dict(conn.execute(_MENTION_IDS, {"keys_": keys}).all())
            mention_ids = {e.event_id: id_of[local_keys[e.event_id]] for e in result.events}
        claim_rows = self._claim_values(conn, article_id, article, version, result, mention_ids, local_keys)
        if claim_rows:
            conn.execute(insert(t.claims), claim_rows)
        place_rows = [
            dict(
                article_id=article_id, text=p.text, start=p.start, end=p.end, section=p.section, name=p.name,
                geonameid=p.geonameid, latitude=p.latitude, longitude=p.longitude, country_code=p.country_code,
                admin1=p.admin1, feature_code=p.feature_code, geo_precision=p.geo_precision,
            )
            for p in result.places
        ]
        if place_rows:
            conn.execute(insert(t.places), place_rows)
        return keys

    def _claim_values(self, conn, article_id, article, version, result, mention_ids, local_keys) -> list[dict]:
        claim_rows = []
        sources = [(c.source if c.source != "article" else (article.outlet or "article"),
                    c.source_type if c.source != "article" else "media") for c in result.claims]
        source_ids = self._source_ids(conn, sources)
        for c, (source, _) in zip(result.claims, sources):
            claim_rows.append(
                dict(
                    article_id=article_id, article_version=version, current=True,
                    mention_id=mention_ids.get(c.event_id) if c.event_id else None,
                    mention_key=local_keys.get(c.event_id) if c.event_id else None, local_claim_id=c.claim_id,
                    kind=c.kind, status=c.status, low=c.low, high=c.high, approximate=c.approximate,
                    source_id=source_ids[source],
                    source=c.source, source_type=c.source_type, scope=c.scope, scope_party=c.scope_party, as_of=c.as_of,
                    revised=c.revised, increment=c.increment, section=c.section, figure=c.figure, sentence=c.sentence, start=c.start, end=c.end,
                    figure_start=c.figure_start, figure_end=c.figure_end,
                )
            )
        return claim_rows

    # ----------------------------------------------------------------------- merging
    def _records(self, conn: Connection, where, with_event: bool = False, params: dict | None = None) -> list:
        """Mentions as the merge reads them; ``where`` a condition, or a whole statement (with its ``params``)."""
        stmt = where if isinstance(where, Select) else select(*_RECORD_COLUMNS).where(where)
        rows = conn.execute(stmt, params or {}).mappings().all()
        records = [
            MentionRecord(
                key=r["key"], article_id=r["article_id"], event_type=r["event_type"], sub_event_type=r["sub_event_type"],
                date_start=r["date_start"], date_end=r["date_end"], time_precision=r["time_precision"],
                background=r["background"], country_code=r["country_code"], admin1=r["admin1"], latitude=r["latitude"],
                longitude=r["longitude"], geo_precision=r["geo_precision"],
                actor_countries=frozenset(c for c in (r["actor1_country"], r["actor2_country"]) if c),
            )
            for r in rows
        ]
        if with_event:
            return list(zip(records, (r["event_id"] for r in rows)))
        return records

    def _merge(self, conn: Connection, new_keys: list[str], affected: set[str], previous: list = ()) -> tuple[int, int, list[str]]:
        """Re-cluster the new mentions with every event they could join (and, after an
        update, the events the old version belonged to; ``previous``: its mentions, from
        ``_previous``), replay the analysts' merges and splits, keep each event's id
        (``review.assign_ids``) and apply the corrections again."""
        from .merge import compatible

        new = self._records(conn, t.mentions.c.key.in_(new_keys)) if new_keys else []
        touched = set(affected)
        dated = [m for m in new if m.date_start is not None]
        if dated:
            # the mentions any of them could join, eight new mentions a query (each row found is
            # then tested against every new mention: compatible() decides, not the query)
            for start in range(0, len(dated), _CANDIDATE_SLOTS):
                chunk = dated[start : start + _CANDIDATE_SLOTS]
                chunk += [chunk[-1]] * (_CANDIDATE_SLOTS - len(chunk))  # always as many: one cached statement
                params = {f"{name}{i}": value for i, m in enumerate(chunk) for name, value in _candidate_params(m).items()}
                for c, event_id in self._records(conn, _CANDIDATES[conn.dialect.name == "sqlite"], with_event=True, params=params):
                    if event_id not in touched and any(compatible(m, c) is not None for m in dated):
                        touched.add(event_id)
        touched.discard(None)
        pool = {m.key: m for m in new}
        old_of: dict[str, str] = {}
        ages: dict[str, Any] = {}
        if touched:
            for m, event_id in self._records(conn, t.mentions.c.event_id.in_(touched), with_event=True):
                pool[m.key] = m
                old_of[m.key] = event_id
            ages = dict(conn.execute(select(t.events.c.id, t.events.c.created_at).where(t.events.c.id.in_(touched))).all())
        self._inherit(conn, new_keys, previous, old_of)
        if touched:
            conn.execute(update(t.mentions).where(t.mentions.c.event_id.in_(touched)).values(event_id=None))
            conn.execute(delete(t.events).where(t.events.c.id.in_(touched)))
        groups = [{"keys": {m.key for m in members}, "reasons": reasons} for members, reasons in cluster(pool.values())]
        _review.replay(groups, _review.structural_corrections(conn, set(pool)))
        _review.assign_ids(conn, groups, old_of, ages)
        event_ids = []
        new_keys_set = set(new_keys)
        article_of = {m.key: m.article_id for m in pool.values()}
        created = merged = 0
        groups.sort(key=lambda g: min(g["keys"]))
        self._write_events(conn, groups)
        if groups:
            conn.execute(_JOIN_MENTION, [{"key_": key, "event_": g["id"], "reason_": g["reasons"].get(key)}
                                         for g in groups for key in sorted(g["keys"])])
        for g in groups:
            event_id, keys = g["id"], sorted(g["keys"])
            event_ids.append(event_id)
            if new_keys_set & g["keys"]:
                others = {article_of[k] for k in keys if k not in new_keys_set}
                if others:
                    merged += 1
                else:
                    created += 1
        _review.reapply(conn, set(event_ids), touched - set(event_ids), rebuilt=True)
        return created, merged, event_ids

    @staticmethod
    def _successors(conn: Connection, new_keys: list[str], previous: list) -> dict[str, tuple[str, str]]:
        """For each new mention that is a replaced one (the same key, else the same
        article-local id: a store made before keys were spans, or a reworded sentence), the
        replaced mention's (key, event id)."""
        if not previous or not new_keys:
            return {}
        by_key = {key: (key, event_id) for key, _, event_id in previous}
        rows = conn.execute(select(t.mentions.c.key, t.mentions.c.local_event_id).where(t.mentions.c.key.in_(new_keys))).all()
        kept = {key for key, _ in rows if key in by_key}
        by_local = {local: (key, event_id) for key, local, event_id in previous if key not in kept}
        out = {}
        for key, local in rows:
            found = by_key.get(key) or by_local.get(local)
            if found is not None:
                out[key] = found
        return out

    def _inherit(self, conn: Connection, new_keys: list[str], previous: list, old_of: dict[str, str]) -> None:
        for key, (_, event_id) in self._successors(conn, new_keys, previous).items():
            if event_id and key not in old_of:
                old_of[key] = event_id

    def _write_events(self, conn: Connection, groups: list[dict]) -> None:
        """Write the event of each group (``id``, ``keys``, ``created_at``) from its mentions
        and their current claims, read for all groups at once."""
        if not groups:
            return
        keys = [key for g in groups for key in g["keys"]]
        mentions: dict[str, dict] = {}
        for start in range(0, len(keys), 500):
            for r in conn.execute(select(t.mentions).where(t.mentions.c.key.in_(keys[start : start + 500]))).mappings():
                mentions[r["key"]] = dict(r)
        claims_of: dict[int, list[dict]] = {}
        mention_ids = [r["id"] for r in mentions.values()]
        for start in range(0, len(mention_ids), 500):
            for r in self._claim_rows(conn, mention_ids[start : start + 500], current_only=True):
                claims_of.setdefault(r["mention_id"], []).append(r)
        article_ids = sorted({r["article_id"] for r in mentions.values()})
        articles: dict[str, tuple] = {}
        for start in range(0, len(article_ids), 500):
            articles.update((i, (o, u)) for i, o, u in conn.execute(
                select(t.articles.c.id, t.articles.c.outlet, t.articles.c.url).where(t.articles.c.id.in_(article_ids[start : start + 500]))))
        events = []
        for g in groups:
            rows = [mentions[key] for key in sorted(g["keys"]) if key in mentions]
            claim_rows = [c for r in rows for c in claims_of.get(r["id"], ())]
            events.append(self._event_values(g["id"], rows, claim_rows, articles, g.get("created_at")))
        conn.execute(insert(t.events), events)

    @staticmethod
    def _event_values(event_id: str, rows: list[dict], claim_rows: list[dict], articles: dict[str, tuple],
                      created_at: dt.datetime | None = None) -> dict:
        """An event's row from its mention rows (by key), their current claims and their
        articles' (outlet, URL)."""
        # by article, then as the article listed them: not in the order the articles arrived
        # in (claims.id), so that ties in the reconciliation do not depend on which writer
        # stored which article first
        claim_rows.sort(key=lambda r: (r["article_id"], r["id"]))
        estimate, contradictions = reconcile(claim_rows)
        values = aggregate(rows)
        values.update(
            id=event_id, fatalities=estimate.best, fatalities_low=estimate.low, fatalities_high=estimate.high,
            rationale=[r.model_dump() for r in estimate.rationale], contradictions=contradictions,
            n_mentions=len(rows), n_articles=len({r["article_id"] for r in rows}), updated_at=_now(),
        )
        values["outlets"] = outlet_names((r["published"], r["key"], *articles.get(r["article_id"], (None, None))) for r in rows)
        confidence = _review.confidence(rows, values, contradictions, claim_rows)
        values.update(created_at=created_at or values["updated_at"], review_state="machine", review_note=None, machine=None,
                      confidence=confidence, priority=_review.priority(values, confidence))
        return values

    def _claim_rows(self, conn: Connection, mention_ids: list[int], current_only: bool) -> list[dict]:
        if not mention_ids:
            return []
        query = (
            select(t.claims, t.articles.c.outlet, t.articles.c.published, t.articles.c.url, t.articles.c.title)
            .join(t.articles, t.articles.c.id == t.claims.c.article_id)
            .where(t.claims.c.mention_id.in_(mention_ids))
        )
        if current_only:
            query = query.where(t.claims.c.current.is_(True))
        return [dict(r) for r in conn.execute(query.order_by(t.claims.c.id)).mappings()]

    # ----------------------------------------------------------------------- queries
    @staticmethod
    def _conditions(q: EventQuery, dialect: str | None = None, scan_in_order: bool = False, dates_bare: bool = False) -> list:
        """The WHERE conditions of ``q``; ``dialect`` "sqlite" lets the text search use its index.
        ``scan_in_order`` (SQLite): the fatality, box and text conditions are tested row by row
        instead of choosing an index, so that SQLite reads the events in sort order (``plans``);
        ``dates_bare``: the date range too (the map's grid reads its own index)."""
        e = t.events.c
        conds = []
        bare = (lambda column: unindexed(column)) if scan_in_order and dialect == "sqlite" else (lambda column: column)
        date = bare(e.event_date) if dates_bare else e.event_date

        def any_of(values, one):
            if values:
                conds.append(or_(*(one(v) for v in values)))

        def country(value: str):
            value = value.strip()
            return e.country_code == value.upper() if len(value) == 2 else equals_folded(e.country, value)

        def reported_by(value: str):  # a name in the event's own outlets, as pages show them
            each = "json_each" if dialect == "sqlite" else "json_array_elements_text"
            names = getattr(func, each)(e.outlets).table_valued("value")
            return exists(select(literal_column("1")).select_from(names).where(contains(names.c.value, value)))

        any_of(q.country, country)
        any_of(q.admin1, lambda v: equals_folded(e.admin1, v))
        any_of(q.event_type, lambda v: or_(func.lower(e.event_type) == v.strip().lower(),
                                           func.lower(e.sub_event_type) == v.strip().lower()))
        any_of(q.actor, lambda v: actor_condition(v, dialect, by_index=not scan_in_order))
        if q.interaction:
            conds.append(e.interaction.in_(q.interaction))
        any_of(q.outlet, reported_by)
        if q.date_from:
            conds.append(date >= q.date_from)
        if q.date_to:
            conds.append(date <= q.date_to)
        if q.bbox:
            min_lon, min_lat, max_lon, max_lat = q.bbox
            conds += [bare(e.latitude).between(min_lat, max_lat), bare(e.longitude).between(min_lon, max_lon)]
        if q.min_fatalities is not None:
            conds.append(bare(e.fatalities) >= q.min_fatalities)
        if q.text:
            conds.append(text_condition(q.text, dialect, by_index=not scan_in_order))
        if not q.include_background:
            conds.append(e.background.is_(False))
        if q.review_state:
            conds.append(e.review_state.in_(q.review_state))
        elif not q.include_rejected:
            conds.append(e.review_state != "rejected")
        return conds

    @staticmethod
    def sort_key(sort: str):
        """The column events are ordered by (nulls as the lowest value) and whether descending."""
        from .filters import SORTS

        name, descending = SORTS[sort]
        column = t.events.c[name]
        if name == "fatalities":  # -1 as SQL text, as the index ix_events_deadliest (migration 0006) has it
            return func.coalesce(column, literal_column("-1")), descending
        return column, descending

    @staticmethod
    def position(row: dict, sort: str) -> tuple[Any, str] | None:
        """Where ``row`` stands in ``sort`` order, as an ``EventQuery.after`` cursor; None when
        its sort value is null (an undated event)."""
        from .filters import SORTS

        name = SORTS[sort][0]
        value = row.get(name)
        if name == "fatalities":
            return (-1 if value is None else value), row["id"]
        return (value, row["id"]) if value is not None else None

    def events(self, query: EventQuery | None = None) -> list[dict]:
        """The events ``query`` selects, in its sort order (then by id), from its cursor on.

        The cursor seeks: ``key <= last AND NOT (key = last AND id <= last_id)`` (for a
        descending key) is a range on the sort index, so a later page reads no more rows
        than the first. On SQLite, which cannot tell how many rows a fatality, box or text
        condition keeps, ``plans.scan_in_order`` counts them first (up to a bound, on their
        indexes) and chooses between reading in sort order and sorting the few matches."""
        q = query or EventQuery()
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(self.select_events(conn, q, t.events)).mappings()]

    def select_events(self, conn: Connection, q: EventQuery, *columns):
        """The statement of ``events(q)``, selecting ``columns`` (``store.pages`` selects JSON)."""
        from .plans import dated_page, scan_in_order

        dialect = self.engine.dialect.name
        key, descending = self.sort_key(q.sort)
        search = dated_search(q, dialect)
        in_order = False if search else scan_in_order(conn, q, dialect)
        conds = self._conditions(search.rest if search else q, dialect, scan_in_order=in_order is True)
        order = unindexed(key) if in_order is False else key
        if q.after:
            last_value, last_id = q.after
            conds.append(order <= last_value if descending else order >= last_value)
            conds.append(~and_(order == last_value, t.events.c.id <= last_id))
        if search:  # the substring test first: the page's last day counts confirmed matches only
            conds.append(search.substring)
            conds.append(dated_page(conn, q, search, conds, descending))
        stmt = select(*columns).select_from(t.events)
        if conds:
            stmt = stmt.where(and_(*conds))
        stmt = stmt.order_by(order.desc() if descending else order.asc(), t.events.c.id)
        if q.limit:
            stmt = stmt.limit(q.limit)
        return stmt

    def event(self, event_id: str) -> dict | None:
        """The event with its mentions (and why each joined), claims, and toll history."""
        with self.engine.connect() as conn:
            row = conn.execute(select(t.events).where(t.events.c.id == event_id)).mappings().first()
            if row is None:
                return None
            mentions = [
                dict(r)
                for r in conn.execute(
                    select(t.mentions, t.articles.c.url, t.articles.c.title, t.articles.c.version)
                    .join(t.articles, t.articles.c.id == t.mentions.c.article_id)
                    .where(t.mentions.c.event_id == event_id)
                    .order_by(t.mentions.c.published, t.mentions.c.key)
                ).mappings()
            ]
            mention_ids = [m["id"] for m in mentions]
            current = self._claim_rows(conn, mention_ids, current_only=True)
            history = [
                dict(r)
                for r in conn.execute(
                    select(t.claims, t.articles.c.outlet, t.articles.c.published)
                    .join(t.articles, t.articles.c.id == t.claims.c.article_id)
                    .where(t.claims.c.mention_key.in_([m["key"] for m in mentions]), t.claims.c.current.is_(False))
                ).mappings()
            ]
            corrections = _review.event_corrections(conn, event_id)
            priority = _review.priority_now(conn, event_id)
        return {
            **dict(row),
            "mentions": mentions,
            "claims": current,
            "history_claims": history,
            "toll_history": toll_history(current + history),
            "corrections": corrections,
            "priority": priority,
        }

    def stats(self, query: EventQuery | None = None) -> dict:
        """Events and summed best fatalities matching ``query``: in all, per country, per
        event type and per day (ascending)."""
        q = query or EventQuery()
        conds = self._conditions(q, self.engine.dialect.name)
        where = and_(*conds) if conds else None
        # summed as floating point, so that absurd stored tolls cannot overflow SQLite's
        # 64-bit integer sum (exact below 2**53); the sums are capped at SUM_CAP
        n, dead = func.count(), func.coalesce(func.sum(cast(t.events.c.fatalities, Float)), 0)

        def grouped(*columns, order):
            stmt = select(*columns, n, dead).group_by(*columns).order_by(*order)
            return conn.execute(stmt.where(where) if where is not None else stmt).all()

        with self.engine.connect() as conn:
            total = select(n, dead).select_from(t.events)
            events, fatalities = conn.execute(total.where(where) if where is not None else total).one()
            countries = grouped(t.events.c.country, t.events.c.country_code, order=[n.desc(), t.events.c.country])
            types = grouped(t.events.c.event_type, order=[n.desc(), t.events.c.event_type])
            days = grouped(t.events.c.event_date, order=[t.events.c.event_date])
        return {
            "events": events,
            "fatalities": _capped_sum(fatalities),
            "by_country": [dict(country=c, country_code=cc, events=k, fatalities=_capped_sum(f)) for c, cc, k, f in countries],
            "by_type": [dict(event_type=e, events=k, fatalities=_capped_sum(f)) for e, k, f in types],
            "by_day": [dict(date=d, events=k, fatalities=_capped_sum(f)) for d, k, f in days if d is not None],
        }

    def toll_history(self, event_id: str) -> dict[str, list[dict]]:
        detail = self.event(event_id)
        return detail["toll_history"] if detail else {}

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for name, table in (("articles", t.articles), ("events", t.events), ("mentions", t.mentions), ("claims", t.claims), ("places", t.places), ("sources", t.sources))
            }

    def article(self, article_id: str) -> dict | None:
        """The stored article, with ``event_ids``: the events its mentions belong to."""
        with self.engine.connect() as conn:
            row = conn.execute(select(t.articles).where(t.articles.c.id == article_id)).mappings().first()
            if row is None:
                return None
            events = conn.execute(
                select(t.mentions.c.event_id).where(t.mentions.c.article_id == article_id, t.mentions.c.event_id.is_not(None))
                .order_by(t.mentions.c.is_main.desc(), t.mentions.c.local_event_id)
            ).scalars()
            return {**dict(row), "event_ids": list(dict.fromkeys(events))}


SUM_CAP = 2**63 - 1  # summed tolls are capped at the largest 64-bit integer


def _capped_sum(value: Any) -> int:
    """A summed toll (a float; None when no row has one) as an int, capped at +-SUM_CAP."""
    if value is None:
        return 0
    value = float(value)
    if value >= SUM_CAP:  # float(SUM_CAP) is 2**63
        return SUM_CAP
    if value <= -SUM_CAP:
        return -SUM_CAP
    return round(value)


def _provenance(article: Article) -> dict[str, Any]:
    return {"published_origin": article.published_origin, "author": article.author, "language": article.language}


def _most_common(values: Iterable[Any]) -> Any:
    counted = Counter(v for v in values if v is not None)
    if not counted:
        return None
    best = max(counted.values())
    for v in values:
        if v is not None and counted[v] == best:
            return v
    return None


def aggregate(rows: list[dict]) -> dict:
    """An event's fields from its mentions, deterministically (rows sorted by mention key)."""
    current = [r for r in rows if not r["background"]] or rows
    type_pair = _most_common([(r["event_type"], r["sub_event_type"]) for r in sorted(current, key=lambda r: (not r["is_main"], r["key"]))])
    typed = [r for r in current if (r["event_type"], r["sub_event_type"]) == type_pair] or current
    dated = sorted(current, key=lambda r: (PRECISION_RANK.get(r["time_precision"], 4), r["date_start"] or dt.date.max, r["key"]))
    date_row = dated[0]
    placed = sorted(
        [r for r in current if r["latitude"] is not None],
        key=lambda r: (r["geo_precision"] or 9, -sum(1 for o in current if o["location"] == r["location"]), r["key"]),
    )
    place_row = placed[0] if placed else current[0]
    actor_row = sorted(typed, key=lambda r: (r["actor1"] is None, r["actor2"] is None, not r["is_main"], r["key"]))[0]
    weapons: list[str] = []
    for r in rows:
        for w in r["weapons"] or []:
            if w not in weapons:
                weapons.append(w)
    interaction = interaction_code(actor_row["inter1"], actor_row["inter2"])
    return dict(
        event_type=type_pair[0], sub_event_type=type_pair[1], plover=typed[0]["plover"],
        event_date=date_row["event_date"], date_start=date_row["date_start"], date_end=date_row["date_end"],
        time_precision=date_row["time_precision"], background=all(r["background"] for r in rows),
        actor1=actor_row["actor1"], inter1=actor_row["inter1"], actor1_country=actor_row["actor1_country"],
        actor2=actor_row["actor2"], inter2=actor_row["inter2"], actor2_country=actor_row["actor2_country"],
        interaction=interaction, country=place_row["country"], country_code=place_row["country_code"],
        admin1=place_row["admin1"], location=place_row["location"], latitude=place_row["latitude"],
        longitude=place_row["longitude"], geo_precision=place_row["geo_precision"], geonameid=place_row["geonameid"],
        weapons=weapons, notes=sorted(rows, key=lambda r: (r["published"] or dt.date.max, r["key"]))[0]["sentence"],
    )
