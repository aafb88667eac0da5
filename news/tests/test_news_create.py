"""POST /nyheter/ny/publicera/: the coordinator publishes a news item (R-K1)."""

import pytest
from django.urls import reverse

from news.models import NewsItem
from testing.builders import coordinator_user, member_user

pytestmark = pytest.mark.django_db
URL = reverse("news:create")


def test_the_coordinator_publishes_news(client, structure):
    client.force_login(coordinator_user())
    response = client.post(URL, {"title": "Ny rutin", "body": "Text *här*."}, follow=True)
    item = NewsItem.objects.get()
    assert response.redirect_chain == [(item.get_absolute_url(), 302)]
    body = response.content.decode()
    assert "Nyheten är publicerad." in body
    assert "<em>här</em>" in body
    assert (item.title, item.body) == ("Ny rutin", "Text *här*.")


def test_anonymous_is_sent_to_sign_in_and_nothing_is_published(client, structure):
    response = client.post(URL, {"title": "Ny rutin", "body": "Text"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not NewsItem.objects.exists()


def test_a_member_gets_404_and_nothing_is_published(client, structure):
    client.force_login(member_user("alice", "lsg"))
    assert client.post(URL, {"title": "Ny rutin", "body": "Text"}).status_code == 404
    assert not NewsItem.objects.exists()


def test_a_blank_text_is_a_swedish_error_and_keeps_the_title(client, structure):
    client.force_login(coordinator_user())
    response = client.post(URL, {"title": "Rubrik Ekorre", "body": "   "})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Detta fält måste fyllas i." in body
    assert 'value="Rubrik Ekorre"' in body
    assert not NewsItem.objects.exists()


def test_an_overlong_title_is_a_form_error_and_keeps_the_text(client, structure):
    client.force_login(coordinator_user())
    response = client.post(URL, {"title": "x" * 5000, "body": "Text Bofink"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "har som mest 200 tecken" in body
    assert "Text Bofink" in body
    assert not NewsItem.objects.exists()
