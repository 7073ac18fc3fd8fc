"""Renderings of an Evaluation: a plain-text report and a self-contained HTML page."""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import math
import textwrap

from .results import ConfusionTable, Evaluation, LabelAccuracy, Metric
from .split import RULE


def _value(m: Metric | None) -> str:
    if m is None or m.value is None:
        return "n/a"
    if m.unit in ("share", "f1"):
        return f"{100 * m.value:.1f}%"
    if m.unit != "km" and float(m.value).is_integer():
        return f"{int(m.value):,} {m.unit}"
    return f"{m.value:,.1f} {m.unit}"


def _counts(m: Metric | None) -> str:
    if m is None:
        return ""
    if m.hits is not None and m.n is not None:
        return f"({m.hits}/{m.n})"
    return f"(n={m.n})" if m.n is not None else ""


def _code(table: ConfusionTable, label: str) -> str:
    return table.abbreviations.get(label, label[:5])


def confusion_text(table: ConfusionTable) -> list[str]:
    cols = table.predicted_labels
    width = max([4] + [len(_code(table, c)) for c in cols]) + 1
    lines = [table.title, " " * 7 + "".join(f"{_code(table, c):>{width}}" for c in cols) + f"{'n':>{width}}"]
    for g in table.gold_labels:
        cells = "".join(f"{table.count(g, c) or '.':>{width}}" for c in cols)
        lines.append(f"  {_code(table, g):<5}{cells}{sum(table.counts.get(g, {}).values()):>{width}}")
    used = [x for x in dict.fromkeys(table.gold_labels + cols) if x in table.abbreviations]
    legend = ", ".join(f"{table.abbreviations[x]} {x}" for x in used)
    lines += textwrap.wrap(legend, width=100, initial_indent="  ", subsequent_indent="  ")
    return lines


def split_line(ev: Evaluation) -> str | None:
    """The rows of each half, and which were evaluated; None for a format that is not split."""
    if not ev.split:
        return None
    total = sum(ev.split.values())
    halves = f"tuning half {ev.split.get('tuning', 0)} rows, checking half {ev.split.get('checking', 0)} rows"
    if ev.half is not None:
        return f"Split: only the {ev.half} half evaluated (--half {ev.half}): {ev.split.get(ev.half, 0)} of {total} rows ({halves}; {RULE})"
    return f"Split: {total} rows: {halves} ({RULE})"


def _cell(value: str, counts: str) -> str:
    return f"{value:>8} {counts:<13}"


def metrics_text(ev: Evaluation) -> list[str]:
    if not ev.halves:
        return ["Metrics"] + [f"  {m.label:<44}{_value(m):>10}  {_counts(m)}" for m in ev.metrics]
    names = ["all"] + [p.name for p in ev.halves]
    head = f"  {'':<44}" + "".join(f"{n + ' (' + str(k) + ')':<24}" for n, k in zip(names, [ev.items] + [p.items for p in ev.halves]))
    lines = ["Metrics (all rows, tuning half, checking half)", head.rstrip()]
    for m in ev.metrics:
        cells = [_cell(_value(m), _counts(m))] + [_cell(_value(p.metric(m.key)), _counts(p.metric(m.key))) for p in ev.halves]
        lines.append((f"  {m.label:<44}" + "  ".join(cells)).rstrip())
    return lines


def _pct(a: LabelAccuracy) -> str:
    return "n/a" if a.accuracy is None else f"{100 * a.accuracy:.1f}%"


def label_accuracy_text(ev: Evaluation) -> list[str]:
    if not ev.label_accuracy:
        return []
    head = f"  {'':<38}{'n':>6}{'correct':>9}{'accuracy':>10}"
    if ev.halves:
        head += "".join(f"  {p.name + ' (n)':>18}" for p in ev.halves)
    lines = [ev.label_accuracy_title, head]
    for a in ev.label_accuracy:
        line = f"  {a.label:<38}{a.n:>6}{a.correct:>9}{_pct(a):>10}"
        for p in ev.halves:
            h = p.accuracy_of(a.label)
            line += f"  {_pct(h) + f' ({h.n})':>18}"
        lines.append(line)
    return lines


