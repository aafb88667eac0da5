import datetime
import zoneinfo

import pytest
from django.core.cache import cache
from django.utils import timezone

from accounts.models import User
from api import tokens
from cases import services as case_services
from demo.cases import load_case_demo
from demo.meetings import load_meeting_demo
from meetings import services as meeting_services
from structure.models import Group, Membership
from testing import builders
from testing.builders import demo_coordinator, seat


@pytest.fixture(autouse=True)
def no_rate_limit(settings):
    """Most tests make many requests; test_rate_limit switches the limit back on."""
    settings.API_RATE_LIMIT_PER_MINUTE = 0
    cache.clear()


@pytest.fixture
def full_demo(demo):
    """The demo with meetings, minutes, cases and decisions."""
    load_meeting_demo()
    load_case_demo()
    return demo


@pytest.fixture
def token_for():
    """A fresh token for a user (by username), as the full string the owner is shown once."""

    def token_for(username: str, **kwargs) -> str:
        user = User.objects.get(username=username)
        _, full = tokens.create_token(
            user=user,
            name=kwargs.pop("name", "Diariet"),
            expires_on=None,
            now=timezone.now(),
            scope=kwargs.pop("scope", "read"),
            principal=kwargs.pop("principal", None),
        )
        return full

    return token_for


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


TZ = zoneinfo.ZoneInfo("Europe/Stockholm")


@pytest.fixture
def coordinator(request, structure):
    return demo_coordinator(request)


@pytest.fixture
def people(structure):
    """The users the API tests act as, built in the demo's shape: `ledamot` (the region's member
    of LSG) and the registrars of Umeå and of the region."""
    builders.member_user("ledamot", "lsg", principal="region-vasterbotten")
    builders.registrar_user("registrator-umea", principal="umea")
    builders.registrar_user("registrator-region", principal="region-vasterbotten")


@pytest.fixture
def lsg_meeting(coordinator):
    start = datetime.datetime(2026, 3, 12, 9, tzinfo=TZ)
    return meeting_services.book_meeting(
        group=Group.objects.get(slug="lsg"),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        form="in_person",
        location="Regionens hus",
        by=coordinator,
    )


@pytest.fixture
def adopted(coordinator, lsg_meeting):
    """A case with an LSG recommendation to all principals, adopted but not yet expedited."""
    group = Group.objects.get(slug="lsg")
    membership = Membership.objects.filter(group=group, kind="ordinary").first()
    person = membership.person if membership else seat(builders.person(), "lsg").person
    case = case_services.raise_case(
        group=group,
        by=coordinator,
        submitted_by=person,
        title="Gemensam rutin för SIP",
        description="Intern beskrivning som inte är offentlig.",
        proposal="Att ta fram en rutin.",
        raised_on=datetime.date(2026, 2, 2),
    )
    return case_services.adopt_recommendation(
        case=case,
        meeting=lsg_meeting,
        by=coordinator,
        title="Rutin för SIP",
        decisions="att anta rutinen\natt följa upp den 2027",
    )


@pytest.fixture
def expedited(adopted, coordinator):
    case_services.expedite(recommendation=adopted, by=coordinator)
    adopted.refresh_from_db()
    return adopted
