"""``clashwatch evaluate``: measure agreement with human-coded data.

One module per labelled format (``acled``, ``case``, ``gwn``, ``gtd``), each with
``read(path, limit) -> (rows, notes)`` (each row has an ``id``, a ``text`` and, where the
format gives one, a ``date`` to read it as published on) and
``score(rows, results, data) -> Evaluation``; ``scoring`` holds the arithmetic and
``report`` the text and HTML renderings.
"""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from . import acled, case, gtd, gwn
from ..model import EXTRACTION_FAILED
from .results import DataError, Evaluation

FORMATS: dict[str, ModuleType] = {m.NAME: m for m in (acled, case, gwn, gtd)}

__all__ = ["FORMATS", "DataError", "Evaluation", "detect_format", "evaluate_file"]


def detect_format(path: Path) -> str:
    """The format of a labelled file, from its first line."""
    try:
        with path.open(encoding="utf-8-sig", errors="replace") as fh:
            first = fh.readline(1_000_000)
    except OSError as exc:
        raise DataError(f"{path}: {exc.strerror or exc}") from None
    if first.lstrip().startswith("{"):
        try:
            obj = json.loads(first)
        except json.JSONDecodeError:
            obj = {}
        if isinstance(obj, dict) and "toponyms" in obj:
            return "gwn"
    else:
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
        header = set(next(csv.reader([first], delimiter=delimiter), []))
        if {"EventSnippet", "SubType"} <= header:
            return "case"
        if {"notes", "event_type", "sub_event_type"} <= header:
            return "acled"
        if {"summary", "nkill", "nwound"} <= header:
            return "gtd"
    raise DataError(f"{path}: cannot tell its format from the first line; give --format ({', '.join(FORMATS)})")


def evaluate_file(
    path: Path,
    fmt: str | None = None,
    *,
    limit: int | None = None,
    batch_size: int = 32,
    pipeline=None,
    on_result: Callable[[int, int], None] | None = None,
) -> Evaluation:
    """Read a labelled file, run the pipeline over its texts, score the results.

    ``on_result(done, total)`` is called after each article (for progress bars).
    """
    fmt = fmt or detect_format(path)
    if fmt not in FORMATS:
        raise DataError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    suite = FORMATS[fmt]
    rows, notes = suite.read(path, limit)
    if not rows:
        raise DataError(f"{path}: no rows to evaluate")
    if pipeline is None:
        from .. import get_pipeline

        pipeline = get_pipeline()
    from ..article import make_article

    started = time.perf_counter()
    articles = (make_article(r.text, published=getattr(r, "date", None), id=str(r.id)) for r in rows)
    results = []
    for result in pipeline.extract_many(articles, batch_size=batch_size):
        results.append(result)
        if on_result is not None:
            on_result(len(results), len(rows))
    elapsed = time.perf_counter() - started
    evaluation = suite.score(rows, results, str(path))
    failed = sum(any(w.startswith(EXTRACTION_FAILED) for w in r.warnings) for r in results)
    if failed:
        notes.append(f"the pipeline failed on {failed} article(s); they count as read with no event")
    evaluation.notes = notes + evaluation.notes
    evaluation.timing = {"extract_s": round(elapsed, 3), "articles_per_s": round(len(rows) / elapsed, 2) if elapsed else 0.0}
    return evaluation
