"""``clashwatch events`` (the merged events of a store, filtered) and ``events show ID``."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from ._store import READ_EXIT_CODES_HELP, _database_errors, _db_url, _display_url, _open_store, db_option
from ._util import (
    BBOX,
    DATE,
    DATE_TO,
    EXIT_INPUT,
    EXIT_OK,
    PROG,
    RegistryChoice,
    SigintGuard,
    _writable_parquet,
    command_errors,
    open_output,
)

_EVENT_FILTERS = ("country", "admin1", "event_type", "date_from", "date_to", "bbox", "min_fatalities", "text",
                  "current_only", "limit", "fmt", "output")


@click.group(invoke_without_command=True, epilog=READ_EXIT_CODES_HELP)
@db_option
@click.option("--country", metavar="NAME|ISO2", default=None, help="Country name or ISO 3166-1 alpha-2 code (Kenya, KE).")
@click.option("--admin1", metavar="NAME", default=None, help="First-level region (state, province), as the events name it.")
@click.option("--type", "event_type", metavar="TYPE", default=None,
              help="ACLED event type or sub-event type, case-insensitive ('Battles', 'Armed clash').")
@click.option("--from", "date_from", type=DATE, default=None,
              help="Events on or after this date (event_date): 2022-09-16, '16 September 2022', or a month or "
                   "year (2022-09, 2022) from its first day.")
@click.option("--to", "date_to", type=DATE_TO, default=None,
              help="Events on or before this date (event_date); a month or year (2022-09) to its last day.")
@click.option("--bbox", type=BBOX, default=None, help="Events inside this box, in degrees: min_lon,min_lat,max_lon,max_lat.")
@click.option("--min-fatalities", type=click.IntRange(min=0, max=2**63 - 1), default=None, help="Events whose best fatality estimate is at least N.")
@click.option("--text", metavar="TEXT", default=None, help="Substring of the location, region, country, actors or notes (case-insensitive).")
@click.option("--current-only", is_flag=True, help="Leave out background events (past events the articles only recall).")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most N events (newest first).")
@click.option("--format", "-f", "fmt", type=RegistryChoice("clashwatch.outputs", "EVENT_FORMATS"), default="table",
              show_default=True, help="Output format; csv has ACLED's column names.")
@click.option("--output", "-o", metavar="PATH", default=None, help="Write here instead of standard output (required for parquet on a terminal).")
@click.pass_context
def events(ctx, db, country, admin1, event_type, date_from, date_to, bbox, min_fatalities, text, current_only, limit, fmt, output):
    """List the merged events of a store, filtered; or show one (`events show ID`).

    Events come newest first (event date, then id). Filters combine (AND).

    \b
    Examples:
      clashwatch events --country Kenya --from 2024-01-01 --min-fatalities 1
      clashwatch events --bbox 33.9,-4.7,41.9,5.0 --format geojson -o kenya.geojson
      clashwatch events show ev_918f64ec3243f7d3
    """
    from ..store.filters import MAX_FILTER_CHARS

    for name, value in (("--text", text), ("--country", country), ("--admin1", admin1), ("--type", event_type)):
        if value is not None and len(value) > MAX_FILTER_CHARS:
            raise click.BadParameter(f"longer than {MAX_FILTER_CHARS} characters", param_hint=f"'{name}'")
    if ctx.invoked_subcommand is not None:
        given = [
            "--" + name.replace("_", "-").replace("fmt", "format").replace("event-type", "type").replace("date-", "")
            for name in _EVENT_FILTERS
            if ctx.get_parameter_source(name) == click.core.ParameterSource.COMMANDLINE
        ]
        if given:
            raise click.UsageError(f"{', '.join(given)}: for the list of events, not for 'events {ctx.invoked_subcommand}'")
        ctx.obj = {"db": db}
        return
    if date_from and date_to and date_from > date_to:
        raise click.BadParameter(f"--from {date_from} is after --to {date_to}", param_hint="'--from'")
    from ..store.filters import country_filter
    from ..store import EventQuery

    query = EventQuery(
        country=country_filter(country) if country else None,
        admin1=admin1,
        event_type=event_type,
        date_from=date_from,
        date_to=date_to,
        bbox=bbox,
        min_fatalities=min_fatalities,
        text=text,
        include_background=not current_only,
        limit=limit,
    )
    _list_events(_db_url(db), query, fmt, output)


@command_errors
def _list_events(url: str, query: Any, fmt: str, output: str | None) -> int:
    from ..outputs import make_event_writer
    from ..outputs.parquet import ParquetRowWriter
    from ..store.queries import query_events

    if fmt == "parquet":
        _writable_parquet(output)
    store = _open_store(url, must_exist=True)
    try:
        with _database_errors(url):
            rows = query_events(store, query)
            if fmt == "parquet":
                target = sys.stdout.buffer if output in (None, "-") else output
                with ParquetRowWriter(target, "events") as writer:
                    for row in rows:
                        writer.write(row)
                if target is sys.stdout.buffer:
                    sys.stdout.buffer.flush()
                return EXIT_OK
            with open_output(output) as stream, SigintGuard() as guard, make_event_writer(fmt, stream) as writer:
                for row in rows:
                    with guard.critical():
                        writer.write(row)
    finally:
        store.close()
    return EXIT_OK


@events.command("show", epilog=READ_EXIT_CODES_HELP)
@click.argument("event_id", metavar="ID")
@db_option
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
@command_errors
def events_show(ctx, event_id, db, fmt):
    """Show one event: its estimate and reasoning, contradictions, every mention (and why
    it joined), every current claim, and the toll history per source."""
    from ..outputs.jsonout import event_detail_json
    from ..outputs.table import render_event_detail

    url = _db_url(db or (ctx.obj or {}).get("db"))
    store = _open_store(url, must_exist=True)
    try:
        with _database_errors(url):
            detail = store.event(event_id.strip())
    finally:
        store.close()
    if detail is None:
        click.echo(f"{PROG}: error: no event {event_id!r} in {_display_url(url)} (`clashwatch events` lists them)", err=True)
        return EXIT_INPUT
    with open_output(None) as stream:
        if fmt == "json":
            stream.write(json.dumps(event_detail_json(detail), ensure_ascii=False, indent=2) + "\n")
        else:
            stream.write("\n".join(render_event_detail(detail)) + "\n")
    return EXIT_OK
