"""Which extractor made each stored extraction: articles.extractor_version.

Stores made before it have none recorded: ``clashwatch reextract`` treats those articles
as made by another version and brings them up to the current one.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

from clashwatch.store import tables

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    have = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("articles")}
    if "extractor_version" not in have:
        column = tables.articles.c.extractor_version
        op.add_column("articles", sa.Column("extractor_version", column.type, comment=column.comment))


def downgrade() -> None:
    op.drop_column("articles", "extractor_version")
