"""US federal holidays (5 U.S.C. § 6103), computed locally with the observed-day rule. No network."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

MONDAY, THURSDAY = 0, 3


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + timedelta(days=offset + 7 * (n - 1))


def _last_weekday(year: int, month: int, weekday: int) -> date:
    last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _observed(day: date) -> date:
    """A holiday on a Saturday is observed on Friday; on a Sunday, on Monday."""
    if day.weekday() == 5:
        return day - timedelta(days=1)
    if day.weekday() == 6:
        return day + timedelta(days=1)
    return day


@lru_cache(maxsize=64)
def federal_holidays(year: int) -> dict[date, str]:
    """The days federal offices are closed for a holiday in ``year`` (observed dates)."""
    days: dict[date, str] = {}

    def fixed(month: int, day: int, name: str) -> None:
        days[_observed(date(year, month, day))] = name

    fixed(1, 1, "New Year's Day")
    days[_nth_weekday(year, 1, MONDAY, 3)] = "Birthday of Martin Luther King, Jr."
    days[_nth_weekday(year, 2, MONDAY, 3)] = "Washington's Birthday"
    days[_last_weekday(year, 5, MONDAY)] = "Memorial Day"
    if year >= 2021:
        fixed(6, 19, "Juneteenth National Independence Day")
    fixed(7, 4, "Independence Day")
    days[_nth_weekday(year, 9, MONDAY, 1)] = "Labor Day"
    days[_nth_weekday(year, 10, MONDAY, 2)] = "Columbus Day"
    fixed(11, 11, "Veterans Day")
    days[_nth_weekday(year, 11, THURSDAY, 4)] = "Thanksgiving Day"
    fixed(12, 25, "Christmas Day")
    # New Year's Day of the next year can be observed on Dec 31 of this one.
    next_new_year = _observed(date(year + 1, 1, 1))
    if next_new_year.year == year:
        days[next_new_year] = "New Year's Day (observed)"
    return days


def is_holiday(day: date) -> bool:
    return day in federal_holidays(day.year)


def is_business_day(day: date) -> bool:
    return day.weekday() < 5 and not is_holiday(day)
