"""What ``clashwatch watch`` remembers between polls, kept in the store itself.

``feeds`` holds each feed's conditional-request validators (ETag, Last-Modified), where
a permanent redirect moved it, its failures in a row and when to poll it next;
``feed_items`` holds every item seen, and the article it became. An item counts as done
once its article is stored (``ingested``) or it was deliberately left out (``skipped``);
a ``failed`` one is tried again on later polls, up to ``MAX_ATTEMPTS`` times.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import insert, select, update

from . import tables as t

MAX_ATTEMPTS = 5
DONE = ("ingested", "skipped")


def is_done(status: str, attempts: int) -> bool:
    """No more work for an item: stored, skipped, or failed ``MAX_ATTEMPTS`` times."""
    return status in DONE or attempts >= MAX_ATTEMPTS


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite gives back naive datetimes: they were stored in UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.timezone.utc)
    return value


class FeedState:
    """Store methods for ``watch`` (mixed into ``Store``: it needs ``self.engine`` and
    ``self._write``, one write transaction retried on a transient conflict)."""

    engine: Any
    _write: Any

    def feed_state(self, url: str) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(t.feeds).where(t.feeds.c.url == url)).mappings().first()
        if row is None:
            return None
        state = dict(row)
        for key in ("last_polled_at", "next_poll_at"):
            state[key] = _aware(state[key])
        return state

    def save_feed_state(self, url: str, **values: Any) -> None:
        """Insert or update the row of ``url`` with ``values`` (columns of ``feeds``)."""

        def write(conn) -> None:
            found = conn.execute(select(t.feeds.c.url).where(t.feeds.c.url == url)).first()
            if found is None:
                fresh = dict(values)
                conn.execute(insert(t.feeds).values(url=url, failures=fresh.pop("failures", 0), **fresh))
            elif values:
                conn.execute(update(t.feeds).where(t.feeds.c.url == url).values(**values))

        self._write(f"saving the state of feed {url}", write)

    def known_items(self, feed_url: str, keys: list[str]) -> dict[str, tuple[str, int]]:
        """Of ``keys``, the items of this feed seen before: ``{key: (status, attempts)}``."""
        known: dict[str, tuple[str, int]] = {}
        with self.engine.connect() as conn:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                rows = conn.execute(
                    select(t.feed_items.c.item_key, t.feed_items.c.status, t.feed_items.c.attempts)
                    .where(t.feed_items.c.feed_url == feed_url, t.feed_items.c.item_key.in_(chunk))
                )
                known.update({key: (status, attempts) for key, status, attempts in rows})
        return known

    def mark_item(self, feed_url: str, key: str, status: str, *, article_id: str | None = None, reason: str | None = None) -> None:
        """Record what became of an item (``ingested``, ``skipped`` or ``failed``)."""

        def write(conn) -> None:
            found = conn.execute(
                select(t.feed_items.c.attempts).where(t.feed_items.c.feed_url == feed_url, t.feed_items.c.item_key == key)
            ).first()
            values = {"status": status, "article_id": article_id, "reason": reason, "seen_at": _now()}
            if found is None:
                conn.execute(insert(t.feed_items).values(feed_url=feed_url, item_key=key, attempts=1, **values))
            else:
                conn.execute(
                    update(t.feed_items)
                    .where(t.feed_items.c.feed_url == feed_url, t.feed_items.c.item_key == key)
                    .values(attempts=found[0] + 1, **values)
                )

        self._write(f"recording feed item {key}", write)
