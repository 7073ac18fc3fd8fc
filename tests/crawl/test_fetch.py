"""The crawler's HTTP client and its manners, against a real server on 127.0.0.1
(``tests/support/fixture_http.py``): conditional GETs, size limits, redirects, errors,
robots.txt and the pause between two pages of one site.
"""

from __future__ import annotations

import socket
import time

import pytest

from clashwatch.crawl.fetch import FEED_ACCEPT, MAX_REDIRECTS, PAGE_ACCEPT, Fetcher, FetchError
from clashwatch.crawl.politeness import Politeness
from support.fixture_http import FixtureServer

PAGE = "<html><body><h1>Curfew lifted</h1><p>The market reopened on Tuesday.</p></body></html>"
LAST_MODIFIED = "Tue, 14 Mar 2023 09:15:00 GMT"


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    """The server is on 127.0.0.1: a proxy of the caller's must not stand in between."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def site():
    """One server for the module (stopping one takes half a second); each test uses its own paths."""
    with FixtureServer() as s:
        yield s


@pytest.fixture
def server(site):
    """The module's server, with no robots.txt until a test serves one."""
    site.fail("/robots.txt", 404)
    return site


def asked(server: FixtureServer, path: str, since: int = 0) -> list[dict[str, str]]:
    """The headers of each request for ``path`` from request number ``since`` on."""
    return [headers for _, p, headers, _ in server.requests[since:] if p == path]


@pytest.fixture
def fetcher():
    with Fetcher(timeout=5) as f:
        yield f


def last_headers(server: FixtureServer) -> dict[str, str]:
    return server.requests[-1][2]


# --------------------------------------------------------------------------- a plain GET


def test_a_page_with_its_validators(server, fetcher):
    server.add("/news/curfew", PAGE, etag='"p1"', last_modified=LAST_MODIFIED)
    got = fetcher.get(server.url + "/news/curfew")
    assert got.status == 200
    assert got.body == PAGE.encode()
    assert (got.content_type, got.charset) == ("text/html", "utf-8")
    assert (got.etag, got.last_modified) == ('"p1"', LAST_MODIFIED)
    assert got.url == server.url + "/news/curfew"
    assert got.moved_to is None
    sent = last_headers(server)
    assert sent["user-agent"].startswith("clashwatch/")
    assert sent["accept"] == PAGE_ACCEPT
    assert "if-none-match" not in sent and "if-modified-since" not in sent


def test_a_feed_is_asked_for_as_a_feed(server, fetcher):
    server.add("/feed/all.xml", "<rss version='2.0'><channel/></rss>", content_type="application/rss+xml")
    got = fetcher.get(server.url + "/feed/all.xml", accept=FEED_ACCEPT)
    assert got.content_type == "application/rss+xml"
    assert last_headers(server)["accept"] == FEED_ACCEPT


# --------------------------------------------------------------------------- conditional GET


def test_an_unchanged_etag_gives_304_and_no_body(server, fetcher):
    server.add("/feed/v7.xml", "<rss/>", content_type="application/rss+xml", etag='"v7"')
    got = fetcher.get(server.url + "/feed/v7.xml", etag='"v7"')
    assert last_headers(server)["if-none-match"] == '"v7"'
    assert (got.status, got.body, got.etag) == (304, b"", '"v7"')


def test_a_changed_etag_gives_the_new_body(server, fetcher):
    server.add("/feed/v8.xml", "<rss>new</rss>", content_type="application/rss+xml", etag='"v8"')
    got = fetcher.get(server.url + "/feed/v8.xml", etag='"v7"')
    assert (got.status, got.body, got.etag) == (200, b"<rss>new</rss>", '"v8"')


def test_an_unchanged_last_modified_gives_304(server, fetcher):
    server.add("/feed/dated.xml", "<rss/>", content_type="application/rss+xml", last_modified=LAST_MODIFIED)
    got = fetcher.get(server.url + "/feed/dated.xml", last_modified=LAST_MODIFIED)
    assert last_headers(server)["if-modified-since"] == LAST_MODIFIED
    assert (got.status, got.body, got.last_modified) == (304, b"", LAST_MODIFIED)
    newer = fetcher.get(server.url + "/feed/dated.xml", last_modified="Mon, 13 Mar 2023 09:15:00 GMT")
    assert (newer.status, newer.body) == (200, b"<rss/>")


# --------------------------------------------------------------------------- size limits


def test_a_declared_size_over_the_limit_is_refused_before_reading(server):
    server.huge("/big/declared", 3_000_000)
    with Fetcher(timeout=5, max_bytes=200_000) as small:
        started = time.monotonic()
        with pytest.raises(FetchError) as err:
            small.get(server.url + "/big/declared")
    assert str(err.value) == "3.0 MB, over the 200.0 kB limit"
    assert time.monotonic() - started < 2


