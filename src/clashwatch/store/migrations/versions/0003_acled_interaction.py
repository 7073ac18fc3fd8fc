"""ACLED's interaction codes: an event with one actor is that actor's code followed by 0.

Stores written before this revision hold 1..8 for an event with one actor (its inter code
alone) where ACLED writes 10..80; the events are rewritten (mentions keep inter1/inter2
only).

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_TABLES = ("events",)


def upgrade() -> None:
    for table in _TABLES:
        op.execute(f"UPDATE {table} SET interaction = interaction * 10 WHERE interaction BETWEEN 1 AND 8")


def downgrade() -> None:
    for table in _TABLES:
        op.execute(f"UPDATE {table} SET interaction = interaction / 10 WHERE interaction IN (10, 20, 30, 40, 50, 60, 70, 80)")
