"""POST /nya-ledamoter/<pk>/valkomstbrev/: the coordinator sends the welcome mail."""

import pytest
from django.core import mail
from django.urls import reverse

from testing.builders import person

pytestmark = pytest.mark.django_db


def url(new_member) -> str:
    return reverse("onboarding:welcome", args=[new_member.pk])


@pytest.fixture
def linked(nora):
    nora.person = person("Nora", last_name="Ny", email="nora@test.example")
    nora.save()
    return nora


def test_the_coordinator_sends_the_welcome_mail(
    client, charlie, linked, django_capture_on_commit_callbacks
):
    client.force_login(charlie)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(linked), follow=True)
    assert response.redirect_chain == [(linked.get_absolute_url(), 302)]
    assert "Välkomstbrevet är skickat." in response.content.decode()
    [message] = mail.outbox
    assert message.to == ["nora@test.example"]
    linked.refresh_from_db()
    assert linked.forms_on is not None


@pytest.mark.parametrize("who", [None, "alice"])
def test_anonymous_and_members_are_refused_and_nothing_is_sent(
    client, linked, who, request, django_capture_on_commit_callbacks
):
    if who:
        client.force_login(request.getfixturevalue(who))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(linked))
    if who:
        assert response.status_code == 404
    else:
        assert response.url.startswith(reverse("login"))
    assert not mail.outbox
    linked.refresh_from_db()
    assert linked.forms_on is None


def test_without_a_linked_person_the_refusal_is_a_message(
    client, charlie, nora, django_capture_on_commit_callbacks
):
    client.force_login(charlie)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(nora), follow=True)
    assert "Koppla den nya ledamoten till en person med e-postadress först." in (
        response.content.decode()
    )
    assert not mail.outbox


def test_an_id_that_is_no_number_is_not_found(client, charlie):
    client.force_login(charlie)
    assert client.post("/nya-ledamoter/abc/valkomstbrev/").status_code == 404
