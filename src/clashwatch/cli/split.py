"""``clashwatch split EVENT MENTION``: a report that is not of this event."""

from __future__ import annotations

import click

from ._review import REVIEW_EXIT_CODES_HELP, checked, review_options, run_review, state_line, who_of
from ._store import db_option
from ._util import command_errors


@click.command(epilog=REVIEW_EXIT_CODES_HELP)
@click.argument("event_id", metavar="EVENT")
@click.argument("mention", metavar="MENTION")
@db_option
@review_options
@command_errors
def split(event_id, mention, db, why, who):
    """Take a mention (one article's report, by its key: `events show EVENT` lists them) out
    of EVENT into an event of its own.

    A mention that an analyst's merge brought in gets its old event's id back. The split is
    kept as a correction and made again whenever the events are rebuilt.

    \b
    Example:
      clashwatch split ev_918f64ec3243f7d3 5f0c2e9a71b3d4c8a0e1 --why "a different attack the same day"
    """
    from ..store import review as rv

    checked("--why", rv.check_why, why)
    by = who_of(who)

    def operation(store):
        ids = store.split_mention(event_id.strip(), mention.strip(), who=by, why=why)
        return "\n".join(state_line(store, e) for e in ids)

    code, lines = run_review(db, operation)
    if lines:
        click.echo(lines)
    return code
