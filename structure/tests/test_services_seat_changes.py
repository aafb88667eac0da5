"""The composed writes of the coordinators' pages in `structure.services` (R-M1, R-M2):
`fill_seat` (person, seat, predecessor ended; all or nothing) and `change_substitute`, with the
rules check's new flags returned as warnings."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from structure import rules, services
from structure.models import Membership, MembershipKind, Person, Principal
from testing.builders import member_user, person, seat

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 1)


@pytest.fixture
def olle(lsg):
    """Vindeln's ordinary member of LSG."""
    return seat(person("Olle", principal="vindeln"), "lsg")


@pytest.fixture
def olles_substitute(olle):
    return seat(person("Sub", principal="vindeln"), "lsg", kind="substitute", substitute_for=olle)


@pytest.fixture
def new_ledamot(structure):
    """`fill_seat`'s `new_person`: a person for Vindeln not yet in the register."""
    return {
        "first_name": "Ny",
        "last_name": "Ledamot",
        "principal": Principal.objects.get(slug="vindeln"),
    }


def test_fill_seat_ends_the_predecessor_the_day_before_and_warns(
    charlie, lsg, olle, olles_substitute, new_ledamot
):
    change = services.fill_seat(
        by=charlie,
        group=lsg,
        kind=MembershipKind.ORDINARY,
        start_date=DAY,
        new_person=new_ledamot,
        predecessor=olle,
    )
    assert {m.pk for m in change.ended} == {olle.pk, olles_substitute.pk}
    assert all(m.end_date == DAY - datetime.timedelta(days=1) for m in change.ended)
    assert change.membership.person.full_name == "Ny Ledamot"
    assert change.warnings == ["Ny Ledamot (Vindeln) saknar ersättare."]


def test_fill_seat_refused_leaves_no_person_no_end_and_no_audit_row(
    charlie, lsg, olle, new_ledamot
):
    seat(person("Annan", principal="vindeln"), "lsg", start_date=DAY)  # holds Vindeln's seat
    with pytest.raises(ValidationError, match="Vindeln har 2 ordinarie ledamöter"):
        services.fill_seat(
            by=charlie,
            group=lsg,
            kind=MembershipKind.ORDINARY,
            start_date=DAY,
            new_person=new_ledamot,
            predecessor=olle,
        )
    olle.refresh_from_db()
    assert olle.end_date is None
    assert not Person.objects.filter(last_name="Ledamot").exists()
    assert not AuditEvent.objects.filter(action__startswith="structure.").exists()


def test_fill_seat_wants_exactly_one_person(charlie, lsg):
    for who in ({}, {"person": person("A"), "new_person": {"first_name": "B"}}):
        with pytest.raises(ValidationError, match="inte båda"):
            services.fill_seat(by=charlie, group=lsg, kind="ordinary", start_date=DAY, **who)


def test_fill_seat_refuses_a_predecessor_in_another_group(charlie, lsg):
    elsewhere = seat(person("Annan", principal="vindeln"), "samrad")
    with pytest.raises(ValidationError, match="annan grupp"):
        services.fill_seat(
            by=charlie,
            group=lsg,
            kind="ordinary",
            start_date=DAY,
            person=person("Ny", principal="vindeln"),
            predecessor=elsewhere,
        )


def test_only_coordinators_fill_seats_or_change_substitutes(structure, lsg):
    alice = member_user("alice", "lsg")
    ordinary = alice.person.memberships.get()
    with pytest.raises(PermissionDenied):
        services.fill_seat(
            by=alice, group=lsg, kind="ordinary", start_date=DAY, person=person("Ny")
        )
    with pytest.raises(PermissionDenied):
        services.change_substitute(
            by=alice, ordinary=ordinary, person=person("Sub"), start_date=DAY
        )
    assert not Membership.objects.exclude(pk=ordinary.pk).exists()


def test_change_substitute_refuses_a_person_already_standing_in(charlie, olle, olles_substitute):
    with pytest.raises(ValidationError, match="är redan ersättare för Olle Testsson"):
        services.change_substitute(
            by=charlie, ordinary=olle, person=olles_substitute.person, start_date=DAY
        )


def test_change_substitute_needs_an_ordinary_seat(charlie, olles_substitute):
    with pytest.raises(ValidationError, match="bara till ordinarie"):
        services.change_substitute(
            by=charlie, ordinary=olles_substitute, person=person("X"), start_date=DAY
        )


def test_a_missing_substitute_breach_names_its_seat():
    region = rules.PrincipalInfo("24", "Regionen", rules.REGION)
    seats = [
        rules.Seat(1, "Ordinarie", region, rules.ORDINARY),
        rules.Seat(2, "Ersättare", region, rules.SUBSTITUTE, substitute_for=99),
    ]
    breaches = rules.check_seats(rules.SeatRule(substitute_per_ordinary=True), seats, [region])
    assert {(b.code, b.seat) for b in breaches} == {
        ("missing_substitute", 1),
        ("orphan_substitute", 2),
    }
