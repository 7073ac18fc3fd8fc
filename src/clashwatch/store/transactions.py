"""How several writers share one store: one write transaction at a time, and bounded
retries of transient conflicts.

Any number of processes may write into one store at once (``clashwatch ingest`` from
cron, ``watch``, the API's POST, on one machine or several): each saves an article in
one *write transaction* (``write_transaction``) that

- on SQLite starts with ``BEGIN IMMEDIATE``: it takes the database's write lock at once,
  waiting up to the busy timeout (30 s) for another writer to finish, so that what it
  reads inside is what it will write over (a deferred ``BEGIN`` would read first and fail
  with "database is locked" when it then tries to write after another writer);
- on PostgreSQL takes the transaction-level advisory lock ``WRITE_LOCK`` first
  (``pg_advisory_xact_lock``, released at commit or rollback, also when the process dies),
  in READ COMMITTED, so that every statement after it sees what the writer before it
  committed.

Writers therefore never interleave inside the store: every save re-reads the article's
identity (URL, text hash, id) and the candidate events under the lock, so the stored
result is the one a single writer would have made, whatever the interleaving. Row locks
on the candidate events would not be enough: two articles about the same event, saved at
once, each find no event to join (the other's mention is not committed yet), and make two
events where one writer makes one. The lock is held only while saving (milliseconds);
extraction, which takes a hundred times longer, runs in parallel. Schema creation and
migration take the same lock (``migrate.upgrade``), so racing writers on a fresh database
create it once.

What can still fail for a moment (a deadlock or serialization failure with a program that
does not take the lock, SQLite's busy timeout running out, a unique violation from a
writer that does not take the lock) is retried by ``Retries.run``: at most ``MAX_TRIES``
tries with jittered exponential backoff, one warning per retry naming what was being
written, and a counter the ingest summary prints.
"""

from __future__ import annotations

import logging
import random
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy import event, text
from sqlalchemy.engine import Connection, Engine

log = logging.getLogger("clashwatch.store")

T = TypeVar("T")

# pg_advisory_xact_lock key of clashwatch's writers (one per database): "clash" in ASCII
WRITE_LOCK = 0x636C617368
MAX_TRIES = 5
BASE_DELAY = 0.05  # seconds before the first retry; doubles each time, jittered by +-50%
MAX_DELAY = 2.0
WRITE_OPTION = "clashwatch_write"  # execution option: this transaction writes


# --------------------------------------------------------------------------- SQLite


def _sqlite_no_implicit_begin(dbapi_connection, _record) -> None:
    # pysqlite would BEGIN (deferred) only before the first INSERT/UPDATE/DELETE, after
    # the reads; the "begin" listener below emits the BEGIN itself instead
    dbapi_connection.isolation_level = None


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE_OPTION) else "BEGIN")


def prepare(engine: Engine) -> Engine:
    """Make ``engine`` ready for ``write_transaction`` (``make_engine`` does; idempotent)."""
    if engine.dialect.name == "sqlite" and not event.contains(engine, "begin", _sqlite_begin):
        event.listen(engine, "connect", _sqlite_no_implicit_begin)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


# --------------------------------------------------------------------------- the write transaction


@contextmanager
def write_transaction(engine: Engine, on_locked: Callable[[float], None] | None = None) -> Iterator[Connection]:
    """A transaction that holds the store's write lock from its first statement to its end.

    ``on_locked(seconds)``: told how long it waited for the lock (other writers' saves)."""
    dialect = engine.dialect.name
    start = time.perf_counter()
    if dialect == "sqlite":
        prepare(engine)
        with engine.execution_options(**{WRITE_OPTION: True}).begin() as conn:
            if on_locked is not None:
                on_locked(time.perf_counter() - start)
            yield conn
    elif dialect == "postgresql":
        # READ COMMITTED whatever the server's default: each statement after the lock sees
        # what the previous writer committed (a REPEATABLE READ snapshot would be older)
        with engine.execution_options(isolation_level="READ COMMITTED").begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})
            if on_locked is not None:
                on_locked(time.perf_counter() - start)
            yield conn
    else:
        with engine.begin() as conn:
            yield conn


class LockWaits:
    """How long write transactions waited for the write lock: ``count``, ``total`` and
    ``longest`` seconds (a callable: ``write_transaction(..., on_locked=waits)``)."""

    def __init__(self) -> None:
        self.count = 0
        self.total = 0.0
        self.longest = 0.0

    def __call__(self, seconds: float) -> None:
        self.count += 1
        self.total += seconds
        self.longest = max(self.longest, seconds)

    def as_dict(self) -> dict:
        return {"count": self.count, "total": self.total, "longest": self.longest}


# --------------------------------------------------------------------------- retries


def transient(exc: BaseException) -> str | None:
    """Why ``exc`` is worth another try (a conflict with another writer), or None."""
    from sqlalchemy.exc import DBAPIError

    if not isinstance(exc, DBAPIError) or exc.connection_invalidated:
        return None
    orig = exc.orig
    code = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if code:
        return {
            "40001": "serialization failure",
            "40P01": "deadlock",
            "55P03": "lock not available",
            "23505": "unique violation",
        }.get(code)
    name = getattr(orig, "sqlite_errorname", "") or ""
    message = str(orig).lower()
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in message or "database table is locked" in message:
        return "database is locked"
    if name in ("SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY") or "unique constraint failed" in message:
        return "unique violation"
    return None


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    lines = str(orig).strip().splitlines()
    return lines[0] if lines else type(orig).__name__


class Retries:
    """The retry policy for write transactions, and what it has counted.

    ``count``: retries so far (all reasons); ``reasons``: the same by reason."""

    def __init__(self, tries: int = MAX_TRIES, base_delay: float = BASE_DELAY, max_delay: float = MAX_DELAY,
                 sleep: Callable[[float], None] = time.sleep):
        if tries < 1:
            raise ValueError("tries must be at least 1")
        self.tries = tries
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.sleep = sleep
        self.count = 0
        self.reasons: Counter = Counter()

    def delay(self, retry: int) -> float:
        """Seconds to wait before retry number ``retry`` (1, 2, ...): exponential, jittered."""
        return min(self.max_delay, self.base_delay * 2 ** (retry - 1)) * random.uniform(0.5, 1.5)

    def run(self, what: str, fn: Callable[[], T]) -> tuple[T, int]:
        """``fn()`` (one whole transaction), tried again on a transient conflict; its value
        and the number of retries it took. The last failure is raised as it is."""
        retries = 0
        while True:
            try:
                return fn(), retries
            except Exception as exc:  # only transient conflicts are retried
                reason = transient(exc)
                if reason is None or retries + 1 >= self.tries:
                    raise
                retries += 1
                self.count += 1
                self.reasons[reason] += 1
                wait = self.delay(retries)
                detail = _first_line(exc)
                said = reason if detail.lower() == reason else f"{reason} ({detail})"
                log.warning("%s: %s; trying again in %.2f s (retry %d of %d)", what, said, wait, retries, self.tries - 1)
                self.sleep(wait)
