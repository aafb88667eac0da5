"""Coordinators maintain the structure in the admin, in Swedish, with history (R-Q2)."""

import pytest
from django.urls import reverse

from accounts.models import User
from audit.models import AuditEvent, EventKind
from structure.models import Group, Membership, Person, Principal
from testing.builders import coordinator_user, member_user, person, registrar_user, seat


@pytest.fixture
def coordinator_client(client, structure):
    """Charlie, the coordinator, in the admin (no demo people needed)."""
    client.force_login(coordinator_user("charlie"))
    return client


MODELS = [
    "principal",
    "geographicgrouping",
    "structureperiod",
    "group",
    "mandate",
    "person",
    "membership",
    "chairextension",
]


@pytest.mark.parametrize("model", MODELS)
def test_coordinator_can_open_list_and_add_pages(coordinator_client, model):
    assert coordinator_client.get(reverse(f"admin:structure_{model}_changelist")).status_code == 200
    assert coordinator_client.get(reverse(f"admin:structure_{model}_add")).status_code == 200


def test_coordinator_can_open_a_group_and_its_history(coordinator_client):
    lsg = Group.objects.get(slug="lsg")
    assert (
        coordinator_client.get(reverse("admin:structure_group_change", args=[lsg.pk])).status_code
        == 200
    )
    assert (
        coordinator_client.get(reverse("admin:structure_group_history", args=[lsg.pk])).status_code
        == 200
    )


def test_coordinator_cannot_manage_users(coordinator_client):
    assert coordinator_client.get(reverse("admin:accounts_user_changelist")).status_code == 403


def test_admin_can_manage_users(client, structure):
    client.force_login(User.objects.create_superuser("admin", password="x-test-pass-123"))
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 200


