"""A real HTTP server on 127.0.0.1 for the web, feed and ``watch`` tests.

    with FixtureServer() as server:
        server.add("/feed.xml", rss_feed(articles, server.url), content_type="application/rss+xml",
                   etag='"v1"', last_modified="Mon, 01 Jul 2024 08:30:00 GMT")
        server.add("/news/live", lambda: next(versions))      # called on every request
        server.redirect("/old", "/news/live")
        server.fail("/broken", 503)
        server.huge("/big", 20 * 1024 * 1024, chunked=True)   # streamed, never held in memory
        server.slow("/slow", "<p>late</p>", delay_s=30)
        httpx.get(server.url + "/feed.xml")
        server.count("/feed.xml"), server.requests[-1]        # (method, path, headers, status)

``ThreadingHTTPServer`` in a daemon thread on a free port, HTTP/1.1 with Content-Length
(keep-alive), GET and HEAD, 404 for unknown paths, 304 for a matching ``If-None-Match``
or ``If-Modified-Since``, no request logging. Routes can be added or replaced
(``set``) while it runs; leaving the ``with`` block shuts it down and closes the socket.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from support.newsfixtures import huge_page_chunks

Body = bytes | str | Callable[[], bytes | str]


@dataclass
class Route:
    body: Body = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    huge_size: int | None = None
    chunked: bool = False

    def payload(self) -> bytes:
        body = self.body() if callable(self.body) else self.body
        return body.encode("utf-8") if isinstance(body, str) else body


class FixtureServer:
    def __init__(self) -> None:
        self._routes: dict[str, Route] = {}
        self._requests: list[tuple[str, str, dict[str, str], int | None]] = []
        self._arrivals: list[tuple[str, float]] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self._httpd.handle_error = lambda request, client_address: None
        self.port = self._httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread: threading.Thread | None = None

    # --- routes ------------------------------------------------------------------------

    def add(self, path: str, body: Body, *, content_type: str = "text/html; charset=utf-8", status: int = 200,
            etag: str | None = None, last_modified: str | None = None, headers: dict[str, str] | None = None) -> None:
        """Serve ``body`` at ``path``; a callable body is called on every request (HEAD too)."""
        if path in self._routes:
            raise ValueError(f"{path} is already served; use set() to replace it")
        self.set(path, body, content_type=content_type, status=status, etag=etag, last_modified=last_modified, headers=headers)

    def set(self, path: str, body: Body, *, content_type: str = "text/html; charset=utf-8", status: int = 200,
            etag: str | None = None, last_modified: str | None = None, headers: dict[str, str] | None = None) -> None:
        """Like ``add``, but replaces whatever ``path`` served before."""
        self._put(path, Route(body, content_type, status, etag, last_modified, dict(headers or {})))

    def redirect(self, path: str, to: str, status: int = 301) -> None:
        self._put(path, Route(b"", status=status, headers={"Location": to}))

    def fail(self, path: str, status: int = 500, body: bytes | str = b"<h1>Internal Server Error</h1>") -> None:
        self._put(path, Route(body, status=status))

    def huge(self, path: str, size_bytes: int, *, chunked: bool = False) -> None:
        """A news page of exactly ``size_bytes``, generated while it is sent: with
        ``Content-Length``, or with ``Transfer-Encoding: chunked`` when ``chunked``."""
        self._put(path, Route(huge_size=size_bytes, chunked=chunked))

    def slow(self, path: str, body: bytes | str, delay_s: float, *, content_type: str = "text/html; charset=utf-8") -> None:
        """Answer only after ``delay_s`` seconds (cut short when the server stops)."""
        self._put(path, Route(body, content_type, delay_s=delay_s))

    def _put(self, path: str, route: Route) -> None:
        if not path.startswith("/"):
            raise ValueError(f"paths start with '/': {path!r}")
        with self._lock:
            self._routes[path] = route

    def route(self, path: str) -> Route | None:
        with self._lock:
            return self._routes.get(urlsplit(path).path)

    # --- what was asked ----------------------------------------------------------------

    @property
    def requests(self) -> list[tuple[str, str, dict[str, str], int | None]]:
        """A snapshot, in arrival order, of ``(method, path, headers, status)``. A request
        is listed as soon as it arrives, with status None until the status line is sent
        (and for good when a slow answer was cut short). Header names are lower-case; the
        path is as requested, with any query string."""
        with self._lock:
            return list(self._requests)

    def count(self, path: str) -> int:
        """How many requests asked for ``path`` (query strings ignored unless given)."""
        return sum(1 for _, p, _, _ in self.requests if p == path or urlsplit(p).path == path)

    @property
    def arrivals(self) -> list[tuple[str, float]]:
        """``(path, time.monotonic())`` of every request, in arrival order."""
        with self._lock:
            return list(self._arrivals)

    def _arrived(self, method: str, path: str, headers: dict[str, str]) -> int:
        with self._lock:
            self._requests.append((method, path, headers, None))
            self._arrivals.append((path, time.monotonic()))
            return len(self._requests) - 1

    def _answered(self, index: int, status: int) -> None:
        with self._lock:
            self._requests[index] = (*self._requests[index][:3], status)

    # --- lifetime ----------------------------------------------------------------------

    def start(self) -> "FixtureServer":
        self._thread = threading.Thread(target=self._httpd.serve_forever, name=f"fixture-http-{self.port}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join()
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> "FixtureServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def _not_modified(route: Route, headers) -> bool:
    if route.etag is not None and headers.get("If-None-Match") is not None:
        return route.etag in (tag.strip() for tag in headers["If-None-Match"].split(",")) or headers["If-None-Match"].strip() == "*"
    return route.last_modified is not None and headers.get("If-Modified-Since") == route.last_modified


def _handler_for(server: FixtureServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "FixtureServer/1.0"

        def log_message(self, format: str, *args) -> None:
            pass

        def do_GET(self) -> None:
            self._answer(send_body=True)

        def do_HEAD(self) -> None:
            self._answer(send_body=False)

        def _answer(self, send_body: bool) -> None:
            try:
                self._respond(send_body)
            except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
                self.close_connection = True

        def _respond(self, send_body: bool) -> None:
            self.entry = server._arrived(self.command, self.path, {k.lower(): v for k, v in self.headers.items()})
            route = server.route(self.path)
            if route is None:
                return self._send(404, {"Content-Type": "text/html; charset=utf-8"}, b"<h1>Not Found</h1>", send_body)
            if route.delay_s and server._stopping.wait(route.delay_s):
                self.close_connection = True
                return
            headers = {"Content-Type": route.content_type, **route.headers}
            if route.etag is not None:
                headers["ETag"] = route.etag
            if route.last_modified is not None:
                headers["Last-Modified"] = route.last_modified
            if _not_modified(route, self.headers):
                kept = {k: v for k, v in headers.items() if k in ("ETag", "Last-Modified", "Cache-Control")}
                return self._send(304, kept, None, send_body)
            if route.huge_size is not None:
                return self._stream(route, headers, send_body)
            self._send(route.status, headers, route.payload(), send_body)

        def _send(self, status: int, headers: dict[str, str], body: bytes | None, send_body: bool) -> None:
            self._start(status, headers)
            if body is not None:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if send_body and body:
                self.wfile.write(body)

        def _stream(self, route: Route, headers: dict[str, str], send_body: bool) -> None:
            self._start(200, headers)
            if route.chunked:
                self.send_header("Transfer-Encoding", "chunked")
            else:
                self.send_header("Content-Length", str(route.huge_size))
            self.end_headers()
            if not send_body:
                return
            for chunk in huge_page_chunks(route.huge_size):
                if not chunk:
                    continue
                if server._stopping.is_set():
                    self.close_connection = True
                    return
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk) if route.chunked else chunk)
            if route.chunked:
                self.wfile.write(b"0\r\n\r\n")

        def _start(self, status: int, headers: dict[str, str]) -> None:
            server._answered(self.entry, status)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)

    return Handler
