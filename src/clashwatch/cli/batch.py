"""``clashwatch batch``: a corpus into Parquet tables, on all cores or on Spark."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from ..batch import ENGINES
from ..readers import Problem
from ..readers import checks as reader
from ..readers.corpus import iter_jsonl
from ._util import (
    EXIT_FATAL,
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_TERMINATED,
    EXIT_USAGE,
    PROG,
    Reporter,
    _duration,
    _plural,
    command_errors,
)

BATCH_EXIT_CODES_HELP = """\b
Exit codes:
  0    success
  1    some articles failed (a JSONL line that is not an article, a Parquet
       row without text); the others were written
  2    usage error: bad option; INPUT missing, not JSONL or Parquet, or
       without the text column; OUTPUT a file or another batch's folder
  3    the run could not go on: OUTPUT not writable, no spaCy model, no
       PySpark or Java (--engine spark), a Spark job that failed, bug
  130  interrupted (Ctrl-C); 143 stopped by SIGTERM
"""
# OUTPUT's record of the input and options its parts were cut with
BATCH_MANIFEST = "_batch.json"
_BATCH_FIELDS = {"id": "the article id", "text": "the article text", "published": "the publication date",
                 "title": "the headline", "url": "the article's URL", "source": "the outlet"}


class _BatchError(Exception):
    """INPUT or OUTPUT cannot be used: ``str()`` is the one-line reason, ``code`` the exit code."""

    def __init__(self, message: str, code: int = EXIT_USAGE):
        super().__init__(message)
        self.code = code


def _column_options(fn: Callable) -> Callable:
    for field, meaning in reversed(_BATCH_FIELDS.items()):
        fn = click.option(f"--{field}-column", metavar="COLUMN", default=None,
                          help=f"Parquet input: the column with {meaning} (default: {field}).")(fn)
    return fn


def _batch_input_kind(path: str, columns: dict[str, str]) -> str:
    """``"jsonl"`` or ``"parquet"``; ``_BatchError`` when INPUT is neither or lacks a column."""
    if not os.path.exists(path):
        raise _BatchError(f"{path}: no such file")
    if os.path.isdir(path):
        raise _BatchError(f"{path}: is a folder: give one JSONL or Parquet file")
    try:
        with open(path, "rb") as f:
            if f.read(4) == b"PAR1":
                kind = "parquet"
            else:
                f.seek(0)
                kind = "jsonl"
                first = next(iter_jsonl(f, path), None)
    except OSError as exc:
        raise _BatchError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except reader.InputError as exc:
        raise _BatchError(f"{exc}: batch reads JSONL or Parquet") from None
    if kind == "parquet":
        _check_parquet_columns(path, columns)
        return kind
    if columns:
        raise _BatchError(f"--{next(iter(columns))}-column is for Parquet input; {path} is JSONL, whose fields are named "
                          f"{', '.join(_BATCH_FIELDS)}")
    if isinstance(first, Problem) and first.reason.startswith(("not valid JSON", "not a JSON object", "not valid UTF-8")):
        where = first.origin.rsplit(": ", 1)[-1]
        raise _BatchError(f"{path}: neither JSONL (one JSON object a line) nor Parquet ({where}: {first.reason})")
    return kind


def _check_parquet_columns(path: str, columns: dict[str, str]) -> None:
    import pyarrow.parquet as pq

    try:
        names = pq.ParquetFile(path).schema_arrow.names
    except Exception as exc:  # noqa: BLE001 - pyarrow's errors have no common base worth naming
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise _BatchError(f"{path}: not a readable Parquet file ({reason})") from None
    for field, column in {"text": "text", **columns}.items():
        if column not in names:
            shown = ", ".join(names[:12]) + (", ..." if len(names) > 12 else "")
            raise _BatchError(f"{path}: no column {column!r} for {_BATCH_FIELDS[field]} "
                              f"(its columns: {shown or 'none'}; see --{field}-column)")


def _batch_output(output: str, manifest: dict[str, Any]) -> None:
    """Create OUTPUT; refuse a file, an unwritable folder, or another batch's output."""
    if os.path.exists(output) and not os.path.isdir(output):
        raise _BatchError(f"{output}: is a file: OUTPUT is a folder (created if missing)")
    try:
        os.makedirs(output, exist_ok=True)
    except OSError as exc:
        raise _BatchError(f"cannot create {output}: {exc.strerror or exc}", EXIT_FATAL) from None
    if not os.access(output, os.W_OK | os.X_OK):
        raise _BatchError(f"cannot write to {output}: permission denied", EXIT_FATAL)
    path = Path(output) / BATCH_MANIFEST
    try:
        known = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = None
    if isinstance(known, dict) and known != manifest:
        raise _BatchError(
            f"{output} holds the parts of another batch (input {known.get('input')} of {known.get('bytes', 0):,} bytes, "
            f"--part-size {known.get('part_size')}{_column_flags(known.get('columns'))}): to go on with it give the same "
            "INPUT and options, else choose a new OUTPUT folder")
    if known != manifest:
        try:
            tmp = path.with_name(f"{path.name}.tmp{os.getpid()}")
            tmp.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
            os.replace(tmp, path)
        except OSError as exc:
            raise _BatchError(f"cannot write to {output}: {exc.strerror or exc}", EXIT_FATAL) from None


