"""Builders for the follow-up tests: only what each test needs."""

import datetime

import pytest

from accounts.models import User
from followup.models import Indicator, Unit
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
