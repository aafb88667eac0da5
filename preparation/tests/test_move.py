"""POST /au-moten/<pk>/beredning/<item>/flytta/: an AU member moves a proposed item up or down."""

import pytest
from django.urls import reverse

from preparation.models import ProposedItem
from preparation.tests.conftest import meeting, proposed

pytestmark = pytest.mark.django_db


def url(au, item) -> str:
    return reverse("preparation:move", args=[au.pk, item.pk])


def order(au) -> list[str]:
    return list(au.proposed_items.order_by("position").values_list("title", flat=True))


def test_an_au_member_moves_an_item_up(client, au, parent, alice):
    _, second = proposed(au, parent, "Första", "Andra")
    client.force_login(alice)
    response = client.post(url(au, second), {"direction": "-1"})
    assert response.status_code == 302
    assert response.url == reverse("preparation:prepare", args=[au.pk])
    assert order(au) == ["Andra", "Första"]


def test_anonymous_is_sent_to_sign_in_and_the_order_stays(client, au, parent):
    _, second = proposed(au, parent, "Första", "Andra")
    response = client.post(url(au, second), {"direction": "-1"})
    assert response.url.startswith(reverse("login"))
    assert order(au) == ["Första", "Andra"]


def test_a_member_of_another_group_gets_404_and_the_order_stays(client, au, parent, bob):
    _, second = proposed(au, parent, "Första", "Andra")
    client.force_login(bob)
    assert client.post(url(au, second), {"direction": "-1"}).status_code == 404
    assert order(au) == ["Första", "Andra"]


def test_an_item_of_another_au_meeting_is_not_found(client, au, parent, alice):
    other_au = meeting("lsg-au", 6)
    (foreign,) = proposed(other_au, parent, "Annat möte")
    client.force_login(alice)
    assert client.post(url(au, foreign), {"direction": "1"}).status_code == 404


@pytest.mark.parametrize("direction", ["abc", "5", "", "1" * 5000])
def test_a_hostile_direction_answers_400_and_the_order_stays(client, au, parent, alice, direction):
    _, second = proposed(au, parent, "Första", "Andra")
    client.force_login(alice)
    assert client.post(url(au, second), {"direction": direction}).status_code == 400
    assert order(au) == ["Första", "Andra"]
    assert ProposedItem.objects.count() == 2
