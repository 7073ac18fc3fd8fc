"""Fetching feeds and pages over HTTP (httpx), for ``clashwatch watch``.

    fetcher = Fetcher(timeout=20, max_bytes=10_000_000)
    got = fetcher.get(url, etag=state["etag"], last_modified=state["last_modified"])
    got.status      # 200, or 304 when the validators still hold (got.body is then empty)

Proxies come from the environment (``HTTPS_PROXY``, ``NO_PROXY``, ...). Redirects are
followed (at most ``MAX_REDIRECTS``); ``moved_to`` says where a chain of
permanent ones (301, 308) led, so that the caller can poll there from then on. A body is
read as a stream and given up as soon as it passes ``max_bytes``. Everything that goes
wrong (no connection, a timeout, an HTTP error status, too many redirects, a body too
large) is a ``FetchError`` with a one-line reason.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from .. import __version__
from ..readers.checks import human_size

MAX_REDIRECTS = 5
USER_AGENT = f"clashwatch/{__version__} (+https://github.com/clashwatch/clashwatch)"
FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


class FetchError(Exception):
    """A fetch that failed; ``str()`` is the reason in one line, ``status`` the HTTP status if one came."""

    def __init__(self, reason: str, status: int | None = None):
        super().__init__(reason)
        self.status = status


@dataclass
class Fetched:
    url: str  # where the body came from, after redirects
    status: int
    body: bytes
    content_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    moved_to: str | None = None  # the end of a chain of permanent redirects


class Fetcher:
    def __init__(self, *, timeout: float = 20.0, max_bytes: int = 10_000_000, user_agent: str = USER_AGENT):
        self.max_bytes = max_bytes
        self.client = httpx.Client(
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            timeout=httpx.Timeout(timeout),
            headers={"User-Agent": user_agent},
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = PAGE_ACCEPT,
        max_bytes: int | None = None,
    ) -> Fetched:
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                moved = _moved_to(response)
                if response.status_code == 304:
                    return Fetched(str(response.url), 304, b"", etag=etag, last_modified=last_modified, moved_to=moved)
                if response.status_code >= 400:
                    raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".strip(), response.status_code)
                if not 200 <= response.status_code < 300:
                    raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}: not followed".strip(), response.status_code)
                body = self._body(response, max_bytes or self.max_bytes)
                content_type = response.headers.get("content-type", "")
                return Fetched(
                    url=str(response.url),
                    status=response.status_code,
                    body=body,
                    content_type=content_type.partition(";")[0].strip().lower(),
                    charset=response.charset_encoding,
                    etag=response.headers.get("etag"),
                    last_modified=response.headers.get("last-modified"),
                    moved_to=moved,
                )
        except httpx.TooManyRedirects:
            raise FetchError(f"more than {MAX_REDIRECTS} redirects") from None
        except httpx.TimeoutException:
            raise FetchError("timed out") from None
        except httpx.InvalidURL as exc:
            raise FetchError(f"invalid URL ({exc})") from None
        except httpx.UnsupportedProtocol:
            raise FetchError("not an http(s) URL") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"cannot fetch ({type(exc).__name__}: {' '.join(str(exc).split()) or 'no detail'})") from None

    @staticmethod
    def _body(response: httpx.Response, max_bytes: int) -> bytes:
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(f"{human_size(int(declared))}, over the {human_size(max_bytes)} limit")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(f"over the {human_size(max_bytes)} limit: not read further")
            chunks.append(chunk)
        return b"".join(chunks)


def _moved_to(response: httpx.Response) -> str | None:
    if response.history and all(r.status_code in (301, 308) for r in response.history):
        return str(response.url)
    return None
