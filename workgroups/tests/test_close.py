"""POST /arbetsgrupper/<pk>/avsluta/: the coordinator closes a working group (R-F1)."""

import pytest
from django.urls import reverse

from testing.builders import member_user
from workgroups import services
from workgroups.models import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def wg(charlie, setup_kwargs):
    return services.set_up_working_group(by=charlie, **setup_kwargs)


def url(wg) -> str:
    return reverse("workgroups:close", args=[wg.pk])


def test_the_coordinator_closes_a_working_group(client, charlie, wg):
    client.force_login(charlie)
    response = client.post(url(wg), {"note": "Uppdraget återkallat."}, follow=True)
    assert response.redirect_chain == [(wg.get_absolute_url(), 302)]
    assert "Arbetsgruppen är avslutad." in response.content.decode()
    wg.refresh_from_db()
    assert (wg.status, wg.closing_note) == (Status.CLOSED, "Uppdraget återkallat.")


def test_anonymous_is_sent_to_sign_in_and_the_group_stays_open(client, wg):
    assert client.post(url(wg), {"note": "x"}).url.startswith(reverse("login"))
    wg.refresh_from_db()
    assert wg.status == Status.SET_UP


def test_a_member_is_refused_and_the_group_stays_open(client, wg):
    client.force_login(member_user("alice", "lsg"))
    assert client.post(url(wg), {"note": "x"}).status_code == 403
    wg.refresh_from_db()
    assert wg.status == Status.SET_UP


def test_closing_twice_is_a_swedish_error_and_keeps_the_note(client, charlie, wg):
    services.close_working_group(working_group=wg, by=charlie, note="Först")
    client.force_login(charlie)
    response = client.post(url(wg), {"note": "Andra gången"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Arbetsgruppen är redan avslutad." in body
    assert 'value="Andra gången"' in body
    wg.refresh_from_db()
    assert wg.closing_note == "Först"


def test_an_overlong_note_is_a_form_error_and_the_group_stays_open(client, charlie, wg):
    client.force_login(charlie)
    response = client.post(url(wg), {"note": "x" * 5000})
    assert response.status_code == 400
    assert "har som mest 300 tecken" in response.content.decode()
    wg.refresh_from_db()
    assert wg.status == Status.SET_UP
