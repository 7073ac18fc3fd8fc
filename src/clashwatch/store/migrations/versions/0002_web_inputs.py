"""Web inputs: articles record author, language and where their date came from; watch state.

Adds articles.published_origin, articles.author, articles.language and the tables feeds
and feed_items. Idempotent: a store created by a newer 0001 (which builds the tables
from the current metadata) already has them.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from clashwatch.store import tables

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_ARTICLE_COLUMNS = ("published_origin", "author", "language")


def upgrade() -> None:
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    have = {c["name"] for c in inspector.get_columns("articles")}
    for name in _ARTICLE_COLUMNS:
        if name not in have:
            column = tables.articles.c[name]
            op.add_column("articles", sa.Column(name, column.type, comment=column.comment))
    existing = set(inspector.get_table_names())
    for table in (tables.feeds, tables.feed_items):
        if table.name not in existing:
            table.create(bind)


def downgrade() -> None:
    op.drop_table("feed_items")
    op.drop_table("feeds")
    for name in _ARTICLE_COLUMNS:
        op.drop_column("articles", name)
