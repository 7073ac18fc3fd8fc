"""The ``clashwatch`` command line.

``clashwatch`` is a Click group; each command is a function registered on ``cli``.
``extract`` reads articles (text files or JSONL) and writes events in one of the formats
of ``formats.py``; ``ingest`` stores articles in a corpus store (``ingest.py``, the
loop, and ``store/``); ``events``, ``events show`` and ``export`` read the store back
(``exports.py``); ``db upgrade`` and ``db info`` look after its database. The commands
share the pieces here:
``open_output``, ``Reporter`` (stderr messages that play well with the progress bar),
``DATE`` (a YYYY-MM-DD option type), ``command_errors`` (bad input and failures as one
``clashwatch: error: ...`` line and an exit code, never a traceback) and ``main``.

Exit codes: see ``EXIT_CODES_HELP`` (also in ``docs/cli.md``).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import signal
import sys
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TextIO

import click

from .. import __version__
from ..readers import checks as reader
from ..outputs.results import FORMATS, GeoJsonWriter, make_writer

EXIT_OK = 0
EXIT_INPUT = 1  # some inputs failed (unreadable, binary, not UTF-8, skipped JSONL lines); the rest was processed
EXIT_USAGE = 2  # bad option or argument, missing file
EXIT_FATAL = 3  # the run could not go on: no spaCy model, output not writable, internal error
EXIT_INTERRUPTED = 130  # Ctrl-C
EXIT_TERMINATED = 143  # SIGTERM (ingest stops after the current article)
EXIT_BROKEN_PIPE = 141  # the reader of standard output went away (e.g. `| head`)

EXIT_CODES_HELP = """\b
Exit codes:
  0    success (also when articles had no events or only warnings)
  1    some inputs failed (unreadable, binary or non-UTF-8 file, skipped
       JSONL line, article the pipeline failed on); the others were processed
  2    usage error: bad option or value, missing input file
  3    the run could not go on (no spaCy model, output not writable, bug)
  130  interrupted (Ctrl-C)
"""

DEBUG_ENV = "CLASHWATCH_DEBUG"
PROG = "clashwatch"


# --------------------------------------------------------------------------- shared pieces


class DateType(click.ParamType):
    """A ``YYYY-MM-DD`` option value."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param, ctx) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return reader.parse_date(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


DATE = DateType()


class Reporter:
    """Messages on standard error, one line each, through the progress bar when there is one."""

    def __init__(self, quiet: bool = False):
        self.quiet = quiet
        self.bar = None

    def _emit(self, message: str) -> None:
        if self.bar is not None:
            self.bar.write(message, file=sys.stderr)
        else:
            click.echo(message, err=True)

    def error(self, message: str) -> None:
        self._emit(f"{PROG}: error: {message}")

    def warning(self, message: str) -> None:
        if not self.quiet:
            self._emit(f"{PROG}: warning: {message}")

    def info(self, message: str) -> None:
        if not self.quiet:
            self._emit(f"{PROG}: {message}")

    @contextmanager
    def progress(self, enabled: bool, **options: Any):
        """A tqdm bar on stderr when ``enabled`` and stderr is a terminal, else None."""
        if not enabled or self.quiet or not _isatty(sys.stderr):
            yield None
            return
        from tqdm import tqdm

        bar = tqdm(file=sys.stderr, dynamic_ncols=True, leave=False, **options)
        self.bar = bar
        try:
            yield bar
        finally:
            self.bar = None
            bar.close()


