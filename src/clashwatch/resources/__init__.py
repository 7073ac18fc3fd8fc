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
    """Rows of a TSV resource as dicts keyed by the header, comment lines skipped."""
    with _open(name) as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return tuple(dict(row) for row in csv.DictReader(lines, delimiter="\t"))


@cache
def load_json(name: str) -> Any:
    with _open(name) as fh:
        return json.load(fh)


@cache
def load_list(name: str) -> tuple[str, ...]:
    """One entry a line, comments and blank lines skipped."""
    with _open(name) as fh:
        return tuple(line.strip() for line in fh if line.strip() and not line.startswith("#"))
