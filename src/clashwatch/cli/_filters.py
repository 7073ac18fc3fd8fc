"""The event filters of ``events`` and ``export``: one set of options, one ``EventQuery``.

List options are repeatable and take comma-separated values (``--country KE,NG`` is
``--country KE --country NG``); an event matches any of them. An unknown country, type or
interaction code is a usage error naming the closest valid values.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from ._util import BBOX, DATE, DATE_TO

FILTER_PARAMS = ("country", "admin1", "event_type", "actor", "interaction", "outlet", "date_from", "date_to", "bbox",
                 "min_fatalities", "text", "include_background", "current_only", "review_state", "include_rejected", "sort")


def _many(name: str, metavar: str, help: str, dest: str | None = None):
    names = (name, dest) if dest else (name,)
    return click.option(*names, metavar=metavar, multiple=True, help=help + " Repeatable; or comma-separated.")


def filter_options(command: Callable) -> Callable:
    """Add the event filter options to ``command`` (``FILTER_PARAMS`` are its parameter names)."""
    from ..store.filters import DEFAULT_SORT, SORTS

    options = [
        _many("--country", "NAME|ISO2", "Country name or ISO 3166-1 alpha-2 code (Kenya, KE)."),
        _many("--admin1", "NAME", "First-level region (state, province), as the events name it."),
        _many("--type", "TYPE", "ACLED event type or sub-event type, case-insensitive ('Battles', 'Armed clash').",
              dest="event_type"),
        _many("--actor", "TEXT", "Part of an actor's name (actor1 or actor2), case-insensitive ('Al-Shabaab', 'Police')."),
        _many("--interaction", "CODE", "ACLED interaction code: the actors' codes 1-8, lower first, 0 when alone (12, 17, 60)."),
        _many("--outlet", "TEXT", "Part of the name of an outlet that reported the event, as its outlets name them (the article's outlet, else its URL's host)."),
        click.option("--from", "date_from", type=DATE, default=None,
                     help="Events on or after this date (event_date): 2022-09-16, '16 September 2022', or a month or "
                          "year (2022-09, 2022) from its first day."),
        click.option("--to", "date_to", type=DATE_TO, default=None,
                     help="Events on or before this date (event_date); a month or year (2022-09) to its last day."),
        click.option("--bbox", type=BBOX, default=None,
                     help="Events inside this box, in degrees: min_lon,min_lat,max_lon,max_lat."),
        click.option("--min-fatalities", type=click.IntRange(min=0, max=2**63 - 1), default=None,
                     help="Events whose best fatality estimate is at least N."),
        click.option("--text", metavar="TEXT", default=None,
                     help="Substring of the location, region, country, actors or notes (case-insensitive)."),
        click.option("--include-background", is_flag=True,
                     help="Also list background events: past events the articles only recall (flagged in `background`). "
                          "Without it they are left out, as they are from every count."),
        click.option("--current-only", is_flag=True, hidden=True, help="The default now: background events are left out."),
        _many("--review-state", "STATE", "Only events in this review state: machine, corrected, verified or rejected.",
              dest="review_state"),
        click.option("--include-rejected", is_flag=True,
                     help="Also list events an analyst rejected (not an event). Without it they are left out, as they "
                          "are from every count."),
        click.option("--sort", type=click.Choice(list(SORTS), case_sensitive=False), default=DEFAULT_SORT,
                     show_default=True, help="newest or oldest event date first, or deadliest (best estimate) first; "
                                             "then by id."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def build_query(**given: Any):
    """The ``EventQuery`` of the filter options (``FILTER_PARAMS`` plus any ``EventQuery``
    field such as ``limit``); ``click.BadParameter`` naming the option when a value is wrong."""
    from ..store import EventQuery
    from ..store.filters import (
        MAX_FILTER_CHARS,
        MAX_FILTER_VALUES,
        country_filter,
        interaction_filter,
        split_values,
        type_filter,
    )

    def parsed(option: str, values, parse=None) -> tuple:
        values = split_values(values)
        if len(values) > MAX_FILTER_VALUES:
            raise click.BadParameter(f"more than {MAX_FILTER_VALUES} values", param_hint=f"'{option}'")
        out = []
        for value in values:
            if len(value) > MAX_FILTER_CHARS:
                raise click.BadParameter(f"longer than {MAX_FILTER_CHARS} characters", param_hint=f"'{option}'")
            try:
                out.append(parse(value) if parse else value)
            except ValueError as exc:
                raise click.BadParameter(str(exc), param_hint=f"'{option}'") from None
        return tuple(dict.fromkeys(out))

    text = given.pop("text", None)
    if text is not None and len(text) > MAX_FILTER_CHARS:
        raise click.BadParameter(f"longer than {MAX_FILTER_CHARS} characters", param_hint="'--text'")
    date_from, date_to = given.pop("date_from", None), given.pop("date_to", None)
    include, current_only = given.pop("include_background", False), given.pop("current_only", False)
    include_rejected = given.pop("include_rejected", False)
    if date_from and date_to and date_from > date_to:
        raise click.BadParameter(f"--from {date_from} is after --to {date_to}", param_hint="'--from'")
    return EventQuery(
        country=parsed("--country", given.pop("country", ()), country_filter),
        admin1=parsed("--admin1", given.pop("admin1", ())),
        event_type=parsed("--type", given.pop("event_type", ()), type_filter),
        actor=parsed("--actor", given.pop("actor", ())),
        interaction=parsed("--interaction", given.pop("interaction", ()), interaction_filter),
        outlet=parsed("--outlet", given.pop("outlet", ())),
        date_from=date_from,
        date_to=date_to,
        bbox=given.pop("bbox", None),
        min_fatalities=given.pop("min_fatalities", None),
        text=text,
        include_background=include and not current_only,
        review_state=parsed("--review-state", given.pop("review_state", ()), _review_state),
        include_rejected=include_rejected,
        sort=(given.pop("sort", None) or "newest").lower(),
        **given,
    )


def _review_state(value: str) -> str:
    from ..store.review import STATES

    state = value.strip().lower()
    if state not in STATES:
        raise ValueError(f"{value!r} is not a review state ({', '.join(STATES)})")
    return state
