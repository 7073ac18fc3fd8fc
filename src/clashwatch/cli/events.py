"""``clashwatch events`` (the merged events of a store, filtered) and ``events show ID``."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from ._store import READ_EXIT_CODES_HELP, _database_errors, _db_url, _display_url, _open_store, db_option
from ._filters import FILTER_PARAMS, build_query, filter_options
from ._util import (
    EXIT_INPUT,
    EXIT_OK,
    PROG,
    RegistryChoice,
    SigintGuard,
    _writable_parquet,
    command_errors,
    open_output,
)

_LIST_ONLY = (*FILTER_PARAMS, "limit", "fmt", "output", "date_format")


@click.group(invoke_without_command=True, epilog=READ_EXIT_CODES_HELP)
@db_option
@filter_options
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most N events (in --sort order).")
@click.option("--format", "-f", "fmt", type=RegistryChoice("clashwatch.outputs", "EVENT_FORMATS", "FORMAT_ALIASES"),
              default="table", show_default=True,
              help="Output format; acled is ACLED's columns in ACLED's order (csv, acled-csv: the same).")
@click.option("--date-format", type=click.Choice(["iso", "acled"]), default="iso", show_default=True,
              help="acled format: event_date as 2021-04-06 (iso) or as ACLED's export writes it, 06 April 2021 (acled).")
@click.option("--output", "-o", metavar="PATH", default=None, help="Write here instead of standard output (required for parquet on a terminal).")
@click.pass_context
def events(ctx, db, limit, fmt, output, date_format, **filters):
    """List the merged events of a store, filtered; or show one (`events show ID`).

    Events come newest first (event date, then id) unless --sort says otherwise. Different
    filters combine (AND); the values of one filter are alternatives (OR).

    \b
    Examples:
      clashwatch events --country Kenya --from 2024-01-01 --min-fatalities 1
      clashwatch events --country KE,SO --type 'Armed clash' --actor Al-Shabaab --sort deadliest
      clashwatch events --bbox 33.9,-4.7,41.9,5.0 --format geojson -o kenya.geojson
      clashwatch events show ev_918f64ec3243f7d3
    """
    if ctx.invoked_subcommand is not None:
        given = [
            "--" + name.replace("_", "-").replace("fmt", "format").replace("event-type", "type").replace("date-", "")
            for name in _LIST_ONLY
            if ctx.get_parameter_source(name) == click.core.ParameterSource.COMMANDLINE
        ]
        if given:
            raise click.UsageError(f"{', '.join(given)}: for the list of events, not for 'events {ctx.invoked_subcommand}'")
        ctx.obj = {"db": db}
        return
    query = build_query(limit=limit, **filters)
    if date_format != "iso" and fmt != "acled":
        raise click.BadParameter(f"for --format acled, not {fmt}", param_hint="'--date-format'")
    _list_events(_db_url(db), query, fmt, output, date_format)


@command_errors
def _list_events(url: str, query: Any, fmt: str, output: str | None, date_format: str = "iso") -> int:
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
            with open_output(output) as stream, SigintGuard() as guard, make_event_writer(fmt, stream, date_format=date_format) as writer:
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
