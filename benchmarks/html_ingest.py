#!/usr/bin/env python
"""Pages per second when clashwatch ingests saved web pages, with and without the extraction.

    python benchmarks/html_ingest.py                 # 300 pages
    python benchmarks/html_ingest.py --n 100 --json
    python benchmarks/html_ingest.py --n 20 --keep   # keep the pages and the database, print where

It writes N news pages (``.html``) into a temporary folder, one for each synthetic article
of ``benchmarks/articles.py`` (300-800 words): a head with the title, Open Graph and
``article:published_time`` metadata, the author and a canonical link, and around the
article a navigation menu, a cookie banner, a sidebar of other headlines, a newsletter
form, a footer and inline scripts and styles, in three layouts (a CMS page with the text
in ``<article>``; a JavaScript site with the text in ``<div>``s, its state repeated in a
JSON ``<script>`` and a "Read more" box between paragraphs; a blog with comments). Then,
in one process:

(a) reading only, "extraction excluded": ``readers.read_input`` on every page file, the
    html reader (decoding, trafilatura's main text and metadata, language identification
    with langid). Then the split of that time: ``readers.html.extract_page`` on the pages'
    bytes already in memory, and ``language.identify`` alone on the texts it returned;
    trafilatura's share is what ``extract_page`` takes beyond language identification
    (decoding and the text checks included, a few per cent). Reading takes seconds, so a
    moment of other work on the machine shows: it is timed ``--repeat`` times (3) and the
    median run reported;
(b) the whole ingest, "extraction included": ``Ingester(store, pipeline).run(files)`` on
    the same pages, as ``clashwatch ingest PAGES/ --db FILE`` runs it: read, spaCy
    pipeline, SQLite store. The pipeline (``clashwatch.get_pipeline()``) is loaded and
    the fresh store opened (``make_engine`` + ``migrate.upgrade`` + ``Store``, as the
    command line does) before the clock starts. Reading's share of the ingest is the time
    of (a) over the time of (b).

Before any clock starts, both paths are warmed up on other pages (``--warmup``, read and
ingested into a throwaway store): imports, langid's model, spaCy's first batches.

It checks the results while at it: every page gives one English ``Article`` with the
page's headline as title, the publication date from the page's metadata (``published_origin``
"page"), every paragraph of the article and none of the boilerplate phrases (menu, cookie
banner, other headlines, newsletter, share buttons, footer, comments, script and style);
and the store holds N articles. It prints ``check: ok`` or what failed, and exits with 1
when something failed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from articles import generate  # noqa: E402
from throughput import machine  # noqa: E402

# --------------------------------------------------------------------------- the pages

SITES = (  # (layout, outlet, domain); .example domains are reserved for examples
    ("cms", "The Meridian Post", "www.meridian-post.example"),
    ("app", "Horizon Daily", "horizondaily.example"),
    ("blog", "Frontline Dispatch", "frontline-dispatch.example"),
)
AUTHORS = ("Amina Okafor", "Daniel Reyes", "Leila Haddad", "Tomasz Nowak", "Grace Mwangi", "Henrik Lund")
SECTIONS = ("World", "Africa", "Middle East", "Asia", "Politics", "Business", "Climate", "Opinion", "Video", "Podcasts")

# Boilerplate that must never reach the article text; every page carries all of these.
COOKIE = ("We use cookies to improve your experience, to measure our audience and to show you "
          "personalised advertising.", "Accept all cookies", "Manage preferences")
NEWSLETTER = ("Sign up for the Morning Briefing", "The day's top stories in your inbox every weekday at 6am.",
              "Enter your email address")
SHARE = ("Share on Facebook", "Share on X", "Copy link")
FOOTER = ("All rights reserved.", "Terms of use", "Privacy policy", "Contact the newsroom", "Skip to main content")
SIDEBAR_HEADING = "Most read"
MORE_HEADING = "More from World"
BLOG_ONLY = ("Leave a reply", "Your email address will not be published.", "comments on this story")
CODE = ("dataLayer", "font-family", "adSlots", "__INITIAL_STATE__")

BLOCKS = ("header", "nav", "article", "story", "sidebar", "card", "more", "footer", "banner", "newsletter", "share", "comment",
          "widget")
PARTS = ("wrap", "inner", "title", "link", "item", "icon", "button", "text")
STYLE = "\n".join(
    f".{block}__{part} {{ margin: {i % 4 * 4}px {i % 3 * 8}px; padding: {i % 5 * 2}px; font-family: Georgia, 'Times New Roman', "
    f"serif; font-size: {12 + i % 8}px; line-height: 1.{4 + i % 4}; color: #{(i * 2654435761) % 0xFFFFFF:06x}; }}"
    for i, (block, part) in enumerate((b, p) for b in BLOCKS for p in PARTS)
) + "\n@media (max-width: 720px) {\n" + "\n".join(
    f"  .{block}__{part} {{ margin: 0; padding: {i % 3 * 2}px; font-size: {11 + i % 6}px; }}"
    for i, (block, part) in enumerate((b, p) for b in BLOCKS for p in PARTS)
) + "\n}"
SCRIPT = """
window.dataLayer = window.dataLayer || [];
function gtag(){ dataLayer.push(arguments); }
gtag('js', new Date());
gtag('config', 'MEASUREMENT-ID', { anonymize_ip: true, page_type: '%(kind)s' });
window.adSlots = [%(slots)s];
document.addEventListener('DOMContentLoaded', function () {
  var banner = document.getElementById('cookie-banner');
  if (document.cookie.indexOf('consent=') !== -1 && banner) { banner.remove(); }
  document.querySelectorAll('[data-share]').forEach(function (b) {
    b.addEventListener('click', function () { navigator.clipboard.writeText(location.href); });
  });
});
"""


@dataclass
class Page:
    """One page as written, and what reading it must give."""

    path: Path
    layout: str
    title: str
    published: dt.date
    author: str
    paragraphs: list[str]
    boilerplate: list[str] = field(default_factory=list)


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]


def page_html(article: dict, i: int, others: list[tuple[str, str]]) -> tuple[str, str, str, list[str], list[str]]:
    """(html, layout, author, paragraphs, boilerplate phrases) of article ``i``."""
    layout, outlet, domain = SITES[i % len(SITES)]
    author = AUTHORS[i % len(AUTHORS)]
    title, published = article["title"], dt.date.fromisoformat(article["published"])
    paragraphs = [p.strip() for p in article["text"].split("\n\n") if p.strip()]
    url = f"https://{domain}/world/{slug(title)}-{i}"
    stamp = f"{published.isoformat()}T{6 + i % 12:02d}:{i * 7 % 60:02d}:00" + ("Z" if i % 2 else "+00:00")
    sidebar = [others[(i + k) % len(others)][0] for k in range(6)]
    teasers = [others[(i + 11 + k) % len(others)] for k in range(6)]
    year = published.year
    footer_note = f"© {year} {outlet}. All rights reserved."
    boilerplate = [*COOKIE, *NEWSLETTER, *SHARE, *FOOTER, SIDEBAR_HEADING, *sidebar, *CODE, footer_note,
                   MORE_HEADING, *(text for teaser in teasers for text in teaser)]

    head = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} | {esc(outlet)}</title>
<meta name="description" content="{esc(paragraphs[0][:150])}">
<meta name="author" content="{esc(author)}">
<meta property="og:type" content="article">
<meta property="og:title" content="{esc(title)}">
<meta property="og:site_name" content="{esc(outlet)}">
<meta property="og:url" content="{url}">
<meta property="og:image" content="https://{domain}/images/{i}.jpg">
<meta property="article:published_time" content="{stamp}">
<meta property="article:section" content="World">
<link rel="canonical" href="{url}">
<link rel="stylesheet" href="/assets/site.css">
<style>
{STYLE}
</style>
<script>{SCRIPT % {"kind": layout, "slots": ", ".join(f"'slot-{k}'" for k in range(12))}}</script>
</head>
"""
    nav = "\n".join(f'<li class="nav__item"><a class="nav__link" href="/{s.lower().replace(" ", "-")}">{s}</a></li>'
                    for s in SECTIONS)
    cookie = f"""<div id="cookie-banner" class="banner__wrap" role="dialog">
<p class="banner__text">{COOKIE[0]} <a href="/privacy">Privacy policy</a></p>
<button class="banner__button">{COOKIE[1]}</button> <button class="banner__button">{COOKIE[2]}</button>
</div>"""
    side = "\n".join(f'<li class="sidebar__item"><a class="sidebar__link" href="/world/{slug(h)}">{esc(h)}</a>'
                     f'<span class="sidebar__text">{k + 2} hours ago</span></li>' for k, h in enumerate(sidebar))
    newsletter = f"""<form class="newsletter__wrap" action="/newsletter" method="post">
<h3 class="newsletter__title">{NEWSLETTER[0]}</h3>
<p class="newsletter__text">{esc(NEWSLETTER[1])}</p>
<label>{NEWSLETTER[2]} <input type="email" name="email" placeholder="you@example.com"></label>
<button type="submit" class="newsletter__button">Subscribe</button>
</form>"""
    more = "\n".join(f'<div class="card__wrap"><h3 class="card__title"><a href="/world/{slug(h)}">{esc(h)}</a></h3>'
                     f'<p class="card__text">{esc(summary)}</p></div>' for h, summary in teasers)
    more = f'<section class="more__wrap"><h2 class="more__title">{MORE_HEADING}</h2>\n{more}\n</section>'
    share = "".join(f'<button class="share__button" data-share="{k}">{s}</button>' for k, s in enumerate(SHARE))
    footer = f"""<footer class="footer__wrap">
<ul class="footer__inner"><li><a href="/terms">{FOOTER[1]}</a></li><li><a href="/privacy">{FOOTER[2]}</a></li>
<li><a href="/contact">{FOOTER[3]}</a></li><li><a href="/about">About us</a></li><li><a href="/careers">Careers</a></li></ul>
<p class="footer__text">{esc(footer_note)}</p>
</footer>"""
    byline_date = published.strftime("%-d %B %Y")
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs)

    if layout == "cms":
        page = f"""{head}<body class="article-page">
<a class="skip" href="#main">{FOOTER[4]}</a>
{cookie}
<header class="header__wrap"><a class="header__title" href="/">{esc(outlet)}</a>
<nav class="nav__wrap"><ul class="nav__inner">{nav}</ul></nav></header>
<div class="layout">
<main id="main">
<article class="article__wrap">
<header class="article__inner"><h1 class="article__title">{esc(title)}</h1>
<p class="article__text">By <a href="/authors/{slug(author)}" rel="author">{esc(author)}</a> ·
<time datetime="{stamp}">{byline_date}</time></p></header>
<div class="share__wrap">{share}</div>
<div class="article-body">
{body}
</div>
</article>
{more}
</main>
<aside class="sidebar__wrap"><h2 class="sidebar__title">{SIDEBAR_HEADING}</h2><ol class="sidebar__inner">{side}</ol>
{newsletter}</aside>
</div>
{footer}
</body>
</html>
"""
    elif layout == "app":
        related = others[(i + 7) % len(others)][0]
        boilerplate.append(related)
        half = len(paragraphs) // 2
        div_body = "\n".join(f'<p class="paragraph__text">{esc(p)}</p>' for p in paragraphs[:half])
        div_body += (f'\n<div class="related__wrap" data-component="related"><span class="related__label">Read more:</span> '
                     f'<a href="/world/{slug(related)}">{esc(related)}</a></div>\n')
        div_body += "\n".join(f'<p class="paragraph__text">{esc(p)}</p>' for p in paragraphs[half:])
        state = json.dumps({"article": {"headline": title, "datePublished": stamp, "author": author,
                                        "body": paragraphs}, "mostRead": sidebar,
                            "more": [{"headline": h, "summary": s} for h, s in teasers]})
        ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                         "datePublished": stamp, "author": {"@type": "Person", "name": author},
                         "publisher": {"@type": "Organization", "name": outlet}, "mainEntityOfPage": url})
        page = f"""{head}<body>
<div id="root"><div class="app__wrap">
<div class="header__wrap"><a class="skip" href="#story">{FOOTER[4]}</a><div class="header__title">{esc(outlet)}</div>
<div class="nav__wrap" role="navigation"><ul class="nav__inner">{nav}</ul></div></div>
{cookie}
<div class="story__wrap" id="story">
<div class="story__head"><h1 class="story__title">{esc(title)}</h1>
<div class="story__byline"><span>By {esc(author)}</span><span> · Published {byline_date}</span></div></div>
<div class="share__wrap">{share}</div>
<div class="story__body" data-component="text-block">
{div_body}
</div>
</div>
{more}
<div class="sidebar__wrap" role="complementary"><div class="sidebar__title">{SIDEBAR_HEADING}</div><ul class="sidebar__inner">{side}</ul></div>
{newsletter}
{footer}
</div></div>
<script type="application/ld+json">{ld}</script>
<script>window.__INITIAL_STATE__ = {state};</script>
</body>
</html>
"""
    else:
        boilerplate.extend(BLOG_ONLY)
        comments = "\n".join(
            f'<li class="comment"><p class="comment-author">{name}</p><p>{esc(text)}</p></li>'
            for name, text in (("reader_{}".format(i % 97), "Thank you for reporting on this, nobody else covers it."),
                               ("observer{}".format(i % 13), "The figures in the third paragraph do not add up."))
        )
        page = f"""{head}<body class="post-template-default single">
<div id="page" class="site">
<a class="skip-link" href="#content">{FOOTER[4]}</a>
{cookie}
<header id="masthead" class="site-header"><p class="site-title"><a href="/">{esc(outlet)}</a></p>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu">{nav}</ul></nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area">
<div class="post hentry">
<h1 class="entry-title">{esc(title)}</h1>
<div class="entry-meta">Posted on <time class="entry-date published" datetime="{stamp}">{byline_date}</time>
by <span class="author vcard">{esc(author)}</span></div>
<div class="entry-content">
{body}
</div>
<div class="share__wrap">{share}</div>
</div>
{more}
<div id="comments" class="comments-area"><h2 class="comments-title">2 {BLOG_ONLY[2]}</h2><ol class="comment-list">{comments}</ol>
<div id="respond"><h3>{BLOG_ONLY[0]}</h3><form class="comment-form"><p>{BLOG_ONLY[1]}</p>
<textarea name="comment"></textarea><input type="submit" value="Post comment"></form></div></div>
</div>
<div id="secondary" class="widget-area"><section class="widget"><h2 class="widget-title">{SIDEBAR_HEADING}</h2><ul>{side}</ul></section>
<section class="widget">{newsletter}</section></div>
</div>
{footer}
</div>
</body>
</html>
"""
    return page, layout, author, paragraphs, boilerplate