def _column_flags(columns: Any) -> str:
    return "".join(f" --{field}-column {column}" for field, column in columns.items()) if isinstance(columns, dict) else ""


@contextmanager
def _sigterm_interrupts() -> Iterator[list[int]]:
    """SIGTERM raises ``KeyboardInterrupt`` as Ctrl-C does; the list tells whether it came."""
    received: list[int] = []

    def handler(signum, frame) -> None:
        received.append(signum)
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread
        previous = None
    try:
        yield received
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


@click.command(epilog=BATCH_EXIT_CODES_HELP)
@click.argument("input_path", metavar="INPUT")
@click.argument("output", metavar="OUTPUT")
@click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
              help="local: worker processes on this machine. spark: a PySpark job, in local[N] mode or on a cluster.")
@click.option("--workers", "-w", type=click.IntRange(min=1), default=None,
              help="local: worker processes, each loading the pipeline once. Default: one per usable core.")
@click.option("--master", metavar="URL", default=None,
              help="spark: the master, e.g. 'local[4]', spark://HOST:7077, yarn. Default: local[*].")
@click.option("--part-size", type=click.IntRange(min=1), default=500, show_default=True,
              help="Input lines (JSONL) or rows (Parquet) a part: the unit of work and of resumption.")
@click.option("--batch-size", type=click.IntRange(min=1), default=32, show_default=True,
              help="Articles parsed together by spaCy (nlp.pipe).")
