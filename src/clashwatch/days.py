"""Dates as people and files write them, for every date option, field and column.

    span("2022-09")            # DaySpan(2022-09-01, 2022-09-30, "month")
    span("16 September 2022")  # DaySpan(2022-09-16, 2022-09-16, "day")
    day("06 April 2021")       # 2021-04-06 (ACLED's own event_date form)

ISO forms (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``, an ISO 8601 timestamp) are read directly;
anything else goes to ``dateparser`` in English ("16 September 2022", "Sep 16, 2022",
"06 April 2021", "2 weeks ago"). A partial date stands for its whole month or year: as a
lower bound it is its first day, as an upper bound its last. A value that names no date
raises ``ValueError`` with one readable line.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

Precision = str  # "day", "month" or "year"

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})")
_ISO_YEAR = re.compile(r"\d{4}")
_ISO_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}.*")
# A bare small number ("5", "12") is a day of no month: refused rather than guessed.
_BARE_NUMBER = re.compile(r"\d{1,3}")
EXAMPLES = "2022-09-16, 16 September 2022, 2022-09 or 2022"


@dataclass(frozen=True)
class DaySpan:
    """The days a written date covers, and how precise it was."""

    first: dt.date
    last: dt.date
    precision: Precision

    @classmethod
    def of_day(cls, day: dt.date) -> "DaySpan":
        return cls(day, day, "day")


def _month(year: int, month: int) -> DaySpan:
    last = calendar.monthrange(year, month)[1]
    return DaySpan(dt.date(year, month, 1), dt.date(year, month, last), "month")


@cache
def _parser():
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first"})


def _iso(value: str) -> DaySpan | None:
    try:
        if m := _ISO_DAY.fullmatch(value):
            return DaySpan.of_day(dt.date(int(m[1]), int(m[2]), int(m[3])))
        if _ISO_STAMP.fullmatch(value):
            return DaySpan.of_day(dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date())
        if m := _ISO_MONTH.fullmatch(value):
            return _month(int(m[1]), int(m[2]))
        if _ISO_YEAR.fullmatch(value):
            year = int(value)
            return DaySpan(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a valid date ({exc})") from None
    return None


def span(value: str) -> DaySpan:
    """The days ``value`` covers; ``ValueError`` when it names no date."""
    text = " ".join(str(value).split())
    if not text:
        raise ValueError("an empty value is not a date")
    found = _iso(text)
    if found is not None:
        return found
    if _BARE_NUMBER.fullmatch(text) or len(text) > 64:
        raise ValueError(f"{text[:64]!r} is not a date (write it as {EXAMPLES})")
    try:
        data = _parser().get_date_data(text)
    except (ValueError, OverflowError):
        data = None
    if data is None or data.date_obj is None:
        raise ValueError(f"{text!r} is not a date (write it as {EXAMPLES})")
    when = data.date_obj.date()
    if data.period == "year":
        return DaySpan(dt.date(when.year, 1, 1), dt.date(when.year, 12, 31), "year")
    if data.period == "month":
        return _month(when.year, when.month)
    return DaySpan.of_day(when)


def day(value: str) -> dt.date:
    """One day: a partial date ("2022-09") is refused, since it names no single day."""
    found = span(value)
    if found.precision != "day":
        raise ValueError(f"{' '.join(str(value).split())!r} is a {found.precision}, not a day (write it as 2022-09-16)")
    return found.first
