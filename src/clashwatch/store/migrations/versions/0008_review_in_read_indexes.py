"""The totals' and the map grid's covering indexes hold the review state.

Every total and every grid leaves rejected events out (``review_state``, 0007); without the
column in these indexes each of them read every event's row from the table again (on a
million events, seconds instead of a fraction of one). See ``tables.read_path_indexes`` and
``store.grid``.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

from clashwatch.store import tables
from clashwatch.store.grid import LEVELS, grid_index_names, grid_index_sql

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _remake(review: bool) -> None:
    for index in tables.read_path_indexes(review=review):
        if index.name.startswith("ix_events_stats_"):
            op.execute(sa.schema.DropIndex(index, if_exists=True))
            op.execute(sa.schema.CreateIndex(index))
    if op.get_bind().dialect.name == "sqlite":
        for name in grid_index_names():
            op.execute(f"DROP INDEX IF EXISTS {name}")
        for cell in LEVELS:
            op.execute(grid_index_sql(cell, review=review))
        op.execute("ANALYZE events")


def upgrade() -> None:
    _remake(review=True)


def downgrade() -> None:
    _remake(review=False)
