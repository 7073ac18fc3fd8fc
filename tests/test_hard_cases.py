"""Short passages (our own writing) exercising each stage's hard cases end to end."""

from __future__ import annotations


import clashwatch


def read(text: str, published: str = "2022-10-03", **kw):
    return clashwatch.extract(text, published=published, **kw)


def claim(result, **match):
    found = [c for c in result.claims if all(getattr(c, k) == v for k, v in match.items())]
    assert len(found) == 1, [(c.kind, c.low, c.high, c.figure) for c in result.claims]
    return found[0]


# --------------------------------------------------------------------------- places


def test_homonym_tripoli_in_libya():
    r = read("Heavy fighting broke out in Tripoli on Sunday between rival Libyan militias, killing 4 fighters.")
    assert r.events[0].country_code == "LY"
    assert r.events[0].location == "Tripoli"


def test_homonym_tripoli_in_lebanon():
    r = read("Gunmen clashed with the Lebanese army in Tripoli, in northern Lebanon, on Sunday, wounding 6 soldiers.")
    assert r.events[0].country_code == "LB"
    assert 34.2 < r.events[0].latitude < 34.7


def test_homonym_osh_follows_the_article_country():
    r = read("Kyrgyz police dispersed a rally in Osh on Saturday and detained 20 people.")
    osh = [p for p in r.places if p.text == "Osh"]
    assert osh and osh[0].country_code == "KG"


# --------------------------------------------------------------------------- dates


def test_last_friday_across_a_month_boundary():
    r = read("Gunmen killed two villagers in Garissa last Friday, police said.", published="2022-10-03")
    assert str(r.events[0].event_date) == "2022-09-30"
    assert r.events[0].time_precision == "day"


def test_event_never_dated_after_publication():
    r = read("On Saturday, protesters marched through Nairobi.", published="2022-10-03")
    assert str(r.events[0].event_date) == "2022-10-01"


def test_undated_event_gets_a_week_window_ending_at_publication():
    r = read("Police fired tear gas at protesters in Kisumu.", published="2022-10-03")
    e = r.events[0]
    assert (str(e.date_start), str(e.date_end), e.time_precision) == ("2022-09-27", "2022-10-03", "week")


# --------------------------------------------------------------------------- claims


def test_killing_3_and_wounding_at_least_12():
    r = read("Militants attacked a police post in Mandera on Sunday, killing 3 and wounding at least 12.")
    k = claim(r, kind="killed")
    i = claim(r, kind="injured")
    assert (k.low, k.high) == (3, 3)
    assert (i.low, i.high) == (12, None)
    assert r.events[0].fatalities == 3


def test_no_casualties_were_reported_is_an_explicit_zero():
    r = read("A bomb exploded near a market in Mogadishu on Sunday. No casualties were reported.")
    z = claim(r, kind="killed")
    assert (z.status, z.low, z.high) == ("none_reported", 0, 0)
    assert r.events[0].fatalities == 0
    assert r.events[0].sub_event_type == "Remote explosive/landmine/IED"


def test_a_revised_toll_supersedes_the_first_figure():
    r = read("Police initially said five people were killed in the raid, but later revised the toll to three.")
    five = claim(r, low=5)
    assert five.revised is True
    assert r.events[0].fatalities == 3
    assert any(item.rule == "set_aside:revised" and five.claim_id in item.claim_ids for item in r.events[0].rationale)


def test_a_rising_toll_from_the_same_source_keeps_the_latest():
    r = read(
        "On Monday the health ministry said 8 people died in the shelling of Kharkiv. "
        "On Tuesday the health ministry said the death toll had risen to 11.",
        published="2022-10-05",
    )
    assert r.events[0].fatalities == 11
    assert any(item.rule == "set_aside:superseded" for item in r.events[0].rationale)


def test_quote_inside_a_quote_credits_the_inner_speaker():
    r = read('The governor said: "The police told me that seven people died in the blast."')
    c = claim(r, kind="killed")
    assert c.low == 7
    assert c.source.lower() == "police"


def test_between_4_and_5_is_a_range():
    r = read("Between 4 and 5 soldiers were killed when their vehicle hit a landmine near Kunduz.")
    c = claim(r, kind="killed")
    assert (c.low, c.high, c.scope) == (4, 5, "military")


