"""iCalendar output parsed back with the icalendar package (R-S7)."""

import datetime
import zoneinfo

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from meetings import services
from meetings.models import CalendarFeed
from testing.builders import member_user

TZ = zoneinfo.ZoneInfo("Europe/Stockholm")


def events(body: bytes):
    return [c for c in Calendar.from_ical(body).walk("VEVENT")]


def test_single_meeting_ics_has_stockholm_times_and_a_stable_uid(client, book):
    meeting = book()
    body = client.get(reverse("meetings:meeting_ics", args=[meeting.pk])).content
    (event,) = events(body)
    start = event.decoded("dtstart")
    assert start == datetime.datetime(2027, 2, 11, 9, tzinfo=TZ)
    assert str(start.tzinfo) == "Europe/Stockholm"
    assert str(event["uid"]) == f"{meeting.uid}@samverkan.vasterbotten"
    assert "Regionens hus" in str(event["location"])
    assert Calendar.from_ical(body).walk("VTIMEZONE")
    again = events(client.get(reverse("meetings:meeting_ics", args=[meeting.pk])).content)[0]
    assert again["uid"] == event["uid"]


def test_rescheduling_keeps_the_uid_and_raises_the_sequence(client, book, coordinator):
    meeting = book()
    first = events(client.get(reverse("meetings:meeting_ics", args=[meeting.pk])).content)[0]
    start = datetime.datetime(2027, 2, 12, 13, tzinfo=TZ)
    services.reschedule_meeting(
        meeting=meeting,
        by=coordinator,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        form="video",
        link="https://video.example/ny",
    )
    second = events(client.get(reverse("meetings:meeting_ics", args=[meeting.pk])).content)[0]
    assert second["uid"] == first["uid"]
    assert int(second["sequence"]) == int(first["sequence"]) + 1
    assert second.decoded("dtstart") == start


def test_summer_time_is_kept(client, book):
    meeting = book(day=datetime.date(2027, 6, 10))
    (event,) = events(client.get(reverse("meetings:meeting_ics", args=[meeting.pk])).content)
    assert event.decoded("dtstart").utcoffset() == datetime.timedelta(hours=2)


def test_group_and_public_feeds_list_public_meetings(client, book):
    lsg = book(slug="lsg")
    samrad = book(slug="samrad")
    group = events(client.get(reverse("meetings:group_feed", args=["lsg"])).content)
    assert [str(e["uid"]).split("@")[0] for e in group] == [str(lsg.uid)]
    public = {
        str(e["uid"]).split("@")[0]
        for e in events(client.get(reverse("meetings:public_feed")).content)
    }
    assert {str(lsg.uid), str(samrad.uid)} <= public


def test_member_feed_by_secret_url_lists_own_groups(client, book):
    lsg = book(slug="lsg")
    samrad = book(slug="samrad")
    member = member_user("alice", "lsg")
    feed = CalendarFeed.objects.create(person=member.person)
    body = client.get(reverse("meetings:member_feed", args=[feed.token])).content
    uids = {str(e["uid"]).split("@")[0] for e in events(body)}
    assert str(lsg.uid) in uids and str(samrad.uid) not in uids


def test_video_links_are_only_in_members_calendars(client, book):
    meeting = book(form="hybrid")
    public = client.get(reverse("meetings:meeting_ics", args=[meeting.pk])).content.decode()
    feed = client.get(reverse("meetings:public_feed")).content.decode()
    assert "video.example" not in public and "video.example" not in feed
    member = member_user("alice", "lsg")
    token = CalendarFeed.objects.create(person=member.person).token
    own = client.get(reverse("meetings:member_feed", args=[token])).content.decode()
    assert "video.example" in own


def _now_to_the_second() -> datetime.datetime:
    return timezone.now().replace(microsecond=0)


def test_dtstamp_is_when_the_file_is_made_in_utc_not_the_meetings_date(client, book):
    """RFC 5545 §3.8.7.2: DTSTAMP is the moment the iCalendar object was created (R-S7)."""
    meeting = book()  # in 2027, after the file is made
    before = _now_to_the_second()
    (event,) = events(client.get(reverse("meetings:meeting_ics", args=[meeting.pk])).content)
    after = timezone.now()
    stamp = event.decoded("dtstamp")
    assert stamp.utcoffset() == datetime.timedelta(0)
    assert before <= stamp <= after
    assert stamp.date() != meeting.starts_at.date()


def test_every_event_of_a_feed_carries_the_same_stamp_of_the_file(client, book):
    book(slug="lsg")
    book(slug="samrad", day=datetime.date(2027, 3, 11))
    before = _now_to_the_second()
    found = events(client.get(reverse("meetings:public_feed")).content)
    stamps = {event.decoded("dtstamp") for event in found}
    assert len(found) == 2 and len(stamps) == 1
    assert before <= stamps.pop() <= timezone.now()


def test_a_spoofed_host_header_changes_neither_the_urls_nor_the_uids(client, book, settings):
    settings.SITE_URL = "https://samverkan.example.se"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "attacker.example"]
    meeting = book()
    address = reverse("meetings:meeting_ics", args=[meeting.pk])
    (plain,) = events(client.get(address).content)
    (spoofed,) = events(client.get(address, HTTP_HOST="attacker.example").content)
    assert str(spoofed["url"]) == "https://samverkan.example.se" + meeting.get_absolute_url()
    assert str(spoofed["url"]) == str(plain["url"])
    assert str(spoofed["uid"]) == str(plain["uid"])
    assert "attacker" not in client.get(address, HTTP_HOST="attacker.example").content.decode()
