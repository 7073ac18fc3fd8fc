"""Language resources (lexicons, patterns) kept as data files in ``clashwatch/resources/``.

Each file is read once per process. TSV files have a header line; lines starting with
``#`` are comments.
"""

from __future__ import annotations

import csv
import json
from functools import cache
from importlib import resources as _res
from typing import Any


def _open(name: str):
    return _res.files("clashwatch.resources").joinpath(name).open(encoding="utf-8")


@cache
def load_tsv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a TSV resource as dicts keyed by the header, comment lines skipped; the same
    row twice is an error."""
    with _open(name) as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    rows = tuple(dict(row) for row in csv.DictReader(lines, delimiter="\t"))
    seen: set[tuple] = set()
    for row in rows:
        key = tuple(row.items())
        if key in seen:
            raise ResourceError(f"{name}: the row {' | '.join(str(v) for v in row.values())!r} is there twice")
        seen.add(key)
    return rows


class ResourceError(ValueError):
    """A language data file that cannot mean one thing (a key given twice)."""


def parse_json(text: str, name: str) -> Any:
    """JSON language data; a key given twice in one object is an error, not a silent overwrite."""

    def unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _ in pairs]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        if twice:
            raise ResourceError(f"{name}: key {', '.join(map(repr, twice))} given twice in one object")
        return dict(pairs)

    return json.loads(text, object_pairs_hook=unique)


@cache
def load_json(name: str) -> Any:
    with _open(name) as fh:
        return parse_json(fh.read(), name)


@cache
def load_list(name: str) -> tuple[str, ...]:
    """One entry a line, comments and blank lines skipped."""
    with _open(name) as fh:
        return tuple(line.strip() for line in fh if line.strip() and not line.startswith("#"))