def test_a_chunked_body_is_cut_off_at_the_limit(server):
    server.huge("/big/chunked", 3_000_000, chunked=True)
    with Fetcher(timeout=5, max_bytes=200_000) as small, pytest.raises(FetchError) as err:
        small.get(server.url + "/big/chunked")
    assert str(err.value) == "over the 200.0 kB limit: not read further"


def test_a_limit_for_one_request_and_a_body_of_exactly_the_limit(server, fetcher):
    body = b"x" * 5000
    server.add("/page/5000", body)
    assert fetcher.get(server.url + "/page/5000", max_bytes=5000).body == body
    with pytest.raises(FetchError, match="^5.0 kB, over the 4.0 kB limit$"):
        fetcher.get(server.url + "/page/5000", max_bytes=4000)


# --------------------------------------------------------------------------- redirects and failures


def test_a_permanent_move_says_where_to(server, fetcher):
    server.redirect("/old.rss", "/older.rss", status=301)
    server.redirect("/older.rss", "/new.rss", status=308)
    server.add("/new.rss", "<rss/>", content_type="application/rss+xml")
    got = fetcher.get(server.url + "/old.rss")
    assert (got.status, got.body) == (200, b"<rss/>")
    assert got.url == got.moved_to == server.url + "/new.rss"


def test_a_temporary_redirect_is_followed_but_not_a_move(server, fetcher):
    server.redirect("/today", "/news/curfew-2", status=302)
    server.add("/news/curfew-2", PAGE)
    got = fetcher.get(server.url + "/today")
    assert got.url == server.url + "/news/curfew-2"
    assert got.moved_to is None


def test_a_redirect_loop_ends(server, fetcher):
    server.redirect("/a", "/b", status=302)
    server.redirect("/b", "/a", status=302)
    with pytest.raises(FetchError, match=f"more than {MAX_REDIRECTS} redirects"):
        fetcher.get(server.url + "/a")
    assert server.count("/a") + server.count("/b") == MAX_REDIRECTS + 1


@pytest.mark.parametrize("status, reason", [(404, "HTTP 404 Not Found"), (503, "HTTP 503 Service Unavailable")])
def test_an_error_status_is_a_fetch_error_with_the_status(server, fetcher, status, reason):
    server.fail(f"/gone/{status}", status)
    with pytest.raises(FetchError) as err:
        fetcher.get(server.url + f"/gone/{status}")
    assert (str(err.value), err.value.status) == (reason, status)


def test_a_slow_server_times_out(server):
    server.slow("/slow", PAGE, delay_s=10)
    with Fetcher(timeout=0.3) as impatient:
        started = time.monotonic()
        with pytest.raises(FetchError, match="^timed out$"):
            impatient.get(server.url + "/slow")
    assert time.monotonic() - started < 3


def test_no_server_and_no_http(fetcher):
    with socket.socket() as s:  # a port nobody listens on once closed
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(FetchError, match=r"^cannot fetch \(ConnectError"):
        fetcher.get(f"http://127.0.0.1:{port}/news")
    with pytest.raises(FetchError, match="not an http\\(s\\) URL"):
        fetcher.get("ftp://127.0.0.1/news")


# --------------------------------------------------------------------------- robots.txt


ROBOTS = "User-agent: *\nDisallow: /private/\n\nUser-agent: clashwatch\nDisallow: /drafts/\n"


def test_robots_txt_disallows_a_path(server, fetcher):
    server.set("/robots.txt", ROBOTS, content_type="text/plain")
    first = len(server.requests)
    polite = Politeness(fetcher, delay=0)
    assert polite.refusal(server.url + "/drafts/raid-report") == f"disallowed by {server.url}/robots.txt"
    assert polite.refusal(server.url + "/news/curfew") is None
    # the rules for every agent do not apply when the file names clashwatch
    assert polite.refusal(server.url + "/private/list") is None
    robots = asked(server, "/robots.txt", first)
    assert len(robots) == 1  # read once, kept for an hour
    assert robots[0]["accept"] == "text/plain"