def _isatty(stream: IO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class FdTextWriter:
    """A text stream over a file descriptor that writes whole records.

    Text is collected until ``flush()`` and then written with ``os.write`` until every
    byte is out. Python's buffered writer can drop the rest of a record when a write
    to a full pipe is cut short by a signal (seen with Ctrl-C on CPython 3.11); this
    writer never does, so with ``SigintGuard`` an interrupted run leaves whole records.
    """

    def __init__(self, fd: int, *, encoding: str = "utf-8", closefd: bool = False, flush_at: int = 1 << 20):
        self.fd = fd
        self.encoding = encoding
        self.closefd = closefd
        self.flush_at = flush_at
        self._parts: list[str] = []
        self._size = 0
        self.closed = False

    def write(self, text: str) -> int:
        self._parts.append(text)
        self._size += len(text)
        if self._size >= self.flush_at:
            self.flush()
        return len(text)

    def flush(self) -> None:
        if not self._parts:
            return
        data = memoryview("".join(self._parts).encode(self.encoding))
        self._parts.clear()
        self._size = 0
        while data:
            data = data[os.write(self.fd, data):]

    def writable(self) -> bool:
        return True

    def close(self) -> None:
        if self.closed:
            return
        try:
            self.flush()
        finally:
            self.closed = True
            if self.closefd:
                os.close(self.fd)


def _stdout_fd() -> int | None:
    try:
        return sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # replaced stdout (tests, notebooks)
        return None


@contextmanager
def open_output(path: str | None) -> Iterator[TextIO]:
    """A UTF-8 text stream for ``path`` (None or ``-``: standard output).

    A file that cannot be opened is a usage error (exit 2).
    """
    if path is None or path == "-":
        fd = _stdout_fd()
        if fd is None:
            try:
                yield sys.stdout
            finally:
                _flush_quietly(sys.stdout)
            return
        sys.stdout.flush()
        stream = FdTextWriter(fd)
    else:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        except OSError as exc:
            raise click.BadParameter(f"cannot write {path!r}: {exc.strerror or exc}", param_hint="'--output'") from None
        stream = FdTextWriter(fd, closefd=True)
    try:
        yield stream  # type: ignore[misc]
    finally:
        try:
            stream.close()
        except BrokenPipeError:
            pass


def _flush_quietly(stream: IO) -> None:
    try:
        stream.flush()
    except (OSError, ValueError):
        pass


class SigintGuard:
    """Ctrl-C, held back while a record is being written so output is never cut mid-record.

    Outside ``critical()`` sections Ctrl-C raises ``KeyboardInterrupt`` at once, as usual
    (a long parse stays interruptible); inside one it is raised when the section ends.
    Installed only in the main thread and only over Python's default handler.
    """

    def __init__(self) -> None:
        self.depth = 0
        self.pending = False
        self.previous: Any = None

    def _handler(self, signum, frame) -> None:
        if self.depth:
            self.pending = True
        else:
            raise KeyboardInterrupt

    def __enter__(self) -> SigintGuard:
        try:
            if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
                self.previous = signal.signal(signal.SIGINT, self._handler)
        except ValueError:  # not the main thread
            self.previous = None
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)

    @contextmanager
    def critical(self) -> Iterator[None]:
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1
            if not self.depth and self.pending:
                self.pending = False
                raise KeyboardInterrupt


