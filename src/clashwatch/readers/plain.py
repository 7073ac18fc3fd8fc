"""Plain text files: one article each (decoding and checks in ``reader.read_article``)."""

from __future__ import annotations

from collections.abc import Iterator

from . import checks as reader
from . import Document, InputFile, Problem, ReadOptions, date_fallback, fit_id


def read(f: InputFile, options: ReadOptions) -> Iterator[Document | Problem]:
    from ..pipeline import article_id

    size = f.size or 0
    try:
        found = reader.read_article(f.path)
    except reader.InputError as exc:
        yield Problem(exc.name, exc.reason, size)
        return
    if f.path == reader.STDIN:
        wanted = article_id(found.text)
    else:
        wanted = f.article_id or fit_id(found.stem or article_id(found.text))
    doc = Document(origin=found.name, text=found.text, id=wanted, language=found.language,
                   warnings=list(found.warnings), progress=size)
    date_fallback(doc, options, f.path)
    yield doc
