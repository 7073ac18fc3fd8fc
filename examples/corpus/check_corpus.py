"""Check the merging/reconciliation test corpus against the real extractor.

Runs clashwatch on every article of ``articles.jsonl`` and compares the MAIN event
(``events[0]``) with ``expected.json``: event and sub-event type, country, a location
within 25 km of the intended town, the event date, and the figures (kind, value, source,
scope) the main event's claims should carry. Also checks the corpus itself (unique ids,
URL reuse only for versioned updates, article length, republished texts identical).

    .venv/bin/python examples/corpus/check_corpus.py            # per-article report + summary
    .venv/bin/python examples/corpus/check_corpus.py -v         # also list every event found
    .venv/bin/python examples/corpus/check_corpus.py --only gn-douentza-clash-0508

Exit status: 0 when every mismatch is a known, documented extractor misreading
(``known_misreading`` in expected.json), 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
MAX_KM = 25.0
MIN_WORDS, MAX_WORDS = 120, 350


def km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def load():
    articles = [json.loads(line) for line in (HERE / "articles.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    expected = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))
    return articles, expected


def corpus_problems(articles, expected) -> list[str]:
    problems = []
    ids = Counter(a["id"] for a in articles)
    problems += [f"duplicate id {i}" for i, n in ids.items() if n > 1]
    by_url = defaultdict(list)
    for a in articles:
        by_url[a["url"]].append(a)
        words = len(a["text"].split())
        if not MIN_WORDS <= words <= MAX_WORDS:
            problems.append(f"{a['id']}: {words} words (want {MIN_WORDS}-{MAX_WORDS})")
        for key in ("id", "url", "source", "published", "title", "text", "version"):
            if key not in a:
                problems.append(f"{a['id']}: missing field {key}")
    for url, group in by_url.items():
        if len(group) > 1:
            versions = sorted(a["version"] for a in group)
            if versions != list(range(1, len(group) + 1)) or len({a["source"] for a in group}) != 1:
                problems.append(f"URL reused without a version sequence: {url}")
    known = {a["id"] for a in articles}
    for ev in expected["events"]:
        for aid in ev["article_ids"] + ev.get("recalled_in", []):
            if aid not in known:
                problems.append(f"event {ev['key']} names unknown article {aid}")
        for orig, copies in ev.get("republished", {}).items():
            text = next(a["text"] for a in articles if a["id"] == orig)
            for c in copies:
                if next(a["text"] for a in articles if a["id"] == c) != text:
                    problems.append(f"republication {c} differs from {orig}")
    for aid in known - set(expected["articles"]):
        problems.append(f"no expectation for article {aid}")
    return problems


def claim_matches(claim, want) -> bool:
    if claim.kind != want["kind"] or claim.low != want["value"]:
        return False
    if want["source"] != "*" and want["source"].lower() not in claim.source.lower():
        return False
    if claim.scope not in want["scope"]:
        return False
    return "section" not in want or claim.section == want["section"]


def describe_claim(c) -> str:
    rng = f"{c.low}" if c.high == c.low else f"{c.low}-{c.high if c.high is not None else 'open'}"
    party = f"/{c.scope_party}" if c.scope_party else ""
    where = " [headline]" if c.section == "headline" else ""
    return f"{c.kind:<8} {c.figure!r:<18} ={rng:<8} source={c.source} ({c.source_type}) scope={c.scope}{party} as_of={c.as_of}{where}"


def check_article(article, result, events_by_key, want) -> tuple[list[str], list[str]]:
    """(report lines, mismatches)"""
    ev = events_by_key[want["event"]]
    lines, bad = [], []
    if not result.events:
        return lines, ["no event found"]
    main = result.events[0]
    dist = None
    if main.latitude is not None:
        dist = km(main.latitude, main.longitude, ev["latitude"], ev["longitude"])
    lines.append(
        f"  main  {main.event_type} / {main.sub_event_type} | {main.event_date} ({main.time_precision}) | "
        f"{main.location}, {main.country_code}" + (f" [{dist:.0f} km from {ev['location']}]" if dist is not None else "")
        + f" | fatalities best={main.fatalities} low={main.fatalities_low} high={main.fatalities_high}"
    )
    main_claims = [c for c in result.claims if c.event_id == main.event_id]
    for c in main_claims:
        lines.append(f"        {c.claim_id:<4}{describe_claim(c)}")
    if main.background:
        bad.append("main event marked background")
    if main.event_type != ev["event_type"]:
        bad.append(f"event_type {main.event_type!r} != {ev['event_type']!r}")
    if main.sub_event_type != ev["sub_event_type"]:
        bad.append(f"sub_event_type {main.sub_event_type!r} != {ev['sub_event_type']!r}")
    if main.country_code != ev["country_code"]:
        bad.append(f"country {main.country_code} != {ev['country_code']}")
    if dist is None or dist > MAX_KM:
        bad.append(f"location {main.location} not within {MAX_KM:.0f} km of {ev['location']}")
    if main.event_date is None or not (ev["date_start"] <= main.event_date.isoformat() <= ev["date_end"]):
        bad.append(f"date {main.event_date} not in {ev['date_start']}..{ev['date_end']}")
    for w in want["claims"]:
        if not any(claim_matches(c, w) for c in main_claims):
            bad.append(f"missing claim {w['kind']} {w['value']} from {w['source']} (scope {'|'.join(w['scope'])})")
    for w in want.get("forbidden_claims", []):
        hit = [c for c in main_claims if claim_matches(c, w)]
        if hit:
            bad.append(f"claim {hit[0].figure!r} ({w['kind']} {w['value']}) belongs to another event")
    if main.fatalities != want["fatalities_best"]:
        bad.append(f"fatalities best {main.fatalities} != {want['fatalities_best']}")
    return lines, bad


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="list every event of every article")
    ap.add_argument("--only", nargs="*", help="article ids to check")
    args = ap.parse_args(argv)

    import clashwatch

    articles, expected = load()
    problems = corpus_problems(articles, expected)
    events_by_key = {e["key"]: e for e in expected["events"]}
    if args.only:
        articles = [a for a in articles if a["id"] in set(args.only)]

    print(f"corpus: {len(articles)} articles, {len({a['source'] for a in articles})} outlets, "
          f"{len(events_by_key)} events, published {min(a['published'] for a in articles)} .. "
          f"{max(a['published'] for a in articles)}")
    for p in problems:
        print(f"CORPUS PROBLEM: {p}")

    results = clashwatch.extract_many(
        {k: a[k] for k in ("id", "text", "published", "title", "url", "source")} for a in articles
    )
    ok = known = new = 0
    summary = []
    for article, result in zip(articles, results):
        want = expected["articles"][article["id"]]
        print(f"\n{article['id']}  ({article['source']}, {article['published']}, v{article['version']})  "
              f"-> {want['event']}  roles {','.join(want.get('role', []))}")
        print(f"  title {article['title']!r}")
        lines, bad = check_article(article, result, events_by_key, want)
        print("\n".join(lines))
        if args.verbose:
            for e in result.events[1:]:
                print(f"  other {'(background) ' if e.background else ''}{e.event_type} / {e.sub_event_type} | "
                      f"{e.event_date} | {e.location}, {e.country_code} | fatalities {e.fatalities} | cue {e.text!r}")
        note = want.get("known_misreading")
        if not bad:
            ok += 1
            print("  OK")
        elif note:
            known += 1
            for b in bad:
                print(f"  KNOWN MISMATCH: {b}")
            print(f"    ({note})")
        else:
            new += 1
            for b in bad:
                print(f"  MISMATCH: {b}")
        summary.append((article["id"], "OK" if not bad else ("known" if note else "MISMATCH")))

    print("\nsummary")
    for aid, status in summary:
        print(f"  {status:<9}{aid}")
    print(f"{ok} OK, {known} known extractor misreadings, {new} unexpected mismatches, {len(problems)} corpus problems")
    return 0 if new == 0 and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