def _pacify_stdout() -> None:
    """After EPIPE: point stdout at /dev/null so the interpreter's final flush stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def command_errors(fn: Callable[..., int | None]) -> Callable[..., None]:
    """Run a command body; turn its return value and its failures into exit codes.

    Bad input is handled where it is read; what reaches here is a failure of the run
    (no model, an output that cannot be written, a bug): one ``clashwatch: error:`` line
    and exit 3. ``CLASHWATCH_DEBUG=1`` prints the traceback too.
    """

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        ctx = click.get_current_context()
        try:
            code = fn(*args, **kwargs)
        except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            _pacify_stdout()
            ctx.exit(EXIT_BROKEN_PIPE)
        except Exception as exc:  # noqa: BLE001 - the one place that catches everything
            if os.environ.get(DEBUG_ENV):
                traceback.print_exc()
            click.echo(f"{PROG}: error: {_describe_failure(exc)}", err=True)
            ctx.exit(EXIT_FATAL)
        ctx.exit(code or EXIT_OK)

    return wrapper


def _describe_failure(exc: BaseException) -> str:
    if type(exc).__name__ in ("ModelNotFound", "StoreUnavailable"):  # clashwatch.nlp (loads spaCy), clashwatch.ingest
        return str(exc)
    if isinstance(exc, MemoryError):
        return "out of memory"
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror or exc}"
    return f"internal error: {type(exc).__name__}: {exc} (set {DEBUG_ENV}=1 for the traceback)"


# --------------------------------------------------------------------------- group


@click.group(
    name=PROG,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=EXIT_CODES_HELP,
)
@click.version_option(__version__, "-V", "--version", prog_name=PROG)
def cli() -> None:
    """Turn conflict news articles into structured, sourced, geocoded events (ACLED-style)."""


# --------------------------------------------------------------------------- extract


@dataclass
class _Origin:
    """Where an article came from, for messages and progress."""

    name: str
    line: int | None = None
    progress: int = 0  # bytes (JSONL) or files (text) done once this article is written

    def __str__(self) -> str:
        return self.name if self.line is None else f"{self.name}: line {self.line}"


@dataclass
class _Tally:
    failed_inputs: int = 0
    skipped_lines: int = 0
    skipped_items: int = 0
    failed_articles: int = 0
    with_warnings: int = 0


def extract_resilient(
    pipeline: Any,
    items: Iterable[tuple[Any, Any]],
    batch_size: int,
    on_failure: Callable[[Any, BaseException], None],
) -> Iterator[tuple[Any, Any]]:
    """``(origin, ArticleResult)`` for ``(origin, ArticleInput)`` items, in input order.

    Feeds one lazy generator to ``Pipeline.extract_many`` (``nlp.pipe`` batches). When
    the pipeline fails on an article, the articles it had taken but not returned are
    retried one at a time, the failing one is reported through ``on_failure``, and the
    run goes on with the rest of the input. Memory stays bounded by the batch size.
    """
    source = iter(items)
    pending: deque[tuple[Any, Any]] = deque()

    def feed() -> Iterator[Any]:
        for origin, article in source:
            pending.append((origin, article))
            yield article

    while True:
        try:
            for result in pipeline.extract_many(feed(), batch_size=batch_size):
                origin, _ = pending.popleft()
                yield origin, result
            return
        except MemoryError:
            raise
        except Exception:  # noqa: BLE001 - retried one by one below
            taken = list(pending)
            pending.clear()
            for origin, article in taken:
                try:
                    result = next(iter(pipeline.extract_many([article], batch_size=1)))
                except MemoryError:
                    raise
                except Exception as exc:  # noqa: BLE001
                    on_failure(origin, exc)
                else:
                    yield origin, result


def _text_items(files, published, title, article_id, report: Reporter, tally: _Tally):
    from ..pipeline import ArticleInput

    for n, path in enumerate(files, 1):
        try:
            text_input = reader.read_article(path)
        except reader.InputError as exc:
            report.error(str(exc))
            tally.failed_inputs += 1
            continue
        article = ArticleInput(
            text=text_input.text,
            published=published,
            title=title,
            id=article_id or text_input.stem,
            warnings=text_input.warnings,
            language=text_input.language,
        )
        yield _Origin(text_input.name, progress=n), article


def _jsonl_items(files, published, report: Reporter, tally: _Tally):
    from ..pipeline import ArticleInput

    done = 0  # bytes of the files before this one
    for path in files:
        try:
            stream, name, close = reader.open_binary(path)
        except reader.InputError as exc:
            report.error(str(exc))
            tally.failed_inputs += 1
            continue
        size = reader.input_size(stream) or 0
        try:
            for item in reader.iter_jsonl(stream, name, default_published=published):
                if isinstance(item, reader.JsonlProblem):
                    report.error(f"{name}: {item}")
                    tally.skipped_lines += 1
                    continue
                article = ArticleInput(
                    text=item.text,
                    published=item.published,
                    title=item.title,
                    id=item.id,
                    url=item.url,
                    source=item.source,
                    warnings=item.warnings,
                    language=item.language,
                )
                yield _Origin(name, line=item.line, progress=done + item.end_offset), article
        except reader.InputError as exc:
            report.error(str(exc))
            tally.failed_inputs += 1
        finally:
            if close:
                stream.close()
        done += size


def _reader_items(files, input_kind: str, published, report: Reporter, tally: _Tally):
    """Pages, feeds, archives, CSV (and, with ``auto``, anything) through ``readers``."""
    from ..pipeline import ArticleInput
    from ..readers import InputFile, Problem, ReadOptions, Skipped, read_input, sniff_file

    options = ReadOptions(published=published)
    done = 0
    for path in files:
        kind = input_kind
        if kind == "auto":
            try:
                kind = "text" if path == reader.STDIN else sniff_file(path)
            except OSError:
                kind = "text"  # the text reader says why it cannot be read
        for found in read_input(InputFile(path, kind), options, done):
            if isinstance(found, Problem):
                report.error(str(found))
                tally.failed_inputs += 1
            elif isinstance(found, Skipped):
                tally.skipped_items += 1
            else:
                article = ArticleInput(
                    text=found.text, published=found.published, title=found.title, id=found.id, url=found.url,
                    source=found.source, warnings=found.warnings, language=found.language,
                )
                yield _Origin(found.origin, progress=found.progress), article
        done += _file_size(path) or 0


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


@cli.command(epilog=EXIT_CODES_HELP)
@click.argument("files", metavar="FILE... | -", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option("--input", "-i", "input_kind", type=click.Choice(["text", "jsonl", "html", "csv", "feed", "warc", "auto"]),
              default="text", show_default=True,
              help="text: each FILE is one article. jsonl: one JSON object a line "
              '{"id", "text", "published", "title"?, "url"?, "source"?}, streamed. html, csv, feed, warc: '
              "read as `clashwatch ingest` reads them (a page by trafilatura, a feed's items, an archive's HTML "
              "responses). auto: each FILE by its content.")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format. Default: table for text and html input, jsonl for the others.")
@click.option("--output", "-o", metavar="PATH", default=None, help="Write here instead of standard output.")
@click.option("--published", type=DATE, default=None,
              help="Publication date, used to resolve relative dates ('on Monday'). "
              "With --input jsonl: for records without one. Default: none (today is used, with a warning).")
@click.option("--title", default=None, help="The article's headline (text input, one FILE only).")
@click.option("--id", "article_id", default=None, help="The article id (text input, one FILE only). Default: the file name without extension.")
@click.option("--batch-size", type=click.IntRange(min=1), default=32, show_default=True,
              help="Articles parsed together by spaCy (nlp.pipe).")
@click.option("--quiet", "-q", is_flag=True, help="No warnings, progress bar or summary on stderr; errors only.")
@command_errors
def extract(files, input_kind, fmt, output, published, title, article_id, batch_size, quiet):
    """Read articles and write the events, claims and places found in them.

    FILE is a text file (one article each) or, with --input, a JSONL or CSV file, a saved
    web page, an RSS/Atom feed or a WARC archive; `-` reads standard input. Results come
    out in input order, each as soon as it is ready.

    \b
    Examples:
      clashwatch extract report.txt --published 2024-03-02
      curl -s URL | clashwatch extract - --format json
      clashwatch extract --input jsonl articles.jsonl -f acled-csv -o events.csv
      clashwatch extract --input html saved-page.html -f json
    """
    if list(files).count(reader.STDIN) > 1:
        raise click.BadParameter("standard input ('-') can be read only once", param_hint="FILE")
    if input_kind != "text" and (title is not None or article_id is not None):
        raise click.UsageError(f"--title and --id apply to text input; {input_kind} input carries its own")
    if len(files) > 1 and (title is not None or article_id is not None):
        raise click.UsageError("--title and --id apply to a single FILE")
    if output not in (None, "-"):
        for path in files:
            if path != reader.STDIN and os.path.exists(output) and os.path.samefile(path, output):
                raise click.BadParameter(f"{output!r} is also an input file", param_hint="'--output'")
    one_each = input_kind in ("text", "html")  # one article a file
    fmt = fmt or ("table" if one_each else "jsonl")
    report = Reporter(quiet=quiet)
    tally = _Tally()
    if reader.STDIN in files and _isatty(sys.stdin):
        report.info("reading standard input (end it with Ctrl-D)")

    with open_output(output) as stream:
        from .. import get_pipeline

        pipeline = get_pipeline()  # loads spaCy and the gazetteer once
        if input_kind != "text":
            if input_kind == "jsonl":
                items = _jsonl_items(files, published, report, tally)
            else:
                items = _reader_items(files, input_kind, published, report, tally)
            sizes = [_file_size(p) for p in files]
            total = sum(sizes) if None not in sizes else None
            bar_options = {"total": total, "unit": "B", "unit_scale": True, "desc": "extract"}
        else:
            items = _text_items(files, published, title, article_id, report, tally)
            bar_options = {"total": len(files), "unit": "article", "desc": "extract"}

        def on_failure(origin: _Origin, exc: BaseException) -> None:
            if os.environ.get(DEBUG_ENV):
                traceback.print_exception(exc)
            report.error(f"{origin}: analysis failed ({type(exc).__name__}: {exc})")
            tally.failed_articles += 1

        options = {"single": True} if fmt == "json" and one_each and len(files) == 1 else {}
        writer = make_writer(fmt, stream, **options)
        # warnings are in the table itself; elsewhere, say them on stderr (text input only:
        # a JSONL run may have millions, the summary counts them)
        echo_warnings = one_each and not (fmt == "table" and output in (None, "-"))
        with SigintGuard() as guard, report.progress(True, **bar_options) as bar, writer:
            done = 0
            for origin, result in extract_resilient(pipeline, items, batch_size, on_failure):
                with guard.critical():
                    writer.write(result)
                    stream.flush()
                if result.warnings:
                    tally.with_warnings += 1
                    if echo_warnings:
                        for warning in result.warnings:
                            report.warning(f"{origin}: {warning}")
                if bar is not None:
                    bar.update(origin.progress - done)
                    done = origin.progress

    summary = [f"{_plural(writer.articles, 'article')} analysed, {_plural(writer.events, 'event')}"]
    if isinstance(writer, GeoJsonWriter) and writer.skipped:
        summary.append(f"{_plural(writer.skipped, 'event')} without coordinates left out")
    if not one_each and tally.with_warnings:
        summary.append(f"{_plural(tally.with_warnings, 'article')} with warnings")
    if tally.skipped_items:
        summary.append(f"{_plural(tally.skipped_items, 'item')} skipped (not article pages)")
    if tally.failed_inputs:
        summary.append(f"{_plural(tally.failed_inputs, 'input')} failed")
    if tally.skipped_lines or input_kind == "jsonl":
        summary.append(f"{_plural(tally.skipped_lines, 'line')} skipped")
    if tally.failed_articles:
        summary.append(f"{_plural(tally.failed_articles, 'article')} failed in analysis")
    report.info("; ".join(summary))
    failed = tally.failed_inputs or tally.skipped_lines or tally.failed_articles
    return EXIT_INPUT if failed else EXIT_OK


def _file_size(path: str) -> int | None:
    if path == reader.STDIN:
        return None
    try:
        return os.path.getsize(path)
    except OSError:
        return None


# --------------------------------------------------------------------------- the store: shared pieces

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


def _db_reason(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    lines = str(orig).strip().splitlines()
    return lines[0] if lines else type(orig).__name__


@contextmanager
def _database_errors(url: str, doing: str = "read") -> Iterator[None]:
    """SQLAlchemy and Alembic failures as one ``StoreUnavailable`` line (exit 3)."""
    from sqlalchemy.exc import SQLAlchemyError

    from ..ingest import StoreUnavailable

    try:
        yield
    except SQLAlchemyError as exc:
        raise StoreUnavailable(f"cannot {doing} the database {_display_url(url)}: {_db_reason(exc)}") from exc


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


# --------------------------------------------------------------------------- ingest


class ColumnType(click.ParamType):
    """``FIELD=NAME``: the corpus's own name for one of clashwatch's record fields."""

    name = "FIELD=NAME"

    def convert(self, value: Any, param, ctx) -> tuple[str, str]:
        from ..readers import FIELDS

        if isinstance(value, tuple):
            return value
        field, sep, column = value.partition("=")
        field, column = field.strip(), column.strip()
        if not sep or not column:
            self.fail(f"{value!r} is not FIELD=NAME (e.g. text=body)", param, ctx)
        if field not in FIELDS:
            self.fail(f"{field!r} is not a field: choose from {', '.join(FIELDS)}", param, ctx)
        return field, column


def _max_page_bytes(mb: float) -> int:
    return int(mb * 1_000_000)


@cli.command(epilog=STORE_EXIT_CODES_HELP)
@click.argument("paths", metavar="PATH... | -", nargs=-1, required=True, type=click.Path(exists=True, allow_dash=True))
@db_option
@click.option("--input", "-i", "input_kind", type=click.Choice(["auto", "text", "html", "jsonl", "csv", "feed", "warc"]),
              default="auto", show_default=True,
              help="What the inputs are. auto: each file by its content (a web page, an RSS/Atom feed, a WARC archive, "
              "JSONL, CSV by its .csv/.tsv name, else plain text); folders give the files whose suffix names a kind.")
@click.option("--column", "columns", type=ColumnType(), multiple=True,
              help="JSONL/CSV: the corpus's name for a field, e.g. --column text=body --column published=date "
              "(fields: id, text, published, title, url, source, author).")
@click.option("--published", type=DATE, default=None,
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
        with StopSignals(message=stop_message) as stop, report.progress(
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


def _stopped(report: Reporter, signum: int, what_stays: str) -> int:
    """Say that a signal stopped the run, and what stays; the exit code for that signal."""
    report.info(f"stopped by {'Ctrl-C' if signum == signal.SIGINT else 'SIGTERM'}: {what_stays}")
    return EXIT_INTERRUPTED if signum == signal.SIGINT else EXIT_TERMINATED


# --------------------------------------------------------------------------- watch

WATCH_EXIT_CODES_HELP = """\b
Exit codes:
  0    --once: the cycle ran (feeds that failed are logged, retried next time)
  2    usage error: a bad SOURCES.toml or option
  3    the database cannot be used, no spaCy model, bug
  130  stopped by Ctrl-C; 143 stopped by SIGTERM (pages already fetched were
       ingested first)
