"""Where the stages' time goes: cProfile of every stage over parsed synthetic articles.

    .venv/bin/python benchmarks/profile_stages.py [--n 100] [--top 25] [--sort tottime] [--all]

The spaCy parse is done first and excluded; the listing is sorted by cumulative time (or
by each function's own time, ``--sort tottime``), clashwatch's functions only unless
``--all`` (the regular-expression and spaCy calls too).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from stage_chain import parsed_articles, run_stages  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sort", choices=("cumulative", "tottime"), default="cumulative")
    parser.add_argument("--all", action="store_true", help="every function, not only clashwatch's")
    args = parser.parse_args(argv)
    from clashwatch.pipeline import Pipeline

    pipeline = Pipeline()
    docs = parsed_articles(pipeline, args.n)
    profile = cProfile.Profile()
    profile.enable()
    for doc, published in docs:
        run_stages(pipeline, doc, published)
    profile.disable()
    stats = pstats.Stats(profile)
    stats.sort_stats(args.sort)
    print(f"stages over {args.n} parsed synthetic articles (the parse excluded)")
    stats.print_stats(*(() if args.all else ("clashwatch",)), args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
