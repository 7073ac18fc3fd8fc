"""The ``--text`` search: a case-insensitive substring of an event's place, actors or notes.

On SQLite the trigram full-text index ``events_fts`` (migration 0004) finds the candidate
events for a search of three characters or more; the substring test then confirms them, so
the answer is the same as a full scan, only faster. On PostgreSQL, ``pg_trgm`` GIN indexes
on ``lower(column)`` serve the same ``LIKE`` directly.

A page of the newest (or oldest) events with a search term reads a second trigram index,
``events_dated_fts`` (migration 0010, contentless): its rowid is the event's day shifted
left by 32 bits, or'ed with the event's rowid, so the index lists its matches in date order
and the page can stop after its last one (``dated_page``) instead of listing every match
(16,618 for "maiduguri" in a million events) before choosing the newest.

SQLite gives tables without an INTEGER PRIMARY KEY new rowids on ``VACUUM``: after a VACUUM
by another tool, ``clashwatch db refresh`` realigns the indexes.
"""

from __future__ import annotations

import datetime as dt
import itertools
import string
import unicodedata
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import func, literal_column, or_, select, text
from sqlalchemy.sql import column, operators, table
from sqlalchemy.sql.expression import UnaryExpression

from . import tables as t

EVENT_SEARCH_COLUMNS = ("location", "admin1", "country", "actor1", "actor2", "notes")
ARTICLE_SEARCH_COLUMNS = ("title", "text")
TRIGRAM = 3  # the shortest search the trigram index can answer
DATED_FTS = "events_dated_fts"
DAY_SHIFT = 32  # events_dated_fts.rowid = day << DAY_SHIFT | events.rowid
ROWID_MASK = (1 << DAY_SHIFT) - 1
JULIAN_DAY_OF_ORDINAL_0 = 1721424  # CAST(julianday('0001-01-01') AS INTEGER) - date(1, 1, 1).toordinal()


def dated_key_sql(row: str) -> str:
    """SQL for the ``events_dated_fts`` rowid of the events row ``row`` (``new``, ``old``,
    ``events``): its day (0 when undated) in the high bits, its rowid in the low."""
    return f"((coalesce(CAST(julianday({row}.event_date) AS INTEGER), 0) << {DAY_SHIFT}) | {row}.rowid)"


def fill_dated_fts_statements() -> list[str]:
    """Empty ``events_dated_fts`` and index every event again (``clashwatch db refresh``;
    migration 0010 creates the table and its triggers)."""
    cols = ", ".join(EVENT_SEARCH_COLUMNS)
    return [
        f"INSERT INTO {DATED_FTS}({DATED_FTS}) VALUES ('delete-all')",
        f"INSERT INTO {DATED_FTS}(rowid, {cols}) SELECT {dated_key_sql('events')}, {cols} FROM events",
    ]


def julian_day(value: dt.date | str) -> int:
    """SQLite's ``CAST(julianday(value) AS INTEGER)`` for a date."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return value.toordinal() + JULIAN_DAY_OF_ORDINAL_0


_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
CASED_LETTERS_VARIED = 6  # 2**6 forms at most


def folded_forms(value: str) -> tuple[str, ...]:
    """Every form ``lower(column)`` can take for a stored value equal to ``value`` but for
    case. SQLite's lower() (and PostgreSQL's in the C locale) folds ASCII letters only, so a
    stored "Équateur" stays "Équateur" there: the forms are ``value`` lowered, and lowered in
    ASCII with each non-ASCII letter (the first few) in either case."""
    value = value.strip()
    spots = [i for i, ch in enumerate(value)
             if ord(ch) > 127 and len(ch.lower()) == len(ch.upper()) == 1 and ch.lower() != ch.upper()]
    forms = {value.lower()}
    ascii_folded = value.translate(_ASCII_LOWER)
    for cases in itertools.product((str.lower, str.upper), repeat=len(spots[:CASED_LETTERS_VARIED])):
        chars = list(ascii_folded)
        for i, case in zip(spots, cases):
            chars[i] = case(value[i])
        forms.add("".join(chars))
    return tuple(sorted(forms))


def unaccented(value: str) -> str:
    """``value`` without its diacritics ("Équateur" -> "Equateur")."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", value) if not unicodedata.combining(ch))


def equals_folded(column, value: str):
    """``column`` equals ``value`` ignoring case, non-ASCII letters included, or equals it
    written without diacritics (a region stored as GeoNames' "Equateur" is found by
    "Équateur")."""
    forms = sorted(set(folded_forms(value)) | set(folded_forms(unaccented(value))))
    return func.lower(column) == forms[0] if len(forms) == 1 else func.lower(column).in_(forms)


