"""Text for people: the ``table`` format of both kinds of item, and ``events show``.

* ``TableWriter`` / ``render_article(result)``: per article its events (date, place,
  actors, fatalities with the rationale, the cue), their claims, other claims, warnings.
* ``EventTableWriter``: one line per stored event (``clashwatch events``).
* ``render_event_detail(detail)``: one stored event (``Store.event``) with its estimate and
  rationale, contradictions, mentions (and why each joined), claims and toll history.

The layouts are for reading and may change; scripts should use the other formats. The
words they are made of are in ``words.py``.
"""

from __future__ import annotations

import textwrap
from typing import TextIO

from ..model import ArticleResult, Claim, RationaleItem
from .base import ResultWriter, Writer, one_line, outlet_name
from .words import (
    actor_row_words,
    actor_words,
    claim_row_words,
    claim_words,
    contradiction_words,
    date_row_words,
    date_words,
    event_fields,
    fatality_words,
    merge_reason_words,
    place_line_words,
    place_words,
    rationale_words,
    claim_labels,
)


# --------------------------------------------------------------------------- article results


def _shorten(text: str, width: int) -> str:
    text = one_line(text)
    return textwrap.shorten(text, width=width, placeholder=" …") if len(text) > width else text


def render_article(result: ArticleResult, width: int = 100) -> list[str]:
    """The table lines for one article."""
    lines: list[str] = []
    title = one_line(result.title) or "(no title)"
    lines.append("=" * min(width, max(20, len(title) + 4)))
    lines.append(_shorten(title, width))
    meta = [f"id {result.id}", f"published {result.published.isoformat() if result.published else 'unknown'}"]
    if result.outlet:
        meta.append(result.outlet)
    if result.url:
        meta.append(result.url)
    lines.append(" · ".join(meta))
    n_events = len(result.events)
    lines.append(f"{n_events} event{'s' if n_events != 1 else ''}, {len(result.claims)} claim{'s' if len(result.claims) != 1 else ''}")

    claims_by_id = {c.claim_id: c for c in result.claims}
    shown: set[str] = set()
    sentence_width = width - 10
    for i, event in enumerate(result.events, 1):
        fields = event_fields(event)
        flags = []
        if event.background:
            flags.append("BACKGROUND: a past event the article recalls")
        if event.civilian_targeting:
            flags.append("civilian targeting")
        lines.append("")
        lines.append(f"[{i}] {event.event_type} / {event.sub_event_type}  (PLOVER {event.plover})  {event.event_id}")
        for flag in flags:
            lines.append(f"    ! {flag}")
        lines.append(f"    date        {date_words(event)}")
        lines.append(f"    place       {place_line_words(fields)}")
        actors = f"{actor_words(event.actor1)}  vs  {actor_words(event.actor2)}" if event.actor2 else actor_words(event.actor1)
        if event.interaction:
            actors += f"  · interaction {event.interaction}"
        lines.append(f"    actors      {actors}")
        if event.weapons:
            lines.append(f"    weapons     {', '.join(event.weapons)}")
        lines.append(f"    fatalities  {fatality_words(fields)}")
        for item in event.rationale:  # wrapped, not cut: the reasoning is the point
            lines.extend(
                textwrap.wrap(
                    one_line(rationale_words(item)),
                    width=width,
                    initial_indent=" " * 16 + "- ",
                    subsequent_indent=" " * 18,
                    break_on_hyphens=False,
                )
            )
        lines.append(f'    cue         "{one_line(event.text)}" in: {_shorten(event.sentence, sentence_width - 14)}')
        event_claims = [claims_by_id[cid] for cid in event.claim_ids if cid in claims_by_id]
        event_claims += [c for c in result.claims if c.event_id == event.event_id and c.claim_id not in event.claim_ids]
        if event_claims:
            lines.append("    claims")
            for claim in event_claims:
                shown.add(claim.claim_id)
                lines.extend(_claim_lines(claim, sentence_width))
    if not result.events:
        lines.append("")
        lines.append("no events found")
    others = [c for c in result.claims if c.claim_id not in shown]
    if others:
        lines.append("")
        lines.append("claims not tied to an event")
        for claim in others:
            lines.extend(_claim_lines(claim, sentence_width))
    if result.warnings:
        lines.append("")
        lines.append("warnings")
        for warning in result.warnings:
            lines.append(f"  - {warning}")
    return lines


