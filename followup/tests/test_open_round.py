"""POST /uppfoljning/hantera/enkat/: the coordinator opens a survey round (R-F4) in two steps:
the first POST shows who gets which mail, the confirmation opens the round and sends."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from followup.models import SurveyInvitation, SurveyRound
from lib import mass_mail
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


def _fingerprint(body: str) -> str:
    return re.search(r'name="fingerprint" value="(\w+)"', body).group(1)


def _preview(client, data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, data)
    assert response.status_code == 200
    return response.content.decode()


def test_the_first_post_shows_each_recipient_and_the_mail_and_sends_nothing(
    client, coordinator, seat, data, django_capture_on_commit_callbacks
):
    people = seat("lsg", 2)
    client.force_login(coordinator)
    body = _preview(client, data, django_capture_on_commit_callbacks)
    assert "Förhandsvisning: 2 mottagare" in body
    for person in people:
        assert person.full_name in body and person.email in body
    assert "Enkät: Enkät 2026" in body  # the subject
    assert f"Hej {people[0].first_name}!" in body  # the body, as it will be sent
    assert "Sista svarsdag: 2099-01-01." in body
    assert mail.outbox == []
    assert not SurveyRound.objects.exists()
    # The preview posts the same values again with the confirmation.
    assert 'name="title" value="Enkät 2026"' in body
    assert 'name="confirm" value="on"' in body


def test_the_confirmation_opens_the_round_and_mails_exactly_one_link_per_recipient(
    client, coordinator, seat, data, django_capture_on_commit_callbacks
):
    people = seat("lsg", 3)
    client.force_login(coordinator)
    fingerprint = _fingerprint(_preview(client, data, django_capture_on_commit_callbacks))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            URL, {**data, "confirm": "on", "fingerprint": fingerprint}, follow=True
        )
    assert response.redirect_chain == [(reverse("followup:manage"), 302)]
    assert "Enkäten är öppnad och 3 personer har fått en länk." in response.content.decode()
    assert SurveyRound.objects.get().title == "Enkät 2026"
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert all(len(m.to) == 1 and "/enkat/" in m.body for m in mail.outbox)
    assert SurveyInvitation.objects.count() == 3


def test_a_long_list_names_the_first_fifty_and_counts_them_all(
    client, coordinator, seat, data, django_capture_on_commit_callbacks
):
    people = seat("lsg", mass_mail.PREVIEW_LIMIT + 3)
    client.force_login(coordinator)
    body = _preview(client, data, django_capture_on_commit_callbacks)
    assert f"Förhandsvisning: {len(people)} mottagare" in body
    assert people[0].email in body and people[-1].email not in body
    assert "och 3 till som får samma text." in body
    assert mail.outbox == []


def test_a_confirmation_after_the_recipients_changed_shows_the_preview_again_and_sends_nothing(
    client, coordinator, seat, data, django_capture_on_commit_callbacks
):
    seat("lsg", 2)
    client.force_login(coordinator)
    fingerprint = _fingerprint(_preview(client, data, django_capture_on_commit_callbacks))
    newcomer = seat("lsg", 1)[0]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {**data, "confirm": "on", "fingerprint": fingerprint})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Mottagarna har ändrats sedan förhandsvisningen" in body
    assert "Förhandsvisning: 3 mottagare" in body and newcomer.email in body
    assert mail.outbox == []
    assert not SurveyRound.objects.exists()
    # Its twin: confirming the new preview opens the round for all three.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {**data, "confirm": "on", "fingerprint": _fingerprint(body)})
    assert len(mail.outbox) == 3


def test_a_changed_text_after_the_preview_is_not_sent(
    client, coordinator, seat, data, django_capture_on_commit_callbacks
):
    seat("lsg", 2)
    client.force_login(coordinator)
    fingerprint = _fingerprint(_preview(client, data, django_capture_on_commit_callbacks))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            URL, {**data, "title": "Annan", "confirm": "on", "fingerprint": fingerprint}
        )
    assert "Mottagarna har ändrats sedan förhandsvisningen" in response.content.decode()
    assert mail.outbox == []
    assert not SurveyRound.objects.exists()


def test_anonymous_is_sent_to_sign_in_and_nothing_is_opened(client, data):
    response = client.post(URL, {**data, "confirm": "on", "fingerprint": "f" * 64})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not SurveyRound.objects.exists()


@pytest.mark.parametrize("confirm", [False, True])
def test_a_member_can_neither_preview_nor_confirm(
    client, plain_user, coordinator, seat, data, confirm, django_capture_on_commit_callbacks
):
    people = seat("lsg", 2)
    client.force_login(coordinator)
    fingerprint = _fingerprint(_preview(client, data, django_capture_on_commit_callbacks))
    client.force_login(plain_user)
    posted = {**data, "confirm": "on", "fingerprint": fingerprint} if confirm else data
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, posted)
    assert response.status_code == 403
    assert people[0].email not in response.content.decode()
    assert mail.outbox == []
    assert not SurveyRound.objects.exists()
    # Its twin: the same post from the coordinator previews or opens.
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, posted)
    assert response.status_code == (302 if confirm else 200)
    assert len(mail.outbox) == (2 if confirm else 0)


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
        ("groups", ["99999999999999999999999"], "för stort"),
        ("title", "a\x00b", "NUL-tecken"),
        ("title", "x" * 5000, "har som mest 200 tecken"),
    ],
)
@pytest.mark.parametrize("confirm", [False, True])
def test_hostile_values_are_a_form_error_not_500(
    client, coordinator, seat, data, field, value, says, confirm
):
    seat("lsg", 1)
    client.force_login(coordinator)
    extra = {"confirm": "on", "fingerprint": "f" * 64} if confirm else {}
    response = client.post(URL, {**data, **extra, field: value})
    assert response.status_code == 400
    assert says in response.content.decode()
    assert not SurveyRound.objects.exists()


@pytest.mark.parametrize(
    "extra",
    [
        {"confirm": "on", "fingerprint": "x" * 5000},
        {"confirm": "on", "fingerprint": "'; DROP TABLE x; --"},
        {"confirm": "on"},
        {"confirm": "off", "fingerprint": "f" * 64},
    ],
)
def test_a_hostile_confirmation_shows_the_preview_and_opens_nothing(
    client, coordinator, seat, data, extra, django_capture_on_commit_callbacks
):
    seat("lsg", 2)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {**data, **extra})
    assert response.status_code == 200
    assert "Förhandsvisning: 2 mottagare" in response.content.decode()
    assert mail.outbox == []
    assert not SurveyRound.objects.exists()
