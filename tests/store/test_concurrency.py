"""Several processes writing into one store at once end with what one writer would have made.

Three writer processes (``tests/support/concurrent_writers.py``) ingest overlapping,
differently ordered shares of the same ~200 short articles (many of them about the same
events, some re-published under another URL) into one store: one as ``clashwatch
ingest`` does (one run over all its articles), the others one article at a time as
``watch`` and the API's POST do. They replay results extracted once, so they race on
the store, not on spaCy. The store must then hold exactly what one writer makes of all
the articles in a fresh store: the same articles, events, mentions (each with its event),
claims, places and estimates; no writer may fail an article or see one as updated.

On a fresh database the writers also race to create the schema; on a migrated one they
race only on the rows. ``test_cli_...`` runs real ``clashwatch ingest`` processes. The
retry policy for transient conflicts (``clashwatch.store.transactions``) is tested on its
own at the end: bounded, logged, counted.
"""

from __future__ import annotations

import json
import os
import logging
import sqlite3
import subprocess
import sys

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from support.concurrent_writers import (
    _env,
    differences,
    extract_cases,
    invariant_problems,
    load_cases,
    make_cases,
    overlapping_plans,
    run_writers,
    serial_store,
    snapshot,
)
from support.pgserver import create_fresh_database, drop_database_at

N_ARTICLES = 180  # and 20 re-published copies
WRITERS = 3


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    """The articles with their extraction, once for the module (~15 s)."""
    path = tmp_path_factory.mktemp("concurrency") / "cases.jsonl"
    return extract_cases(make_cases(N_ARTICLES, seed=3), path)


@pytest.fixture(scope="module")
def sqlite_serial(cases, tmp_path_factory):
    """The store one writer makes of all the cases."""
    url = f"sqlite:///{tmp_path_factory.mktemp('serial') / 'serial.db'}"
    serial_store(url, cases)
    return snapshot(url)


def _migrate(url: str) -> None:
    from clashwatch.store import Store

    Store.open(url).close()


def _check_writers(reports: list[dict]) -> None:
    for w, report in enumerate(reports):
        assert report["returncode"] == 0, f"writer {w} exited {report['returncode']}:\n{report['stderr'][-3000:]}"
        stats = report["stats"]
        assert stats["failed"] == 0, f"writer {w} failed articles: {report['errors']}"
        assert stats["updated"] == 0, f"writer {w} saw an article as updated (a spurious version 2)"


def _check_store(url: str, want: dict) -> None:
    assert invariant_problems(url) == []
    assert differences(snapshot(url), want) == []


@pytest.mark.parametrize("database", ["fresh", "migrated"])
def test_sqlite_concurrent_writers_match_a_serial_run(cases, sqlite_serial, tmp_path, database):
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    if database == "migrated":
        _migrate(url)
    n = len(load_cases(cases)[0])
    reports = run_writers(url, cases, overlapping_plans(n, WRITERS, seed=1))
    _check_writers(reports)
    _check_store(url, sqlite_serial)


@pytest.fixture(scope="module")
def postgres_serial(cases, postgres_url):
    url = create_fresh_database(postgres_url)
    try:
        serial_store(url, cases)
        return snapshot(url)
    finally:
        drop_database_at(url)


@pytest.mark.parametrize("database", ["fresh", "migrated"])
def test_postgres_concurrent_writers_match_a_serial_run(cases, postgres_serial, fresh_postgres_db, database):
    url = fresh_postgres_db
    if database == "migrated":
        _migrate(url)
    n = len(load_cases(cases)[0])
    reports = run_writers(url, cases, overlapping_plans(n, WRITERS, seed=2))
    _check_writers(reports)
    _check_store(url, postgres_serial)


