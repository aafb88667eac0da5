"""Calendar feeds are bounded and conditional (R-S7, R-Q3): a window of twelve months back and
everything coming (`?fran=`/`?till=` for another), and a client that polls gets 304 from one
small query until a meeting in its feed changes."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from meetings import services
from meetings.models import CalendarFeed, Meeting
from structure.models import Group
from testing import builders

TZ = zoneinfo.ZoneInfo("Europe/Stockholm")
PUBLIC = reverse("meetings:public_feed")


@pytest.fixture
def charlie(structure):
    return builders.coordinator_user()


@pytest.fixture
def book(charlie):
    """A meeting `days` from today (booked, then moved into the past if need be)."""

    def book(days: int = 30, slug: str = "lsg", **fields) -> Meeting:
        later = timezone.localdate() + datetime.timedelta(days=max(days, 30))
        start = datetime.datetime.combine(later, datetime.time(9), TZ)
        meeting = services.book_meeting(
            group=Group.objects.get(slug=slug),
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=3),
            form="in_person",
            location="Regionens hus, Umeå",
            by=charlie,
            **fields,
        )
        if days < 30:  # booking refuses the past: move it there
            day = timezone.localdate() + days * DAY
            moved = datetime.datetime.combine(day, datetime.time(9), TZ)
            Meeting.objects.filter(pk=meeting.pk).update(
                starts_at=moved, ends_at=moved + datetime.timedelta(hours=3)
            )
            meeting.refresh_from_db()
        return meeting

    return book


DAY = datetime.timedelta(days=1)


def uids(response) -> set[str]:
    assert response.status_code == 200, response.content
    events = Calendar.from_ical(response.content).walk("VEVENT")
    return {str(event["uid"]).split("@")[0] for event in events}


def uid(meeting: Meeting) -> str:
    return str(meeting.uid)


# --- The window -------------------------------------------------------------------------------


def test_the_public_feed_holds_twelve_months_back_and_everything_coming(client, book):
    too_old = book(days=-400)
    last_year = book(days=-300)
    far_ahead = book(days=1500)
    held = uids(client.get(PUBLIC))
    assert {uid(last_year), uid(far_ahead)} <= held
    assert uid(too_old) not in held


def test_fran_and_till_choose_the_window_days_included(client, book):
    old = book(days=-400)
    older = book(days=-800)
    coming = book(days=40)
    first = old.starts_at.astimezone(TZ).date()
    held = uids(client.get(PUBLIC, {"fran": first.isoformat(), "till": first.isoformat()}))
    assert held == {uid(old)}
    held = uids(client.get(PUBLIC, {"fran": (first - 500 * DAY).isoformat()}))
    assert {uid(old), uid(older), uid(coming)} <= held


def test_till_alone_ends_the_window_and_starts_it_twelve_months_before(client, book):
    old = book(days=-400)
    coming = book(days=40)
    till = old.starts_at.astimezone(TZ).date() + DAY
    assert uids(client.get(PUBLIC, {"till": till.isoformat()})) == {uid(old)}
    assert uid(coming) not in uids(client.get(PUBLIC, {"till": till.isoformat()}))


def test_group_and_member_feeds_use_the_window_too(client, book):
    too_old = book(days=-400)
    coming = book(days=40)
    assert uids(client.get(reverse("meetings:group_feed", args=["lsg"]))) == {uid(coming)}
    user = builders.member_user("alice", "lsg")
    token = CalendarFeed.objects.create(person=user.person).token
    feed = reverse("meetings:member_feed", args=[token])
    assert uids(client.get(feed)) == {uid(coming)}
    first = too_old.starts_at.astimezone(TZ).date().isoformat()
    assert uids(client.get(feed, {"fran": first})) == {uid(too_old), uid(coming)}


@pytest.mark.parametrize(
    "query",
    [
        {"fran": "igår"},
        {"fran": "2026-13-01"},
        {"till": "2026-02-30"},
        {"fran": "2026-05-01", "till": "2026-04-30"},  # ends before it starts
        {"fran": "2015-01-01", "till": "2024-01-01"},  # more than five years
        {"fran": "2001-01-01"},  # five years back from today, and more
        {"till": "2200-01-01"},
        {"fran": "1899-12-31", "till": "1900-06-01"},
        {"till": "9999-12-31"},
        {"fran": "2026-01-01" * 50},
    ],
)
@pytest.mark.parametrize("feed", ["public", "group", "member"])
def test_hostile_windows_answer_400_in_swedish(client, book, query, feed):
    book()
    if feed == "public":
        url = PUBLIC
    elif feed == "group":
        url = reverse("meetings:group_feed", args=["lsg"])
    else:
        person = builders.member_user("alice", "lsg").person
        url = reverse(
            "meetings:member_feed", args=[CalendarFeed.objects.create(person=person).token]
        )
    response = client.get(url, query)
    assert response.status_code == 400
    assert response.content.decode().startswith("Ogiltigt datumurval för kalendern.")


def test_private_meetings_are_never_in_the_public_feeds(client, book):
    hidden = book(is_public=False)
    shown = book(days=60)
    wide = {"fran": (timezone.localdate() - 365 * DAY).isoformat()}
    for url in (PUBLIC, reverse("meetings:group_feed", args=["lsg"])):
        for query in ({}, wide):
            held = uids(client.get(url, query))
            assert uid(shown) in held and uid(hidden) not in held


def test_the_member_feed_still_needs_a_live_token_of_an_active_user(client, book):
    book()
    user = builders.member_user("alice", "lsg")
    token = CalendarFeed.objects.create(person=user.person).token
    wrong = token[:-1] + ("y" if token.endswith("x") else "x")  # differs from the token always
    assert client.get(reverse("meetings:member_feed", args=[wrong])).status_code == 404
    user.is_active = False
    user.save()
    assert client.get(reverse("meetings:member_feed", args=[token])).status_code == 404


# --- Conditional GET --------------------------------------------------------------------------


def test_a_repeat_with_the_etag_is_304_from_one_query(client, book, django_assert_num_queries):
    book()
    first = client.get(PUBLIC)
    assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
    with django_assert_num_queries(1):
        again = client.get(PUBLIC, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


def test_a_repeat_with_if_modified_since_is_304(client, book, django_assert_num_queries):
    book()
    first = client.get(PUBLIC)
    with django_assert_num_queries(1):
        again = client.get(PUBLIC, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304


def test_group_and_member_feeds_answer_304_from_two_queries(
    client, book, django_assert_num_queries
):
    book()
    person = builders.member_user("alice", "lsg").person
    for url in (
        reverse("meetings:group_feed", args=["lsg"]),
        reverse("meetings:member_feed", args=[CalendarFeed.objects.create(person=person).token]),
    ):
        etag = client.get(url)["ETag"]
        with django_assert_num_queries(2):
            assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_one_meetings_calendar_file_answers_304_too(client, book):
    meeting = book()
    url = reverse("meetings:meeting_ics", args=[meeting.pk])
    first = client.get(url)
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304


def test_a_private_meetings_file_is_404_even_with_a_guessed_etag(client, book):
    meeting = book(is_public=False)
    url = reverse("meetings:meeting_ics", args=[meeting.pk])
    assert client.get(url, HTTP_IF_NONE_MATCH="*").status_code == 404


def test_a_new_meeting_changes_the_etag(client, book):
    book()
    etag = client.get(PUBLIC)["ETag"]
    book(days=90)
    again = client.get(PUBLIC, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200 and again["ETag"] != etag


def test_a_rescheduled_meeting_changes_the_etag(client, book, charlie):
    meeting = book()
    etag = client.get(PUBLIC)["ETag"]
    single = reverse("meetings:meeting_ics", args=[meeting.pk])
    single_etag = client.get(single)["ETag"]
    Meeting.objects.filter(pk=meeting.pk).update(updated_at=meeting.updated_at - DAY)
    services.reschedule_meeting(
        meeting=meeting,
        by=charlie,
        starts_at=meeting.starts_at + datetime.timedelta(hours=1),
        ends_at=meeting.ends_at + datetime.timedelta(hours=1),
        form="in_person",
        location="Folkets hus, Skellefteå",
    )
    assert client.get(PUBLIC, HTTP_IF_NONE_MATCH=etag).status_code == 200
    assert client.get(single, HTTP_IF_NONE_MATCH=single_etag).status_code == 200


def test_a_cancelled_meeting_changes_the_etag_and_last_modified(client, book, charlie):
    meeting = book()
    Meeting.objects.filter(pk=meeting.pk).update(updated_at=timezone.now() - DAY)
    first = client.get(PUBLIC)
    services.cancel_meeting(meeting=meeting, by=charlie)
    assert client.get(PUBLIC, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200
    again = client.get(PUBLIC, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 200
    assert "STATUS:CANCELLED" in again.content.decode()


def test_another_window_has_another_etag(client, book):
    book()
    etag = client.get(PUBLIC)["ETag"]
    other = {"fran": (timezone.localdate() - 30 * DAY).isoformat()}
    assert client.get(PUBLIC, other, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_the_group_feed_etag_is_not_the_public_feeds(client, book):
    book()
    etag = client.get(PUBLIC)["ETag"]
    group = reverse("meetings:group_feed", args=["lsg"])
    assert client.get(group, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_member_who_changes_groups_gets_a_new_etag(client, book):
    lsg = book(slug="lsg")
    samrad = book(slug="samrad")
    Meeting.objects.filter(pk=samrad.pk).update(updated_at=lsg.updated_at)
    user = builders.member_user("alice", "lsg")
    feed = reverse(
        "meetings:member_feed", args=[CalendarFeed.objects.create(person=user.person).token]
    )
    first = client.get(feed)
    assert uids(first) == {uid(lsg)}
    seat = user.person.memberships.get()
    seat.group = Group.objects.get(slug="samrad")
    seat.save()
    again = client.get(feed, HTTP_IF_NONE_MATCH=first["ETag"])
    assert uids(again) == {uid(samrad)}


# --- The body kept under its version ------------------------------------------------------------


def test_a_repeat_without_conditional_headers_gets_the_kept_body(client, book, monkeypatch):
    from meetings import ical

    built = []
    calendar_for = ical.calendar_for
    monkeypatch.setattr(
        ical, "calendar_for", lambda *a, **k: built.append(1) or calendar_for(*a, **k)
    )
    book()
    first, second = client.get(PUBLIC), client.get(PUBLIC)
    assert first.content == second.content and first["ETag"] == second["ETag"]
    assert len(built) == 1


def test_a_changed_feed_is_built_again_with_the_change(client, book):
    book()
    before = uids(client.get(PUBLIC))
    added = book(days=90)
    assert uids(client.get(PUBLIC)) == before | {uid(added)}
