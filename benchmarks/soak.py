#!/usr/bin/env python
"""Soak test of concurrent writers: N processes ingest overlapping articles into one store.

    python benchmarks/soak.py                                  # SQLite: 4 writers x 300 articles, 3 rounds
    python benchmarks/soak.py --pg auto                        # and PostgreSQL: a throwaway test server
    python benchmarks/soak.py --pg postgresql://me@dbhost/postgres --writers 6 --rounds 5

M short synthetic articles (``benchmarks/articles.py``, their first three paragraphs,
published within ten days so that many report the same events; every 9th also comes as
a re-published copy under another URL) are extracted once. Then, in every round and on
every backend, N writer processes (``tests/support/concurrent_writers.py``) start
together and ingest, each in its own shuffled order, a share of the articles (each
article goes to about ``--share`` of the writers: heavy overlap) into one store: a fresh
one in odd rounds (the writers also race to create the schema), an already migrated one
in even rounds. Half the writers hand their articles to ``Ingester`` in one run, as
``clashwatch ingest`` does; the others one article per run, as ``watch`` and the API's
POST do. They replay the extraction, so that they race on the store and not on spaCy.

Each round prints: the articles, the writers, what they made of the articles they were
handed (new, unchanged, duplicate, failed), the write conflicts they retried (the store
waits for its write lock rather than failing, so this is normally 0; a retry is logged
by the writer as a warning), how long their write transactions waited for that lock, the
rows that differ from one serial writer's store of the same articles (articles, events,
mentions, claims, places, estimates; must be 0), broken invariants (a mention without an
event, an event whose count is off; must be 0) and the wall time. The exit status is 1
when any round differs.

PostgreSQL: ``--pg auto`` starts a throwaway server (``tests/support/pgserver.py``, the
test suite's: the PostgreSQL and PostGIS Debian packages); ``--pg URL`` uses a server
where that user may create databases (each round gets a new one, dropped afterwards,
made from ``--pg-template``, which needs PostGIS or the right to create it).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "benchmarks"))

from support.concurrent_writers import (  # noqa: E402
    difference_count,
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
from throughput import machine  # noqa: E402


def _migrate(url: str) -> None:
    from clashwatch.store import Store

    Store.open(url).close()


class Backend:
    """Where each round's store lives: a new SQLite file, or a new PostgreSQL database."""

    def __init__(self, name: str, folder: Path, pg_url: str | None = None, template: str | None = None):
        self.name, self.folder, self.pg_url, self.template = name, folder, pg_url, template
        self.made: list[str] = []

    def fresh(self, label: str) -> str:
        if self.name == "sqlite":
            return f"sqlite:///{self.folder / f'{label}.db'}"
        from support.pgserver import create_fresh_database

        url = create_fresh_database(self.pg_url, template=self.template)
        self.made.append(url)
        return url

    def drop(self, url: str) -> None:
        if self.name == "postgresql":
            from support.pgserver import drop_database_at

            drop_database_at(url)
            self.made.remove(url)

    def close(self) -> None:
        for url in list(self.made):
            self.drop(url)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--writers", type=int, default=4, help="writer processes at once (default 4)")
    ap.add_argument("--articles", type=int, default=300, help="synthetic articles, copies not counted (default 300)")
    ap.add_argument("--rounds", type=int, default=3, help="rounds per backend (default 3)")
    ap.add_argument("--share", type=float, default=0.75, help="share of the writers each article goes to (default 0.75)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--pg", metavar="URL|auto", help="also PostgreSQL: a server URL, or 'auto' for a throwaway test server")
    ap.add_argument("--pg-template", default=None, help="template of each round's new database (default: the test server's, with PostGIS; template1 for --pg URL)")
    ap.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    ap.add_argument("--cases", type=Path, help="the extracted articles (JSONL): reused when it exists, else written")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder (SQLite files, extracted articles)")
    args = ap.parse_args(argv)
    if args.writers < 1 or args.articles < 1 or args.rounds < 1:
        ap.error("--writers, --articles and --rounds must be at least 1")

    folder = Path(tempfile.mkdtemp(prefix="clashwatch-soak-"))
    server = None
    backends: list[Backend] = []
    failures = 0
    try:
        info = machine()
        print(f"machine: {info.get('cpu', '?')}, {info.get('usable_cores', info.get('cores'))} cores, load {info.get('load_average')}")
        cases_path = args.cases or folder / "cases.jsonl"
        t0 = time.perf_counter()
        if not cases_path.exists():
            extract_cases(make_cases(args.articles, seed=args.seed), cases_path)
        records, _ = load_cases(cases_path)
        print(f"articles: {len(records)} ({args.articles} + {len(records) - args.articles} re-published copies), "
              f"extracted in {time.perf_counter() - t0:.1f} s")

        if not args.no_sqlite:
            backends.append(Backend("sqlite", folder))
        if args.pg:
            if args.pg == "auto":
                from support.pgserver import TEMPLATE_DB, PostgresServer

                server = PostgresServer().start()
                backends.append(Backend("postgresql", folder, server.url(), args.pg_template or TEMPLATE_DB))
            else:
                backends.append(Backend("postgresql", folder, args.pg, args.pg_template or "template1"))
        if not backends:
            ap.error("nothing to do: --no-sqlite without --pg")

        for backend in backends:
            t0 = time.perf_counter()
            serial_url = backend.fresh("serial")
            stats = serial_store(serial_url, cases_path)
            want = snapshot(serial_url)
            counts = {table: len(rows) for table, rows in want.items()}
            backend.drop(serial_url)
            print(f"\n{backend.name}: serial run (one writer): {stats['new']} new, {stats['duplicate']} duplicate; "
                  f"{counts['events']} events, {counts['mentions']} mentions, {counts['claims']} claims, "
                  f"{counts['places']} places ({time.perf_counter() - t0:.1f} s)")
            for r in range(1, args.rounds + 1):
                database = "fresh" if r % 2 else "migrated"
                url = backend.fresh(f"round{r}")
                if database == "migrated":
                    _migrate(url)
                plans = overlapping_plans(len(records), args.writers, seed=args.seed * 1000 + r, share=args.share)
                t0 = time.perf_counter()
                reports = run_writers(url, cases_path, plans)
                wall = time.perf_counter() - t0
                crashed = [w for w, rep in enumerate(reports) if rep["returncode"] != 0]
                total = {k: sum(rep.get("stats", {}).get(k, 0) for rep in reports) for k in ("new", "unchanged", "duplicate", "failed", "updated")}
                retried = sum(rep.get("retried") or 0 for rep in reports)
                reasons: dict[str, int] = {}
                for rep in reports:
                    for reason, n in (rep.get("reasons") or {}).items():
                        reasons[reason] = reasons.get(reason, 0) + n
                waits = [rep["lock_waits"] for rep in reports if rep.get("lock_waits")]
                waited = sum(w["total"] for w in waits)
                longest = max((w["longest"] for w in waits), default=0.0)
                locked = sum(w["count"] for w in waits)
                got = snapshot(url)
                diff = difference_count(got, want)
                problems = invariant_problems(url)
                handed = sum(len(p) for p in plans)
                bad = diff or problems or crashed or total["failed"] or total["updated"]
                failures += bool(bad)
                print(f"  round {r} ({database} database): {len(records)} articles, {args.writers} writers handed {handed} "
                      f"({handed / len(records):.1f} per article): {total['new']} new, {total['unchanged']} unchanged, "
                      f"{total['duplicate']} duplicate, {total['updated']} updated, {total['failed']} failed; "
                      f"conflicts retried: {retried}{' ' + str(reasons) if reasons else ''}; "
                      f"{locked} write transactions waited {waited:.1f} s in all for the lock, at most {longest:.2f} s; "
                      f"differences from the serial run: {diff}; broken invariants: {len(problems)}; {wall:.1f} s"
                      + (f"; writers that crashed: {crashed}" if crashed else ""))
                for line in differences(got, want)[:5] + problems[:5]:
                    print(f"    {line}")
                for w in crashed:
                    print(f"    writer {w}: {reports[w]['stderr'][-1500:]}")
                backend.drop(url)
        print(f"\n{'FAILED' if failures else 'ok'}: {failures} of {args.rounds * len(backends)} rounds differ from the serial run")
        return 1 if failures else 0
    finally:
        for backend in backends:
            backend.close()
        if server is not None:
            server.stop()
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
