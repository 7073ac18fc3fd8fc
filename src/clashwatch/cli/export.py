"""``clashwatch export``: every event of the store, as ACLED CSV, GeoJSON or Parquet."""

from __future__ import annotations

import click

from ._filters import build_query, filter_options
from ._store import READ_EXIT_CODES_HELP, _database_errors, _db_url, _open_store, db_option
from ._util import (
    EXIT_OK,
    RegistryChoice,
    Reporter,
    SigintGuard,
    _plural,
    _writable_parquet,
    command_errors,
    open_output,
)


@click.command(epilog=READ_EXIT_CODES_HELP)
@db_option
@click.option("--format", "-f", "fmt", type=RegistryChoice("clashwatch.outputs", "EXPORT_FORMATS", "FORMAT_ALIASES"),
              required=True, help="acled: one row per event, ACLED's columns in ACLED's order (acled-csv: the same). geojson: an RFC 7946 FeatureCollection. "
              "parquet: events at PATH, plus PATH's stem + _claims.parquet and _mentions.parquet.")
@click.option("--output", "-o", metavar="PATH", default=None, help="Where to write (standard output for acled/geojson when absent; required for parquet).")
@click.option("--quiet", "-q", is_flag=True, help="No summary on stderr.")
@click.option("--date-format", type=click.Choice(["iso", "acled"]), default="iso", show_default=True,
              help="acled format: event_date as 2021-04-06 (iso) or as ACLED's export writes it, 06 April 2021 (acled).")
@filter_options
@command_errors
def export(db, fmt, output, quiet, date_format, **filters):
    """Export the events of the store that the filters select (the same filters as
    `clashwatch events`): by default every current event, background and rejected events
    left out (--include-background, --include-rejected add them, flagged).

    \b
    Examples:
      clashwatch export --format acled -o all.csv
      clashwatch export --format acled --date-format acled -o for-acled-scripts.csv
      clashwatch export --format parquet -o kenya.parquet --country KE --from 2024
    """
    from ..outputs import make_event_writer
    from ..outputs.parquet import export_parquet, sibling_paths
    from ..store.queries import all_events

    query = build_query(**filters)
    if date_format != "iso" and fmt != "acled":
        raise click.BadParameter(f"for --format acled, not {fmt}", param_hint="'--date-format'")
    url = _db_url(db)
    report = Reporter(quiet=quiet)
    if fmt == "parquet":
        if output in (None, "-"):
            raise click.UsageError("--format parquet writes three files: give -o PATH (e.g. -o events.parquet)")
        _writable_parquet(output)
    store = _open_store(url, must_exist=True)
    try:
        with _database_errors(url):
            if fmt == "parquet":
                counts = export_parquet(store, output, query)
                claims_path, mentions_path = sibling_paths(output)
                report.info(
                    f"{_plural(counts['events'], 'event')} to {output}, {_plural(counts['claims'], 'claim')} to "
                    f"{claims_path}, {_plural(counts['mentions'], 'mention')} to {mentions_path}"
                )
                return EXIT_OK
            with open_output(output) as stream, SigintGuard() as guard, make_event_writer(fmt, stream, date_format=date_format) as writer:
                for row in all_events(store, query=query):
                    with guard.critical():
                        writer.write(row)
    finally:
        store.close()
    summary = f"{_plural(writer.count, 'event')} exported"
    if writer.skipped:
        summary += f"; {_plural(writer.skipped, 'event')} without coordinates left out"
    report.info(summary)
    return EXIT_OK
