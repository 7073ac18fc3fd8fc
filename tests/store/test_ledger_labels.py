"""The ledger's labels say what the estimate did, from the decisions the estimate recorded:
on the seed, and on the corpus's events reported by three articles or more."""

from __future__ import annotations

from support.paths import REPO, SEED

import datetime as dt
import json

import pytest

import clashwatch
from clashwatch.article import make_article
from clashwatch.outputs.jsonout import event_detail_json
from clashwatch.store import Store

CORPUS = REPO / "examples" / "corpus" / "articles.jsonl"


@pytest.fixture(scope="module")
def seed_event(tmp_path_factory):
    if not SEED.exists():
        pytest.skip(f"{SEED} not found")
    store = Store.open(f"sqlite:///{tmp_path_factory.mktemp('ledger') / 'seed.db'}")
    text = SEED.read_text(encoding="utf-8")
    article = make_article(text, id="border-clash", published=dt.date(2022, 9, 19))
    store.save(article, clashwatch.extract(text, published="2022-09-19", id="border-clash"))
    [clash] = [e for e in store.events() if e["sub_event_type"] == "Armed clash" and not e["background"]]
    detail = event_detail_json(store.event(clash["id"]))
    store.close()
    return detail


def by_figure(detail: dict) -> dict[str, dict]:
    return {c["figure"]: c for c in detail["claims"] if c["kind"] == "killed" and c["figure"]}


def test_the_figure_that_superseded_is_not_labelled_superseded(seed_event):
    claims = by_figure(seed_event)
    twelve, thirty_six = claims["12"], claims["36"]
    twelve_id = f"{twelve['article_id']}/{twelve['local_claim_id']}"
    thirty_six_id = f"{thirty_six['article_id']}/{thirty_six['local_claim_id']}"
    assert twelve["roles"] == [f"set aside: superseded by {thirty_six_id}"]
    assert f"supersedes {twelve_id}" in thirty_six["roles"]
    assert not any(r.startswith("set aside: superseded") for r in thirty_six["roles"])
    assert claims["at least 100"]["roles"] == ["best"]


def test_a_superseded_figure_is_not_compared_with_other_sources(seed_event):
    # Kyrgyzstan's 12 gave way to its own 36: only standing figures can contradict Reuters' 100
    compared = [c for item in seed_event["contradictions"] for c in item.get("claims", [])]
    twelve = by_figure(seed_event)["12"]
    assert f"{twelve['article_id']}/{twelve['local_claim_id']}" not in compared
    assert not any("'12'" in line for line in seed_event["contradictions_text"])


@pytest.fixture(scope="module")
def corpus_events(tmp_path_factory):
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    store = Store.open(f"sqlite:///{tmp_path_factory.mktemp('ledger') / 'corpus.db'}")
    for record, result in zip(records, clashwatch.extract_many(records)):
        article = make_article(record["text"], id=record["id"], published=dt.date.fromisoformat(record["published"]),
                               title=record["title"], url=record["url"], outlet=record["source"])
        store.save(article, result)
    details = [event_detail_json(store.event(e["id"])) for e in store.events() if e["n_articles"] >= 3]
    store.close()
    return details


def test_every_label_of_a_three_report_event_follows_the_estimate(corpus_events):
    assert corpus_events, "the corpus has events reported by three articles"
    for detail in corpus_events:
        claims = {f"{c['article_id']}/{c['local_claim_id']}": c for c in detail["claims"]}
        for claim_id, claim in claims.items():
            roles = claim["roles"]
            assert not ("best" in roles and any(r.startswith("set aside") for r in roles)), (claim_id, roles)
            for role in roles:
                if role.startswith("set aside: superseded by "):
                    later = claims[role.removeprefix("set aside: superseded by ")]
                    assert later["source"] == claim["source"]
                    assert (later["as_of"] or "", later["published"] or "") >= (claim["as_of"] or "", claim["published"] or "")
                    assert f"supersedes {claim_id}" in later["roles"]
        best = [c for c in claims.values() if "best" in c["roles"]]
        if detail["fatalities"] is not None and best:
            assert any(detail["fatalities"] in (c["low"], c["high"]) for c in best) or len(best) > 1, detail["id"]
    assert any("best" in c["roles"] for d in corpus_events for c in d["claims"])
    assert any(r.startswith(("set aside", "supersedes")) for d in corpus_events for c in d["claims"] for r in c["roles"])