"""


@cli.command(epilog=WATCH_EXIT_CODES_HELP)
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
        with StopSignals(message=stop_message) as stop:
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


# --------------------------------------------------------------------------- events


class BBoxType(click.ParamType):
    """``min_lon,min_lat,max_lon,max_lat`` in degrees (WGS 84)."""

    name = "MIN_LON,MIN_LAT,MAX_LON,MAX_LAT"

    def convert(self, value: Any, param, ctx) -> tuple[float, float, float, float]:
        if isinstance(value, tuple):
            return value
        from ..store.filters import parse_bbox

        try:
            return parse_bbox(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


BBOX = BBoxType()
_EVENT_FILTERS = ("country", "admin1", "event_type", "date_from", "date_to", "bbox", "min_fatalities", "text",
                  "current_only", "limit", "fmt", "output")


def _writable_parquet(output: str | None) -> None:
    if output in (None, "-"):
        if _isatty(sys.stdout):
            raise click.UsageError("parquet is a binary format: give -o PATH (or redirect standard output)")
        return
    folder = os.path.dirname(os.path.abspath(output))
    if not os.path.isdir(folder) or not os.access(folder, os.W_OK) or os.path.isdir(output):
        raise click.BadParameter(f"cannot write {output!r}", param_hint="'--output'")


@cli.group(invoke_without_command=True, epilog=READ_EXIT_CODES_HELP)
@db_option
@click.option("--country", metavar="NAME|ISO2", default=None, help="Country name or ISO 3166-1 alpha-2 code (Kenya, KE).")
@click.option("--admin1", metavar="NAME", default=None, help="First-level region (state, province), as the events name it.")
@click.option("--type", "event_type", metavar="TYPE", default=None,
              help="ACLED event type or sub-event type, case-insensitive ('Battles', 'Armed clash').")
@click.option("--from", "date_from", type=DATE, default=None, help="Events on or after this date (event_date).")
@click.option("--to", "date_to", type=DATE, default=None, help="Events on or before this date (event_date).")
@click.option("--bbox", type=BBOX, default=None, help="Events inside this box, in degrees: min_lon,min_lat,max_lon,max_lat.")
@click.option("--min-fatalities", type=click.IntRange(min=0), default=None, help="Events whose best fatality estimate is at least N.")
@click.option("--text", metavar="TEXT", default=None, help="Substring of the location, region, country, actors or notes (case-insensitive).")
@click.option("--current-only", is_flag=True, help="Leave out background events (past events the articles only recall).")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most N events (newest first).")
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "csv", "json", "geojson", "parquet"]), default="table",
              show_default=True, help="Output format; csv has ACLED's column names.")
@click.option("--output", "-o", metavar="PATH", default=None, help="Write here instead of standard output (required for parquet on a terminal).")
@click.pass_context
def events(ctx, db, country, admin1, event_type, date_from, date_to, bbox, min_fatalities, text, current_only, limit, fmt, output):
    """List the merged events of a store, filtered; or show one (`events show ID`).

    Events come newest first (event date, then id). Filters combine (AND).

    \b
    Examples:
      clashwatch events --country Kenya --from 2024-01-01 --min-fatalities 1
      clashwatch events --bbox 33.9,-4.7,41.9,5.0 --format geojson -o kenya.geojson
      clashwatch events show ev_918f64ec3243f7d3
    """
    if ctx.invoked_subcommand is not None:
        given = [
            "--" + name.replace("_", "-").replace("fmt", "format").replace("event-type", "type").replace("date-", "")
            for name in _EVENT_FILTERS
            if ctx.get_parameter_source(name) == click.core.ParameterSource.COMMANDLINE
        ]
        if given:
            raise click.UsageError(f"{', '.join(given)}: for the list of events, not for 'events {ctx.invoked_subcommand}'")
        ctx.obj = {"db": db}
        return
    if date_from and date_to and date_from > date_to:
        raise click.BadParameter(f"--from {date_from} is after --to {date_to}", param_hint="'--from'")
    from ..store.filters import country_filter
    from ..store import EventQuery

    query = EventQuery(
        country=country_filter(country) if country else None,
        admin1=admin1,
        event_type=event_type,
        date_from=date_from,
        date_to=date_to,
        bbox=bbox,
        min_fatalities=min_fatalities,
        text=text,
        include_background=not current_only,
        limit=limit,
    )
    _list_events(_db_url(db), query, fmt, output)


@command_errors
def _list_events(url: str, query: Any, fmt: str, output: str | None) -> int:
    from ..outputs.events import ParquetRowWriter, make_event_writer, query_events

    if fmt == "parquet":
        _writable_parquet(output)
    store = _open_store(url, must_exist=True)
    try:
        with _database_errors(url):
            rows = query_events(store, query)
            if fmt == "parquet":
                target = sys.stdout.buffer if output in (None, "-") else output
                with ParquetRowWriter(target, "events") as writer:
                    for row in rows:
                        writer.write(row)
                if target is sys.stdout.buffer:
                    sys.stdout.buffer.flush()
                return EXIT_OK
            with open_output(output) as stream, SigintGuard() as guard, make_event_writer(fmt, stream) as writer:
                for row in rows:
                    with guard.critical():
                        writer.write(row)
    finally:
        store.close()
    return EXIT_OK


@events.command("show", epilog=READ_EXIT_CODES_HELP)
@click.argument("event_id", metavar="ID")
@db_option
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
@command_errors
def events_show(ctx, event_id, db, fmt):
    """Show one event: its estimate and reasoning, contradictions, every mention (and why
    it joined), every current claim, and the toll history per source."""
    from ..outputs.events import event_detail_json, render_event_detail

    url = _db_url(db or (ctx.obj or {}).get("db"))
    store = _open_store(url, must_exist=True)
    try:
        with _database_errors(url):
            detail = store.event(event_id.strip())
    finally:
        store.close()
    if detail is None:
        click.echo(f"{PROG}: error: no event {event_id!r} in {_display_url(url)} (`clashwatch events` lists them)", err=True)
        return EXIT_INPUT
    with open_output(None) as stream:
        if fmt == "json":
            stream.write(json.dumps(event_detail_json(detail), ensure_ascii=False, indent=2) + "\n")
        else:
            stream.write("\n".join(render_event_detail(detail)) + "\n")
    return EXIT_OK


# --------------------------------------------------------------------------- export


@cli.command(epilog=READ_EXIT_CODES_HELP)
@db_option
@click.option("--format", "-f", "fmt", type=click.Choice(["acled-csv", "geojson", "parquet"]), required=True,
              help="acled-csv: one row per event, ACLED's columns. geojson: an RFC 7946 FeatureCollection. "
              "parquet: events at PATH, plus PATH's stem + _claims.parquet and _mentions.parquet.")
@click.option("--output", "-o", metavar="PATH", default=None, help="Where to write (standard output for acled-csv/geojson when absent; required for parquet).")
@click.option("--quiet", "-q", is_flag=True, help="No summary on stderr.")
@command_errors
def export(db, fmt, output, quiet):
    """Export every event of the store (background ones included, flagged)."""
    from ..outputs.events import all_events, export_parquet, make_event_writer, sibling_paths

    url = _db_url(db)
    report = Reporter(quiet=quiet)
    if fmt == "parquet":
        if output in (None, "-"):
            raise click.UsageError("--format parquet writes three files: give -o PATH (e.g. -o events.parquet)")
        _writable_parquet(output)
    store = _open_store(url, must_exist=True)
    try:
        with _database_errors(url):
            if fmt == "parquet":
                counts = export_parquet(store, output)
                claims_path, mentions_path = sibling_paths(output)
                report.info(
                    f"{_plural(counts['events'], 'event')} to {output}, {_plural(counts['claims'], 'claim')} to "
                    f"{claims_path}, {_plural(counts['mentions'], 'mention')} to {mentions_path}"
                )
                return EXIT_OK
            with open_output(output) as stream, SigintGuard() as guard, make_event_writer(fmt, stream) as writer:
                for row in all_events(store):
                    with guard.critical():
                        writer.write(row)
    finally:
        store.close()
    summary = f"{_plural(writer.count, 'event')} exported"
    if writer.skipped:
        summary += f"; {_plural(writer.skipped, 'event')} without coordinates left out"
    report.info(summary)
    return EXIT_OK


# --------------------------------------------------------------------------- db


@cli.group("db")
def db_group() -> None:
    """Look after the store's database: migrations, counts."""


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