def test_dozens_and_hundreds_read_as_acled_does():
    r = read("Dozens of people were injured and hundreds fled their homes after the air strike on the village.")
    assert claim(r, kind="injured").low == 12
    displaced = claim(r, kind="displaced")
    assert (displaced.low, displaced.approximate) == (100, True)


def test_numbers_that_are_not_casualties_are_not_claims():
    r = read(
        "The 970-kilometre border has been disputed since 1991. About 50 percent of the 12 villages were "
        "evacuated, and a 13-year-old boy said 3 trucks were burned in 2021."
    )
    assert [c for c in r.claims if c.status == "figure"] == []


def test_one_sided_and_two_sided_tolls_are_not_added_twice():
    r = read(
        "The army said 20 militants were killed in the clashes near Kunduz on Sunday. "
        "According to Reuters, 26 people were killed on both sides."
    )
    e = r.events[0]
    assert e.fatalities == 26
    twenty = claim(r, low=20)
    assert twenty.scope == "one_side"
    assert any(item.rule == "set_aside:one_sided_scope" for item in e.rationale)


def test_background_event_keeps_its_own_toll():
    r = read(
        "Gunmen attacked a bus in Lamu on Sunday, killing 4 passengers. "
        "In March 2019, a similar attack in the county killed 30 people.",
    )
    main, past = r.events[0], [e for e in r.events if e.background]
    assert main.fatalities == 4 and not main.background
    assert len(past) == 1 and past[0].fatalities == 30


# --------------------------------------------------------------------------- events and actors


def test_protest_with_intervention_and_its_actors():
    r = read("Hundreds of students protested in Nairobi on Monday over fees. Police fired tear gas to disperse them.")
    e = r.events[0]
    assert (e.event_type, e.sub_event_type) == ("Protests", "Protest with intervention")
    assert e.actor1.name == "Protesters (Kenya)" and e.actor1.inter == 6
    assert e.actor2.name == "Police Forces of Kenya"


def test_violent_demonstration():
    r = read("In Kisumu, demonstrators burned tyres and threw stones at police on Tuesday.")
    e = r.events[0]
    assert (e.event_type, e.sub_event_type) == ("Riots", "Violent demonstration")
    assert e.actor1.name == "Rioters (Kenya)"


def test_roadside_bomb_on_a_convoy():
    r = read("A roadside bomb hit a military convoy in Helmand on Sunday, killing 2 soldiers.")
    e = r.events[0]
    assert (e.event_type, e.sub_event_type) == ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    assert e.fatalities == 2
    assert e.country_code == "AF"


def test_abduction_counts_abductees_not_deaths():
    r = read("Gunmen kidnapped 12 passengers on the Abuja-Kaduna highway on Sunday.")
    e = r.events[0]
    assert (e.event_type, e.sub_event_type) == ("Violence against civilians", "Abduction/forced disappearance")
    assert claim(r, kind="abducted").low == 12
    assert e.fatalities is None


def test_arrests_are_a_strategic_development():
    r = read("Police arrested 15 suspected gang members in Mombasa on Thursday.")
    e = r.events[0]
    assert (e.event_type, e.sub_event_type) == ("Strategic developments", "Arrests")
    assert claim(r, kind="arrested").low == 15


def test_a_football_report_has_no_event_and_says_so():
    r = read(
        "Arsenal beat Chelsea 3-1 on Saturday. Bukayo Saka scored twice and the visitors' attack never "
        "recovered after the break. The manager said his team fought hard in front of 60,000 fans."
    )
    assert r.events == []
    assert r.claims == []
    assert any("no conflict event" in w for w in r.warnings)


def test_title_given_apart_marks_headline_spans():
    r = read("Police said 3 people died in the attack on Sunday.", title="Three killed in Garissa attack")
    headline = [c for c in r.claims if c.section == "headline"]
    assert headline and headline[0].figure == "Three"
    assert r.title[headline[0].figure_start : headline[0].figure_end] == "Three"
    body = [c for c in r.claims if c.section == "body"]
    assert body[0].figure == "3"


