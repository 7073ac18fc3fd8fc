"""Alembic environment: runs on the connection clashwatch hands it (see migrate.py)."""

from alembic import context

from clashwatch.store.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
