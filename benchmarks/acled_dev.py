#!/usr/bin/env python
"""Score clashwatch against the ACLED development sample.

    python benchmarks/acled_dev.py                      # all 300 rows
    python benchmarks/acled_dev.py --limit 20 --errors 3
    python benchmarks/acled_dev.py --json > acled.json

Each row's ``notes`` is read as an article published on ``event_date_iso`` (through
``extract_many``, so ``nlp.pipe`` batches the parses), and the article's main event
(``result.events[0]``) is compared with ACLED's coding:

* event_type and sub_event_type accuracy (no event = wrong);
* fatalities exact and within +-1 (a null ACLED ``fatalities`` counts as 0, because ACLED
  codes unreported deaths as 0; no event, or an event without a figure, predicts 0);
* location: great-circle distance from the main event's point to ACLED's, share within
  25 km and within 161 km (no event or no coordinates = miss);
* event date exact (the main event's ``event_date`` == ``event_date_iso``).

The data are development data that live outside the repository (``../shared/data``);
they must not be copied into it. The ``--json`` output holds only figures, labels and
ACLED event ids, never the notes text.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import math
import platform
import statistics
import sys
import textwrap
import time
import traceback
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "acled_dev_300.csv"

EVENT_TYPES = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
)
ABBREV = {
    "Battles": "BAT",
    "Explosions/Remote violence": "ERV",
    "Violence against civilians": "VAC",
    "Protests": "PRO",
    "Riots": "RIO",
    "Strategic developments": "STR",
}
NO_EVENT = "(no event)"

# --------------------------------------------------------------------------- scoring
# Small pure functions, free of clashwatch and of this script's data structures, so
# that they can move into the product (a later `clashwatch evaluate`) unchanged.

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)
MILES_100_KM = 160.934  # ACLED-style "within 100 miles" is scored as 161 km


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in decimal degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def distance_km(predicted: tuple[float | None, float | None] | None, gold: tuple[float, float] | None) -> float | None:
    """Distance between a predicted and a gold (lat, lon); None when either is missing."""
    if predicted is None or gold is None or None in predicted or None in gold:
        return None
    return haversine(predicted[0], predicted[1], gold[0], gold[1])


def within_km(predicted: tuple[float | None, float | None] | None, gold: tuple[float, float] | None, km: float) -> bool:
    """True when the predicted point lies within ``km`` of the gold one; a missing point is a miss."""
    d = distance_km(predicted, gold)
    return d is not None and d <= km


def accuracy(gold: Sequence[Any], predicted: Sequence[Any]) -> float | None:
    """Share of positions where prediction equals gold; None for no items."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    return share(g == p for g, p in zip(gold, predicted))


def share(hits: Iterable[bool]) -> float | None:
    """Share of true values; None for no items."""
    hits = list(hits)
    return sum(map(bool, hits)) / len(hits) if hits else None


def within_n(gold: int, predicted: int, tolerance: int) -> bool:
    """True when two counts differ by at most ``tolerance``."""
    return abs(gold - predicted) <= tolerance


def gold_fatalities(value: str | int | None) -> int:
    """ACLED fatalities as an int; null or empty counts as 0 (ACLED codes unreported deaths as 0)."""
    if value is None:
        return 0
    if isinstance(value, int):
        return value
    value = value.strip()
    if not value or value.upper() in ("NA", "NAN", "NULL", "NONE"):
        return 0
    return int(float(value))


def predicted_fatalities(fatalities: int | None, has_event: bool = True) -> int:
    """A prediction as a count: no event, or an event without a figure, predicts 0."""
    return fatalities if has_event and fatalities is not None else 0


# --------------------------------------------------------------------------- data


