"""Coordinators maintain the structure in the admin, in Swedish, with history (R-Q2)."""

import pytest
from django.urls import reverse

from accounts.models import User
from structure.models import Group, Membership, Principal
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
