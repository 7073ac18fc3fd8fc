"""The ``--text`` search: a case-insensitive substring of an event's place, actors or notes.

On SQLite the trigram full-text index ``events_fts`` (migration 0004) finds the candidate
events for a search of three characters or more; the substring test then confirms them, so
the answer is the same as a full scan, only faster. On PostgreSQL, ``pg_trgm`` GIN indexes
on ``lower(column)`` serve the same ``LIKE`` directly.

SQLite gives tables without an INTEGER PRIMARY KEY new rowids on ``VACUUM``: after a VACUUM
by another tool, ``INSERT INTO events_fts(events_fts) VALUES('rebuild')`` (and the same for
``articles_fts``) realigns the index.
"""

from __future__ import annotations

from sqlalchemy import func, literal_column, or_, select, text

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


def text_condition(value: str, dialect: str | None = None):
    """Events whose searched columns hold ``value``; with the SQLite index when it can help."""
    e = t.events.c
    substring = or_(*(contains(e[c], value) for c in EVENT_SEARCH_COLUMNS))
    if dialect != "sqlite" or len(value.strip()) < TRIGRAM:
        return substring
    candidates = select(literal_column("rowid")).select_from(text("events_fts")).where(
        text("events_fts MATCH :fts_query").bindparams(fts_query=fts_phrase(value.strip()))
    )
    return literal_column("events.rowid").in_(candidates) & substring
