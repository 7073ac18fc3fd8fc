"""``clashwatch ingest``: articles into a corpus store, each checked against it first."""

from __future__ import annotations

import sys

import click

from ..readers import INPUT_KINDS
from ..readers import checks as reader
from ._store import (
    STORE_EXIT_CODES_HELP,
    _database_errors,
    _db_url,
    _open_store,
    db_option,
)
from ._util import (
    EXIT_INPUT,
    EXIT_OK,
    PROG,
    PUBLISHED,
    ColumnType,
    Reporter,
    _isatty,
    _stopped,
    command_errors,
)


def _max_page_bytes(mb: float) -> int:
    return int(mb * 1_000_000)


@click.command(epilog=STORE_EXIT_CODES_HELP)
@click.argument("paths", metavar="PATH... | -", nargs=-1, required=True, type=click.Path(exists=True, allow_dash=True))
@db_option
@click.option("--input", "-i", "input_kind", type=click.Choice(INPUT_KINDS),
              default="auto", show_default=True,
              help="What the inputs are. auto: each file by its content (a web page, an RSS/Atom feed, a WARC archive, "
              "JSONL, CSV by its .csv/.tsv name, else plain text); folders give the files whose suffix names a kind.")
@click.option("--column", "columns", type=ColumnType(), multiple=True,
              help="JSONL/CSV: the corpus's name for a field, e.g. --column text=body --column published=date "
              "(fields: id, text, published, title, url, source, author).")
@click.option("--published", type=PUBLISHED, default=None,
              help="Publication date of every article that has none of its own in its record (JSONL, CSV); "
              "for text, pages, feeds and archives it overrides the date they give. "
              "Default: the record's, the page's or the feed's date, else the file's modification date.")
@click.option("--max-page-mb", type=click.FloatRange(min=0.001), default=10, show_default=True,
              help="Web pages (HTML files, WARC responses) larger than this are skipped, with an error line.")
@click.option("--batch-size", type=click.IntRange(min=1), default=32, show_default=True,
              help="Articles parsed together by spaCy (nlp.pipe).")
@click.option("--quiet", "-q", is_flag=True, help="No notes, warnings, progress bar or summary on stderr; errors only.")
@command_errors
def ingest(paths, db, input_kind, columns, published, max_page_mb, batch_size, quiet):
    """Store articles, their events, claims and places in a corpus store.

    PATH is a text file (one article), a saved web page (.html: main text, title, date,
    author and canonical URL by trafilatura), an RSS/Atom feed (one article per item),
    a WARC web archive (one article per HTML response), a JSONL file (one JSON object a
    line: "id", "text", "published", "title", "url", "source", "author"), a CSV file with
    a header row (the same columns; other names with --column), a folder (walked,
    sorted) or `-` for standard input. Articles not in English are stored, not analysed,
    and counted. Each article is checked against the store first: unchanged articles and
    duplicates (the same text under another URL) are not extracted again; new and
    updated ones are extracted in batches and each is saved in one transaction, its
    events merged with those already stored. Ctrl-C (or SIGTERM) stops after the current
    article; run the same command again to go on.

    \b
    Examples:
      clashwatch ingest reports/ --published 2024-03-02
      clashwatch ingest saved-pages/ crawl.warc.gz feed.xml
      clashwatch ingest corpus.csv --column text=body --column published=date
      clashwatch ingest feed.jsonl --db postgresql://me@dbhost/clashwatch
    """
    from ..ingest import Ingester, StopSignals, StoreUnavailable, expand_inputs
    from ..readers import ReadOptions

    if list(paths).count(reader.STDIN) > 1:
        raise click.BadParameter("standard input ('-') can be read only once", param_hint="PATH")
    url = _db_url(db)
    report = Reporter(quiet=quiet)
    files = expand_inputs(paths, input_kind, on_note=report.info)
    store = _open_store(url, must_exist=False)
    try:
        from .. import get_pipeline

        pipeline = get_pipeline()  # loads spaCy and the gazetteer once
        if reader.STDIN in paths and _isatty(sys.stdin):
            report.info("reading standard input (end it with Ctrl-D)")
        sizes = [f.size for f in files]
        total = sum(sizes) if None not in sizes else None
        stop_message = None if quiet else f"{PROG}: stopping after the current article (again to stop at once)"
        with StopSignals(message=stop_message) as stop, report.logging_errors_only(), report.progress(
            True, total=total, unit="B", unit_scale=True, desc="ingest"
        ) as bar:

            def on_progress(done: int, stats) -> None:
                if bar is not None:
                    bar.update(done - bar.n)
                    bar.set_postfix_str(stats.short(), refresh=False)

            ingester = Ingester(
                store,
                pipeline,
                batch_size=batch_size,
                published=published,
                read_options=ReadOptions(published=published, columns=dict(columns), max_page_bytes=_max_page_bytes(max_page_mb)),
                on_error=lambda origin, reason: report.error(f"{origin}: {reason}"),
                on_warning=lambda origin, warning: report.warning(f"{origin}: {warning}"),
                on_progress=on_progress,
                should_stop=stop,
                writer_process=True,
            )
            try:
                with _database_errors(url, "write to"):
                    stats = ingester.run(files)
            except StoreUnavailable:
                report.info(ingester.stats.summary() + " (before the database failed)")
                raise
    finally:
        store.close()
    report.info(stats.summary())
    if stop.received is not None:
        return _stopped(report, stop.received, "what was saved stays; run the same command again to go on")
    return EXIT_INPUT if stats.failed else EXIT_OK
