"""`clashwatch watch` against a real HTTP server on 127.0.0.1 (tests/fixture_http.py).

The feeds and pages are ours (tests/newsfixtures.py): a feed of 20 items whose pages
carry boilerplate (one has no date), an Atom feed answering 304 to a conditional
request, a feed that moved (301), one that answers 500, one that sends broken XML, and
a feed whose item links to a 20 MB page. The command is run as a user runs it, in its
own process, against a real SQLite file.
"""

from __future__ import annotations

from support.paths import REPO

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support.fixture_http import FixtureServer
from support.newsfixtures import BOILERPLATE_MARKERS, article_page, atom_feed, invalid_xml_feed, news_articles, non_english_article, rss_feed
from support.cli import no_traceback, sql

RSS = "application/rss+xml; charset=utf-8"


def clean_env() -> dict[str, str]:
    """The environment without a store or a proxy of the caller's (the server is on 127.0.0.1)."""
    return {k: v for k, v in os.environ.items() if k != "CLASHWATCH_DB" and not k.lower().endswith("_proxy")}


def watch(sources: Path, db: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    env = clean_env()
    return subprocess.run([sys.executable, "-m", "clashwatch.cli", "watch", str(sources), "--db", str(db), *args],
                          capture_output=True, text=True, env=env, timeout=timeout)


def page_path(article: dict) -> str:
    return f"/news/{article['slug']}"


# --------------------------------------------------------------------------- one world of feeds


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """Two `watch --once` runs over six feeds; the server, the store and both results."""
    tmp = tmp_path_factory.mktemp("watch")
    articles = news_articles(27, seed=3)
    wire, atom, moved, rest = articles[:20], articles[20:23], articles[23:25], articles[25:]
    big = {**rest[1], "slug": "twenty-megabytes"}
    french = non_english_article("fr")
    with FixtureServer() as server:
        for i, article in enumerate(wire):
            server.add(page_path(article), article_page(article, layout=i, with_date=(i != 5)))
        for article in atom + moved + rest[:1]:
            server.add(page_path(article), article_page(article, layout=1))
        server.add(page_path(french), _french_page(french))
        server.huge(page_path(big), 20 * 1024 * 1024)
        server.add("/wire.rss", rss_feed(wire, server.url), content_type=RSS, etag='"wire-1"',
                   last_modified="Mon, 30 Dec 2024 08:00:00 GMT")
        server.add("/world.atom", atom_feed(atom, server.url), content_type="application/atom+xml", etag='"atom-1"')
        server.redirect("/old.rss", "/new.rss", status=301)
        server.add("/new.rss", rss_feed(moved, server.url), content_type=RSS)
        server.fail("/down.rss", 500)
        server.add("/garbage.rss", invalid_xml_feed(), content_type=RSS)
        server.add("/mixed.rss", rss_feed([rest[0], big, french], server.url), content_type=RSS)
        sources = tmp / "sources.toml"
        sources.write_text(
            'retry = "2s"\nretry_max = "1m"\ninterval = "1h"\npage_delay = "0s"\n'
            + "".join(f'[[feeds]]\nurl = "{server.url}{path}"\n{extra}\n' for path, extra in [
                ("/wire.rss", 'name = "Frontline Wire"'), ("/world.atom", ""), ("/old.rss", ""), ("/down.rss", ""),
                ("/garbage.rss", ""), ("/mixed.rss", ""),
            ]),
            encoding="utf-8",
        )
        db = tmp / "watch.db"
        first = watch(sources, db, "--once")
        after_first = {
            "feeds": {url.removeprefix(server.url): row for url, *row in sql(
                db, "SELECT url, failures, location, etag, last_polled_at, next_poll_at, last_status FROM feeds")},
            "requests": list(server.requests),
        }
        second = watch(sources, db, "--once")
        yield {
            "server_url": server.url, "db": db, "first": first, "second": second, "after_first": after_first,
            "requests": list(server.requests), "wire": wire, "atom": atom, "moved": moved, "rest": rest, "big": big,
            "french": french, "count": server.count,
        }


def _french_page(article: dict) -> str:
    from support.newsfixtures import render_page

    return render_page(article, lang="fr")


def _url(world, article) -> str:
    return world["server_url"] + page_path(article)


def test_every_good_item_is_stored_once_with_its_metadata(world):
    first = world["first"]
    assert first.returncode == 0, first.stderr
    assert no_traceback(first.stderr)
    rows = sql(world["db"], "SELECT url, title, author, published, published_origin, outlet, text FROM articles")
    stored = {url: rest for url, *rest in rows}
    expected = world["wire"] + world["atom"] + world["moved"] + world["rest"][:1] + [world["french"]]
    assert sorted(stored) == sorted(_url(world, a) for a in expected)
    for i, article in enumerate(world["wire"]):
        title, author, published, origin, outlet, text = stored[_url(world, article)]
        assert title == article["title"] and author == article["author"]
        assert outlet == "Frontline Wire"  # the name SOURCES.toml gives the feed
        assert published == article["published"].isoformat()
        # the page without a date takes the feed item's
        assert origin == ("feed" if i == 5 else "page")
        for paragraph in article["text"].split("\n\n"):
            assert paragraph in text
        for marker in BOILERPLATE_MARKERS:
            assert marker not in text


def test_pages_are_analysed_and_the_foreign_one_is_counted(world):
    db = world["db"]
    with_events = sql(db, "SELECT COUNT(DISTINCT article_id) FROM mentions")[0][0]
    assert with_events >= 20  # invented but plain wire reports: the pipeline reads them
    french = sql(db, "SELECT id, language, warnings FROM articles WHERE url = ?", _url(world, world["french"]))
    assert len(french) == 1 and french[0][1] == "fr"
    assert "not analysed" in french[0][2]
    assert sql(db, "SELECT COUNT(*) FROM mentions WHERE article_id = ?", french[0][0]) == [(0,)]
    assert "1 not in English (stored, not analysed)" in world["first"].stderr


def test_failing_feeds_are_logged_and_the_others_go_on(world):
    stderr = world["first"].stderr
    down = [line for line in stderr.splitlines() if "/down.rss" in line]
    assert down and "HTTP 500" in down[0] and "1st failure in a row" in down[0] and "next try in 2 s" in down[0]
    garbage = [line for line in stderr.splitlines() if "/garbage.rss" in line]
    assert garbage and "not a readable RSS or Atom feed" in garbage[0]
    feeds = world["after_first"]["feeds"]
    assert feeds["/down.rss"][0] == 1 and feeds["/garbage.rss"][0] == 1
    assert feeds["/wire.rss"][0] == 0 and feeds["/wire.rss"][5].startswith("ok: 20 items")


def test_failures_back_off_exponentially(world):
    first = world["after_first"]["feeds"]["/down.rss"]
    second = {url.removeprefix(world["server_url"]): row for url, *row in sql(
        world["db"], "SELECT url, failures, last_polled_at, next_poll_at FROM feeds")}["/down.rss"]
    assert second[0] == 2

    def wait(polled, due):
        from datetime import datetime

        return (datetime.fromisoformat(due) - datetime.fromisoformat(polled)).total_seconds()

    assert wait(first[3], first[4]) == pytest.approx(2, abs=0.5)
    assert wait(second[1], second[2]) == pytest.approx(4, abs=0.5)
    assert "2nd failure in a row): next try in 4 s" in world["second"].stderr


def test_the_twenty_megabyte_page_is_refused_without_harm(world):
    stderr = world["first"].stderr
    line = [x for x in stderr.splitlines() if "twenty-megabytes" in x]
    assert line and "over the 10.0 MB limit" in line[0]
    assert sql(world["db"], "SELECT COUNT(*) FROM articles WHERE url LIKE '%twenty-megabytes%'") == [(0,)]
    status, attempts = sql(world["db"], "SELECT status, attempts FROM feed_items WHERE item_key LIKE '%twenty-megabytes%'")[0]
    assert status == "failed" and attempts == 2  # tried again on the second run, refused again
    assert "3 items, 0 new, 1 to try again" in world["second"].stderr


def test_a_second_poll_is_conditional_and_stores_nothing_new(world):
    second = world["second"]
    assert second.returncode == 0, second.stderr
    assert "articles: 0 new" in second.stderr
    polls = [(path, headers, status) for method, path, headers, status in world["requests"] if path == "/wire.rss"]
    assert len(polls) == 2
    assert "if-none-match" not in polls[0][1] and polls[0][2] == 200
    assert polls[1][1].get("if-none-match") == '"wire-1"' and polls[1][1].get("if-modified-since") == "Mon, 30 Dec 2024 08:00:00 GMT"
    assert polls[1][2] == 304
    atom = [status for method, path, headers, status in world["requests"] if path == "/world.atom"]
    assert atom == [200, 304]
    # no page is fetched twice: the second run knew every item
    for article in world["wire"] + world["atom"] + world["moved"]:
        assert world["count"](page_path(article)) == 1


def test_a_permanent_redirect_is_remembered(world):
    assert world["after_first"]["feeds"]["/old.rss"][1] == world["server_url"] + "/new.rss"
    assert world["count"]("/old.rss") == 1  # the second run went to the new address directly
    assert world["count"]("/new.rss") == 2
    assert "moved permanently" in world["first"].stderr


# --------------------------------------------------------------------------- stopping and restarting


def test_sigterm_mid_cycle_then_restart_stores_each_article_once(tmp_path):
    articles = news_articles(20, seed=11)
    with FixtureServer() as server:
        for i, article in enumerate(articles):
            server.slow(page_path(article), article_page(article, layout=i), delay_s=0.4)
        server.add("/slow.rss", rss_feed(articles, server.url), content_type=RSS, etag='"slow-1"')
        sources = tmp_path / "sources.toml"
        sources.write_text(f'interval = "1h"\npage_delay = "0s"\n[[feeds]]\nurl = "{server.url}/slow.rss"\n', encoding="utf-8")
        db = tmp_path / "watch.db"
        env = clean_env()
        proc = subprocess.Popen(
            [sys.executable, "-m", "clashwatch.cli", "watch", str(sources), "--db", str(db), "--batch-size", "4"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )
        try:
            deadline = time.monotonic() + 180
            while time.monotonic() < deadline and _articles(db) < 4:
                assert proc.poll() is None, proc.communicate()[1]
                time.sleep(0.1)
            assert _articles(db) >= 4
            proc.send_signal(signal.SIGTERM)
            _, stderr = proc.communicate(timeout=120)
        finally:
            if proc.poll() is None:
                proc.kill()
        assert proc.returncode == 143, stderr
        assert "stopped by SIGTERM" in stderr and no_traceback(stderr)
        fetched = {path for method, path, headers, status in server.requests if path.startswith("/news/") and status == 200}
        stored_first = _articles(db)
        assert stored_first < 20, "the run was meant to be cut short"
        assert stored_first == len(fetched)  # every page fetched before the signal was stored

        again = watch(sources, db, "--once")
        assert again.returncode == 0, again.stderr
        urls = [u for (u,) in sql(db, "SELECT url FROM articles")]
        assert sorted(urls) == sorted(server.url + page_path(a) for a in articles)
        assert sql(db, "SELECT status, COUNT(*) FROM feed_items GROUP BY status") == [("ingested", 20)]
        for article in articles:  # each page fetched once over both runs
            assert server.count(page_path(article)) == 1
        # the interrupted poll kept no validator: the restart read the whole feed again
        assert [h.get("if-none-match") for m, p, h, s in server.requests if p == "/slow.rss"] == [None, None]


def _articles(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


# --------------------------------------------------------------------------- SOURCES.toml


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "no feeds"),
        ('[[feeds]]\nurl = "ftp://example.org/rss"\n', "url must be an http(s) URL"),
        ('intervall = "5m"\n[[feeds]]\nurl = "https://example.org/rss"\n', "unknown setting 'intervall'"),
        ('interval = "soon"\n[[feeds]]\nurl = "https://example.org/rss"\n', "'soon' is not a duration"),
        ('[[feeds]]\nurl = "https://example.org/rss"\n[[feeds]]\nurl = "https://example.org/rss"\n', "listed twice"),
        ("[[feeds]\n", "not valid TOML"),
    ],
)
def test_bad_sources_file_is_one_clear_line(tmp_path, text, message):
    sources = tmp_path / "sources.toml"
    sources.write_text(text, encoding="utf-8")
    result = watch(sources, tmp_path / "x.db", "--once", timeout=60)
    assert result.returncode == 2
    assert message in result.stderr and no_traceback(result.stderr)
    assert not (tmp_path / "x.db").exists()



