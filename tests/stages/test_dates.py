"""Temporal expressions: find_dates over real spaCy parses."""

from __future__ import annotations

from support.paths import SEED

import datetime as dt

import pytest

from clashwatch.stages.dates import find_dates
from clashwatch.model import TimeMention
from clashwatch.nlp import load_model

D = dt.date
SEED_PUBLISHED = D(2022, 9, 19)  # a Monday


@pytest.fixture(scope="module")
def nlp():
    return load_model()


@pytest.fixture(scope="module")
def seed_doc(nlp):
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED}")
    return nlp(SEED.read_text(encoding="utf-8"))


def mentions(nlp, text: str, published: dt.date) -> list[TimeMention]:
    found = find_dates(nlp(text), published)
    check_invariants(text, found, published)
    return found


def check_invariants(text: str, found: list[TimeMention], published: dt.date) -> None:
    prev_end = -1
    for m in found:
        assert text[m.start : m.end] == m.text
        assert m.start >= prev_end, "mentions must be sorted and must not overlap"
        prev_end = m.end
        assert m.date_start <= m.date_end <= published, m
        assert m.time_precision in ("day", "week", "month", "year")
        if m.since:
            assert m.date_end == published


def get(found: list[TimeMention], text: str, nth: int = 0) -> TimeMention:
    hits = [m for m in found if m.text == text]
    assert len(hits) > nth, f"no mention {text!r} in {[m.text for m in found]}"
    return hits[nth]


def reading(m: TimeMention) -> tuple:
    return (m.date_start, m.date_end, m.time_precision, m.since)


# --------------------------------------------------------------------------- the seed article


def test_seed_article_all_dates(seed_doc):
    found = find_dates(seed_doc, SEED_PUBLISHED)
    check_invariants(seed_doc.text, found, SEED_PUBLISHED)
    assert [m.text for m in found] == [
        "last week",
        "Friday",
        "Later that day",
        "Sunday",
        "since Friday",
        "Sunday",
        "the early 1990s",
        "Since April 2021",
    ]


def test_seed_last_week_is_previous_monday_to_sunday(seed_doc):
    m = get(find_dates(seed_doc, SEED_PUBLISHED), "last week")
    assert reading(m) == (D(2022, 9, 12), D(2022, 9, 18), "week", False)


def test_seed_on_friday_and_on_sunday(seed_doc):
    found = find_dates(seed_doc, SEED_PUBLISHED)
    friday = get(found, "Friday")
    assert seed_doc.text[friday.start - 3 : friday.end] == "On Friday"
    assert reading(friday) == (D(2022, 9, 16), D(2022, 9, 16), "day", False)
    for nth in (0, 1):  # "announced on Sunday", "On Sunday, Russian President ..."
        assert reading(get(found, "Sunday", nth)) == (D(2022, 9, 18), D(2022, 9, 18), "day", False)


def test_seed_since_friday(seed_doc):
    m = get(find_dates(seed_doc, SEED_PUBLISHED), "since Friday")
    assert reading(m) == (D(2022, 9, 16), SEED_PUBLISHED, "day", True)


def test_seed_later_that_day_follows_friday(seed_doc):
    m = get(find_dates(seed_doc, SEED_PUBLISHED), "Later that day")
    assert reading(m) == (D(2022, 9, 16), D(2022, 9, 16), "day", False)


def test_seed_early_1990s(seed_doc):
    m = get(find_dates(seed_doc, SEED_PUBLISHED), "the early 1990s")
    assert m.time_precision == "year"
    assert D(1990, 1, 1) <= m.date_start < m.date_end <= D(1999, 12, 31)
    assert (m.date_start, m.date_end) == (D(1990, 1, 1), D(1993, 12, 31))


