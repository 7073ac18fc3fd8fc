"""Country names, variants and demonyms to ISO codes, and codes to ACLED-style names."""

from __future__ import annotations

import pytest

from clashwatch.stages.countries import country_code, country_name, home_country, is_demonym, is_former_country, outlet_country


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Kyrgyzstan", "KG"),
        ("the Kyrgyz Republic", "KG"),
        ("Kenya", "KE"),
        ("DRC", "CD"),
        ("Democratic Republic of the Congo", "CD"),
        ("Republic of the Congo", "CG"),
        ("US", "US"),
        ("U.S.", "US"),
        ("the United States", "US"),
        ("United States of America", "US"),
        ("Ivory Coast", "CI"),
        ("Côte d’Ivoire", "CI"),
        ("Burma", "MM"),
        ("Türkiye", "TR"),
        ("UK", "GB"),
        ("Britain", "GB"),
        ("Palestine", "PS"),
        ("Kosovo", "XK"),
        ("KENYA", "KE"),
        ("kyrgyzstan", "KG"),
        ("Kyrgyzstan's", "KG"),
    ],
)
def test_country_names_and_variants(text, code):
    assert country_code(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Kyrgyz", "KG"),
        ("Tajik", "TJ"),
        ("Tajiks", "TJ"),
        ("Kenyan", "KE"),
        ("Kenyans", "KE"),
        ("Afghan", "AF"),
        ("Afghans", "AF"),
        ("Russian", "RU"),
        ("Russians", "RU"),
        ("Beninese", "BJ"),
        ("Bangladeshi", "BD"),
        ("Bangladeshis", "BD"),
        ("Syrian", "SY"),
        ("Israeli", "IL"),
        ("Israelis", "IL"),
        ("Palestinian", "PS"),
        ("Palestinians", "PS"),
        ("Ukrainian", "UA"),
        ("Filipino", "PH"),
        ("Burkinabe", "BF"),
        ("Congolese", "CD"),
        ("Swiss", "CH"),
        ("Dutch", "NL"),
        ("Frenchmen", "FR"),
        ("South Sudanese", "SS"),
        ("Nigerien", "NE"),
        ("Nigerian", "NG"),
    ],
)
def test_demonyms_singular_and_plural(text, code):
    assert country_code(text) == code
    assert is_demonym(text)


def test_names_are_not_demonyms():
    assert not is_demonym("Kenya")
    assert not is_demonym("the Kyrgyz Republic")


@pytest.mark.parametrize("text", ["USSR", "Soviet", "Soviet Union", "Yugoslavia", "Czechoslovakia"])
def test_former_states_map_to_no_current_country(text):
    assert country_code(text) is None
    assert is_former_country(text)


@pytest.mark.parametrize("text", ["us", "car", "Many", "Central Asia", "Caucasus", "Paris", "Kurdish", "", "   "])
def test_words_that_are_not_countries(text):
    assert country_code(text) is None


def test_acronyms_need_capitals():
    assert country_code("CAR") == "CF"
    assert country_code("car") is None
    assert country_code("us") is None


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("KG", "Kyrgyzstan"),
        ("TJ", "Tajikistan"),
        ("US", "United States"),
        ("CD", "Democratic Republic of Congo"),
        ("CG", "Republic of Congo"),
        ("RU", "Russia"),
        ("IR", "Iran"),
        ("SY", "Syria"),
        ("GB", "United Kingdom"),
        ("KR", "South Korea"),
        ("PS", "Palestine"),
        ("ke", "Kenya"),
    ],
)
def test_acled_style_country_names(code, name):
    assert country_name(code) == name


def test_unknown_code_has_no_name():
    assert country_name("ZZ") is None
    assert country_name("") is None


def test_every_listed_demonym_code_has_a_name():
    from clashwatch.resources import load_tsv

    for row in load_tsv("demonyms.tsv"):
        assert country_name(row["country_code"]), row["country_code"]


def test_round_trip_for_every_current_country():
    import pycountry

    for country in pycountry.countries:
        name = country_name(country.alpha_2)
        assert name, country.alpha_2
        assert country_code(name) == country.alpha_2, (country.alpha_2, name)


@pytest.mark.parametrize("outlet, code", [
    ("Daily Nation (Kenya)", "KE"),
    ("The Kenya Standard", "KE"),
    ("Times of India", "IN"),
    ("New Vision (Uganda)", "UG"),
    ("OSCE SMM-Ukraine", "UA"),
    ("Somali Memo", "SO"),
    ("Voice of America", "US"),  # an international broadcaster still names its home
    ("Ministry of Defence of Ukraine; JFO HQ press centre", "UA"),
])
def test_an_outlet_names_its_country(outlet, code):
    assert outlet_country(outlet) == code


@pytest.mark.parametrize("outlet", [
    None, "", "Reuters", "AFP", "AP", "BBC News", "New York Times",
    "Daily Nation (Kenya); New Vision (Uganda)",  # two countries: neither
    "US News",  # a capitalised acronym outside brackets is no country
])
def test_an_outlet_that_names_no_single_country(outlet):
    assert outlet_country(outlet) is None


@pytest.mark.parametrize("outlet, url, code", [
    (None, "https://www.nation.co.ke/news/article-1", "KE"),  # a country-code domain
    (None, "www.monitor.co.ug/uganda/news", "UG"),  # written without its scheme
    (None, "https://www.bbc.co.uk/news/world", "GB"),  # .uk is the United Kingdom's
    ("New Vision (Uganda)", "https://www.nation.co.ke/x", "UG"),  # the outlet's name first
    (None, "https://www.example.com/story", None),  # a generic domain
    (None, "https://startup.io/blog/attack-surface", None),  # a country code sold as a generic name
    (None, "https://radio.fm/listen", None),
    (None, "https://europa.eu/news", None),  # a region, not a country
    (None, "http://[::1", None),  # no host to read
    (None, None, None),
])
def test_the_home_country_is_the_outlets_else_the_web_addresss(outlet, url, code):
    assert home_country(outlet, url) == code
