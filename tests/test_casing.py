"""Text as it really comes: capitals, transcript markers, agency credits (clashwatch.casing)."""

from __future__ import annotations

import pytest

import clashwatch
import clashwatch.pipeline as pipeline_module
from clashwatch.article import make_article
from clashwatch.casing import mostly_capitals, neutralise, truecase
from clashwatch.language import not_english

ATTACK = "Gunmen killed five villagers in Garissa, Kenya, on Monday, police said."
CAPS_ATTACK = "GUNMEN KILLED FIVE VILLAGERS IN GARISSA, KENYA, ON MONDAY, POLICE SAID."
CAPS_STORY = (
    "ARMED MEN ON MOTORBIKES STORMED A MARKET IN THE TOWN OF MANDERA ON FRIDAY AND SHOT DEAD "
    "SEVEN TRADERS, LOCAL OFFICIALS SAID, ADDING THAT THE ATTACKERS FLED TOWARDS THE BORDER "
    "WITH SOMALIA BEFORE SECURITY FORCES ARRIVED."
)
NORMAL_ARTICLES = [
    ATTACK,
    "Police fired tear gas at hundreds of students who marched through Kisumu on Tuesday to protest "
    "against higher fees. Two students were hurt, a hospital official said.",
    "Troops clashed with militants near Maiduguri, Nigeria, on Saturday, leaving 12 fighters dead, "
    "the army said in a statement.\n\nThe militants had attacked a checkpoint on the road to Bama.",
    "Protesters blocked the main road into Dhaka on Wednesday, demanding the release of detained "
    "opposition leaders.",
]


@pytest.fixture(scope="module")
def pipeline():
    return clashwatch.get_pipeline()


def _event(result):
    assert result.events, result.warnings
    e = result.events[0]
    return (e.event_type, e.sub_event_type, e.location, e.country_code, e.date_start, e.fatalities)


def test_truecasing_changes_only_case_and_knows_the_names(pipeline):
    out = truecase(CAPS_ATTACK, pipeline.gazetteer)
    assert len(out) == len(CAPS_ATTACK) and out.lower() == CAPS_ATTACK.lower()
    assert out.startswith("Gunmen killed five villagers in Garissa, Kenya, on Monday, police said")
    assert truecase(ATTACK, pipeline.gazetteer) == ATTACK  # ordinary text is left alone


def test_acronyms_and_groups_keep_their_spelling(pipeline):
    out = truecase("THE TTP AND AL SHABAAB CLAIMED THE ATTACKS, THE UN SAID ON TUESDAY.", pipeline.gazetteer)
    assert "TTP" in out and "Al Shabaab" in out and "UN" in out and "Tuesday" in out
    assert out.startswith("The ")


def test_inflected_english_words_are_not_taken_for_towns(pipeline):
    # 'guns' and 'came' are also names of small places; inflected they are still English words
    out = truecase("SOLDIERS CAME UNDER FIRE AS MILITANTS FIRED MACHINE GUNS AT THE POST ON MONDAY.", pipeline.gazetteer)
    assert " came under " in out and " machine guns " in out


def test_a_word_that_is_no_english_word_is_a_name(pipeline):
    # names no list knows: a militia, a village, two communities (our own invented spellings)
    out = truecase("ON MONDAY, WAKARUNDI MILITIAMEN ATTACKED 3 MEMBERS OF THE TOBOKA CLAN IN NYAMBELO VILLAGE.", pipeline.gazetteer)
    assert "Wakarundi militiamen" in out and "Toboka clan" in out and "Nyambelo village" in out
    assert " attacked 3 members of the " in out


def test_mostly_capitals():
    assert mostly_capitals(CAPS_ATTACK)
    assert not mostly_capitals(ATTACK)
    assert not mostly_capitals("KENYA")  # too short to tell


def test_a_capitals_story_is_english():
    assert not_english(CAPS_STORY) is None
    assert not_english(CAPS_STORY.lower()) is None


def test_a_capitals_wire_story_reads_as_its_normal_case_version(pipeline):
    caps = pipeline.extract(CAPS_ATTACK, published="2024-03-05")
    normal = pipeline.extract(ATTACK, published="2024-03-05")
    assert _event(caps) == _event(normal)
    assert _event(caps)[2] == "Garissa" and _event(caps)[5] == 5
    # quotes come from the text as given, at the same offsets
    event = caps.events[0]
    assert event.sentence == CAPS_ATTACK
    assert CAPS_ATTACK[event.start : event.end] == event.text
    for place in caps.places:
        assert CAPS_ATTACK[place.start : place.end] == place.text