def test_seed_since_april_2021(seed_doc):
    # In the seed, "April 2021" follows "Since": a month-precision start, open to publication.
    m = get(find_dates(seed_doc, SEED_PUBLISHED), "Since April 2021")
    assert reading(m) == (D(2021, 4, 1), SEED_PUBLISHED, "month", True)


def test_seed_numbers_are_not_dates(seed_doc):
    text = seed_doc.text
    found = find_dates(seed_doc, SEED_PUBLISHED)
    for number in ("970-kilometer", "nearly half", "12 deaths", "36", "at least 100", "at least 50"):
        pos = text.index(number)
        assert not any(m.start < pos + len(number) and pos < m.end for m in found), number


# --------------------------------------------------------------------------- month and year


def test_month_year_is_the_whole_month(nlp):
    m = get(mentions(nlp, "Clashes in April 2021 left 50 dead.", SEED_PUBLISHED), "April 2021")
    assert reading(m) == (D(2021, 4, 1), D(2021, 4, 30), "month", False)


def test_month_without_year_is_never_in_the_future(nlp):
    found = mentions(nlp, "Fighting broke out in April and again in October.", SEED_PUBLISHED)
    assert reading(get(found, "April")) == (D(2022, 4, 1), D(2022, 4, 30), "month", False)
    assert reading(get(found, "October")) == (D(2021, 10, 1), D(2021, 10, 31), "month", False)
    # the current month runs to publication
    current = get(mentions(nlp, "Fighting broke out in September.", SEED_PUBLISHED), "September")
    assert reading(current) == (D(2022, 9, 1), SEED_PUBLISHED, "month", False)


def test_month_last_year_and_modifiers(nlp):
    found = mentions(nlp, "It began in April last year, flared in mid-May and again in early 2021.", SEED_PUBLISHED)
    assert reading(get(found, "April last year")) == (D(2021, 4, 1), D(2021, 4, 30), "month", False)
    assert reading(get(found, "mid-May")) == (D(2022, 5, 11), D(2022, 5, 20), "month", False)
    assert reading(get(found, "early 2021")) == (D(2021, 1, 1), D(2021, 4, 30), "year", False)


def test_years_and_decades(nlp):
    found = mentions(nlp, "The dispute dates from the 1990s and flared in 2021 and between 2014 and 2016.", SEED_PUBLISHED)
    assert reading(get(found, "the 1990s")) == (D(1990, 1, 1), D(1999, 12, 31), "year", False)
    assert reading(get(found, "2021")) == (D(2021, 1, 1), D(2021, 12, 31), "year", False)
    assert reading(get(found, "2014 and 2016")) == (D(2014, 1, 1), D(2016, 12, 31), "year", False)


def test_relative_months_and_years(nlp):
    text = "Earlier this month, 5 died. Last month, 9 died. This year, 40 died. Last year, 70 died."
    found = mentions(nlp, text, SEED_PUBLISHED)
    assert reading(get(found, "Earlier this month")) == (D(2022, 9, 1), SEED_PUBLISHED, "month", False)
    assert reading(get(found, "Last month")) == (D(2022, 8, 1), D(2022, 8, 31), "month", False)
    assert reading(get(found, "This year")) == (D(2022, 1, 1), SEED_PUBLISHED, "year", False)
    assert reading(get(found, "Last year")) == (D(2021, 1, 1), D(2021, 12, 31), "year", False)


# --------------------------------------------------------------------------- full dates