@pytest.mark.parametrize("make_user", [lambda: member_user("alice", "lsg"), registrar_user])
def test_members_and_registrars_cannot_use_the_admin(client, structure, make_user):
    client.force_login(make_user())
    response = client.get(reverse("admin:structure_group_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_anonymous_cannot_use_the_admin(client, structure):
    response = client.get(reverse("admin:structure_membership_changelist"))
    assert response.status_code == 302


def membership_form(person, group, **extra):
    data = {
        "person": person.pk,
        "group": group.pk,
        "kind": "substitute",
        "position": "",
        "role_title": "",
        "start_date": "2026-01-01",
        "end_date": "",
        "nominated_until": "",
        "position_since": "",
        "substitute_for": "",
    }
    data.update(extra)
    return data


def test_substitute_without_ordinary_gets_a_swedish_error_and_keeps_input(coordinator_client):
    who = person("Alice")
    group = Group.objects.get(slug="samrad")
    before = Membership.objects.count()
    response = coordinator_client.post(
        reverse("admin:structure_membership_add"),
        membership_form(who, group, role_title="Min roll"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "En ersättare ska kopplas till den ordinarie ledamot den ersätter." in html
    assert 'value="Min roll"' in html
    assert Membership.objects.count() == before


def test_end_before_start_is_refused_in_swedish(coordinator_client):
    who = person("Alice")
    group = Group.objects.get(slug="lsg")
    response = coordinator_client.post(
        reverse("admin:structure_membership_add"),
        membership_form(who, group, kind="ordinary", end_date="2025-01-01"),
    )
    assert "Slutdatum kan inte ligga före startdatum." in response.content.decode()


def test_a_change_records_who_and_when(coordinator_client):
    principal = Principal.objects.get(code="2404")
    response = coordinator_client.post(
        reverse("admin:structure_principal_change", args=[principal.pk]),
        {
            "code": "2404",
            "name": "Vindeln",
            "slug": "vindeln",
            "side": "municipality",
            "grouping": principal.grouping_id,
            "decision_bodies-TOTAL_FORMS": "0",
            "decision_bodies-INITIAL_FORMS": "0",
            "decision_bodies-MIN_NUM_FORMS": "0",
            "decision_bodies-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    latest = principal.history.first()
    assert latest.history_user.username == "charlie"
    assert latest.history_type == "~"


def test_wrong_municipality_code_is_refused(coordinator_client):
    principal = Principal.objects.get(code="2404")
    response = coordinator_client.post(
        reverse("admin:structure_principal_change", args=[principal.pk]),
        {
            "code": "24x4",
            "name": "Vindeln",
            "slug": "vindeln",
            "side": "municipality",
            "grouping": principal.grouping_id,
            "decision_bodies-TOTAL_FORMS": "0",
            "decision_bodies-INITIAL_FORMS": "0",
            "decision_bodies-MIN_NUM_FORMS": "0",
            "decision_bodies-MAX_NUM_FORMS": "1000",
        },
    )
    assert "Koden får bara innehålla siffror." in response.content.decode()
    principal.refresh_from_db()
    assert principal.code == "2404"


def test_a_membership_without_a_start_date_is_a_form_error_not_a_crash(coordinator_client):
    lsg = Group.objects.get(slug="lsg")
    who = seat(person("Alice"), "lsg").person
    response = coordinator_client.post(
        reverse("admin:structure_membership_add"),
        {
            "person": who.pk,
            "group": lsg.pk,
            "kind": "ordinary",
            "end_date": "2027-01-01",
            "nominated_until": "2027-01-01",
        },
    )
    assert response.status_code == 200
    assert "errornote" in response.content.decode()


# --- Saved through structure.services (one audit row each, the service's) --------------------


def writes():
    return AuditEvent.objects.filter(kind=EventKind.WRITE)


def test_a_seat_the_seat_rule_refuses_is_a_form_error_with_the_input_kept(coordinator_client):
    lsg = Group.objects.get(slug="lsg")
    seat(person("Vera", principal="vindeln"), "lsg")
    valter = person("Valter", principal="vindeln")
    response = coordinator_client.post(
        reverse("admin:structure_membership_add"),
        membership_form(valter, lsg, kind="ordinary", role_title="Min roll"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vindeln har 2 ordinarie ledamöter, får ha högst 1." in html
    assert 'value="Min roll"' in html
    assert not Membership.objects.filter(person=valter).exists()
    assert not writes().exists()


def test_a_seat_within_the_rule_is_saved_by_the_service(coordinator_client):
    lsg = Group.objects.get(slug="lsg")
    vera = person("Vera", principal="vindeln")
    response = coordinator_client.post(
        reverse("admin:structure_membership_add"), membership_form(vera, lsg, kind="ordinary")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    membership = Membership.objects.get(person=vera)
    [event] = writes()
    assert (event.action, event.target) == (
        "structure.add_membership",
        f"structure.Membership:{membership.pk}",
    )
    assert membership.history.get().history_user.username == "charlie"


def test_an_extension_for_a_group_without_rotation_is_a_form_error(coordinator_client):
    from structure.models import ChairExtension

    response = coordinator_client.post(
        reverse("admin:structure_chairextension_add"),
        {
            "group": Group.objects.get(slug="samrad-au").pk,
            "year": "2027",
            "decided_on": "2026-11-20",
            "reference": "AU § 4",
            "reason": "",
        },
    )
    assert response.status_code == 200
    assert "roterar inte årligen; det finns inget att förlänga." in response.content.decode()
    assert not ChairExtension.objects.exists()


def test_a_person_added_in_the_admin_is_one_audit_row(coordinator_client):
    response = coordinator_client.post(
        reverse("admin:structure_person_add"),
        {
            "first_name": "Vera",
            "last_name": "Vindelsson",
            "principal": Principal.objects.get(slug="vindeln").pk,
            "title": "",
            "email": "vera@test.example",
            "phone": "",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    vera = Person.objects.get(last_name="Vindelsson")
    [event] = writes()
    assert (event.action, event.target) == (
        "structure.create_person",
        f"structure.Person:{vera.pk}",
    )
    assert response["Location"] == reverse("admin:structure_person_changelist")


def test_an_older_mandate_version_added_in_the_admin_is_one_audit_row(coordinator_client):
    from structure.models import Mandate

    lsg = Group.objects.get(slug="lsg")
    first = lsg.mandates.order_by("effective_from").first().effective_from
    day = first.replace(year=first.year - 2)
    response = coordinator_client.post(
        reverse("admin:structure_mandate_add"),
        {
            "group": lsg.pk,
            "effective_from": day.isoformat(),
            "effective_to": day.replace(month=12, day=31).isoformat(),
            "assignment": "Äldre uppdrag.",
            "mandate": "Äldre mandat.",
            "reporting_path": "Äldre väg.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    older = Mandate.objects.get(group=lsg, effective_from=day)
    [event] = writes()
    assert (event.action, event.target) == (
        "structure.record_mandate_version",
        f"structure.Mandate:{older.pk}",
    )


def test_reverting_a_person_to_an_old_version_saves_through_the_service(coordinator_client):
    vera = person("Vera", email="vera@old.example")
    Person.objects.filter(pk=vera.pk).update(email="vera@new.example")
    oldest = vera.history.get()
    url = reverse("admin:structure_person_simple_history", args=[vera.pk, oldest.history_id])
    data = {
        "first_name": "Vera",
        "last_name": vera.last_name,
        "principal": vera.principal_id,
        "title": "",
        "email": "vera@old.example",
        "phone": "",
    }
    response = coordinator_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    vera.refresh_from_db()
    assert vera.email == "vera@old.example"
    [event] = writes()
    assert event.action == "structure.update_person"
    assert event.changes == {"email": ["vera@new.example", "vera@old.example"]}
