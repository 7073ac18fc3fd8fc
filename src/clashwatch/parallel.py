"""Extraction on several processes: each worker loads the pipeline once and reuses it.

``extract_parallel`` is ``clashwatch.extract_many(..., n_process=N)``: records go to the
workers in chunks of ``batch_size`` (one ``nlp.pipe`` batch each), at most
``CHUNKS_PER_WORKER`` chunks per worker are in flight, so memory stays constant on an
endless iterator, and results come back in input order. ``start_pool`` and ``stop_pool``
are shared with the local engine of ``clashwatch batch`` (``batch/local.py``).

Workers are started with ``forkserver`` (``spawn`` where there is none), never ``fork``:
the parent may have threads (a progress bar, a web server). They ignore SIGINT and
SIGTERM, so that Ctrl-C in a terminal (sent to the whole process group) reaches only the
parent, which decides what to stop; and they exit by themselves when the parent dies.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Any

CHUNKS_PER_WORKER = 2
# imported once by the fork server, then shared by every worker it forks
PRELOAD = ["clashwatch.pipeline"]

_init_error: BaseException | None = None


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def worker_count(n: int | None) -> int:
    """``n`` workers; None, 0 or a negative number: one per usable core."""
    return usable_cores() if n is None or n <= 0 else n


def _context():
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


def _init_worker() -> None:
    global _init_error
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, daemon=True).start()
    try:
        from .pipeline import get_pipeline

        get_pipeline()
    except Exception as exc:  # noqa: BLE001 - raised again by every task, in the parent
        _init_error = exc


def _exit_with_parent() -> None:
    """Exit when the process that started this worker dies (the fork server's children
    would otherwise outlive it: they keep the fork server, and the task queue, open)."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        parent.join()
        os._exit(1)


def check_worker() -> None:
    """In a worker: raise what went wrong while loading the pipeline (e.g. no model)."""
    if _init_error is not None:
        raise _init_error


def start_pool(workers: int) -> ProcessPoolExecutor:
    """``workers`` processes, each with the pipeline loaded once (``get_pipeline()``)."""
    return ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=_init_worker)


def stop_pool(pool: ProcessPoolExecutor, *, at_once: bool = False) -> None:
    """Shut the pool down; ``at_once`` kills the workers instead of letting them finish."""
    if at_once:
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            if process.is_alive():
                process.kill()
    pool.shutdown(wait=True, cancel_futures=True)


def _extract_chunk(records: list[dict[str, Any]], batch_size: int) -> list[Any]:
    check_worker()
    from .article import from_mapping
    from .pipeline import get_pipeline

    return list(get_pipeline().extract_many(map(from_mapping, records), batch_size=batch_size))


def _chunks(records: Iterable[Mapping[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    it = iter(records)
    while chunk := [dict(r) for r in islice(it, size)]:
        yield chunk


def extract_parallel(records: Iterable[Mapping[str, Any]], batch_size: int = 32, n_process: int | None = None) -> Iterator[Any]:
    """``ArticleResult``s for ``records`` in input order, extracted by ``n_process`` workers."""
    workers = worker_count(n_process)
    pool = start_pool(workers)
    pending: deque[Future] = deque()
    try:
        for chunk in _chunks(records, batch_size):
            pending.append(pool.submit(_extract_chunk, chunk, batch_size))
            if len(pending) >= workers * CHUNKS_PER_WORKER:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        stop_pool(pool, at_once=bool(pending))