def test_robots_txt_for_every_agent(server, fetcher):
    server.set("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    polite = Politeness(fetcher, delay=0)
    assert polite.refusal(server.url + "/private/list") == f"disallowed by {server.url}/robots.txt"
    assert polite.refusal(server.url + "/news/curfew") is None


def test_no_robots_txt_allows_everything(server, fetcher):
    first = len(server.requests)
    polite = Politeness(fetcher, delay=0)
    assert polite.refusal(server.url + "/private/list") is None
    assert len(asked(server, "/robots.txt", first)) == 1


def test_robots_txt_that_cannot_be_read_means_not_now(server, fetcher):
    server.fail("/robots.txt", 503)
    polite = Politeness(fetcher, delay=0)
    with pytest.raises(FetchError) as err:
        polite.refusal(server.url + "/news/curfew")
    assert err.value.status == 503
    assert str(err.value).startswith(f"cannot read {server.url}/robots.txt (HTTP 503")
    assert str(err.value).endswith("the page is left for later")


def test_robots_txt_can_be_ignored(server, fetcher):
    server.set("/robots.txt", "User-agent: *\nDisallow: /\n", content_type="text/plain")
    first = len(server.requests)
    polite = Politeness(fetcher, delay=0, obey_robots=False)
    assert polite.refusal(server.url + "/news/curfew") is None
    assert asked(server, "/robots.txt", first) == []
    # the same file, obeyed
    assert Politeness(fetcher, delay=0).refusal(server.url + "/news/curfew") == f"disallowed by {server.url}/robots.txt"


@pytest.mark.parametrize(
    "rules, allowed, refused",
    [
        # RFC 9309 2.2.2: the longest matching rule wins, whatever the order of the lines
        ("Disallow: /news/\nAllow: /news/public/\n", ["/news/public/raid"], ["/news/internal/memo"]),
        ("Allow: /news/public/\nDisallow: /news/\n", ["/news/public/raid"], ["/news/internal/memo"]),
        # '*' stands for any characters, '$' for the end of the path
        ("Disallow: /*.pdf$\n", ["/reports/raid.pdf.html", "/reports/raid"], ["/reports/raid.pdf"]),
        ("Disallow: /*/print\n", ["/print-shop"], ["/news/print", "/news/2024/print?page=2"]),
    ],
)
def test_robots_txt_follows_rfc_9309(server, fetcher, rules, allowed, refused):
    server.set("/robots.txt", "User-agent: *\n" + rules, content_type="text/plain")
    polite = Politeness(fetcher, delay=0)
    for path in allowed:
        assert polite.refusal(server.url + path) is None, path
    for path in refused:
        assert polite.refusal(server.url + path) == f"disallowed by {server.url}/robots.txt", path


def test_a_crawl_delay_longer_than_ours_is_honoured(server, fetcher):
    server.set("/robots.txt", "User-agent: clashwatch\nCrawl-delay: 0.5\n", content_type="text/plain")
    for n in range(2):
        server.add(f"/slow/{n}", PAGE)
    polite = Politeness(fetcher, delay=0.0)
    first = len(server.arrivals)
    for n in range(2):
        url = f"{server.url}/slow/{n}"
        assert polite.refusal(url) is None
        assert polite.get(url, lambda: False).status == 200
    times = [t for p, t in server.arrivals[first:] if p.startswith("/slow/")]
    assert times[1] - times[0] >= 0.5


# --------------------------------------------------------------------------- the pause between pages


def test_pages_of_one_site_are_spaced_by_the_delay(server, fetcher):
    delay = 0.3
    for n in range(3):
        server.add(f"/news/{n}", PAGE)
    first = len(server.arrivals)
    polite = Politeness(fetcher, delay=delay)
    for n in range(3):
        url = f"{server.url}/news/{n}"
        assert polite.refusal(url) is None
        assert polite.get(url, lambda: False).status == 200
    arrivals = server.arrivals[first:]
    times = [t for _, t in arrivals]
    assert [p for p, _ in arrivals] == ["/robots.txt", "/news/0", "/news/1", "/news/2"]
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert all(g >= delay for g in gaps), gaps  # back to back, they come milliseconds apart


def test_the_pause_runs_from_the_end_of_a_slow_answer(server, fetcher):
    delay = 0.3
    server.slow("/late-answer", PAGE, delay_s=0.5)
    server.add("/next", PAGE)
    polite = Politeness(fetcher, delay=delay, obey_robots=False)
    polite.get(f"{server.url}/late-answer", lambda: False)
    answered = time.monotonic()
    polite.get(f"{server.url}/next", lambda: False)
    asked = dict(server.arrivals)["/next"]
    assert asked - answered >= delay - 0.01  # not 0.3 s after /late-answer was asked for: that had passed


def test_another_site_does_not_wait(fetcher):
    polite = Politeness(fetcher, delay=5, obey_robots=False)
    started = time.monotonic()
    assert polite.pause("http://127.0.0.1:9/a", lambda: False)
    assert polite.pause("http://localhost:9/a", lambda: False)
    assert time.monotonic() - started < 2.5  # half the delay: room for a loaded machine, none for a wait


def test_a_pause_gives_way_to_a_stop(fetcher):
    polite = Politeness(fetcher, delay=5, obey_robots=False)
    assert polite.pause("http://127.0.0.1:9/a", lambda: False)
    started = time.monotonic()
    assert polite.pause("http://127.0.0.1:9/b", lambda: True) is False
    assert time.monotonic() - started < 2.5  # half the delay: room for a loaded machine, none for a wait