@pytest.mark.parametrize(
    "text, expected",
    [
        ("On 6 April 2021, gunmen attacked a checkpoint.", ("6 April 2021", D(2021, 4, 6), D(2021, 4, 6))),
        ("On April 6, 2021, gunmen attacked a checkpoint.", ("April 6, 2021", D(2021, 4, 6), D(2021, 4, 6))),
        ("On 1st May 2020, gunmen attacked a checkpoint.", ("1st May 2020", D(2020, 5, 1), D(2020, 5, 1))),
        ("The attack on 2020-05-04 killed two.", ("2020-05-04", D(2020, 5, 4), D(2020, 5, 4))),
        ("Protesters gathered in Osh [13 February].", ("13 February", D(2022, 2, 13), D(2022, 2, 13))),
        ("Shelling was reported on 15/04 near Batken.", ("15/04", D(2022, 4, 15), D(2022, 4, 15))),
        ("On 23 and 24 March, clashes took place.", ("23 and 24 March", D(2022, 3, 23), D(2022, 3, 24))),
        ("On 30 September, troops clashed.", ("30 September", D(2021, 9, 30), D(2021, 9, 30))),
        ("From 30 March to 2 April 2021, troops clashed.", ("30 March to 2 April 2021", D(2021, 3, 30), D(2021, 4, 2))),
        ("FRIDAY, SEPT. 16, 2022 -- Troops clashed.", ("FRIDAY, SEPT. 16, 2022", D(2022, 9, 16), D(2022, 9, 16))),
    ],
)
def test_full_dates(nlp, text, expected):
    quote, start, end = expected
    m = get(mentions(nlp, text, SEED_PUBLISHED), quote)
    assert (m.date_start, m.date_end, m.time_precision) == (start, end, "day")


def test_day_month_after_publication_goes_to_previous_year(nlp):
    # published 2022-03-20: "23 and 24 March" has not happened yet this year
    m = get(mentions(nlp, "On 23 and 24 March, clashes took place.", D(2022, 3, 20)), "23 and 24 March")
    assert (m.date_start, m.date_end) == (D(2021, 3, 23), D(2021, 3, 24))
    # published 2022-03-23: the range starts on publication and is cut there
    m = get(mentions(nlp, "On 23 and 24 March, clashes took place.", D(2022, 3, 23)), "23 and 24 March")
    assert (m.date_start, m.date_end) == (D(2022, 3, 23), D(2022, 3, 23))


@pytest.mark.parametrize(
    "text",
    [
        "The clash on 32 February killed 5 people.",
        "Shelling on 31 April was reported.",
        "Reports dated 45/13 were false.",
        "The 2022-13-45 attack.",
        "On 0 May, nothing.",
    ],
)
def test_malformed_dates_do_not_crash(nlp, text):
    found = mentions(nlp, text, SEED_PUBLISHED)
    assert not any(ch.isdigit() for m in found for ch in m.text), found


def test_empty_and_dateless_text(nlp):
    assert mentions(nlp, "", SEED_PUBLISHED) == []
    assert mentions(nlp, "Troops fired 12 mortars across 970 metres.", SEED_PUBLISHED) == []


# --------------------------------------------------------------------------- weekdays


def test_weekday_rule_same_day_as_publication(nlp):
    # Published on a Friday: "on Friday" is the publication day, "last Friday" a week before.
    found = mentions(nlp, "On Friday, troops shelled the village. Last Friday, they withdrew.", D(2022, 9, 16))
    assert get(found, "Friday").date_start == D(2022, 9, 16)
    assert get(found, "Last Friday").date_start == D(2022, 9, 9)


def test_last_friday_across_a_month_boundary(nlp):
    m = get(mentions(nlp, "Militants attacked the post last Friday.", D(2022, 10, 3)), "last Friday")
    assert reading(m) == (D(2022, 9, 30), D(2022, 9, 30), "day", False)


def test_weekday_with_part_of_day_and_previous_night(nlp):
    found = mentions(nlp, "He was killed on Sunday night; a drone had struck the previous night.", SEED_PUBLISHED)
    assert reading(get(found, "Sunday night")) == (D(2022, 9, 18), D(2022, 9, 18), "day", False)
    assert reading(get(found, "the previous night")) == (D(2022, 9, 17), D(2022, 9, 17), "day", False)


def test_future_weekdays_and_months_are_skipped(nlp):
    text = (
        "Talks will be held on Friday. Elections are scheduled for December. "
        "The vote is next Tuesday. Parliament will meet on 25 September."
    )
    assert mentions(nlp, text, SEED_PUBLISHED) == []


