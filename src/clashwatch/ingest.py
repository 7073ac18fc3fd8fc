"""The ingest loop: articles from any input reader (``readers/``) into the corpus store.

    from clashwatch.ingest import Ingester, expand_inputs
    files = expand_inputs(["reports/", "feed.jsonl", "crawl.warc.gz"])   # folders walked, sorted
    stats = Ingester(store, pipeline, batch_size=32).run(files)
    print(stats.summary())   # articles: 3 new, 0 updated, 1 unchanged, 0 duplicate, 0 failed; events: 5 created, 1 merged

For every article, in input order:

1. ``store.check(article)`` decides, before any extraction, whether the article is new,
   updated (a known URL, or a known id without URL, with a different text), stale (an
   older version of a known URL), unchanged or a duplicate (a known text under another
   URL). Unchanged articles are only counted; duplicates are recorded by the store
   (pointing at their original) without extraction, unless the store will count the
   copy instead of the stored one (it was published earlier);
2. the others go, as one lazy generator, through ``Pipeline.extract_many`` (``nlp.pipe``
   batches: memory grows with the batch size, never with the input);
3. ``store.save(article, result)`` stores each result in one transaction (the article,
   its mentions, claims and places, then event merging) and its ``SaveOutcome`` is
   counted (a stale version counts as unchanged: only its claims are kept, as history).
   The store checks the article again under its write lock, so other processes writing
   into the same store at the same time (another ``ingest``, ``watch``, the API) are
   safe; conflicts it retried are counted in ``stats.retried``.

A bad input (unreadable, binary or non-UTF-8 file, a bad JSONL line, a page with no
text: a reader's ``Problem``) is reported through ``on_error`` and counted as failed; so
is an article the pipeline fails on (it is not stored, so a later run retries it) and an
article the store rejects. The run goes on with the others. An item a reader leaves out
on purpose (``Skipped``: a web archive's image) is counted as skipped; an article not in
English is stored unanalysed and counted. A database that stops answering (``OperationalError``: unreachable, locked,
disk full) ends the run with ``StoreUnavailable``.

``should_stop`` is asked after every article: when it says yes (``StopSignals`` below:
SIGINT or SIGTERM), the loop ends after the current article is saved (with a writer
process, after the articles already handed to it); everything saved stays, and no article
is ever half-saved because each save is one transaction.

This module has no Click in it: the command line (``clashwatch ingest``) and the
benchmarks drive it alike.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import signal
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .article import Article, from_mapping
from .model import EXTRACTION_FAILED
from .readers import INPUT_KINDS, InputFile, Problem, ReadOptions, Skipped, expand_inputs
from .writer import SaveProcess, Saved, fatal_reason, is_fatal_db_error, save_one

__all__ = ["INPUT_KINDS", "InputFile", "expand_inputs", "Ingester", "IngestStats", "StopSignals", "StoreUnavailable"]

log = logging.getLogger("clashwatch")

class StoreUnavailable(RuntimeError):
    """The database cannot be used any more (unreachable, locked, disk full); ``str()`` is one line."""


# --------------------------------------------------------------------------- items


@dataclass
class Item:
    """The ingest loop's state for one article."""

    article: Article
    kind: str = "text"  # text | jsonl | record | page: warnings are passed on for text files only
    checked: str | None = None  # what Store.check said (None: to be checked again before saving)
    keys: tuple = ()  # the store rows its save may touch (see Ingester.run_items)

    @property
    def origin(self) -> str:
        return self.article.origin

    @property
    def progress(self) -> int:
        return self.article.progress


def _probe_keys(item: Item) -> list[tuple[str, str]]:
    """The rows ``Store.check`` looks at for this article: by URL, by text, by id."""
    from .store import text_hash

    r = item.article
    keys = [("hash", text_hash(r.text)), ("id", r.id)]
    if r.url:
        keys.append(("url", r.url))
    return keys


def _release(inflight: Counter, keys: Iterable) -> None:
    for key in keys:
        inflight[key] -= 1
        if inflight[key] <= 0:
            del inflight[key]


