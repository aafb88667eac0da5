"""The month view of the meeting directory: which days a month shows, and its neighbours."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from meetings.forms import FIRST_YEAR, LAST_YEAR

# Monday first, as Swedish calendars are; (abbreviation, full name) for <abbr>.
WEEKDAYS = [
    ("mån", "måndag"),
    ("tis", "tisdag"),
    ("ons", "onsdag"),
    ("tor", "torsdag"),
    ("fre", "fredag"),
    ("lör", "lördag"),
    ("sön", "söndag"),
]


@dataclass(frozen=True)
class Month:
    first: datetime.date
    last: datetime.date
    weeks: list[list[datetime.date]]
    previous: datetime.date | None
    next: datetime.date | None


def calendar_month(year: int, month: int) -> Month:
    """The weeks (Monday to Sunday) covering the month; ValueError outside the bounded years."""
    if not (FIRST_YEAR <= year <= LAST_YEAR):
        raise ValueError("year out of range")
    first = datetime.date(year, month, 1)  # ValueError for a month outside 1–12
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month)
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = last + datetime.timedelta(days=1)
    return Month(
        first=first,
        last=last,
        weeks=weeks,
        previous=previous if previous.year >= FIRST_YEAR else None,
        next=following if following.year <= LAST_YEAR else None,
    )