def test_named_days_are_not_weekdays(nlp):
    assert mentions(nlp, "Commemorations of Bloody Sunday and Good Friday were held.", SEED_PUBLISHED) == []


# --------------------------------------------------------------------------- relative expressions


def test_relative_days(nlp):
    text = "Yesterday, a mine exploded. Earlier today, troops withdrew. Two days ago, 3 died. The previous night was calm."
    found = mentions(nlp, text, SEED_PUBLISHED)
    assert reading(get(found, "Yesterday")) == (D(2022, 9, 18), D(2022, 9, 18), "day", False)
    assert reading(get(found, "Earlier today")) == (SEED_PUBLISHED, SEED_PUBLISHED, "day", False)
    assert reading(get(found, "Two days ago")) == (D(2022, 9, 17), D(2022, 9, 17), "day", False)
    # anchored on "Two days ago"
    assert reading(get(found, "The previous night")) == (D(2022, 9, 16), D(2022, 9, 16), "day", False)


def test_previous_night_without_anchor_is_the_night_before_publication(nlp):
    m = get(mentions(nlp, "Shelling continued through the previous night.", SEED_PUBLISHED), "the previous night")
    assert m.date_start == D(2022, 9, 18)


def test_weeks_and_weekends(nlp):
    text = "This week, talks stalled. Over the weekend, drones struck. Last week, 4 died."
    found = mentions(nlp, text, SEED_PUBLISHED)
    assert reading(get(found, "This week")) == (SEED_PUBLISHED, SEED_PUBLISHED, "week", False)
    assert reading(get(found, "the weekend")) == (D(2022, 9, 17), D(2022, 9, 18), "week", False)
    assert reading(get(found, "Last week")) == (D(2022, 9, 12), D(2022, 9, 18), "week", False)
    wed = D(2022, 9, 21)
    found = mentions(nlp, "This week, talks stalled.", wed)
    assert reading(get(found, "This week")) == (D(2022, 9, 19), wed, "week", False)


def test_since_expressions(nlp):
    found = mentions(nlp, "Since April 2021, 50 died. Since last week, 9 died.", SEED_PUBLISHED)
    assert reading(get(found, "Since April 2021")) == (D(2021, 4, 1), SEED_PUBLISHED, "month", True)
    assert reading(get(found, "Since last week")) == (D(2022, 9, 12), SEED_PUBLISHED, "week", True)


def test_ranges_ordinals_and_centuries(nlp):
    text = (
        "Fighting raged from Friday to Sunday. On the sixteenth of September, a truce held. "
        "Villages were razed in the 1800s. It was 10:30 on 3/4 cups of tea."
    )
    found = mentions(nlp, text, SEED_PUBLISHED)
    assert reading(get(found, "Friday to Sunday")) == (D(2022, 9, 16), D(2022, 9, 18), "day", False)
    assert reading(get(found, "the sixteenth of September")) == (D(2022, 9, 16), D(2022, 9, 16), "day", False)
    assert reading(get(found, "the 1800s")) == (D(1800, 1, 1), D(1899, 12, 31), "year", False)
    assert not any("3/4" in m.text for m in found)


def test_last_weekend_published_on_a_saturday(nlp):
    saturday = D(2022, 9, 24)
    found = mentions(nlp, "Last weekend, drones struck. Over the weekend, talks resumed.", saturday)
    assert reading(get(found, "Last weekend")) == (D(2022, 9, 17), D(2022, 9, 18), "week", False)
    assert reading(get(found, "the weekend")) == (saturday, saturday, "week", False)


# --------------------------------------------------------------------------- never after publication


WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


