"""Casualty figures end to end: coder remarks, grammar of deaths, attackers, injured estimates.

Every passage is our own writing.
"""

from __future__ import annotations

import datetime as dt

import clashwatch
from clashwatch.stages.estimate import estimate_fatalities, estimate_kind
from clashwatch.model import Claim


def read(text: str, published: str = "2021-03-10"):
    return clashwatch.extract(text, published=published)


def main_toll(text: str, published: str = "2021-03-10") -> int | None:
    r = read(text, published)
    assert r.events, "no event"
    return r.events[0].fatalities


def main_injured(text: str, published: str = "2021-03-10") -> int | None:
    r = read(text, published)
    ev = r.events[0]
    own = [c for c in r.claims if c.claim_id in set(ev.claim_ids)]
    return estimate_kind(own, "injured").best


# --------------------------------------------------------------------------- coder remarks


def test_coded_zero_overrides_the_reported_figure():
    text = (
        "On 2 March 2021, a roadside bomb hit an army truck near Alpha town, killing 4 soldiers. "
        "Fatalities coded as 0 (Some Outlet reported 4)."
    )
    r = read(text)
    assert r.events[0].fatalities == 0
    assert any(i.rule == "set_aside:revised" for i in r.events[0].rationale)


def test_total_coded_figure_wins_over_every_earlier_figure():
    text = (
        "On 2 March 2021, rebels attacked an army post, killing 6 soldiers. In another attack, the rebels "
        "ambushed a convoy, killing 11 soldiers. Total fatalities coded as 7 (the group reported 17)"
    )
    assert main_toll(text) == 7


def test_coded_figure_split_across_events():
    text = (
        "On 2 March 2021, clashes between two militias left dozens of fighters dead around three villages. "
        "Fatalities coded as 9 and spread across three locations."
    )
    assert main_toll(text) == 3


def test_split_with_a_share_in_brackets():
    text = "On 2 March 2021, 10 rebels were killed in clashes with the army in three districts. Fatalities are split across 3 events (3)."
    assert main_toll(text) == 3


def test_later_coder_remark_replaces_an_earlier_one():
    text = (
        "On 2 March 2021, 2 soldiers were killed in an attack by rebels. Fatalities coded as 0. "
        "In a third attack, 5 rebels were killed when the army repelled them. Fatalities coded as 5."
    )
    assert main_toll(text) == 5


# --------------------------------------------------------------------------- not a toll


def test_accused_of_killing_is_not_a_toll():
    text = "Police shot dead 2 men who were accused of killing 6 people in the market."
    assert main_toll(text) == 2


def test_attempt_to_assassinate_is_not_a_death():
    text = "Gunmen clashed with guards in an attempt to assassinate the governor. No fatalities were reported."
    assert main_toll(text) == 0


# --------------------------------------------------------------------------- grammar of deaths


def test_to_death_and_fatally():
    assert main_toll("On Monday a mob beat to death a driver in the market.") == 1
    assert main_toll("A soldier fatally shot a farmer at a checkpoint on Monday.") == 1
    assert main_toll("On Monday a mob burned to death two men accused of theft.") == 2


def test_coordinated_verbs_and_conjoined_victims():
    assert main_toll("Two teachers were ambushed and killed by gunmen on Monday.") == 2
    assert main_toll("A man and his son were shot dead by gunmen on Monday.") == 2


def test_the_death_of_the_men():
    assert main_toll("Soldiers clashed with four armed men on Monday, causing the death of the four armed men.") == 4


# --------------------------------------------------------------------------- attackers


def test_attacker_killed_apart_from_the_victims_counts_on_top():
    text = "A gunman opened fire in a market on Monday. 12 people were killed before the gunman was shot dead by police."
    assert main_toll(text) == 13


def test_attacker_counted_inside_the_toll_is_not_added():
    text = "A gunman opened fire in a market on Monday. Four people were killed, including the gunman."
    assert main_toll(text) == 4


def test_attacker_named_inside_the_toll_and_again_apart_is_counted_once():
    text = (
        "Five people were killed, including the gunman, in a shooting at a mall on Monday. "
        "Police said the gunman was shot dead by officers."
    )
    r = read(text)
    assert r.events[0].fatalities == 5
    assert "set_aside:included_in_total" in [x.rule for x in r.events[0].rationale]


