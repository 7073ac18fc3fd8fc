"""The read path's indexes: pages and cursors that seek, every filter's first page from an index.

Each sort order with the id after it (``ix_events_newest``, ``_oldest``, ``_deadliest`` on
``coalesce(fatalities, -1)``), holding the columns the range filters test (background,
fatalities, coordinates); each equality filter followed by the newest-first order
(country code, ``lower(admin1)``, ``lower(event_type)``, ``lower(sub_event_type)``,
interaction); covering indexes for ``Store.stats``'s groups (country, type, day); on SQLite,
one index per grid cell size of the map (``store.grid``). See
``tables.read_path_indexes`` and docs/performance.md.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

from clashwatch.store import tables
from clashwatch.store.grid import LEVELS, grid_index_names, grid_index_sql

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    for index in tables.read_path_indexes(review=False):  # the review state comes in 0007 (indexed in 0008)
        op.execute(sa.schema.CreateIndex(index, if_not_exists=True))
    if bind.dialect.name == "sqlite":
        for cell in LEVELS:
            op.execute(grid_index_sql(cell, review=False))
        op.execute("ANALYZE events")


def downgrade() -> None:
    for index in tables.READ_PATH_INDEXES:
        op.execute(sa.schema.DropIndex(index, if_exists=True))
    if op.get_bind().dialect.name == "sqlite":
        for name in grid_index_names():
            op.execute(f"DROP INDEX IF EXISTS {name}")
