"""The ``clashwatch`` command line.

``clashwatch`` is a Click group; each command is a function registered on ``cli``.
``extract`` reads articles (text files or JSONL) and writes events in one of the formats
of ``formats.py``. Later commands (ingest, events, serve) reuse the pieces here:
``open_output``, ``Reporter`` (stderr messages that play well with the progress bar),
``DATE`` (a YYYY-MM-DD option type), ``command_errors`` (bad input and failures as one
``clashwatch: error: ...`` line and an exit code, never a traceback) and ``main``.

Exit codes: see ``EXIT_CODES_HELP`` (also in ``docs/cli.md``).
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import signal
import sys
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Any, TextIO

import click

from . import __version__, reader
from .formats import FORMATS, GeoJsonWriter, make_writer

EXIT_OK = 0
EXIT_INPUT = 1  # some inputs failed (unreadable, binary, not UTF-8, skipped JSONL lines); the rest was processed
EXIT_USAGE = 2  # bad option or argument, missing file
EXIT_FATAL = 3  # the run could not go on: no spaCy model, output not writable, internal error
EXIT_INTERRUPTED = 130  # Ctrl-C
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
    if type(exc).__name__ == "ModelNotFound":  # clashwatch.nlp (not imported here: it loads spaCy)
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
    from .pipeline import ArticleInput

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
        )
        yield _Origin(text_input.name, progress=n), article


def _jsonl_items(files, published, report: Reporter, tally: _Tally):
    from .pipeline import ArticleInput

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
                )
                yield _Origin(name, line=item.line, progress=done + item.end_offset), article
        except reader.InputError as exc:
            report.error(str(exc))
            tally.failed_inputs += 1
        finally:
            if close:
                stream.close()
        done += size


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


@cli.command(epilog=EXIT_CODES_HELP)
@click.argument("files", metavar="FILE... | -", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option("--input", "-i", "input_kind", type=click.Choice(["text", "jsonl"]), default="text", show_default=True,
              help="text: each FILE is one article. jsonl: one JSON object a line "
              '{"id", "text", "published", "title"?, "url"?, "source"?}, streamed.')
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format. Default: table for text input, jsonl for --input jsonl.")
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

    FILE is a text file (one article each) or, with --input jsonl, a JSONL file; `-` reads
    standard input. Results come out in input order, each as soon as it is ready.

    \b
    Examples:
      clashwatch extract report.txt --published 2024-03-02
      curl -s URL | clashwatch extract - --format json
      clashwatch extract --input jsonl articles.jsonl -f acled-csv -o events.csv
    """
    if list(files).count(reader.STDIN) > 1:
        raise click.BadParameter("standard input ('-') can be read only once", param_hint="FILE")
    if input_kind == "jsonl" and (title is not None or article_id is not None):
        raise click.UsageError("--title and --id apply to text input; JSONL records carry their own")
    if len(files) > 1 and (title is not None or article_id is not None):
        raise click.UsageError("--title and --id apply to a single FILE")
    if output not in (None, "-"):
        for path in files:
            if path != reader.STDIN and os.path.exists(output) and os.path.samefile(path, output):
                raise click.BadParameter(f"{output!r} is also an input file", param_hint="'--output'")
    fmt = fmt or ("jsonl" if input_kind == "jsonl" else "table")
    report = Reporter(quiet=quiet)
    tally = _Tally()
    if reader.STDIN in files and _isatty(sys.stdin):
        report.info("reading standard input (end it with Ctrl-D)")

    with open_output(output) as stream:
        from . import get_pipeline

        pipeline = get_pipeline()  # loads spaCy and the gazetteer once
        if input_kind == "jsonl":
            items = _jsonl_items(files, published, report, tally)
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

        options = {"single": True} if fmt == "json" and input_kind == "text" and len(files) == 1 else {}
        writer = make_writer(fmt, stream, **options)
        # warnings are in the table itself; elsewhere, say them on stderr (text input only:
        # a JSONL run may have millions, the summary counts them)
        echo_warnings = input_kind == "text" and not (fmt == "table" and output in (None, "-"))
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
    if input_kind == "jsonl" and tally.with_warnings:
        summary.append(f"{_plural(tally.with_warnings, 'article')} with warnings")
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
