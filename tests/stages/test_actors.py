"""Actors found with the real spaCy model: named armed groups, a country's forces, civilians,
their ACLED inter codes, and the country an actor takes from a demonym.

Every sentence is our own writing.
"""

from __future__ import annotations

import pytest

import clashwatch
from clashwatch.stages.actors import INTER, actor_name, find_actors
from clashwatch.stages.places import find_places


@pytest.fixture(scope="module")
def pipeline():
    return clashwatch.get_pipeline()


@pytest.fixture(scope="module")
def actors_in(pipeline):
    def run(text: str):
        doc = pipeline.nlp(text)
        return find_actors(doc, find_places(doc, pipeline.gazetteer))

    return run


def by_text(found, text):
    hits = [a for a in found if a.text == text]
    assert hits, f"{text!r} not among {[a.text for a in found]}"
    assert len(hits) == 1
    return hits[0]


# --------------------------------------------------------------------------- named armed groups


def test_named_armed_group_with_its_inter_code_and_country(actors_in):
    found = actors_in("Al-Shabaab fighters ambushed a supply convoy outside Kismayo before dawn.")
    group = by_text(found, "Al-Shabaab")
    assert group.kind == "group"
    assert group.actor.name == "Al Shabaab"  # the alias is normalised to the group's name
    assert group.actor.inter == 2
    assert group.actor.country_code == "SO"
    assert group.country_known


def test_group_acronym_and_the_state_forces_it_fought(actors_in):
    found = actors_in("Malian soldiers and JNIM militants traded fire for hours near a river crossing.")
    soldiers = by_text(found, "Malian soldiers")
    assert (soldiers.actor.name, soldiers.actor.inter, soldiers.actor.country_code) == ("Military Forces of Mali", 1, "ML")
    jnim = by_text(found, "JNIM")
    assert jnim.actor.name.startswith("JNIM")
    assert jnim.actor.inter == 2


@pytest.mark.parametrize(
    "text",
    [
        "The Medical Research Council (MRC) said it would invest in new vaccine trials. The MRC also funds 2,000 scientists.",
        "MRC (Medical Research Council) grants rose this year, and the MRC said more would follow.",
    ],
)
def test_an_acronym_the_article_spells_out_as_another_name_is_no_armed_group(actors_in, text):
    assert not [a for a in actors_in(text) if a.kind == "group"]


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("Members of the Mombasa Republican Council (MRC) attacked a police post in Kwale on Monday.", "MRC"),
        ("The Pakistani Taliban (TTP) attacked a checkpoint in Bannu on Monday.", "TTP"),
        ("MRC members attacked a police post in Kwale on Monday.", "MRC"),
    ],
)
def test_an_acronym_spelled_out_as_its_own_group_or_not_at_all_stays_the_group(actors_in, text, phrase):
    assert by_text(actors_in(text), phrase).kind == "group"


def test_an_alias_in_a_by_phrase(actors_in):
    found = actors_in("Nigerian troops repelled a night raid by Boko Haram on a base in Borno.")
    assert [(a.actor.name, a.actor.inter) for a in found] == [("Military Forces of Nigeria", 1), ("Boko Haram", 2)]


# --------------------------------------------------------------------------- state forces and their country


@pytest.mark.parametrize(
    "text, phrase, name, cc",
    [
        ("Kenyan police dispersed a crowd at the bus park.", "Kenyan police", "Police Forces of Kenya", "KE"),
        ("Ugandan soldiers searched several houses in the night.", "Ugandan soldiers", "Military Forces of Uganda", "UG"),
        ("Kazakh border guards turned back a lorry at the crossing.", "Kazakh border guards", "Military Forces of Kazakhstan", "KZ"),
        ("Somali security forces sealed off the district.", "Somali security forces", "Military Forces of Somalia", "SO"),
    ],
)
def test_forces_take_their_country_from_a_demonym(actors_in, text, phrase, name, cc):
    actor = by_text(actors_in(text), phrase)
    assert actor.actor.name == name
    assert actor.actor.country_code == cc
    assert actor.actor.inter == 1
    assert actor.country_known