def test_watch_keeps_its_state_in_postgresql_too(tmp_path, fresh_postgres_db):
    from sqlalchemy import create_engine, text

    articles = news_articles(3, seed=12)
    with FixtureServer() as server:
        for article in articles:
            server.add(page_path(article), article_page(article))
        server.add("/pg.rss", rss_feed(articles, server.url), content_type=RSS, etag='"pg-1"')
        server.fail("/down.rss", 503)
        sources = tmp_path / "sources.toml"
        sources.write_text(f'retry = "3s"\npage_delay = "0s"\n[[feeds]]\nurl = "{server.url}/pg.rss"\n[[feeds]]\nurl = "{server.url}/down.rss"\n')
        first = watch(sources, fresh_postgres_db, "--once")
        second = watch(sources, fresh_postgres_db, "--once")
        assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
        assert [s for m, p, h, s in server.requests if p == "/pg.rss"] == [200, 304]
    engine = create_engine(fresh_postgres_db)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT COUNT(*) FROM articles")).scalar() == 3
            assert conn.execute(text("SELECT COUNT(*) FROM feed_items WHERE status = 'ingested'")).scalar() == 3
            failures, waited = conn.execute(text(
                "SELECT failures, EXTRACT(EPOCH FROM next_poll_at - last_polled_at) FROM feeds WHERE url LIKE '%down.rss'")).one()
            assert failures == 2 and float(waited) == pytest.approx(6, abs=0.5)
    finally:
        engine.dispose()


