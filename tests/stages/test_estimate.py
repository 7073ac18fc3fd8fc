"""Reconciling one event's figures into low / best / high: later statements of one source,
vague beside precise figures, one-sided figures against totals, explicit zeros and
undisclosed tolls. (``tests/stages/test_claims.py`` covers attackers, coder remarks and
``estimate_kind``.)

Every passage is our own writing.
"""

from __future__ import annotations

import datetime as dt

import clashwatch
from clashwatch.model import Claim
from clashwatch.stages.estimate import estimate_fatalities

DAY1, DAY2 = dt.date(2023, 3, 1), dt.date(2023, 3, 2)


def claim(n: int, low: int | None, high: int | None = -1, *, source: str = "article", as_of: dt.date = DAY1,
          status: str = "figure", scope: str = "all", scope_party: str | None = None, approximate: bool = False,
          figure: str | None = None) -> Claim:
    """Claim number ``n`` (its position in the text); ``high`` defaults to ``low``, None is open."""
    high = low if high == -1 else high
    return Claim(
        claim_id=f"c{n}", kind="killed", status=status, low=low, high=high, approximate=approximate, source=source,
        source_type="article" if source == "article" else "government", scope=scope, scope_party=scope_party,
        as_of=as_of, event_id=None, sentence="", start=n * 10, end=n * 10 + 5, figure=figure or str(low),
        figure_start=n * 10, figure_end=n * 10 + 2,
    )


def rules(estimate) -> list[str]:
    return [item.rule for item in estimate.rationale]


def triple(estimate) -> tuple:
    return estimate.low, estimate.best, estimate.high


# --------------------------------------------------------------------------- one source over time


def test_a_later_statement_of_one_source_supersedes_the_earlier():
    est = estimate_fatalities([claim(1, 20, source="health ministry", as_of=DAY1), claim(2, 25, source="health ministry", as_of=DAY2)])
    assert triple(est) == (25, 25, 25)
    assert "set_aside:superseded" in rules(est)


def test_a_lowered_figure_of_one_source_also_supersedes():
    est = estimate_fatalities([claim(1, 30, source="the police", as_of=DAY1), claim(2, 22, source="Police", as_of=DAY2)])
    assert triple(est) == (22, 22, 22)  # 'the police' and 'Police' are one source


def test_the_article_does_not_revise_itself():
    est = estimate_fatalities([claim(1, 20), claim(2, 25)])
    assert triple(est) == (20, 25, 25)
    assert "set_aside:superseded" not in rules(est)
    assert "low_from" in rules(est)


def test_two_sources_bound_the_estimate():
    est = estimate_fatalities([claim(1, 40, source="UN"), claim(2, 12, source="army")])
    assert triple(est) == (12, 40, 40)
    best = next(i for i in est.rationale if i.rule == "best_from")
    assert best.claim_ids == ["c1"] and "UN" in best.detail


def test_agreeing_sources_are_noted():
    est = estimate_fatalities([claim(1, 9, source="Reuters"), claim(2, 9, source="police")])
    assert triple(est) == (9, 9, 9)
    assert "consistent" in rules(est)


# --------------------------------------------------------------------------- vague, open and ranged figures


def test_a_vague_figure_is_set_aside_beside_a_larger_precise_one():
    est = estimate_fatalities([claim(1, 12, approximate=True, figure="dozens"), claim(2, 31)])
    assert triple(est) == (31, 31, 31)
    assert "set_aside:vaguer" in rules(est)


def test_a_vague_figure_above_every_precise_one_stays():
    est = estimate_fatalities([claim(1, 100, approximate=True, figure="hundreds"), claim(2, 31)])
    assert triple(est) == (31, 100, 100)
    assert "set_aside:vaguer" not in rules(est)


def test_open_and_ranged_figures():
    assert triple(estimate_fatalities([claim(1, 100, None, figure="at least 100")])) == (100, 100, 100)
    assert triple(estimate_fatalities([claim(1, 10, 15, figure="between 10 and 15")])) == (10, 10, 15)


# --------------------------------------------------------------------------- one-sided figures


def test_one_sided_figures_add_up_when_no_total_is_given():
    est = estimate_fatalities([
        claim(1, 5, scope="one_side", scope_party="KE"),
        claim(2, 7, scope="one_side", scope_party="SO"),
    ])
    assert triple(est) == (12, 12, 12)
    assert rules(est) == ["sum_of_groups"]


def test_a_total_covering_the_sides_wins():
    est = estimate_fatalities([
        claim(1, 5, scope="one_side", scope_party="KE"),
        claim(2, 7, scope="one_side", scope_party="SO"),
        claim(3, 15),
    ])
    assert triple(est) == (15, 15, 15)
    assert rules(est).count("set_aside:one_sided_scope") == 2


def test_a_total_below_the_sum_of_the_sides_is_a_floor_only():
    est = estimate_fatalities([
        claim(1, 5, scope="one_side", scope_party="KE"),
        claim(2, 7, scope="one_side", scope_party="SO"),
        claim(3, 10),
    ])
    assert triple(est) == (10, 12, 12)
    assert "set_aside:below_group_sum" in rules(est)