@dataclass
class Case:
    row: int  # 1-based data row in the CSV
    event_id: str
    notes: str
    published: dt.date | None
    gold_type: str
    gold_sub: str
    gold_fatalities: int
    gold_point: tuple[float, float] | None
    # prediction
    has_event: bool = False
    pred_type: str = NO_EVENT
    pred_sub: str = NO_EVENT
    pred_fatalities_raw: int | None = None
    pred_point: tuple[float | None, float | None] | None = None
    pred_date: dt.date | None = None
    pred_location: str | None = None
    n_events: int = 0
    error: str | None = None  # the pipeline raised on this article
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def pred_fatalities(self) -> int:
        return predicted_fatalities(self.pred_fatalities_raw, self.has_event)

    @property
    def km(self) -> float | None:
        return distance_km(self.pred_point, self.gold_point)


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip()) if value and value.strip() else None
    except ValueError:
        return None


def read_cases(path: Path, limit: int | None = None) -> list[Case]:
    cases = []
    with path.open(newline="", encoding="utf-8") as fh:
        for i, row in enumerate(csv.DictReader(fh), start=1):
            if limit is not None and len(cases) >= limit:
                break
            lat, lon = _float(row.get("latitude")), _float(row.get("longitude"))
            cases.append(
                Case(
                    row=i,
                    event_id=row.get("event_id_cnty") or str(i),
                    notes=row.get("notes") or "",
                    published=_date(row.get("event_date_iso")),
                    gold_type=(row.get("event_type") or "").strip(),
                    gold_sub=(row.get("sub_event_type") or "").strip(),
                    gold_fatalities=gold_fatalities(row.get("fatalities")),
                    gold_point=(lat, lon) if lat is not None and lon is not None else None,
                )
            )
    return cases


# --------------------------------------------------------------------------- running


def run(cases: list[Case], batch_size: int, strict: bool) -> dict[str, float]:
    """Fill in each case's prediction; returns timings."""
    import clashwatch

    t0 = time.perf_counter()
    pipeline = clashwatch.get_pipeline()
    t1 = time.perf_counter()
    records = [{"id": c.event_id, "text": c.notes, "published": c.published} for c in cases]
    done = 0
    try:
        for result in clashwatch.extract_many(records, batch_size=batch_size):
            _fill(cases[done], result)
            done += 1
    except Exception as exc:  # a stage under construction raised: go on one article at a time
        if strict:
            raise
        print(f"warning: extract_many failed after {done} articles ({type(exc).__name__}: {exc}); "
              "continuing one article at a time", file=sys.stderr)
        for case in cases[done:]:
            try:
                _fill(case, pipeline.extract(case.notes, published=case.published, id=case.event_id))
            except Exception as exc2:  # noqa: BLE001
                case.error = f"{type(exc2).__name__}: {exc2}"
                if sum(c.error is not None for c in cases) == 1:  # show the first traceback only
                    traceback.print_exception(type(exc2), exc2, exc2.__traceback__, chain=False, file=sys.stderr)
    t2 = time.perf_counter()
    return {"startup_s": t1 - t0, "extract_s": t2 - t1}


def _fill(case: Case, result) -> None:
    case.n_events = len(result.events)
    if not result.events:
        return
    ev = result.events[0]
    case.has_event = True
    case.pred_type = ev.event_type
    case.pred_sub = ev.sub_event_type
    case.pred_fatalities_raw = ev.fatalities
    case.pred_point = (ev.latitude, ev.longitude) if ev.latitude is not None and ev.longitude is not None else None
    case.pred_date = ev.event_date
    case.pred_location = ev.location


# --------------------------------------------------------------------------- metrics


def metric(hits: list[bool]) -> dict[str, Any]:
    return {"value": share(hits), "hits": sum(hits), "n": len(hits)}


