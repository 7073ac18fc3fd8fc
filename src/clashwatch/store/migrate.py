"""Schema migrations (Alembic), run when a store is opened.

    clashwatch db upgrade [--db URL]     # explicit, e.g. before handing a database to a team

Creating or upgrading the schema holds the store's write lock (``transactions``: SQLite
``BEGIN IMMEDIATE``, a PostgreSQL advisory lock), and Alembic reads the current revision
again under it: writers that open a fresh database at the same moment create the schema
once, the others find it made.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from .transactions import Retries, write_transaction

MIGRATIONS = Path(__file__).parent / "migrations"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head() -> str:
    return ScriptDirectory.from_config(_config()).get_current_head()


def current(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head", retries: Retries | None = None) -> None:
    if revision == "head" and current(engine) == head():
        return
    config = _config()

    def migrate() -> None:
        with write_transaction(engine) as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, revision)

    (retries or Retries()).run("creating or upgrading the schema", migrate)
