"""``clashwatch extract``: articles in (any input kind, told apart by content), results out."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field

import click

from ..article import Article
from ..model import EXTRACTION_FAILED
from ..outputs import make_writer
from ..outputs.geojson import GeoJsonWriter
from ..readers import (
    INPUT_KINDS,
    InputFile,
    Problem,
    ReadOptions,
    Skipped,
    read_input,
    sniff_file,
)
from ..readers.checks import STDIN
from ._util import (
    DEBUG_ENV,
    EXIT_CODES_HELP,
    EXIT_INPUT,
    EXIT_OK,
    PUBLISHED,
    RegistryChoice,
    Reporter,
    SigintGuard,
    _isatty,
    _plural,
    command_errors,
    open_output,
)

ONE_ARTICLE_KINDS = ("text", "html")  # a file of these kinds is one article
CORPUS_KINDS = ("jsonl", "csv")  # a problem on one of their lines skips that line


@dataclass
class _Tally:
    failed_inputs: int = 0
    skipped_lines: int = 0
    skipped_items: int = 0
    failed_articles: int = 0
    with_warnings: int = 0
    kinds: set[str] = field(default_factory=set)


def _inputs(files: tuple[str, ...], input_kind: str) -> list[InputFile]:
    """Each FILE with its kind: as ``--input`` says, else by its content (standard input: text)."""
    out = []
    for path in files:
        kind = input_kind
        if kind == "auto":
            try:
                kind = "text" if path == STDIN else sniff_file(path)
            except OSError:
                kind = "text"  # the text reader says why it cannot be read
        out.append(InputFile(path, kind))
    return out


def _articles(inputs: list[InputFile], options: ReadOptions, title, article_id, report: Reporter, tally: _Tally) -> Iterator[Article]:
    done = 0  # bytes of the inputs before this one
    for f in inputs:
        for found in read_input(f, options, done):
            if isinstance(found, Problem):
                report.error(str(found))
                if f.kind in CORPUS_KINDS and ": line " in found.origin:
                    tally.skipped_lines += 1
                else:
                    tally.failed_inputs += 1
            elif isinstance(found, Skipped):
                tally.skipped_items += 1
            else:
                if title is not None:
                    found.title = title
                if article_id is not None:
                    found.id = article_id
                yield found
        done += f.size or 0


@click.command(epilog=EXIT_CODES_HELP)
@click.argument("files", metavar="FILE... | -", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option("--input", "-i", "input_kind", type=click.Choice(INPUT_KINDS), default="auto", show_default=True,
              help="What FILE is. auto: told by its content (standard input: text). text: one article. "
              'jsonl: one JSON object a line {"id", "text", "published", "title"?, "url"?, "source"?}, streamed. '
              "html, csv, feed, warc: a saved page (by trafilatura), a table, a feed's items, an archive's HTML "
              "responses, read as `clashwatch ingest` reads them.")
@click.option("--format", "-f", "fmt", type=RegistryChoice("clashwatch.outputs", "RESULT_FORMATS", "FORMAT_ALIASES"), default=None,
              help="Output format. Default: table when every FILE is one article (text, a page), jsonl otherwise.")
@click.option("--date-format", type=click.Choice(["iso", "acled"]), default="iso", show_default=True,
              help="acled format: event_date as 2021-04-06 (iso) or as ACLED's export writes it, 06 April 2021 (acled).")
@click.option("--output", "-o", metavar="PATH", default=None, help="Write here instead of standard output.")
@click.option("--published", type=PUBLISHED, default=None,
              help="Publication date, used to resolve relative dates ('on Monday'); records and pages with "
              "their own date keep it. Default: the input's own date, else the file's modification date, "
              "else none (today anchors relative dates); a warning says which.")
@click.option("--title", default=None, help="The article's headline (one text or page FILE only).")
@click.option("--id", "article_id", default=None, help="The article id (one text or page FILE only). Default: the file name without extension.")
@click.option("--batch-size", type=click.IntRange(min=1), default=32, show_default=True,
              help="Articles parsed together by spaCy (nlp.pipe).")
@click.option("--quiet", "-q", is_flag=True, help="No warnings, progress bar or summary on stderr; errors only.")
@command_errors
def extract(files, input_kind, fmt, output, published, title, article_id, batch_size, quiet, date_format):
    """Read articles and write the events, claims and places found in them.

    FILE is a text file (one article), a JSONL or CSV corpus, a saved web page, an RSS/Atom
    feed or a WARC archive, told apart by its content (--input overrides); `-` reads
    standard input. Results come out in input order, each as soon as it is ready.

    \b
    Examples:
      clashwatch extract report.txt --published 2024-03-02
      curl -s URL | clashwatch extract - --format json
      clashwatch extract articles.jsonl -f acled-csv -o events.csv
      clashwatch extract saved-page.html -f json
    """
    if list(files).count(STDIN) > 1:
        raise click.BadParameter("standard input ('-') can be read only once", param_hint="FILE")
    if len(files) > 1 and (title is not None or article_id is not None):
        raise click.UsageError("--title and --id apply to a single FILE")
    if output not in (None, "-"):
        for path in files:
            if path != STDIN and os.path.exists(output) and os.path.samefile(path, output):
                raise click.BadParameter(f"{output!r} is also an input file", param_hint="'--output'")
    inputs = _inputs(files, input_kind)
    kinds = {f.kind for f in inputs}
    one_each = kinds <= set(ONE_ARTICLE_KINDS)  # one article a file
    if not one_each and (title is not None or article_id is not None):
        kind = next(k for k in (f.kind for f in inputs) if k not in ONE_ARTICLE_KINDS)
        raise click.UsageError(f"--title and --id apply to text input (a text file or a page); {kind} input carries its own")
    fmt = fmt or ("table" if one_each else "jsonl")
    report = Reporter(quiet=quiet)
    tally = _Tally()
    if STDIN in files and _isatty(sys.stdin):
        report.info("reading standard input (end it with Ctrl-D)")

    with open_output(output) as stream:
        from ..pipeline import get_pipeline

        pipeline = get_pipeline()  # loads spaCy and the gazetteer once
        articles = _articles(inputs, ReadOptions(published=published), title, article_id, report, tally)
        sizes = [f.size for f in inputs]
        bar_options = {"total": sum(sizes) if None not in sizes else None, "unit": "B", "unit_scale": True, "desc": "extract"}

        def on_failure(article: Article, exc: BaseException) -> None:
            if os.environ.get(DEBUG_ENV):
                traceback.print_exception(exc)
            report.error(f"{article.origin}: analysis failed ({type(exc).__name__}: {exc})")
            tally.failed_articles += 1

        options = {"single": True} if fmt == "json" and one_each and len(files) == 1 else {}
        if fmt == "acled":
            options["date_format"] = date_format
        writer = make_writer(fmt, stream, **options)
        # warnings are in the table itself; elsewhere, say them on stderr (one-article inputs
        # only: a corpus may have millions, the summary counts them)
        echo_warnings = one_each and not (fmt == "table" and output in (None, "-"))
        with SigintGuard() as guard, report.progress(True, **bar_options) as bar, writer:
            done = 0
            for article, result in pipeline.extract_resilient(articles, on_failure, batch_size=batch_size):
                failed = next((w for w in result.warnings if w.startswith(EXTRACTION_FAILED)), None)
                if failed is not None:  # nothing half-read is written: the article counts as failed
                    report.error(f"{article.origin}: analysis failed ({failed[len(EXTRACTION_FAILED):].strip()})")
                    tally.failed_articles += 1
                    continue
                with guard.critical():
                    writer.write(result)
                    stream.flush()
                if result.warnings:
                    tally.with_warnings += 1
                    if echo_warnings:
                        for warning in result.warnings:
                            report.warning(f"{article.origin}: {warning}")
                if bar is not None:
                    bar.update(article.progress - done)
                    done = article.progress

    summary = [f"{_plural(writer.articles, 'article')} analysed, {_plural(writer.events, 'event')}"]
    if isinstance(writer, GeoJsonWriter) and writer.skipped:
        summary.append(f"{_plural(writer.skipped, 'event')} without coordinates left out")
    if not one_each and tally.with_warnings:
        summary.append(f"{_plural(tally.with_warnings, 'article')} with warnings")
    if tally.skipped_items:
        summary.append(f"{_plural(tally.skipped_items, 'item')} skipped (not article pages)")
    if tally.failed_inputs:
        summary.append(f"{_plural(tally.failed_inputs, 'input')} failed")
    if tally.skipped_lines or "jsonl" in kinds:
        summary.append(f"{_plural(tally.skipped_lines, 'line')} skipped")
    if tally.failed_articles:
        summary.append(f"{_plural(tally.failed_articles, 'article')} failed in analysis")
    report.info("; ".join(summary))
    failed = tally.failed_inputs or tally.skipped_lines or tally.failed_articles
    return EXIT_INPUT if failed else EXIT_OK