# --------------------------------------------------------------------------- evaluate

EVALUATE_EXIT_CODES_HELP = """\b
Exit codes:
  0  evaluated
  1  the file could not be read as the format (missing columns, not UTF-8, no rows)
  2  bad option or argument, missing file
  3  the run could not go on (no spaCy model, report not writable, internal error)
  130  interrupted (Ctrl-C)"""


@cli.command(epilog=EVALUATE_EXIT_CODES_HELP)
@click.argument("file", metavar="FILE", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "-f", "fmt", type=click.Choice(["acled", "case", "gwn", "gtd"]), default=None,
              help="The labelled format. Default: detected from the first line.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Only the first N rows.")
@click.option("--errors", "errors_per_kind", type=click.IntRange(min=0), default=5, show_default=True,
              help="Worst errors shown per kind (0: none).")
@click.option("--report", "report_path", metavar="PATH", default=None,
              help="Also write an HTML report with plots (error distances, confusion heatmaps) and the worst errors.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures, per-item outcomes and worst errors as one JSON object.")
@click.option("--batch-size", type=click.IntRange(min=1), default=32, show_default=True,
              help="Articles parsed together by spaCy (nlp.pipe).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or notes on stderr.")
@command_errors
def evaluate(file, fmt, limit, errors_per_kind, report_path, as_json, batch_size, quiet):
    """Score clashwatch against human-coded data and show where it disagrees.

    FILE is labelled data in one of four public formats:

    \b
      acled  an ACLED export with notes (CSV): event type, sub-event type, fatalities,
             location (within 25 / 161 km) and date of each row's main event
      case   CASE 2021 task 2 snippets (TSV): weighted F1 over the 25 sub-event types
      gwn    GeoWebNews (JSONL): gold toponyms resolved within 161 km
      gtd    Global Terrorism Database (CSV): nkill and nwound exact

    Prints the metrics, confusion matrices and the worst errors with their text.

    \b
    Examples:
      clashwatch evaluate my_coded_events.csv
      clashwatch evaluate --format case case_dev.tsv --report case.html
    """
    from ..evaluation import DataError, detect_format, evaluate_file
    from ..evaluation.report import html_report, text_report

    report = Reporter(quiet=quiet)
    path = Path(file)
    if report_path is not None:
        _writable_report(report_path)
    try:
        fmt = fmt or detect_format(path)
        with report.progress(True, total=None, unit="article", desc=f"evaluate {fmt}") as bar:

            def on_result(done: int, total: int) -> None:
                if bar is not None:
                    bar.total = total
                    bar.update(1)

            evaluation = evaluate_file(path, fmt, limit=limit, batch_size=batch_size, on_result=on_result)
    except DataError as exc:
        report.error(str(exc))
        return EXIT_INPUT
    for note in evaluation.notes:
        report.info(f"note: {note}")
    if as_json:
        click.echo(json.dumps(evaluation.as_json(errors_per_kind), indent=2, default=str))
    else:
        click.echo(text_report(evaluation, errors_per_kind), nl=False)
    if report_path is not None:
        Path(report_path).write_text(html_report(evaluation, max(errors_per_kind, 10)), encoding="utf-8")
        report.info(f"report written to {report_path}")
    return EXIT_OK


