"""The local engine of ``clashwatch batch``: the parts on a pool of worker processes.

Each worker loads the pipeline once (``parallel.start_pool``) and runs ``run_part`` on
one part at a time; the parent hands out the parts not yet marked done, one per idle
worker, and counts them as they finish, in whatever order. With one worker the parts
run in this process, without a pool.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, wait
from typing import Any

from ..parallel import check_worker, start_pool, stop_pool, worker_count
from . import run_part
from .inputs import DEFAULT_PART_SIZE, Part, plan_parts
from .output import PartWriter

SUMMED = ("articles", "failed", "events", "claims", "places")
# how often the parent looks at should_stop() while parts are running
POLL_SECONDS = 0.5


def run_local(input: str, output: str, *, workers: int | None = None, part_size: int = DEFAULT_PART_SIZE,
              batch_size: int = 32, columns: dict[str, str] | None = None,
              on_progress: Callable[[int, int, int], None] | None = None,
              should_stop: Callable[[], bool] | None = None) -> dict[str, Any]:
    """Extract INPUT (JSONL, or Parquet with a text column) into OUTPUT's Parquet tables.

    ``workers``: processes (default: one per usable core), never more than the parts to
    run. Parts already marked done in OUTPUT are skipped. ``should_stop()`` is asked
    between parts: once it is true no part is started, the running ones finish. Returns
    ``{"parts", "skipped", "run", "articles", "failed", "events", "claims", "places",
    "seconds"}``, counted over the parts run now. ``on_progress(parts_done, parts_total,
    articles_done)`` is called once after planning and after every part.
    """
    started = time.monotonic()
    parts = plan_parts(input, part_size, columns)
    done = PartWriter(output).done()
    todo = [p for p in parts if p.index not in done]
    summary: dict[str, Any] = {"parts": len(parts), "skipped": len(parts) - len(todo), "run": 0,
                               **{key: 0 for key in SUMMED}}
    stop = should_stop or (lambda: False)

    def finished(counts: dict[str, Any] | None) -> None:
        if counts is not None:
            summary["run"] += 1
            for key in SUMMED:
                summary[key] += counts[key]
        if on_progress is not None:
            on_progress(summary["skipped"] + summary["run"], summary["parts"], summary["articles"])

    finished(None)
    workers = min(worker_count(workers), len(todo))
    if workers <= 1:
        for part in todo:
            if stop():
                break
            finished(run_part(part, output, batch_size))
    elif todo:
        _run_pool(todo, output, batch_size, workers, finished, stop)
    summary["seconds"] = round(time.monotonic() - started, 3)
    return summary


def _run_pool(todo: list[Part], output: str, batch_size: int, workers: int,
              finished: Callable[[dict[str, Any]], None], stop: Callable[[], bool]) -> None:
    queue = deque(todo)
    running: set[Future] = set()
    pool = start_pool(workers)
    clean = False
    try:
        while queue or running:
            while queue and len(running) < workers and not stop():
                running.add(pool.submit(_worker_part, queue.popleft(), output, batch_size))
            if not running:
                break
            ended, running = wait(running, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
            for future in ended:
                finished(future.result())
        clean = True
    finally:
        stop_pool(pool, at_once=not clean)


def _worker_part(part: Part, output: str, batch_size: int) -> dict[str, Any]:
    check_worker()
    return run_part(part, output, batch_size)