def test_a_capitals_story_is_read(pipeline):
    result = pipeline.extract(CAPS_STORY, published="2024-06-10")
    assert not any("English" in w for w in result.warnings)
    assert result.events and result.events[0].fatalities == 7
    assert result.events[0].country_code == "KE"


def test_markers_and_credits_are_blanked_in_place():
    text = (
        "NAIROBI, March 3 (Reuters) - Talks resumed.\n[MUSIC]\n(APPLAUSE) It went on (AFP)\n"
        "(c) 2024 Some Agency. All rights reserved.\n(Reporting by Ann Other; Editing by Sam Body)"
    )
    out = neutralise(text)
    assert len(out) == len(text) and out.count("\n") == text.count("\n")
    for gone in ("Reuters", "MUSIC", "APPLAUSE", "AFP", "2024", "Reporting", "Editing"):
        assert gone not in out
    assert out.startswith("NAIROBI, March 3") and "Talks resumed." in out and "It went on" in out


def test_brackets_that_are_the_story_stay():
    text = "Fighters were seen near Garba [north-eastern Kenya]. [size=no report]. The Arakan Army (AA) said so."
    assert neutralise(text) == text


def test_transcript_markers_and_credits_give_no_event_or_source(pipeline):
    transcript = (
        "[GUNFIRE]\n[EXPLOSION]\n(AFP) The minister opened a new school in Eldoret on Monday.\n"
        "[APPLAUSE]\n\n(Reporting by Jo Writer; Editing by Max Editor)\n(c) 2024 Wire Agency"
    )
    result = pipeline.extract(transcript, published="2024-03-05")
    assert result.events == []
    for event in result.events:
        assert event.source is None or "AFP" not in event.source


def test_a_dateline_credit_is_not_a_source_and_the_story_is_read(pipeline):
    text = (
        "NAIROBI, March 3 (Reuters) - Suspected militants attacked a police post in Mandera county on "
        "Tuesday, killing three officers.\n\n(Reporting by Jo Writer; Editing by Max Editor)"
    )
    result = pipeline.extract(text, published="2024-03-06")
    assert len(result.events) == 1
    event = result.events[0]
    assert event.location == "Mandera" and event.fatalities == 3
    assert event.source is None or "Reuters" not in event.source
    assert all("Reuters" not in c.source for c in result.claims)


@pytest.mark.parametrize("text", NORMAL_ARTICLES)
def test_normal_case_articles_are_unchanged_by_the_step(pipeline, monkeypatch, text):
    with_step = pipeline.extract(text, published="2024-03-05", id="x").model_dump_json()
    monkeypatch.setattr(pipeline_module, "adapt_text", lambda prepared, gazetteer=None: prepared)
    without = pipeline.extract(text, published="2024-03-05", id="x").model_dump_json()
    assert with_step == without


def test_a_capitals_headline_over_a_normal_body_quotes_the_headline_as_given(pipeline):
    article = make_article(
        "Gunmen killed five villagers in Garissa on Monday, police said.",
        title="FIVE VILLAGERS KILLED IN GARISSA ATTACK",
        published="2024-03-05",
    )
    result = next(pipeline.extract_many([article]))
    assert result.title == "FIVE VILLAGERS KILLED IN GARISSA ATTACK"
    for place in result.places:
        source = article.title if place.section == "headline" else article.text
        assert source[place.start : place.end] == place.text


def test_an_english_report_full_of_spanish_names_is_english():
    # langid's character model reads the names; English function words say what the prose is
    for text in (
        "On 2 March, in San Nicolas de los Garza, Nuevo Leon, armed men on a motorcycle shot a man in "
        "Colonia Lomas de la Fuente del Valle. The victim died.",
        "On 12 June, in Villa de Alvarez, Colima, gunmen attacked a woman in Colonia Jardines de las Lomas "
        "del Rio (drive-by). The victim died.",
    ):
        assert not_english(text) is None, text
    spanish = "El presidente dijo el martes que los soldados atacaron a un grupo de rebeldes en la ciudad de Monterrey y que hubo varios heridos."
    assert not_english(spanish) is not None
