"""Wall time of each stage over parsed synthetic articles (the parse excluded), best of three.

    .venv/bin/python benchmarks/stage_times.py [--n 300]

Unlike profile_stages.py it runs without a profiler, so two trees can be compared side by side.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from articles import generate  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300)
    args = parser.parse_args(argv)
    from clashwatch.article import make_article
    from clashwatch.pipeline import Pipeline
    from clashwatch.stages import actors, assemble, claims, dates, places, triggers

    pipeline = Pipeline()
    articles = generate(args.n + 20, seed=1)
    list(pipeline.extract_many(make_article(a["text"], published=a["published"], title=a["title"]) for a in articles[:20]))
    docs = list(pipeline.nlp.pipe(a["title"] + "\n\n" + a["text"] for a in articles[20:]))
    best: dict[str, float] = defaultdict(lambda: float("inf"))
    for _ in range(3):
        spent: dict[str, float] = defaultdict(float)

        def timed(name, fn, *a, **kw):
            start = time.perf_counter()
            out = fn(*a, **kw)
            spent[name] += time.perf_counter() - start
            return out

        for doc, article in zip(docs, articles[20:]):
            published = dt.date.fromisoformat(article["published"])
            found_places = timed("places", places.find_places, doc, pipeline.gazetteer)
            found_dates = timed("dates", dates.find_dates, doc, published)
            found_actors = timed("actors", actors.find_actors, doc, found_places)
            found_claims = timed("claims", claims.find_claims, doc, published, found_dates)
            found_triggers = timed("triggers", triggers.find_triggers, doc)
            weapons = timed("triggers", triggers.find_weapons, doc)
            timed("assemble", assemble.assemble, doc, published=published, places=found_places, dates=found_dates,
                  actors=found_actors, claims=found_claims, triggers=found_triggers, weapons=weapons,
                  country_lookup=pipeline.gazetteer.country)
        for name, seconds in spent.items():
            best[name] = min(best[name], seconds)
    print(" ".join(f"{name} {seconds:.2f}s" for name, seconds in best.items()), f"total {sum(best.values()):.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
