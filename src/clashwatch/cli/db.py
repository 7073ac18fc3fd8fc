"""``clashwatch db upgrade``, ``db info``, ``db metadata`` and ``db refresh``: the store's schema,
counts and meaning, and what it keeps derived."""

from __future__ import annotations

import json
import os
import time
from typing import Any

import click

from ._store import (
    READ_EXIT_CODES_HELP,
    _check_db_file,
    _database_errors,
    _db_url,
    _display_url,
    _make_engine,
    _sqlite_file,
    db_option,
)
from ._util import EXIT_OK, PROG, command_errors


@click.group("db")
def db_group() -> None:
    """Look after the store's database: migrations, counts, what its columns mean."""


@db_group.command("upgrade", epilog=READ_EXIT_CODES_HELP)
@db_option
@command_errors
def db_upgrade(db):
    """Create the database, or bring its schema up to date (Alembic migrations); print the revision."""
    from alembic.util import CommandError

    from ..ingest import StoreUnavailable
    from ..store.migrate import current, head, upgrade

    url = _db_url(db)
    _check_db_file(url, must_exist=False)
    engine = _make_engine(url)
    try:
        with _database_errors(url, "upgrade"):
            before = current(engine)
            upgrade(engine)
            after = current(engine)
    except CommandError as exc:
        raise StoreUnavailable(f"cannot upgrade the database {_display_url(url)}: {exc}") from exc
    finally:
        engine.dispose()
    state = "already up to date" if before == after else f"upgraded from {before or 'an empty database'}"
    click.echo(f"{_display_url(url)}: revision {after}{' (head)' if after == head() else ''}, {state}")
    return EXIT_OK


@db_group.command("info", epilog=READ_EXIT_CODES_HELP)
@db_option
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@command_errors
def db_info(db, fmt):
    """Counts per table, the database kind (dialect) and the schema revision."""
    from ..store import Store
    from ..store.migrate import current, head

    url = _db_url(db)
    _check_db_file(url, must_exist=True)
    engine = _make_engine(url)
    try:
        with _database_errors(url):
            revision = current(engine)
            counts = Store(engine).counts() if revision is not None else {}
            dialect = engine.dialect.name
    finally:
        engine.dispose()
    latest = head()
    info: dict[str, Any] = {
        "database": _display_url(url),
        "dialect": dialect,
        "revision": revision,
        "head": latest,
        "up_to_date": revision == latest,
    }
    path = _sqlite_file(url)
    if path is not None:
        info["size_bytes"] = sum(os.path.getsize(p) for p in (path, path + "-wal") if os.path.exists(p))
    info["counts"] = counts
    if fmt == "json":
        click.echo(json.dumps(info, indent=2))
        return EXIT_OK
    state = "not initialised (run `clashwatch db upgrade`)" if revision is None else (
        f"{revision} (head)" if revision == latest else f"{revision} (head is {latest}: run `clashwatch db upgrade`)"
    )
    lines = [f"database  {info['database']}", f"dialect   {dialect}", f"revision  {state}"]
    if "size_bytes" in info:
        lines.append(f"size      {info['size_bytes']:,} bytes")
    lines += [f"{name:<9} {n:,}" for name, n in counts.items()]
    click.echo("\n".join(lines))
    return EXIT_OK


@db_group.command("refresh", epilog=READ_EXIT_CODES_HELP)
@db_option
@command_errors
def db_refresh(db):
    """Write again what the store derives and keeps: each event's outlets (from its articles)
    and, on SQLite, the full-text indexes. Needed only after other tools changed the
    database (an article's outlet edited by hand, a VACUUM that renumbered rows); one write
    transaction, so readers see the old or the new, never half.

    \b
    Example:
      clashwatch db refresh --db clashwatch.db
    """
    from ..store.outlets import refresh
    from ..store.search import fill_dated_fts_statements
    from ..store.transactions import write_transaction
    from ._store import _open_store

    url = _db_url(db)
    store = _open_store(url, must_exist=True)
    started = time.monotonic()

    def step(what: str) -> None:  # a large store takes minutes: say where it is, on stderr
        click.echo(f"{PROG}: {_display_url(url)}: {what} ({time.monotonic() - started:.0f} s)", err=True)

    try:
        with _database_errors(url, "refresh"), write_transaction(store.engine) as conn:
            step("writing each event's outlets again")
            events = refresh(conn)
            if store.dialect == "sqlite":
                for table in ("events_fts", "articles_fts"):
                    step(f"rebuilding the full-text index {table}")
                    conn.exec_driver_sql(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
                step("rebuilding the full-text index events_dated_fts")
                for statement in fill_dated_fts_statements():
                    conn.exec_driver_sql(statement)
    finally:
        store.close()
    indexes = " and the full-text indexes" if store.dialect == "sqlite" else ""
    click.echo(f"{_display_url(url)}: the outlets of {events:,} events{indexes} written again")
    return EXIT_OK


@db_group.command("metadata", epilog=READ_EXIT_CODES_HELP)
@db_option
@click.option("--output", "-o", metavar="PATH", default=None, help="Write here instead of standard output.")
@command_errors
def db_metadata(db, output):
    """Datasette metadata for the store: what every table, view and column means, and the
    full-text indexes behind ?_search= (events: any substring of 3+ characters; articles: words).

    \b
    Example:
      clashwatch db metadata --db clashwatch.db -o metadata.json
      datasette clashwatch.db --metadata metadata.json
    """
    from ..store.describe import datasette_metadata
    from ._util import open_output

    url = _db_url(db)
    path = _sqlite_file(url)
    name = os.path.splitext(os.path.basename(path))[0] if path else url.rsplit("/", 1)[-1].split("?")[0]
    with open_output(output) as stream:
        stream.write(json.dumps(datasette_metadata(name), indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK
