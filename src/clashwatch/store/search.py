"""The ``--text`` search: a case-insensitive substring of an event's place, actors or notes.

On SQLite the trigram full-text index ``events_fts`` (migration 0004) finds the candidate
events for a search of three characters or more; the substring test then confirms them, so
the answer is the same as a full scan, only faster. On PostgreSQL, ``pg_trgm`` GIN indexes
on ``lower(column)`` serve the same ``LIKE`` directly.

SQLite gives tables without an INTEGER PRIMARY KEY new rowids on ``VACUUM``: after a VACUUM
by another tool, ``clashwatch db refresh`` realigns the indexes.
"""

from __future__ import annotations

from sqlalchemy import func, literal_column, or_, select, text
from sqlalchemy.sql import operators
from sqlalchemy.sql.expression import UnaryExpression

from . import tables as t

EVENT_SEARCH_COLUMNS = ("location", "admin1", "country", "actor1", "actor2", "notes")
ARTICLE_SEARCH_COLUMNS = ("title", "text")
TRIGRAM = 3  # the shortest search the trigram index can answer


def contains(column, value: str):
    """``column`` holds ``value``, case-insensitively; LIKE's % and _ are plain characters."""
    return func.lower(column).contains(value.strip().lower(), autoescape=True)


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
