"""The store, as the commands open it: the ``--db`` option and its default, URLs shown
without their password, and database failures as one ``StoreUnavailable`` line (exit 3)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import click

from ..writer import db_reason

DB_ENV = "CLASHWATCH_DB"
DEFAULT_DB = "clashwatch.db"

STORE_EXIT_CODES_HELP = """\b
Exit codes:
  0    success
  1    some articles failed (unreadable, binary or non-UTF-8 file, bad
       JSONL line, article the pipeline or the store failed on); the others
       were stored
  2    usage error: bad option or value, missing input file
  3    the run could not go on: database unreachable or unusable, no spaCy
       model, output not writable, bug
  130  interrupted (Ctrl-C); 143 stopped by SIGTERM
"""

READ_EXIT_CODES_HELP = """\b
Exit codes:
  0    success (also when no event matches)
  1    (events show) no event with that id
  2    usage error: bad option or value
  3    the database cannot be opened or read, output not writable, bug
  130  interrupted (Ctrl-C)
"""


def db_option(fn: Callable) -> Callable:
    return click.option(
        "--db",
        metavar="URL",
        envvar=DB_ENV,
        default=None,
        show_envvar=True,
        help=f"The store: an SQLite file path or a SQLAlchemy URL (sqlite:///PATH, postgresql://USER@HOST/DB). "
        f"Default: {DEFAULT_DB} in the current folder.",
    )(fn)


def _db_url(value: str | None) -> str:
    return value or os.environ.get(DB_ENV) or DEFAULT_DB


def _display_url(url: str) -> str:
    """The URL for messages, without its password."""
    if "://" not in url:
        return url
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - only for display
        return url


def _sqlite_file(url: str) -> str | None:
    """The file behind an SQLite URL or path, else None (PostgreSQL, in-memory)."""
    if "://" not in url:
        return url
    try:
        from sqlalchemy.engine import make_url

        parsed = make_url(url)
    except Exception:  # noqa: BLE001 - reported when the engine is made
        return None
    database = parsed.database
    if parsed.get_backend_name() == "sqlite" and database and database != ":memory:" and not database.startswith("file:"):
        return database
    return None


@contextmanager
def _database_errors(url: str, doing: str = "read") -> Iterator[None]:
    """SQLAlchemy and Alembic failures as one ``StoreUnavailable`` line (exit 3)."""
    from sqlalchemy.exc import SQLAlchemyError

    from ..ingest import StoreUnavailable

    try:
        yield
    except SQLAlchemyError as exc:
        raise StoreUnavailable(f"cannot {doing} the database {_display_url(url)}: {db_reason(exc)}") from exc


def _check_db_file(url: str, must_exist: bool) -> None:
    from ..ingest import StoreUnavailable

    path = _sqlite_file(url)
    if path is None:
        return
    if os.path.isdir(path):
        raise StoreUnavailable(f"{path!r} is a folder, not a database file (check --db or ${DB_ENV})")
    if must_exist and not os.path.exists(path):
        raise StoreUnavailable(
            f"no database at {path!r} (check --db or ${DB_ENV}; `clashwatch ingest` creates one)"
        )


def _make_engine(url: str):
    """An engine for ``url``; a malformed URL or unknown database kind is a usage error."""
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    from ..store import make_engine

    try:
        return make_engine(url)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise click.BadParameter(f"{_display_url(url)!r} is not a database URL or path ({exc})", param_hint="'--db'") from None
    except ImportError as exc:  # e.g. psycopg not installed
        raise click.BadParameter(f"{_display_url(url)!r}: the database driver is not installed ({exc})", param_hint="'--db'") from None


def _open_store(url: str, *, must_exist: bool):
    """``Store.open(url)`` (migrations run), or ``StoreUnavailable`` with one clear line."""
    from alembic.util import CommandError

    from ..ingest import StoreUnavailable
    from ..store import Store
    from ..store.migrate import upgrade

    _check_db_file(url, must_exist)
    engine = _make_engine(url)
    try:
        with _database_errors(url, "open"):
            upgrade(engine)
    except CommandError as exc:  # e.g. a database from a newer clashwatch
        engine.dispose()
        raise StoreUnavailable(f"cannot open the database {_display_url(url)}: {exc}") from exc
    except BaseException:
        engine.dispose()
        raise
    return Store(engine)
