"""Rendered read responses kept in memory, for as long as the store has not changed.

``ResponseCache`` is pure ASGI middleware in front of the routes (inside ``HostCheck``, so
a foreign Host header is refused first, and ``Guard``, which adds its headers to every
answer). A ``GET`` of ``/api/events``, ``/api/events.geojson``, ``/api/events.grid``,
``/api/stats`` or ``/api/events/{id}`` that the routes answered 200 is kept, keyed by its
path and query string (these endpoints give the same body whatever the request's other
headers say), in a least-recently-used table bounded in bytes and entries
(``Responses``). A repeat of the request is answered from it without routing,
validation or SQL, with ``X-Cache: hit`` (``miss`` when the routes answered).

Never stale: every entry carries the store's data version at the time the request came
in, and a request is answered from the table only when the version has not moved since.
On SQLite the version is ``PRAGMA data_version`` read on a connection of its own that never
writes: it changes whenever any other connection commits, in this process (the API's own
writes go through the store's pool) or any other (``clashwatch ingest``, ``sqlite3``). A
request that meets a new version empties the table. On PostgreSQL there is no such cheap
per-request check, so there is no cache (``version_source`` gives None).

A private server checks the bearer token before answering from the table; a request
without it goes on to the routes, which refuse it.
"""

from __future__ import annotations

import hmac
import os
import re
import sqlite3
from collections import OrderedDict
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from starlette.datastructures import Headers

CACHED_PATHS = re.compile(r"/api/(events|events\.geojson|events\.grid|stats|events/[^/]+)")
DEFAULT_MAX_ENTRIES = 1024


class Responses:
    """A least-recently-used table of ``(headers, body)`` by key, for one data version,
    holding at most ``max_entries`` entries and ``max_bytes`` bytes of bodies and keys (a
    body larger than an eighth of that is not kept)."""

    def __init__(self, max_bytes: int, max_entries: int = DEFAULT_MAX_ENTRIES):
        self.max_bytes = max_bytes
        self.max_entries = max_entries
        self.largest = max_bytes // 8
        self.version: Any = None
        self.bytes = 0
        self._entries: OrderedDict[Any, tuple[list, bytes, int]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def at(self, version: Any) -> None:
        """The store is at ``version``: everything kept for another is dropped."""
        if version != self.version:
            self._entries.clear()
            self.bytes = 0
            self.version = version

    def get(self, key: Any) -> tuple[list, bytes] | None:
        found = self._entries.get(key)
        if found is None:
            return None
        self._entries.move_to_end(key)
        return found[0], found[1]

    def put(self, key: Any, version: Any, headers: list, body: bytes) -> bool:
        """Keep ``body`` for ``key`` if it was read at the current version and fits."""
        size = len(body) + _size(key) + sum(len(k) + len(v) for k, v in headers)
        if version != self.version or size > self.largest:
            return False
        old = self._entries.pop(key, None)
        if old is not None:
            self.bytes -= old[2]
        self._entries[key] = (headers, body, size)
        self.bytes += size
        while self.bytes > self.max_bytes or len(self._entries) > self.max_entries:
            _, (_, _, dropped) = self._entries.popitem(last=False)
            self.bytes -= dropped
        return True


def _size(key: Any) -> int:
    return sum(len(part) for part in key) if isinstance(key, tuple) else len(key)


def version_source(engine) -> tuple[Callable[[], Any], Callable[[], None]] | None:
    """``(version, close)`` for a store whose every commit can be seen cheaply: a SQLite
    file. ``version()`` is None when it cannot be read (then nothing is cached)."""
    if engine.dialect.name != "sqlite":
        return None
    path = engine.url.database
    if not path or path == ":memory:" or path.startswith("file:"):
        return None
    held: list[sqlite3.Connection] = []

    def version() -> Any:
        try:
            if not held:  # opened on first use, never creating the file
                held.append(sqlite3.connect(f"file:{quote(os.path.abspath(path))}?mode=rw", uri=True, timeout=1.0,
                                            isolation_level=None, check_same_thread=False))
            return held[0].execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            return None

    def close() -> None:
        while held:
            held.pop().close()

    return version, close


class ResponseCache:
    """ASGI middleware: see the module's text. ``token``: the bearer token a private
    server's reads need (None on an open server)."""

    def __init__(self, app, responses: Responses, version: Callable[[], Any], token: str | None = None):
        self.app = app
        self.responses = responses
        self.version = version
        self.token = token.encode() if token else None

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "GET" or not CACHED_PATHS.fullmatch(scope["path"]):
            return await self.app(scope, receive, send)
        version = self.version()
        if version is None:
            return await self.app(scope, receive, send)
        self.responses.at(version)
        key = (scope["path"], scope["query_string"])
        found = self.responses.get(key)
        if found is not None and self._may_read(scope):
            headers, body = found
            await send({"type": "http.response.start", "status": 200, "headers": [*headers, (b"x-cache", b"hit")]})
            await send({"type": "http.response.body", "body": body})
            return
        start: dict = {}
        chunks: list[bytes] = []
        size = 0

        async def keep(message):
            nonlocal start, size
            if message["type"] == "http.response.start":
                start = message
                message = {**message, "headers": [*message.get("headers", []), (b"x-cache", b"miss")]}
            elif message["type"] == "http.response.body" and size <= self.responses.largest:
                chunks.append(message.get("body", b""))
                size += len(chunks[-1])
                if not message.get("more_body", False) and start.get("status") == 200 and size <= self.responses.largest:
                    self.responses.put(key, version, list(start.get("headers", [])), b"".join(chunks))
            await send(message)

        await self.app(scope, receive, keep)

    def _may_read(self, scope) -> bool:
        if self.token is None:
            return True
        scheme, _, given = Headers(scope=scope).get("authorization", "").partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), self.token)
