"""Pure rules for planning the year (R-G3, R-G4, R-S8)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

TOO_FEW = "too_few"
TOO_MANY = "too_many"
OK = "ok"


def frequency_status(count: int, minimum: int | None, maximum: int | None) -> str | None:
    """R-S8: meetings in a year against the group's rule (None when there is no rule)."""
    if minimum is None and maximum is None:
        return None
    if minimum is not None and count < minimum:
        return TOO_FEW
    if maximum is not None and count > maximum:
        return TOO_MANY
    return OK


def booking_deadline(year: int) -> datetime.date:
    """R-G3: next year's meetings are booked by the last day of November."""
    return datetime.date(year, 11, 30)


def booking_warning_active(today: datetime.date) -> bool:
    """From 1 November the planning view warns about groups whose next year is not booked."""
    return today >= datetime.date(today.year, 11, 1)


def next_year_booked(count: int, minimum: int | None) -> bool:
    """R-G3: a group meeting "efter behov" (no minimum) books as needs arise, so it is never
    short of next year's meetings."""
    if not minimum:
        return True
    return count >= minimum


@dataclass(frozen=True)
class Alignment:
    meeting_day: datetime.date
    next_lsg_day: datetime.date | None

    @property
    def days_before(self) -> int | None:
        if self.next_lsg_day is None:
            return None
        return (self.next_lsg_day - self.meeting_day).days

    @property
    def feeds_lsg(self) -> bool:
        """R-G4: a beredning meeting should come before an LSG meeting it can feed (≤ 8 weeks)."""
        return self.days_before is not None and 0 < self.days_before <= 56


def align_with_lsg(
    meeting_days: list[datetime.date], lsg_days: list[datetime.date]
) -> list[Alignment]:
    lsg_sorted = sorted(lsg_days)
    result = []
    for day in sorted(meeting_days):
        following = next((d for d in lsg_sorted if d > day), None)
        result.append(Alignment(day, following))
    return result


# --- Next year from this year's pattern ------------------------------------------------------

ONE_WEEK = datetime.timedelta(days=7)
FEEDS_WITHIN_DAYS = 56  # R-G4: the reach of `Alignment.feeds_lsg` (8 weeks)


def week_of_month(day: datetime.date) -> int:
    """Which of the month's same weekdays `day` is: 1 for the first Thursday, … 5 for a fifth."""
    return (day.day - 1) // 7 + 1


def pattern_day(day: datetime.date, year: int) -> datetime.date:
    """The day in `year` with `day`'s month, weekday and week of the month ("the second
    Thursday of March"). A fifth weekday the month lacks in `year` becomes its last one."""
    first = datetime.date(year, day.month, 1)
    first_match = first + datetime.timedelta(days=(day.weekday() - first.weekday()) % 7)
    candidate = first_match + (week_of_month(day) - 1) * ONE_WEEK
    if candidate.month != day.month:
        candidate -= ONE_WEEK
    return candidate


def fed_parent_day(day: datetime.date, parent_days: list[datetime.date]) -> datetime.date | None:
    """R-G4: the parent's meeting that a beredning meeting on `day` prepares: the first one
    after it, if within reach (the same rule as `Alignment.feeds_lsg`)."""
    alignment = align_with_lsg([day], parent_days)[0]
    return alignment.next_lsg_day if alignment.feeds_lsg else None


def place_before_parent(
    day: datetime.date, year: int, parent_days: list[datetime.date]
) -> datetime.date:
    """Next year's day for a beredning meeting held on `day` this year, when its parent (LSG)
    meets on `parent_days` this year (R-G4: the parent's dates steer the beredning).

    The beredning keeps its pattern (`pattern_day`) while that still comes before the parent's
    next-year meeting it prepares, within reach. Otherwise it keeps this year's distance to that
    meeting: the same number of days before the parent's pattern day (so also its weekday)."""
    proposed = pattern_day(day, year)
    fed = fed_parent_day(day, parent_days)
    if fed is None:
        return proposed
    target = pattern_day(fed, year)
    if 0 < (target - proposed).days <= FEEDS_WITHIN_DAYS:
        return proposed
    return target - (fed - day)