def compute(cases: list[Case]) -> dict[str, Any]:
    located = [c for c in cases if c.gold_point is not None]
    dated = [c for c in cases if c.published is not None]
    metrics = {
        "event_type": metric([c.gold_type == c.pred_type for c in cases]),
        "sub_event_type": metric([c.gold_sub == c.pred_sub for c in cases]),
        "fatalities_exact": metric([within_n(c.gold_fatalities, c.pred_fatalities, 0) for c in cases]),
        "fatalities_within_1": metric([within_n(c.gold_fatalities, c.pred_fatalities, 1) for c in cases]),
        "location_25km": metric([within_km(c.pred_point, c.gold_point, 25) for c in located]),
        "location_161km": metric([within_km(c.pred_point, c.gold_point, MILES_100_KM) for c in located]),
        "event_date_exact": metric([c.pred_date is not None and c.pred_date == c.published for c in dated]),
    }
    distances = [c.km for c in located if c.km is not None]
    coverage = {
        "with_event": metric([c.has_event for c in cases]),
        "with_coordinates": metric([c.pred_point is not None for c in cases]),
        "with_fatality_figure": metric([c.has_event and c.pred_fatalities_raw is not None for c in cases]),
        "with_event_date": metric([c.pred_date is not None for c in cases]),
        "median_km": statistics.median(distances) if distances else None,
        "mean_events_per_article": statistics.fmean(c.n_events for c in cases) if cases else None,
        "pipeline_errors": sum(c.error is not None for c in cases),
    }
    per_type: dict[str, Any] = {}
    gold_types = list(EVENT_TYPES) + sorted({c.gold_type for c in cases} - set(EVENT_TYPES))
    for t in gold_types:
        rows = [c for c in cases if c.gold_type == t]
        predicted_as = [c for c in cases if c.pred_type == t]
        if not rows and not predicted_as:
            continue
        per_type[t] = {
            "n": len(rows),
            "event_type": metric([c.pred_type == t for c in rows]),  # recall
            "sub_event_type": metric([c.pred_sub == c.gold_sub for c in rows]),
            "predicted": len(predicted_as),
            "precision": metric([c.gold_type == t for c in predicted_as]),
            "fatalities_exact": metric([c.pred_fatalities == c.gold_fatalities for c in rows]),
            "location_25km": metric([within_km(c.pred_point, c.gold_point, 25) for c in rows if c.gold_point]),
            "event_date_exact": metric([c.pred_date == c.published for c in rows if c.published]),
        }
    confusion: dict[str, dict[str, int]] = defaultdict(dict)
    for (g, p), k in Counter((c.gold_type, c.pred_type) for c in cases).items():
        confusion[g][p] = k
    return {"metrics": metrics, "coverage": coverage, "per_event_type": per_type, "confusion": dict(confusion)}


def type_errors(cases: list[Case], k: int) -> list[Case]:
    """Up to k type errors, round-robin over gold types so that every type shows up."""
    by_type: dict[str, list[Case]] = defaultdict(list)
    for c in cases:
        if c.pred_type != c.gold_type:
            by_type[c.gold_type].append(c)
    out: list[Case] = []
    queues = [by_type[t] for t in sorted(by_type, key=lambda t: (t not in EVENT_TYPES, EVENT_TYPES.index(t) if t in EVENT_TYPES else 0, t))]
    while len(out) < k and any(queues):
        for q in queues:
            if q and len(out) < k:
                out.append(q.pop(0))
    return out


def fatality_errors(cases: list[Case], k: int) -> list[Case]:
    """The k largest fatality errors (absolute difference, then larger gold first)."""
    wrong = [c for c in cases if c.pred_fatalities != c.gold_fatalities]
    wrong.sort(key=lambda c: (-abs(c.pred_fatalities - c.gold_fatalities), -c.gold_fatalities, c.row))
    return wrong[:k]


# --------------------------------------------------------------------------- output


def pct(m: dict[str, Any] | float | None) -> str:
    value = m["value"] if isinstance(m, dict) else m
    return "    n/a" if value is None else f"{100 * value:6.1f}%"


def frac(m: dict[str, Any]) -> str:
    return f"{m['hits']}/{m['n']}"


