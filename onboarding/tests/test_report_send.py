"""POST /nya-ledamoter/anmal/skicka/: a member reports a new member of their group (R-M4)."""

import pytest
from django.core import mail
from django.urls import reverse

from onboarding.models import NewMember
from structure.models import Group, Principal

pytestmark = pytest.mark.django_db
URL = reverse("onboarding:report_send")


@pytest.fixture
def data(structure) -> dict:
    return {
        "group": Group.objects.get(slug="lsg").pk,
        "first_name": "Nora",
        "last_name": "Ny",
        "email": "nora@test.example",
        "principal": Principal.objects.get(slug="umea").pk,
        "kind": "ordinary",
        "note": "Ersätter Olle",
    }


def test_a_member_reports_a_new_member_and_the_coordinator_is_mailed(
    client, alice, charlie, data, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, data, follow=True)
    assert response.redirect_chain[0] == (reverse("desk:start"), 302)
    assert "Tack! Koordinatorn har fått anmälan." in response.content.decode()
    new_member = NewMember.objects.get()
    assert (new_member.full_name, new_member.reported_by) == ("Nora Ny", alice)
    [message] = mail.outbox
    assert message.to == [charlie.email]


def test_anonymous_is_sent_to_sign_in_and_nothing_is_written(client, data):
    response = client.post(URL, data)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not NewMember.objects.exists()


def test_a_member_of_another_group_cannot_report_into_lsg(client, bob, data):
    client.force_login(bob)
    response = client.post(URL, data)
    assert response.status_code == 400
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert not NewMember.objects.exists()


def test_a_bad_email_is_a_swedish_error_and_keeps_the_input(client, alice, data):
    client.force_login(alice)
    response = client.post(URL, {**data, "email": "inte-en-adress", "note": "Ersätter Kanel"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Fyll i en giltig e-postadress." in body
    assert 'value="Nora"' in body
    assert 'value="Ersätter Kanel"' in body
    assert not NewMember.objects.exists()
    assert not mail.outbox


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("group", "abc", "Välj ett giltigt alternativ"),
        ("principal", "-1", "Välj ett giltigt alternativ"),
        ("kind", "boss", "Välj ett giltigt alternativ"),
        ("first_name", "x" * 5000, "har som mest 100 tecken"),
        ("note", "x" * 5000, "har som mest 300 tecken"),
        ("last_name", " ", "Detta fält måste fyllas i."),
    ],
)
def test_hostile_values_are_a_form_error_not_500(client, alice, data, field, value, says):
    client.force_login(alice)
    response = client.post(URL, {**data, field: value})
    assert response.status_code == 400
    assert says in response.content.decode()
    assert not NewMember.objects.exists()
