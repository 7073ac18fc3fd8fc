"""Web archives (WARC, plain or gzipped record by record), read with warcio.

Only ``response`` records that carry a successful (2xx) HTML page become articles: the
page's URL is the record's ``WARC-Target-URI``, its text and metadata come from
``html.extract_page``, and a page with no date of its own takes the capture date
(``WARC-Date``, origin ``file``). Requests, metadata, revisits, other media types and
error or redirect responses are skipped and counted (``Skipped``); an HTML response that
cannot be read (binary body, no text, over the size limit) is a ``Problem``. A record
whose framing is broken ends the reading of the archive there, with a ``Problem``
naming the byte offset: what was read before it stands.
"""

from __future__ import annotations

from collections.abc import Iterator

from . import checks as reader
from ..article import Article
from .base import InputFile, Problem, ReadOptions, Skipped, iso_day, open_input
from .html import HTML_TYPES, extract_page


def read(f: InputFile, options: ReadOptions) -> Iterator[Article | Problem | Skipped]:
    from warcio.archiveiterator import ArchiveIterator

    try:
        with open_input(f) as (stream, name):
            yield from _records(ArchiveIterator(stream, arc2warc=True), stream, name, f, options)
    except reader.InputError as exc:
        yield Problem(exc.name, exc.reason, f.size or 0)


def _records(records, stream, name: str, f: InputFile, options: ReadOptions) -> Iterator[Article | Problem | Skipped]:
    from warcio.exceptions import ArchiveLoadFailed

    n = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            if n == 0:
                yield Problem(name, "no records in the archive", f.size or 0)
            return
        except (ArchiveLoadFailed, ValueError, OSError, EOFError) as exc:
            where = _tell(stream)
            if n == 0:
                yield Problem(name, "not a WARC archive (no WARC record at its start)", f.size or where)
            else:
                yield Problem(name, f"broken WARC record after record {n}, near byte {where:,} ({_printable(exc)}): "
                                    "the rest of the archive is skipped", f.size or where)
            return
        n += 1
        yield from _record(record, name, n, options, lambda: _tell(stream))


def _printable(exc: BaseException) -> str:
    """warcio quotes the bytes it choked on: keep the message, not the binary."""
    text = str(exc).split(", first line:")[0]
    return "".join(c if c.isprintable() else "?" for c in " ".join(text.split()))[:120]


def _tell(stream) -> int:
    try:
        return stream.tell()
    except (OSError, ValueError):
        return 0


def _record(record, name: str, n: int, options: ReadOptions, where) -> Iterator[Article | Problem | Skipped]:
    url = record.rec_headers.get_header("WARC-Target-URI")
    origin = f"{name}: record {n} ({url})" if url else f"{name}: record {n}"
    if record.rec_type != "response":
        return  # requests, warcinfo, metadata: not pages
    http = record.http_headers
    if http is None:
        yield Skipped(origin, "not an HTTP response", where())
        return
    status = http.get_statuscode() or ""
    if not status.startswith("2"):
        yield Skipped(origin, f"HTTP {status or 'status missing'}", where())
        return
    content_type = (http.get_header("Content-Type") or "").lower()
    media, _, params = content_type.partition(";")
    if media.strip() not in HTML_TYPES:
        yield Skipped(origin, f"not HTML ({media.strip() or 'no Content-Type'})", where())
        return
    try:
        body = record.content_stream().read(options.max_page_bytes + 1)
    except Exception as exc:  # noqa: BLE001 - a broken body (bad chunking, bad compression) is this record's problem
        yield Problem(origin, f"cannot read the body ({type(exc).__name__}: {exc})", where())
        return
    if len(body) > options.max_page_bytes:
        yield Problem(origin, f"page is over the {reader.human_size(options.max_page_bytes)} limit (--max-page-mb): skipped", where())
        return
    found = extract_page(body, name=origin, url=url, charset=_charset(params), progress=where())
    if isinstance(found, Article):
        if options.published is not None:
            found.published, found.published_origin = options.published, "given"
        elif found.published is None:
            captured = iso_day(record.rec_headers.get_header("WARC-Date"))
            if captured is not None:
                found.published, found.published_origin = captured, "file"
                found.warnings.append(f"no publication date in the page: its capture date ({captured}) was used")
    yield found


def _charset(params: str) -> str | None:
    for part in params.split(";"):
        key, _, value = part.partition("=")
        if key.strip() == "charset" and value.strip():
            return value.strip().strip('"')
    return None