def environment() -> dict[str, Any]:
    import clashwatch

    info: dict[str, Any] = {"clashwatch": clashwatch.__version__, "python": platform.python_version()}
    try:
        import spacy

        nlp = clashwatch.get_pipeline().nlp
        info["spacy"] = spacy.__version__
        info["model"] = f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')}-{nlp.meta.get('version', '')}"
    except Exception:  # noqa: BLE001
        pass
    return info


def print_report(cases: list[Case], scores: dict[str, Any], meta: dict[str, Any], k: int) -> None:
    env = meta["environment"]
    print(f"ACLED development benchmark: {meta['rows']} rows of {meta['data']}")
    print(f"clashwatch {env.get('clashwatch')}, spaCy {env.get('spacy', '?')}, model {env.get('model', '?')}, "
          f"Python {env.get('python')}")
    t = meta["timing"]
    rate = meta["rows"] / t["extract_s"] if t["extract_s"] > 0 else float("nan")
    print(f"start-up {t['startup_s']:.2f} s, extraction {t['extract_s']:.2f} s ({rate:.1f} articles/s, batch size {meta['batch_size']})")
    errors = scores["coverage"]["pipeline_errors"]
    if errors:
        print(f"!! the pipeline raised on {errors} article(s); they count as 'no event'")
    print()

    m = scores["metrics"]
    labels = {
        "event_type": "event_type accuracy",
        "sub_event_type": "sub_event_type accuracy",
        "fatalities_exact": "fatalities exact",
        "fatalities_within_1": "fatalities within +-1",
        "location_25km": "location within 25 km",
        "location_161km": "location within 161 km",
        "event_date_exact": "event date exact",
    }
    print("Main event (events[0]) against ACLED")
    for key, label in labels.items():
        print(f"  {label:<26}{pct(m[key])}  ({frac(m[key])})")
    cov = scores["coverage"]
    med = "n/a" if cov["median_km"] is None else f"{cov['median_km']:.1f} km"
    mean_events = cov["mean_events_per_article"]
    print(f"  {'articles with an event':<26}{pct(cov['with_event'])}  ({frac(cov['with_event'])}), "
          f"{0 if mean_events is None else mean_events:.2f} events per article")
    print(f"  {'main event has a point':<26}{pct(cov['with_coordinates'])}  ({frac(cov['with_coordinates'])}), median error {med}")
    print(f"  {'main event has a toll':<26}{pct(cov['with_fatality_figure'])}  ({frac(cov['with_fatality_figure'])})")
    print(f"  {'main event has a date':<26}{pct(cov['with_event_date'])}  ({frac(cov['with_event_date'])})")
    print()

    print("Per gold event_type (type = recall; precision over rows predicted as the type)")
    print(f"  {'event_type':<28}{'n':>4}  {'type':>7}  {'sub':>7}  {'pred':>4}  {'prec':>7}  {'fat=':>7}  {'<=25km':>7}  {'date':>7}")
    for t, s in scores["per_event_type"].items():
        print(f"  {t:<28}{s['n']:>4}  {pct(s['event_type'])}  {pct(s['sub_event_type'])}  {s['predicted']:>4}  "
              f"{pct(s['precision'])}  {pct(s['fatalities_exact'])}  {pct(s['location_25km'])}  {pct(s['event_date_exact'])}")
    print()

    conf = scores["confusion"]
    gold_rows = [t for t in EVENT_TYPES if t in conf] + sorted(set(conf) - set(EVENT_TYPES))
    pred_cols = [t for t in EVENT_TYPES] + sorted({p for r in conf.values() for p in r} - set(EVENT_TYPES) - {NO_EVENT}) + [NO_EVENT]
    short = {t: ABBREV.get(t, t[:6]) for t in pred_cols}
    short[NO_EVENT] = "none"
    print("Confusion of event types (rows gold, columns predicted)")
    print("  " + " " * 6 + "".join(f"{short[p]:>6}" for p in pred_cols) + f"{'n':>6}")
    for g in gold_rows:
        cells = "".join(f"{conf[g].get(p, 0) or '.':>6}" for p in pred_cols)
        print(f"  {ABBREV.get(g, g[:6]):<6}{cells}{sum(conf[g].values()):>6}")
    print("  " + ", ".join(f"{v} {k}" for k, v in ABBREV.items()))
    print()

    if k <= 0:
        return
    wrap = lambda s: textwrap.fill(s, width=100, initial_indent="      ", subsequent_indent="      ")  # noqa: E731
    errs = type_errors(cases, k)
    print(f"Event type errors ({len(errs)} shown of {sum(c.pred_type != c.gold_type for c in cases)}, round-robin over gold types)")
    for c in errs:
        why = f" [pipeline error: {c.error}]" if c.error else ""
        print(f"  row {c.row} {c.event_id}: gold {c.gold_type} / {c.gold_sub}")
        print(f"      predicted {c.pred_type}" + ("" if not c.has_event else f" / {c.pred_sub}") + why)
        print(wrap(c.notes))
    print()
    errs = fatality_errors(cases, k)
    print(f"Fatality errors ({len(errs)} shown of {sum(c.pred_fatalities != c.gold_fatalities for c in cases)}, largest first)")
    for c in errs:
        how = "no event" if not c.has_event else ("no figure" if c.pred_fatalities_raw is None else "figure")
        print(f"  row {c.row} {c.event_id}: gold {c.gold_fatalities}, predicted {c.pred_fatalities} ({how}); "
              f"{c.gold_type}")
        print(wrap(c.notes))


