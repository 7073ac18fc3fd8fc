"""Each event keeps its outlets (``events.outlets``, a JSON list), written with the event.

A page of events used to find each event's outlets by joining its mentions to their
articles, which cost more than the rest of the page's SQL. The store now writes the list
whenever it writes the event (``store.outlets``); this migration fills it for the events
stored before, in batches. The view ``events_with_outlets`` keeps its '; '-separated
``outlets``: it names the events' columns one by one now (``e.*`` would list ``outlets``
twice).

Revision ID: 0009
Revises: 0008
"""

import warnings

import sqlalchemy as sa
from alembic import op

from clashwatch.store import tables
from clashwatch.store.outlets import refresh

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

VIEW = "events_with_outlets"


def _event_columns(bind) -> list[str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sa.exc.SAWarning)  # PostGIS's geography column, unknown to SQLAlchemy
        return [c["name"] for c in sa.inspect(bind).get_columns("events")]


def _make_view(bind) -> None:
    agg = "group_concat(outlet, '; ')" if bind.dialect.name == "sqlite" else "string_agg(outlet, '; ' ORDER BY outlet)"
    columns = ", ".join(f'e."{name}"' for name in _event_columns(bind) if name != "outlets")
    op.execute(f"DROP VIEW IF EXISTS {VIEW}")
    op.execute(f"""CREATE VIEW {VIEW} AS
        SELECT {columns}, (SELECT {agg} FROM (SELECT DISTINCT a.outlet FROM mentions m
                     JOIN articles a ON a.id = m.article_id
                     WHERE m.event_id = e.id AND a.outlet IS NOT NULL) o) AS outlets
        FROM events e""")


def upgrade() -> None:
    bind = op.get_bind()
    op.execute(f"DROP VIEW IF EXISTS {VIEW}")
    if "outlets" not in _event_columns(bind):
        op.add_column("events", sa.Column("outlets", sa.JSON(), nullable=True, comment=tables.events.c.outlets.comment))
    refresh(bind)
    _make_view(bind)


def downgrade() -> None:
    bind = op.get_bind()
    op.execute(f"DROP VIEW IF EXISTS {VIEW}")
    op.drop_column("events", "outlets")
    _make_view(bind)
