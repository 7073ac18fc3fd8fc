"""The merging predicate and clustering, and cross-article reconciliation, on records."""

from __future__ import annotations

import datetime as dt
import itertools
import random

from clashwatch.store.merge import MentionRecord, cluster, compatible
from clashwatch.store.reconcile import reconcile, toll_history

D = dt.date


def mention(key, article, *, day=D(2024, 3, 9), end=None, kind="Violence against civilians", sub="Attack",
            lat=-0.4527, lon=39.646, precision=1, cc="KE", admin1="Garissa", background=False, tp="day", actors=("KE",)):
    return MentionRecord(
        key=key, article_id=article, event_type=kind, sub_event_type=sub, date_start=day, date_end=end or day,
        time_precision=tp, background=background, country_code=cc, admin1=admin1, latitude=lat, longitude=lon,
        geo_precision=precision, actor_countries=frozenset(actors),
    )


def test_same_attack_reported_by_two_outlets_merges_and_says_why():
    why = compatible(mention("a", "art1"), mention("b", "art2", day=D(2024, 3, 10), sub="Attack"))
    assert why is not None
    assert why["date"].startswith("dates overlap") and "km apart" in why["place"]


def test_clash_and_attack_wordings_of_one_event_merge():
    assert compatible(mention("a", "art1"), mention("b", "art2", kind="Battles", sub="Armed clash")) is not None


def test_two_attacks_in_one_town_a_week_apart_stay_apart():
    assert compatible(mention("a", "art1"), mention("b", "art2", day=D(2024, 3, 16))) is None


def test_one_article_never_merges_with_itself():
    assert compatible(mention("a", "art1"), mention("b", "art1")) is None


def test_places_too_far_apart_do_not_merge():
    mandera = mention("b", "art2", lat=3.937, lon=41.857, admin1="Mandera")
    assert compatible(mention("a", "art1"), mandera) is None


def test_region_level_place_merges_within_its_region_only():
    region = mention("b", "art2", lat=-0.5, lon=39.7, precision=3, admin1="Garissa")
    other_region = mention("c", "art3", lat=3.9, lon=41.8, precision=3, admin1="Mandera")
    assert compatible(mention("a", "art1"), region) is not None
    assert compatible(mention("a", "art1"), other_region) is None


def test_protest_and_attack_do_not_merge():
    assert compatible(mention("a", "art1"), mention("b", "art2", kind="Protests", sub="Peaceful protest")) is None


def test_background_mentions_do_not_join_current_events():
    assert compatible(mention("a", "art1"), mention("b", "art2", background=True)) is None


def test_month_precision_only_matches_the_same_month():
    month = dict(day=D(2024, 3, 1), end=D(2024, 3, 31), tp="month")
    assert compatible(mention("a", "art1", **month), mention("b", "art2", **month)) is not None
    assert compatible(mention("a", "art1"), mention("b", "art2", **month)) is None


def test_clusters_do_not_depend_on_arrival_order():
    items = [
        mention("k1", "a1"),
        mention("k2", "a2", day=D(2024, 3, 10)),
        mention("k3", "a3", day=D(2024, 3, 16)),
        mention("k4", "a4", day=D(2024, 3, 16)),
        mention("k5", "a5", kind="Protests", sub="Peaceful protest"),
    ]
    expected = sorted(sorted(m.key for m in members) for members, _ in cluster(items))
    assert expected == [["k1", "k2"], ["k3", "k4"], ["k5"]]
    for order in itertools.islice(itertools.permutations(items), 0, 120, 7):
        assert sorted(sorted(m.key for m in members) for members, _ in cluster(order)) == expected
    random.seed(3)
    for members, reasons in cluster(random.sample(items, len(items))):
        assert reasons[members[0].key]["joined"].startswith("founding")
        for m in members[1:]:
            assert reasons[m.key]["joined"] == "compatible with"