@pytest.fixture(scope="module")
def property_docs(nlp):
    sentences = []
    for wd in WEEKDAYS:
        sentences += [
            f"On {wd}, troops clashed.",
            f"Last {wd}, a drone struck.",
            f"This {wd}, shelling resumed.",
            f"Fighting has continued since {wd}.",
            f"{wd} night was calm.",
        ]
    for i, month in enumerate(MONTHS, start=1):
        sentences += [
            f"In {month}, troops clashed.",
            f"Since early {month}, 10 people died.",
            f"Last {month}, a drone struck.",
            f"On {i} {month}, shelling resumed.",
            f"On {month} 28, a mine exploded.",
            f"On 29 and 30 {month}, fighting raged.",
            f"Protesters gathered [{i + 10} {month}].",
            f"On {i + 12}/{i:02d}, an attack was reported.",
        ]
    sentences += [
        "Yesterday, two died. Today, three died. Last week, four died. This week, five died.",
        "Earlier this month, six died. Last month, seven died. This year, eight died. Last year, nine died.",
        "Over the weekend, ten died. Two days ago, one died. The previous night was calm. Later that day, talks began.",
        "In 2022, the war began. The next day, troops withdrew. Two days later, they returned.",
        "Earlier today, a strike hit. Three weeks ago, a truce failed. A few days ago, ten died.",
        "The past three days were quiet. On the 30th, shelling resumed. On 29 February, a mine exploded.",
    ]
    return [nlp(" ".join(sentences[i : i + 8])) for i in range(0, len(sentences), 8)]


def test_nothing_is_ever_after_publication(property_docs):
    start = D(2023, 12, 25)
    published_dates = [start + dt.timedelta(days=n) for n in range(0, 430, 3)]  # every weekday, leap day, year end
    published_dates += [D(2024, 2, 29), D(2024, 3, 1), D(2024, 1, 1), D(2023, 12, 31), D(2024, 10, 1), D(2024, 9, 30)]
    total = 0
    for published in published_dates:
        for doc in property_docs:
            found = find_dates(doc, published)
            check_invariants(doc.text, found, published)
            total += len(found)
    assert total > 100 * len(published_dates)


def test_accepts_a_datetime(nlp):
    found = find_dates(nlp("Yesterday, two died."), dt.datetime(2022, 9, 19, 23, 30))
    assert reading(get(found, "Yesterday")) == (D(2022, 9, 18), D(2022, 9, 18), "day", False)


# --------------------------------------------------------------------------- ranges, abbreviations, names


def test_yearless_range_running_past_publication_keeps_the_current_year(nlp):
    # published on the range's first day: the range starts that day, its end is cut
    found = mentions(nlp, "Residents chased the thieves (between 30 June - 1 July), police said.", D(2021, 6, 30))
    assert reading(get(found, "30 June - 1 July")) == (D(2021, 6, 30), D(2021, 6, 30), "day", False)


def test_yearless_range_across_new_year(nlp):
    found = mentions(nlp, "Fighting raged from 30 December to 2 January.", D(2022, 1, 5))
    assert reading(get(found, "30 December to 2 January")) == (D(2021, 12, 30), D(2022, 1, 2), "day", False)


def test_three_letter_june_and_july(nlp):
    found = mentions(nlp, "On Jun 15th 2019, a bomb exploded. On Jul 2 2019, another followed.", D(2019, 7, 10))
    assert reading(get(found, "Jun 15th 2019")) == (D(2019, 6, 15), D(2019, 6, 15), "day", False)
    assert reading(get(found, "Jul 2 2019")) == (D(2019, 7, 2), D(2019, 7, 2), "day", False)


def test_day_and_month_naming_a_place_is_no_date(nlp):
    found = mentions(nlp, "On 3 May 2021, shells hit the March 8 neighbourhood of the city.", D(2021, 5, 3))
    assert [m.text for m in found] == ["3 May 2021"]


# --------------------------------------------------------------------------- the calendar's ends

