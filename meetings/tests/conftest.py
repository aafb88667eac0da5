"""Builders for meeting tests: a booked meeting with a filled agenda."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone

from accounts.models import User
from meetings import services
from structure.models import Group
from testing.builders import council, demo_coordinator, member_user

TZ = zoneinfo.ZoneInfo("Europe/Stockholm")


def at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), TZ)


def weeks_ago(weeks: int = 4) -> datetime.date:
    """A day of a meeting already held: attendance and minutes are written from the start."""
    return timezone.localdate() - datetime.timedelta(weeks=weeks)


@pytest.fixture
def coordinator(request, structure):
    return demo_coordinator(request)


@pytest.fixture
def book(coordinator):
    def book(slug="lsg", day=datetime.date(2027, 2, 11), form="in_person"):
        return services.book_meeting(
            group=Group.objects.get(slug=slug),
            starts_at=at(day, 9),
            ends_at=at(day, 12),
            form=form,
            location="Regionens hus, Umeå",
            link="https://video.example/m",
            by=coordinator,
        )

    return book


@pytest.fixture
def user_for():
    """A signed-in user for a person (most demo persons have none)."""

    def user_for(person):
        user = getattr(person, "user", None)
        if user is None:
            user = User.objects.create_user(
                f"u{person.pk}", password="x-test-pass-123", person=person
            )
        return user

    return user_for


@pytest.fixture
def seated(structure):
    """Seats in the groups the meeting tests book (chair, vice chair, members with tied
    substitutes), and `ledamot`, the region's member of LSG and Beredning vuxna och äldre."""
    for slug in ("lsg", "samverkansrad-patientsakerhet", "hjalpmedelsradet"):
        council(slug)
    return member_user(
        "ledamot", "lsg", "beredning-vuxna-och-aldre", principal="region-vasterbotten"
    )
