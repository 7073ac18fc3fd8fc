"""Who a figure or an event is attributed to: 'according to X', 'X said', a quoted official,
a pronoun that points back to the last source, and the article's own voice.

Every sentence is our own writing.
"""

from __future__ import annotations

import datetime as dt

import pytest

import clashwatch
from clashwatch.stages.attribution import ARTICLE, AttributionState, SentenceSources, classify_source, source_key

PUBLISHED = "2023-03-17"  # a Friday


@pytest.fixture(scope="module")
def nlp():
    return clashwatch.get_pipeline().nlp


@pytest.fixture(scope="module")
def figure_sources(nlp):
    """Each number word of the text with the source the stage credits it to, sentence by sentence."""

    def run(text: str) -> dict[str, tuple[str, str]]:
        state = AttributionState()
        out = {}
        for sent in nlp(text).sents:
            found = SentenceSources(sent, state)
            for tok in sent:
                if tok.like_num:
                    src = found.source_for(tok)
                    out[tok.text] = (src.name, src.type)
            state.remember(found)
        return out

    return run


def only_claim(text: str):
    r = clashwatch.extract(text, published=PUBLISHED)
    assert len(r.claims) == 1, [c.figure for c in r.claims]
    return r, r.claims[0]


# --------------------------------------------------------------------------- the stage on sentences


def test_according_to_a_news_agency(figure_sources):
    assert figure_sources("Seven people were killed in the raid, according to Reuters.") == {"Seven": ("Reuters", "media")}


def test_according_to_at_the_start_of_the_sentence(figure_sources):
    assert figure_sources("According to the Red Cross, 14 people were wounded.") == {"14": ("Red Cross", "organisation")}


def test_a_trailing_said_clause(figure_sources):
    found = figure_sources("Gunmen killed four villagers near the river, the health ministry said.")
    assert found == {"four": ("health ministry", "government")}


def test_a_reporting_verb_above_the_figure(figure_sources):
    assert figure_sources("Police said on Thursday that five people were killed.") == {"five": ("Police", "official")}


def test_a_quoted_official(figure_sources):
    found = figure_sources('"Eleven of our soldiers were killed," army spokesman Ali Hassan told reporters.')
    assert found == {"Eleven": ("army spokesman Ali Hassan", "military")}


def test_a_pronoun_points_back_to_the_last_source(figure_sources):
    found = figure_sources("The army said 12 soldiers died. It said three more were missing.")
    assert found == {"12": ("army", "military"), "three": ("army", "military")}


def test_an_official_toll_inherits_the_last_government_source(figure_sources):
    found = figure_sources("The interior ministry said 4 people were injured. The official toll later rose to 6.")
    assert found["6"] == ("interior ministry", "government")


def test_a_figure_with_no_source_is_the_article_itself(figure_sources):
    assert figure_sources("Nine people were killed on Monday.") == {"Nine": ("article", "article")}
    assert ARTICLE.name == "article" and ARTICLE.type == "article"


def test_according_to_a_pronoun_with_no_earlier_source_is_the_article(figure_sources):
    # the pronoun points back to nothing: the figure stays the article's own, and the
    # sentence leaves no source behind for the next one
    found = figure_sources("According to it, 3 died. They said four were injured.")
    assert found == {"3": ("article", "article"), "four": ("article", "article")}


def test_according_to_an_object_pronoun_points_back_to_the_last_source(figure_sources):
    found = figure_sources("The army said 12 soldiers died. According to them, three more were missing.")
    assert found["three"] == ("army", "military")


def test_extract_according_to_a_pronoun_with_no_earlier_source():
    r = clashwatch.extract("According to it, 3 died.", published="2024-01-01")
    assert not [w for w in r.warnings if w.startswith("extraction failed")]
    assert [(c.low, c.source) for c in r.claims] == [(3, "article")]


def test_a_source_does_not_carry_over_without_a_pronoun(figure_sources):
    found = figure_sources("The army said 12 soldiers died. Three civilians were also killed.")
    assert found["Three"] == ("article", "article")


def test_footage_on_social_media_is_the_event_source(nlp):
    state = AttributionState()
    (sent,) = nlp("Videos posted on Telegram showed drones striking a fuel depot.").sents
    src = SentenceSources(sent, state).event_source()
    assert (src.name, src.type) == ("Telegram", "social_media")