# --------------------------------------------------------------------------- injured


def test_others_injured_beside_the_dead_is_a_figure_of_its_own():
    text = "A bomb exploded at a bus station on Monday. Three people were killed and five others were injured."
    assert main_toll(text) == 3
    assert main_injured(text) == 5


def test_estimate_kind_keeps_estimate_fatalities():
    def c(i, kind, low, high=None, **kw):
        return Claim(
            claim_id=f"c{i}", kind=kind, status="figure", low=low, high=high if high is not None else low,
            approximate=False, source="article", source_type="article", scope="all", as_of=dt.date(2021, 3, 1),
            event_id=None, sentence="", start=i, end=i + 1, figure=str(low), figure_start=i, figure_end=i + 1, **kw,
        )

    claims = [c(1, "killed", 3), c(2, "injured", 7), c(3, "injured", 9), c(4, "killed", 4)]
    assert estimate_fatalities(claims).best == 4
    assert estimate_kind(claims, "killed").best == 4
    injured = estimate_kind(claims, "injured")
    assert (injured.low, injured.best, injured.high) == (7, 9, 9)
    none = estimate_kind([c(1, "killed", 3)], "injured")
    assert none.best is None


# --------------------------------------------------------------------------- the event's date


def test_date_in_a_relative_clause_dates_that_clause_not_the_event():
    text = (
        "On 2 March 2021, after a long march through the city centre and several speeches by union leaders, "
        "students held a demonstration for the miners who died in 1989."
    )
    r = read(text)
    assert r.events[0].event_date == dt.date(2021, 3, 2)


def test_suspects_and_prisoners_are_counted_victims():
    assert main_toll("On Sunday, a mob beat two suspected robbers to death in a market near the town.") == 2
    assert main_toll("Three prisoners were killed when guards opened fire during a riot at the central jail on Monday.") == 3


# --------------------------------------------------------------------------- figures outside the world


def test_a_digit_string_of_any_length_parses_to_the_ceiling():
    from clashwatch.plausibility import FIGURE_CEILING
    from clashwatch.stages.claims import parse_number

    # Python refuses int() of more than 4,300 digits; the parser never converts them
    assert parse_number(["9" * 4301]) == FIGURE_CEILING
    assert parse_number(["1" + "0" * 30]) == FIGURE_CEILING
    assert parse_number(["9" * 15, "thousand"]) == FIGURE_CEILING
    assert parse_number(["2,147,483,646"]) == 2_147_483_646
    assert parse_number(["two", "hundred"]) == 200


def test_a_figure_of_4301_digits_is_kept_as_an_implausible_claim():
    r = read("Officials said " + "9" * 4301 + " people were killed in the attack on the market.")
    assert not [w for w in r.warnings if w.startswith("extraction failed")], r.warnings
    (claim,) = r.claims
    assert claim.implausible and claim.low == claim.high == 2**31 - 1
    assert claim.figure == "9" * 4301  # as written


def test_an_implausible_toll_is_flagged_and_never_counted():
    r = read(f"Gunmen killed {10**30} people in an attack on a market in Garissa on Sunday, police said.")
    (claim,) = r.claims
    assert claim.implausible and claim.figure == str(10**30)
    (event,) = r.events
    assert event.fatalities is None
    assert [item.rule for item in event.rationale] == ["set_aside:implausible"]
    assert r.model_dump(mode="json")["claims"][0]["implausible"] is True


def test_a_plausible_toll_beside_an_implausible_one_is_the_estimate():
    r = read("Gunmen killed 12 people in Garissa on Sunday, police said, but a local leader said 5000000 died.")
    assert [(c.low, c.implausible) for c in r.claims] == [(12, False), (5_000_000, True)]
    assert r.events[0].fatalities == 12


def test_the_bound_is_set_by_kind():
    from clashwatch.plausibility import implausible

    assert implausible("killed", 1_000_001, None) and not implausible("killed", 1_000_000, 1_000_000)
    assert not implausible("displaced", 2_000_000, 2_000_000)  # one offensive can uproot millions
    assert implausible("displaced", 200_000_000, None)
    assert implausible("injured", 10, 10**12)  # either bound


