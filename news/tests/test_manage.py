"""The coordinator keeps news and the shared pages on product pages, not in the admin (R-K1,
R-K2): the list, editing a published item (audited before/after, history kept) and taking
one down after a confirm step."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent, EventKind
from news import services
from news.models import NewsItem
from testing.builders import coordinator_user, member_user
from testing.queries import page_queries, signed_in

pytestmark = pytest.mark.django_db
MANAGE = reverse("news:manage")


def news(by, title="Ny rutin", body="Text om rutinen.", days_ago=0):
    return NewsItem.objects.create(
        title=title,
        body=body,
        published_by=by,
        published_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


def writes(action):
    return AuditEvent.objects.filter(kind=EventKind.WRITE, action=action)


# --- the list ---------------------------------------------------------------------------------


def test_the_coordinator_sees_news_and_pages_with_their_actions(client, structure):
    coordinator = coordinator_user()
    item = news(coordinator, title="Rubrik Ekorre")
    client.force_login(coordinator)
    body = client.get(MANAGE).content.decode()
    assert "Rubrik Ekorre" in body
    assert reverse("news:edit", args=[item.pk]) in body
    assert reverse("news:withdraw_confirm", args=[item.pk]) in body
    assert reverse("news:new") in body
    assert reverse("news:page_edit", args=["vardegrund"]) in body


def test_the_news_list_links_the_coordinator_to_the_manage_page(client, structure):
    client.force_login(coordinator_user())
    assert MANAGE in client.get(reverse("news:list")).content.decode()


def test_a_member_does_not_see_the_manage_link_or_page(client, structure):
    client.force_login(member_user("alice", "lsg"))
    assert MANAGE not in client.get(reverse("news:list")).content.decode()
    assert client.get(MANAGE).status_code == 404


def test_anonymous_is_sent_to_sign_in_from_the_manage_page(client, structure):
    response = client.get(MANAGE)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_list_runs_as_many_queries_for_thirty_items_as_for_one(structure):
    coordinator = coordinator_user()
    news(coordinator)
    client = signed_in(coordinator)
    one = page_queries(client, MANAGE)
    for n in range(29):
        news(coordinator, title=f"Nyhet {n}", days_ago=n + 1)
    assert page_queries(client, MANAGE) == one
    assert page_queries(client, MANAGE + "?sida=2") == one


def test_a_hostile_page_number_shows_the_first_page(client, structure):
    client.force_login(coordinator_user())
    assert client.get(MANAGE + "?sida=-1%27").status_code == 200


# --- editing a published item -----------------------------------------------------------------


def edit_url(item):
    return reverse("news:update", args=[item.pk])


def test_the_coordinator_edits_a_published_item_and_the_change_is_audited(client, structure):
    coordinator = coordinator_user()
    item = news(coordinator, title="Gammal rubrik", body="Gammal text.")
    client.force_login(coordinator)
    assert client.get(reverse("news:edit", args=[item.pk])).status_code == 200
    response = client.post(
        edit_url(item), {"title": "Ny rubrik", "body": "Ny *text*."}, follow=True
    )
    assert response.redirect_chain == [(item.get_absolute_url(), 302)]
    body = response.content.decode()
    assert "Nyheten är ändrad." in body
    assert "<em>text</em>" in body
    item.refresh_from_db()
    assert (item.title, item.body) == ("Ny rubrik", "Ny *text*.")
    (event,) = writes("news.edit_news")
    assert event.changes["title"] == ["Gammal rubrik", "Ny rubrik"]
    assert event.changes["body"] == ["Gammal text.", "Ny *text*."]
    assert event.user == coordinator
    # the earlier version is kept in the model's history
    assert [h.title for h in item.history.order_by("history_date")] == [
        "Gammal rubrik",
        "Ny rubrik",
    ]


def test_a_member_cannot_edit_and_nothing_changes(client, structure):
    item = news(coordinator_user(), title="Gammal rubrik")
    client.force_login(member_user("alice", "lsg"))
    assert client.get(reverse("news:edit", args=[item.pk])).status_code == 404
    assert client.post(edit_url(item), {"title": "Kapad", "body": "x"}).status_code == 404
    item.refresh_from_db()
    assert item.title == "Gammal rubrik"
    assert not writes("news.edit_news").exists()


def test_anonymous_cannot_edit(client, structure):
    item = news(coordinator_user(), title="Gammal rubrik")
    response = client.post(edit_url(item), {"title": "Kapad", "body": "x"})
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    item.refresh_from_db()
    assert item.title == "Gammal rubrik"


def test_a_blank_text_keeps_the_title_typed(client, structure):
    coordinator = coordinator_user()
    item = news(coordinator)
    client.force_login(coordinator)
    response = client.post(edit_url(item), {"title": "Rubrik Bofink", "body": "  "})
    assert response.status_code == 400
    body = response.content.decode()
    assert 'value="Rubrik Bofink"' in body
    assert "Detta fält måste fyllas i." in body
    item.refresh_from_db()
    assert item.title == "Ny rutin"


def test_an_overlong_title_is_a_form_error_not_a_500(client, structure):
    coordinator = coordinator_user()
    item = news(coordinator)
    client.force_login(coordinator)
    response = client.post(edit_url(item), {"title": "x" * 5000, "body": "Text Trana"})
    assert response.status_code == 400
    assert "har som mest 200 tecken" in response.content.decode()
    assert "Text Trana" in response.content.decode()


def test_script_in_the_body_is_stored_but_shown_sanitised(client, structure):
    coordinator = coordinator_user()
    item = news(coordinator)
    client.force_login(coordinator)
    hostile = 'Hej <script>alert(1)</script> [klick](javascript:alert(2)) <b onclick="x()">b</b>'
    client.post(edit_url(item), {"title": "Rubrik", "body": hostile})
    body = client.get(item.get_absolute_url()).content.decode()
    assert "Hej" in body
    assert "<script>alert(1)" not in body
    assert "javascript:alert" not in body
    assert "onclick" not in body


def test_a_missing_item_is_not_found(client, structure):
    client.force_login(coordinator_user())
    assert (
        client.post(reverse("news:update", args=[999]), {"title": "a", "body": "b"}).status_code
        == 404
    )


def test_the_edit_and_its_audit_row_are_one_transaction(structure, monkeypatch):
    coordinator = coordinator_user()
    item = news(coordinator, title="Gammal rubrik")

    def fail(**kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(services.audit, "record_write", fail)
    with pytest.raises(RuntimeError):
        services.edit_news(by=coordinator, item=item, title="Ny rubrik", body="Ny text")
    item.refresh_from_db()
    assert item.title == "Gammal rubrik"


# --- taking an item down ----------------------------------------------------------------------


def test_taking_down_asks_first_then_removes_and_audits(client, structure):
    coordinator = coordinator_user()
    item = news(coordinator, title="Rubrik Lodjur", body="Text Lodjur")
    client.force_login(coordinator)
    question = client.get(reverse("news:withdraw_confirm", args=[item.pk]))
    assert question.status_code == 200
    assert "Ta bort nyheten ”Rubrik Lodjur”?" in question.content.decode()
    assert NewsItem.objects.filter(pk=item.pk).exists()  # asking changes nothing

    response = client.post(reverse("news:withdraw", args=[item.pk]), {"confirm": "on"}, follow=True)
    assert response.redirect_chain == [(MANAGE, 302)]
    assert "är borttagen" in response.content.decode()
    assert not NewsItem.objects.filter(pk=item.pk).exists()
    (event,) = writes("news.withdraw_news")
    assert event.changes["title"] == ["Rubrik Lodjur", None]
    assert event.target == f"news.NewsItem:{item.pk}"
    assert NewsItem.history.filter(id=item.pk, history_type="-").exists()


def test_a_post_without_the_confirmation_removes_nothing(client, structure):
    coordinator = coordinator_user()
    item = news(coordinator)
    client.force_login(coordinator)
    response = client.post(reverse("news:withdraw", args=[item.pk]), {})
    assert response.status_code == 400
    assert "Bekräfta" in response.content.decode()
    assert NewsItem.objects.filter(pk=item.pk).exists()


def test_a_member_cannot_take_news_down(client, structure):
    item = news(coordinator_user())
    client.force_login(member_user("alice", "lsg"))
    assert client.get(reverse("news:withdraw_confirm", args=[item.pk])).status_code == 404
    assert (
        client.post(reverse("news:withdraw", args=[item.pk]), {"confirm": "on"}).status_code == 404
    )
    assert NewsItem.objects.filter(pk=item.pk).exists()
    assert not writes("news.withdraw_news").exists()


def test_anonymous_cannot_take_news_down(client, structure):
    item = news(coordinator_user())
    response = client.post(reverse("news:withdraw", args=[item.pk]), {"confirm": "on"})
    assert response.status_code == 302
    assert NewsItem.objects.filter(pk=item.pk).exists()
