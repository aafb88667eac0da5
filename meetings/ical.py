"""iCalendar output for meetings (R-S7): one event per meeting, stable UIDs, Europe/Stockholm.

A meeting's UID never changes and its SEQUENCE grows when its time or place changes, so
calendar clients update the event instead of adding a second one. The product id and the UIDs'
domain are the county's (`structure.county`), never written here.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from functools import lru_cache

from django.utils import timezone
from icalendar import Calendar, Event, Timezone

from lib.dates import TZ
from meetings.models import Meeting
from structure import county

# Feeds leave out meetings stored outside these years (booking forms refuse them): the time zone
# rules and the calendar format cannot describe years 1 or 9999, and one such meeting must not
# break the whole feed for everyone.
FIRST_YEAR, LAST_YEAR = 1900, 2200


@lru_cache(maxsize=32)
def _vtimezone(first_year: int, last_year: int) -> Timezone:
    return Timezone.from_tzinfo(
        TZ,
        first_date=datetime.date(first_year - 1, 1, 1),
        last_date=datetime.date(last_year + 1, 12, 31),
    )


def meeting_uid(meeting: Meeting, domain: str) -> str:
    return f"{meeting.uid}@{domain}"


def _location(meeting: Meeting) -> str:
    return ", ".join(part for part in (meeting.location, meeting.link) if part)


def _public_location(meeting: Meeting) -> str:
    return meeting.location


def meeting_event(
    meeting: Meeting,
    domain: str,
    base_url: str = "",
    internal: bool = False,
    stamp: datetime.datetime | None = None,
) -> Event:
    """One VEVENT. Video links are for the group's members: only `internal` events carry them.
    `domain` is the county's calendar domain (the UID's right-hand side). `stamp` is the moment
    the file is made (RFC 5545 §3.8.7.2 DTSTAMP), never the meeting's own date."""
    tz = TZ
    event = Event()
    event.add("uid", meeting_uid(meeting, domain))
    event.add("sequence", meeting.ical_sequence)
    event.add("summary", meeting.display_title)
    event.add("dtstart", meeting.starts_at.astimezone(tz))
    event.add("dtend", meeting.ends_at.astimezone(tz))
    event.add("dtstamp", file_stamp() if stamp is None else stamp)
    if location := (_location(meeting) if internal else _public_location(meeting)):
        event.add("location", location)
    description = f"{meeting.group.name}. Mötesform: {meeting.get_form_display().lower()}."
    if internal and meeting.link:
        description += f" Länk: {meeting.link}"
    event.add("description", description)
    if base_url:
        event.add("url", base_url.rstrip("/") + meeting.get_absolute_url())
    event.add("status", "CANCELLED" if meeting.cancelled else "CONFIRMED")
    return event


def file_stamp() -> datetime.datetime:
    """Now, in UTC to the second: the DTSTAMP of every event in a file made now."""
    return timezone.now().astimezone(datetime.UTC).replace(microsecond=0)


def calendar_for(
    meetings: Iterable[Meeting],
    name: str,
    base_url: str = "",
    method: str | None = None,
    internal: bool = False,
) -> bytes:
    facts = county.current()
    calendar = Calendar()
    calendar.add("prodid", facts.prodid)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TZ.key)
    meetings = [m for m in meetings if _describable(m)]
    if meetings:
        first = min(m.starts_at for m in meetings)
        last = max(m.ends_at for m in meetings)
        calendar.add_component(_vtimezone(first.year, last.year))
    stamp = file_stamp()
    for meeting in meetings:
        calendar.add_component(
            meeting_event(meeting, facts.calendar_domain, base_url, internal, stamp)
        )
    return calendar.to_ical()


def _describable(meeting: Meeting) -> bool:
    return all(
        FIRST_YEAR <= moment.year <= LAST_YEAR
        for moment in (meeting.starts_at, meeting.ends_at)
        if moment is not None
    )
