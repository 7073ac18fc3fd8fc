"""Search and views for other tools: full-text indexes kept in sync, and the common joins.

SQLite: ``events_fts`` (FTS5, trigram tokenizer: any substring of three characters or more)
over the columns ``--text`` searches, and ``articles_fts`` (FTS5, words) over article
titles and text; both are external-content tables (``content="events"``), kept in sync by
triggers, which Datasette finds on its own (``?_search=``).
PostgreSQL: ``pg_trgm`` GIN indexes on the same columns, used by the same substring search
(when the extension cannot be created, the search still works, unindexed).
Both: the views ``events_with_outlets`` and ``claims_with_events``.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

from clashwatch.store.search import ARTICLE_SEARCH_COLUMNS, EVENT_SEARCH_COLUMNS

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_VIEWS = {
    "events_with_outlets": """
        SELECT {columns}, (SELECT {agg} FROM (SELECT DISTINCT a.outlet FROM mentions m
                     JOIN articles a ON a.id = m.article_id
                     WHERE m.event_id = e.id AND a.outlet IS NOT NULL) o) AS outlets
        FROM events e""",
    "claims_with_events": """
        SELECT c.*, m.event_id, e.event_type, e.sub_event_type, e.event_date, e.country, e.location,
               a.outlet, a.published, a.url, a.title
        FROM claims c
        JOIN articles a ON a.id = c.article_id
        LEFT JOIN mentions m ON m.id = c.mention_id
        LEFT JOIN events e ON e.id = m.event_id""",
}


def event_columns(bind) -> str:
    """The events' columns but ``outlets`` (which events have since 0009, made by 0001 on a
    new store), for the view's list: ``e.*`` would name ``outlets`` twice."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sa.exc.SAWarning)  # PostGIS's geography column, unknown to SQLAlchemy
        names = [c["name"] for c in sa.inspect(bind).get_columns("events")]
    return ", ".join(f'e."{name}"' for name in names if name != "outlets")


def _fts(table: str, columns: tuple[str, ...], tokenize: str) -> list[str]:
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    fts = f"{table}_fts"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({cols}, content=\"{table}\", tokenize=\"{tokenize}\")",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.rowid, {new}); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.rowid, {old}); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.rowid, {old}); "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.rowid, {new}); END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in _fts("events", EVENT_SEARCH_COLUMNS, "trigram") + _fts("articles", ARTICLE_SEARCH_COLUMNS, "unicode61"):
            op.execute(statement)
        agg = "group_concat(outlet, '; ')"
    else:
        try:
            with bind.begin_nested():
                bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
        except sa.exc.DBAPIError:
            pass  # no right to create it: the substring search runs unindexed
        else:
            for column in EVENT_SEARCH_COLUMNS:
                op.execute(f"CREATE INDEX IF NOT EXISTS ix_events_trgm_{column} ON events "
                           f"USING gin (lower({column}) gin_trgm_ops)")
        agg = "string_agg(outlet, '; ' ORDER BY outlet)"
    for name, sql in _VIEWS.items():
        op.execute(f"DROP VIEW IF EXISTS {name}")
        op.execute(f"CREATE VIEW {name} AS {sql.format(agg=agg, columns=event_columns(bind))}")


def downgrade() -> None:
    bind = op.get_bind()
    for name in _VIEWS:
        op.execute(f"DROP VIEW IF EXISTS {name}")
    if bind.dialect.name == "sqlite":
        for table in ("events", "articles"):
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {table}_fts")
    else:
        for column in EVENT_SEARCH_COLUMNS:
            op.execute(f"DROP INDEX IF EXISTS ix_events_trgm_{column}")
