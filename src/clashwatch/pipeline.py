"""The pipeline: one spaCy parse, small stages over it, assembly into an ArticleResult.

Each stage is a plain function of the parsed document (plus the resources it needs)
that returns typed findings (see ``model.py``); ``assemble`` is the only place that
knows how findings combine into events, and ``estimate`` reconciles each event's claims.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc

from .stages import actors, assemble, claims, dates, places, triggers
from .stages.gazetteer import Gazetteer
from .language import ENGLISH, not_english
from .model import ArticleResult
from .nlp import load_model
from .readers.checks import NOT_ENGLISH_WARNING, not_english_warning
from .text import PreparedText, prepare_text

# spaCy's default max_length is 1,000,000 characters; clashwatch analyses at most this
# much of one article and warns about the rest.
MAX_CHARS = 100_000

log = logging.getLogger("clashwatch")


@dataclass
class ArticleInput:
    text: str
    published: dt.date | None = None
    title: str | None = None
    id: str | None = None
    url: str | None = None
    source: str | None = None
    warnings: list[str] = field(default_factory=list)
    language: str | None = None  # ISO 639-1; not "en": the article is not analysed; None: identified here


def article_id(text: str, url: str | None = None) -> str:
    """A stable id: from the URL when there is one, else from the text."""
    basis = url or " ".join(text.split())
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


class Pipeline:
    """Loads the model and gazetteer once; `extract` and `extract_many` reuse them."""

    def __init__(self, model: str | None = None):
        self.nlp = load_model(model)
        self.gazetteer = Gazetteer.load()

    # -- public API -------------------------------------------------------------------
    def extract(
        self,
        text: str,
        published: dt.date | str | None = None,
        title: str | None = None,
        *,
        id: str | None = None,
        url: str | None = None,
        source: str | None = None,
    ) -> ArticleResult:
        article = ArticleInput(text=text, published=_as_date(published), title=title, id=id, url=url, source=source)
        return next(self.extract_many([article]))

    def extract_many(self, articles: Iterable[ArticleInput], batch_size: int = 32) -> Iterator[ArticleResult]:
        """Results in input order, parsing with `nlp.pipe` in batches."""
        prepared = (self._prepare(a) for a in articles)
        texts_and_ctx = ((p.analysed, p) for p in prepared)
        for doc, prep in self.nlp.pipe(texts_and_ctx, as_tuples=True, batch_size=batch_size):
            yield self._analyse(doc, prep)

    # -- internals ----------------------------------------------------------------------
    def _prepare(self, article: ArticleInput):
        article.published = _as_date(article.published)
        published = article.published or dt.date.today()
        unread_warning = None
        if article.language is None:
            found = not_english(article.text)
            article.language = found.code if found is not None else ENGLISH
            if found is not None:
                unread_warning = not_english_warning(found)
        if article.language != ENGLISH:
            prep = PreparedText(analysed="")  # nothing to read: an empty result says why
            if unread_warning is None and not any(w.startswith(NOT_ENGLISH_WARNING) for w in article.warnings):
                unread_warning = f"language given as {article.language!r}: not analysed, clashwatch reads English only"
        else:
            prep = prepare_text(article.text, article.title, max_chars=MAX_CHARS)
        prep.article = article
        prep.published = published
        if unread_warning:
            prep.warnings.append(unread_warning)
        elif article.published is None and article.language == ENGLISH:
            prep.warnings.append("no publication date given: relative dates resolved against today")
        return prep

    @staticmethod
    def _unread(article: ArticleInput, prep, warnings: list[str]) -> ArticleResult:
        """The result for an article that is not read (not English): no findings, its warnings."""
        return ArticleResult(
            id=article.id or article_id(article.text, article.url), title=article.title, url=article.url,
            source=article.source, published=article.published, reference_date=prep.published, warnings=warnings,
        )

    def _analyse(self, doc: Doc, prep) -> ArticleResult:
        article: ArticleInput = prep.article
        try:
            return self._analyse_unsafe(doc, prep)
        except Exception as exc:  # one bad article must not end a batch
            log.exception("extraction failed for article %s", article.id)
            return ArticleResult(
                id=article.id or article_id(article.text, article.url),
                title=article.title,
                url=article.url,
                source=article.source,
                published=article.published,
                reference_date=prep.published,
                warnings=list(article.warnings) + prep.warnings + [f"extraction failed: {type(exc).__name__}: {exc}"],
            )

    def _analyse_unsafe(self, doc: Doc, prep) -> ArticleResult:
        article: ArticleInput = prep.article
        published: dt.date = prep.published
        warnings = list(article.warnings) + prep.warnings
        if article.language != ENGLISH:
            return self._unread(article, prep, warnings)
        found_places = places.find_places(doc, self.gazetteer)
        found_dates = dates.find_dates(doc, published)
        found_actors = actors.find_actors(doc, found_places)
        found_claims = claims.find_claims(doc, published, found_dates)
        found_triggers = triggers.find_triggers(doc)
        found_weapons = triggers.find_weapons(doc)
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
            body_offset=prep.body_offset,
            headline_end=prep.headline_end,
        )
        result.id = article.id or article_id(article.text, article.url)
        result.title = article.title if article.title is not None else prep.detected_title
        result.url = article.url
        result.source = article.source
        result.published = article.published
        result.reference_date = published
        result.warnings = warnings + result.warnings
        return result


def _as_date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)