# --------------------------------------------------------------------------- single victims and who is counted


import pytest


@pytest.mark.parametrize(
    "text",
    [
        "On 4 March 2021, unknown gunmen shot dead a cobbler outside his workshop in Kisumu.",
        "On 4 March 2021, a magistrate was killed by masked men on the road to Garissa.",
        "On 4 March 2021, militants assassinated a deacon in the village of Tambaga.",
        "Assailants stab and kill headmaster in Mombasa",
        "Mob lynches suspected pickpocket in Eldoret",
    ],
)
def test_a_single_named_victim_counts_one(text):
    # ACLED codes one fatality for one victim, whatever the victim's trade is called
    assert main_toll(text) == 1


def test_a_killed_animal_is_no_victim():
    r = read("On 4 March 2021, soldiers fired on herders near Kandi, wounding two of them, and killed a camel.")
    assert r.events[0].fatalities in (None, 0)


def test_the_killers_are_not_counted_among_the_dead():
    assert main_toll("On 4 March 2021, three gunmen killed a tailor at his home in Lamu.") == 1
    assert main_toll("On 4 March 2021, four armed men broke into a shop in Lamu and shot dead the cashier.") == 1


def test_victims_named_by_any_noun_after_a_killing_verb():
    assert main_toll("On 4 March 2021, police shot dead four suspected poachers near Tsavo.") == 4
    assert main_toll("On 4 March 2021, two suspected Al-Shabaab fighters were killed by troops near Mandera.") == 2
    assert main_toll("Raiders kill nine Samburu in a night attack near Baragoi") == 9


def test_a_day_of_the_month_is_no_figure():
    assert main_toll("14 Sept. Three people were killed when gunmen attacked a bus near Moyale.", "2021-09-14") == 3


# --------------------------------------------------------------------------- the cause of the event is not its toll


def test_killings_that_caused_the_event_are_not_its_toll():
    # ACLED codes the earlier killing as its own event: the riot, protest or raid it caused has none
    assert main_toll("On 4 March 2021, angry residents stoned police officers in Kisumu after three youths were shot dead by unknown men.") in (None, 0)
    assert main_toll("On 4 March 2021, hundreds of lawyers protested in Nakuru against the killing of two colleagues.") in (None, 0)
    assert main_toll("On 4 March 2021, soldiers raided two villages near Gao following an ambush which killed 4 of their comrades.") in (None, 0)


def test_a_toll_beside_a_cause_clause_still_counts():
    assert main_toll("On 4 March 2021, two soldiers were killed near Gao after their truck struck a mine.") == 2
    assert main_toll("On 4 March 2021, herders killed a farmer near Kandi in retaliation for the killing of their cattle.") == 1


# --------------------------------------------------------------------------- coder remarks, more spellings


def test_a_coded_figure_split_up_between_events():
    text = ("On 4 March 2021, troops repelled a rebel assault on two frontlines, killing several of them. "
            "Unknown number of fatalities coded as 10 and split up between 2 events.")
    assert main_toll(text) == 5


def test_a_hedged_range_split_across_events_takes_its_low_end():
    text = ("On 4 March 2021, gunmen raided three hamlets near Bante and killed between nine and about fifteen people. "
            "Fatalities are split across three events.")
    assert main_toll(text) == 3


def test_a_toll_that_reached_a_figure():
    assert main_toll("On 4 March 2021, jihadists raided an army base near Boulkessi. By Friday the death toll had reached 37.") == 37


def test_troops_arriving_are_not_displaced_people():
    r = read("On 4 March 2021, insurgents overran Macomia. 300 soldiers reached Macomia the next day.")
    assert not [c for c in r.claims if c.kind == "displaced"]


# --------------------------------------------------------------------------- totals over months or years


@pytest.mark.parametrize(
    "second",
    [
        "Since 2015 the insurgency has killed 4,200 people in the region.",
        "So far this year 350 people have died in such raids in the state.",
        "The banditry has claimed more than 1,900 lives in the past three years.",
    ],
)
def test_a_cumulative_total_is_no_events_toll(second):
    text = "On 4 March 2021, bandits killed six villagers near Gusau. " + second
    r = read(text)
    assert r.events[0].fatalities == 6
    # and no other event of the article carries the total as its own toll
    assert all((e.fatalities or 0) < 300 for e in r.events)