def _writable_report(path: str) -> None:
    """Fail before the (long) evaluation when the report cannot be written."""
    target = Path(path)
    if target.is_dir():
        raise click.BadParameter(f"{path!r} is a directory", param_hint="'--report'")
    if not target.parent.exists() or not os.access(target.parent, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise click.BadParameter(f"cannot write {path!r}", param_hint="'--report'")


# --------------------------------------------------------------------------- batch

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
                first = next(reader.iter_jsonl(f, path), None)
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
    if isinstance(first, reader.JsonlProblem) and first.reason.startswith(("not valid JSON", "not a JSON object", "not valid UTF-8")):
        raise _BatchError(f"{path}: neither JSONL (one JSON object a line) nor Parquet ({first})")
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


def _duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m {secs:02d}s" if hours else f"{minutes}m {secs:02d}s" if minutes else f"{seconds:.1f} s"


@cli.command(epilog=BATCH_EXIT_CODES_HELP)
@click.argument("input_path", metavar="INPUT")
@click.argument("output", metavar="OUTPUT")
@click.option("--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True,
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


# --------------------------------------------------------------------------- serve

SERVE_EXIT_CODES_HELP = """\b
Exit codes:
  0    stopped (Ctrl-C or SIGTERM)
  2    usage error: bad option, --allow-writes or --private without a
       token, port already in use
  3    the database cannot be opened, bug
"""


def _port_free(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be served on, or None."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        return f"cannot resolve {host!r} ({exc.strerror})"
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            return f"cannot listen on {host}:{port} ({exc.strerror}): choose another --port or --host"
    return None


@cli.command(epilog=SERVE_EXIT_CODES_HELP)
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every interface).")
@click.option("--port", "-p", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--allow-writes", is_flag=True,
              help="Accept POST /api/articles (ingest). Needs the bearer token in $CLASHWATCH_API_TOKEN.")
@click.option("--private", is_flag=True, help="Reads need the token too (the dashboard asks for it once).")
@click.option("--max-body-mb", type=click.FloatRange(min=0.001), default=10.0, show_default=True,
              help="Largest request body accepted (413 beyond).")
@click.option("--tiles", metavar="URL", default=None, envvar="CLASHWATCH_TILES", show_envvar=True,
              help="An online tile layer for the map, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png "
              "(default: none; the map draws country outlines offline).")
@click.option("--tiles-attribution", metavar="TEXT", default=None, envvar="CLASHWATCH_TILES_ATTRIBUTION",
              help="The attribution the tile provider requires (shown on the map).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True, help="Server processes.")
@click.option("--quiet", "-q", is_flag=True, help="No request log.")
@command_errors
def serve(db, host, port, allow_writes, private, max_body_mb, tiles, tiles_attribution, workers, quiet):
    """Serve the HTTP API and the dashboard (map, timeline, claim ledger) over a store.

    The dashboard is at http://HOST:PORT/ and the API's documentation at /docs. Reads are
    open to anyone who can reach the address (127.0.0.1 by default: this machine only);
    --private closes them with the token. Writes (POST /api/articles) are off unless
    --allow-writes, and then need the token: the server refuses to start without one.

    \b
    Examples:
      clashwatch serve --db clashwatch.db
      CLASHWATCH_API_TOKEN=s3cret clashwatch serve --allow-writes --port 8080
    """
    import uvicorn

    from ..web.api import SETTINGS_ENV, TOKEN_ENV, Settings, create_app

    url = _db_url(db)
    settings = Settings(
        db=url, allow_writes=allow_writes, private=private, max_body=int(max_body_mb * 1024 * 1024),
        tiles=tiles, tiles_attribution=tiles_attribution, token=os.environ.get(TOKEN_ENV) or None,
    )
    problems = settings.problems()
    if problems:
        raise click.UsageError("; ".join(problems))
    reason = _port_free(host, port)
    if reason:
        raise click.UsageError(reason)
    _open_store(url, must_exist=False).close()  # creates or migrates it once, before any worker
    shown = f"[{host}]" if ":" in host else host
    address = f"http://{shown}:{port}/"
    mode = ("read-write" if allow_writes else "read-only") + (", private" if private else "")
    click.echo(f"{PROG}: serving {_display_url(url)} ({mode}) at {address}  (API docs: {address}docs; Ctrl-C to stop)", err=True)
    import logging

    logging.basicConfig(format=f"{PROG}: %(levelname)s: %(message)s")
    options = dict(host=host, port=port, log_level="warning", access_log=not quiet, server_header=False)
    if workers > 1:
        os.environ[SETTINGS_ENV] = settings.to_env()
        uvicorn.run("clashwatch.web.api:app_from_env", factory=True, workers=workers, **options)
    else:
        uvicorn.run(create_app(settings), **options)
    return EXIT_OK


# --------------------------------------------------------------------------- entry point


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