def claim_row(article, local, value, *, source="article", outlet="Courier", as_of=D(2024, 3, 10), published=None,
              scope="all", party=None, section="body", high="same", approximate=False, status="figure"):
    return dict(
        article_id=article, local_claim_id=local, kind="killed", status=status, low=value,
        high=value if high == "same" else high, approximate=approximate, source=source,
        source_type="article" if source == "article" else "official", scope=scope, scope_party=party, as_of=as_of,
        revised=False, sentence="", start=0, end=0, figure=str(value), figure_start=0, figure_end=0, section=section,
        outlet=outlet, published=published or as_of, current=True, article_version=1,
    )


def test_rising_toll_from_one_source_keeps_the_latest_and_history_shows_it():
    rows = [
        claim_row("a1", "c1", 4, source="police", as_of=D(2024, 3, 9)),
        claim_row("a2", "c1", 9, source="police", as_of=D(2024, 3, 10)),
        claim_row("a3", "c1", 12, source="police", as_of=D(2024, 3, 11)),
    ]
    estimate, contradictions = reconcile(rows)
    assert (estimate.low, estimate.best, estimate.high) == (12, 12, 12)
    assert sum(1 for r in estimate.rationale if r.rule == "set_aside:superseded") == 2
    series = toll_history(rows)["police"]
    assert [point["low"] for point in series] == [4, 9, 12]
    assert contradictions == []


def test_same_figure_reported_twice_counts_once():
    rows = [claim_row("a1", "c1", 6, source="army", scope="one_side", party="KE"),
            claim_row("a2", "c3", 6, source="army", scope="one_side", party="KE")]
    estimate, _ = reconcile(rows)
    assert estimate.best == 6
    assert any(r.rule == "set_aside:duplicate_report" for r in estimate.rationale)


def test_one_sided_official_toll_beside_a_two_sided_agency_toll():
    rows = [
        claim_row("a1", "c1", 6, source="army", scope="one_side", party="KE"),
        claim_row("a2", "c1", 15, source="Global Newswire", high=None),
    ]
    estimate, _ = reconcile(rows)
    assert estimate.best == 15
    assert any(r.rule == "set_aside:one_sided_scope" for r in estimate.rationale)


def test_headline_overstating_its_body_is_set_aside_and_flagged():
    rows = [
        claim_row("a1", "c1", 12, section="headline", high=None, approximate=True),
        claim_row("a1", "c2", 9),
    ]
    estimate, contradictions = reconcile(rows)
    assert estimate.best == 9
    assert contradictions and contradictions[0]["kind"] == "headline_overstates_body"


def test_two_sources_disagreeing_on_the_same_day_are_flagged():
    rows = [claim_row("a1", "c1", 5, source="police"), claim_row("a2", "c1", 20, source="Red Cross")]
    estimate, contradictions = reconcile(rows)
    assert (estimate.low, estimate.best) == (5, 20)
    assert [c["kind"] for c in contradictions] == ["sources_disagree"]


def test_stored_figures_beyond_any_event_are_set_aside_not_summed():
    # two one-sided claims of 9 x 10^18 (as a store written before the plausibility rule
    # may hold) summed past a 64-bit integer; now neither counts, and nothing overflows
    rows = [
        claim_row("a1", "c1", 9 * 10**18, source="army", scope="one_side", party="KE"),
        claim_row("a2", "c1", 9 * 10**18, source="militants", scope="one_side", party="SO"),
        claim_row("a3", "c1", 14, source="Red Cross"),
    ]
    estimate, contradictions = reconcile(rows)
    assert (estimate.low, estimate.best, estimate.high) == (14, 14, 14)
    set_aside = [r for r in estimate.rationale if r.rule == "set_aside:implausible"]
    assert sorted(c for r in set_aside for c in r.claim_ids) == ["a1/c1", "a2/c1"]
    assert contradictions == []


def test_only_implausible_stored_figures_give_no_toll():
    estimate, _ = reconcile([claim_row("a1", "c1", 10**30, source="police")])
    assert (estimate.low, estimate.best, estimate.high) == (None, None, None)
