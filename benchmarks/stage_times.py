"""Wall time of each stage over parsed synthetic articles (the parse excluded), best of three.

    .venv/bin/python benchmarks/stage_times.py [--n 300]

Unlike profile_stages.py it runs without a profiler, so two trees can be compared side by side.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from stage_chain import STAGES, parsed_articles, run_stages  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300)
    args = parser.parse_args(argv)
    from clashwatch.pipeline import Pipeline

    pipeline = Pipeline()
    docs = parsed_articles(pipeline, args.n)
    best = dict.fromkeys(STAGES, float("inf"))
    for _ in range(3):
        spent: dict[str, float] = {}
        for doc, published in docs:
            run_stages(pipeline, doc, published, spent)
        for name, seconds in spent.items():
            best[name] = min(best[name], seconds)
    print(" ".join(f"{name} {seconds:.2f}s" for name, seconds in best.items()), f"total {sum(best.values()):.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
