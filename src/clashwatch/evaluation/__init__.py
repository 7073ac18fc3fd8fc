"""``clashwatch evaluate``: measure agreement with human-coded data.

One module per labelled format (``acled``, ``case``, ``gwn``, ``gtd``, ``negatives``), each
with ``read(path, limit) -> (rows, notes)`` (each row has an ``id``, a ``text`` and, where
the format gives one, a ``date`` to read it as published on) and
``score(rows, results, data) -> Evaluation``; ``scoring`` holds the arithmetic and
``report`` the text and HTML renderings.

A format whose module sets ``SPLIT = True`` (ACLED, GeoWebNews, CASE) is split into a tuning and a checking
half by ``split.half_of(row id)``: ``evaluate_file`` scores all rows and each half (or one
half only, ``half=``) and lists worst errors from the tuning half unless told otherwise.
"""

from __future__ import annotations

import csv
import json
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from . import acled, case, gtd, gwn, negatives
from ..model import EXTRACTION_FAILED
from .results import DataError, Evaluation, Part
from .split import HALVES, half_of

FORMATS: dict[str, ModuleType] = {m.NAME: m for m in (acled, case, gwn, gtd, negatives)}
ERRORS_FROM = (*HALVES, "all")

__all__ = ["ERRORS_FROM", "FORMATS", "HALVES", "DataError", "Evaluation", "detect_format", "evaluate_file", "is_split", "half_of"]


def is_split(fmt: str) -> bool:
    """Whether a format's rows are split into a tuning and a checking half."""
    return bool(getattr(FORMATS[fmt], "SPLIT", False))


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
        if isinstance(obj, dict) and {"kind", "text"} <= obj.keys():
            return "negatives"
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
    half: str | None = None,
    errors_from: str | None = None,
) -> Evaluation:
    """Read a labelled file, run the pipeline over its texts, score the results.

    ``on_result(done, total)`` is called after each article (for progress bars). For a
    split format, ``half`` ("tuning" or "checking") evaluates only the rows of that half,
    and ``errors_from`` ("tuning", the default, "checking" or "all") says whose errors
    the worst-error lists show; other formats take neither ("all" is accepted).
    """
    fmt = fmt or detect_format(path)
    if fmt not in FORMATS:
        raise DataError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    suite = FORMATS[fmt]
    split = is_split(fmt)
    if half is not None and half not in HALVES:
        raise ValueError(f"half must be one of {', '.join(HALVES)}, not {half!r}")
    if errors_from is not None and errors_from not in ERRORS_FROM:
        raise ValueError(f"errors_from must be one of {', '.join(ERRORS_FROM)}, not {errors_from!r}")
    if not split and (half is not None or errors_from in HALVES):
        raise ValueError(f"the {fmt} format is not split into halves")
    rows, notes = suite.read(path, limit)
    if not rows:
        raise DataError(f"{path}: no rows to evaluate")
    tags = [half_of(str(r.id)) for r in rows] if split else []
    counts = Counter(tags)
    split_counts = {h: counts[h] for h in HALVES} if split else {}
    if half is not None:
        rows = [r for r, t in zip(rows, tags) if t == half]
        tags = [half] * len(rows)
        if not rows:
            raise DataError(f"{path}: no rows in the {half} half")
    if pipeline is None:
        from .. import get_pipeline

        pipeline = get_pipeline()
    from ..article import make_article

    started = time.perf_counter()
    articles = (make_article(r.text, published=getattr(r, "date", None), id=str(r.id), outlet=getattr(r, "outlet", None)) for r in rows)
    results = []
    for result in pipeline.extract_many(articles, batch_size=batch_size):
        results.append(result)
        if on_result is not None:
            on_result(len(results), len(rows))
    elapsed = time.perf_counter() - started
    evaluation = suite.score(rows, results, str(path))
    if split:
        _add_halves(evaluation, suite, rows, results, tags, split_counts, half, errors_from or "tuning")
    failed = [str(row.id) for row, r in zip(rows, results) if any(w.startswith(EXTRACTION_FAILED) for w in r.warnings)]
    if failed:
        shown = ", ".join(failed[:10]) + (", ..." if len(failed) > 10 else "")
        notes.append(f"the pipeline failed on {len(failed)} article(s) ({shown}); they count as read with no event")
    evaluation.notes = notes + evaluation.notes
    evaluation.timing = {"extract_s": round(elapsed, 3), "articles_per_s": round(len(rows) / elapsed, 2) if elapsed else 0.0}
    return evaluation


def _add_halves(evaluation: Evaluation, suite: ModuleType, rows: list, results: list, tags: list[str],
                split_counts: dict[str, int], half: str | None, errors_from: str) -> None:
    """Tag errors and outcomes with their half; score each half when both were read."""
    evaluation.split = split_counts
    evaluation.half = half
    evaluation.errors_from = errors_from
    for e in evaluation.errors:
        e.half = half_of(e.item)
    for o in evaluation.outcomes:
        if "id" in o:
            o["half"] = half_of(str(o["id"]))
    if half is not None:
        return
    for name in HALVES:
        picked = [i for i, t in enumerate(tags) if t == name]
        part = suite.score([rows[i] for i in picked], [results[i] for i in picked], evaluation.data)
        evaluation.halves.append(Part(name, len(picked), part.metrics, part.label_accuracy))
