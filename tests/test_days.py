"""Dates as people and files write them: ISO, ACLED's "06 April 2021", partial dates as ranges."""

from __future__ import annotations

import datetime as dt

import pytest

from clashwatch.days import DaySpan, day, span

D = dt.date


@pytest.mark.parametrize(
    "written, expected",
    [
        ("2022-09-16", DaySpan(D(2022, 9, 16), D(2022, 9, 16), "day")),
        ("16 September 2022", DaySpan(D(2022, 9, 16), D(2022, 9, 16), "day")),
        ("Sep 16, 2022", DaySpan(D(2022, 9, 16), D(2022, 9, 16), "day")),
        ("2022-09-16T22:15:00+05:00", DaySpan(D(2022, 9, 16), D(2022, 9, 16), "day")),
        ("2022-09", DaySpan(D(2022, 9, 1), D(2022, 9, 30), "month")),
        ("September 2022", DaySpan(D(2022, 9, 1), D(2022, 9, 30), "month")),
        ("2024-02", DaySpan(D(2024, 2, 1), D(2024, 2, 29), "month")),  # a leap year's February
        ("2022", DaySpan(D(2022, 1, 1), D(2022, 12, 31), "year")),
    ],
)
def test_what_a_written_date_covers(written, expected):
    assert span(written) == expected


@pytest.mark.parametrize("nonsense", ["", "   ", "banana", "5", "the day after the rains", "2022-13-01", "2022-02-30", "x" * 500])
def test_a_date_that_means_nothing_is_one_clear_error(nonsense):
    with pytest.raises(ValueError) as err:
        span(nonsense)
    message = str(err.value)
    assert "\n" not in message and "date" in message and len(message) < 160


def test_one_day_refuses_a_month():
    assert day("06 April 2021") == D(2021, 4, 6)
    with pytest.raises(ValueError, match="is a month, not a day"):
        day("2021-04")


def test_relative_dates_count_back_from_today():
    assert day("yesterday") == dt.date.today() - dt.timedelta(days=1)
