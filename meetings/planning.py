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
