"""``clashwatch verify EVENT``."""

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
def verify(event_id, db, why, who):
    """Mark an event verified: a person checked it as it stands.

    \b
    Example:
      clashwatch verify ev_918f64ec3243f7d3 --why "matches the police statement"
    """
    return mark(db, event_id, "verify", why, who)
