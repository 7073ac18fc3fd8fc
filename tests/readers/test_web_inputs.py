"""`clashwatch ingest` on web pages, feeds, web archives and CSV, told apart by content.

Fixture pages, feeds and the WARC file are written by tests/newsfixtures.py; the
command runs in-process with the real pipeline into a real SQLite file.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os

import pytest

from clashwatch.article import Article
from clashwatch.readers import ReadOptions, expand_inputs, read_input, sniff
from support.newsfixtures import (
    BOILERPLATE_MARKERS,
    article_page,
    huge_page,
    news_articles,
    non_english_article,
    non_english_page,
    rss_feed,
    warc_file,
)
from support.cli import invoke, no_traceback, sql, summary_of

BASE = "https://news.example"


def _set_mtime(path, day: dt.date) -> None:
    stamp = dt.datetime.combine(day, dt.time(12)).timestamp()
    os.utime(path, (stamp, stamp))


# --------------------------------------------------------------------------- telling kinds apart


@pytest.mark.parametrize(
    "head, name, kind",
    [
        (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "crawl.bin", "warc"),
        (gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n"), "crawl.gz", "warc"),
        (b'<?xml version="1.0"?>\n<rss version="2.0"><channel>', "feed", "feed"),
        (b'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">', "x.xml", "feed"),
        (b"\xef\xbb\xbf<!DOCTYPE html>\n<html><head>", "page.txt", "html"),
        (b"<p>One.</p><p>Two.</p><p>Three.</p>", "frag", "html"),
        (b'{"id": 1, "text": "..."}\n', "data.txt", "jsonl"),
        (b"id,text,published\n1,Gunmen attacked,2024-01-02\n", "corpus.csv", "csv"),
        (b"Gunmen attacked a village on Friday, police said.\n", "report", "text"),
        (b'<?xml version="1.0"?>\n<config><a/></config>', "settings.xml", "feed"),  # the feed reader says it is not one
        (b'<?xml version="1.0"?>\n<config><a/></config>', "settings", "text"),
    ],
)
def test_kinds_are_told_apart_by_content(head, name, kind):
    assert sniff(head, name) == kind


# --------------------------------------------------------------------------- web pages


def test_saved_pages_give_main_text_and_metadata_without_boilerplate(tmp_path):
    articles = news_articles(6, seed=21)
    folder = tmp_path / "pages"
    folder.mkdir()
    for i, article in enumerate(articles):
        canonical = f"{BASE}/news/{article['slug']}" if i % 2 == 0 else None
        (folder / f"{article['slug']}.html").write_text(article_page(article, layout=i, canonical=canonical, with_date=(i != 3)))
    undated = folder / f"{articles[3]['slug']}.html"
    _set_mtime(undated, dt.date(2024, 5, 6))
    db = tmp_path / "s.db"
    result = invoke("ingest", str(folder), "--db", str(db))
    assert result.exit_code == 0, result.stderr
    assert summary_of(result.stderr)["new"] == 6
    rows = {r[0]: r[1:] for r in sql(db, "SELECT id, url, title, author, published, published_origin, text, outlet FROM articles")}
    for i, article in enumerate(articles):
        key = next(k for k, r in rows.items() if r[1] == article["title"])
        url, title, author, published, origin, text, outlet = rows[key]
        assert url == (f"{BASE}/news/{article['slug']}" if i % 2 == 0 else None)
        if url is None:
            assert key == article["slug"]  # the file's name, as for text files
        assert author == article["author"]
        if i == 3:  # no date in the page: the file's modification date, with its origin
            assert (published, origin) == ("2024-05-06", "file")
        else:
            assert (published, origin) == (article["published"].isoformat(), "page")
        for paragraph in article["text"].split("\n\n"):
            assert paragraph in text
        for marker in BOILERPLATE_MARKERS:
            assert marker not in text
    assert "the file's modification date (2024-05-06) was used" in result.stderr
    assert sql(db, "SELECT COUNT(DISTINCT article_id) FROM mentions") == [(6,)]


def test_given_date_wins_over_the_page(tmp_path):
    article = news_articles(1, seed=22)[0]
    page = tmp_path / "p.html"
    page.write_text(article_page(article))
    db = tmp_path / "s.db"
    assert invoke("ingest", str(page), "--db", str(db), "--published", "2025-01-02").exit_code == 0
    assert sql(db, "SELECT published, published_origin FROM articles") == [("2025-01-02", "given")]


def test_page_where_trafilatura_finds_nothing_falls_back_to_visible_text(tmp_path):
    # a live page whose updates sit in a "comments" block, which the main-text extractor drops
    updates = "".join(f"<p>{s}</p>" for s in [
        "Gunmen killed at least nine people in an attack on a market in Mandera on Friday, police said.",
        "The attackers escaped towards the Somali border, a county official told reporters on Saturday.",
    ])
    page = tmp_path / "live.html"
    page.write_text(f"<!DOCTYPE html><html><head><title>Mandera market attack: live</title></head>"
                    f"<body><div class='comments'>{updates}</div></body></html>")
    found = list(read_input(expand_inputs([str(page)])[0], ReadOptions()))
    assert len(found) == 1 and isinstance(found[0], Article)
    assert "Gunmen killed at least nine people" in found[0].text
    assert any("trafilatura found no main text" in w for w in found[0].warnings)
    assert found[0].title == "Mandera market attack: live"


def test_huge_page_is_refused_and_the_others_are_stored(tmp_path):
    article = news_articles(1, seed=23)[0]
    (tmp_path / "big.html").write_bytes(huge_page(20 * 1024 * 1024))
    (tmp_path / "ok.html").write_text(article_page(article))
    db = tmp_path / "s.db"
    result = invoke("ingest", str(tmp_path / "big.html"), str(tmp_path / "ok.html"), "--db", str(db))
    assert result.exit_code == 1
    assert "big.html: page is 21.0 MB, over the 10.0 MB limit (--max-page-mb): skipped" in result.stderr
    assert sql(db, "SELECT title FROM articles") == [(article["title"],)]


def test_pages_in_other_languages_are_stored_not_analysed_and_counted(tmp_path):
    english = news_articles(1, seed=24)[0]
    (tmp_path / "en.html").write_text(article_page(english))
    for lang in ("fr", "es", "de"):
        (tmp_path / f"{lang}.html").write_text(non_english_page(lang))
    db = tmp_path / "s.db"
    result = invoke("ingest", str(tmp_path), "--db", str(db))
    assert result.exit_code == 0, result.stderr
    assert "3 not in English (stored, not analysed)" in result.stderr
    languages = dict(sql(db, "SELECT id, language FROM articles"))
    assert languages == {"en": "en", "fr": "fr", "es": "es", "de": "de"}
    analysed = {a for (a,) in sql(db, "SELECT DISTINCT article_id FROM mentions")}
    assert analysed == {"en"}
    warnings = json.loads(sql(db, "SELECT warnings FROM articles WHERE id = 'de'")[0][0])
    assert any("not analysed" in w and "German" in w for w in warnings)
    assert non_english_article("de")["title"] == sql(db, "SELECT title FROM articles WHERE id = 'de'")[0][0]


# --------------------------------------------------------------------------- feeds and corpora


def test_feed_file_gives_one_article_per_item_dated_by_the_feed(tmp_path):
    articles = news_articles(5, seed=25)
    feed = tmp_path / "world.xml"
    feed.write_bytes(rss_feed(articles, BASE, full_content=True))
    summaries = tmp_path / "summaries.rss"
    summaries.write_bytes(rss_feed(news_articles(7, seed=26)[5:], BASE))
    db = tmp_path / "s.db"
    result = invoke("ingest", str(feed), str(summaries), "--db", str(db))
    assert result.exit_code == 0, result.stderr
    rows = {url: rest for url, *rest in sql(db, "SELECT url, title, published, published_origin, author, text, warnings FROM articles")}
    assert len(rows) == 7
    for article in articles:
        title, published, origin, author, text, warnings = rows[f"{BASE}/news/{article['slug']}"]
        assert (title, published, origin, author) == (article["title"], article["published"].isoformat(), "feed", article["author"])
        assert article["text"].split("\n\n")[-1] in text
        assert "only a summary" not in warnings
    summary_only = [w for url, (*_, w) in rows.items() if url.endswith(tuple(a["slug"] for a in news_articles(7, seed=26)[5:]))]
    assert len(summary_only) == 2 and all("only a summary" in w for w in summary_only)


def test_csv_with_a_column_mapping(tmp_path):
    articles = news_articles(3, seed=27)
    corpus = tmp_path / "corpus.csv"
    import csv

    with open(corpus, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["headline", "body", "date", "link"])
        for a, written in zip(articles, ("{:%Y-%m-%d}", "{:%d %B %Y}", "{:%B %d, %Y}")):
            # ISO, ACLED's event_date form ("06 April 2021"), and a US form: all one day
            writer.writerow([a["title"], a["text"], written.format(a["published"]), f"{BASE}/{a['slug']}"])
        writer.writerow(["no body", "", "2024-01-01", f"{BASE}/empty"])
        writer.writerow(["bad date", "Some text about a clash.", "when the rains came", f"{BASE}/bad"])
    db = tmp_path / "s.db"
    result = invoke("ingest", str(corpus), "--db", str(db), "--column", "text=body", "--column", "title=headline",
                    "--column", "published=date", "--column", "url=link")
    assert result.exit_code == 1  # two rows failed, the others were stored
    lines = corpus.read_text(encoding="utf-8").splitlines()
    empty = next(n for n, line in enumerate(lines, 1) if line.startswith("no body,"))
    assert f"{corpus}: line {empty}: no text in column 'body'" in result.stderr  # where the record starts
    assert f"{corpus}: line {empty + 1}: \"published\"" in result.stderr and "when the rains came" in result.stderr
    rows = sql(db, "SELECT url, title, published, published_origin FROM articles ORDER BY published")
    assert rows == [(f"{BASE}/{a['slug']}", a["title"], a["published"].isoformat(), "given") for a in articles]

    unmapped = invoke("ingest", str(corpus), "--db", str(tmp_path / "t.db"))
    assert unmapped.exit_code == 1
    assert "no column 'text' for the text (its columns: headline, body, date, link; map one with --column text=NAME)" in unmapped.stderr
    bad = invoke("ingest", str(corpus), "--db", str(tmp_path / "t.db"), "--column", "body")
    assert bad.exit_code == 2 and "is not FIELD=NAME" in bad.stderr


# --------------------------------------------------------------------------- web archives


def test_warc_html_responses_are_ingested_exactly_once(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    info = warc_file(path, BASE, n_html=120, n_other=40, n_broken=40)
    db = tmp_path / "s.db"
    result = invoke("ingest", str(path), "--db", str(db))
    assert no_traceback(result.stderr)
    counts = summary_of(result.stderr)
    assert counts["new"] == 120
    urls = [u for (u,) in sql(db, "SELECT url FROM articles")]
    assert sorted(urls) == sorted(info["html_urls"])  # each once, and nothing else
    skipped = int(result.stderr.split(" skipped (not article pages)")[0].rsplit("; ", 1)[1])
    assert skipped + counts["failed"] == 80  # the non-HTML and broken responses: none stored
    assert skipped >= 40 and counts["failed"] >= 1
    for url in info["broken_urls"][:5]:
        assert url not in urls
    # a page served as windows-1252 is decoded as such
    text = sql(db, "SELECT text FROM articles WHERE url = ?", info["windows_1252_url"])[0][0]
    assert "“This is the worst we have seen,” a local elder said." in text
    # a page without a date of its own would take the capture date; these pages have theirs
    origins = dict(sql(db, "SELECT published_origin, COUNT(*) FROM articles GROUP BY published_origin"))
    assert origins == {"page": 120}

    again = invoke("ingest", str(path), "--db", str(db))
    counts = summary_of(again.stderr)
    assert (counts["new"], counts["unchanged"]) == (0, 120)
    assert sql(db, "SELECT COUNT(*) FROM articles") == [(120,)]


def test_broken_warc_framing_stops_with_the_offset_and_keeps_what_was_read(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    info = warc_file(path, BASE, n_html=6, n_other=0, n_broken=0)
    data = path.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data + b"\x1f\x8b\x08\x00" + bytes(range(256)).replace(b" ", b"").replace(b"\n", b"") * 4)  # a corrupt gzip member
    db = tmp_path / "s.db"
    result = invoke("ingest", str(cut), "--db", str(db))
    assert result.exit_code == 1
    assert "broken WARC record after record" in result.stderr and "the rest of the archive is skipped" in result.stderr
    assert sorted(u for (u,) in sql(db, "SELECT url FROM articles")) == sorted(info["html_urls"])


def test_folder_of_mixed_kinds(tmp_path):
    articles = news_articles(4, seed=28)
    (tmp_path / "page.html").write_text(article_page(articles[0]))
    (tmp_path / "feed.xml").write_bytes(rss_feed(articles[1:2], BASE, full_content=True))
    (tmp_path / "settings.xml").write_text('<?xml version="1.0"?><config/>')
    (tmp_path / "notes.md").write_text("# notes")
    (tmp_path / "report.txt").write_text(articles[2]["title"] + "\n\n" + articles[2]["text"])
    _set_mtime(tmp_path / "report.txt", dt.date(2024, 7, 8))
    (tmp_path / "rows.jsonl").write_text(json.dumps({"id": "j1", "text": articles[3]["text"], "published": "2024-02-03"}) + "\n")
    db = tmp_path / "s.db"
    result = invoke("ingest", str(tmp_path), "--db", str(db))
    assert result.exit_code == 0, result.stderr
    assert "settings.xml: skipped (an XML file that is not an RSS or Atom feed)" in result.stderr
    assert "notes.md: skipped" in result.stderr
    origins = {title: (published, origin) for title, published, origin in sql(db, "SELECT title, published, published_origin FROM articles")}
    assert origins[articles[0]["title"]] == (articles[0]["published"].isoformat(), "page")
    assert origins[articles[1]["title"]] == (articles[1]["published"].isoformat(), "feed")
    assert origins[articles[2]["title"]] == ("2024-07-08", "file")
    assert ("2024-02-03", "given") in origins.values()


# --------------------------------------------------------------------------- stores made before these columns


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_store_from_before_web_inputs_is_upgraded_in_place(tmp_path, backend, request):
    from sqlalchemy import create_engine, inspect, text

    from clashwatch.store.migrate import head, upgrade

    url = f"sqlite:///{tmp_path / 'old.db'}" if backend == "sqlite" else request.getfixturevalue("fresh_postgres_db")
    engine = create_engine(url)
    upgrade(engine, "0001")
    with engine.begin() as conn:  # what revision 0001 made before 0002 existed
        conn.execute(text("DROP TABLE feed_items"))
        conn.execute(text("DROP TABLE feeds"))
        for column in ("published_origin", "author", "language"):
            conn.execute(text(f"ALTER TABLE articles DROP COLUMN {column}"))
    engine.dispose()
    article = news_articles(1, seed=29)[0]
    page = tmp_path / "p.html"
    page.write_text(article_page(article))
    result = invoke("ingest", str(page), "--db", url)
    assert result.exit_code == 0, result.stderr
    engine = create_engine(url)
    try:
        columns = {c["name"] for c in inspect(engine).get_columns("articles")}
        assert {"published_origin", "author", "language"} <= columns
        assert {"feeds", "feed_items"} <= set(inspect(engine).get_table_names())
        with engine.connect() as conn:
            assert conn.execute(text("SELECT published_origin, author, language FROM articles")).all() == [
                ("page", article["author"], "en")]
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head()
    finally:
        engine.dispose()


# --------------------------------------------------------------------------- --input, and inputs of the wrong kind


def test_jsonl_with_a_column_mapping_and_atom_feed_file(tmp_path):
    from support.newsfixtures import atom_feed

    articles = news_articles(3, seed=30)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"body": a["text"], "headline": a["title"], "day": a["published"].isoformat(),
                                          "by": a["author"]}) + "\n" for a in articles[:2]))
    atom = tmp_path / "world.atom"
    atom.write_bytes(atom_feed(articles[2:], BASE))
    db = tmp_path / "s.db"
    result = invoke("ingest", str(corpus), str(atom), "--db", str(db), "--column", "text=body", "--column", "title=headline",
                    "--column", "published=day", "--column", "author=by")
    assert result.exit_code == 0, result.stderr
    rows = sql(db, "SELECT title, published, published_origin, author FROM articles ORDER BY published")
    assert rows == [(a["title"], a["published"].isoformat(), "given" if i < 2 else "feed", a["author"]) for i, a in enumerate(articles)]


def test_input_option_overrides_what_the_content_looks_like(tmp_path):
    article = news_articles(1, seed=31)[0]
    page = tmp_path / "page.html"
    page.write_text(article_page(article))
    db = tmp_path / "s.db"
    result = invoke("ingest", str(page), "--db", str(db), "--input", "text")
    assert result.exit_code == 0, result.stderr
    assert "input looks like HTML: tags were stripped with a simple extractor" in result.stderr
    assert sql(db, "SELECT published_origin FROM articles") == [("file",)]  # not read as a page: no page metadata


@pytest.mark.parametrize("kind", ["html", "feed", "warc", "csv", "jsonl"])
def test_an_input_of_the_wrong_kind_is_one_error_line(tmp_path, kind):
    wrong = tmp_path / "wrong.bin"
    wrong.write_bytes(bytes(range(256)) * 64)
    db = tmp_path / "s.db"
    invoke("ingest", str(_good_page(tmp_path)), "--db", str(db))
    result = invoke("ingest", str(wrong), "--db", str(db), "--input", kind)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("clashwatch: error:")]
    assert len(errors) == 1 and "wrong.bin" in errors[0], result.stderr
    assert errors[0].isprintable()
    assert no_traceback(result.stderr)
    assert sql(db, "SELECT COUNT(*) FROM articles") == [(1,)]  # what was stored before stays


def _good_page(tmp_path):
    page = tmp_path / "good.html"
    page.write_text(article_page(news_articles(1, seed=32)[0]))
    return page


# --------------------------------------------------------------------------- extract reads them too


def test_extract_reads_a_saved_page_and_an_archive(tmp_path):
    article = news_articles(1, seed=33)[0]
    page = tmp_path / "page.html"
    page.write_text(article_page(article, canonical=f"{BASE}/news/{article['slug']}"))
    single = invoke("extract", str(page), "--input", "html", "-f", "json")
    assert single.exit_code == 0, single.stderr
    result = json.loads(single.stdout)
    assert (result["title"], result["published"], result["url"]) == (
        article["title"], article["published"].isoformat(), f"{BASE}/news/{article['slug']}")
    assert result["events"] and not any("HTML" in w for w in result["warnings"])
    # by content, one page is one article: one object, as with --input html
    assert json.loads(invoke("extract", str(page), "--input", "auto", "-f", "json").stdout) == result

    archive = tmp_path / "crawl.warc.gz"
    info = warc_file(archive, BASE, n_html=5, n_other=3, n_broken=0)
    many = invoke("extract", str(archive), "--input", "warc")
    assert many.exit_code == 0, many.stderr
    lines = [json.loads(line) for line in many.stdout.splitlines()]
    assert sorted(r["url"] for r in lines) == sorted(info["html_urls"])
    assert "5 articles analysed" in many.stderr and "3 items skipped (not article pages)" in many.stderr
    assert invoke("extract", str(archive), "--input", "warc", "--title", "x").exit_code == 2


@pytest.mark.parametrize(
    "name, message",
    [
        ("empty.html", "empty page"),
        ("empty.warc", "no records in the archive"),
        ("empty.csv", "empty CSV file (no header row)"),
        ("empty.rss", "not an RSS or Atom feed"),
        ("empty.txt", "empty article: nothing to store"),
    ],
)
def test_an_empty_input_is_one_error_line_and_nothing_stored(tmp_path, name, message):
    path = tmp_path / name
    path.write_bytes(b"\n\n" if name.endswith(".txt") else b"")
    db = tmp_path / "s.db"
    result = invoke("ingest", str(path), "--db", str(db))
    assert result.exit_code == 1
    assert f"clashwatch: error: {path}: {message}" in result.stderr
    assert sql(db, "SELECT COUNT(*) FROM articles") == [(0,)]