def test_cli_ingest_processes_into_one_fresh_sqlite_store(cases, tmp_path):
    """Two real ``clashwatch ingest`` processes (each loads spaCy and extracts) over
    overlapping files of the same articles, into a store neither has created yet."""
    records, _ = load_cases(cases)
    chosen = records[:60]
    halves = [chosen[:40], chosen[20:][::-1]]
    files = []
    for k, half in enumerate(halves):
        path = tmp_path / f"part{k}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in half), encoding="utf-8")
        files.append(path)
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    procs = [
        subprocess.Popen([sys.executable, "-m", "clashwatch.cli", "ingest", str(f), "--db", url, "-q"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(), cwd=tmp_path)
        for f in files
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (_out, err) in zip(procs, outs):
        assert p.returncode == 0, err[-3000:]
    serial = tmp_path / "serial.jsonl"  # the same articles' lines of the cases file
    ids = {r["id"] for r in chosen}
    with open(cases, encoding="utf-8") as f:
        lines = [line for line in f if json.loads(line)["record"]["id"] in ids]
    serial.write_text("".join(lines), encoding="utf-8")
    serial_url = f"sqlite:///{tmp_path / 'serial.db'}"
    serial_store(serial_url, serial)
    _check_store(url, snapshot(serial_url))


# --------------------------------------------------------------------------- retries


def _locked() -> OperationalError:
    return OperationalError("BEGIN IMMEDIATE", {}, sqlite3.OperationalError("database is locked"))


def test_transient_conflicts_are_told_from_other_errors():
    import psycopg.errors

    from clashwatch.store.transactions import transient

    assert transient(_locked()) == "database is locked"
    assert transient(IntegrityError("INSERT", {}, sqlite3.IntegrityError("UNIQUE constraint failed: articles.url"))) == "unique violation"
    assert transient(OperationalError("UPDATE", {}, psycopg.errors.SerializationFailure("could not serialize"))) == "serialization failure"
    assert transient(OperationalError("UPDATE", {}, psycopg.errors.DeadlockDetected("deadlock detected"))) == "deadlock"
    assert transient(IntegrityError("INSERT", {}, psycopg.errors.UniqueViolation("duplicate key"))) == "unique violation"
    # not conflicts: a broken constraint of another kind, a full disk, a bug
    assert transient(IntegrityError("INSERT", {}, sqlite3.IntegrityError("NOT NULL constraint failed: articles.text"))) is None
    assert transient(OperationalError("INSERT", {}, sqlite3.OperationalError("database or disk is full"))) is None
    assert transient(ValueError("database is locked")) is None


def test_retries_are_bounded_jittered_logged_and_counted(caplog):
    from clashwatch.store.transactions import Retries

    slept: list[float] = []
    retries = Retries(tries=5, base_delay=0.05, max_delay=2.0, sleep=slept.append)
    calls = []

    def always_locked():
        calls.append(1)
        raise _locked()

    with caplog.at_level(logging.WARNING, logger="clashwatch.store"), pytest.raises(OperationalError):
        retries.run("saving article a-1", always_locked)
    assert len(calls) == 5 and retries.count == 4 and retries.reasons == {"database is locked": 4}
    assert [0.025 <= s <= 0.075 for s in slept[:1]] == [True] and all(0.5 * 0.05 * 2**k <= s <= 1.5 * 0.05 * 2**k for k, s in enumerate(slept))
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 4 and all("saving article a-1: database is locked" in w for w in warnings)

    flaky = iter([_locked(), _locked()])

    def twice_locked():
        error = next(flaky, None)
        if error is not None:
            raise error
        return "saved"

    assert retries.run("saving article a-2", twice_locked) == ("saved", 2)
    assert retries.count == 6

    def broken():
        calls.append(1)
        raise ValueError("a bug")

    calls.clear()
    with pytest.raises(ValueError):
        retries.run("saving article a-3", broken)
    assert len(calls) == 1 and retries.count == 6  # not a conflict: not retried


def test_a_save_that_met_a_conflict_is_retried_and_counted(cases, tmp_path, caplog):
    """A conflict in the middle of a save (here: the first try of each save is made to
    fail as if the database were locked) rolls that try back; the retry stores the article
    once, and the ingest summary counts the retries."""
    from support.concurrent_writers import Replay

    from clashwatch.ingest import Ingester
    from clashwatch.store import Store

    records, results = load_cases(cases)
    store = Store.open(f"sqlite:///{tmp_path / 'retry.db'}")
    store.retries.sleep = lambda seconds: None
    real_save, failed_once = store._save, set()

    def conflicting_save(conn, article, result):
        outcome = real_save(conn, article, result)  # written, then rolled back by the failure
        if article.id not in failed_once:
            failed_once.add(article.id)
            raise _locked()
        return outcome

    store._save = conflicting_save
    with caplog.at_level(logging.WARNING, logger="clashwatch.store"):
        stats = Ingester(store, Replay(results)).ingest_records(records[:4])
    assert (stats.new, stats.duplicate, stats.failed, stats.retried) == (3, 1, 0, 4)  # the 2nd is a copy of the 1st
    assert "4 write conflicts with other writers retried" in stats.summary()
    assert store.retried == 4
    assert store.counts()["articles"] == 4
    assert sum(f"saving article {r['id']} " in m.getMessage() for r in records[:4] for m in caplog.records) == 4
    store.close()


_RETRIED_WRITE = """
import sqlite3, sys
from sqlalchemy.exc import OperationalError
from clashwatch.cli._util import Reporter
from clashwatch.store.transactions import Retries

flaky = iter([OperationalError("BEGIN IMMEDIATE", {}, sqlite3.OperationalError("database is locked"))])

def save():
    for exc in flaky:
        raise exc
    return "saved"

with Reporter(quiet=sys.argv[1] == "quiet").logging_errors_only():
    print(Retries(sleep=lambda s: None).run("saving article a-1", save)[0])
"""


@pytest.mark.parametrize("quiet", [True, False])
def test_a_quiet_command_does_not_print_the_warning_of_a_retried_write(quiet):
    # `clashwatch ingest --quiet` promises errors only on stderr; a retry is no error
    done = subprocess.run(
        [sys.executable, "-c", _RETRIED_WRITE, "quiet" if quiet else "loud"],
        capture_output=True, text=True, timeout=120, env={**os.environ, "CLASHWATCH_DEBUG": ""},
    )
    assert done.returncode == 0 and done.stdout.strip() == "saved"
    if quiet:
        assert done.stderr == ""
    else:
        assert "saving article a-1: database is locked; trying again" in done.stderr
