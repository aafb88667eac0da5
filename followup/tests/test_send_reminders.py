"""POST /uppfoljning/hantera/paminnelser/: the coordinator sends survey reminders (R-F4)."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from followup import services
from followup.models import SurveyInvitation
from structure.models import Group

pytestmark = pytest.mark.django_db
URL = reverse("followup:send_reminders")


@pytest.fixture
def open_round(coordinator, seat, django_capture_on_commit_callbacks):
    seat("lsg", 2)
    with django_capture_on_commit_callbacks(execute=True):
        services.open_survey_round(
            by=coordinator,
            title="Enkät 2026",
            year=2026,
            closes_on=datetime.date.today() + datetime.timedelta(days=14),
            groups=Group.objects.filter(slug="lsg"),
        )
    mail.outbox.clear()


def test_the_coordinator_reminds_those_who_have_not_answered(
    client, coordinator, open_round, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, follow=True)
    assert response.redirect_chain == [(reverse("followup:manage"), 302)]
    assert "Påminnelser skickade: 2." in response.content.decode()
    assert len(mail.outbox) == 2
    assert not SurveyInvitation.objects.filter(reminded=False).exists()


@pytest.mark.parametrize("who", [None, "plain_user"])
def test_anonymous_and_members_are_refused_and_nothing_is_sent(
    client, open_round, who, request, django_capture_on_commit_callbacks
):
    if who:
        client.force_login(request.getfixturevalue(who))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL)
    if who:
        assert response.status_code == 403
    else:
        assert response.url.startswith(reverse("login"))
    assert mail.outbox == []
    assert not SurveyInvitation.objects.filter(reminded=True).exists()


def test_a_get_is_not_allowed(client, coordinator, open_round):
    client.force_login(coordinator)
    assert client.get(URL).status_code == 405
    assert mail.outbox == []
