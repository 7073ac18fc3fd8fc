"""Saving articles in a process of their own, in the order they come.

``clashwatch ingest`` parses with spaCy in its main process and hands each article and its
result to a writer process, which opens the same store and saves them one after the
other, while the main process parses the next batch. A save is one transaction either way;
what changes is only where it runs, so the store's work no longer adds to the parse's.

    with SaveProcess(store_url) as writer:   # started: it imports and opens the store meanwhile
        writer.ready()                       # True once it takes articles (never blocks by default)
        writer.submit(token, article, result, recheck=False)
        for token, saved in writer.results(block=True):
            ...                              # a Saved, for each submitted article, in order

The writer ignores SIGINT and SIGTERM: the main process decides when to stop, and the
writer ends when told to (after the article it is saving) or when the main process's end
of the pipe closes (the main process died).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import signal
import threading
import time
from dataclasses import dataclass
from typing import Any

from .article import Article

log = logging.getLogger("clashwatch")

START_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 30.0


@dataclass
class Saved:
    """What saving one article gave: ``saved`` (with the store's ``outcome``), ``needs_extraction``
    (a copy the store will count instead of the stored one, sent without a result), ``failed``
    (this article only; ``reason``) or ``fatal`` (the database cannot be used; ``reason``)."""

    kind: str
    outcome: Any = None
    reason: str = ""
    checked: str | None = None  # what Store.check said just before the save, when asked to recheck
    seconds: float = 0.0


def db_reason(exc: BaseException) -> str:
    """The first line of what the database driver said."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip().splitlines()
    return text[0] if text else type(orig).__name__


def is_fatal_db_error(exc: BaseException) -> bool:
    from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError

    return isinstance(exc, (OperationalError, InterfaceError, DisconnectionError))


def fatal_reason(exc: BaseException) -> str:
    return f"cannot use the database: {db_reason(exc)}"


def save_one(store: Any, article: Article, result: Any, recheck: bool) -> Saved:
    """Save one article (``recheck``: ask ``Store.check`` again first), whatever the process."""
    from .store import NeedsExtraction

    started = time.perf_counter()
    checked = None
    try:
        if recheck:
            checked = store.check(article)[0]
        try:
            outcome = store.save(article, result)
        except NeedsExtraction:
            if result is not None:
                raise
            return Saved("needs_extraction", checked=checked, seconds=time.perf_counter() - started)
    except Exception as exc:  # noqa: BLE001 - sorted here, reported by the ingest loop
        if is_fatal_db_error(exc):
            return Saved("fatal", reason=fatal_reason(exc), checked=checked)
        if os.environ.get("CLASHWATCH_DEBUG"):
            log.exception("saving %s failed", article.origin)
        return Saved("failed", reason=f"could not be stored ({type(exc).__name__}: {db_reason(exc)})", checked=checked)
    return Saved("saved", outcome=outcome, checked=checked, seconds=time.perf_counter() - started)


def _serve(url: str, inbox, outbox, log_level: int = logging.NOTSET) -> None:
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, signal.SIG_IGN)
    log.setLevel(log_level)  # the main process's: a quiet command's writer warns of nothing either
    from .store import Store

    try:
        store = Store.open(url, migrate=False)
        with store.engine.connect():
            pass  # the connection's settings are applied: a file that is no database says so here
    except Exception as exc:  # noqa: BLE001 - the main process reports it
        outbox.send(("started", Saved("fatal", reason=fatal_reason(exc))))
        return
    outbox.send(("started", None))
    # answers go out from a thread of their own, so that the writer never waits on a full
    # pipe to the main process while that one waits on a full pipe to the writer
    answers: queue.SimpleQueue = queue.SimpleQueue()
    sender = threading.Thread(target=_send_answers, args=(answers, outbox), name="answers", daemon=True)
    sender.start()
    try:
        while True:
            try:
                message = inbox.recv()
            except (EOFError, OSError):
                return  # the main process is gone
            if message is None:
                return
            token, article, result, recheck = message
            answers.put((token, save_one(store, article, result, recheck)))
    finally:
        answers.put(None)
        sender.join(STOP_TIMEOUT_S)
        store.close()


def _send_answers(answers: queue.SimpleQueue, outbox) -> None:
    while (answer := answers.get()) is not None:
        try:
            outbox.send(answer)
        except (BrokenPipeError, OSError):
            return  # the main process is gone; what was saved stays


class SaveProcess:
    """A writer process saving into the store at ``url``; see the module's docstring."""

    def __init__(self, url: str):
        context = multiprocessing.get_context("spawn")  # never fork a process that holds spaCy and threads
        self._child_recv, self._send = context.Pipe(duplex=False)
        self._recv, self._child_send = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_serve,
            args=(url, self._child_recv, self._child_send, log.getEffectiveLevel()),
            name="clashwatch-writer",
            daemon=True,
        )
        self.pending = 0  # submitted, not yet answered
        self._ready = False  # the writer said it has opened the store
        self._used = False  # an article was handed over

    def start(self) -> SaveProcess:
        """Start the writer; it opens the store while the caller goes on (see ``submit``)."""
        self._process.start()
        self._child_recv.close()
        self._child_send.close()
        return self

    def ready(self, wait: float = 0.0) -> bool:
        """Whether the writer has opened the store and takes articles (waiting up to ``wait``
        seconds); ``RuntimeError`` when it could not open it."""
        if self._ready:
            return True
        if not self._recv.poll(wait):
            return False
        _, failure = self._receive()
        if failure is not None:
            raise RuntimeError(failure.reason)
        self._ready = True
        return True

    def _receive(self) -> tuple[Any, Saved]:
        try:
            return self._recv.recv()
        except (EOFError, OSError):
            code = self._process.exitcode
            raise RuntimeError(f"the writer process ended unexpectedly (exit code {code})") from None

    def submit(self, token: Any, article: Article, result: Any, recheck: bool) -> None:
        """Hand one article over (``RuntimeError`` when the writer cannot take it)."""
        self._used = True
        if not self.ready(START_TIMEOUT_S):
            raise RuntimeError("the writer process did not start")
        try:
            self._send.send((token, article, result, recheck))
        except (BrokenPipeError, OSError):
            raise RuntimeError(f"the writer process ended unexpectedly (exit code {self._process.exitcode})") from None
        self.pending += 1

    def results(self, block: bool) -> list[tuple[Any, Saved]]:
        """The answers that have come (``block``: wait for one at least, when any is pending;
        ``RuntimeError`` when the writer has ended without answering)."""
        answers = []
        while self.pending and (self._recv.poll() or (block and not answers)):
            answers.append(self._receive())
            self.pending -= 1
        return answers

    def close(self, abandon: bool = False) -> None:
        """Tell the writer to end and wait for it; ``abandon``: without waiting for the
        articles still queued (the one being saved is finished or rolled back, never half
        written)."""
        if self._process.pid is None:
            return
        abandon = abandon or not self._used  # nothing handed over: nothing to wait for
        try:
            if not abandon:
                self._send.send(None)
        except (BrokenPipeError, OSError):
            pass
        self._send.close()
        if abandon:
            self._process.kill()  # a transaction cut short is rolled back by the database
        self._process.join(STOP_TIMEOUT_S)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
        self._recv.close()

    def __enter__(self) -> SaveProcess:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.close(abandon=exc[0] is not None)
