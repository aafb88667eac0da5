import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

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


def _news(n: int) -> None:
    by = coordinator_user()
    start = timezone.now() - datetime.timedelta(days=n)
    NewsItem.objects.bulk_create(
        NewsItem(
            title=f"Nyhet {i}",
            body="Text.",
            published_at=start + datetime.timedelta(days=i),
            published_by=by,
        )
        for i in range(n)
    )


def test_the_news_list_pages_ten_at_a_time_with_the_total(client, structure):
    _news(12)
    html = client.get(reverse("news:list"), {"sida": 2}).content.decode()
    assert "Visar 11–12 av 12" in html and "Nyhet 1<" in html and "Nyhet 11<" not in html


@pytest.mark.parametrize("sida", ["0", "-1", "x", "3", "1.5", "99999999999"])
def test_a_hostile_or_stale_page_number_shows_the_newest_news(client, structure, sida):
    _news(12)
    response = client.get(reverse("news:list"), {"sida": sida})
    assert response.status_code == 200
    assert "Visar 1–10 av 12" in response.content.decode()
    assert response.context["page"].number == 1
