"""Builders for the follow-up tests: only what each test needs."""

import datetime
import zoneinfo

import pytest

from accounts.models import User
from cases.models import Addressee, Case, Recommendation
from followup.models import Indicator, Unit
from meetings.models import Attendance, AttendanceStatus, Meeting, Minutes, MinutesStatus
from structure.models import Group, Membership, MembershipKind, Person, Principal


@pytest.fixture
def coordinator(structure):
    return User.objects.create_user("alice", password="pw", is_coordinator=True)


@pytest.fixture
def plain_user(structure):
    return User.objects.create_user("bob", password="pw")


@pytest.fixture
def indicator(db):
    return Indicator.objects.create(
        code="U00000",
        name="Vårddagar för utskrivningsklara",
        unit=Unit.PER_1000,
        source="Kolada",
        higher_is_better=False,
    )


@pytest.fixture
def seat(structure):
    """`seat("lsg", n)`: n ordinary members with e-mail in the group; returns the persons."""

    def seat(slug="lsg", n=1, *, email=True):
        group = Group.objects.get(slug=slug)
        principal = Principal.objects.get(code="24")
        people = []
        for i in range(n):
            start = Person.objects.count()
            person = Person.objects.create(
                first_name=f"Test{start}",
                last_name=f"Person{i}",
                principal=principal,
                email=f"p{start}@example.org" if email else "",
            )
            Membership.objects.create(
                person=person,
                group=group,
                kind=MembershipKind.ORDINARY,
                start_date=datetime.date(2024, 1, 1),
            )
            people.append(person)
        return people

    return seat


TZ = zoneinfo.ZoneInfo("Europe/Stockholm")


def at(day, hour=9):
    return datetime.datetime.combine(day, datetime.time(hour), TZ)


@pytest.fixture
def history(seat):
    """`history(n)`: n held LSG meetings in 2025 with papers, attendance and approved minutes,
    and n expedited recommendations with one decision each."""
    group = Group.objects.get(slug="lsg")
    person = seat("lsg", 1)[0]
    principal = Principal.objects.get(code="2480")

    def history(n):
        for i in range(n):
            day = datetime.date(2025, 1, 6) + datetime.timedelta(days=7 * Meeting.objects.count())
            meeting = Meeting.objects.create(
                group=group,
                starts_at=at(day),
                ends_at=at(day, 12),
                form="in_person",
                papers_sent_at=at(day - datetime.timedelta(days=10)),
            )
            Attendance.objects.create(
                meeting=meeting, person=person, status=AttendanceStatus.PRESENT
            )
            Minutes.objects.create(
                meeting=meeting,
                status=MinutesStatus.APPROVED,
                approved_at=at(day + datetime.timedelta(days=12)),
            )
            case = Case.objects.create(
                year=2025,
                serial=Case.objects.count() + 1,
                title=f"Ärende {i}",
                description="d",
                proposal="p",
                submitted_by=person,
                origin_group=group,
                created_at=at(day - datetime.timedelta(days=30)),
            )
            recommendation = Recommendation.objects.create(
                case=case,
                group=group,
                title="Rekommendation",
                decisions="göra något",
                adopted_on=day,
                expedited_at=at(day + datetime.timedelta(days=3)),
            )
            Addressee.objects.create(recommendation=recommendation, principal=principal)

    return history
