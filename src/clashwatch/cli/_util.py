"""What the commands share: exit codes, messages on stderr (``Reporter``), output streams
(``open_output``, ``FdTextWriter``, ``SigintGuard``), ``command_errors`` (bad input and
failures as one ``clashwatch: error: ...`` line and an exit code, never a traceback), the
option types (``DATE``, ``BBOX``, ``ColumnType``) and the wording of counts and durations.

Exit codes: see ``EXIT_CODES_HELP`` (also in ``docs/cli.md``).
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import logging
import os
import signal
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Any, TextIO

import click

from .. import days
from ..article import EARLIEST_PUBLISHED, outside_window

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


class DateType(click.ParamType):
    """A date option: ISO or whatever ``dateparser`` reads in English (``clashwatch.days``).

    ``bound="first"`` (``--from``) takes a partial date's first day, ``bound="last"``
    (``--to``) its last; ``published=True`` wants one day inside the publication-date window.
    """

    name = "DATE"

    def __init__(self, published: bool = False, bound: str = "first"):
        self.published = published
        self.bound = bound

    def convert(self, value: Any, param, ctx) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            if self.published:
                day = days.day(str(value))
            else:
                found = days.span(str(value))
                day = found.last if self.bound == "last" else found.first
        except ValueError as exc:
            self.fail(str(exc), param, ctx)
        if self.published and (why := outside_window(day)):
            self.fail(f"{why}: a publication date is between {EARLIEST_PUBLISHED} and tomorrow", param, ctx)
        return day


DATE = DateType()
DATE_TO = DateType(bound="last")
PUBLISHED = DateType(published=True)


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
    def logging_errors_only(self):
        """While a quiet command runs, the library's own warnings (a write retried after a
        lock, in this process or its writer process) are not printed either: errors only."""
        logger = logging.getLogger("clashwatch")
        before = logger.level
        if self.quiet and not os.environ.get(DEBUG_ENV) and logger.getEffectiveLevel() < logging.ERROR:
            logger.setLevel(logging.ERROR)
        try:
            yield
        finally:
            logger.setLevel(before)

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
    return f"internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)"


def _stopped(report: Reporter, signum: int, what_stays: str) -> int:
    """Say that a signal stopped the run, and what stays; the exit code for that signal."""
    report.info(f"stopped by {'Ctrl-C' if signum == signal.SIGINT else 'SIGTERM'}: {what_stays}")
    return EXIT_INTERRUPTED if signum == signal.SIGINT else EXIT_TERMINATED


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m {secs:02d}s" if hours else f"{minutes}m {secs:02d}s" if minutes else f"{seconds:.1f} s"


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


class RegistryChoice(click.Choice):
    """A ``click.Choice`` over a tuple (or the keys of a dict) of the library, read when first
    needed: some of their modules load spaCy, which ``clashwatch --help`` should not wait for."""

    def __init__(self, module: str, name: str, aliases: str | None = None) -> None:
        self.registry = (module, name)
        self.alias_registry = aliases
        self.case_sensitive = True

    @functools.cached_property
    def choices(self) -> tuple[str, ...]:  # type: ignore[override]
        module, name = self.registry
        return tuple(getattr(importlib.import_module(module), name))

    @functools.cached_property
    def aliases(self) -> dict[str, str]:
        if self.alias_registry is None:
            return {}
        return dict(getattr(importlib.import_module(self.registry[0]), self.alias_registry))

    def convert(self, value, param, ctx):
        if isinstance(value, str) and value in self.aliases and self.aliases[value] in self.choices:
            return self.aliases[value]
        return super().convert(value, param, ctx)


def _writable_parquet(output: str | None) -> None:
    if output in (None, "-"):
        if _isatty(sys.stdout):
            raise click.UsageError("parquet is a binary format: give -o PATH (or redirect standard output)")
        return
    folder = os.path.dirname(os.path.abspath(output))
    if not os.path.isdir(folder) or not os.access(folder, os.W_OK) or os.path.isdir(output):
        raise click.BadParameter(f"cannot write {output!r}", param_hint="'--output'")