@_column_options
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary on stderr; errors only.")
@command_errors
def batch(input_path, output, engine, workers, master, part_size, batch_size, quiet, **column_options):
    """Extract a corpus into Parquet tables (events, claims, places), on all cores or on Spark.

    INPUT is a JSONL file (one JSON object a line: "id", "text", "published", "title",
    "url", "source") or a Parquet file with a text column. OUTPUT is a folder: each table
    is a Parquet dataset partitioned by month, OUTPUT/events/month=YYYY-MM/part-NNNNN.parquet
    (likewise claims/ and places/). The input is cut into parts of --part-size articles;
    a finished part is marked done, and running the same command again (after Ctrl-C, a
    crash, a kill) skips the parts already done and redoes the rest.

    \b
    Examples:
      clashwatch batch corpus.jsonl out/
      clashwatch batch corpus.jsonl out/ --workers 8 --part-size 1000
      clashwatch batch articles.parquet out/ --text-column body --published-column date
      clashwatch batch corpus.jsonl out/ --engine spark --master 'local[4]'
    """
    from ..batch.output import PartWriter

    report = Reporter(quiet=quiet)
    columns = {field: column_options[f"{field}_column"] for field in _BATCH_FIELDS if column_options[f"{field}_column"]}
    try:
        if engine == "local" and master is not None:
            raise _BatchError("--master is for --engine spark")
        if engine == "spark" and workers is not None:
            raise _BatchError("--workers is for --engine local (Spark's parallelism comes from --master or the cluster)")
        kind = _batch_input_kind(input_path, columns)
        manifest = {"input": os.path.basename(os.path.abspath(input_path)), "bytes": os.path.getsize(input_path),
                    "part_size": part_size, "columns": columns}
        _batch_output(output, manifest)
    except _BatchError as exc:
        report.error(str(exc))
        return exc.code
    done_before = PartWriter(output).done()
    options = dict(part_size=part_size, batch_size=batch_size, columns=columns or None)

    with report.progress(True, total=None, unit="part", desc="batch") as bar:

        def on_progress(done: int, total: int, articles: int) -> None:
            if bar is None:
                return
            if bar.total is None:  # parts done by an earlier run do not count in this run's pace
                bar.n = bar.last_print_n = bar.initial = done
            bar.total = total
            bar.set_postfix_str(f"{articles:,} articles", refresh=False)
            bar.update(done - bar.n)

        try:
            stop_message = None if quiet else ("\n" if bar is not None else "") + (
                f"{PROG}: stopping after the parts being extracted (again to stop at once)")
            summary, received = _run_batch_engine(engine, input_path, output, workers, master, options, on_progress, stop_message)
        except _BatchError as exc:
            report.error(str(exc))
            return exc.code

    if summary is not None:
        _report_failed_lines(report, output, done_before, input_path, kind, summary["failed"])
        left = summary["parts"] - summary["skipped"] - summary["run"]
        report.info(
            f"{_plural(summary['parts'], 'part')} ({summary['skipped']:,} already done), {_plural(summary['articles'], 'article')}, "
            f"{summary['failed']:,} failed; {_plural(summary['events'], 'event')}, {_plural(summary['claims'], 'claim')}, "
            f"{_plural(summary['places'], 'place')} written to {output} in {_duration(summary['seconds'])}"
            + (f"; {_plural(left, 'part')} left" if left else "")
        )
    if received is not None:
        name = "Ctrl-C" if received == signal.SIGINT else "SIGTERM"
        report.info(f"stopped by {name}: the finished parts stay; run the same command again to go on")
        return EXIT_INTERRUPTED if received == signal.SIGINT else EXIT_TERMINATED
    return EXIT_INPUT if summary["failed"] else EXIT_OK


def _run_batch_engine(engine, input_path, output, workers, master, options, on_progress, stop_message):
    """``(summary, signal)``: the summary is None when a signal stopped the run at once."""
    if engine == "local":
        from ..batch.local import run_local
        from ..ingest import StopSignals

        with StopSignals(message=stop_message) as stop:
            try:
                summary = run_local(input_path, output, workers=workers, on_progress=on_progress, should_stop=stop, **options)
            except KeyboardInterrupt:
                return None, stop.received or signal.SIGINT
        return summary, stop.received
    try:
        from ..batch.spark import SparkJobFailed, SparkUnavailable, run_spark
    except ImportError as exc:
        raise _BatchError(f"--engine spark cannot start ({exc}): pip install 'clashwatch[spark]'", EXIT_FATAL) from None
    with _sigterm_interrupts() as received:
        try:
            return run_spark(input_path, output, master=master, on_progress=on_progress, **options), None
        except KeyboardInterrupt:
            return None, received[0] if received else signal.SIGINT
        except (SparkUnavailable, SparkJobFailed) as exc:
            raise _BatchError(str(exc), EXIT_FATAL) from None


def _report_failed_lines(report: Reporter, output: str, done_before: set[int], input_path: str, kind: str, failed: int) -> None:
    """One error line per article that failed in the parts run now (the first ones of each part)."""
    from ..batch.output import MARKERS, PartWriter

    where = "row" if kind == "parquet" else "line"
    shown = 0
    for counts in PartWriter(output).counts():
        if counts.get("part") in done_before:
            continue
        for problem in counts.get("problems", []):
            report.error(f"{input_path}: {where} {problem['line']}: {problem['problem']}")
            shown += 1
    if failed > shown:
        report.error(f"{input_path}: {_plural(failed - shown, 'more article')} failed (the marker of each part in "
                     f"{os.path.join(output, MARKERS)} lists its first ones)")