def contains(column, value: str):
    """``column`` holds ``value``, case-insensitively (non-ASCII letters included: see
    ``folded_forms``); LIKE's % and _ are plain characters."""
    forms = folded_forms(value)
    if len(forms) == 1:
        return func.lower(column).contains(forms[0], autoescape=True)
    return or_(*(func.lower(column).contains(form, autoescape=True) for form in forms))


def fts_phrase(value: str) -> str:
    """``value`` as one FTS5 phrase: double quotes doubled, nothing read as syntax."""
    return '"' + value.replace('"', '""') + '"'


def unindexed(expression):
    """``+expression`` on SQLite: the same value, which SQLite will not look up by an index
    (so that it keeps the index it reads the events' order from)."""
    return UnaryExpression(expression, operator=operators.custom_op("+"), type_=expression.type)


def text_condition(value: str, dialect: str | None = None, by_index: bool = True):
    """Events whose searched columns hold ``value``; with the SQLite index when it can help
    (``by_index`` False: the index's matches tested row by row, as events are read in order)."""
    e = t.events.c
    substring = or_(*(contains(e[c], value) for c in EVENT_SEARCH_COLUMNS))
    if dialect != "sqlite" or len(value.strip()) < TRIGRAM:
        return substring
    candidates = fts_rowids(value)
    rowid = literal_column("events.rowid") if by_index else literal_column("+events.rowid")
    return rowid.in_(candidates) & substring


def actor_condition(value: str, dialect: str | None = None, by_index: bool = True):
    """Events with ``value`` in actor1 or actor2; on SQLite through the trigram index's two
    actor columns when the value is long enough."""
    e = t.events.c
    substring = or_(contains(e.actor1, value), contains(e.actor2, value))
    if dialect != "sqlite" or len(value.strip()) < TRIGRAM:
        return substring
    rowid = literal_column("events.rowid") if by_index else literal_column("+events.rowid")
    return rowid.in_(fts_rowids(value, ("actor1", "actor2"))) & substring


def fts_rowids(value: str, columns: tuple[str, ...] = ()):
    """The rowids of the events the trigram index finds for ``value`` (SQLite, 3+ characters),
    in any searched column or in ``columns``."""
    phrase = fts_phrase(value.strip())
    if columns:
        phrase = "{" + " ".join(columns) + "} : " + phrase
    return select(literal_column("rowid")).select_from(text("events_fts")).where(
        text("events_fts MATCH :fts_query").bindparams(fts_query=phrase)
    )


@dataclass(frozen=True)
class DatedSearch:
    """The search term a page reads ``events_dated_fts`` by: the query without it (``rest``),
    the FTS5 phrase, and the substring test that confirms a match."""

    rest: Any
    phrase: str
    substring: Any


def dated_search(q, dialect: str | None) -> DatedSearch | None:
    """How ``events_dated_fts`` can serve ``q``: a page (a limit) in date order, on SQLite,
    with a text search, or else one actor, of three characters or more; None otherwise."""
    from .filters import SORTS

    if dialect != "sqlite" or not q.limit or SORTS[q.sort][0] != "event_date":
        return None
    e = t.events.c
    if q.text and len(q.text.strip()) >= TRIGRAM:
        substring = or_(*(contains(e[c], q.text) for c in EVENT_SEARCH_COLUMNS))
        return DatedSearch(replace(q, text=None), fts_phrase(q.text.strip()), substring)
    if len(q.actor) == 1 and len(q.actor[0].strip()) >= TRIGRAM:
        actor = q.actor[0]
        return DatedSearch(replace(q, actor=()), "{actor1 actor2} : " + fts_phrase(actor.strip()),
                           or_(contains(e.actor1, actor), contains(e.actor2, actor)))
    return None


def dated_keys(phrase: str, low: int | None = None, high: int | None = None):
    """``events_dated_fts`` matching ``phrase``, with keys in ``[low, high)``: the table, for a
    join, and the key column."""
    fts = table(DATED_FTS, column("rowid"))
    conds = [text(f"{DATED_FTS} MATCH :dated_phrase").bindparams(dated_phrase=phrase)]
    if low is not None:
        conds.append(fts.c.rowid >= low)
    if high is not None:
        conds.append(fts.c.rowid < high)
    return fts, fts.c.rowid, conds
