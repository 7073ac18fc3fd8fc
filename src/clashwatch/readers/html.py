"""Web pages: the article's main text and metadata, by trafilatura.

``extract_page(data)`` is shared by saved pages, web archives and ``clashwatch watch``:
it decodes the bytes (the charset the server declared, the page's ``<meta charset>``,
UTF-8, then Windows-1252 with a warning), lets trafilatura find the main text, title,
author, canonical URL, site name and the date *in the page's metadata* (no guessing from
the text), and when trafilatura finds no main text falls back to the page's whole
visible text (``reader.html_to_text``) with a warning.
"""

from __future__ import annotations

import codecs
import datetime as dt
import logging
import re
from collections.abc import Iterator
from pathlib import Path

from . import checks as reader
from ..article import Article, fit_id, make_article
from .base import InputFile, Problem, ReadOptions, date_fallback, iso_day, read_whole

log = logging.getLogger("clashwatch")

HTML_TYPES = ("text/html", "application/xhtml+xml")
MIN_WORDS = 15  # a page with less text is not an article (an error stub, a bare link page)
FALLBACK_WARNING = "trafilatura found no main text in the page: its whole visible text was used"
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# What browsers do (the WHATWG Encoding standard): these labels mean Windows-1252.
_AS_WINDOWS_1252 = {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", "iso8859-1", "l1", "cp819"}


def decode_page(data: bytes, declared: str | None = None, name: str = "page") -> tuple[str, list[str]]:
    """The text of an HTML page and the warnings about its decoding; ``InputError`` for binary data."""
    for bom, encoding, _ in reader._BOMS:
        if data.startswith(bom):
            return reader.decode(data, name), []
    reason = reader.binary_reason(data[:65536])
    if reason:
        raise reader.InputError(name, reason.replace("binary file", "binary file, not HTML"))
    meta = _META_CHARSET.search(data[:4096])
    candidates = [declared, meta.group(1).decode("ascii", "replace") if meta else None, "utf-8"]
    for label in candidates:
        encoding = _codec(label)
        if encoding is None:
            continue
        try:
            return data.decode(encoding), []
        except UnicodeDecodeError:
            continue
    return data.decode("cp1252", errors="replace"), [
        f"the page is not valid {declared or 'UTF-8'}: decoded as Windows-1252, some characters may be wrong"
    ]


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    if label in _AS_WINDOWS_1252:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def extract_page(
    data: bytes | str,
    *,
    name: str,
    url: str | None = None,
    charset: str | None = None,
    progress: int = 0,
) -> Article | Problem:
    """One page as an ``Article`` (``published_origin`` "page" when its metadata has a date)."""
    warnings: list[str] = []
    if isinstance(data, bytes):
        try:
            html, warnings = decode_page(data, charset, name)
        except reader.InputError as exc:
            return Problem(name, exc.reason, progress)
    else:
        html = data
    if not html.strip():
        return Problem(name, "empty page", progress)
    found = _trafilatura(html, url, name)
    text = _paragraphs(found.get("text") or "") if found else ""
    title = (found or {}).get("title") or None
    if not text.strip():
        text = reader.html_to_text(html)
        warnings.append(FALLBACK_WARNING)
        if not text.strip():
            return Problem(name, "no text in the page", progress)
        if title is None:
            title = text.split("\n", 1)[0][:200]
    if title and text.startswith(title):
        text = text[len(title):].lstrip()  # the pipeline puts the title back as the headline
    words = len(text.split())
    if words < MIN_WORDS:
        return Problem(name, f"only {words} word{'s' if words != 1 else ''} of text in the page: not an article", progress)
    try:
        text, more, language = reader.check_text(text, name)
    except reader.InputError as exc:
        return Problem(name, exc.reason, progress)
    when = iso_day((found or {}).get("date"))
    return make_article(
        text,
        title=title,
        published=when,
        published_origin="page" if when is not None else None,
        author=(found or {}).get("author") or None,
        url=(found or {}).get("url") or url,
        outlet=(found or {}).get("sitename") or None,
        language=language,
        warnings=warnings + more,
        origin=name,
        progress=progress,
    )


def _trafilatura(html: str, url: str | None, name: str) -> dict | None:
    import trafilatura

    try:
        found = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            deduplicate=False,
            date_extraction_params={"original_date": True, "extensive_search": False,
                                    "max_date": dt.date.today().isoformat()},
        )
    except Exception as exc:  # noqa: BLE001 - a page trafilatura trips on still gets the fallback
        log.debug("%s: trafilatura failed (%s: %s)", name, type(exc).__name__, exc)
        return None
    if found is None:
        return None
    return found if isinstance(found, dict) else found.as_dict()


def _paragraphs(text: str) -> str:
    """trafilatura gives a paragraph a line; the pipeline reads blank-line-separated paragraphs."""
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def read(f: InputFile, options: ReadOptions) -> Iterator[Article | Problem]:
    """A saved page (a file, or standard input)."""
    got = read_whole(f, options.max_page_bytes, "page")
    if isinstance(got, Problem):
        yield got
        return
    data, name = got
    found = extract_page(data, name=name, progress=f.size or len(data))
    if isinstance(found, Article):
        if not found.url and f.path != reader.STDIN:
            found.id = f.article_id or fit_id(Path(f.path).stem)
        date_fallback(found, options, f.path)
    yield found
