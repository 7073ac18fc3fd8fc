"""The ``clashwatch`` command line.

``clashwatch`` is a Click group, ``cli``; each command lives in its own module here and is
added to the group below. ``extract`` reads articles and writes events in one of the
formats of ``clashwatch.outputs``; ``ingest`` and ``watch`` store articles in a corpus
store; ``events``, ``events show`` and ``export`` read the store back
(``store/queries.py``) and write it through ``clashwatch.outputs``; ``reextract`` brings its
extractions up to the current extractor; ``review``, ``correct``, ``merge``, ``split``,
``verify`` and ``reject`` are the analyst's review (``_review``); ``db upgrade``, ``db info`` and ``db metadata`` look after its database;
``evaluate`` scores against labelled data; ``batch`` extracts a corpus into Parquet;
``serve`` runs the API and dashboard. What they share is in ``_util`` (exit codes,
``Reporter``, ``open_output``, ``command_errors``, option types) and ``_store`` (``--db``
and opening the store).

Exit codes: see ``EXIT_CODES_HELP`` (also in ``docs/cli.md``).
"""

from __future__ import annotations

import logging
import os
import sys

import click

from .. import __version__
from . import batch, correct, db, evaluate, events, export, extract, ingest, merge, reextract, reject, review, serve, split, verify, watch
from ._util import (
    DEBUG_ENV,
    EXIT_BROKEN_PIPE,
    EXIT_CODES_HELP,
    EXIT_INTERRUPTED,
    EXIT_OK,
    PROG,
    _pacify_stdout,
)


@click.group(
    name=PROG,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=EXIT_CODES_HELP,
)
@click.version_option(__version__, "-V", "--version", prog_name=PROG)
@click.option("--debug", is_flag=True, envvar=DEBUG_ENV, show_envvar=True,
              help="Print the Python traceback of a failure (an article the pipeline failed on, an internal error).")
def cli(debug: bool) -> None:
    """Turn conflict news articles into structured, sourced, geocoded events (ACLED-style)."""
    if debug:
        os.environ[DEBUG_ENV] = "1"  # for worker processes and the error handlers
        logging.basicConfig(format=f"{PROG}: debug: %(message)s")
        logging.getLogger("clashwatch").setLevel(logging.DEBUG)


cli.add_command(extract.extract)
cli.add_command(ingest.ingest)
cli.add_command(watch.watch)
cli.add_command(events.events)
cli.add_command(export.export)
cli.add_command(reextract.reextract)
cli.add_command(review.review)
cli.add_command(correct.correct)
cli.add_command(merge.merge)
cli.add_command(split.split)
cli.add_command(verify.verify)
cli.add_command(reject.reject)
cli.add_command(db.db_group)
cli.add_command(evaluate.evaluate)
cli.add_command(batch.batch)
cli.add_command(serve.serve)


def main(argv: list[str] | None = None) -> None:
    """The console script: run ``cli`` and exit with its code (130 on Ctrl-C, quietly)."""
    try:
        code = cli.main(args=argv, prog_name=PROG, standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        code = exc.exit_code
    except (click.Abort, KeyboardInterrupt, EOFError):
        code = EXIT_INTERRUPTED
    except BrokenPipeError:
        _pacify_stdout()
        code = EXIT_BROKEN_PIPE
    sys.exit(code if isinstance(code, int) else EXIT_OK)


if __name__ == "__main__":
    main()
