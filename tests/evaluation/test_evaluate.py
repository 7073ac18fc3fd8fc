"""`clashwatch evaluate` on small labelled samples written here (never the dev data).

Two kinds of check: the arithmetic of the scorer against figures worked out by hand,
and each metric the command prints recomputed from the per-item outcomes it reports,
so that a wrong count or a wrong denominator cannot hide behind the pipeline's accuracy.
The samples' texts are plain enough that the real pipeline reads them right; where a
gold label is deliberately wrong, the test says so.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import re

import pytest
from click.testing import CliRunner

from clashwatch.cli import cli
from clashwatch.evaluation import detect_format
from clashwatch.evaluation.scoring import class_scores, distance_km, macro_f1, weighted_f1
from clashwatch.evaluation.split import half_of

# --------------------------------------------------------------------------- scoring by hand


def test_weighted_f1_matches_a_hand_computation():
    gold = ["A", "A", "A", "B", "B", "C"]
    pred = ["A", "A", "B", "B", "none", "A"]
    scores = {s.label: s for s in class_scores(gold, pred, ["A", "B", "C"])}
    # A: 2 right of 3 predicted, 2 of 3 gold -> P 2/3, R 2/3, F1 2/3
    # B: 1 right of 2 predicted, 1 of 2 gold -> F1 1/2;  C: 0
    assert scores["A"].f1 == pytest.approx(2 / 3)
    assert scores["B"].f1 == pytest.approx(1 / 2)
    assert scores["C"].f1 == 0
    assert weighted_f1(list(scores.values())) == pytest.approx((3 * 2 / 3 + 2 * 1 / 2 + 0) / 6)
    assert macro_f1(list(scores.values())) == pytest.approx((2 / 3 + 1 / 2) / 3)


def test_a_label_nobody_predicted_and_nobody_has_counts_nothing():
    scores = class_scores(["A", "A"], ["A", "B"], ["A", "B", "C"])
    assert [s.support for s in scores] == [2, 0, 0]
    assert weighted_f1(scores) == pytest.approx(2 / 3)  # B and C weigh 0


def test_distance_is_great_circle_kilometres():
    # Nairobi to Mombasa, about 440 km as the crow flies
    assert distance_km((-1.2864, 36.8172), (-4.0435, 39.6682)) == pytest.approx(440, abs=5)
    assert distance_km(None, (0.0, 0.0)) is None


# --------------------------------------------------------------------------- samples

KISMAYO = (-0.3582, 42.5454)
GAO = (16.2666, -0.0440)

ACLED_ROWS = [
    # id, date, type, sub, fatalities, point, notes
    ("T1", "2023-05-05", "Explosions/Remote violence", "Air/drone strike", 4, KISMAYO,
     "On 5 May 2023, a drone strike killed 4 militants near Kismayo (Lower Juba)."),
    ("T2", "2023-06-10", "Protests", "Peaceful protest", 0, GAO,
     "On 10 June 2023, hundreds of traders demonstrated peacefully in Gao (Gao) against new market taxes."),
    ("T3", "2023-07-02", "Battles", "Armed clash", 7, GAO,
     "On 2 July 2023, soldiers clashed with militants in Gao (Gao). Seven people were killed."),
    # deliberately wrong gold: the note describes a protest, the gold says riot; the
    # fatalities are off by one; the point is Kismayo's, far from Gao
    ("T4", "2023-08-15", "Riots", "Violent demonstration", 1, KISMAYO,
     "On 15 August 2023, students demonstrated peacefully in Gao (Gao) against exam fees."),
]


def write_acled(path, rows=ACLED_ROWS):
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["event_id_cnty", "event_date_iso", "event_type", "sub_event_type", "fatalities", "latitude", "longitude", "notes"])
        for rid, date, etype, sub, fat, (lat, lon), notes in rows:
            w.writerow([rid, date, etype, sub, fat, lat, lon, notes])
    return path


def evaluate(*args):
    result = CliRunner().invoke(cli, ["evaluate", "--quiet", *args], catch_exceptions=False)
    return result


def evaluate_json(*args) -> dict:
    result = evaluate(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def metric(data: dict, key: str) -> dict:
    return next(m for m in data["metrics"] if m["key"] == key)


def test_acled_metrics_are_the_shares_of_the_outcomes(tmp_path):
    data = evaluate_json(str(write_acled(tmp_path / "sample.csv")))
    assert data["format"] == "acled" and data["items"] == 4
    out = {o["id"]: o for o in data["outcomes"]}

    # the plain notes are read as their gold says (T4's gold is wrong on purpose)
    assert out["T1"]["predicted"]["sub_event_type"] == "Air/drone strike"
    assert out["T1"]["predicted"]["fatalities"] == 4
    assert out["T2"]["predicted"]["sub_event_type"] == "Peaceful protest"
    assert out["T3"]["predicted"]["event_type"] == "Battles"
    assert out["T4"]["predicted"]["event_type"] == "Protests"

    # hand-worked figures: type right for T1-T3, fatalities exact for T1-T3, within +-1 for all
    assert metric(data, "event_type") == {**metric(data, "event_type"), "hits": 3, "n": 4, "value": 0.75}
    assert (metric(data, "fatalities_exact")["hits"], metric(data, "fatalities_within_1")["hits"]) == (3, 4)
    assert metric(data, "event_date_exact")["hits"] == 4
    # T4's gold point is Kismayo, about 2,000 km from Gao
    assert out["T4"]["km"] > 1500
    assert metric(data, "location_161km")["hits"] == sum(1 for o in out.values() if o["km"] is not None and o["km"] <= 160.934)

    # every share recomputed from the outcomes
    outcomes = data["outcomes"]
    recomputed = {
        "event_type": [o["gold"]["event_type"] == o["predicted"]["event_type"] for o in outcomes],
        "sub_event_type": [o["gold"]["sub_event_type"] == o["predicted"]["sub_event_type"] for o in outcomes],
        "fatalities_exact": [o["gold"]["fatalities"] == o["predicted"]["fatalities"] for o in outcomes],
        "fatalities_within_1": [abs(o["gold"]["fatalities"] - o["predicted"]["fatalities"]) <= 1 for o in outcomes],
        "location_25km": [o["km"] is not None and o["km"] <= 25 for o in outcomes],
        "event_date_exact": [o["gold"]["event_date"] == o["predicted"]["event_date"] for o in outcomes],
    }
    for key, hits in recomputed.items():
        m = metric(data, key)
        assert (m["hits"], m["n"]) == (sum(hits), len(hits)), key
        assert m["value"] == pytest.approx(sum(hits) / len(hits)), key

    # the confusion table counts each row once, in its gold row
    table = data["confusions"][0]
    assert sum(sum(r.values()) for r in table["counts"].values()) == 4
    assert table["counts"]["Riots"] == {"Protests": 1}


def test_acled_text_report_shows_metrics_confusion_and_worst_errors(tmp_path):
    result = evaluate(str(write_acled(tmp_path / "sample.csv")), "--errors", "3")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert re.search(r"event_type accuracy\s+75\.0%\s+\(3/4\)", text)
    assert "event_type (rows: ACLED, columns: clashwatch)" in text
    assert re.search(r"^\s+RIO\s+.*\b1\b", text, re.M)  # the riot row of the matrix
    assert "Worst errors: event type (1 of 1)" in text
    assert "students demonstrated peacefully" in text  # the error is shown with its text


def test_rows_with_bad_cells_are_counted_out_of_their_metric_not_fatal(tmp_path):
    rows = ACLED_ROWS[:2] + [("T9", "not a date", "Battles", "Armed clash", "NA", (999, "x"), ACLED_ROWS[2][6])]
    path = tmp_path / "messy.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["event_id_cnty", "event_date_iso", "event_type", "sub_event_type", "fatalities", "latitude", "longitude", "notes"])
        for rid, date, etype, sub, fat, (lat, lon), notes in rows:
            w.writerow([rid, date, etype, sub, fat, lat, lon, notes])
        w.writerow(["T10", "2023-01-01", "Battles", "Armed clash", "0", "1", "1", ""])  # no notes
    result = CliRunner().invoke(cli, ["evaluate", str(path), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["items"] == 3
    assert metric(data, "location_25km")["n"] == 2  # T9's coordinates are invalid
    assert metric(data, "event_date_exact")["n"] == 2  # so is its date
    assert any("without notes" in n for n in data["notes"])
    assert "note:" in result.stderr


CASE_ROWS = [
    ("1", "Police arrested twelve opposition activists in the capital on Tuesday.", "ARREST"),
    ("2", "Hundreds of teachers marched peacefully through the city centre demanding higher pay.", "PEACE_PROTEST"),
    ("3", "An air strike hit a rebel position outside the town, killing three fighters.", "AIR_STRIKE"),
    ("4", "A roadside bomb exploded under a police truck, wounding two officers.", "REM_EXPLOS"),
    # deliberately wrong gold: an arrest labelled as an armed clash
    ("5", "Soldiers detained a suspected smuggler at the border crossing.", "ARMED_CLASH"),
    ("6", "A magnitude 6 earthquake struck the region, destroying hundreds of homes.", "NATURAL_DISASTER"),
]


def test_case_weighted_f1_is_recomputed_from_the_outcomes(tmp_path):
    path = tmp_path / "case.tsv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter="\t")
        w.writerow(["id", "EventSnippet", "SubType"])
        w.writerows(CASE_ROWS)
    assert detect_format(path) == "case"
    data = evaluate_json(str(path))
    out = {o["id"]: o for o in data["outcomes"]}
    assert out["1"]["predicted"] == "Arrests"
    assert out["3"]["predicted"] == "Air/drone strike"

    scored = [o for o in data["outcomes"] if o["gold_sub_event_type"] is not None]
    assert len(scored) == 5  # the earthquake is not one of the 25 ACLED labels
    gold = [o["gold_sub_event_type"] for o in scored]
    pred = [o["predicted"] for o in scored]
    f1s = []
    for label in set(gold):
        tp = sum(g == p == label for g, p in zip(gold, pred))
        npred, ngold = pred.count(label), gold.count(label)
        prec, rec = (tp / npred if npred else 0), tp / ngold
        f1s.append((ngold, 2 * prec * rec / (prec + rec) if prec + rec else 0))
    expected = sum(n * f for n, f in f1s) / len(gold)
    assert metric(data, "weighted_f1")["value"] == pytest.approx(expected)
    assert metric(data, "weighted_f1")["value"] <= 0.8  # row 5 is wrong whatever the pipeline does
    assert metric(data, "non_acled_no_event")["n"] == 1
    # CASE snippets fall in a tuning or a checking half by their id, as ACLED rows do
    halves = [half_of(i) for i, _, _ in CASE_ROWS]
    assert data["split"]["rows"] == {"all": 6, "tuning": halves.count("tuning"), "checking": halves.count("checking")}
    assert {o["id"]: o["half"] for o in data["outcomes"]} == {i: half_of(i) for i, _, _ in CASE_ROWS}
    assert all(metric(data, "weighted_f1")[h] is not None for h in ("tuning", "checking"))


def test_gwn_toponyms_within_161_km_count_misses(tmp_path):
    text = "Fighting was reported in Kismayo on Monday. Aid agencies in Nairobi said roads to Gao were cut."
    toponyms = []
    for name, point in (("Kismayo", KISMAYO), ("Nairobi", (-1.2864, 36.8172)), ("Gao", GAO)):
        start = text.index(name)
        toponyms.append({"start": start, "end": start + len(name), "type": "Literal", "latitude": point[0], "longitude": point[1]})
    # a gold point deliberately far from the place named: scored as found but wrong
    toponyms[1]["latitude"], toponyms[1]["longitude"] = 48.85, 2.35
    # a gold toponym on a word no geocoder reports: a miss
    start = text.index("roads")
    toponyms.append({"start": start, "end": start + 5, "type": "Literal", "latitude": 1.0, "longitude": 1.0})
    # no coordinates: not scored at all
    toponyms.append({"start": 0, "end": 8, "type": "Non_Toponym"})
    path = tmp_path / "gwn.jsonl"
    path.write_text(json.dumps({"id": "g1", "text": text, "toponyms": toponyms}) + "\n", encoding="utf-8")
    assert detect_format(path) == "gwn"
    data = evaluate_json(str(path))
    m = metric(data, "within_161km")
    assert (m["hits"], m["n"]) == (2, 4)
    assert metric(data, "found")["hits"] == 3
    by_name = {o["toponym"]: o for o in data["outcomes"]}
    assert by_name["roads"]["predicted"] is None
    assert by_name["Nairobi"]["km"] > 6000
    assert metric(data, "mean_km")["value"] == pytest.approx(sum(o["km"] for o in data["outcomes"] if o["km"] is not None) / 3)
    # GeoWebNews articles fall in a tuning or a checking half by their id, as ACLED rows do
    assert data["split"]["rows"] == {"all": 1, "tuning": int(half_of("g1") == "tuning"), "checking": int(half_of("g1") == "checking")}
    assert {o["half"] for o in data["outcomes"]} == {half_of("g1")}


def test_gtd_killed_and_wounded_exact(tmp_path):
    path = tmp_path / "gtd.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["iyear", "imonth", "iday", "latitude", "longitude", "nkill", "nwound", "summary"])
        w.writerow([2015, 3, 4, 39.74, -104.99, 2, 3, "03/04/2015: An assailant opened fire at a shopping centre in Denver, Colorado, United States. Two people were killed and three others were injured in the attack."])
        w.writerow([2016, 5, 6, 41.88, -87.63, 0, 0, "05/06/2016: Assailants set fire to a warehouse in Chicago, Illinois, United States. There were no reported casualties in the attack."])
        # deliberately wrong gold for the wounded
        w.writerow([2014, 0, 0, 33.75, -84.39, 1, 9, "2014: A gunman shot and killed a guard outside a bank in Atlanta, Georgia, United States. One other person was wounded."])
    assert detect_format(path) == "gtd"
    data = evaluate_json(str(path))
    preds = [o["predicted"] for o in data["outcomes"]]
    assert [(p["nkill"], p["nwound"]) for p in preds] == [(2, 3), (0, 0), (1, 1)]
    assert (metric(data, "nkill_exact")["hits"], metric(data, "nkill_exact")["n"]) == (3, 3)
    assert (metric(data, "nwound_exact")["hits"], metric(data, "nwound_exact")["n"]) == (2, 3)


# --------------------------------------------------------------------------- report and bad input


def test_html_report_has_plots_and_escapes_the_text(tmp_path):
    rows = ACLED_ROWS[:3] + [("T5", "2023-09-01", "Riots", "Mob violence", 0, GAO,
                              "On 1 September 2023, a crowd <script>alert(1)</script> gathered peacefully in Gao (Gao).")]
    report = tmp_path / "report.html"
    result = evaluate(str(write_acled(tmp_path / "s.csv", rows)), "--report", str(report))
    assert result.exit_code == 0, result.output
    page = report.read_text(encoding="utf-8")
    assert page.count("<img") >= 3  # distance histogram and two confusion heatmaps
    assert page.count("data:image/png;base64,") >= 3
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "event_type accuracy" in page


@pytest.mark.parametrize(
    "content, message",
    [
        ("id,text\n1,hello\n", "cannot tell its format"),
        ("notes,event_type\nsomething,Battles\n", "cannot tell its format"),
    ],
)
def test_unrecognised_files_fail_in_one_line(tmp_path, content, message):
    path = tmp_path / "x.csv"
    path.write_text(content, encoding="utf-8")
    result = evaluate(str(path))
    assert result.exit_code == 1
    assert message in result.stderr and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_columns_and_wrong_encoding_fail_in_one_line(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("notes,event_type\nsomething,Battles\n", encoding="utf-8")
    result = evaluate("--format", "acled", str(path))
    assert result.exit_code == 1 and "missing column(s) sub_event_type" in result.stderr

    latin = tmp_path / "latin.csv"
    latin.write_bytes("notes,event_type,sub_event_type\nCaf\xe9 attack,Battles,Armed clash\n".encode("latin-1"))
    result = evaluate("--format", "acled", str(latin))
    assert result.exit_code == 1 and "not UTF-8" in result.stderr

    empty = tmp_path / "empty.csv"
    empty.write_text("notes,event_type,sub_event_type\n", encoding="utf-8")
    result = evaluate("--format", "acled", str(empty))
    assert result.exit_code == 1 and "no rows" in result.stderr


def test_unwritable_report_is_refused_before_the_run(tmp_path):
    result = evaluate(str(write_acled(tmp_path / "s.csv")), "--report", str(tmp_path / "missing" / "r.html"))
    assert result.exit_code == 2 and "cannot write" in result.output


def test_distance_metric_skips_nan_gold_points(tmp_path):
    rows = [ACLED_ROWS[0][:5] + ((math.nan, math.nan),) + ACLED_ROWS[0][6:]]
    data = evaluate_json(str(write_acled(tmp_path / "nan.csv", rows)))
    assert metric(data, "location_25km")["n"] == 0
    assert metric(data, "location_25km")["value"] is None


# --------------------------------------------------------------------------- tuning and checking halves


def test_the_split_is_a_fixed_rule_of_the_id_and_about_half_half():
    ids = [f"XYZ{i}" for i in range(4000)]
    halves = [half_of(i) for i in ids]
    assert halves == [half_of(i) for i in reversed(ids)][::-1]  # the same whatever the order
    assert set(halves) == {"tuning", "checking"}
    assert 0.46 < halves.count("tuning") / len(ids) < 0.54
    # the documented rule, spelled out: SHA-256 of the id, even -> tuning
    for i in ids[:200]:
        even = int(hashlib.sha256(i.encode("utf-8")).hexdigest(), 16) % 2 == 0
        assert half_of(i) == ("tuning" if even else "checking")
    # pinned, so that a change of rule cannot pass unnoticed (the samples below rely on it)
    assert [half_of(i) for i in ("T1", "T2", "T3", "T4", "T6")] == ["tuning", "checking", "checking", "tuning", "checking"]


# T1 and T4 fall in the tuning half, T2, T3 and T6 in the checking half. T4 (a protest
# coded as a riot) and T6 (a drone strike coded as an armed clash) have wrong gold on
# purpose: one type error in each half.
SPLIT_ROWS = ACLED_ROWS + [
    ("T6", "2023-05-06", "Battles", "Armed clash", 4, KISMAYO,
     "On 6 May 2023, a drone strike killed 4 militants near Kismayo (Lower Juba)."),
]


def test_every_metric_is_shown_for_all_rows_and_both_halves_in_json(tmp_path):
    data = evaluate_json(str(write_acled(tmp_path / "split.csv", SPLIT_ROWS)))
    assert data["split"]["rows"] == {"all": 5, "tuning": 2, "checking": 3}
    assert "SHA-256" in data["split"]["rule"]
    halves = {o["id"]: o["half"] for o in data["outcomes"]}
    assert halves == {"T1": "tuning", "T2": "checking", "T3": "checking", "T4": "tuning", "T6": "checking"}
    for m in data["metrics"]:
        if m["unit"] != "share":
            continue
        for half in ("tuning", "checking"):
            assert m[half] is not None, (m["key"], half)
        # the halves' counts add up to the whole
        assert m["tuning"]["n"] + m["checking"]["n"] == m["n"], m["key"]
        assert m["tuning"]["hits"] + m["checking"]["hits"] == m["hits"], m["key"]
    event_type = metric(data, "event_type")
    assert (event_type["hits"], event_type["n"]) == (3, 5)
    assert (event_type["tuning"]["hits"], event_type["tuning"]["n"]) == (1, 2)  # T4 wrong
    assert (event_type["checking"]["hits"], event_type["checking"]["n"]) == (2, 3)  # T6 wrong
    assert event_type["tuning"]["value"] == pytest.approx(0.5)


def test_the_text_report_puts_the_halves_side_by_side(tmp_path):
    result = evaluate(str(write_acled(tmp_path / "split.csv", SPLIT_ROWS)))
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "Split: 5 rows: tuning half 2 rows, checking half 3 rows" in text
    assert re.search(r"all \(5\)\s+tuning \(2\)\s+checking \(3\)", text)
    assert re.search(r"event_type accuracy\s+60\.0% \(3/5\)\s+50\.0% \(1/2\)\s+66\.7% \(2/3\)", text)


def test_half_evaluates_only_the_rows_of_that_half(tmp_path):
    path = str(write_acled(tmp_path / "split.csv", SPLIT_ROWS))
    data = evaluate_json(path, "--half", "checking")
    assert data["items"] == 3 and data["half"] == "checking"
    assert sorted(o["id"] for o in data["outcomes"]) == ["T2", "T3", "T6"]
    assert data["split"]["rows"] == {"all": 5, "tuning": 2, "checking": 3}  # what the file holds
    assert "tuning" not in metric(data, "event_type")  # one half: no columns beside it
    assert (metric(data, "event_type")["hits"], metric(data, "event_type")["n"]) == (2, 3)

    text = evaluate(path, "--half", "tuning").stdout
    assert "only the tuning half evaluated (--half tuning): 2 of 5 rows" in text
    assert re.search(r"event_type accuracy\s+50\.0%\s+\(1/2\)", text)


def test_half_and_errors_from_a_half_are_refused_for_a_format_without_halves(tmp_path):
    path = write_negatives(tmp_path / "negatives.jsonl")
    for option in (["--half", "tuning"], ["--errors-from", "checking"]):
        result = evaluate(str(path), *option)
        assert result.exit_code == 2 and "not split into halves" in result.output, option
    assert evaluate(str(path), "--errors-from", "all").exit_code == 0


def test_worst_errors_come_from_the_tuning_half_unless_asked(tmp_path):
    path = str(write_acled(tmp_path / "split.csv", SPLIT_ROWS))
    text = evaluate(path).stdout
    assert "Worst errors below: from the tuning half only (2 rows); --errors-from all lists all." in text
    assert "Worst errors: event type (1 of 1)" in text
    assert "students demonstrated peacefully" in text  # T4, tuning
    assert "T6:" not in text  # the checking half's error is not shown

    data = evaluate_json(path)
    assert data["errors_from"] == "tuning"
    assert data["errors"] and {e["half"] for e in data["errors"]} == {"tuning"}

    everything = evaluate(path, "--errors-from", "all").stdout
    assert "Worst errors below: from all rows" in everything
    assert "Worst errors: event type (2 of 2)" in everything and "T6:" in everything

    # only the checking half read: its errors stay hidden unless asked for
    hidden = evaluate(path, "--half", "checking").stdout
    assert "none are listed" in hidden and "T6:" not in hidden
    assert "T6:" in evaluate(path, "--half", "checking", "--errors-from", "checking").stdout


def test_per_sub_event_type_accuracy_in_text_and_json(tmp_path):
    path = str(write_acled(tmp_path / "split.csv", SPLIT_ROWS))
    data = evaluate_json(path)
    table = {a["label"]: a for a in data["label_accuracy"]}
    # the gold sub-types present, in ACLED's order
    assert list(table) == ["Armed clash", "Air/drone strike", "Peaceful protest", "Violent demonstration"]
    # recomputed from the outcomes
    for label, a in table.items():
        rows = [o for o in data["outcomes"] if o["gold"]["sub_event_type"] == label]
        correct = sum(o["predicted"]["sub_event_type"] == label for o in rows)
        assert (a["n"], a["correct"]) == (len(rows), correct), label
        assert a["tuning"]["n"] + a["checking"]["n"] == a["n"]
    # T3 is a real clash, T6 a drone strike coded as a clash; T4 is no violent demonstration
    assert (table["Armed clash"]["n"], table["Armed clash"]["correct"]) == (2, 1)
    assert table["Armed clash"]["accuracy"] == pytest.approx(0.5)
    assert table["Violent demonstration"]["correct"] == 0
    assert table["Violent demonstration"]["tuning"] == {"n": 1, "correct": 0, "accuracy": 0.0}
    assert table["Violent demonstration"]["checking"] == {"n": 0, "correct": 0, "accuracy": None}

    text = evaluate(path).stdout
    assert "Per sub-event type (sub_event_type accuracy of the rows with that ACLED sub-type)" in text
    assert re.search(r"^\s+Armed clash\s+2\s+1\s+50\.0%\s+n/a \(0\)\s+50\.0% \(2\)$", text, re.M)
    assert re.search(r"^\s+Peaceful protest\s+1\s+1\s+100\.0%", text, re.M)


def test_html_report_shows_the_halves_and_the_sub_type_table(tmp_path):
    report = tmp_path / "split.html"
    result = evaluate(str(write_acled(tmp_path / "split.csv", SPLIT_ROWS)), "--report", str(report))
    assert result.exit_code == 0, result.output
    page = report.read_text(encoding="utf-8")
    assert "<th>tuning (2)</th>" in page and "<th>checking (3)</th>" in page
    assert "Per sub-event type" in page
    assert "from the tuning half only" in page


# --------------------------------------------------------------------------- negatives

# Documents in which ACLED would code nothing, in four kinds, and one ("planted") that
# does describe an attack: listed as a negative on purpose, to show a false positive
# counted. "recalled" mentions an attack only as the town's history: a background event,
# which is not a false positive.
NEGATIVES = [
    ("s1", "sport", "The striker shot the ball past the keeper in the second half, and United beat City 2-1 on Saturday."),
    ("r1", "recipe", "Chop two onions, fry them in butter until golden, then stir in the rice and simmer for twenty minutes."),
    ("w1", "software", "Version 3.2 of the library reduces the attack surface of the parser and fixes a crash when reading empty files."),
    ("d1", "disaster", "Heavy rain caused floods across the valley on Tuesday. Hundreds of homes were under water and two bridges collapsed."),
    ("h1", "history", "The town, which rebels attacked in 2012, held its annual music festival on Saturday."),
    ("x1", "disaster", "Gunmen attacked a village near Gao on Monday, killing five farmers."),
]


def write_negatives(path, docs=NEGATIVES):
    lines = [json.dumps({"id": i, "kind": k, "text": t, "published": "2024-03-05"}) for i, k, t in docs]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_negatives_are_detected_and_scored_per_kind(tmp_path):
    path = write_negatives(tmp_path / "negatives.jsonl")
    assert detect_format(path) == "negatives"
    data = evaluate_json(str(path))
    assert data["format"] == "negatives" and data["items"] == 6
    out = {o["id"]: o for o in data["outcomes"]}
    # the plain texts yield nothing; the attack is a false positive; the recalled one is not
    assert [i for i, o in out.items() if o["false_positive"]] == ["x1"]
    assert out["x1"]["predicted"]["event_types"] == ["Violence against civilians / Attack"]
    assert out["h1"]["predicted"] == {**out["h1"]["predicted"], "events": 0, "background_events": 1}

    overall = metric(data, "false_positive_rate")
    assert (overall["hits"], overall["n"]) == (1, 6)
    for kind in {o["kind"] for o in out.values()}:
        mine = [o["false_positive"] for o in out.values() if o["kind"] == kind]
        m = metric(data, f"false_positive_rate:{kind}")
        assert (m["hits"], m["n"]) == (sum(mine), len(mine)), kind
    assert metric(data, "false_positive_rate:disaster")["value"] == pytest.approx(0.5)
    assert metric(data, "with_any_event")["hits"] == 2  # the recalled attack counts there only

    errors = data["errors"]
    assert [(e["kind"], e["item"]) for e in errors] == [("false positive", "x1")]
    assert "Gunmen attacked a village near Gao" in errors[0]["text"]


def test_negatives_text_report_lists_the_false_documents(tmp_path):
    result = evaluate(str(write_negatives(tmp_path / "negatives.jsonl")))
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert re.search(r"false-positive rate \(with a current event\)\s+16\.7%\s+\(1/6\)", text)
    assert re.search(r"^\s+disaster\s+50\.0%\s+\(1/2\)", text, re.M)
    assert re.search(r"^\s+sport\s+0\.0%\s+\(0/1\)", text, re.M)
    assert "Worst errors: false positive (1 of 1)" in text
    assert "x1: gold no event (disaster); clashwatch Violence against civilians / Attack" in text
    assert "Split:" not in text and "Worst errors below" not in text  # not a split format


def test_a_jsonl_with_toponyms_is_still_geowebnews(tmp_path):
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps({"id": "g", "kind": "news", "text": "In Gao.", "toponyms": []}) + "\n", encoding="utf-8")
    assert detect_format(path) == "gwn"


def test_the_acled_source_column_is_read_as_the_outlet(tmp_path):
    """ACLED's ``source`` names the outlet; a Kenyan paper's Eastleigh is Nairobi's."""
    eastleigh = (-1.2762, 36.8503)
    note = "On 3 March 2023, police arrested dozens of people in Eastleigh."

    def within_25_km(source):
        path = tmp_path / f"{len(source)}.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["event_id_cnty", "event_date_iso", "event_type", "sub_event_type", "fatalities", "latitude", "longitude", "source", "notes"])
            w.writerow(["K1", "2023-03-03", "Strategic developments", "Arrests", 0, *eastleigh, source, note])
        return metric(evaluate_json(str(path)), "location_25km")["hits"]

    assert within_25_km("Star (Kenya)") == 1
    assert within_25_km("") == 0
