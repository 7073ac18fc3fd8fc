"""Which language an article is in: only a confident, long enough foreign text is turned away."""

from __future__ import annotations

from clashwatch.language import identify, not_english

FRENCH = (
    "Des hommes armés ont tué cinq villageois lundi dans le nord du pays, a annoncé la police locale, "
    "qui a ouvert une enquête sur cette attaque contre des civils."
)


def test_a_short_english_sentence_repeated_is_no_foreign_text():
    # langid alone calls these Norwegian and Danish, sure of it, once they are repeated
    for sentence in ("Gunmen killed 12 villagers. ", "Rebels shelled the town twice. "):
        assert identify(sentence * 100) is None
        assert not_english(sentence * 100) is None


def test_a_foreign_text_repeated_is_still_foreign():
    found = not_english((FRENCH + "\n") * 50)
    assert found is not None and found.code == "fr"


def test_distinct_english_sentences_are_english():
    text = " ".join(
        f"Police said {n} people were hurt when the protest in the market turned violent on day {n}." for n in range(30)
    )
    found = identify(text)
    assert found is not None and found.is_english
