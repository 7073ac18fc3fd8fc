"""A second trigram index for searches in date order, and full-text triggers that fire only
when a searched column changes.

SQLite only. ``events_dated_fts`` indexes the same columns as ``events_fts`` but keys each
event by its day (0 when undated) shifted left 32 bits, or'ed with its rowid, so a page of
the newest events that hold a search term reads the matches newest first and stops
(``store.plans.dated_page``). It is contentless: the triggers remove a row by giving its
old values back. ``events_fts`` stays as it was, for Datasette's ``?_search=``.

The update triggers of both indexes now fire only on an update of the columns they index
(and the event's day), not on a review state or an outlet list.

Revision ID: 0010
Revises: 0009
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

COLUMNS = ("location", "admin1", "country", "actor1", "actor2", "notes")
FTS = "events_dated_fts"


def _key(row: str) -> str:
    return f"((coalesce(CAST(julianday({row}.event_date) AS INTEGER), 0) << 32) | {row}.rowid)"


def _values(row: str) -> str:
    return ", ".join(f"{row}.{c}" for c in COLUMNS)


def _events_fts_update_trigger(of: str) -> list[str]:
    cols = ", ".join(COLUMNS)
    return [
        "DROP TRIGGER IF EXISTS events_fts_au",
        f"CREATE TRIGGER events_fts_au AFTER UPDATE{of} ON events BEGIN "
        f"INSERT INTO events_fts(events_fts, rowid, {cols}) VALUES ('delete', old.rowid, {_values('old')}); "
        f"INSERT INTO events_fts(rowid, {cols}) VALUES (new.rowid, {_values('new')}); END",
    ]


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    cols = ", ".join(COLUMNS)
    remove = f"INSERT INTO {FTS}({FTS}, rowid, {cols}) VALUES ('delete', {_key('old')}, {_values('old')});"
    add = f"INSERT INTO {FTS}(rowid, {cols}) VALUES ({_key('new')}, {_values('new')});"
    for statement in [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5({cols}, content='', tokenize='trigram')",
        f"CREATE TRIGGER IF NOT EXISTS {FTS}_ai AFTER INSERT ON events BEGIN {add} END",
        f"CREATE TRIGGER IF NOT EXISTS {FTS}_ad AFTER DELETE ON events BEGIN {remove} END",
        f"CREATE TRIGGER IF NOT EXISTS {FTS}_au AFTER UPDATE OF event_date, {cols} ON events BEGIN {remove} {add} END",
        f"INSERT INTO {FTS}({FTS}) VALUES ('delete-all')",
        f"INSERT INTO {FTS}(rowid, {cols}) SELECT {_key('events')}, {cols} FROM events",
        *_events_fts_update_trigger(f" OF {cols}"),
    ]:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for suffix in ("ai", "ad", "au"):
        op.execute(f"DROP TRIGGER IF EXISTS {FTS}_{suffix}")
    op.execute(f"DROP TABLE IF EXISTS {FTS}")
    for statement in _events_fts_update_trigger(""):
        op.execute(statement)