# --------------------------------------------------------------------------- naming and typing a source


@pytest.mark.parametrize(
    "phrase, name, kind, country",
    [
        ("Reuters", "Reuters", "media", None),
        ("the health ministry", "health ministry", "government", None),
        ("Kyrgyzstan", "Government of Kyrgyzstan", "government", "KG"),
        ("the Kenyan government", "Government of Kenya", "government", "KE"),
        ("Police spokesman Usman Daso", "Police spokesman Usman Daso", "official", None),
        ("residents", "residents", "witness", None),
        ("Telegram", "Telegram", "social_media", None),
        ("the UN", "UN", "organisation", None),
    ],
)
def test_classify_source(phrase, name, kind, country):
    src = classify_source(phrase)
    assert (src.name, src.type, src.country) == (name, kind, country)


def test_one_key_for_the_spellings_of_one_source():
    keys = {source_key(s) for s in ("Police", "the police", "Police spokesman Usman Daso", "county police commander Peter Wambua")}
    assert keys == {"police"}
    assert source_key("the health ministry") != source_key("police")


# --------------------------------------------------------------------------- end to end


def test_extracted_claim_and_event_credit_the_agency():
    r, claim = only_claim("Seven people were killed in an attack on a market in Gao on Sunday, according to Reuters.")
    assert (claim.source, claim.source_type, claim.low) == ("Reuters", "media", 7)
    assert r.events[0].source == "Reuters"


def test_extracted_claim_of_a_ministry():
    r, claim = only_claim("Gunmen killed four villagers near Bunia on Sunday, the health ministry said.")
    assert (claim.source, claim.source_type) == ("health ministry", "government")
    assert r.events[0].source == "health ministry"


def test_extracted_claim_is_dated_by_its_statement():
    # said on Wednesday: the figure holds as of Wednesday, not as of publication (Friday)
    _, claim = only_claim("Police said on Wednesday that five people were killed in clashes in Kisumu on Tuesday.")
    assert claim.source == "Police"
    assert claim.as_of == dt.date(2023, 3, 15)


def test_extracted_claim_without_a_source():
    r, claim = only_claim("Three people died when a bomb exploded on a bus in Mogadishu on Sunday.")
    assert (claim.source, claim.source_type) == ("article", "article")
    assert claim.as_of == dt.date(2023, 3, 17)
    assert r.events[0].source is None  # the event is the article's own report


# --------------------------------------------------------------------------- institutions as sources


@pytest.mark.parametrize(
    "text, figure, source, kind",
    [
        # a UN agency is no news agency
        ("Rebels overran Mocimboa on Tuesday. The UN refugee agency said 6,500 people had reached Montepuez.",
         "6,500", "UN refugee agency", "organisation"),
        # a syndicate of doctors, written as the text writes it
        ("Police fired on marchers in Omdurman on Thursday, killing 9, the doctors' union said.",
         "9", "doctors' union", "organisation"),
        # a hospital is an institution, not a witness
        ("A car bomb went off in Mogadishu on Thursday, killing 11 people, according to Medina hospital.",
         "11", "Medina hospital", "organisation"),
        # the whole name of a rights group, not its first words
        ("Troops killed 17 protesters in Mandalay on Thursday, the Association for Prisoners' Rights said.",
         "17", "Association for Prisoners' Rights", "organisation"),
        # the officials of an institution speak for it
        ("Gunmen raided a church in Akure on Thursday. Officials at the Federal Teaching Hospital said 23 bodies were brought in.",
         "23", "Officials at the Federal Teaching Hospital", "organisation"),
        # a ministry stays the government
        ("Fighting flared in Sirte on Thursday. The health ministry put the toll at 431.",
         "431", "health ministry", "government"),
    ],
)
def test_an_institution_is_the_source_of_its_figure(text, figure, source, kind):
    r = clashwatch.extract(text, published=PUBLISHED)
    claims = {c.figure.split()[-1]: c for c in r.claims}
    assert figure in claims, [c.figure for c in r.claims]
    assert (claims[figure].source, claims[figure].source_type) == (source, kind)
