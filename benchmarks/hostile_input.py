"""Seconds per hostile input: articles built to make a stage slow, timed stage by stage.

    .venv/bin/python benchmarks/hostile_input.py [--only NAME] [--budget SECONDS]

Each input is parsed once with the pipeline's spaCy model (the parse is timed apart), then
every stage runs over the parsed document with its own clock. The last column is the
whole extraction (parse included, the language given as English) under the per-article
time budget: an input
that runs out of budget prints ``timeout`` there. The inputs are about 60 KB each, the
size of a long article, well under the 100,000 characters the pipeline reads.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from stage_chain import STAGES, run_stages  # noqa: E402

PUBLISHED = dt.date(2024, 5, 17)


def _repeat(unit: str, size: int = 60_000) -> str:
    return unit * max(1, size // len(unit))


def hostile_inputs() -> dict[str, str]:
    towns = "Kabul, Kandahar, Herat, Mazar-i-Sharif, Jalalabad, Kunduz, Ghazni, Khost and Gardez. "
    return {
        "one town repeated": _repeat("Garissa. "),
        "town, country repeated": _repeat("Mogadishu, Somalia. "),
        "list of towns repeated": _repeat(towns),
        "town in a long sentence": _repeat("fighting in Garissa and "),
        "figure repeated": _repeat("Gunmen killed 3 people in Garissa on Friday. "),
        "dates repeated": _repeat("On Friday, a day later, last week and on 3 May, "),
        "long number": "Officials said " + "9" * 4301 + " people were killed in Garissa.",
        "one long word": "x" * 60_000,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run only the inputs whose name contains this")
    parser.add_argument("--budget", type=float, default=None, help="per-article time budget of the whole run (default: the pipeline's)")
    parser.add_argument("--no-stages", action="store_true", help="time only the whole extract")
    args = parser.parse_args(argv)

    from clashwatch.article import make_article
    from clashwatch.pipeline import Pipeline

    pipeline = Pipeline()
    if args.budget is not None:
        pipeline.time_budget = args.budget
    pipeline.extract("Gunmen killed 3 people in Garissa on Friday.", published=PUBLISHED)  # warm-up
    names = ["parse", *STAGES]
    print(f"{'input':26} {'chars':>7} " + " ".join(f"{n:>8}" for n in names) + f" {'extract':>9}")
    for name, text in hostile_inputs().items():
        if args.only and args.only not in name:
            continue
        row: dict[str, float | str] = {}
        if not args.no_stages:
            t0 = time.perf_counter()
            doc = pipeline.nlp(text)
            row["parse"] = time.perf_counter() - t0
            try:
                run_stages(pipeline, doc, PUBLISHED, row)  # fills row stage by stage
            except Exception as exc:  # noqa: BLE001 - a stage that raises is reported, not fatal
                row[next(n for n in names if n not in row)] = type(exc).__name__
        t0 = time.perf_counter()
        # language given: a name repeated 7,000 times does not read as English to langid
        result = next(pipeline.extract_many([make_article(text, published=PUBLISHED, language="en")]))
        total = time.perf_counter() - t0
        failed = [w for w in result.warnings if w.startswith("extraction failed")]
        whole = f"{total:8.2f}s" if not failed else ("timeout" if "ArticleTimeout" in failed[0] else "failed")
        cells = " ".join(f"{row[n]:8.2f}" if isinstance(row.get(n), float) else f"{row.get(n, '-'):>8}" for n in names)
        print(f"{name:26} {len(text):7,} {cells} {whole:>9}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