def _touched_keys(item: Item, existing: dict | None) -> tuple:
    """The rows saving this article may insert or change: its own, and the one it updates."""
    keys = _probe_keys(item)
    if existing:
        keys += [("hash", existing.get("text_hash")), ("id", existing.get("id"))]
        if existing.get("url"):
            keys.append(("url", existing["url"]))
    return tuple(keys)


@dataclass
class IngestStats:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicate: int = 0
    failed: int = 0
    events_created: int = 0
    events_merged: int = 0
    with_warnings: int = 0
    extracted: int = 0  # articles that went through the pipeline
    history: int = 0  # of the unchanged: older versions of known URLs, their claims kept as history
    skipped: int = 0  # items deliberately not read (a web archive's images, error pages)
    not_english: int = 0  # of the new and updated: stored but not analysed
    retried: int = 0  # saves tried again after a transient conflict with another writer (store.transactions)

    @property
    def articles(self) -> int:
        return self.new + self.updated + self.unchanged + self.duplicate + self.failed

    def summary(self) -> str:
        line = (
            f"articles: {self.new:,} new, {self.updated:,} updated, {self.unchanged:,} unchanged, "
            f"{self.duplicate:,} duplicate, {self.failed:,} failed; "
            f"events: {self.events_created:,} created, {self.events_merged:,} merged"
        )
        if self.history:
            line += f"; {self.history:,} older version{'s' if self.history != 1 else ''} of known URLs kept as history"
        if self.not_english:
            line += f"; {self.not_english:,} not in English (stored, not analysed)"
        if self.skipped:
            line += f"; {self.skipped:,} skipped (not article pages)"
        if self.retried:
            line += f"; {self.retried:,} write conflict{'s' if self.retried != 1 else ''} with other writers retried"
        return line

    def short(self) -> str:
        """For a progress bar."""
        return f"{self.new:,} new, {self.updated:,} upd, {self.unchanged:,} same, {self.duplicate:,} dup, {self.failed:,} failed"


# --------------------------------------------------------------------------- stopping


class StopSignals:
    """SIGINT and SIGTERM ask the ingest loop to stop after the current article.

    The first signal only sets ``received`` (and says so on stderr); the loop sees it
    after the article it is on has been saved. A second signal raises
    ``KeyboardInterrupt`` at once: an article being saved is then rolled back (one
    transaction), never half-written. Installed only in the main thread; the previous
    handlers come back on exit. Calling the object tells whether to stop.
    """

    def __init__(self, signals: tuple[int, ...] = (signal.SIGINT, signal.SIGTERM), message: str | None = None):
        self.signals = signals
        self.message = message
        self.received: int | None = None
        self._previous: dict[int, Any] = {}

    def _handler(self, signum, frame) -> None:
        if self.received is not None:
            raise KeyboardInterrupt
        self.received = signum
        if self.message:
            try:  # os.write: safe inside a signal handler, whatever stderr's buffer is doing
                os.write(2, (self.message + "\n").encode())
            except OSError:
                pass

    def __enter__(self) -> StopSignals:
        for signum in self.signals:
            try:
                self._previous[signum] = signal.signal(signum, self._handler)
            except (ValueError, OSError):  # not the main thread
                pass
        return self

    def __exit__(self, *exc: Any) -> None:
        for signum, previous in self._previous.items():
            try:
                signal.signal(signum, previous)
            except (ValueError, OSError):
                pass
        self._previous.clear()

    def __call__(self) -> bool:
        return self.received is not None


# --------------------------------------------------------------------------- the loop


