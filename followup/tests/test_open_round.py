"""POST /uppfoljning/hantera/enkat/: the coordinator opens a survey round (R-F4)."""

import pytest
from django.core import mail
from django.urls import reverse

from followup.models import SurveyInvitation, SurveyRound
from structure.models import Group

pytestmark = pytest.mark.django_db
URL = reverse("followup:open_round")


@pytest.fixture
def data(structure) -> dict:
    return {
        "title": "Enkät 2026",
        "year": 2026,
        "closes_on": "2099-01-01",
        "scale_max": 5,
        "satisfied_from": 4,
        "groups": [Group.objects.get(slug="lsg").pk],
    }


def test_the_coordinator_opens_a_round_and_each_member_gets_a_link(
    client, coordinator, seat, data, django_capture_on_commit_callbacks
):
    seat("lsg", 2)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, data, follow=True)
    assert response.redirect_chain == [(reverse("followup:manage"), 302)]
    assert "Enkäten är öppnad och 2 personer har fått en länk." in response.content.decode()
    assert SurveyRound.objects.get().title == "Enkät 2026"
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        SurveyInvitation.objects.values_list("person__email", flat=True)
    )


def test_anonymous_is_sent_to_sign_in_and_nothing_is_opened(client, data):
    response = client.post(URL, data)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not SurveyRound.objects.exists()


def test_a_member_is_refused_and_nothing_is_opened(client, plain_user, seat, data):
    seat("lsg", 2)
    client.force_login(plain_user)
    assert client.post(URL, data).status_code == 403
    assert not SurveyRound.objects.exists()


def test_groups_without_email_are_a_swedish_error_and_keep_the_title(
    client, coordinator, seat, data
):
    seat("lsg", 1, email=False)
    client.force_login(coordinator)
    response = client.post(URL, {**data, "title": "Enkät Lodjur"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Ingen i de valda grupperna har en e-postadress." in body
    assert 'value="Enkät Lodjur"' in body
    assert not SurveyRound.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("year", "abc", "Fyll i ett heltal."),
        ("year", "1e308", "Fyll i ett heltal."),
        ("scale_max", "99", "mindre än eller lika med 10"),
        ("closes_on", "2026-02-30", "Fyll i ett giltigt datum."),
        ("groups", ["abc"], "är inte ett giltigt värde"),
        ("title", "x" * 5000, "har som mest 200 tecken"),
    ],
)
def test_hostile_values_are_a_form_error_not_500(
    client, coordinator, seat, data, field, value, says
):
    seat("lsg", 1)
    client.force_login(coordinator)
    response = client.post(URL, {**data, field: value})
    assert response.status_code == 400
    assert says in response.content.decode()
    assert not SurveyRound.objects.exists()
