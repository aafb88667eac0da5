"""POST /au-moten/<pk>/beredning/<item>/ta-bort/: an AU member removes a proposed item."""

import pytest
from django.urls import reverse

from meetings.models import AgendaItem
from preparation.models import ProposedItem
from preparation.tests.conftest import proposed

pytestmark = pytest.mark.django_db


def url(au, item) -> str:
    return reverse("preparation:remove", args=[au.pk, item.pk])


def test_an_au_member_removes_an_item(client, au, parent, alice):
    (item,) = proposed(au, parent, "Läget")
    client.force_login(alice)
    response = client.post(url(au, item))
    assert response.status_code == 302
    assert response.url == reverse("preparation:prepare", args=[au.pk])
    assert not ProposedItem.objects.exists()


def test_anonymous_is_sent_to_sign_in_and_the_item_stays(client, au, parent):
    (item,) = proposed(au, parent, "Läget")
    assert client.post(url(au, item)).url.startswith(reverse("login"))
    assert ProposedItem.objects.filter(pk=item.pk).exists()


def test_a_member_of_another_group_gets_404_and_the_item_stays(client, au, parent, bob):
    (item,) = proposed(au, parent, "Läget")
    client.force_login(bob)
    assert client.post(url(au, item)).status_code == 404
    assert ProposedItem.objects.filter(pk=item.pk).exists()


def test_an_item_already_on_the_agenda_stays_with_a_message(client, au, parent, alice):
    (item,) = proposed(au, parent, "Läget")
    item.agenda_item = AgendaItem.objects.create(
        meeting=parent, position=1, kind="information", title="Läget"
    )
    item.save()
    client.force_login(alice)
    response = client.post(url(au, item), follow=True)
    assert response.redirect_chain[-1][0] == reverse("preparation:prepare", args=[au.pk])
    assert "Punkten är redan förd till dagordningen." in response.content.decode()
    assert ProposedItem.objects.filter(pk=item.pk).exists()


def test_an_item_id_that_is_no_number_is_not_found(client, au, alice):
    client.force_login(alice)
    assert client.post(f"/au-moten/{au.pk}/beredning/abc/ta-bort/").status_code == 404
