import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from lib.markdown import render
from news import services
from news.models import NewsItem
from testing.builders import PASSWORD, coordinator_user, member_user

pytestmark = pytest.mark.django_db


def test_markdown_with_script_and_javascript_link_is_neutralised():
    html = render(
        "Hej **du**<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>"
    )
    assert "<strong>du</strong>" in html
    assert "<script" not in html and "javascript:" not in html and "onerror" not in html


def test_published_news_is_in_the_atom_and_rss_feeds(client, structure):
    services.publish_news(by=coordinator_user(), title="Ny lag om samverkan", body="Text *här*.")
    for name in ("news:atom", "news:rss"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert b"Ny lag om samverkan" in response.content


def test_members_cannot_publish(client, structure):
    alice = member_user("alice", "lsg")
    with pytest.raises(PermissionDenied):
        services.publish_news(by=alice, title="x", body="y")
    client.login(username="alice", password=PASSWORD)
    response = client.post(reverse("news:create"), {"title": "x", "body": "y"})
    assert response.status_code == 404
    assert not NewsItem.objects.exists()


def test_page_keeps_history_and_shows_sanitised_text(client, structure):
    charlie = coordinator_user()
    services.save_page(by=charlie, slug="vardegrund", title="Värdegrund", body="Första")
    page = services.save_page(
        by=charlie, slug="vardegrund", title="Värdegrund", body="Andra <script>x()</script>"
    )
    assert page.history.count() == 2
    body = client.get(reverse("news:page", args=["vardegrund"])).content.decode()
    assert "Andra" in body and "<script>x()" not in body


def test_unknown_page_is_404(client, structure):
    assert client.get(reverse("news:page", args=["hemlig"])).status_code == 404
