"""The pipeline: one spaCy parse, small stages over it, assembly into an ArticleResult.

Each stage (``stages/``) is a plain function of the parsed document (plus the resources
it needs) that returns typed findings (see ``model.py``); ``assemble`` is the only place
that knows how findings combine into events, and ``estimate`` reconciles each event's
claims. An ``Article`` (``article.py``) goes in, an ``ArticleResult`` comes out.

Each article's stages run under a time budget (``DEFAULT_TIME_BUDGET`` seconds, or
``CLASHWATCH_TIME_BUDGET`` from the environment, or ``Pipeline(time_budget=...)``; 0 turns
it off). The clock starts when the article's parse is done and is read between stages and
inside the stage loops that grow with the article; an article past its budget ends in
``ArticleTimeout``, which becomes the result's "extraction failed" warning like any other
stage failure, and the run goes on with the next article.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import time
from functools import cache
from pathlib import Path
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple, TypeVar

from spacy.tokens import Doc

from .version import __version__
from .article import MAX_CHARS, Article, make_article, reference_date
from .language import ENGLISH, NOT_ENGLISH_WARNING, not_english, not_english_warning
from .model import EXTRACTION_FAILED, ArticleResult
from .nlp import load_model, release
from .stages import actors, assemble, claims, dates, places, triggers
from .stages.countries import home_country
from .stages.gazetteer import Gazetteer
from .casing import restore_quotes
from .text import PreparedText, adapt_text, prepare_text

__all__ = ["ArticleTimeout", "DEFAULT_TIME_BUDGET", "MAX_CHARS", "Pipeline", "TIME_BUDGET_ENV", "get_pipeline"]

log = logging.getLogger("clashwatch")

T = TypeVar("T")

DEFAULT_TIME_BUDGET = 20.0  # seconds of stages per article; a long real article takes well under 1 s
TIME_BUDGET_ENV = "CLASHWATCH_TIME_BUDGET"


class ArticleTimeout(Exception):
    """An article's stages ran past the pipeline's per-article time budget."""


def _configured_budget() -> float:
    raw = os.environ.get(TIME_BUDGET_ENV, "").strip()
    if not raw:
        return DEFAULT_TIME_BUDGET
    try:
        return float(raw)
    except ValueError:
        log.warning("%s=%r is not a number of seconds: the default %g s applies", TIME_BUDGET_ENV, raw, DEFAULT_TIME_BUDGET)
        return DEFAULT_TIME_BUDGET


class _Budget:
    """One article's deadline; ``check`` raises ``ArticleTimeout`` once it has passed."""

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds if seconds else None

    def check(self, where: str) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise ArticleTimeout(f"the article's analysis ran past its time budget of {self.seconds:g} s (in {where})")


# What decides an extraction besides the spaCy model: the code of these modules and
# folders of the package, and its language data.
_EXTRACTOR_PARTS = ("stages", "resources", "article.py", "casing.py", "language.py", "model.py", "nlp.py",
                    "pipeline.py", "plausibility.py", "text.py")