def as_json(cases: list[Case], scores: dict[str, Any], meta: dict[str, Any], k: int) -> dict[str, Any]:
    def brief(c: Case) -> dict[str, Any]:
        return {
            "row": c.row,
            "event_id_cnty": c.event_id,
            "gold": {"event_type": c.gold_type, "sub_event_type": c.gold_sub, "fatalities": c.gold_fatalities},
            "predicted": {"event_type": None if not c.has_event else c.pred_type,
                          "sub_event_type": None if not c.has_event else c.pred_sub,
                          "fatalities": c.pred_fatalities_raw if c.has_event else None},
            "error": c.error,
        }

    return {
        "benchmark": "acled_dev",
        **meta,
        **scores,
        "errors": {
            "event_type": [brief(c) for c in type_errors(cases, k)],
            "fatalities": [brief(c) for c in fatality_errors(cases, k)],
        },
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Score clashwatch's main event per article against ACLED codings.")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA,
                    help="ACLED CSV with notes (default: ../shared/data/acled_dev_300.csv next to the repository)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N rows")
    ap.add_argument("--errors", type=int, default=5, metavar="K", help="show the K worst errors of each kind (default 5; 0: none)")
    ap.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size (default 32)")
    ap.add_argument("--json", action="store_true", help="print the metrics as one JSON object")
    ap.add_argument("--strict", action="store_true", help="let pipeline exceptions propagate instead of scoring them as misses")
    args = ap.parse_args(argv)

    if not args.data.is_file():
        print(f"{args.data} not found: the development data lives in ../shared/data (not in this repository)")
        return 0
    cases = read_cases(args.data, args.limit)
    if not cases:
        print(f"{args.data}: no rows")
        return 0
    timing = run(cases, args.batch_size, args.strict)
    scores = compute(cases)
    meta = {
        "data": str(args.data),
        "rows": len(cases),
        "limit": args.limit,
        "batch_size": args.batch_size,
        "timing": {k: round(v, 3) for k, v in timing.items()},
        "environment": environment(),
    }
    if args.json:
        print(json.dumps(as_json(cases, scores, meta, args.errors), indent=2, default=str))
    else:
        print_report(cases, scores, meta, args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
