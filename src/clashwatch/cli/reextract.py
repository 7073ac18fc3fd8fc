"""``clashwatch reextract``: bring a store's extractions up to the current extractor."""

from __future__ import annotations

import click

from ._store import STORE_EXIT_CODES_HELP, _database_errors, _db_url, _open_store, db_option
from ._util import EXIT_INPUT, EXIT_OK, PROG, Reporter, _plural, _stopped, command_errors


@click.command(epilog=STORE_EXIT_CODES_HELP)
@db_option
@click.option("--where", metavar="SQL", default=None,
              help="Only the articles matching this SQL condition on the articles table, e.g. "
                   "\"published >= '2024-01-01'\" or \"outlet = 'Reuters'\".")
@click.option("--all", "everything", is_flag=True,
              help="Every article, also those the current extractor made already.")
@click.option("--batch-size", type=click.IntRange(min=1), default=32, show_default=True,
              help="Articles parsed together by spaCy (nlp.pipe).")
@click.option("--dry-run", is_flag=True, help="Only count the articles that would be re-extracted.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary on stderr; errors only.")
@command_errors
def reextract(db, where, everything, batch_size, dry_run, quiet):
    """Re-run the current extractor on stored articles another version made.

    Every stored article records the extractor that made its events and claims
    (clashwatch's version, a digest of its extraction code and language data, the spaCy
    model). After an upgrade, this re-extracts the articles made by any other version
    (or by a clashwatch too old to record one): each in one transaction, its mentions,
    current claims and places replaced, its events re-merged with the rest of the store and
    their estimates recomputed. Claims kept as history of earlier article versions stay.
    Ctrl-C stops after the current article; run it again to go on: articles already done
    are not re-extracted twice.

    \b
    Examples:
      clashwatch reextract --dry-run
      clashwatch reextract --where "published >= '2024-01-01'"
      clashwatch reextract --db postgresql://me@dbhost/clashwatch
    """
    from ..ingest import StopSignals
    from ..model import EXTRACTION_FAILED

    url = _db_url(db)
    report = Reporter(quiet=quiet)
    store = _open_store(url, must_exist=True)
    done = failed = 0
    touched: set[str] = set()
    try:
        from .. import get_pipeline

        pipeline = get_pipeline()
        ids = _chosen(store, url, None if everything else pipeline.version, where)
        if dry_run:
            click.echo(f"{_plural(len(ids), 'article')} to re-extract with {pipeline.version}")
            return EXIT_OK
        stop_message = None if quiet else f"{PROG}: stopping after the current article (again to stop at once)"

        def articles():
            for article_id in ids:
                if stop.received is not None:
                    return
                article = store.stored_article(article_id)
                if article is not None:
                    yield article

        def on_failure(article, exc: BaseException) -> None:
            nonlocal failed
            failed += 1
            report.error(f"article {article.id}: analysis failed ({type(exc).__name__}: {exc}); its old extraction stays")

        with StopSignals(message=stop_message) as stop, report.logging_errors_only(), report.progress(
            True, total=len(ids), unit="article", desc="reextract"
        ) as bar:
            with _database_errors(url, "write to"):
                for article, result in pipeline.extract_resilient(articles(), on_failure, batch_size=batch_size):
                    broken = next((w for w in result.warnings if w.startswith(EXTRACTION_FAILED)), None)
                    if broken is not None:  # as ingest: a failed analysis never replaces a stored one
                        on_failure(article, RuntimeError(broken[len(EXTRACTION_FAILED):].strip(" :")))
                        continue
                    outcome = store.replace_extraction(article, result)
                    done += 1
                    touched.update(outcome.event_ids)
                    if bar is not None:
                        bar.update(1)
    finally:
        store.close()
    report.info(f"{_plural(done, 'article')} re-extracted with {pipeline.version}, {_plural(len(touched), 'event')} "
                "re-merged and re-estimated" + (f"; {failed} failed" if failed else "")
                + (f"; {len(ids) - done - failed} left for the next run" if done + failed < len(ids) else ""))
    if stop.received is not None:
        return _stopped(report, stop.received, "what was re-extracted stays; run the same command again to go on")
    return EXIT_INPUT if failed else EXIT_OK


def _chosen(store, url: str, version: str | None, where: str | None) -> list[str]:
    """The articles to re-extract; a --where the database refuses is a usage error."""
    from sqlalchemy.exc import DBAPIError

    if where is None:
        with _database_errors(url):
            return store.stale_articles(version)
    try:
        return store.stale_articles(version, where)
    except DBAPIError as exc:
        first = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else "invalid condition"
        raise click.BadParameter(f"the database refused {where!r}: {first}", param_hint="'--where'") from None