def test_forces_take_their_country_from_of_or_a_possessive(actors_in):
    forces = by_text(actors_in("Forces of Kyrgyzstan opened fire on a border post."), "Forces")
    assert forces.actor.name == "Military Forces of Kyrgyzstan"
    army = by_text(actors_in("Tajikistan's army moved heavy guns to the frontier."), "Tajikistan's army")
    assert army.actor.name == "Military Forces of Tajikistan"
    from_ = by_text(actors_in("Troops from Chad arrived in the capital overnight."), "Troops")
    assert from_.actor.country_code == "TD"


def test_the_army_without_a_country_is_left_for_context(actors_in):
    army = by_text(actors_in("The army shelled the hills above the village."), "The army")
    assert army.kind == "military"
    assert army.actor.name == "Military Forces"
    assert army.actor.country_code is None
    assert not army.country_known


def test_the_army_gets_its_country_from_the_place_of_the_event():
    r = clashwatch.extract("The army shelled rebel positions near Goma on Tuesday.", published="2023-05-20")
    names = {a.name for a in r.actors}
    assert "Military Forces of Democratic Republic of Congo" in names


def test_a_minister_named_with_a_demonym_is_his_government(actors_in):
    found = actors_in("Kenyan Interior Minister Joseph Mwangi toured the burned market on Friday.")
    gov = [a for a in found if a.kind == "government"]
    assert len(gov) == 1
    assert gov[0].actor.name == "Government of Kenya"
    assert gov[0].actor.inter == 1
    assert "Joseph Mwangi" in gov[0].text


def test_countries_acting_as_states(actors_in):
    found = actors_in("Ethiopia accused Eritrea of sending tanks across the border.")
    states = [(a.text, a.kind, a.actor.country_code) for a in found if a.kind == "state"]
    assert states == [("Ethiopia", "state", "ET"), ("Eritrea", "state", "ER")]


def test_a_place_of_an_event_is_not_a_state_actor(actors_in):
    found = actors_in("Gunmen opened fire on a minibus in Kenya on Monday.")
    assert [a.kind for a in found] == ["unidentified"]


# --------------------------------------------------------------------------- civilians, crowds, gunmen


def test_victims_are_civilians_with_inter_7(actors_in):
    found = actors_in("Armed men shot dead three farmers near Jos.")
    gunmen = by_text(found, "Armed men")
    farmers = by_text(found, "three farmers")
    assert (gunmen.kind, gunmen.actor.name, gunmen.actor.inter) == ("unidentified", "Unidentified Armed Group", 3)
    assert (farmers.kind, farmers.actor.name, farmers.actor.inter) == ("civilians", "Civilians", 7)


@pytest.mark.parametrize(
    "text, phrase, kind, inter",
    [
        ("Protesters blocked the highway with burning tyres.", "Protesters", "protesters", 6),
        ("Rioters looted shops along the main road.", "Rioters", "rioters", 5),
        ("Insurgents overran a checkpoint at dawn.", "Insurgents", "rebels", 2),
        ("Gunmen stormed a church during the evening service.", "Gunmen", "unidentified", 3),
        ("Riot police charged the crowd.", "Riot police", "police", 1),
    ],
)
def test_inter_code_of_each_kind(actors_in, text, phrase, kind, inter):
    actor = by_text(actors_in(text), phrase)
    assert actor.kind == kind
    assert actor.actor.inter == inter == INTER[kind]


def test_civilians_targeted_in_the_extracted_event():
    r = clashwatch.extract("Gunmen killed five villagers near Zamfara on Sunday.", published="2023-05-20")
    ev = r.events[0]
    assert ev.event_type == "Violence against civilians"
    assert ev.actor2 is not None and ev.actor2.inter == 7
    assert ev.actor2.name == "Civilians (Nigeria)"
    assert ev.civilian_targeting
    assert ev.interaction == 37


def test_actor_names_follow_acled():
    assert actor_name("police", "KE") == "Police Forces of Kenya"
    assert actor_name("military", None) == "Military Forces"
    assert actor_name("protesters", "KE") == "Protesters (Kenya)"
    assert actor_name("ethnic_militia", None, "Turkana") == "Turkana Ethnic Militia"
    assert actor_name("government", "UG") == "Government of Uganda"
