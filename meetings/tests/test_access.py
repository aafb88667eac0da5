"""Nothing unapproved or internal leaks (R-Q2, R-S6): each forbidden path tried as an attacker."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings import services
from meetings.models import CalendarFeed, ItemKind
from testing.builders import member_user

SECRET = "Hemligt utkast om ekonomin"


@pytest.fixture
def internal(book, coordinator):
    """An LSG meeting with a draft agenda item, a paper and draft minutes."""
    meeting = book(slug="lsg")
    item = services.add_agenda_item(
        meeting=meeting,
        by=coordinator,
        kind=ItemKind.DECISION,
        title=SECRET,
        description="d",
        proposal="p",
    )
    paper = services.attach_paper(
        item=item,
        by=coordinator,
        upload=SimpleUploadedFile("intern.pdf", b"%PDF-1.4 internt", "application/pdf"),
    )
    minutes = services.draft_minutes(meeting=meeting, by=coordinator, at=meeting.starts_at)
    return meeting, paper, minutes


def login(client, username):
    client.login(username=username, password="samverkan-demo")
    return client


@pytest.fixture
def outsider(client, structure):
    """A member of another group: Samråd only."""
    client.force_login(member_user("olle", "samrad"))
    return client


def test_anonymous_sees_public_meeting_data_but_not_the_agenda(client, internal):
    meeting, paper, minutes = internal
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Regionens hus, Umeå" in html
    assert SECRET not in html
    assert client.get(reverse("meetings:paper_download", args=[paper.pk])).status_code == 404
    assert client.get(minutes.get_absolute_url()).status_code == 404
    assert client.get(reverse("meetings:minutes_pdf", args=[minutes.pk])).status_code == 404
    manage = client.get(reverse("meetings:meeting_manage", args=[meeting.pk]))
    assert manage.status_code == 302  # to sign-in


def test_member_of_another_group_cannot_reach_internal_material(outsider, internal):
    meeting, paper, minutes = internal
    assert SECRET not in outsider.get(meeting.get_absolute_url()).content.decode()
    assert outsider.get(reverse("meetings:paper_download", args=[paper.pk])).status_code == 404
    assert outsider.get(minutes.get_absolute_url()).status_code == 404
    assert outsider.get(reverse("meetings:meeting_manage", args=[meeting.pk])).status_code == 403
    assert outsider.post(reverse("meetings:minutes_approve", args=[minutes.pk])).status_code == 404


def test_own_member_sees_agenda_paper_and_draft(client, internal):
    meeting, paper, minutes = internal
    client.force_login(member_user("alice", "lsg"))
    assert SECRET in client.get(meeting.get_absolute_url()).content.decode()
    response = client.get(reverse("meetings:paper_download", args=[paper.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert client.get(minutes.get_absolute_url()).status_code == 200
    # but a member cannot manage or edit
    assert client.get(reverse("meetings:meeting_manage", args=[meeting.pk])).status_code == 403
    assert client.get(reverse("meetings:minutes_edit", args=[minutes.pk])).status_code == 403


def test_unapproved_minutes_are_never_in_public_lists_or_search(client, internal):
    meeting, paper, minutes = internal
    html = client.get(reverse("meetings:minutes_list") + "?q=Hemligt").content.decode()
    assert SECRET not in html and minutes.get_absolute_url() not in html
    html = client.get(reverse("meetings:group_minutes", args=["lsg"])).content.decode()
    assert minutes.get_absolute_url() not in html


def test_non_public_meeting_is_hidden_from_the_public(client, internal, coordinator):
    meeting, _, _ = internal
    meeting.is_public = False
    meeting.save()
    assert client.get(meeting.get_absolute_url()).status_code == 404
    assert client.get(reverse("meetings:meeting_ics", args=[meeting.pk])).status_code == 404
    feed = client.get(reverse("meetings:public_feed")).content.decode()
    assert str(meeting.uid) not in feed


def test_guessing_a_member_feed_token_fails(client, structure):
    CalendarFeed.objects.create(person=member_user("alice", "lsg").person)
    assert client.get("/kalender/ledamot/gissning.ics").status_code == 404


def test_planning_is_for_coordinators_only(client, structure):
    client.force_login(member_user("alice", "lsg"))
    assert client.get(reverse("meetings:planning")).status_code == 403
    assert client.get(reverse("meetings:meeting_create")).status_code == 403


def test_meetings_in_the_admin_are_read_only_for_coordinators(client, internal):
    meeting, _, minutes = internal
    login(client, "koordinator")
    assert client.get(reverse("admin:meetings_meeting_changelist")).status_code == 200
    assert (
        client.get(reverse("admin:meetings_minutes_change", args=[minutes.pk])).status_code == 200
    )
    response = client.post(
        reverse("admin:meetings_minutes_change", args=[minutes.pk]), {"status": "approved"}
    )
    assert response.status_code == 403
    minutes.refresh_from_db()
    assert minutes.status == "draft"
