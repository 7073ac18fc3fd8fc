"""Review: the corrections table, and each event's review state, machine values,
confidence, priority and creation time.

Events stored before it are "machine" events; their confidence and priority are computed
when they are next rebuilt (a new report, ``clashwatch reextract --all``) and read as
unknown (last in the review queue) until then.

Revision ID: 0007
Revises: 0005 (re-chain to 0006 when the read-path indexes land)
"""

import warnings

import sqlalchemy as sa
from alembic import op

from clashwatch.store import tables

revision = "0007"
down_revision = "0005"
branch_labels = None
depends_on = None

NEW_EVENT_COLUMNS = ("created_at", "review_state", "review_note", "machine", "confidence", "priority")


def upgrade() -> None:
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sa.exc.SAWarning)  # PostGIS's geography column, unknown to SQLAlchemy
        have = {c["name"] for c in inspector.get_columns("events")}
    for name in NEW_EVENT_COLUMNS:
        if name not in have:
            column = tables.events.c[name]
            op.add_column("events", sa.Column(name, column.type, nullable=column.nullable,
                                              server_default=column.server_default.arg if column.server_default else None,
                                              comment=column.comment))
    if "created_at" not in have:
        op.execute("UPDATE events SET created_at = updated_at")
    indexes = {i["name"] for i in inspector.get_indexes("events")}
    if "ix_events_review_state" not in indexes:
        op.create_index("ix_events_review_state", "events", ["review_state", "priority"])
    if not inspector.has_table("corrections"):
        tables.corrections.create(bind)


def downgrade() -> None:
    op.drop_table("corrections")
    op.drop_index("ix_events_review_state", table_name="events")
    for name in NEW_EVENT_COLUMNS:
        op.drop_column("events", name)
