"""Attacks on the one-action views of the manage page and the minutes editor: a member of
another group, a registrar, a plain member of the group and an anonymous visitor try every
action URL and every preview. Nothing changes and nothing leaks."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.models import User
from meetings import services
from meetings.models import AgendaItem, Attendance, ItemKind, Meeting, Minutes, Paper
from structure.models import Membership, Position
from testing.builders import council, member_user, registrar_user

DEMO_PASSWORD = "samverkan-demo"
SECRET = "Hemlig punkt om neddragningar"


@pytest.fixture
def world(seated, book, coordinator):
    """A public and a closed LSG meeting, each with a secret item; draft minutes on the first."""
    public = book()
    closed = book(day=datetime.date(2027, 3, 11))
    closed.is_public = False
    closed.save()
    items = {}
    for meeting in (public, closed):
        items[meeting.pk] = services.add_agenda_item(
            meeting=meeting, by=coordinator, kind=ItemKind.INFORMATION, title=SECRET
        )
    minutes = services.draft_minutes(meeting=public, by=coordinator, at=public.starts_at)
    council("samrad")
    member_user("utomstaende", "samrad")
    registrar_user("registrator-umea", principal="umea")
    return {"public": public, "closed": closed, "items": items, "minutes": minutes}


def as_user(username: str | None) -> Client:
    client = Client()
    if username:
        client.force_login(User.objects.get(username=username))
    return client


def post_actions(meeting: Meeting, item: AgendaItem) -> list[tuple[str, dict]]:
    def url(name, *extra):
        return reverse(f"meetings:{name}", args=[meeting.pk, *extra])

    return [
        (url("agenda_item_add"), {"kind": ItemKind.INFORMATION, "title": "Inskjuten"}),
        (url("agenda_item_edit", item.pk), {"kind": ItemKind.INFORMATION, "title": "Kapad"}),
        (url("agenda_item_up"), {"item": item.pk}),
        (url("agenda_item_down"), {"item": item.pk}),
        (url("agenda_item_remove", item.pk), {"confirm": "on"}),
        (
            url("paper_attach"),
            {"item": item.pk, "file": SimpleUploadedFile("x.pdf", b"%PDF-1.4", "application/pdf")},
        ),
        (
            url("meeting_reschedule"),
            {
                "tid-date": "2027-05-05",
                "tid-start": "09:00",
                "tid-end": "10:00",
                "tid-form": "in_person",
                "tid-location": "Kapat",
            },
        ),
        (url("meeting_cancel"), {"confirm": "on"}),
        (url("kallelse_send"), {"again": "True"}),
        (url("attendance_record"), {"narvaro-TOTAL_FORMS": 0, "narvaro-INITIAL_FORMS": 0}),
        (url("minutes_start"), {}),
    ]


def previews(meeting: Meeting, item: AgendaItem) -> list[str]:
    return [
        reverse("meetings:meeting_manage", args=[meeting.pk]),
        reverse("meetings:kallelse_send", args=[meeting.pk]),
        reverse("meetings:meeting_cancel", args=[meeting.pk]),
        reverse("meetings:agenda_item_edit", args=[meeting.pk, item.pk]),
        reverse("meetings:agenda_item_remove", args=[meeting.pk, item.pk]),
    ]


def snapshot(meeting: Meeting) -> tuple:
    meeting.refresh_from_db()
    items = list(meeting.items.order_by("position").values_list("pk", "title", "position"))
    return (
        items,
        meeting.location,
        meeting.cancelled,
        meeting.kallelse_sent_at,
        Attendance.objects.filter(meeting=meeting).count(),
        Minutes.objects.filter(meeting=meeting).count(),
        Paper.objects.filter(item__meeting=meeting).count(),
    )


# (user, status on the public meeting, status on the closed meeting)
ATTACKERS = [
    ("utomstaende", 403, 404),  # a member of another group
    ("registrator-umea", 403, 404),
    ("ledamot", 403, 403),  # a plain member of the group: sees it, may not manage it
]


@pytest.mark.parametrize("username, on_public, on_closed", ATTACKERS)
def test_no_action_url_lets_an_attacker_change_a_meeting(
    world, username, on_public, on_closed, django_capture_on_commit_callbacks
):
    client = as_user(username)
    for key, expected in (("public", on_public), ("closed", on_closed)):
        meeting = world[key]
        before = snapshot(meeting)
        with django_capture_on_commit_callbacks(execute=True):
            for url, data in post_actions(meeting, world["items"][meeting.pk]):
                assert client.post(url, data).status_code == expected, (username, url)
        assert snapshot(meeting) == before, username
    assert len(mail.outbox) == 0


def test_anonymous_visitors_are_sent_to_sign_in_and_change_nothing(world):
    client = Client()
    for key in ("public", "closed"):
        meeting = world[key]
        before = snapshot(meeting)
        for url, data in post_actions(meeting, world["items"][meeting.pk]):
            response = client.post(url, data)
            assert response.status_code == 302, url
            assert response.url.startswith(reverse("login")), url
        assert snapshot(meeting) == before


@pytest.mark.parametrize("username", [None, "utomstaende", "registrator-umea", "ledamot"])
def test_previews_leak_nothing_to_attackers(world, username):
    client = as_user(username)
    for key in ("public", "closed"):
        meeting = world[key]
        for url in previews(meeting, world["items"][meeting.pk]):
            response = client.get(url)
            assert response.status_code in (302, 403, 404), (username, url)
            body = response.content.decode()
            assert SECRET not in body
            for person in services.kallelse_recipients(meeting)[:3]:
                assert person.full_name not in body


@pytest.mark.parametrize("username", [None, "utomstaende", "registrator-umea", "ledamot"])
def test_the_minutes_editor_refuses_attackers(world, username):
    client = as_user(username)
    minutes = world["minutes"]
    url = reverse("meetings:minutes_save", args=[minutes.pk])
    for step in ("spara", "skicka"):
        data = {"summary": "Kapat", "without_attendance": "on", "steg": step}
        response = client.post(url, data)
        assert response.status_code in (302, 403, 404), (username, step)
    response = client.get(reverse("meetings:minutes_edit", args=[minutes.pk]))
    assert response.status_code in (302, 403, 404)
    minutes.refresh_from_db()
    assert minutes.summary == "" and minutes.is_draft


def test_a_chair_of_another_group_cannot_manage_this_one(world):
    """The Samråd's chair manages Samråd meetings only."""
    chair = Membership.objects.filter(group__slug="samrad", position=Position.CHAIR).first()
    assert not chair.person.memberships.filter(group__slug="lsg").exists()
    client = Client()
    client.force_login(
        User.objects.create_user("samradschef", password=DEMO_PASSWORD, person=chair.person)
    )
    meeting = world["public"]
    before = snapshot(meeting)
    for url, data in post_actions(meeting, world["items"][meeting.pk]):
        assert client.post(url, data).status_code == 403, url
    assert snapshot(meeting) == before


def test_an_item_id_of_a_closed_meeting_cannot_be_used_through_a_public_one(world, client):
    """Even the coordinator's forms only accept the meeting's own items."""
    client.force_login(User.objects.get(username="koordinator"))
    public, closed = world["public"], world["closed"]
    foreign = world["items"][closed.pk]
    before = snapshot(closed)
    url = reverse("meetings:agenda_item_up", args=[public.pk])
    assert client.post(url, {"item": foreign.pk}).status_code == 400
    response = client.post(
        reverse("meetings:paper_attach", args=[public.pk]),
        {"item": foreign.pk, "file": SimpleUploadedFile("x.pdf", b"%PDF-1.4", "application/pdf")},
    )
    assert response.status_code == 400
    assert snapshot(closed) == before