# --------------------------------------------------------------------------- zero and no figure


def test_no_casualties_is_an_explicit_zero():
    est = estimate_fatalities([claim(1, None, None, status="none_reported", figure="no casualties")])
    assert triple(est) == (0, 0, 0)
    assert rules(est) == ["best_from:none_reported"]


def test_a_figure_beats_an_explicit_zero():
    est = estimate_fatalities([claim(1, None, None, status="none_reported", figure="no casualties"), claim(2, 3)])
    assert triple(est) == (3, 3, 3)


def test_an_undisclosed_toll_gives_no_number():
    est = estimate_fatalities([claim(1, None, None, status="undisclosed", figure="did not disclose", source="army")])
    assert triple(est) == (None, None, None)
    assert rules(est) == ["noted:undisclosed"]
    assert triple(estimate_fatalities([])) == (None, None, None)


# --------------------------------------------------------------------------- end to end


def test_a_ministry_updating_its_toll_in_an_article():
    text = (
        "The health ministry said 20 people were killed in air strikes on a market in Idlib on Sunday. "
        "It later said 25 had died."
    )
    ev = clashwatch.extract(text, published="2023-03-17").events[0]
    assert (ev.fatalities_low, ev.fatalities, ev.fatalities_high) == (25, 25, 25)
    assert any(i.rule == "set_aside:superseded" for i in ev.rationale)


def test_two_sources_in_an_article():
    text = "The UN said 40 civilians were killed in clashes near Goma on Sunday. The army put the toll at 12."
    ev = clashwatch.extract(text, published="2023-03-17").events[0]
    assert (ev.fatalities_low, ev.fatalities, ev.fatalities_high) == (12, 40, 40)


# --------------------------------------------------------------------------- implausible figures


def test_an_implausible_figure_is_set_aside_and_never_counted():
    est = estimate_fatalities([claim(1, 2**31 - 1, figure=str(10**30)), claim(2, 7)])
    assert triple(est) == (7, 7, 7)
    item = next(i for i in est.rationale if i.rule == "set_aside:implausible")
    assert item.claim_ids == ["c1"] and "1,000,000" in item.detail


def test_a_figure_read_off_stored_rows_is_judged_by_its_value():
    # a claim built without the flag (from a store written before it existed) is judged by its figure
    huge = claim(1, 9 * 10**8, scope="one_side", scope_party="KE")
    assert not huge.implausible
    est = estimate_fatalities([huge, claim(2, 9 * 10**8, scope="one_side", scope_party="SO")])
    assert triple(est) == (None, None, None)
    assert rules(est) == ["set_aside:implausible", "set_aside:implausible"]


def test_sums_of_many_plausible_groups_stay_within_the_ceiling():
    groups = [claim(n, 999_999, source=f"source {n}", scope="one_side", scope_party=f"side {n}") for n in range(1, 3001)]
    est = estimate_fatalities(groups)
    assert est.best == est.low == est.high == 2**31 - 1
    assert "sum_of_groups" in rules(est)


# --------------------------------------------------------------------------- increments, end to end


def _toll(text: str, published: str = "2021-03-10") -> int | None:
    return clashwatch.extract(text, published=published).events[0].fatalities


def test_people_killed_on_top_of_a_toll_are_added():
    assert _toll("On 4 March 2021, three guards were killed when bandits raided a mine near Kayes. "
                 "Two other guards were killed as they chased the bandits.") == 5
    assert _toll("On 4 March 2021, six villagers were killed by raiders near Baragoi. "
                 "Two more bodies were found in the bush the next day.") == 8


def test_a_later_toll_already_counts_the_addition():
    assert _toll("On 4 March 2021, two more soldiers died of their wounds, "
                 "bringing the toll of the ambush near Kidal to 11.") == 11


def test_a_part_is_the_count_when_no_toll_is_given():
    assert _toll("On 4 March 2021, militiamen ambushed a patrol near Djibo, killing one of them.") == 1


def _toll(text: str):
    return clashwatch.extract(text, published="2021-03-10").events[0].fatalities


def test_contested_and_claimed_figures_do_not_override_a_stated_toll():
    # ACLED: the most conservative of conflicting reports; armed groups' claims not at face value
    stated = "On 8 March 2021, twelve villagers were killed when militiamen raided Alpha village."
    assert _toll(stated + " Conflicting reports put the toll at 18.") == 12
    assert _toll(stated + " Unconfirmed reports put the toll at 30.") == 12
    mine = "On 8 March 2021, five policemen were killed when their vehicle struck a landmine near Alpha town."
    assert _toll(mine + " The militants claimed they had killed 25 soldiers.") == 5
    assert _toll(mine + " Al Shabaab claimed it had killed 25 soldiers.") == 5
    # alone, a claimed figure is still the figure
    assert _toll("On 8 March 2021, the militants claimed they had killed 25 soldiers in an ambush near Alpha town.") == 25