@cache
def _code_digest() -> str:
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for part in _EXTRACTOR_PARTS:
        path = package / part
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix != ".pyc") if path.is_dir() else [path]
        for file in files:
            digest.update(file.relative_to(package).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


def extractor_version(model_meta: dict | None = None) -> str:
    """Which extractor made a result: ``clashwatch VERSION+CODE (MODEL VERSION)``, CODE a
    digest of the extraction code and language data, so that any change to them, released
    or not, is a new version (``clashwatch reextract`` brings stored articles up to it)."""
    meta = model_meta or {}
    model = f"{meta.get('lang', '')}_{meta.get('name', '')} {meta.get('version', '')}".strip()
    return f"clashwatch {__version__}+{_code_digest()} ({model})"


@cache
def get_pipeline() -> Pipeline:
    """The process-wide pipeline (spaCy model and gazetteer loaded once)."""
    return Pipeline()


class _Prepared(NamedTuple):
    article: Article
    text: PreparedText
    reference: dt.date  # what relative dates resolve against
    warnings: list[str]


class Pipeline:
    """Loads the model and gazetteer once; `extract` and `extract_many` reuse them.

    ``time_budget``: seconds of stages per article (None: ``CLASHWATCH_TIME_BUDGET`` or
    ``DEFAULT_TIME_BUDGET``; 0: no budget). It may be changed on the instance."""

    def __init__(self, model: str | None = None, *, time_budget: float | None = None):
        self.nlp = load_model(model)
        self.gazetteer = Gazetteer.load()
        self.version = extractor_version(self.nlp.meta)
        self.time_budget: float = _configured_budget() if time_budget is None else time_budget

    # -- public API -------------------------------------------------------------------
    def extract(self, text: str, published=None, title: str | None = None, *, id: str | None = None,
                url: str | None = None, outlet: str | None = None, source: str | None = None) -> ArticleResult:
        """One article's result. ``outlet`` is who published it (``source``: the same, the name
        input records use)."""
        article = make_article(text, published=published, title=title, id=id, url=url, outlet=outlet or source)
        return next(self.extract_many([article]))

    def extract_many(self, articles: Iterable[Article], batch_size: int = 32) -> Iterator[ArticleResult]:
        """Results in input order, parsing with `nlp.pipe` in batches."""
        prepared = ((p.text.analysed, p) for p in map(self._prepare, articles))
        for doc, prep in self.nlp.pipe(prepared, as_tuples=True, batch_size=batch_size):
            yield self._analyse(doc, prep)

    def extract_resilient(
        self,
        items: Iterable[T],
        on_failure: Callable[[T, BaseException], None],
        *,
        article: Callable[[T], Article] = lambda item: item,  # type: ignore[assignment,return-value]
        batch_size: int = 32,
        fatal: tuple[type[BaseException], ...] = (),
    ) -> Iterator[tuple[T, ArticleResult]]:
        """``(item, result)`` for each item, in input order, through one lazy ``extract_many``.

        When the pipeline raises, the items it had taken but not returned are retried one
        at a time; the one that fails again goes to ``on_failure`` and the run goes on.
        ``MemoryError``, ``KeyboardInterrupt`` and the ``fatal`` exceptions end it. Memory
        stays bounded by the batch size.
        """
        source = iter(items)
        pending: deque[T] = deque()
        stop = (MemoryError, KeyboardInterrupt, *fatal)

        def feed() -> Iterator[Article]:
            for item in source:
                pending.append(item)
                yield article(item)

        while True:
            try:
                for result in self.extract_many(feed(), batch_size=batch_size):
                    yield pending.popleft(), result
                return
            except stop:
                raise
            except Exception:  # noqa: BLE001 - retried one by one below
                taken = list(pending)
                pending.clear()
                for item in taken:
                    try:
                        result = next(self.extract_many([article(item)], batch_size=1))
                    except stop:
                        raise
                    except Exception as exc:  # noqa: BLE001
                        on_failure(item, exc)
                    else:
                        yield item, result

    # -- internals ----------------------------------------------------------------------
    def _prepare(self, article: Article) -> _Prepared:
        reference, no_date = reference_date(article)
        unread_warning = None
        if article.language is None:
            found = not_english(article.text)
            article.language = found.code if found is not None else ENGLISH
            if found is not None:
                unread_warning = not_english_warning(found)
        if article.language != ENGLISH:
            text = PreparedText(analysed="")  # nothing to read: an empty result says why
            if unread_warning is None and not any(w.startswith(NOT_ENGLISH_WARNING) for w in article.warnings):
                unread_warning = f"language given as {article.language!r}: not analysed, clashwatch reads English only"
        else:
            text = adapt_text(prepare_text(article.text, article.title, max_chars=MAX_CHARS), self.gazetteer)
        warnings = list(article.warnings) + text.warnings
        if unread_warning:
            warnings.append(unread_warning)
        elif no_date and article.language == ENGLISH:
            warnings.append(no_date)
        return _Prepared(article, text, reference, warnings)

    def _empty_result(self, prep: _Prepared, warnings: list[str]) -> ArticleResult:
        article = prep.article
        return ArticleResult(
            id=article.ensure_id(), title=article.title, url=article.url, outlet=article.outlet,
            published=article.published, published_origin=article.published_origin,
            reference_date=prep.reference, warnings=warnings, extractor_version=self.version,
        )

    def _analyse(self, doc: Doc, prep: _Prepared) -> ArticleResult:
        try:
            return self._analyse_unsafe(doc, prep)
        except ArticleTimeout as exc:
            log.warning("extraction failed for article %s: %s", prep.article.id, exc)
            return self._empty_result(prep, prep.warnings + [f"{EXTRACTION_FAILED} {type(exc).__name__}: {exc}"])
        except Exception as exc:  # one bad article must not end a batch
            log.debug("extraction failed for article %s", prep.article.id, exc_info=True)
            return self._empty_result(prep, prep.warnings + [f"{EXTRACTION_FAILED} {type(exc).__name__}: {exc}"])
        finally:
            release(doc)  # the stages' shared token table refers back to the document

    def _analyse_unsafe(self, doc: Doc, prep: _Prepared) -> ArticleResult:
        article, text, published = prep.article, prep.text, prep.reference
        if article.language != ENGLISH:
            return self._empty_result(prep, prep.warnings)
        budget = _Budget(self.time_budget)
        home = home_country(article.outlet, article.url)
        found_places = places.find_places(doc, self.gazetteer, check=budget.check, outlet=article.outlet, url=article.url)
        budget.check("places")
        found_dates = dates.find_dates(doc, published)
        budget.check("dates")
        found_actors = actors.find_actors(doc, found_places)
        budget.check("actors")
        found_claims = claims.find_claims(doc, published, found_dates)
        budget.check("claims")
        found_triggers = triggers.find_triggers(doc)
        found_weapons = triggers.find_weapons(doc)
        budget.check("triggers")
        result = assemble.assemble(
            doc,
            published=published,
            places=found_places,
            dates=found_dates,
            actors=found_actors,
            claims=found_claims,
            triggers=found_triggers,
            weapons=found_weapons,
            country_lookup=self.gazetteer.country,
            body_offset=text.body_offset,
            headline_end=text.headline_end,
            home_country=home,
        )
        if text.original is not None:
            restore_quotes(result, text.analysed, text.original, text.body_offset)
        result.id = article.ensure_id()
        result.title = article.title if article.title is not None else text.detected_title
        result.url = article.url
        result.outlet = article.outlet
        result.published = article.published
        result.published_origin = article.published_origin
        result.reference_date = published
        result.extractor_version = self.version
        result.warnings = prep.warnings + result.warnings
        return result
