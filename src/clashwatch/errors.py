"""The exceptions clashwatch's Python API raises on purpose."""

from __future__ import annotations


class ExtractionError(RuntimeError):
    """An article the pipeline could not analyse: a stage raised, or the article ran over its
    time budget. ``article_id`` names the article, ``reason`` is ``"ErrorClass: message"``."""

    def __init__(self, article_id: str | None, reason: str):
        super().__init__(f"article {article_id}: extraction failed: {reason}")
        self.article_id = article_id
        self.reason = reason
