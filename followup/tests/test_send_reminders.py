"""POST /uppfoljning/hantera/paminnelser/: the coordinator sends survey reminders (R-F4) in two
steps: the first POST shows how many go out and their text (never to whom: that would tell who
has answered), the confirmation sends them."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse

from followup import services
from followup.models import SurveyInvitation
from structure.models import Group

pytestmark = pytest.mark.django_db
URL = reverse("followup:send_reminders")


@pytest.fixture
def people(coordinator, seat, django_capture_on_commit_callbacks):
    people = seat("lsg", 3)
    with django_capture_on_commit_callbacks(execute=True):
        services.open_survey_round(
            by=coordinator,
            title="Enkät 2026",
            year=2026,
            closes_on=datetime.date.today() + datetime.timedelta(days=14),
            groups=Group.objects.filter(slug="lsg"),
        )
    mail.outbox.clear()
    return people


def _answer(person):
    SurveyInvitation.objects.filter(person=person).update(answered=True)


def _fingerprint(body: str) -> str:
    return re.search(r'name="fingerprint" value="(\w+)"', body).group(1)


def _preview(client, django_capture_on_commit_callbacks) -> str:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL)
    assert response.status_code == 200
    return response.content.decode()


def test_the_preview_counts_the_reminders_shows_the_text_names_nobody_and_sends_nothing(
    client, coordinator, people, django_capture_on_commit_callbacks
):
    _answer(people[0])
    client.force_login(coordinator)
    body = _preview(client, django_capture_on_commit_callbacks)
    assert "Förhandsvisning: 2 mottagare" in body
    assert "Enkät 2026: 2" in body
    assert "Påminnelse: Enkät: Enkät 2026" in body
    assert "Den här länken ersätter länken i det första utskicket." in body
    for person in people:
        assert person.email not in body and person.last_name not in body
    assert mail.outbox == []
    assert not SurveyInvitation.objects.filter(reminded=True).exists()


def test_the_confirmation_sends_exactly_one_reminder_to_each_who_has_not_answered(
    client, coordinator, people, django_capture_on_commit_callbacks
):
    _answer(people[0])
    client.force_login(coordinator)
    fingerprint = _fingerprint(_preview(client, django_capture_on_commit_callbacks))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"confirm": "on", "fingerprint": fingerprint}, follow=True)
    assert response.redirect_chain == [(reverse("followup:manage"), 302)]
    assert "Påminnelser skickade: 2." in response.content.decode()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people[1:])
    assert not SurveyInvitation.objects.filter(answered=False, reminded=False).exists()


def test_a_confirmation_after_someone_answered_shows_the_new_count_and_sends_nothing(
    client, coordinator, people, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    fingerprint = _fingerprint(_preview(client, django_capture_on_commit_callbacks))
    _answer(people[0])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"confirm": "on", "fingerprint": fingerprint})
    body = response.content.decode()
    assert "Mottagarna har ändrats sedan förhandsvisningen" in body
    assert "Förhandsvisning: 2 mottagare" in body
    assert mail.outbox == []
    # Its twin: confirming the new preview sends the two.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"confirm": "on", "fingerprint": _fingerprint(body)})
    assert len(mail.outbox) == 2


def test_with_nobody_to_remind_the_preview_says_so_and_offers_no_button(
    client, coordinator, people, django_capture_on_commit_callbacks
):
    for person in people:
        _answer(person)
    client.force_login(coordinator)
    body = _preview(client, django_capture_on_commit_callbacks)
    assert "Ingen får något e-postmeddelande." in body
    assert 'name="confirm"' not in body


@pytest.mark.parametrize("who", [None, "plain_user"])
@pytest.mark.parametrize("confirm", [False, True])
def test_anonymous_and_members_can_neither_preview_nor_confirm(
    client, coordinator, people, who, confirm, request, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    fingerprint = _fingerprint(_preview(client, django_capture_on_commit_callbacks))
    client.logout()
    posted = {"confirm": "on", "fingerprint": fingerprint} if confirm else {}
    if who:
        client.force_login(request.getfixturevalue(who))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, posted)
    if who:
        assert response.status_code == 403
        assert "Förhandsvisning" not in response.content.decode()
    else:
        assert response.url.startswith(reverse("login"))
    assert mail.outbox == []
    assert not SurveyInvitation.objects.filter(reminded=True).exists()
    # Its twin: the coordinator's same post previews or sends.
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, posted)
    assert response.status_code == (302 if confirm else 200)
    assert len(mail.outbox) == (3 if confirm else 0)


@pytest.mark.parametrize(
    "posted",
    [
        {"confirm": "on", "fingerprint": "x" * 5000},
        {"confirm": "on", "fingerprint": "f" * 64},
        {"confirm": "on"},
        {"confirm": ["on", "on"], "fingerprint": ["a", "b"]},
    ],
)
def test_a_hostile_confirmation_shows_the_preview_and_sends_nothing(
    client, coordinator, people, posted, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, posted)
    assert response.status_code == 200
    assert "Förhandsvisning: 3 mottagare" in response.content.decode()
    assert mail.outbox == []
    assert not SurveyInvitation.objects.filter(reminded=True).exists()


def test_a_get_is_not_allowed(client, coordinator, people):
    client.force_login(coordinator)
    assert client.get(URL).status_code == 405
    assert mail.outbox == []
