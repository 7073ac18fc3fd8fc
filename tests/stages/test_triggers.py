"""Event cues and weapons with the real spaCy model, and the ACLED type they lead to.

Every sentence is our own writing.
"""

from __future__ import annotations

import pytest

import clashwatch
from clashwatch.stages.triggers import classify, find_triggers, find_weapons

PUBLISHED = "2023-09-15"  # a Friday


@pytest.fixture(scope="module")
def nlp():
    return clashwatch.get_pipeline().nlp


def cues(nlp, text: str) -> list[tuple[str, str, str]]:
    return [(t.text, t.family, t.cue) for t in find_triggers(nlp(text))]


def main_event(text: str):
    r = clashwatch.extract(text, published=PUBLISHED)
    assert r.events, f"no event in {text!r} ({r.warnings})"
    return r.events[0]


# --------------------------------------------------------------------------- cues


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Herders clashed with farmers over a water point.", ("clashed", "clash", "clash")),
        ("A drone strike hit a fuel depot outside the port.", ("drone strike", "air", "drone strike")),
        ("Nurses protested outside the health ministry.", ("protested", "protest", "protest")),
        ("A suicide bomber struck a queue of army recruits.", ("suicide bomber", "suicide", "suicide bomber")),
        ("Kidnappers abducted a priest from his parish house.", ("abducted", "abduction", "abduct")),
        ("Police arrested a journalist at the airport.", ("arrested", "arrest", "arrest")),
    ],
)
def test_cue_and_its_family(nlp, text, expected):
    assert expected in cues(nlp, text)


def test_the_longest_cue_wins(nlp):
    found = cues(nlp, "A drone strike hit a fuel depot outside the port.")
    assert ("drone strike", "air", "drone strike") in found
    assert not any(text == "drone" for text, _, _ in found)


def test_negated_and_threatened_events_are_no_cues(nlp):
    assert not any(f == "clash" for _, f, _ in cues(nlp, "No clashes were reported in the town overnight."))
    assert not any(f == "attack" for _, f, _ in cues(nlp, "The rebels threatened to attack the capital."))
    # the same words, reported as having happened, are cues
    assert any(f == "clash" for _, f, _ in cues(nlp, "Clashes were reported in the town overnight."))
    assert any(f == "attack" for _, f, _ in cues(nlp, "The rebels attacked the capital."))


def test_a_trigger_spans_its_words_in_its_sentence(nlp):
    text = "Calm returned on Monday. Then a drone strike hit a fuel depot outside the port."
    doc = nlp(text)
    (strike,) = [t for t in find_triggers(doc) if t.family == "air"]
    assert text[strike.start : strike.end] == "drone strike"
    assert text[strike.sentence_start : strike.sentence_end].startswith("Then a drone strike")
    assert doc[strike.root].text == "strike"


# --------------------------------------------------------------------------- ACLED types


@pytest.mark.parametrize(
    "text, event_type, sub_event_type",
    [
        ("Government troops clashed with rebels near Goma on Thursday.", "Battles", "Armed clash"),
        ("Warplanes bombed rebel positions near Idlib on Wednesday.", "Explosions/Remote violence", "Air/drone strike"),
        ("Hundreds of teachers protested outside parliament in Accra on Monday to demand higher pay.", "Protests", "Peaceful protest"),
        ("A suicide bomber blew himself up at a checkpoint in Kabul on Monday, killing six people.", "Explosions/Remote violence", "Suicide bomb"),
        ("Gunmen abducted twelve schoolchildren from a school in Kaduna on Tuesday.", "Violence against civilians", "Abduction/forced disappearance"),
        ("Police arrested 40 opposition supporters in Harare on Sunday.", "Strategic developments", "Arrests"),
        ("Kenyan police fired tear gas at protesters in Nairobi on Tuesday.", "Protests", "Protest with intervention"),
        ("Soldiers seized two grenades and a landmine at a checkpoint near Mosul on Monday.", "Strategic developments", "Disrupted weapons use"),
    ],
)
def test_event_type_of_a_cue(text, event_type, sub_event_type):
    ev = main_event(text)
    assert (ev.event_type, ev.sub_event_type) == (event_type, sub_event_type)


def test_classify_rules():
    assert classify({"clash"}) == ("Battles", "Armed clash", "ASSAULT")
    assert classify({"protest"})[:2] == ("Protests", "Peaceful protest")
    # a protest the police broke up, then the same with people hurt
    assert classify({"protest", "intervention"})[:2] == ("Protests", "Protest with intervention")
    assert classify({"protest", "intervention"}, casualties=True)[:2] == ("Protests", "Excessive force against protesters")
    # an attack on armed men is a battle, on anyone else violence against civilians
    assert classify({"attack"}, armed_target=True)[:2] == ("Battles", "Armed clash")
    assert classify({"attack"})[:2] == ("Violence against civilians", "Attack")
    assert classify(set()) == ("Strategic developments", "Other", "CONSULT")