def test_the_example_sources_file_is_valid():
    from clashwatch.crawl.watch import load_sources

    sources = load_sources(REPO / "examples" / "sources.toml")
    assert [f.name for f in sources.feeds] == ["BBC News", "Al Jazeera", "UN News"]
    assert (sources.interval, sources.retry_max, sources.feeds[2].interval) == (900, 7200, 1800)


def test_a_link_listed_twice_or_in_two_feeds_is_fetched_and_stored_once(tmp_path):
    articles = news_articles(4, seed=13)
    with FixtureServer() as server:
        for article in articles:
            server.add(page_path(article), article_page(article))
        # both feeds have the same title; the first lists its second item twice; they share articles[2]
        server.add("/a.rss", rss_feed(articles[:2] + articles[1:3], server.url), content_type=RSS, etag='"a-1"')
        server.add("/b.rss", rss_feed(articles[2:], server.url), content_type=RSS, etag='"b-1"')
        sources = tmp_path / "sources.toml"
        sources.write_text('page_delay = "0s"\n' + "".join(f'[[feeds]]\nurl = "{server.url}{p}"\n' for p in ("/a.rss", "/b.rss")))
        db = tmp_path / "w.db"
        first = watch(sources, db, "--once")
        assert first.returncode == 0, first.stderr
        assert "articles: 4 new, 0 updated, 1 unchanged" in first.stderr  # the shared article, met again via b.rss
        assert server.count(page_path(articles[1])) == 1
        assert sorted(sql(db, "SELECT COUNT(*) FROM feed_items GROUP BY feed_url")) == [(2,), (3,)]
        second = watch(sources, db, "--once")
        assert second.returncode == 0, second.stderr
        # every item of both polls was handled, so their validators were kept: both answer 304
        assert [s for m, p, h, s in server.requests if p in ("/a.rss", "/b.rss")] == [200, 200, 304, 304]
    assert sql(db, "SELECT COUNT(*) FROM articles") == [(4,)]