def text_report(ev: Evaluation, errors_per_kind: int = 5) -> str:
    out: list[str] = []
    rate = ev.timing.get("articles_per_s")
    took = f" ({ev.timing['extract_s']:.1f} s, {rate:.1f} articles/s)" if rate else ""
    out.append(f"clashwatch evaluate: {ev.format}, {ev.items} items of {ev.data}{took}")
    if split_line(ev):
        out.append(split_line(ev))
    out += [f"note: {n}" for n in ev.notes]
    out.append("")
    out += metrics_text(ev)
    if ev.label_accuracy:
        out.append("")
        out += label_accuracy_text(ev)
    for table in ev.confusions:
        out.append("")
        out += confusion_text(table)
    if ev.class_scores:
        out.append("")
        out.append(ev.class_scores_title)
        out.append(f"  {'label':<38}{'n':>5}{'pred':>6}{'prec':>8}{'rec':>8}{'F1':>8}")
        for s in ev.class_scores:
            if s.support or s.predicted:
                out.append(f"  {s.label:<38}{s.support:>5}{s.predicted:>6}{100 * s.precision:>7.1f}%{100 * s.recall:>7.1f}%{100 * s.f1:>7.1f}%")
    if errors_per_kind > 0:
        if ev.errors_from_line():
            out.append("")
            out.append(ev.errors_from_line())
        listed = ev.listed_errors()
        for kind in ev.error_kinds():
            worst = ev.worst(kind, errors_per_kind)
            total = sum(e.kind == kind for e in listed)
            out.append("")
            out.append(f"Worst errors: {kind} ({len(worst)} of {total})")
            for e in worst:
                out.append(f"  {e.item}: gold {e.gold}; clashwatch {e.predicted}")
                shown = e.text if len(e.text) <= 600 else e.text[:600] + "..."
                out += textwrap.wrap(shown, width=100, initial_indent="      ", subsequent_indent="      ")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- HTML


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def distance_histogram(distances: list[float], misses: int, title: str) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 3.6))
    floor = 0.1
    values = [max(d, floor) for d in distances]
    top = max(values + [1000.0])
    bins = [floor * 10 ** (i / 5) for i in range(int(5 * math.log10(top / floor)) + 2)]
    ax.hist(values, bins=bins, color="#4a7ab5", edgecolor="white")
    ax.set_xscale("log")
    for km, label in ((25, "25 km"), (161, "161 km")):
        ax.axvline(km, color="#c0392b", linestyle="--", linewidth=1)
        ax.text(km, ax.get_ylim()[1] * 0.95, f" {label}", color="#c0392b", va="top", fontsize=8)
    ax.set_xlabel("error distance, km (log scale; under 0.1 km shown at 0.1)")
    ax.set_ylabel("items")
    ax.set_title(title + (f" ({misses} without a point not shown)" if misses else ""), fontsize=10)
    return _png(fig)


def confusion_heatmap(table: ConfusionTable) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows, cols = table.gold_labels, table.predicted_labels
    matrix = [[table.count(g, c) for c in cols] for g in rows]
    shares = [[v / (sum(r) or 1) for v in r] for r in matrix]
    fig, ax = plt.subplots(figsize=(1.6 + 0.45 * len(cols), 1.2 + 0.4 * len(rows)))
    ax.imshow(shares, cmap="Blues", vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(len(cols)), [_code(table, c) for c in cols], rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(len(rows)), [_code(table, g) for g in rows], fontsize=8)
    for i, r in enumerate(matrix):
        for j, v in enumerate(r):
            if v:
                ax.text(j, i, str(v), ha="center", va="center", fontsize=7, color="white" if shares[i][j] > 0.6 else "black")
    ax.set_xlabel("clashwatch")
    ax.set_ylabel("gold")
    ax.set_title(table.title + " (colour: share of the gold row)", fontsize=9)
    return _png(fig)


CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;padding:0 1em;color:#222}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5em 0}td,th{padding:.25em .7em;border-bottom:1px solid #eee;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums}.muted{color:#777}
.err{margin:.8em 0;padding:.5em .8em;background:#fafafa;border-left:3px solid #c0392b}
.err p{margin:.3em 0;white-space:pre-wrap}img{max-width:100%}
"""


def html_report(ev: Evaluation, errors_per_kind: int = 10) -> str:
    e = html.escape
    parts = [
        "<!doctype html><html lang=en><head><meta charset=utf-8>",
        f"<title>clashwatch evaluation: {e(ev.format)}</title><style>{CSS}</style></head><body>",
        f"<h1>clashwatch evaluation: {e(ev.format)}</h1>",
        f"<p class=muted>{ev.items} items of <code>{e(ev.data)}</code>; written {dt.datetime.now().isoformat(timespec='seconds')}"
        + (f"; extraction {ev.timing['extract_s']:.1f} s" if ev.timing.get("extract_s") else "") + "</p>",
    ]
    if split_line(ev):
        parts.append(f"<p>{e(split_line(ev))}</p>")
    if ev.notes:
        parts.append("<ul>" + "".join(f"<li>{e(n)}</li>" for n in ev.notes) + "</ul>")
    heads = "".join(f"<th>{e(p.name)} ({p.items})</th><th>counts</th>" for p in ev.halves)
    first = f"all ({ev.items})" if ev.halves else "value"
    parts.append(f"<h2>Metrics</h2><table><tr><th>metric</th><th>{first}</th><th>counts</th>{heads}</tr>")
    for m in ev.metrics:
        cells = "".join(f"<td class=num>{e(_value(p.metric(m.key)))}</td><td class=num>{e(_counts(p.metric(m.key)))}</td>" for p in ev.halves)
        parts.append(f"<tr><td>{e(m.label.strip())}</td><td class=num>{e(_value(m))}</td><td class=num>{e(_counts(m))}</td>{cells}</tr>")
    parts.append("</table>")
    if ev.label_accuracy:
        heads = "".join(f"<th>{e(p.name)} accuracy (n)</th>" for p in ev.halves)
        parts.append(f"<h2>{e(ev.label_accuracy_title)}</h2><table><tr><th>label</th><th>n</th><th>correct</th><th>accuracy</th>{heads}</tr>")
        for a in ev.label_accuracy:
            cells = "".join(f"<td class=num>{_pct(p.accuracy_of(a.label))} ({p.accuracy_of(a.label).n})</td>" for p in ev.halves)
            parts.append(f"<tr><td>{e(a.label)}</td><td class=num>{a.n}</td><td class=num>{a.correct}</td><td class=num>{_pct(a)}</td>{cells}</tr>")
        parts.append("</table>")
    if ev.distances_km:
        n_scored = next((m.n for m in ev.metrics if m.key.startswith(("location_161km", "within_161km")) and m.n), len(ev.distances_km))
        parts.append("<h2>Error distances</h2>")
        parts.append(f"<img alt='error distance histogram' src='{distance_histogram(ev.distances_km, max(0, (n_scored or 0) - len(ev.distances_km)), 'Distance from the gold point')}'>")
    for table in ev.confusions:
        parts.append(f"<h2>Confusion: {e(table.title)}</h2>")
        parts.append(f"<img alt='confusion heatmap' src='{confusion_heatmap(table)}'>")
        legend = ", ".join(f"{e(v)} = {e(k)}" for k, v in table.abbreviations.items())
        parts.append(f"<p class=muted>{legend}</p>")
    if ev.class_scores:
        parts.append(f"<h2>{e(ev.class_scores_title)}</h2><table><tr><th>label</th><th>n</th><th>predicted</th><th>precision</th><th>recall</th><th>F1</th></tr>")
        for s in ev.class_scores:
            if s.support or s.predicted:
                parts.append(f"<tr><td>{e(s.label)}</td><td class=num>{s.support}</td><td class=num>{s.predicted}</td>"
                             f"<td class=num>{100 * s.precision:.1f}%</td><td class=num>{100 * s.recall:.1f}%</td><td class=num>{100 * s.f1:.1f}%</td></tr>")
        parts.append("</table>")
    if ev.errors_from_line():
        parts.append(f"<p>{e(ev.errors_from_line())}</p>")
    for kind in ev.error_kinds():
        worst = ev.worst(kind, errors_per_kind)
        total = sum(x.kind == kind for x in ev.listed_errors())
        parts.append(f"<h2>Worst errors: {e(kind)} ({len(worst)} of {total})</h2>")
        for x in worst:
            parts.append(f"<div class=err><b>{e(x.item)}</b>: gold <b>{e(x.gold)}</b>; clashwatch <b>{e(x.predicted)}</b><p>{e(x.text)}</p></div>")
    parts.append("</body></html>")
    return "\n".join(parts)
