"""GeoWebNews toponym resolution: share of gold toponyms resolved within 161 km.

Scoring (../shared/data/README.md): for each gold toponym with coordinates, the extracted
place whose span overlaps it; a missed toponym counts as a miss. Runs the full pipeline
(end to end, as `clashwatch extract` would) on each article.

    .venv/bin/python benchmarks/gwn_dev.py [--data ../shared/data/gwn_dev.jsonl] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "gwn_dev.jsonl"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"{args.data} not found: the development data lives in ../shared/data (not in this repository)")
        return 0

    import clashwatch
    from clashwatch.gazetteer import haversine_km

    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = rows[: args.limit] if args.limit else rows
    started = time.perf_counter()
    results = clashwatch.extract_many({"id": r["id"], "text": r["text"]} for r in rows)
    total = hit = missed = 0
    errors: list[float] = []
    by_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row, result in zip(rows, results):
        for gold in row["toponyms"]:
            if gold.get("latitude") is None:
                continue
            total += 1
            by_type[gold["type"]][1] += 1
            overlapping = [p for p in result.places if p.section == "body" and p.start < gold["end"] and gold["start"] < p.end]
            if not overlapping:
                missed += 1
                continue
            d = min(haversine_km(p.latitude, p.longitude, gold["latitude"], gold["longitude"]) for p in overlapping)
            errors.append(d)
            if d <= 161:
                hit += 1
                by_type[gold["type"]][0] += 1
    elapsed = time.perf_counter() - started
    print(f"GeoWebNews development benchmark: {len(rows)} articles of {args.data}")
    print(f"  gold toponyms with coordinates   {total}")
    print(f"  resolved within 161 km           {hit / total:.1%}  ({hit}/{total}; misses count)")
    print(f"  not found                        {missed / total:.1%}  ({missed}/{total})")
    if errors:
        print(f"  mean error of found toponyms     {sum(errors) / len(errors):.0f} km")
    print("  by gold toponym type (within 161 km / n):")
    for kind, (h, n) in sorted(by_type.items()):
        print(f"    {kind:24} {h}/{n}")
    print(f"  extraction {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
