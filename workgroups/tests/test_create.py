"""POST /arbetsgrupper/ny/spara/: the coordinator sets up a working group (R-F1)."""

import pytest
from django.urls import reverse

from testing.builders import member_user
from workgroups.models import Status, WorkingGroup

pytestmark = pytest.mark.django_db
URL = reverse("workgroups:create")


@pytest.fixture
def data(setup_kwargs) -> dict:
    return {
        "name": "Arbetsgrupp trygg hemgång",
        "assignment": "Ta fram en gemensam rutin.",
        "set_up_by": setup_kwargs["set_up_by"].pk,
        "set_up_on": "2026-03-10",
        "decision_reference": "LSG 2026-03-10 § 4",
        "convener": setup_kwargs["convener"].pk,
        "due_on": "2026-06-01",
        "reports_to": setup_kwargs["reports_to"].pk,
    }


def test_the_coordinator_sets_up_a_working_group(client, charlie, data):
    client.force_login(charlie)
    response = client.post(URL, data, follow=True)
    wg = WorkingGroup.objects.get()
    assert response.redirect_chain == [(wg.get_absolute_url(), 302)]
    assert "Arbetsgruppen är tillsatt." in response.content.decode()
    assert (wg.name, wg.status, str(wg.due_on)) == (
        "Arbetsgrupp trygg hemgång",
        Status.SET_UP,
        "2026-06-01",
    )


def test_anonymous_is_sent_to_sign_in_and_nothing_is_written(client, data):
    response = client.post(URL, data)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not WorkingGroup.objects.exists()


def test_a_member_is_refused_and_nothing_is_written(client, data):
    client.force_login(member_user("alice", "lsg"))
    assert client.post(URL, data).status_code == 403
    assert not WorkingGroup.objects.exists()


def test_a_missing_assignment_is_a_swedish_error_and_keeps_the_name(client, charlie, data):
    client.force_login(charlie)
    response = client.post(URL, {**data, "assignment": "", "name": "Grupp Lodjur"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Detta fält måste fyllas i." in body
    assert 'value="Grupp Lodjur"' in body
    assert not WorkingGroup.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("set_up_by", "abc", "Välj ett giltigt alternativ"),
        ("convener", "-1", "Välj ett giltigt alternativ"),
        ("members", "abc", "är inte ett giltigt värde"),
        ("due_on", "2026-02-30", "Fyll i ett giltigt datum."),
        ("name", "x" * 5000, "har som mest 200 tecken"),
        ("set_up_on", "2999-01-01", "kan inte ligga i framtiden"),
    ],
)
def test_hostile_values_are_a_form_error_not_500(client, charlie, data, field, value, says):
    client.force_login(charlie)
    response = client.post(URL, {**data, field: value})
    assert response.status_code == 400
    assert says in response.content.decode()
    assert not WorkingGroup.objects.exists()