def test_coordinated_figures_count_different_people():
    # two groups of civilians in one subject: both die, the toll is their sum
    assert main_toll("On 4 March 2021, 4 herders and 3 farmers were killed in clashes near Djougou.") == 7


# --------------------------------------------------------------------------- shot and hurt


def test_shot_and_wounded_is_one_injured_not_one_dead():
    # 'shot' with a conjoined injury verb hurts its victim; only 'shot dead' or 'shot and killed' kills
    assert not main_toll("On 8 March 2021, a shopkeeper was shot and wounded by two gunmen in Alpha town.")
    assert main_injured("On 8 March 2021, a shopkeeper was shot and wounded by two gunmen in Alpha town.") == 1
    assert not main_toll("On 8 March 2021, gunmen shot and injured a village elder in Alpha town.")
    assert main_toll("On 8 March 2021, a shopkeeper was shot and killed by two gunmen in Alpha town.") == 1
    assert main_toll("On 8 March 2021, a shopkeeper was shot dead by two gunmen in Alpha town.") == 1


def test_a_headlines_passive_without_was_counts_its_single_victim():
    assert main_toll("Police officer killed by bandits in Alpha town") == 1
    assert main_toll("Village elder hacked to death by unknown people in Beta village") == 1
    # a death that is the cause of another event (a protest) is not the protest's toll
    assert not main_toll("Colleagues of a teacher beheaded by militants in Alpha village protest in Beta town.")


def test_victims_of_a_verb_joined_to_a_killing_are_dead():
    # 'kidnapped and killed': the figure counts the abducted and the dead
    assert main_toll("On 8 March 2021, four traders including a councillor were kidnapped and killed by militants in Alpha town.") == 4
    assert not main_toll("On 8 March 2021, two teachers were abducted by militants in Alpha town and released the next day.")


def test_a_victim_who_died_later_is_one_dead():
    assert main_toll("On 8 March 2021, a party agent was attacked at his home in Alpha town and died on 9 March.") == 1
    assert not main_toll("On 8 March 2021, a party agent was stabbed at his home in Alpha town and survived.")


def test_a_named_killing_counts_its_single_victim_but_not_as_a_cause():
    assert main_toll("On 8 March 2021, a mortar round hit a car near Alpha town, which led to the killing of a passenger.") == 1
    assert main_toll("On 8 March 2021, the killing of a shopkeeper by soldiers in Alpha town angered residents.") == 1
    # the killing a protest is about is not the protest's toll
    assert not main_toll("On 8 March 2021, residents of Alpha town marched to demand justice for the murder of a teacher.")


def test_the_assassination_of_one_named_office_holder_is_one_dead():
    assert main_toll("The assassination of the mayor of Alpha town on Monday shocked the country.") == 1


def test_the_first_figure_of_a_pair_shares_the_casualty_word_of_the_second():
    assert main_toll("On 8 March 2021, militiamen clashed with the army in Alpha village, resulting in 4 militia and 2 military fatalities.") == 6
    assert main_toll("On 8 March 2021, militiamen clashed with the army in Alpha village, leaving 2 soldiers and 3 militiamen dead.") == 5
    # a pair of things is no toll
    assert main_toll("On 8 March 2021, gunmen attacked 3 villages and 2 schools in Alpha district, killing 4 people.") == 4


def test_things_destroyed_beside_a_killing_are_not_its_dead():
    # the joined verb with a subject of its own counts its own victims, not the houses
    assert main_toll("On 8 March 2021, 10 houses were burnt and 2 people killed in Alpha town.") == 2
    assert main_toll("On 8 March 2021, 3 soldiers were ambushed and killed near Alpha town.") == 3


# --------------------------------------------------------------------------- negated and hedged casualties


def _figures(r, kind: str) -> list[tuple[int | None, int | None]]:
    return [(c.low, c.high) for c in r.claims if c.kind == kind]