def _claim_lines(claim: Claim, width: int) -> list[str]:
    return [
        f"      {claim.claim_id}  {claim_words(claim)}",
        f"          “{_shorten(claim.sentence, width - 4)}”",
    ]


class TableWriter(ResultWriter):
    """A plain-text report: per article its events (with their claims), other claims, warnings."""

    name = "table"

    def __init__(self, stream: TextIO, width: int = 100):
        super().__init__(stream)
        self.width = max(40, width)

    def _write(self, result):
        out: list[str] = []
        if self.count:
            out.append("")
        out.extend(render_article(result, self.width))
        self.stream.write("\n".join(out) + "\n")


def write_table(results, stream: TextIO, width: int = 100) -> ResultWriter:
    return TableWriter(stream, width=width).write_all(results)


# --------------------------------------------------------------------------- stored events


def _clip(text: str, width: int) -> str:
    text = one_line(text)
    return text if len(text) <= width else text[: width - 1] + "…"


class EventTableWriter(Writer):
    """One line per event, for people (the layout may change; use csv/json in scripts)."""

    name = "table"
    COLUMNS = (("id", 19), ("date", 10), ("type / sub-type", 44), ("place", 30), ("fatalities", 11), ("art.", 4))

    def _header(self):
        head = "  ".join(f"{name:<{w}}" if name not in ("fatalities", "art.") else f"{name:>{w}}" for name, w in self.COLUMNS)
        self.stream.write(head.rstrip() + "\n")

    def _write(self, row):
        date = row.get("event_date").isoformat() if row.get("event_date") else "?"
        kind = f"{row.get('event_type')} / {row.get('sub_event_type')}"
        cells = [
            f"{_clip(row['id'], 19):<19}",
            f"{date:<10}",
            f"{_clip(kind, 44):<44}",
            f"{_clip(place_words(row), 30):<30}",
            f"{_clip(fatality_words(row, short=True), 11):>11}",
            f"{row.get('n_articles') or 0:>4}",
        ]
        line = "  ".join(cells)
        if row.get("background"):
            line += "  background"
        self.stream.write(line + "\n")

    def _footer(self):
        self.stream.write(f"{self.count:,} event{'' if self.count == 1 else 's'}\n" if self.count else "no events match\n")


