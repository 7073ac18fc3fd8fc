"""``clashwatch reject EVENT``."""

from __future__ import annotations

import click

from ._review import REVIEW_EXIT_CODES_HELP, mark, review_options
from ._store import db_option
from ._util import command_errors


@click.command(epilog=REVIEW_EXIT_CODES_HELP)
@click.argument("event_id", metavar="EVENT")
@db_option
@review_options
@command_errors
def reject(event_id, db, why, who):
    """Reject an event: not an event (a misreading, not a real incident).

    A rejected event is left out of listings, totals, maps and exports unless asked for
    (`--review-state rejected`, `--include-rejected`); it is never deleted.
    \b
    Example:
      clashwatch reject ev_918f64ec3243f7d3 --why "a road accident, not an attack"
    """
    return mark(db, event_id, "reject", why, who)
