"""The admin records its writes like the services do: add, change (the form's changed fields,
before → after), delete, a bulk delete as one row, and each inline row it changes (a
principal's decision body renamed on the principal's page). A model the admin saves through a
service (the structure's persons, seats, mandates, chair extensions) has the service's one row
instead. The audit log itself cannot be changed there."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from audit.models import AuditEvent, EventKind
from audit.tests.pages import form_data
from structure.models import (
    ChairExtension,
    DecisionBody,
    GeographicGrouping,
    Group,
    Membership,
    Person,
    Principal,
)
from testing.builders import coordinator_user, person, seat


@pytest.fixture
def charlie(structure):
    return coordinator_user("charlie")


@pytest.fixture
def admin_client(charlie):
    client = Client()
    client.force_login(charlie)
    return client


def change_form(client, url, **values):
    """The admin's change form as the page fills it, with `values` typed in."""
    data = form_data(client.get(url).content.decode(), "", page=url)
    return {**data, **values, "_save": "Spara"}


def writes():
    return AuditEvent.objects.filter(kind=EventKind.WRITE).order_by("pk")


def test_a_change_records_the_changed_fields_before_and_after(admin_client, charlie):
    grouping = GeographicGrouping.objects.get(slug="umearegionen")
    url = reverse("admin:structure_geographicgrouping_change", args=[grouping.pk])
    response = admin_client.post(url, change_form(admin_client, url, order="7"))
    assert response.status_code == 302, response.content.decode()[:2000]
    event = writes().get()
    assert (event.user, event.action) == (charlie, "admin.structure.geographicgrouping.change")
    assert event.target == f"structure.GeographicGrouping:{grouping.pk}"
    assert event.changes == {"order": [1, 7]}
    assert event.route == "admin:structure_geographicgrouping_change"


def test_a_save_through_a_service_is_one_row_under_the_services_action(admin_client, charlie):
    # The membership admin saves through structure.services: its row, not a second admin row.
    membership = seat(person("Alice"), "lsg")
    url = reverse("admin:structure_membership_change", args=[membership.pk])
    response = admin_client.post(url, change_form(admin_client, url, end_date="2026-12-31"))
    assert response.status_code == 302, response.content.decode()[:2000]
    event = writes().get()
    assert (event.user, event.action) == (charlie, "structure.end_membership")
    assert event.target == f"structure.Membership:{membership.pk}"
    assert event.changes == {"end_date": [None, "2026-12-31"]}
    assert event.route == "admin:structure_membership_change"


def test_an_addition_records_the_new_values(admin_client):
    url = reverse("admin:structure_chairextension_add")
    lsg = Group.objects.get(slug="lsg")
    data = change_form(
        admin_client, url, group=lsg.pk, year=2027, decided_on="2026-11-20", reference="LSG § 4"
    )
    assert admin_client.post(url, data).status_code == 302
    extension = ChairExtension.objects.get()
    event = writes().get()
    assert event.action == "structure.extend_chair_term"  # saved through the service
    assert event.target == f"structure.ChairExtension:{extension.pk}"
    assert event.changes["reference"] == [None, "LSG § 4"]
    assert event.changes["group"] == [None, lsg.pk]


def test_a_deletion_records_what_was_deleted(admin_client):
    gone = person("Gunnar")
    url = reverse("admin:structure_person_delete", args=[gone.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    event = writes().get()
    assert event.action == "admin.structure.person.delete"
    assert event.target == f"structure.Person:{gone.pk}"
    assert event.changes["first_name"] == ["Gunnar", None]


def test_a_bulk_delete_is_one_row_naming_every_id(admin_client):
    ids = sorted([person("Gunnar").pk, person("Greta").pk])
    response = admin_client.post(
        reverse("admin:structure_person_changelist"),
        {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
    )
    assert response.status_code == 302
    assert not Person.objects.filter(pk__in=ids).exists()
    event = writes().get()
    assert event.action == "admin.structure.person.delete"
    assert event.changes == {"ids": [ids, None], "count": [2, None]}


def test_an_inline_row_changed_on_its_parents_page_is_recorded_on_the_row(client, structure):
    # The inline is editable for administrators (model permissions).
    client.force_login(User.objects.create_superuser("root", password="x-9-pass"))
    principal = Principal.objects.get(slug="umea")
    body = DecisionBody.objects.create(principal=principal, name="Testnämnden")
    url = reverse("admin:structure_principal_change", args=[principal.pk])
    data = change_form(client, url)
    name_field = next(
        name for name, value in data.items() if name.endswith("-name") and value == body.name
    )
    data[name_field] = "Nämnden för test"
    assert client.post(url, data).status_code == 302
    event = writes().get(target=f"structure.DecisionBody:{body.pk}")
    assert event.action == "admin.structure.decisionbody.change"
    assert event.changes == {"name": ["Testnämnden", "Nämnden för test"]}


def test_a_persons_seats_are_shown_on_the_persons_page_and_saved_on_their_own(admin_client):
    # Seats are written only through structure.services: the person's page lists them.
    alice = person("Alice")
    membership = seat(alice, "lsg")
    html = admin_client.get(reverse("admin:structure_person_change", args=[alice.pk])).content
    html = html.decode()
    assert reverse("admin:structure_membership_change", args=[membership.pk]) in html
    assert "memberships-0-end_date" not in html
    assert Membership.objects.get(pk=membership.pk).end_date is None


def test_a_refused_change_leaves_no_row(admin_client):
    membership = seat(person("Alice"), "lsg")
    url = reverse("admin:structure_membership_change", args=[membership.pk])
    response = admin_client.post(url, change_form(admin_client, url, end_date="2019-01-01"))
    assert response.status_code == 200  # the form with its error
    assert not writes().exists()


def test_a_user_given_the_coordinator_role_is_recorded(client, structure):
    root = User.objects.create_superuser("root", password="x-9-pass")
    bob = User.objects.create_user("bob", password="x-9-pass")
    client.force_login(root)
    url = reverse("admin:accounts_user_change", args=[bob.pk])
    data = change_form(client, url, is_coordinator="on")
    assert client.post(url, data).status_code == 302
    event = writes().get()
    assert (event.user, event.action) == (root, "admin.accounts.user.change")
    assert event.changes == {"is_coordinator": [False, True]}
    assert "password" not in repr(event.changes).lower()


def test_the_audit_log_cannot_be_changed_in_the_admin(client, db):
    admin = User.objects.create_superuser("root", password="x-9-pass")
    client.force_login(admin)
    event = AuditEvent.objects.create(kind=EventKind.LOGIN, username="x")
    assert client.get(f"/admin/audit/auditevent/{event.pk}/change/").status_code == 200
    client.post(f"/admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"})
    assert AuditEvent.objects.filter(pk=event.pk).exists()
