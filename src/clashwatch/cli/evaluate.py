"""``clashwatch evaluate``: clashwatch scored against human-coded data."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from ._util import EXIT_INPUT, EXIT_OK, RegistryChoice, Reporter, command_errors

EVALUATE_EXIT_CODES_HELP = """\b
Exit codes:
  0  evaluated
  1  the file could not be read as the format (missing columns, not UTF-8, no rows)
  2  bad option or argument, missing file
  3  the run could not go on (no spaCy model, report not writable, internal error)
  130  interrupted (Ctrl-C)"""


@click.command(epilog=EVALUATE_EXIT_CODES_HELP)
@click.argument("file", metavar="FILE", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "-f", "fmt", type=RegistryChoice("clashwatch.evaluation", "FORMATS"), default=None,
              help="The labelled format. Default: detected from the first line.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Only the first N rows (before --half picks its half).")
@click.option("--half", type=click.Choice(["tuning", "checking"]), default=None,
              help="ACLED: evaluate only this half of the rows (the split by event_id_cnty). Default: all rows and both halves side by side.")
@click.option("--errors", "errors_per_kind", type=click.IntRange(min=0), default=5, show_default=True,
              help="Worst errors shown per kind (0: none).")
@click.option("--errors-from", "errors_from", type=click.Choice(["tuning", "checking", "all"]), default=None,
              help="ACLED: the half whose worst errors are listed.  [default: tuning; other formats: all]")
@click.option("--report", "report_path", metavar="PATH", default=None,
              help="Also write an HTML report with plots (error distances, confusion heatmaps) and the worst errors.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures, per-item outcomes and worst errors as one JSON object.")
@click.option("--batch-size", type=click.IntRange(min=1), default=32, show_default=True,
              help="Articles parsed together by spaCy (nlp.pipe).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or notes on stderr.")
@command_errors
def evaluate(file, fmt, limit, half, errors_per_kind, errors_from, report_path, as_json, batch_size, quiet):
    """Score clashwatch against human-coded data and show where it disagrees.

    FILE is labelled data in one of five formats:

    \b
      acled      an ACLED export with notes (CSV): event type, sub-event type, fatalities,
                 location (within 25 / 161 km) and date of each row's main event, and
                 sub-event type accuracy per sub-type; for all rows, the tuning half and
                 the checking half side by side
      case       CASE 2021 task 2 snippets (TSV): weighted F1 over the 25 sub-event types
      gwn        GeoWebNews (JSONL): gold toponyms resolved within 161 km
      gtd        Global Terrorism Database (CSV): nkill and nwound exact
      negatives  documents with no codable event (JSONL: id, kind, text, published):
                 share yielding a current event (false-positive rate), per kind

    ACLED rows are split into a tuning and a checking half by a fixed rule (SHA-256 of
    event_id_cnty even: tuning); worst errors come from the tuning half only unless
    --errors-from says otherwise.

    Prints the metrics, confusion matrices and the worst errors with their text.

    \b
    Examples:
      clashwatch evaluate my_coded_events.csv
      clashwatch evaluate --half tuning acled_dev_3000.csv --errors 20
      clashwatch evaluate --format case case_dev.tsv --report case.html
    """
    from ..evaluation import DataError, detect_format, evaluate_file, is_split
    from ..evaluation.report import html_report, text_report

    report = Reporter(quiet=quiet)
    path = Path(file)
    if report_path is not None:
        _writable_report(report_path)
    try:
        fmt = fmt or detect_format(path)
        if not is_split(fmt) and (half is not None or errors_from in ("tuning", "checking")):
            option = "--half" if half is not None else "--errors-from"
            raise click.BadParameter(f"the {fmt} format is not split into halves (only acled is)", param_hint=f"'{option}'")
        with report.progress(True, total=None, unit="article", desc=f"evaluate {fmt}") as bar:

            def on_result(done: int, total: int) -> None:
                if bar is not None:
                    bar.total = total
                    bar.update(1)

            evaluation = evaluate_file(path, fmt, limit=limit, batch_size=batch_size, on_result=on_result,
                                       half=half, errors_from=errors_from)
    except DataError as exc:
        report.error(str(exc))
        return EXIT_INPUT
    for note in evaluation.notes:
        report.info(f"note: {note}")
    if as_json:
        click.echo(json.dumps(evaluation.as_json(errors_per_kind), indent=2, default=str))
    else:
        click.echo(text_report(evaluation, errors_per_kind), nl=False)
    if report_path is not None:
        Path(report_path).write_text(html_report(evaluation, max(errors_per_kind, 10)), encoding="utf-8")
        report.info(f"report written to {report_path}")
    return EXIT_OK


def _writable_report(path: str) -> None:
    """Fail before the (long) evaluation when the report cannot be written."""
    target = Path(path)
    if target.is_dir():
        raise click.BadParameter(f"{path!r} is a directory", param_hint="'--report'")
    if not target.parent.exists() or not os.access(target.parent, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise click.BadParameter(f"cannot write {path!r}", param_hint="'--report'")
