"""Swedish working days (R-S2).

A working day is Monday–Friday that is neither a public holiday nor midsommarafton, julafton or
nyårsafton. The `holidays` package lists the eves in its "de_facto" category; `include_sundays`
is passed explicitly because its default changed between versions (SPEC R-S2).
"""

from __future__ import annotations

import datetime
from functools import lru_cache

import holidays

ONE_DAY = datetime.timedelta(days=1)


@lru_cache(maxsize=64)
def _non_working_dates(year: int) -> frozenset[datetime.date]:
    calendar = holidays.Sweden(years=year, categories=("public", "de_facto"), include_sundays=False)
    return frozenset(calendar.keys())


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _non_working_dates(day.year)


def nth_working_day_before(day: datetime.date, n: int) -> datetime.date:
    """R-S2: the N-th working day before `day`, `day` itself not counted.

    With n = 10 and a meeting on a Thursday with no holidays around, this is the Thursday two
    weeks earlier: papers must be with the members on that day.
    """
    if n < 1:
        raise ValueError("n måste vara minst 1.")
    current = day
    remaining = n
    while remaining:
        current -= ONE_DAY
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days d with start <= d < end (0 when end <= start)."""
    count = 0
    current = start
    while current < end:
        if is_working_day(current):
            count += 1
        current += ONE_DAY
    return count


def paper_deadline(meeting_day: datetime.date, days: int, unit: str) -> datetime.date:
    """The day papers must be out: N working days before, or N calendar days for a group whose
    rule is in calendar days (Samverkansråd patientsäkerhet: "about two weeks")."""
    if unit == "calendar_days":
        return meeting_day - datetime.timedelta(days=days)
    return nth_working_day_before(meeting_day, days)


@lru_cache(maxsize=64)
def _holiday_names(year: int) -> dict[datetime.date, str]:
    calendar = holidays.Sweden(
        years=year, categories=("public", "de_facto"), include_sundays=False, language="sv"
    )
    return dict(calendar.items())


def holiday_name(day: datetime.date) -> str | None:
    """The Swedish name of the public holiday or de facto holiday (midsommarafton, julafton,
    nyårsafton) on `day`, or None: a meeting booked then gets a warning (R-S2's calendar)."""
    return _holiday_names(day.year).get(day)
