"""Builders for meeting tests: a booked meeting with a filled agenda."""

import datetime
import zoneinfo

import pytest

from accounts.models import User
from demo.people import DEMO_PASSWORD
from meetings import services
from structure.models import Group
from testing.builders import coordinator_user

TZ = zoneinfo.ZoneInfo("Europe/Stockholm")


def at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), TZ)


@pytest.fixture
def coordinator(request, structure):
    """The regional coordinator, signed in as the demo's `koordinator` is. The demo is not
    loaded for it: a test that needs the demo's people asks for `demo` too, and then the
    coordinator is the demo's own account (with its person)."""
    email = "koordinator@region-vasterbotten.example"
    if "demo" not in request.fixturenames:
        return coordinator_user("koordinator", password=DEMO_PASSWORD, email=email)
    request.getfixturevalue("demo")
    coordinator = User.objects.get(username="koordinator")
    coordinator.email = email
    coordinator.save()
    return coordinator


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
