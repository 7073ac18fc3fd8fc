"""clashwatch: conflict news articles in, sourced, dated, geocoded events out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from .errors import ExtractionError
from .model import EXTRACTION_FAILED, ArticleResult, Claim, Event, Place

__all__ = ["extract", "extract_many", "ArticleResult", "Event", "Claim", "Place", "ExtractionError", "get_pipeline"]
from .version import __version__  # noqa: E402


def get_pipeline():
    """The process-wide pipeline (spaCy model and gazetteer loaded once)."""
    from .pipeline import get_pipeline as shared

    return shared()


def extract(
    text: str,
    published: dt.date | str | None = None,
    title: str | None = None,
    **meta: Any,
) -> ArticleResult:
    """Read one article and return its events, claims and places.

    Raises ``ValueError`` for a malformed or impossible ``published`` and
    ``ExtractionError`` when the pipeline cannot analyse the article.
    """
    return _checked(get_pipeline().extract(text, published=published, title=title, **meta))


def _checked(result: ArticleResult) -> ArticleResult:
    failed = next((w for w in result.warnings if w.startswith(EXTRACTION_FAILED)), None)
    if failed is not None:
        raise ExtractionError(result.id, failed[len(EXTRACTION_FAILED):].strip())
    return result


def extract_many(
    records: Iterable[Mapping[str, Any]], batch_size: int = 32, n_process: int = 1, errors: str = "keep"
) -> Iterator[ArticleResult]:
    """Results for records ``{"id", "text", "published", "title"?, "url"?, "source"?}``, in input order.

    Articles are parsed ``batch_size`` at a time (``nlp.pipe``). ``n_process`` > 1 spreads
    them over that many worker processes, each loading the pipeline once (-1: one per
    usable core); records are read as they are needed and results still come in input
    order, so an endless iterator is fine.

    An article the pipeline cannot analyse comes back, with ``errors="keep"``, as a
    result with no findings whose ``warnings`` start with ``"extraction failed:"``; with
    ``errors="raise"`` it raises ``ExtractionError``. A record with a malformed
    ``published`` raises ``ValueError``.
    """
    if errors not in ("keep", "raise"):
        raise ValueError(f'errors must be "keep" or "raise", not {errors!r}')
    if n_process != 1:
        from .parallel import extract_parallel

        results = extract_parallel(records, batch_size=batch_size, n_process=n_process)
    else:
        from .article import from_mapping

        results = get_pipeline().extract_many(map(from_mapping, records), batch_size=batch_size)
    return map(_checked, results) if errors == "raise" else results
