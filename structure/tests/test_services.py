"""Every structure write goes through `structure.services`: the coordinator's, under the seat
and chair rules (R-M1, R-M2, R-M5), mandate versions (R-G1), each with its audit row in the
write's own transaction; a refused write leaves nothing behind."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent, EventKind
from structure import services
from structure.models import (
    ChairExtension,
    Group,
    Mandate,
    Membership,
    MembershipKind,
    Person,
    Position,
    Principal,
)
from testing.builders import coordinator_user, member_user, person, registrar_user, seat

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 1)
# LSG (reference structure): one ordinary seat per municipality, Umeå up to two; the chair
# swaps side every year from the municipalities in 2020, so 2026 is the municipalities' year.


@pytest.fixture
def charlie(structure):
    return coordinator_user("charlie")


@pytest.fixture
def lsg(structure):
    return Group.objects.get(slug="lsg")


def writes():
    return AuditEvent.objects.filter(kind=EventKind.WRITE).order_by("pk")


def ordinary(charlie, lsg, who, **fields):
    return services.add_membership(
        by=charlie,
        person=who,
        group=lsg,
        kind=MembershipKind.ORDINARY,
        start_date=fields.pop("start_date", DAY),
        **fields,
    )


# --- Persons ----------------------------------------------------------------------------------


def test_a_coordinator_creates_a_person_with_an_audit_row(charlie):
    vindeln = Principal.objects.get(slug="vindeln")
    created = services.create_person(
        by=charlie, first_name=" Vera ", last_name="Vindelsson", principal=vindeln, email="v@x.se"
    )
    assert (created.first_name, created.principal) == ("Vera", vindeln)
    assert created.history.get().history_user == charlie
    event = writes().get()
    assert (event.user, event.action) == (charlie, "structure.create_person")
    assert event.target == f"structure.Person:{created.pk}"
    assert event.changes["last_name"] == [None, "Vindelsson"]
    assert event.changes["principal"] == [None, vindeln.pk]


@pytest.mark.parametrize("make_user", [lambda: member_user("alice", "lsg"), registrar_user])
def test_members_and_registrars_may_not_write_the_structure(structure, make_user):
    user = make_user()
    before = Person.objects.count()
    with pytest.raises(PermissionDenied):
        services.create_person(
            by=user,
            first_name="Mallory",
            last_name="X",
            principal=Principal.objects.get(slug="umea"),
        )
    with pytest.raises(PermissionDenied):
        services.update_person(by=user, person=user.person or person("Bo"), email="m@evil.example")
    assert Person.objects.count() == before + (0 if user.person else 1)
    assert not writes().exists()


def test_a_person_without_a_name_is_refused_in_swedish_and_nothing_is_written(charlie):
    with pytest.raises(ValidationError) as refused:
        services.create_person(
            by=charlie, first_name="Vera", last_name="  ", principal=Principal.objects.first()
        )
    assert "last_name" in refused.value.error_dict
    assert "Detta fält får inte vara tomt." in refused.value.messages
    assert not Person.objects.exists()
    assert not writes().exists()


def test_a_changed_person_records_before_and_after(charlie):
    vera = person("Vera", email="vera@old.example")
    services.update_person(by=charlie, person=vera, email="vera@new.example", title="Chef")
    vera.refresh_from_db()
    assert vera.email == "vera@new.example"
    event = writes().get()
    assert event.action == "structure.update_person"
    assert event.changes == {
        "email": ["vera@old.example", "vera@new.example"],
        "title": ["", "Chef"],
    }


def test_an_audit_row_that_cannot_be_written_rolls_the_write_back(charlie, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("audit table unavailable")

    monkeypatch.setattr(services.audit, "record_write", broken)
    with pytest.raises(RuntimeError):
        services.create_person(
            by=charlie, first_name="Vera", last_name="V", principal=Principal.objects.first()
        )
    assert not Person.objects.exists()


# --- Seats ------------------------------------------------------------------------------------


def test_a_seat_is_added_with_its_audit_row(charlie, lsg):
    vera = person("Vera", principal="vindeln")
    membership = ordinary(charlie, lsg, vera)
    assert membership.is_current(DAY)
    event = writes().get()
    assert (event.action, event.target) == (
        "structure.add_membership",
        f"structure.Membership:{membership.pk}",
    )
    assert event.changes["kind"] == [None, "ordinary"]
    assert event.changes["start_date"] == [None, "2026-03-01"]


def test_a_seat_beyond_the_principals_share_is_refused_and_nothing_is_written(charlie, lsg):
    ordinary(charlie, lsg, person("Vera", principal="vindeln"))
    with pytest.raises(ValidationError) as refused:
        ordinary(charlie, lsg, person("Valter", principal="vindeln"))
    assert refused.value.messages == ["Vindeln har 2 ordinarie ledamöter, får ha högst 1."]
    assert Membership.objects.filter(group=lsg).count() == 1
    assert list(writes().values_list("action", flat=True)) == ["structure.add_membership"]


def test_umea_may_hold_two_seats_but_not_three(charlie, lsg):
    # The positive twin of the refusal above: the rule's override for Umeå is read.
    ordinary(charlie, lsg, person("Ulla"))
    ordinary(charlie, lsg, person("Ulf"))
    with pytest.raises(ValidationError, match="Umeå har 3 ordinarie ledamöter, får ha högst 2"):
        ordinary(charlie, lsg, person("Uno"))
    assert Membership.objects.filter(group=lsg).count() == 2


def test_a_substitute_is_tied_to_the_ordinary_member(charlie, lsg):
    seat_holder = ordinary(charlie, lsg, person("Vera", principal="vindeln"))
    substitute = services.add_membership(
        by=charlie,
        person=person("Sune", principal="vindeln"),
        group=lsg,
        kind=MembershipKind.SUBSTITUTE,
        substitute_for=seat_holder,
        start_date=DAY,
    )
    assert substitute.substitute_for == seat_holder
    assert list(seat_holder.substitutes.all()) == [substitute]
    assert writes().last().changes["substitute_for"] == [None, seat_holder.pk]


@pytest.mark.parametrize(
    ("tie", "message"),
    [
        (None, "En ersättare ska kopplas till den ordinarie ledamot den ersätter."),
        ("other_group", "Den ordinarie ledamoten sitter i en annan grupp."),
        ("ended", "har inget uppdrag i Länssamverkansgruppen den 2026-03-01"),
    ],
)
def test_a_substitute_needs_a_sitting_ordinary_member_of_the_group(charlie, lsg, tie, message):
    vera = person("Vera", principal="vindeln")
    ties = {
        None: None,
        "other_group": seat(vera, "samrad"),
        "ended": seat(vera, "lsg", end_date=datetime.date(2025, 12, 31)),
    }
    before = Membership.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.add_membership(
            by=charlie,
            person=person("Sune", principal="vindeln"),
            group=lsg,
            kind=MembershipKind.SUBSTITUTE,
            substitute_for=ties[tie],
            start_date=DAY,
        )
    assert "substitute_for" in refused.value.error_dict
    assert any(message in text for text in refused.value.messages)
    assert Membership.objects.count() == before
    assert not writes().exists()


def chair(charlie, lsg, first_name, principal, position=Position.CHAIR):
    who = person(first_name, principal=principal)
    return ordinary(charlie, lsg, who, position=position, position_since=DAY)


def test_a_chair_from_the_side_whose_turn_it_is_is_seated(charlie, lsg):
    assert chair(charlie, lsg, "Vera", "vindeln").position == Position.CHAIR
    vice = chair(charlie, lsg, "Rut", "region-vasterbotten", Position.VICE_CHAIR)
    assert vice.position == Position.VICE_CHAIR


def test_a_chair_from_the_side_whose_turn_it_is_not_is_refused(charlie, lsg):
    with pytest.raises(ValidationError, match="År 2026 är det kommunernas tur"):
        chair(charlie, lsg, "Rut", "region-vasterbotten")
    assert not Membership.objects.filter(group=lsg).exists()
    assert not writes().exists()


def test_a_second_chair_is_refused(charlie, lsg):
    chair(charlie, lsg, "Vera", "vindeln")
    with pytest.raises(ValidationError, match="Gruppen har flera ordförande"):
        chair(charlie, lsg, "Bo", "bjurholm")
    assert Membership.objects.filter(group=lsg).count() == 1


def test_a_vice_chair_from_the_chairs_side_is_refused(charlie, lsg):
    chair(charlie, lsg, "Vera", "vindeln")
    with pytest.raises(ValidationError, match="de ska komma från olika sidor"):
        chair(charlie, lsg, "Bo", "bjurholm", Position.VICE_CHAIR)
    assert Membership.objects.filter(group=lsg).count() == 1


def test_a_change_that_breaks_the_chair_rule_is_refused_and_keeps_the_seat(charlie, lsg):
    seated = chair(charlie, lsg, "Vera", "vindeln")
    rut = person("Rut", principal="region-vasterbotten")
    with pytest.raises(ValidationError, match="kommunernas tur"):
        services.update_membership(by=charlie, membership=seated, person=rut)
    seated.refresh_from_db()
    assert seated.person.first_name == "Vera"
    assert writes().count() == 1  # the seat's addition only


def test_ending_a_seat_ends_its_substitute_with_it(charlie, lsg):
    seat_holder = ordinary(charlie, lsg, person("Vera", principal="vindeln"))
    substitute = seat(
        person("Sune", principal="vindeln"), "lsg", kind="substitute", substitute_for=seat_holder
    )
    last_day = datetime.date(2026, 6, 30)
    services.end_membership(by=charlie, membership=seat_holder, end_date=last_day)
    seat_holder.refresh_from_db()
    substitute.refresh_from_db()
    assert seat_holder.end_date == substitute.end_date == last_day
    ended = writes().filter(action="structure.end_membership")
    assert [e.target for e in ended] == [
        f"structure.Membership:{seat_holder.pk}",
        f"structure.Membership:{substitute.pk}",
    ]
    assert all(e.changes == {"end_date": [None, "2026-06-30"]} for e in ended)


def test_a_substitute_that_ended_earlier_keeps_its_own_end(charlie, lsg):
    seat_holder = ordinary(charlie, lsg, person("Vera", principal="vindeln"))
    earlier = datetime.date(2026, 4, 30)
    substitute = seat(
        person("Sune", principal="vindeln"),
        "lsg",
        kind="substitute",
        substitute_for=seat_holder,
        start_date=DAY,
        end_date=earlier,
    )
    services.end_membership(by=charlie, membership=seat_holder, end_date=datetime.date(2026, 6, 30))
    substitute.refresh_from_db()
    assert substitute.end_date == earlier


@pytest.mark.parametrize(
    ("end_date", "message"),
    [
        (datetime.date(2019, 12, 31), "Slutdatum kan inte ligga före startdatum."),
        (datetime.date(2027, 1, 1), "Uppdraget har redan avslutats 2026-06-30."),
    ],
)
def test_a_seat_cannot_end_before_it_began_or_end_again(charlie, end_date, message):
    held = seat(person("Vera", principal="vindeln"), "lsg", end_date=datetime.date(2026, 6, 30))
    with pytest.raises(ValidationError, match=message):
        services.end_membership(by=charlie, membership=held, end_date=end_date)
    held.refresh_from_db()
    assert held.end_date == datetime.date(2026, 6, 30)
    assert not writes().exists()


def test_a_member_cannot_end_a_seat(lsg):
    alice = member_user("alice", "lsg")
    held = alice.person.memberships.get()
    with pytest.raises(PermissionDenied):
        services.end_membership(by=alice, membership=held, end_date=DAY)
    held.refresh_from_db()
    assert held.end_date is None


def test_an_ordinary_seat_with_substitutes_cannot_become_another_kind(charlie, lsg):
    seat_holder = ordinary(charlie, lsg, person("Vera", principal="vindeln"))
    seat(person("Sune", principal="vindeln"), "lsg", kind="substitute", substitute_for=seat_holder)
    with pytest.raises(ValidationError, match="Ersättare är kopplade"):
        services.update_membership(by=charlie, membership=seat_holder, kind=MembershipKind.GUEST)
    seat_holder.refresh_from_db()
    assert seat_holder.kind == MembershipKind.ORDINARY


# --- Mandates ---------------------------------------------------------------------------------


def test_a_new_mandate_version_ends_the_current_one(charlie, lsg):
    current = lsg.current_mandate(DAY)
    version = services.record_mandate_version(
        by=charlie, group=lsg, effective_from=DAY, assignment="Nytt uppdrag."
    )
    current.refresh_from_db()
    assert current.effective_to == datetime.date(2026, 2, 28)
    assert lsg.current_mandate(DAY) == version
    assert (version.mandate, version.reporting_path) == (current.mandate, current.reporting_path)
    ended, recorded = writes()
    assert (ended.action, ended.target) == (
        "structure.end_mandate_version",
        f"structure.Mandate:{current.pk}",
    )
    assert ended.changes == {"effective_to": [None, "2026-02-28"]}
    assert recorded.action == "structure.record_mandate_version"
    assert recorded.changes["assignment"] == [None, "Nytt uppdrag."]
    assert recorded.changes["ended_mandate"] == [None, current.pk]


def test_a_version_from_the_current_ones_first_day_is_refused(charlie, lsg):
    current = lsg.current_mandate(DAY)
    with pytest.raises(ValidationError, match="måste börja efter den nuvarande"):
        services.record_mandate_version(
            by=charlie, group=lsg, effective_from=current.effective_from, assignment="x"
        )
    current.refresh_from_db()
    assert current.effective_to is None
    assert Mandate.objects.filter(group=lsg).count() == 1
    assert not writes().exists()


def test_a_member_cannot_record_a_mandate_version(lsg):
    with pytest.raises(PermissionDenied):
        services.record_mandate_version(
            by=member_user("alice", "lsg"), group=lsg, effective_from=DAY, assignment="x"
        )
    assert Mandate.objects.filter(group=lsg).count() == 1


# --- The chair's term -------------------------------------------------------------------------


def test_an_extended_chair_term_is_recorded(charlie, lsg):
    extension = services.extend_chair_term(
        by=charlie, group=lsg, year=2027, decided_on=DAY, reference="LSG 2026-03-01 § 4"
    )
    assert extension.year == 2027
    event = writes().get()
    assert (event.action, event.target) == (
        "structure.extend_chair_term",
        f"structure.ChairExtension:{extension.pk}",
    )
    assert event.changes["reference"] == [None, "LSG 2026-03-01 § 4"]


@pytest.mark.parametrize(
    ("slug", "year", "message"),
    [
        ("samrad-au", 2027, "roterar inte årligen"),
        ("lsg", 2020, "Rotationen i Länssamverkansgruppen räknas från 2020"),
        ("lsg", 2026, "Det finns redan ett förlängningsbeslut för året."),
    ],
)
def test_an_extension_that_changes_nothing_or_twice_is_refused(charlie, slug, year, message):
    lsg = Group.objects.get(slug="lsg")
    ChairExtension.objects.create(group=lsg, year=2026, decided_on=DAY, reference="Tidigare")
    with pytest.raises(ValidationError, match=message):
        services.extend_chair_term(
            by=charlie,
            group=Group.objects.get(slug=slug),
            year=year,
            decided_on=DAY,
            reference="§ 1",
        )
    assert ChairExtension.objects.count() == 1
    assert not writes().exists()


def test_a_member_cannot_extend_a_chair_term(lsg):
    with pytest.raises(PermissionDenied):
        services.extend_chair_term(
            by=member_user("alice", "lsg"), group=lsg, year=2027, decided_on=DAY, reference="x"
        )
    assert not ChairExtension.objects.exists()
