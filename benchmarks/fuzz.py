"""The fuzz properties of tests/test_fuzz.py, run longer: inputs tried, failures, seconds.

    PYTHONPATH=src python benchmarks/fuzz.py --examples 2000
    PYTHONPATH=src python benchmarks/fuzz.py --examples 200 --only readers jsonl

Each property is the test suite's own check (``check_*`` in tests/test_fuzz.py) under
``@given`` with ``max_examples=N``, ``deadline=None`` and ``derandomize=True`` (the same
inputs on every run; ``--seed`` for others). Hypothesis stops a property at its first
failure and shrinks it: the smallest failing example is printed. The figures are for
docs/reliability.md.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from hypothesis import HealthCheck, given, settings, seed as hseed  # noqa: E402

import test_fuzz as fz  # noqa: E402

PROPERTIES = ("entrance", "readers", "jsonl", "api")


def _failures(exc: BaseException) -> list[BaseException]:
    if isinstance(exc, BaseExceptionGroup):
        return [e for sub in exc.exceptions for e in _failures(sub)]
    return [exc]


def _example(exc: BaseException, width: int) -> str:
    notes = [n for n in getattr(exc, "__notes__", []) if n.strip()]
    text = "\n".join(notes) or "(no example reported)"
    lines = [line if len(line) <= width else line[:width] + f"... ({len(line):,} characters)" for line in text.splitlines()]
    return "\n".join(lines)


def run(name: str, check, strategies: dict, examples: int, seed: int | None, width: int) -> tuple[int, int, float]:
    tried = 0

    def body(**kwargs):
        nonlocal tried
        tried += 1
        check(**kwargs)

    options = dict(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck), print_blob=False)
    test = settings(derandomize=seed is None, **options)(given(**strategies)(body))
    if seed is not None:
        test = hseed(seed)(test)
    start = time.perf_counter()
    failures: list[BaseException] = []
    try:
        test()
    except Exception as exc:  # noqa: BLE001 - a property failed: report it
        failures = _failures(exc)
    seconds = time.perf_counter() - start
    print(f"{name:<10} inputs tried {tried:>6,}  failures {len(failures)}  {seconds:8.1f} s", flush=True)
    for exc in failures:
        print(f"  {type(exc).__name__}: {str(exc).splitlines()[0][:width] if str(exc) else ''}")
        print("  " + _example(exc, width).replace("\n", "\n  "))
    return tried, len(failures), seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000, help="examples per property (default 2000)")
    parser.add_argument("--only", nargs="+", choices=PROPERTIES, default=list(PROPERTIES))
    parser.add_argument("--seed", type=int, default=None, help="a random seed instead of the fixed derandomized run")
    parser.add_argument("--width", type=int, default=300, help="longest example line printed")
    args = parser.parse_args(argv)

    from clashwatch.pipeline import get_pipeline

    total_failures = 0
    with tempfile.TemporaryDirectory(prefix="clashwatch-fuzz-") as folder:
        pipeline = get_pipeline() if {"entrance", "api"} & set(args.only) else None
        client = None
        jobs = []
        if "entrance" in args.only:
            jobs.append(("entrance", lambda text, published: fz.check_entrance(pipeline, text, published),
                         {"text": fz.texts, "published": fz.published_values}))
        if "readers" in args.only:
            jobs.append(("readers", lambda data: fz.check_readers(folder, data), {"data": fz.junk_bytes}))
        if "jsonl" in args.only:
            jobs.append(("jsonl", lambda lines: fz.check_jsonl(lines), {"lines": fz.jsonl_lines}))
        if "api" in args.only:
            from fastapi.testclient import TestClient

            from clashwatch.web.api import Settings, create_app

            client = TestClient(create_app(Settings(db=fz.seeded_store(folder, pipeline))), base_url="http://127.0.0.1",
                                raise_server_exceptions=False)
            client.__enter__()
            jobs.append(("api", lambda request: fz.check_api(client, *request), {"request": fz.api_requests()}))
        print(f"fuzz: {args.examples:,} examples per property, " + (f"seed {args.seed}" if args.seed is not None else "derandomized"))
        try:
            for name, check, strategies in jobs:
                total_failures += run(name, check, strategies, args.examples, args.seed, args.width)[1]
        finally:
            if client is not None:
                client.__exit__(None, None, None)
    return 1 if total_failures else 0


if __name__ == "__main__":
    sys.exit(main())
