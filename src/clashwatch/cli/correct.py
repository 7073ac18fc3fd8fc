"""``clashwatch correct EVENT``: an analyst's correction of an event's fields."""

from __future__ import annotations

import click

from ._review import REVIEW_EXIT_CODES_HELP, checked, review_options, run_review, state_line, who_of
from ._store import db_option
from ._util import command_errors


@click.command(epilog=REVIEW_EXIT_CODES_HELP)
@click.argument("event_id", metavar="EVENT")
@db_option
@click.option("--type", "event_type", metavar="TYPE", default=None, help="ACLED event type ('Battles').")
@click.option("--sub-type", "sub_event_type", metavar="SUBTYPE", default=None,
              help="ACLED sub-event type ('Armed clash'); alone, it implies its type.")
@click.option("--date", metavar="YYYY-MM-DD", default=None, help="The day of the event.")
@click.option("--place", metavar="GEONAMEID|LAT,LON[,PRECISION]", default=None,
              help="A GeoNames id of clashwatch's gazetteer (1052373), or a point in degrees with ACLED's geo "
                   "precision (1 the town, 2 near a town, 3 a region; default 1).")
@click.option("--actor1", metavar="NAME", default=None, help="The first actor, ACLED-style.")
@click.option("--actor2", metavar="NAME", default=None, help="The second actor ('' to remove it).")
@click.option("--fatalities", metavar="N[/LOW-HIGH]", default=None,
              help="The reviewed toll: best, and optionally its range (12, 12/10-15). The machine's estimate is kept beside it.")
@review_options
@command_errors
def correct(event_id, db, event_type, sub_event_type, date, place, actor1, actor2, fatalities, why, who):
    """Correct an event: its type, date, place, actors or toll.

    The correction is kept as data (the audit trail: `clashwatch review --audit`) and applied
    again whenever the event is rebuilt: when a new report joins it, or after `clashwatch
    reextract`. The machine's values stay beside the analyst's (`events show EVENT`).

    \b
    Examples:
      clashwatch correct ev_918f64ec3243f7d3 --fatalities 12/10-15 --why "police toll of 6 May"
      clashwatch correct ev_918f64ec3243f7d3 --place 187896 --why "Mandera town, not the county"
      clashwatch correct ev_918f64ec3243f7d3 --sub-type "Armed clash" --why "both sides fired"
    """
    from ..store import review as rv

    changes = {}
    if event_type is not None or sub_event_type is not None:
        changes["type"] = checked("--type", rv.check_type, event_type, sub_event_type)
    if date is not None:
        changes["date"] = checked("--date", rv.check_date, date)
    if place is not None:
        changes["place"] = checked("--place", rv.parse_place, place)
    if actor1 is not None or actor2 is not None:
        changes["actors"] = checked("--actor1", rv.check_actors, actor1, actor2)
    if fatalities is not None:
        changes["fatalities"] = checked("--fatalities", rv.parse_fatalities, fatalities)
    if not changes:
        raise click.UsageError("nothing to correct: give --type/--sub-type, --date, --place, --actor1/--actor2 or --fatalities")
    checked("--why", rv.check_why, why)
    by = who_of(who)

    def operation(store):
        store.correct(event_id.strip(), who=by, why=why, **changes)
        return state_line(store, event_id.strip())

    code, line = run_review(db, operation)
    if line:
        click.echo(line)
    return code