@pytest.mark.parametrize(
    "second",
    [
        "No one was hurt or killed.",
        "Nobody was wounded or killed in the raid.",
        "Not one guard was harmed.",
        "There were no deaths or injuries.",
    ],
)
def test_a_negated_casualty_statement_counts_nobody(second):
    # 'no one' is no figure of one: neither kind gets a victim, and the toll is zero
    r = read(f"On 4 March 2021, gunmen raided a customs post near Kettleford. {second}")
    assert r.events and r.events[0].fatalities in (0, None)
    assert all(high in (0, None) for _low, high in _figures(r, "killed") + _figures(r, "injured"))


def test_no_one_injured_or_killed_gives_zero_of_both_kinds():
    r = read("On 4 March 2021, rebels shelled a ferry terminal at Port Imbe. No one was injured or killed.")
    assert r.events[0].fatalities == 0
    assert _figures(r, "killed") == [(0, 0)]
    assert _figures(r, "injured") == [(0, 0)]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("On 4 March 2021, a grenade was thrown at a tax office in Lomara without injuring anyone.", "injured"),
        ("On 4 March 2021, militiamen fired on a bus near Lomara, killing no one.", "killed"),
        ("On 4 March 2021, a bomb went off outside a bank in Lomara. The two guards were not injured.", "injured"),
        ("On 4 March 2021, gunmen fired at the mayor's car in Lomara. The mayor escaped unhurt.", "injured"),
    ],
)
def test_a_denied_casualty_verb_is_a_zero_of_its_kind(text, kind):
    r = read(text)
    assert _figures(r, kind) == [(0, 0)]


def test_an_open_question_about_casualties_is_no_zero():
    r = read("On 4 March 2021, gunmen fired at a police car in Lomara. It was unclear whether anyone was killed.")
    assert _figures(r, "killed") == []


def test_a_zero_of_others_leaves_the_told_death():
    r = read("On 4 March 2021, gunmen attacked a checkpoint near Lomara, killing a soldier. No one else was hurt.")
    assert r.events[0].fatalities == 1


@pytest.mark.parametrize(
    "second",
    [
        "Officials said the device could have killed dozens of shoppers.",
        "The governor said the blast would have killed many more if the market had been open.",
    ],
)
def test_a_death_that_could_have_happened_is_no_toll(second):
    r = read(f"On 4 March 2021, a bomb went off at a closed market in Lomara, injuring two guards. {second}")
    assert r.events and r.events[0].fatalities in (0, None)
    assert _figures(r, "killed") == []


# --------------------------------------------------------------------------- one victim told by a pronoun or a belief


@pytest.mark.parametrize(
    "text",
    [
        "On 4 March 2021, police detained a shopkeeper in Lomara. Officers allegedly beat the man in a cell, and he died of his wounds.",
        "On 4 March 2021, gunmen shot a tailor outside his shop in Lomara. He died on the way to hospital.",
        "On 4 March 2021, a man thought to be a smuggling boss was shot dead by gunmen in Lomara.",
    ],
)
def test_a_single_victim_told_by_a_pronoun_or_a_belief_counts_one(text):
    assert main_toll(text) == 1


def test_a_denied_injury_of_one_person_is_no_victim():
    r = read("On 4 March 2021, the mayor said he was not hurt when gunmen fired at his car in Lomara.")
    assert _figures(r, "injured") == [(0, 0)]


def test_an_open_question_about_one_persons_death_is_no_victim():
    r = read("On 4 March 2021, gunmen stabbed a driver near Lomara. It is not known whether he died of his wounds.")
    assert _figures(r, "killed") == []


# --------------------------------------------------------------------------- totals beside the event's own toll


@pytest.mark.parametrize(
    "text, toll",
    [
        ("On 4 March 2021, gunmen killed three herders near Lomara, bringing to 61 the number of herders killed in the district since January.", 3),
        ("On 4 March 2021, gunmen killed three herders near Lomara. More than 200 civilians have been killed in the province this month.", 3),
        ("On 4 March 2021, gunmen killed three herders near Lomara. At least 90 people have died in such raids over the past weeks.", 3),
    ],
)
def test_a_running_total_beside_the_event_is_not_its_toll(text, toll):
    assert main_toll(text) == toll