EXTREME_TEXT = (
    "On 31 December, gunmen attacked the village. The next day, police arrived. The day before, a drone struck. "
    "Fighting went on this week, yesterday, the previous night, last week, two weeks ago, over the weekend "
    "and since March; in the past three days, later that day and on Sunday, troops shelled the town."
)


@pytest.mark.parametrize("published", [D(1, 1, 1), D(1, 1, 3), D(9999, 12, 31), D(9999, 12, 27)])
def test_the_calendars_first_and_last_days_never_raise(nlp, published):
    # a reading that would leave years 1 to 9999 is skipped or stops at the calendar's end
    found = mentions(nlp, EXTREME_TEXT, published)
    assert found, "some expressions still resolve"


def test_at_the_calendars_first_day_the_day_before_is_skipped(nlp):
    found = mentions(nlp, "On 1 January, gunmen attacked. The day before, police arrived.", D(1, 1, 1))
    assert [(m.text, m.date_start) for m in found] == [("1 January", D(1, 1, 1))]


def test_at_the_calendars_last_day_a_week_ends_there(nlp):
    found = mentions(nlp, "Fighting went on this week and on 31 December.", D(9999, 12, 31))
    assert reading(get(found, "this week")) == (D(9999, 12, 27), D(9999, 12, 31), "week", False)
    # the week of 31 December 9999 would end on a Sunday in year 10000
    found = mentions(nlp, "Talks were held in the week of 31 December.", D(9999, 12, 31))
    assert reading(get(found, "the week of 31 December")) == (D(9999, 12, 27), D(9999, 12, 31), "week", False)


def test_a_date_a_plan_is_set_for_is_skipped(nlp):
    # issue 18 round 2: a participle of planning ('the vote scheduled for Friday', 'talks
    # planned for 30 September') and a coming day in the present tense ('the festival
    # that begins on 25 September') name days to come, not a past one
    text = (
        "Troops were deployed ahead of the vote scheduled for Friday. "
        "Police raised their alert before the festival that begins on 25 September."
    )
    assert mentions(nlp, text, SEED_PUBLISHED) == []


def test_a_present_tense_headline_keeps_its_past_day(nlp):
    # the headline present tells a past event: the day stays a past day
    m = get(mentions(nlp, "Gunmen kill five farmers on Friday.", SEED_PUBLISHED), "Friday")
    assert m.date_end <= SEED_PUBLISHED


def test_a_date_glossed_in_brackets_is_one_date(nlp):
    # issue 18 round 2: 'yesterday (3 June)' is 3 June whatever the publication date says;
    # 'around 12 March (between 11 March - 13 March)' is 12 March, not the gloss's first day
    found = mentions(nlp, "Pirates boarded a tanker off Lagos yesterday (3 June), the navy said.", D(2021, 6, 3))
    assert [(m.text, m.date_start, m.date_end) for m in found] == [("yesterday", D(2021, 6, 3), D(2021, 6, 3))]
    found = mentions(nlp, "Around 12 March 2021 (between 11 March - 13 March), militiamen burned a village.", D(2021, 3, 14))
    assert [(m.date_start, m.date_end) for m in found] == [(D(2021, 3, 12), D(2021, 3, 12))]
    # two dates in a row without brackets stay two dates
    found = mentions(nlp, "Fighting broke out on 11 March and resumed on 13 March.", D(2021, 3, 14))
    assert len(found) == 2


def test_an_ordinal_before_a_name_numbers_a_unit_not_a_day(nlp):
    # 'the 1st Naval Brigade', 'the 3rd Infantry Division' are units; 'on the 3rd' alone is a day
    text = "Fighters of the 1st Naval Brigade and the 3rd Infantry Division left their posts."
    assert not mentions(nlp, text, D(2021, 5, 20))
    found = mentions(nlp, "Gunmen raided the market on the 3rd.", D(2021, 5, 20))
    assert [m.date_start for m in found] == [D(2021, 5, 3)]