# --------------------------------------------------------------------------- weapons


def test_every_weapon_mention_is_found_with_its_normalised_name(nlp):
    text = "Rebels fired mortars and rockets at the town on Monday; more mortars fell on Tuesday and a rocket hit the market."
    found = find_weapons(nlp(text))
    assert [(w.text, w.weapon) for w in found] == [
        ("mortars", "mortar"), ("rockets", "rocket"), ("mortars", "mortar"), ("rocket", "rocket"),
    ]
    assert all(text[w.start : w.end] == w.text for w in found)


def test_an_event_lists_each_weapon_once_in_order_of_mention():
    ev = main_event("Rebels fired mortars and rockets at the town on Monday; more mortars fell on Tuesday and a rocket hit the market.")
    assert ev.weapons == ["mortar", "rocket"]


def test_weapon_names_are_normalised(nlp):
    text = "The attackers carried AK-47s, an RPG, machetes and an improvised explosive device."
    assert [w.weapon for w in find_weapons(nlp(text))] == ["firearm", "rocket-propelled grenade", "machete", "improvised explosive device"]


def test_tear_gas_and_rubber_bullets_are_weapons_of_the_protest_event():
    ev = main_event("Police fired tear gas and rubber bullets at demonstrators in Conakry on Thursday.")
    assert ev.event_type == "Protests"
    assert ev.weapons == ["tear gas", "rubber bullets"]


# --------------------------------------------------------------------------- conflict sense (issue area 7)


@pytest.mark.parametrize(
    "text, word",
    [
        ("The new paper demonstrates that the sampling method converges quickly.", "demonstrates"),
        ("The country is burning less coal than it did ten years ago.", "burning"),
        ("The director shot a short film in the harbour last spring.", "shot"),
        ("The season update brings a new rally-inspired buggy to the garage.", "rally"),
        ("The striker shot the ball past the keeper in the second half.", "shot"),
    ],
)
def test_a_cue_out_of_its_conflict_sense_is_no_cue(nlp, text, word):
    assert word not in [c[0] for c in cues(nlp, text)]


@pytest.mark.parametrize(
    "text, word",
    [
        ("Thousands of teachers demonstrated in the capital against pay cuts.", "demonstrated"),
        ("Rioters burned two police vehicles outside the court.", "burned"),
        ("Soldiers shot two villagers at a checkpoint.", "shot"),
    ],
)
def test_a_cue_in_its_conflict_sense_stays(nlp, text, word):
    assert word in [c[0] for c in cues(nlp, text)]


# --------------------------------------------------------------------------- cue senses (issue 18)

NOT_A_CONFLICT_SENSE = [
    # (sentence, the cue word that must not count)
    ("In this mode you cannot wear armour, hold weapons, or ever attack anyone directly.", "attack"),
    ("A gas explosion at the wedding hall kills six guests.", "explosion"),
    ("A gas explosion at the wedding hall kills six guests.", "kills"),
    ("Soldiers were mobilised to help dig out cars stuck in the snow.", "mobilised"),
    ("Polo was once a training tool for cavalry officers.", "training"),
    ("The museum will return looted art to its owners.", "looted"),
    ("Jets flew over the parade as the crowd cheered.", "Jets"),
    ("The foundation filed a petition in the European Court of Human Rights.", "petition"),
    ("New sanctions targeting ten officials were announced on Thursday.", "targeting"),
    ("The singer targeted younger listeners with her album.", "targeted"),
]


@pytest.mark.parametrize("text, word", NOT_A_CONFLICT_SENSE)
def test_a_cue_out_of_its_conflict_sense_does_not_count(nlp, text, word):
    assert word not in [c[0] for c in cues(nlp, text)], cues(nlp, text)


IN_ITS_CONFLICT_SENSE = [
    ("Militants did not flee but attacked the post at dawn.", "attacked"),
    ("A bomb explosion at the market killed six traders.", "explosion"),
    ("Troops were mobilised to the border after the raid.", "mobilised"),
    ("Militants conducted recruitment activities in the villages.", "recruitment"),
    ("Rebels looted shops in the town centre.", "looted"),
    ("The air force targeted a rebel convoy near the town.", "targeted"),
    ("Gunmen shoot police officer in border town", "shoot"),
    ("An opposition march was stopped by the police.", "march"),
    ("Two gunmen demanded his camera before shooting him dead.", "shooting"),
    ("Suspected militants seized a vehicle belonging to the chief.", "seized"),
    ("Twenty policemen joined the Taliban on Saturday.", "joined"),
]


@pytest.mark.parametrize("text, word", IN_ITS_CONFLICT_SENSE)
def test_a_cue_in_its_conflict_sense_counts(nlp, text, word):
    assert word in [c[0] for c in cues(nlp, text)], cues(nlp, text)