def render_event_detail(detail: dict, width: int = 100) -> list[str]:
    """The table lines for ``Store.event(id)``: the event, its estimate and rationale,
    contradictions, mentions (and why each joined), current claims, toll history."""
    e = detail
    lines: list[str] = []
    wrap = lambda text, first, rest: textwrap.wrap(  # noqa: E731
        " ".join(str(text).split()), width=width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
    ) or [first.rstrip()]
    title = f"{e['id']}  {e.get('event_type')} / {e.get('sub_event_type')}" + (f"  (PLOVER {e['plover']})" if e.get("plover") else "")
    lines.append("=" * min(width, len(title)))
    lines.append(title)
    if e.get("background"):
        lines.append("    ! BACKGROUND: a past event the articles only recall")
    review = e.get("review_state") or "machine"
    if e.get("confidence") is not None:
        review += f" · confidence {e['confidence']:.2f} · priority {e.get('priority') or 0:.2f}"
    lines.append(f"    review      {review}")
    if e.get("machine"):
        lines.extend(wrap("the machine's: " + ", ".join(f"{k} {v}" for k, v in e["machine"].items()), " " * 16, " " * 16))
    lines.append(f"    date        {date_row_words(e)}")
    lines.append(f"    place       {place_line_words(e)}")
    actors = actor_row_words(e.get("actor1"), e.get("inter1"))
    if e.get("actor2"):
        actors += f"  vs  {actor_row_words(e.get('actor2'), e.get('inter2'))}"
    if e.get("interaction"):
        actors += f"  · interaction {e['interaction']}"
    lines.append(f"    actors      {actors}")
    if e.get("weapons"):
        lines.append(f"    weapons     {', '.join(e['weapons'])}")
    lines.append(f"    reported    {e.get('n_articles', 0)} article(s), {e.get('n_mentions', 0)} mention(s)")
    if e.get("notes"):
        lines.extend(wrap(f"“{e['notes']}”", "    notes       ", " " * 16))
    lines.append(f"    fatalities  {fatality_words(e)}")
    for item in e.get("rationale") or []:
        lines.extend(wrap(rationale_words(RationaleItem.model_validate(item)), " " * 16 + "- ", " " * 18))
    contradictions = e.get("contradictions") or []
    lines.append("")
    lines.append("contradictions" if contradictions else "contradictions: none")
    for item in contradictions:
        lines.extend(wrap(contradiction_words(item), "  - ", "    "))

    mentions = e.get("mentions") or []
    labels = {m["key"]: f"{m['article_id']} {m['local_event_id']}" for m in mentions}
    lines.append("")
    lines.append(f"mentions ({len(mentions)})")
    for n, m in enumerate(mentions, 1):
        head = f"  [{n}] {m['article_id']} {m['local_event_id']} (mention {m['key']})"
        meta = []
        if m.get("is_main"):
            meta.append("main event of its article")
        meta.append(f"outlet {outlet_name(m.get('outlet'), m.get('url')) or 'unknown'}")
        meta.append(f"published {m['published'].isoformat() if m.get('published') else 'unknown'}")
        if m.get("version") and m["version"] > 1:
            meta.append(f"article version {m['version']}")
        lines.append(head + "  · " + " · ".join(meta))
        if m.get("title"):
            lines.extend(wrap(m["title"], "      title     ", " " * 16))
        if m.get("url"):
            lines.append(f"      url       {m['url']}")
        read = f"{m.get('event_type')} / {m.get('sub_event_type')}"
        if m.get("event_date"):
            read += f" · {m['event_date'].isoformat()} ({m.get('time_precision') or '?'})"
        read += f" · {place_words(m)} · fatalities {fatality_words(m, short=True)}"
        if m.get("background"):
            read += " · background"
        lines.extend(wrap(read, "      read as   ", " " * 16))
        lines.extend(wrap(merge_reason_words(m.get("merge_reason"), labels), "      joined    ", " " * 16))
        if m.get("sentence"):
            lines.extend(wrap(f"“{m['sentence']}”", "      sentence  ", " " * 16))

    claims = e.get("claims") or []
    lines.append("")
    lines.append(f"claims ({len(claims)} current)" if claims else "claims: none")
    roles = claim_labels(e.get("rationale") or [])
    for c in claims:
        lines.extend(wrap(claim_row_words(c), f"  {c['article_id']}/{c['local_claim_id']}  ", " " * 6))
        if own := roles.get(f"{c['article_id']}/{c['local_claim_id']}"):
            lines.extend(wrap("in the estimate: " + "; ".join(own), " " * 6, " " * 7))
        if c.get("sentence"):
            lines.extend(wrap(f"“{c['sentence']}”", " " * 6, " " * 7))

    history = e.get("toll_history") or {}
    lines.append("")
    lines.append("toll history (killed, per source, oldest first)" if history else "toll history: no killed figures")
    for source, series in history.items():
        lines.append(f"  {source}")
        for point in series:
            when = point["as_of"].isoformat() if point.get("as_of") else "undated   "
            lo, hi = point.get("low"), point.get("high")
            bounds = "?" if lo is None and hi is None else (str(lo) if lo == hi else f"{'?' if lo is None else lo}–{'open' if hi is None else hi}")
            note = f"{point['article_id']} v{point.get('article_version') or 1}"
            if not point.get("current", True):
                note += ", superseded article version"
            lines.append(f"    {when}  \"{point.get('figure')}\" ({bounds})  [{note}]")
    corrections = e.get("corrections") or []
    lines.append("")
    lines.append(f"corrections ({len(corrections)}, oldest first)" if corrections else "corrections: none")
    for c in corrections:
        when = c["at"].strftime("%Y-%m-%d %H:%M") if hasattr(c.get("at"), "strftime") else str(c.get("at"))
        orphan = " · ORPHANED" if c.get("orphaned") else ""
        lines.extend(wrap(f"#{c['id']} {when} {c['who']}: {c['field']}{orphan} — {c['why']}", "  ", "    "))
    return lines
