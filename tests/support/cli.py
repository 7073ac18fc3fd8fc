"""Running the command line in tests: as a user runs it (a process) or in-process, and reading what it left."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from clashwatch.cli import cli

SUMMARY_RE = re.compile(
    r"articles: (?P<new>[\d,]+) new, (?P<updated>[\d,]+) updated, (?P<unchanged>[\d,]+) unchanged, "
    r"(?P<duplicate>[\d,]+) duplicate, (?P<failed>[\d,]+) failed; events: (?P<created>[\d,]+) created, (?P<merged>[\d,]+) merged"
)


def run(*args: str, cwd=None, env=None, timeout: float = 300) -> subprocess.CompletedProcess:
    """The real command, as a user runs it."""
    full_env = dict(os.environ)
    full_env.pop("CLASHWATCH_DB", None)  # only what the test says
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "clashwatch.cli", *args], capture_output=True, text=True, cwd=cwd, env=full_env, timeout=timeout
    )


def invoke(*args: str, env: dict | None = None):
    """The same command in-process (the pipeline and gazetteer are loaded once)."""
    result = CliRunner().invoke(cli, list(args), catch_exceptions=True, env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def summary_of(stderr: str) -> dict[str, int]:
    match = SUMMARY_RE.search(stderr)
    assert match, stderr
    return {k: int(v.replace(",", "")) for k, v in match.groupdict().items()}


def no_traceback(text: str) -> bool:
    return "Traceback" not in text and 'File "' not in text


def sql(db: Path | str, query: str, *params) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(query, params).fetchall()
    finally:
        conn.close()
