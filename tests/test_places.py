"""Toponyms found in text and resolved with the real spaCy model and gazetteer."""

from __future__ import annotations

import math
import pickle
from pathlib import Path

import pytest

from clashwatch import gazetteer as gazetteer_module
from clashwatch.gazetteer import Gazetteer
from clashwatch.nlp import load_model
from clashwatch.places import find_places

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "border-clash.txt"
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


def test_seed_has_no_bogus_places(seed_places):
    texts = {p.text for p in seed_places}
    for word in ("Central Asia", "Caucasus", "USSR", "Soviet", "Kremlin", "Reuters", "Telegram", "Euro News", "Putin", "Russian", "Tajik", "Kyrgyz", "Many", "Friday", "Sunday"):
        assert word not in texts
    assert texts <= {"Kyrgyzstan", "Tajikistan", "Kyrgyz Republic", "the Kyrgyz Republic", "Batken", "Osh"}
    assert {p.resolved.country_code for p in seed_places} <= {"KG", "TJ"}


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


def test_unknown_village_is_placed_in_its_region(places):
    found = places("On 30 April 2020, QSD conducted a raid in Gharibah in Deir-ez-Zor. No arrests were reported.")
    village = named(found, "Gharibah")[0]
    assert village.resolved.country_code == "SY"
    assert village.geo_precision == 3


# --------------------------------------------------------------------------- false positives


def test_sentence_initial_common_word_is_not_a_place(places):
    found = places("Many former Soviet countries in Central Asia and the Caucasus have experienced border disputes.")
    assert found == []


def test_weekdays_and_months_are_not_places(places):
    found = places("On Monday and Tuesday, officials met. March was calm; May was not. Sunday's talks failed.")
    assert found == []


def test_outlets_titles_and_people_are_not_places(places):
    found = places("According to Reuters and Euro News, President Vladimir Putin spoke on Telegram with Governor Chad Smith.")
    assert found == []


def test_demonyms_are_evidence_not_places(places):
    found = places("Kenyan police and Somali militants exchanged fire in Garissa.")
    assert [p.text for p in found] == ["Garissa"]
    assert found[0].resolved.country_code == "KE"


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
