"""What the review commands share (``correct``, ``merge``, ``split``, ``verify``, ``reject``,
``review``): ``--why`` and ``--who``, and running one review operation on the store with
its failures as one line (a bad value: usage error, exit 2; an unknown event or mention:
exit 1)."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from typing import Any

import click

from ._store import _database_errors, _db_url, _open_store
from ._util import EXIT_INPUT, EXIT_OK, PROG

REVIEW_EXIT_CODES_HELP = """\b
Exit codes:
  0    success
  1    no such event (or mention)
  2    usage error: bad value (a type ACLED does not have, a bad place or toll, no reason)
  3    the database cannot be opened or written, bug
"""


def default_who() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in this environment
        return "unknown"


def review_options(fn: Callable) -> Callable:
    fn = click.option("--who", metavar="NAME", default=None,
                      help="Who makes the change, for the audit trail. Default: your user name.")(fn)
    fn = click.option("--why", metavar="TEXT", required=True,
                      help="Why (required): shown in the audit trail and exported as review_note.")(fn)
    return fn


def run_review(db: str | None, operation: Callable[[Any], Any]) -> tuple[int, Any]:
    """``operation(store)`` on the store at ``db``; (exit code, its value)."""
    from ..store.review import ReviewError, UnknownTarget

    url = _db_url(db)
    store = _open_store(url, must_exist=True)
    try:
        with _database_errors(url, "write to"):
            try:
                return EXIT_OK, operation(store)
            except UnknownTarget as exc:
                click.echo(f"{PROG}: error: {exc} (`clashwatch events` lists the events)", err=True)
                return EXIT_INPUT, None
            except ReviewError as exc:
                raise click.UsageError(str(exc)) from None
    finally:
        store.close()


def who_of(who: str | None) -> str:
    from ..store.review import ReviewError, check_who

    try:
        return check_who(who, default_who())
    except ReviewError as exc:
        raise click.BadParameter(str(exc), param_hint="'--who'") from None


def checked(option: str, fn: Callable, *args: Any) -> Any:
    """``fn(*args)``, a ``ReviewError`` as a bad value of ``option``."""
    from ..store.review import ReviewError

    try:
        return fn(*args)
    except ReviewError as exc:
        raise click.BadParameter(str(exc), param_hint=f"'{option}'") from None


def state_line(store, event_id: str) -> str:
    row = store.event(event_id)
    if row is None:
        return event_id
    toll = row.get("fatalities")
    return (f"{event_id}: {row['review_state']} · {row['event_type']} / {row['sub_event_type']} · "
            f"{row.get('event_date') or 'no date'} · {row.get('location') or row.get('country') or 'no place'} · "
            f"fatalities {toll if toll is not None else 'unknown'}")


def mark(db: str | None, event_id: str, kind: str, why: str, who: str | None) -> int:
    """``verify`` and ``reject``: record the mark, print the event's state line, return the exit code."""
    from ..store import review as rv

    checked("--why", rv.check_why, why)
    by = who_of(who)
    event_id = event_id.strip()

    def operation(store):
        store.mark(event_id, kind, who=by, why=why)
        return state_line(store, event_id)

    code, line = run_review(db, operation)
    if line:
        click.echo(line)
    return code
