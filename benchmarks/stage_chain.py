"""The extraction stages in their order over a parsed document, each on its own clock: what
``stage_times.py``, ``profile_stages.py`` and ``hostile_input.py`` run after the parse."""

from __future__ import annotations

import datetime as dt
import time

STAGES = ("places", "dates", "actors", "claims", "triggers", "weapons", "assemble")


def run_stages(pipeline, doc, published: dt.date, spent: dict | None = None) -> None:
    """Runs every stage over ``doc``, adding each stage's seconds to ``spent[name]`` (names
    of ``STAGES``) when given, as each stage ends."""
    from clashwatch.stages import actors, assemble, claims, dates, places, triggers

    def timed(name, fn, *args, **kwargs):
        t0 = time.perf_counter()
        out = fn(*args, **kwargs)
        if spent is not None:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - t0
        return out

    found_places = timed("places", places.find_places, doc, pipeline.gazetteer)
    found_dates = timed("dates", dates.find_dates, doc, published)
    found_actors = timed("actors", actors.find_actors, doc, found_places)
    found_claims = timed("claims", claims.find_claims, doc, published, found_dates)
    found_triggers = timed("triggers", triggers.find_triggers, doc)
    found_weapons = timed("weapons", triggers.find_weapons, doc)
    timed(
        "assemble", assemble.assemble, doc, published=published, places=found_places, dates=found_dates,
        actors=found_actors, claims=found_claims, triggers=found_triggers, weapons=found_weapons,
        country_lookup=pipeline.gazetteer.country,
    )


def parsed_articles(pipeline, n: int) -> list[tuple[object, dt.date]]:
    """``n`` synthetic articles (``articles.generate``, seed 1) parsed by the pipeline's
    model, each with its publication date, after 20 others went through the whole pipeline
    to warm it up."""
    from articles import generate
    from clashwatch.article import make_article

    articles = generate(n + 20, seed=1)
    list(pipeline.extract_many(make_article(a["text"], published=a["published"], title=a["title"]) for a in articles[:20]))
    docs = pipeline.nlp.pipe(a["title"] + "\n\n" + a["text"] for a in articles[20:])
    return [(doc, dt.date.fromisoformat(a["published"])) for doc, a in zip(docs, articles[20:])]
