"""POST /sidor/<slug>/redigera/spara/: the coordinator saves one of the shared pages (R-K2)."""

import pytest
from django.urls import reverse

from news.models import Page
from testing.builders import coordinator_user, member_user

pytestmark = pytest.mark.django_db


def url(slug: str = "vardegrund") -> str:
    return reverse("news:page_save", args=[slug])


def test_the_coordinator_saves_a_page(client, structure):
    client.force_login(coordinator_user())
    response = client.post(url(), {"title": "Värdegrund", "body": "Vi **samverkar**."}, follow=True)
    assert response.redirect_chain == [(reverse("news:page", args=["vardegrund"]), 302)]
    body = response.content.decode()
    assert "Sidan är sparad." in body
    assert "<strong>samverkar</strong>" in body
    assert Page.objects.get(slug="vardegrund").body == "Vi **samverkar**."


def test_anonymous_is_sent_to_sign_in_and_nothing_is_saved(client, structure):
    response = client.post(url(), {"title": "Värdegrund", "body": "Text"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not Page.objects.exists()


def test_a_member_gets_404_and_nothing_is_saved(client, structure):
    client.force_login(member_user("alice", "lsg"))
    assert client.post(url(), {"title": "Värdegrund", "body": "Text"}).status_code == 404
    assert not Page.objects.exists()


def test_a_page_the_structure_does_not_keep_is_not_found(client, structure):
    client.force_login(coordinator_user())
    assert client.post(url("hemlig"), {"title": "X", "body": "Text"}).status_code == 404
    assert not Page.objects.exists()


def test_a_missing_title_is_a_swedish_error_and_keeps_the_text(client, structure):
    client.force_login(coordinator_user())
    response = client.post(url(), {"title": "", "body": "Text Ekorre"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Detta fält måste fyllas i." in body
    assert "Text Ekorre" in body
    assert not Page.objects.exists()


@pytest.mark.parametrize("slug", ["x" * 300, "ö-sida"])
def test_a_hostile_slug_is_not_found(client, structure, slug):
    client.force_login(coordinator_user())
    assert (
        client.post(f"/sidor/{slug}/redigera/spara/", {"title": "X", "body": "Y"}).status_code
        == 404
    )
    assert not Page.objects.exists()
