"""The initial schema: articles, events, mentions, claims, places, sources.

On PostgreSQL, events also get a PostGIS geography point generated from latitude and
longitude, with a GiST index, for spatial queries from other tools.

Revision ID: 0001
Revises:
"""

from alembic import op

from clashwatch.store.tables import metadata

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    metadata.create_all(bind)
    if bind.dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        op.execute(
            "ALTER TABLE events ADD COLUMN geom geography(Point, 4326) "
            "GENERATED ALWAYS AS (CASE WHEN longitude IS NULL OR latitude IS NULL THEN NULL "
            "ELSE ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)::geography END) STORED"
        )
        op.execute("CREATE INDEX ix_events_geom ON events USING GIST (geom)")


def downgrade() -> None:
    metadata.drop_all(op.get_bind())
