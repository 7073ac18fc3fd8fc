"""``clashwatch review``: the review queue, the audit trail and the orphaned corrections."""

from __future__ import annotations

import json

import click

from ._store import READ_EXIT_CODES_HELP, _database_errors, _db_url, _open_store, db_option
from ._util import EXIT_OK, command_errors, open_output

STATES = ("machine", "corrected", "verified", "rejected")


@click.command(epilog=READ_EXIT_CODES_HELP)
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="At most N events of the queue.")
@click.option("--state", "states", type=click.Choice(STATES), multiple=True,
              help="Queue events in this review state (repeatable). Default: machine (nobody looked yet).")
@click.option("--audit", is_flag=True, help="The audit trail instead: every correction, oldest first.")
@click.option("--event", "event_id", metavar="EVENT", default=None, help="The audit trail of one event.")
@click.option("--orphaned", is_flag=True,
              help="The corrections whose event or mention no longer exists, for a person to resolve.")
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@command_errors
def review(db, limit, states, audit, event_id, orphaned, fmt):
    """The review queue: the events to check first (highest priority: a high toll, a
    machine that was unsure, an area with no other event), with --audit the corrections.

    Confidence (0..1) is how far the extraction agreed with itself: its reports' types,
    the place's precision and agreement, the date's precision, its figures. Correct,
    verify or reject with `clashwatch correct / verify / reject EVENT --why ...`.

    \b
    Examples:
      clashwatch review --limit 10
      clashwatch review --audit
      clashwatch review --event ev_918f64ec3243f7d3
      clashwatch review --orphaned
    """
    url = _db_url(db)
    store = _open_store(url, must_exist=True)
    try:
        with _database_errors(url):
            if audit or orphaned or event_id:
                rows = store.corrections(event_id.strip() if event_id else None, True if orphaned else None)
                _write(fmt, rows, _audit_lines, "no corrections" + (" orphaned" if orphaned else ""))
            else:
                rows = store.review_queue(limit, states=tuple(states) or ("machine",))
                _write(fmt, rows, _queue_lines, "nothing to review")
    finally:
        store.close()
    return EXIT_OK


def _write(fmt: str, rows: list[dict], lines, empty: str) -> None:
    with open_output(None) as stream:
        if fmt == "json":
            stream.write(json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n")
        elif not rows:
            stream.write(empty + "\n")
        else:
            stream.write("\n".join(lines(rows)) + "\n")


def _queue_lines(rows: list[dict]) -> list[str]:
    out = [f"{'priority':>8}  {'conf.':>5}  {'event':<20}  {'date':<10}  {'type':<28}  {'place':<24}  {'toll':>5}  state"]
    for r in rows:
        priority = "-" if r.get("priority") is None else f"{r['priority']:.2f}"
        confidence = "-" if r.get("confidence") is None else f"{r['confidence']:.2f}"
        place = r.get("location") or r.get("admin1") or r.get("country") or "?"
        toll = "-" if r.get("fatalities") is None else str(r["fatalities"])
        out.append(f"{priority:>8}  {confidence:>5}  {r['id']:<20}  {str(r.get('event_date') or '?'):<10}  "
                   f"{(r.get('sub_event_type') or '')[:28]:<28}  {place[:24]:<24}  {toll:>5}  {r['review_state']}")
    return out


def _value(value) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items() if v is not None and k != "created_at")
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return "" if value is None else str(value)


def _audit_lines(rows: list[dict]) -> list[str]:
    out = []
    for r in rows:
        target = r["event_id"] + (f" mention {r['mention_key']}" if r.get("mention_key") else "")
        now = "ORPHANED" if r["orphaned"] else (f"applies to {r['applied_to']}" if r["applied_to"] != r["event_id"] else "")
        out.append(f"#{r['id']}  {r['at']:%Y-%m-%d %H:%M}  {r['who']}  {r['field']}  {target}" + (f"  ({now})" if now else ""))
        if r["field"] not in ("verify", "reject", "split"):
            out.append(f"      {_value(r['before'])}  ->  {_value(r['after'])}")
        out.append(f"      why: {r['why']}")
    return out
