"""Builders for case tests."""

import datetime
import zoneinfo

import pytest

from cases import services
from meetings import services as meeting_services
from structure.models import Group, Membership
from testing import builders
from testing.builders import demo_coordinator, seat

TZ = zoneinfo.ZoneInfo("Europe/Stockholm")


@pytest.fixture
def coordinator(request, structure):
    return demo_coordinator(request)


@pytest.fixture
def member(structure):
    """`ledamot`: the region's member of LSG and Beredning vuxna och äldre (as in the demo)."""
    return builders.member_user(
        "ledamot", "lsg", "beredning-vuxna-och-aldre", principal="region-vasterbotten"
    )


@pytest.fixture
def chair(structure):
    """`ordforande`: the chair of LSG, from a municipality (as in the demo)."""
    return builders.member_user("ordforande", "lsg", position="chair", principal="lycksele")


@pytest.fixture
def registrars(structure):
    """The registrars of Umeå and of the region (as the demo's two), each with an address."""
    return {
        slug: builders.registrar_user(f"registrator-{short}", principal=slug)
        for short, slug in (("umea", "umea"), ("region", "region-vasterbotten"))
    }


@pytest.fixture
def meeting_of(coordinator):
    def meeting_of(slug, day=datetime.date(2026, 3, 12)):
        start = datetime.datetime.combine(day, datetime.time(9), TZ)
        return meeting_services.book_meeting(
            group=Group.objects.get(slug=slug),
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=3),
            form="in_person",
            location="Regionens hus",
            by=coordinator,
        )

    return meeting_of


@pytest.fixture
def raise_in(coordinator):
    def raise_in(slug="lsg", title="Gemensam rutin för SIP", **extra):
        group = Group.objects.get(slug=slug)
        membership = Membership.objects.filter(group=group, kind="ordinary").first()
        person = membership.person if membership else seat(builders.person(), slug).person
        return services.raise_case(
            group=group,
            by=coordinator,
            submitted_by=person,
            title=title,
            description="Kort beskrivning av behovet.",
            proposal="Att ta fram en rutin.",
            raised_on=extra.pop("raised_on", datetime.date(2026, 2, 2)),
            **extra,
        )

    return raise_in


@pytest.fixture
def expedited(raise_in, meeting_of, coordinator):
    """A case with an expedited LSG recommendation to all 16 principals."""
    case = raise_in()
    meeting = meeting_of("lsg")
    recommendation = services.adopt_recommendation(
        case=case,
        meeting=meeting,
        by=coordinator,
        title="Rutin för SIP",
        decisions="att anta rutinen\natt följa upp den 2027",
    )
    services.expedite(recommendation=recommendation, by=coordinator)
    return recommendation