class Ingester:
    """Reads inputs, checks each article against the store, extracts, saves; counts outcomes.

    Callbacks (all optional): ``on_error(origin, reason)`` for a failed article or input,
    ``on_warning(origin, warning)`` for the warnings of stored text and HTML file articles
    (those of records, feed items and archived pages are only counted in
    ``stats.with_warnings``),
    ``on_progress(bytes_done, stats)`` after each article, ``on_outcome(origin,
    SaveOutcome, warnings)`` for each article stored or found unchanged, ``should_stop()``
    asked after each article.

    ``writer_process``: saves run in a writer process of their own (``writer.SaveProcess``,
    in input order), beside the parse instead of after it. The writer starts with the run;
    until it has opened the store, saves are made here, so a short run never waits for it
    (``saves_in_writer`` counts those it made). A database only this process can see
    (in-memory SQLite) is always saved here. ``time_saves`` keeps each save's seconds in
    ``save_seconds`` (for benchmarks).
    """

    def __init__(
        self,
        store: Any,
        pipeline: Any,
        *,
        batch_size: int = 32,
        published: dt.date | None = None,
        read_options: ReadOptions | None = None,
        on_error: Callable[[str, str], None] | None = None,
        on_warning: Callable[[str, str], None] | None = None,
        on_progress: Callable[[int, IngestStats], None] | None = None,
        on_outcome: Callable[[str, Any, list[str]], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
        writer_process: bool = False,
        time_saves: bool = False,
    ):
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.store = store
        self.pipeline = pipeline
        self.batch_size = batch_size
        self.published = published
        self.read_options = read_options or ReadOptions(published=published)
        self.on_error = on_error or (lambda origin, reason: log.error("%s: %s", origin, reason))
        self.on_warning = on_warning or (lambda origin, warning: None)
        self.on_progress = on_progress or (lambda done, stats: None)
        self.on_outcome = on_outcome or (lambda origin, outcome, warnings: None)
        self.should_stop = should_stop or (lambda: False)
        self.writer_process = writer_process
        self.stats = IngestStats()
        self.save_seconds: list[float] | None = [] if time_saves else None  # each save's seconds, wherever it ran
        self.stopped = False
        self._done = 0
        self._inflight: Counter = Counter()  # rows touched by articles taken but not saved yet
        self._writer: SaveProcess | None = None
        self._waiting: dict[int, tuple[Item, Any]] = {}  # submitted to the writer, not answered yet
        self._submitted = 0
        self.saves_in_writer = 0

    # -- public ---------------------------------------------------------------------
    def run(self, files: Iterable[InputFile]) -> IngestStats:
        """Ingest every article of ``files``; returns the counts (also on ``self.stats``)."""
        return self.run_items(self._items(files))

    def run_items(self, items: Iterable[Item]) -> IngestStats:
        """The loop itself, over ``Item``s (``run`` and ``ingest_records`` make them).

        Articles are checked as the pipeline takes them, which is up to a batch ahead of
        the saves. An article found unchanged or a duplicate is settled at once, unless an
        article taken before it and not saved yet touches the same rows (same URL, text or
        id, or the row that one updates): then the store's own check at save time could
        differ, so it goes through the pipeline too and ``save`` decides, exactly as if
        the articles had been handled one at a time in input order.
        """
        from .store import SaveOutcome

        inflight = self._inflight
        stop = self._stop

        def to_extract() -> Iterator[Item]:
            for item in items:
                if stop():
                    return
                checked = self._check(item)
                if checked is None:
                    continue
                status, existing = checked
                item.checked = status
                contested = bool(inflight) and any(k in inflight for k in _probe_keys(item))
                if contested:
                    item.checked = None  # decided again just before saving
                if status in ("unchanged", "duplicate") and contested:
                    status = "recheck"
                elif status == "duplicate" and self._copy_counts_instead(item, existing):
                    status = "recheck"
                if status in ("new", "updated", "stale", "recheck"):
                    item.keys = _touched_keys(item, existing)
                    inflight.update(item.keys)
                    yield item
                elif status == "duplicate":
                    self._save(item, None)  # recorded, pointing at its original; nothing to extract
                else:
                    self.stats.unchanged += 1
                    self.on_outcome(item.origin, SaveOutcome("unchanged", existing["id"] if existing else item.article.id), [])
                    self._progress(item)
                if stop():
                    return

        def failed(item: Item, exc: BaseException) -> None:
            _release(inflight, item.keys)
            self._fail(item.origin, f"analysis failed ({type(exc).__name__}: {exc})", item.progress)

        self._start_writer()
        finished = False
        try:
            extracted = self.pipeline.extract_resilient(
                to_extract(), failed, article=lambda item: item.article, batch_size=self.batch_size, fatal=(StoreUnavailable,)
            )
            for item, result in extracted:
                self._save(item, result)
                if stop():
                    break
            self._settle(block=True)
            finished = True
        finally:
            self._stop_writer(abandon=not finished)
        return self.stats

    def ingest_records(self, records: Iterable[dict], name: str = "<records>") -> IngestStats:
        """Ingest dicts ``{"id", "text", "published", "title"?, "url"?, "source"?}`` (from Python)."""

        def items() -> Iterator[Item]:
            for n, r in enumerate(records, 1):
                article = from_mapping(r, origin=f"{name}: record {n}")
                article.progress = n
                if article.published is None and self.published is not None:
                    article.published, article.published_origin = self.published, "given"
                yield self._item(article, "record")

        return self.run_items(items())

    # -- internals ------------------------------------------------------------------
    def _stop(self) -> bool:
        if not self.stopped and self.should_stop():
            self.stopped = True
        return self.stopped

    def _fail(self, origin: str, reason: str, progress: int | None = None) -> None:
        self.stats.failed += 1
        self.on_error(origin, reason)
        if progress is not None:
            self._done = max(self._done, progress)
            self.on_progress(self._done, self.stats)

    def _progress(self, item: Item) -> None:
        self._done = max(self._done, item.progress)
        self.on_progress(self._done, self.stats)

    def _item(self, article: Article, kind: str) -> Item:
        article.ensure_id()
        return Item(article, kind)

    def _items(self, files: Iterable[InputFile]) -> Iterator[Item]:
        from .readers import read_input

        done = 0  # bytes of the inputs before this one
        for f in files:
            kind = "text" if f.kind in ("text", "html") else "jsonl"
            yield from self.article_items(read_input(f, self.read_options, done), kind)
            done += f.size or 0

    def article_items(self, found: Iterable[Article | Problem | Skipped], kind: str = "jsonl") -> Iterator[Item]:
        """Items for what a reader found: problems are failures, skips are counted."""
        for article in found:
            if isinstance(article, Problem):
                self._fail(article.origin, article.reason, article.progress)
                continue
            if isinstance(article, Skipped):
                self.stats.skipped += 1
                self._done = max(self._done, article.progress)
                self.on_progress(self._done, self.stats)
                continue
            if not article.text.strip():
                self._fail(article.origin, "empty article: nothing to store", article.progress)
                continue
            yield self._item(article, kind)

    def run_articles(self, found: Iterable[Article | Problem]) -> IngestStats:
        """Ingest articles read elsewhere (the HTTP API's body); a ``Problem`` is a failure."""
        return self.run_items(self.article_items(found))

    def _check(self, item: Item) -> tuple[str, dict | None] | None:
        try:
            return self.store.check(item.article)
        except Exception as exc:  # noqa: BLE001 - sorted below
            if is_fatal_db_error(exc):
                raise StoreUnavailable(fatal_reason(exc)) from exc
            self._fail(item.origin, f"could not be checked against the store ({type(exc).__name__}: {exc})", item.progress)
            return None

    def _copy_counts_instead(self, item: Item, existing: dict | None) -> bool:
        """A re-published copy that the store will count instead of the stored one (it was
        published earlier): it needs an extraction, like a new article."""
        canonical_first = getattr(type(self.store), "_canonical_first", None)
        if canonical_first is None or existing is None:
            return False
        try:
            return bool(canonical_first(item.article, existing))
        except Exception:  # noqa: BLE001 - then save decides, with a result to hand
            return True

    # -- saving: here, or in the writer process ---------------------------------------
    def start_writer(self, wait: float = 0.0) -> bool:
        """Start the writer process now, if ``writer_process`` and not started yet (a run
        starts it anyway); whether it takes articles, after waiting up to ``wait`` seconds."""
        if self._writer is None:
            self._start_writer()
        return self._writer is not None and self._writer_ready(wait)

    def _start_writer(self) -> None:
        if not self.writer_process or self._writer is not None:
            return
        from .store import Store

        url = self.store.engine.url
        if not isinstance(self.store, Store) or (url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")):
            return  # a database only this process can see: saved here
        self._writer = SaveProcess(url.render_as_string(hide_password=False)).start()

    def _writer_ready(self, wait: float = 0.0) -> bool:
        """Whether saves go to the writer: once it has opened the store (until then, and if
        it cannot, they are made here; nothing waits for it to start)."""
        writer = self._writer
        if writer is None:
            return False
        try:
            if writer.ready(wait):
                return True
        except RuntimeError as exc:
            log.info("saving in this process: the writer process could not start (%s)", exc)
            self._stop_writer(abandon=True)
        return False

    def _stop_writer(self, abandon: bool) -> None:
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.close(abandon=abandon)

    def _save(self, item: Item, result: Any) -> None:
        """Save one article, here or through the writer process (answered in ``_settle``)."""
        if result is not None:
            self.stats.extracted += 1
            failed = [w for w in result.warnings if w.startswith(EXTRACTION_FAILED)]
            if failed:  # not stored, so that a later run (after a fix) tries it again
                _release(self._inflight, item.keys)
                self._fail(item.origin, f"analysis failed ({failed[0][len(EXTRACTION_FAILED):].strip()})", item.progress)
                return
        # its status may have changed while it was being extracted: check again, so that an
        # older version kept as history is told from an unchanged copy
        recheck = item.checked is None and result is not None
        if not self._writer_ready():
            self._saved(item, result, save_one(self.store, item.article, result, recheck))
            return
        self._submitted += 1
        self.saves_in_writer += 1
        self._waiting[self._submitted] = (item, result)
        try:
            self._writer.submit(self._submitted, item.article, result, recheck)
        except RuntimeError as exc:
            raise StoreUnavailable(str(exc)) from None
        self._settle(block=self._writer.pending >= 4 * self.batch_size)

    def _settle(self, block: bool) -> None:
        """Count the writer's answers that have come (``block``: all of them)."""
        writer = self._writer
        while writer is not None and writer.pending:
            try:
                answers = writer.results(block=block)
            except RuntimeError as exc:
                raise StoreUnavailable(str(exc)) from None
            if not answers:
                return
            for token, saved in answers:
                item, result = self._waiting.pop(token)
                self._saved(item, result, saved)

    def _saved(self, item: Item, result: Any, saved: Saved) -> None:
        stats = self.stats
        if saved.kind == "needs_extraction":
            # the store wanted an extraction after all (a copy it now counts instead of the
            # stored one): extract this one article and save it again
            result = next(iter(self.pipeline.extract_many([item.article], batch_size=1)))
            stats.extracted += 1
            saved = save_one(self.store, item.article, result, recheck=False)
        _release(self._inflight, item.keys)
        if saved.kind == "fatal":
            raise StoreUnavailable(saved.reason)
        if saved.kind != "saved":
            self._fail(item.origin, saved.reason, item.progress)
            return
        if saved.checked is not None:
            item.checked = saved.checked
        if self.save_seconds is not None:
            self.save_seconds.append(saved.seconds)
        outcome = saved.outcome
        status = outcome.status
        setattr(stats, status, getattr(stats, status) + 1)
        stats.retried += getattr(outcome, "retries", 0)
        # the store says whether it kept an older version as history (decided under its write
        # lock); a store that does not say is believed from the check before extraction
        history = getattr(outcome, "history", None)
        if status == "unchanged" and result is not None and (history if history is not None else item.checked == "stale"):
            stats.history += 1
        stats.events_created += outcome.events_created
        stats.events_merged += outcome.events_merged
        if status in ("new", "updated") and item.article.language not in (None, "en"):
            stats.not_english += 1
        if result is not None and status in ("new", "updated") and result.warnings:
            stats.with_warnings += 1
            if item.kind == "text":
                for warning in result.warnings:
                    self.on_warning(item.origin, warning)
        self.on_outcome(item.origin, outcome, list(result.warnings) if result is not None else [])
        self._progress(item)
