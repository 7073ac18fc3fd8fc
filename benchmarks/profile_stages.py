"""Where the stages' time goes: cProfile of every stage over parsed synthetic articles.

    .venv/bin/python benchmarks/profile_stages.py [--n 100] [--top 25]

The spaCy parse is done first and excluded; the listing is sorted by cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import pstats
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from articles import generate  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)

    from clashwatch.stages import actors, assemble, claims, dates, places, triggers
    from clashwatch.article import make_article
    from clashwatch.pipeline import Pipeline

    pipeline = Pipeline()
    articles = generate(args.n + 20, seed=1)
    list(pipeline.extract_many(make_article(a["text"], published=a["published"], title=a["title"]) for a in articles[:20]))
    docs = list(pipeline.nlp.pipe(a["title"] + "\n\n" + a["text"] for a in articles[20:]))
    profile = cProfile.Profile()
    profile.enable()
    for doc, article in zip(docs, articles[20:]):
        published = dt.date.fromisoformat(article["published"])
        found_places = places.find_places(doc, pipeline.gazetteer)
        found_dates = dates.find_dates(doc, published)
        found_actors = actors.find_actors(doc, found_places)
        found_claims = claims.find_claims(doc, published, found_dates)
        assemble.assemble(
            doc, published=published, places=found_places, dates=found_dates, actors=found_actors,
            claims=found_claims, triggers=triggers.find_triggers(doc), weapons=triggers.find_weapons(doc),
            country_lookup=pipeline.gazetteer.country,
        )
    profile.disable()
    stats = pstats.Stats(profile)
    stats.sort_stats("cumulative")
    print(f"stages over {args.n} parsed synthetic articles (the parse excluded)")
    stats.print_stats("clashwatch", args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