def teaser(text: str) -> str:
    """The first sentence of an article, as a news site's card shows it."""
    return re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]


def write_pages(articles: list[dict], folder: Path, others: list[tuple[str, str]]) -> list[Page]:
    folder.mkdir(parents=True, exist_ok=True)
    pages = []
    for i, article in enumerate(articles):
        text, layout, author, paragraphs, boilerplate = page_html(article, i, others)
        path = folder / f"{i:05d}-{slug(article['title'])}.html"
        path.write_text(text, encoding="utf-8")
        pages.append(Page(path, layout, article["title"], dt.date.fromisoformat(article["published"]), author,
                          paragraphs, boilerplate))
    return pages


# --------------------------------------------------------------------------- measuring


def clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def since(start: tuple[float, float]) -> tuple[float, float]:
    return time.perf_counter() - start[0], time.process_time() - start[1]


def read_all(files) -> list[list[Any]]:
    from clashwatch.readers import ReadOptions, read_input

    options = ReadOptions()
    return [list(read_input(f, options)) for f in files]


def time_read(files) -> tuple[list[list[Any]], float, float]:
    start = clock()
    found = read_all(files)
    return found, *since(start)


def time_parts(pages: list[Page]) -> dict[str, Any]:
    """extract_page on bytes in memory, then language.identify alone on the texts it gave."""
    from clashwatch.language import identify
    from clashwatch.article import Article
    from clashwatch.readers.html import extract_page

    data = [(p.path.read_bytes(), str(p.path)) for p in pages]
    start = clock()
    docs = [extract_page(raw, name=name) for raw, name in data]
    extract_s, extract_cpu = since(start)
    texts = [d.text for d in docs if isinstance(d, Article)]
    start = clock()
    for text in texts:
        identify(text)
    langid_s, langid_cpu = since(start)
    return {"extract_page_s": extract_s, "extract_page_cpu_s": extract_cpu, "langid_s": langid_s, "langid_cpu_s": langid_cpu,
            "trafilatura_s": extract_s - langid_s, "langid_share_pct": 100 * langid_s / extract_s if extract_s else float("nan")}


