"""``clashwatch merge A B``: two events an analyst knows are one."""

from __future__ import annotations

import click

from ._review import REVIEW_EXIT_CODES_HELP, checked, review_options, run_review, state_line, who_of
from ._store import db_option
from ._util import command_errors


@click.command(epilog=REVIEW_EXIT_CODES_HELP)
@click.argument("event_id", metavar="A")
@click.argument("other", metavar="B")
@db_option
@review_options
@command_errors
def merge(event_id, other, db, why, who):
    """Merge event B into event A: the reports of both become one event.

    The merged event keeps the older of the two ids. The merge is kept as a correction and
    made again whenever the events are rebuilt; `clashwatch split` takes a mention back out.

    \b
    Example:
      clashwatch merge ev_918f64ec3243f7d3 ev_5737153e6aa3c51f --why "same market attack, two spellings"
    """
    from ..store import review as rv

    checked("--why", rv.check_why, why)
    by = who_of(who)

    def operation(store):
        merged = store.merge_events(event_id.strip(), other.strip(), who=by, why=why)
        return state_line(store, merged)

    code, line = run_review(db, operation)
    if line:
        click.echo(line)
    return code