def test_dateline_is_not_the_event_place_nor_a_source():
    r = read("NAIROBI, Kenya — Gunmen killed four people in Garissa on Sunday, police said.", published="2022-10-03")
    e = r.events[0]
    assert e.location == "Garissa"
    assert claim(r, kind="killed").source == "police"


def test_an_increment_is_not_a_toll():
    r = read(
        "Six people have now died after gunmen attacked a bus near Mandera on Friday, police said on Sunday. "
        "One of the wounded passengers died in hospital on Saturday night, the county police commander said.",
        published="2022-10-03",
    )
    assert claim(r, low=1).increment is True
    assert r.events[0].fatalities == 6


def test_a_cumulative_toll_since_years_counts_no_single_event():
    r = read(
        "A bomb killed five people at a market in Konduga on Sunday, police said. "
        "Insurgents have killed thousands of people in Borno since 2009.",
        published="2022-10-03",
    )
    assert r.events[0].fatalities == 5


def test_the_headline_names_the_main_event():
    r = read(
        "Police said they arrested 14 suspects in Maiduguri on Wednesday over last week's market bombing in Konduga, "
        "which killed 12 people.",
        published="2022-10-06",
        title="Police Arrest 14 Suspects in Maiduguri",
    )
    assert r.events[0].sub_event_type == "Arrests"
    assert r.events[0].location == "Maiduguri"


# --------------------------------------------------------------------------- event types


def _main(text: str):
    r = read(text)
    assert r.events, "no event"
    return r.events[0].event_type, r.events[0].sub_event_type


def test_seized_weapons_are_disrupted_weapons_use_not_an_explosion():
    assert _main("Police seized two grenades, an explosive device and three rifles during a search in Garissa on Monday.") == (
        "Strategic developments",
        "Disrupted weapons use",
    )


def test_weapon_cache_found_and_defused():
    assert _main("A roadside bomb was found near Mandera on Monday. The explosive was later defused by the bomb squad.")[1] == "Disrupted weapons use"


def test_territory_taken_by_the_army_is_regained_by_the_government():
    assert _main("Army troops captured the village of Kuma from the rebels on Sunday.") == ("Battles", "Government regains territory")


def test_territory_retaken_by_rebels_is_overtaken_by_a_non_state_actor():
    assert _main("Rebel fighters retook the town of Kuma from government forces on Sunday.")[1] == "Non-state actor overtakes territory"


def test_town_entered_without_resistance_is_a_non_violent_transfer():
    assert _main("Rebel fighters took control of the town of Kuma on Sunday without a fight.")[1] == "Non-violent transfer of territory"


def test_crowd_killing_is_mob_violence():
    assert _main("On Monday, a group of villagers beat to death a suspected thief in Kisumu.") == ("Riots", "Mob violence")


def test_generic_fire_on_armed_positions_is_an_armed_clash():
    assert _main("On Monday, soldiers fired with machine guns on the positions of rebel fighters near Kuma.") == ("Battles", "Armed clash")


def test_deaths_at_a_dispersed_protest_are_excessive_force():
    assert _main("Police fired tear gas at protesters in Kisumu on Monday, and two demonstrators were killed.")[1] == (
        "Excessive force against protesters"
    )


def test_throwing_stones_makes_a_protest_violent():
    assert _main("Protesters threw stones at police and burned tyres in Kisumu on Monday.") == ("Riots", "Violent demonstration")


def test_protest_against_an_arrest_is_still_peaceful():
    assert _main("On Monday, students marched in Kisumu to protest against the arrest of their leader.")[1] == "Peaceful protest"


def test_new_military_base_is_a_base_established():
    assert _main("Foreign troops set up a new military base near Kuma on Monday.")[1] == "Headquarters or base established"


def test_cattle_killed_is_property_destruction():
    assert _main("Soldiers shot dead 30 cattle belonging to herders near Kuma on Monday.")[1] == "Looting/property destruction"


def test_toxic_gas_is_a_chemical_weapon():
    assert _main("Dozens of civilians were treated for breathing problems after toxic gas was dropped on a rebel-held town on Monday.")[1] == (
        "Chemical weapon"
    )


def test_rockets_fired_across_the_border_are_shelling():
    assert _main("Three rockets fired from across the border hit a market in Kuma on Monday as the army continued its offensive.")[1] == (
        "Shelling/artillery/missile attack"
    )
