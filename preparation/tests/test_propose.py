"""POST /au-moten/<pk>/beredning/foresla/: an AU member proposes an item for the parent's
next meeting."""

import pytest
from django.urls import reverse

from preparation.models import ProposedItem

pytestmark = pytest.mark.django_db


def url(au) -> str:
    return reverse("preparation:propose", args=[au.pk])


def test_an_au_member_proposes_an_item(client, au, parent, alice):
    client.force_login(alice)
    response = client.post(url(au), {"kind": "information", "title": "Läget i hemgången"})
    assert response.status_code == 302
    assert response.url == reverse("preparation:prepare", args=[au.pk])
    item = ProposedItem.objects.get()
    assert (item.title, item.kind, item.parent_meeting, item.position) == (
        "Läget i hemgången",
        "information",
        parent,
        1,
    )


def test_anonymous_is_sent_to_sign_in_and_nothing_is_written(client, au, parent):
    response = client.post(url(au), {"kind": "information", "title": "X"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not ProposedItem.objects.exists()


def test_a_member_of_another_group_gets_404_and_nothing_is_written(client, au, parent, bob):
    client.force_login(bob)
    assert client.post(url(au), {"kind": "information", "title": "X"}).status_code == 404
    assert not ProposedItem.objects.exists()


def test_a_missing_title_is_a_swedish_error_and_keeps_the_description(client, au, parent, alice):
    client.force_login(alice)
    response = client.post(url(au), {"kind": "decision", "description": "Beskrivning Ekorre"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Ange en rubrik." in body
    assert "Beskrivning Ekorre" in body
    assert not ProposedItem.objects.exists()


def test_without_a_booked_parent_meeting_the_form_says_so(client, au, alice):
    client.force_login(alice)
    response = client.post(url(au), {"kind": "information", "title": "Läget"})
    assert response.status_code == 400
    assert "har inget kommande möte" in response.content.decode()
    assert not ProposedItem.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "bomb", "title": "Läget"},
        {"kind": "information", "title": "x" * 5000},
        {"kind": "", "title": ""},
    ],
)
def test_hostile_values_are_a_form_error_not_500(client, au, parent, alice, data):
    client.force_login(alice)
    response = client.post(url(au), data)
    assert response.status_code == 400
    assert "field-error" in response.content.decode()
    assert not ProposedItem.objects.exists()


def test_a_meeting_id_that_is_no_number_is_not_found(client, alice):
    client.force_login(alice)
    assert client.post("/au-moten/abc/beredning/foresla/", {"title": "X"}).status_code == 404
