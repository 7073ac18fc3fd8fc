"""Review: the corrections table, and each event's review state, machine values,
confidence, priority and creation time.

Events stored before it are "machine" events; their confidence and priority are computed
when they are next rebuilt (a new report, ``clashwatch reextract --all``) and read as
unknown (last in the review queue) until then. The view ``events_with_outlets`` names the
events' columns: it is made again, with the new columns.

Revision ID: 0007
Revises: 0005 (re-chain to 0006 when the read-path indexes land)
"""

import importlib.util
import warnings
from pathlib import Path

import sqlalchemy as sa
from alembic import op

from clashwatch.store import tables

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

NEW_EVENT_COLUMNS = ("created_at", "review_state", "review_note", "machine", "confidence", "priority")
VIEW = "events_with_outlets"


def _view_sql() -> str:
    """The view as migration 0004 makes it."""
    path = Path(__file__).with_name("0004_search_and_views.py")
    spec = importlib.util.spec_from_file_location("clashwatch_migration_0004", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    bind = op.get_bind()
    agg = "group_concat(outlet, '; ')" if bind.dialect.name == "sqlite" else "string_agg(outlet, '; ' ORDER BY outlet)"
    return module._VIEWS[VIEW].format(agg=agg, columns=module.event_columns(bind))


def _remake_view(then) -> None:
    """Drop the view, run ``then``, make the view again (it names the events' columns)."""
    op.execute(f"DROP VIEW IF EXISTS {VIEW}")
    then()
    op.execute(f"CREATE VIEW {VIEW} AS {_view_sql()}")


def upgrade() -> None:
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sa.exc.SAWarning)  # PostGIS's geography column, unknown to SQLAlchemy
        have = {c["name"] for c in inspector.get_columns("events")}
    missing = [name for name in NEW_EVENT_COLUMNS if name not in have]

    def add_columns() -> None:
        for name in missing:
            column = tables.events.c[name]
            op.add_column("events", sa.Column(name, column.type, nullable=column.nullable,
                                              server_default=column.server_default.arg if column.server_default else None,
                                              comment=column.comment))

    if missing:
        _remake_view(add_columns)
    if "created_at" in missing:
        op.execute("UPDATE events SET created_at = updated_at")
    op.create_index("ix_events_review_state", "events", ["review_state", "priority"], if_not_exists=True)
    if not inspector.has_table("corrections"):
        tables.corrections.create(bind)


def downgrade() -> None:
    op.drop_table("corrections")
    op.drop_index("ix_events_review_state", table_name="events")

    def drop_columns() -> None:
        for name in NEW_EVENT_COLUMNS:
            op.drop_column("events", name)

    _remake_view(drop_columns)
