"""clashwatch: conflict news articles in, sourced, dated, geocoded events out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from .model import ArticleResult, Claim, Event, Place

__all__ = ["extract", "extract_many", "ArticleResult", "Event", "Claim", "Place", "get_pipeline"]
__version__ = "0.1.0"


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
    """Read one article and return its events, claims and places."""
    return get_pipeline().extract(text, published=published, title=title, **meta)


def extract_many(
    records: Iterable[Mapping[str, Any]], batch_size: int = 32, n_process: int = 1
) -> Iterator[ArticleResult]:
    """Results for records ``{"id", "text", "published", "title"?, "url"?, "source"?}``, in input order.

    Articles are parsed ``batch_size`` at a time (``nlp.pipe``). ``n_process`` > 1 spreads
    them over that many worker processes, each loading the pipeline once (-1: one per
    usable core); records are read as they are needed and results still come in input
    order, so an endless iterator is fine.
    """
    if n_process != 1:
        from .parallel import extract_parallel

        return extract_parallel(records, batch_size=batch_size, n_process=n_process)
    from .article import from_mapping

    return get_pipeline().extract_many(map(from_mapping, records), batch_size=batch_size)