def test_robots_txt_is_obeyed_and_pages_of_one_site_are_spaced(tmp_path):
    articles = news_articles(4, seed=14)
    with FixtureServer() as server:
        for article in articles:
            server.add(page_path(article), article_page(article))
        server.add("/robots.txt", f"User-agent: *\nDisallow: {page_path(articles[3])}\n", content_type="text/plain")
        server.add("/polite.rss", rss_feed(articles, server.url), content_type=RSS)
        sources = tmp_path / "sources.toml"
        sources.write_text(f'page_delay = "0.5s"\n[[feeds]]\nurl = "{server.url}/polite.rss"\n')
        db = tmp_path / "w.db"
        result = watch(sources, db, "--once")
        assert result.returncode == 0, result.stderr
        assert f"skipped (disallowed by {server.url}/robots.txt)" in result.stderr
        assert server.count(page_path(articles[3])) == 0
        assert sql(db, "SELECT status, COUNT(*) FROM feed_items GROUP BY status ORDER BY status") == [("ingested", 3), ("skipped", 1)]
        pages = [t for path, t in server.arrivals if path.startswith(("/news/", "/robots.txt"))]
        assert len(pages) == 4  # robots.txt once, then the three allowed pages
        assert all(later - earlier >= 0.45 for earlier, later in zip(pages, pages[1:]))