def open_store(path: Path):
    """As ``clashwatch ingest --db FILE`` opens it (``cli._store._open_store``)."""
    from clashwatch.store import Store, make_engine
    from clashwatch.store.migrate import upgrade

    engine = make_engine(str(path))
    upgrade(engine)
    return Store(engine)


def ingest(files, store, pipeline, batch_size: int) -> tuple[Any, list[str], float, float]:
    from clashwatch.ingest import Ingester

    errors: list[str] = []
    ingester = Ingester(store, pipeline, batch_size=batch_size, on_error=lambda origin, reason: errors.append(f"{origin}: {reason}"))
    start = clock()
    stats = ingester.run(files)
    return stats, errors, *since(start)


def median_run(runs: list[dict[str, Any]], key: str) -> dict[str, Any]:
    return sorted(runs, key=lambda run: run[key])[len(runs) // 2]


def measure(n: int, seed: int, warmup: int, batch_size: int, repeat: int, folder: Path) -> dict[str, Any]:
    from clashwatch import get_pipeline
    from clashwatch.readers import expand_inputs

    articles = generate(n, seed)
    others = [(a["title"], teaser(a["text"])) for a in generate(24, seed + 2)]  # for the sidebars and "More from"
    pages = write_pages(articles, folder / "pages", others)
    warm_pages = write_pages(generate(warmup, seed + 1), folder / "warm", others) if warmup else []
    files = expand_inputs([str(folder / "pages")])
    size = sum(p.path.stat().st_size for p in pages)

    pipeline = get_pipeline()
    if warm_pages:
        warm_files = expand_inputs([str(folder / "warm")])
        read_all(warm_files)
        time_parts(warm_pages)
        warm_store = open_store(folder / "warm.db")
        ingest(warm_files, warm_store, pipeline, batch_size)
        warm_store.close()

    reads, splits = [], []
    for _ in range(repeat):
        found, read_s, read_cpu = time_read(files)
        reads.append({"seconds": read_s, "cpu_seconds": read_cpu})
        splits.append(time_parts(pages))
    read, parts = median_run(reads, "seconds"), median_run(splits, "extract_page_s")
    read_s, read_cpu = read["seconds"], read["cpu_seconds"]
    store = open_store(folder / "ingest.db")
    stats, errors, ingest_s, ingest_cpu = ingest(files, store, pipeline, batch_size)
    counts = store.counts()
    store.close()

    return {
        "n": n, "seed": seed, "warmup_pages": warmup, "batch_size": batch_size, "repeat": repeat,
        "layouts": {layout: sum(p.layout == layout for p in pages) for layout, _, _ in SITES},
        "mean_page_kb": size / n / 1000 if n else 0.0,
        "mean_words_per_article": sum(len(a["text"].split()) for a in articles) / n if n else 0.0,
        "read": {"runs_seconds": [r["seconds"] for r in reads], "seconds": read_s, "cpu_seconds": read_cpu,
                 "pages_per_s": n / read_s if read_s else float("nan"), **parts, "extract_page_pages_per_s": n / parts["extract_page_s"] if parts["extract_page_s"] else float("nan")},
        "ingest": {"seconds": ingest_s, "cpu_seconds": ingest_cpu, "pages_per_s": n / ingest_s if ingest_s else float("nan"),
                   "new": stats.new, "failed": stats.failed, "events_created": stats.events_created,
                   "events_merged": stats.events_merged, "stored_articles": counts["articles"], "errors": errors[:10]},
        "read_share_of_ingest_pct": 100 * read_s / ingest_s if ingest_s else float("nan"),
        "check": check(pages, found, stats, counts, errors),
    }


# --------------------------------------------------------------------------- checking


def squash(text: str) -> str:
    return " ".join(text.split())


def check(pages: list[Page], found: list[list[Any]], stats, counts: dict[str, int], errors: list[str]) -> dict[str, Any]:
    """What the readers and the store got wrong: one line per kind of failure, with examples."""
    from clashwatch.article import Article

    failures: dict[str, list[str]] = {}

    def fail(kind: str, example: str) -> None:
        failures.setdefault(kind, []).append(example)

    lost_paragraphs = 0
    for page, items in zip(pages, found):
        name = page.path.name
        docs = [d for d in items if isinstance(d, Article)]
        if len(items) != 1 or len(docs) != 1:
            fail("not exactly one article read", f"{name}: {'; '.join(map(str, items)) or 'nothing'}")
            continue
        doc = docs[0]
        if doc.title != page.title:
            fail("title is not the headline", f"{name}: {doc.title!r}")
        if doc.published != page.published or doc.published_origin != "page":
            fail("date is not the page's", f"{name}: {doc.published} ({doc.published_origin}), page says {page.published}")
        if doc.language != "en":
            fail("not read as English", f"{name}: {doc.language}")
        text = squash(doc.text)
        kept = [b for b in page.boilerplate if b in text]
        if kept:
            fail(f"boilerplate kept ({page.layout} layout)", f"{name}: {kept[:3]}")
        lost = [p for p in page.paragraphs if squash(p) not in text]
        if lost:
            lost_paragraphs += len(lost)
            fail(f"paragraphs lost ({page.layout} layout)", f"{name}: {len(lost)} of {len(page.paragraphs)}, "
                 f"e.g. {lost[0][:60]!r}")
    n = len(pages)
    if counts.get("articles") != n or stats.new != n or stats.failed:
        fail("store", f"{counts.get('articles')} articles stored, {stats.new} new, {stats.failed} failed "
             f"(expected {n}){'; ' + errors[0] if errors else ''}")
    return {
        "ok": not failures,
        "failures": {kind: {"pages": len(examples), "examples": examples[:3]} for kind, examples in failures.items()},
        "paragraphs_lost": lost_paragraphs,
    }


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Pages/s of reading saved web pages, and of ingesting them into a SQLite store.")
    ap.add_argument("--n", type=int, default=300, help="number of pages (default 300)")
    ap.add_argument("--seed", type=int, default=0, help="seed of the article generator (default 0)")
    ap.add_argument("--warmup", type=int, default=16, help="warm-up pages, read and ingested before timing (default 16)")
    ap.add_argument("--batch-size", type=int, default=32, help="pipeline batch size of the ingest (default 32, as the CLI)")
    ap.add_argument("--repeat", type=int, default=3, help="time reading R times, report the median run (default 3)")
    ap.add_argument("--keep", action="store_true", help="keep the pages and the database and print where they are")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of the report")
    args = ap.parse_args(argv)
    if args.n < 1 or args.batch_size < 1 or args.repeat < 1 or args.warmup < 0:
        ap.error("--n, --batch-size and --repeat must be positive, --warmup not negative")

    host = machine()
    folder = Path(tempfile.mkdtemp(prefix="clashwatch-html-bench-"))
    try:
        res = measure(args.n, args.seed, args.warmup, args.batch_size, args.repeat, folder)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    import clashwatch
    import trafilatura

    report = {"benchmark": "html_ingest", "machine": host,
              "versions": {"clashwatch": clashwatch.__version__, "trafilatura": trafilatura.__version__}, **res}
    if args.keep:
        report["folder"] = str(folder)
    ok = res["check"]["ok"]

    if args.json:
        print(json.dumps(report, indent=2))
        return 0 if ok else 1

    cpu = f", {host['cpu']}" if host.get("cpu") else ""
    load = f"; load average {host['load_average'][0]:.2f} at start" if host.get("load_average") else ""
    print(f"clashwatch html ingest: {host['cores']} cores{cpu}; {host['platform']}, Python {host['python']}{load}")
    print(f"clashwatch {report['versions']['clashwatch']}, trafilatura {report['versions']['trafilatura']}")
    layouts = ", ".join(f"{k} {v}" for k, v in res["layouts"].items())
    print(f"{res['n']} pages ({layouts}), mean page size {res['mean_page_kb']:.1f} kB, "
          f"{res['mean_words_per_article']:.0f} words an article; {res['warmup_pages']} warm-up pages, batch size {res['batch_size']}"
          + (f"; reading timed {res['repeat']} times, median run" if res["repeat"] > 1 else ""))
    print()
    r, g = res["read"], res["ingest"]
    print(f"  {'':<44}{'seconds':>9}{'pages/s':>10}{'CPU s':>8}")
    print(f"  {'read only (trafilatura + langid), read_input':<44}{r['seconds']:>9.2f}{r['pages_per_s']:>10.1f}{r['cpu_seconds']:>8.2f}")
    print(f"  {'full ingest (read + pipeline + store)':<44}{g['seconds']:>9.2f}{g['pages_per_s']:>10.2f}{g['cpu_seconds']:>8.2f}")
    print()
    runs = ", ".join(f"{s:.2f}" for s in r["runs_seconds"])
    print(f"  reading is {res['read_share_of_ingest_pct']:.1f}% of the ingest time (read-only runs: {runs} s)")
    print(f"  extract_page on pages in memory: {r['extract_page_s']:.2f} s ({r['extract_page_pages_per_s']:.1f} pages/s): "
          f"trafilatura and decoding {r['trafilatura_s']:.2f} s, langid {r['langid_s']:.2f} s ({r['langid_share_pct']:.1f}%)")
    print(f"  stored {g['stored_articles']} articles ({g['new']} new, {g['failed']} failed); "
          f"{g['events_created']} events created, {g['events_merged']} merged")
    if args.keep:
        print(f"  pages and database kept in {folder}")
    print()
    if ok:
        print("check: ok")
    else:
        print("check: FAILED")
        for kind, what in res["check"]["failures"].items():
            print(f"  {kind}: {what['pages']} page(s), e.g. {what['examples'][0]}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
