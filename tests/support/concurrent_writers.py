"""Several processes writing into one store at once, and what to compare them with.

Used by ``tests/store/test_concurrency.py`` and ``benchmarks/soak.py``:

    cases = make_cases(200, seed=3)                 # short synthetic articles, some copies
    extract_cases(cases, "cases.jsonl")             # the real pipeline, once
    plans = overlapping_plans(len(cases), writers=3, seed=1)
    reports = run_writers(url, "cases.jsonl", plans)        # one process per plan, all at once
    serial_store(other_url, "cases.jsonl")                  # the same articles, one writer
    assert differences(snapshot(url), snapshot(other_url)) == []
    assert invariant_problems(url) == []

A writer is this file run as a script (``python concurrent_writers.py --db URL --cases FILE
--indices 3,1,2 --mode batch``). It replays the pre-extracted results (``Replay``: a
pipeline that hands back what the real one gave) through ``clashwatch.ingest.Ingester``,
as ``clashwatch ingest`` (``--mode batch``: one run over all its articles) or ``watch``
and the API's POST (``--mode single``: one run per article) do, so that many writers can
race on the store without each loading spaCy and extracting again. The writers wait for
one another before opening the store, so that on a fresh database they also race to
create the schema.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
COPY_EVERY = 9  # every 9th article also comes as a re-published copy under another URL
URL_EVERY = 3  # every 3rd article has a URL


# --------------------------------------------------------------------------- inputs


def make_cases(n: int, seed: int = 0, start: dt.date = dt.date(2024, 3, 1), days: int = 10) -> list[dict]:
    """``n`` short synthetic articles (``benchmarks/articles.py``, their first three
    paragraphs) published within ``days`` days, so that many report the same events and
    merge; every ``URL_EVERY``-th has a URL, and every ``COPY_EVERY``-th is followed by a
    copy of its text under another URL, published a day earlier or later (a duplicate,
    or the copy the store counts instead)."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from articles import generate

    cases: list[dict] = []
    for i, record in enumerate(generate(n, seed)):
        text = "\n\n".join(record["text"].split("\n\n")[:3])
        published = start + dt.timedelta(days=i % days)
        case = {"id": record["id"], "text": text, "title": record["title"], "published": published.isoformat()}
        if i % URL_EVERY == 0:
            case["url"] = f"https://synthetic.example/{seed}/{i}"
        cases.append(case)
        if i % COPY_EVERY == 0:
            shift = -1 if (i // COPY_EVERY) % 2 else 1
            cases.append({
                "id": f"{record['id']}-copy", "text": text, "title": record["title"],
                "published": (published + dt.timedelta(days=shift)).isoformat(),
                "url": f"https://copies.example/{seed}/{i}",
            })
    return cases


def extract_cases(cases: list[dict], path: str | os.PathLike, pipeline: Any = None) -> Path:
    """Write ``{"record", "result", "language"}`` lines: each case with what the pipeline
    made of it (and the language it found, which it sets on the article)."""
    from clashwatch import get_pipeline
    from clashwatch.article import from_mapping

    pipeline = pipeline or get_pipeline()
    articles = [from_mapping(c) for c in cases]
    for a in articles:
        a.ensure_id()
    path = Path(path)
    with path.open("w", encoding="utf-8") as out:
        for case, article, result in zip(cases, articles, pipeline.extract_many(articles, batch_size=32)):
            line = {"record": case, "result": result.model_dump(mode="json"), "language": article.language}
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    return path


def load_cases(path: str | os.PathLike) -> tuple[list[dict], dict]:
    """The records and, by article id, their results and languages."""
    from clashwatch.model import ArticleResult

    records, results = [], {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            records.append(row["record"])
            results[row["record"]["id"]] = (ArticleResult.model_validate(row["result"]), row.get("language"))
    return records, results


def overlapping_plans(n: int, writers: int, seed: int = 0, share: float = 0.7) -> list[list[int]]:
    """For each writer, the case indices it ingests, in its own shuffled order: each case
    goes to about ``share`` of the writers (at least one), so most go to several at once."""
    r = random.Random(f"plans:{seed}")
    plans: list[list[int]] = [[] for _ in range(writers)]
    for i in range(n):
        chosen = [w for w in range(writers) if r.random() < share] or [r.randrange(writers)]
        for w in chosen:
            plans[w].append(i)
    for plan in plans:
        r.shuffle(plan)
    return plans


class Replay:
    """A pipeline that hands back pre-extracted results (by article id) instead of
    extracting, and sets the article's language as the real one does."""

    def __init__(self, results: dict):
        self.results = results

    def _result(self, article):
        result, language = self.results[article.id]
        if article.language is None:
            article.language = language
        return result

    def extract_many(self, articles: Iterable, batch_size: int = 32) -> Iterator:
        for article in articles:
            yield self._result(article)

    def extract_resilient(self, items, on_failure, *, article=lambda item: item, batch_size=32, fatal=()):
        for item in items:
            yield item, self._result(article(item))


# --------------------------------------------------------------------------- writers


def _env() -> dict:
    """The environment of a writer: this process's, with the clashwatch it imports first."""
    import clashwatch

    src = str(Path(clashwatch.__file__).resolve().parents[1])
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": src + (os.pathsep + path if path else "")}


def run_writers(url: str, cases_path: str | os.PathLike, plans: list[list[int]], modes: list[str] | None = None,
                timeout: float = 300) -> list[dict]:
    """One writer process per plan, started together; their reports (``stats``, ``retried``)."""
    modes = modes or [("batch", "single")[w % 2] for w in range(len(plans))]
    procs = []
    for plan, mode in zip(plans, modes):
        argv = [sys.executable, __file__, "--db", url, "--cases", str(cases_path), "--mode", mode,
                "--indices", ",".join(map(str, plan))]
        procs.append(subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      text=True, env=_env()))
    try:
        for p in procs:  # every writer ready (imports done) ...
            line = p.stdout.readline()
            if line.strip() != "ready":
                raise RuntimeError(f"a writer did not start: {line!r} {p.stderr.read()[-3000:]}")
        for p in procs:  # ... then all go at once
            p.stdin.write("go\n")
            p.stdin.flush()  # (communicate closes it)
        reports = []
        deadline = time.monotonic() + timeout
        for p in procs:
            out, err = p.communicate(timeout=max(1.0, deadline - time.monotonic()))
            lines = [x for x in out.splitlines() if x.startswith("{")]
            report = json.loads(lines[-1]) if lines else {}
            report.update(returncode=p.returncode, stderr=err)
            reports.append(report)
        return reports
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()


def serial_store(url: str, cases_path: str | os.PathLike, order: list[int] | None = None) -> dict:
    """The cases ingested by one writer in this process (``order``: the case indices, all
    by default); its stats."""
    from clashwatch.ingest import Ingester
    from clashwatch.store import Store

    records, results = load_cases(cases_path)
    order = list(range(len(records))) if order is None else order
    store = Store.open(url)
    try:
        ingester = Ingester(store, Replay(results), batch_size=8)
        stats = ingester.ingest_records([records[i] for i in order], name="serial")
    finally:
        store.close()
    return vars(stats)


def _writer(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--cases", required=True)
    ap.add_argument("--indices", required=True)
    ap.add_argument("--mode", choices=("batch", "single"), default="batch")
    args = ap.parse_args(argv)

    import logging

    from clashwatch.ingest import Ingester, IngestStats
    from clashwatch.store import Store

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    records, results = load_cases(args.cases)
    plan = [records[int(i)] for i in args.indices.split(",") if i]
    pipeline = Replay(results)
    errors: list[str] = []
    print("ready", flush=True)
    sys.stdin.readline()  # "go"
    store = Store.open(args.db)
    total = IngestStats()
    try:
        if args.mode == "batch":
            runs = [plan]
        else:  # one article at a time, as watch and the API's POST hand them over
            runs = [[record] for record in plan]
        for run in runs:
            ingester = Ingester(store, pipeline, batch_size=8, on_error=lambda origin, reason: errors.append(f"{origin}: {reason}"))
            stats = ingester.ingest_records(run, name=f"writer {os.getpid()}")
            for key, value in vars(stats).items():
                setattr(total, key, getattr(total, key) + value)
    finally:
        store.close()
    retried = getattr(store, "retried", None)
    reasons = dict(getattr(getattr(store, "retries", None), "reasons", {}))
    waits = store.lock_waits.as_dict() if hasattr(store, "lock_waits") else None
    print(json.dumps({"stats": vars(total), "retried": retried, "reasons": reasons, "errors": errors[:20],
                      "lock_waits": waits}), flush=True)
    return 0


# --------------------------------------------------------------------------- comparing


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def _plain(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, (list, dict)):
        return _json(value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return value


def snapshot(url: str) -> dict[str, list[tuple]]:
    """The store's meaningful content as sorted tuples, table by table: no auto-increment
    ids (a claim names its mention by key, its source by name) and no timestamps."""
    from sqlalchemy import case, select

    from clashwatch.store import make_engine
    from clashwatch.store import tables as t

    def columns(table, *skip):
        return [c for c in table.c if c.name not in skip]

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            # an event is named by its mentions: which id it keeps depends on which of its
            # reports arrived first (an event keeps the id it was first published under)
            members: dict[str, list[str]] = {}
            for key, event_id in conn.execute(select(t.mentions.c.key, t.mentions.c.event_id)):
                members.setdefault(event_id, []).append(key)
            named = {event_id: "event of " + ",".join(sorted(keys)) for event_id, keys in members.items() if event_id}

            def rows(stmt, unordered: tuple[str, ...] = (), event_ids: tuple[str, ...] = ()) -> list[tuple]:
                """``unordered``: list columns compared as sets: an event's rationale and
                contradictions follow the order the claims were stored in, which is the order
                of arrival (so two serial runs in different orders differ there too);
                ``event_ids``: columns holding an event id, compared by the event's mentions."""
                out = []
                for r in conn.execute(stmt).mappings():
                    out.append(tuple(_plain(sorted(v, key=_json) if k in unordered and v else named.get(v, v) if k in event_ids else v)
                                     for k, v in r.items()))
                return sorted(out, key=repr)

            a = t.articles.c
            # a re-published copy's language: known when it was stored (and extracted) before
            # its original turned up and demoted it, unknown when it came after: not compared
            language = case((a.duplicate_of.is_(None), a.language), else_=None)
            out = {
                "articles": rows(select(a.id, a.url, a.text_hash, a.text_hashes, a.duplicate_of, a.published,
                                        a.version, language, a.result.is_(None))),
                "events": rows(select(*columns(t.events, "updated_at", "created_at")), unordered=("rationale", "contradictions"),
                               event_ids=("id",)),
                "mentions": rows(select(*columns(t.mentions, "id")), event_ids=("event_id",)),
                "claims": rows(
                    select(*columns(t.claims, "id", "mention_id", "source_id"), t.mentions.c.key, t.sources.c.name)
                    .outerjoin(t.mentions, t.mentions.c.id == t.claims.c.mention_id)
                    .outerjoin(t.sources, t.sources.c.id == t.claims.c.source_id)
                ),
                "places": rows(select(*columns(t.places, "id"))),
            }
    finally:
        engine.dispose()
    # the estimates: each event's reconciled toll and its rationale (also inside "events")
    names = [c.name for c in columns(t.events, "updated_at", "created_at")]
    picked = [names.index(n) for n in ("id", "fatalities", "fatalities_low", "fatalities_high", "rationale", "contradictions")]
    out["estimates"] = sorted((tuple(e[i] for i in picked) for e in out["events"]), key=repr)
    return out


def _short(value: Any, width: int = 160) -> str:
    text = repr(value)
    return text if len(text) <= width else text[: width - 3] + "..."


def differences(got: dict[str, list[tuple]], want: dict[str, list[tuple]], show: int = 3) -> list[str]:
    """What differs, table by table, in a few short lines; empty when equal. Rows are
    matched by their first column (an id or key) to say which columns differ."""
    problems = []
    for table in want:
        mine, theirs = got.get(table, []), want[table]
        extra = sorted(set(mine) - set(theirs), key=repr)
        missing = sorted(set(theirs) - set(mine), key=repr)
        if len(mine) == len(theirs) and not extra and not missing:
            continue
        line = f"{table}: {len(mine)} rows, want {len(theirs)}; {len(extra)} unexpected, {len(missing)} missing"
        wanted = {row[0]: row for row in missing}
        shown = []
        for row in extra[:show]:
            other = wanted.get(row[0])
            if other is None:
                shown.append(f"unexpected {_short(row)}")
            else:
                cols = [i for i, (a, b) in enumerate(zip(row, other)) if a != b]
                shown.append(f"{row[0]!r} differs in columns {cols}: {_short(row[cols[0]], 100)} vs {_short(other[cols[0]], 100)}")
        extra_keys = {row[0] for row in extra}
        shown += [f"missing {_short(row)}" for row in missing if row[0] not in extra_keys][:show]
        problems.append(line + ("; e.g. " + "; ".join(shown) if shown else ""))
    return problems


def difference_count(got: dict[str, list[tuple]], want: dict[str, list[tuple]]) -> int:
    """Rows in one snapshot and not in the other, all tables together (0 when equal)."""
    from collections import Counter

    total = 0
    for table in set(got) | set(want):
        mine, theirs = Counter(got.get(table, [])), Counter(want.get(table, []))
        total += sum((mine - theirs).values()) + sum((theirs - mine).values())
    return total


def invariant_problems(url: str) -> list[str]:
    """Every mention has an event; every event counts exactly its mentions and articles."""
    from sqlalchemy import func, select

    from clashwatch.store import make_engine
    from clashwatch.store import tables as t

    engine = make_engine(url)
    problems = []
    try:
        with engine.connect() as conn:
            m, e = t.mentions.c, t.events.c
            orphans = conn.execute(select(func.count()).where(m.event_id.is_(None))).scalar_one()
            if orphans:
                problems.append(f"{orphans} mentions without an event")
            counted = {
                event_id: (n, k)
                for event_id, n, k in conn.execute(
                    select(m.event_id, func.count(), func.count(func.distinct(m.article_id))).where(m.event_id.is_not(None)).group_by(m.event_id)
                )
            }
            for event_id, n_mentions, n_articles in conn.execute(select(e.id, e.n_mentions, e.n_articles)):
                if counted.get(event_id, (0, 0)) != (n_mentions, n_articles):
                    problems.append(f"event {event_id} says {n_mentions} mentions in {n_articles} articles, has {counted.get(event_id, (0, 0))}")
            stored = {r for (r,) in conn.execute(select(e.id))}
            lost = set(counted) - stored
            if lost:
                problems.append(f"{len(lost)} mentions point at events that are gone")
    finally:
        engine.dispose()
    return problems


if __name__ == "__main__":
    raise SystemExit(_writer())
