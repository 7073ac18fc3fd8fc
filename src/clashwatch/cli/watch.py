"""``clashwatch watch``: poll feeds, fetch their new pages, ingest them."""

from __future__ import annotations

import datetime as dt

import click

from ._store import DB_ENV, DEFAULT_DB, _database_errors, _db_url, _display_url, _open_store
from ._util import EXIT_OK, PROG, Reporter, _stopped, command_errors

WATCH_EXIT_CODES_HELP = """\b
Exit codes:
  0    --once: the cycle ran (feeds that failed are logged, retried next time)
  2    usage error: a bad SOURCES.toml or option
  3    the database cannot be used, no spaCy model, bug
  130  stopped by Ctrl-C; 143 stopped by SIGTERM (pages already fetched were
       ingested first)
"""


@click.command(epilog=WATCH_EXIT_CODES_HELP)
@click.argument("sources_path", metavar="SOURCES.toml", type=click.Path(dir_okay=False))
@click.option("--db", metavar="URL", envvar=DB_ENV, default=None, show_envvar=True,
              help=f"The store (an SQLite path or SQLAlchemy URL). Default: the file's db setting, else {DEFAULT_DB}.")
@click.option("--once", is_flag=True, help="Poll every feed once, ingest the new pages, and exit (for cron).")
@click.option("--batch-size", type=click.IntRange(min=1), default=8, show_default=True,
              help="Pages parsed together by spaCy.")
@click.option("--quiet", "-q", is_flag=True, help="Errors only on stderr (no poll lines, no summary).")
@command_errors
def watch(sources_path, db, once, batch_size, quiet):
    """Poll RSS/Atom feeds, fetch their new article pages and ingest them.

    SOURCES.toml lists the feeds ([[feeds]] tables with url, and optional name and
    interval) and the settings (interval, retry, retry_max, timeout, max_page_mb,
    page_delay, obey_robots); see docs/cli.md. Polls use conditional requests (ETag,
    Last-Modified). Pages of one site are fetched page_delay apart, and what its
    robots.txt disallows is skipped. A feed that is down or sends garbage is logged
    and retried with growing waits; the others go on.
    The first Ctrl-C (or SIGTERM) stops fetching, ingests the pages already fetched and
    exits; a restart goes on where it stopped, storing each article once.

    \b
    Examples:
      clashwatch watch sources.toml
      clashwatch watch sources.toml --once --db postgresql://me@dbhost/clashwatch
    """
    from ..ingest import StopSignals
    from ..crawl.watch import SourcesError, Watcher, load_sources

    try:
        sources = load_sources(sources_path)
    except SourcesError as exc:
        raise click.BadParameter(str(exc), param_hint="SOURCES.toml") from None
    url = _db_url(db or sources.db)
    report = Reporter(quiet=quiet)
    store = _open_store(url, must_exist=False)
    try:
        from .. import get_pipeline

        pipeline = get_pipeline()
        stop_message = None if quiet else f"{PROG}: stopping: ingesting the pages already fetched (again to stop at once)"
        say = {"info": report.info, "warning": report.warning, "error": report.error}
        with StopSignals(message=stop_message) as stop, report.logging_errors_only():
            watcher = Watcher(
                store, pipeline, sources, batch_size=batch_size, should_stop=stop,
                on_log=lambda level, message: say[level](f"{dt.datetime.now():%Y-%m-%d %H:%M:%S} {message}"),
            )
            if not once:
                report.info(f"watching {len(sources.feeds)} feed{'s' if len(sources.feeds) != 1 else ''} into "
                            f"{_display_url(url)} (Ctrl-C to stop)")
            try:
                with _database_errors(url, "write to"):
                    stats = watcher.run(once=once)
            finally:
                watcher.fetcher.close()
    finally:
        store.close()
    report.info(stats.summary())
    if stop.received is not None:
        return _stopped(report, stop.received, "what was fetched is stored; run it again to go on")
    return EXIT_OK
