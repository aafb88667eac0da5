import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from meetings.models import Meeting
from reviews import rules, services
from structure.models import Group
from testing.builders import coordinator_user
from testing.html import elements

pytestmark = pytest.mark.django_db


def _meeting(slug: str, day: datetime.date, public: bool = True) -> Meeting:
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    return Meeting.objects.create(
        group=Group.objects.get(slug=slug),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
        form="video",
        is_public=public,
    )


def test_public_cycle_shows_public_meetings_but_not_internal_ones_or_reviews(client, structure):
    _meeting("lsg", datetime.date(2026, 3, 4))
    _meeting("samrad-au", datetime.date(2026, 3, 5), public=False)
    body = client.get(reverse("annualcycle:cycle"), {"ar": 2026}).content.decode()
    assert "LSG" in body
    assert "Samråd AU" not in body
    assert "Revision:" not in body
    assert "<svg" in body


def test_coordinator_also_sees_reviews_due(client, structure):
    charlie = coordinator_user()
    services.record_review(
        by=charlie,
        group=Group.objects.get(slug="lsg"),
        kind=rules.MEETING_FORMS,
        held_on=datetime.date(2025, 4, 1),
        outcome="Oförändrat.",
    )
    client.force_login(charlie)
    body = client.get(reverse("annualcycle:cycle"), {"ar": 2026}).content.decode()
    assert "Revision: mötesformer i Länssamverkansgruppen" in body
    assert "1/4" in body


def test_cycle_downloads_as_icalendar(client, structure):
    _meeting("lsg", datetime.date(2026, 3, 4))
    response = client.get(reverse("annualcycle:ics", args=[2026]))
    assert response["Content-Type"].startswith("text/calendar")
    assert b"Sista dag att boka 2027" in response.content.replace(b"\r\n ", b"")


def test_the_cycle_calendars_dtstamp_is_when_the_file_is_made_not_the_events_day(client, structure):
    """RFC 5545 §3.8.7.2: DTSTAMP is the file's creation time in UTC, never a future date."""
    year = timezone.now().year + 1
    _meeting("lsg", datetime.date(year, 3, 4))
    before = timezone.now().replace(microsecond=0)
    body = client.get(reverse("annualcycle:ics", args=[year])).content
    after = timezone.now()
    found = Calendar.from_ical(body).walk("VEVENT")
    assert found
    for event in found:
        stamp = event.decoded("dtstamp")
        assert stamp.utcoffset() == datetime.timedelta(0)
        assert before <= stamp <= after, (stamp, event.decoded("dtstart"))


def test_a_year_that_is_not_a_number_shows_this_year(client, structure):
    response = client.get(reverse("annualcycle:cycle"), {"ar": "x'; drop"})
    assert response.status_code == 200
    assert response.context["year"] == timezone.localdate().year


def test_a_year_outside_the_calendar_is_404_not_an_error(client, structure):
    for year in ("0", "1999", "2101", "99999999999999999999"):
        assert client.get(f"/arshjul/{year}.ics").status_code == 404, year


def test_the_cycle_calendar_answers_304_to_a_repeat_with_its_etag(client, structure):
    _meeting("lsg", datetime.date(2026, 3, 4))
    first = client.get(reverse("annualcycle:ics", args=[2026]))
    again = client.get(reverse("annualcycle:ics", args=[2026]), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_a_new_meeting_changes_the_cycle_calendars_etag(client, structure):
    _meeting("lsg", datetime.date(2026, 3, 4))
    etag = client.get(reverse("annualcycle:ics", args=[2026]))["ETag"]
    _meeting("samrad", datetime.date(2026, 4, 8))
    again = client.get(reverse("annualcycle:ics", args=[2026]), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200
    assert again["ETag"] != etag


# --- Cached page: rendered once per version of its data, never stale ---------------------------


def test_a_meeting_booked_after_the_page_was_cached_appears_at_once(client, structure):
    _meeting("lsg", datetime.date(2026, 3, 4))
    client.get(reverse("annualcycle:cycle"), {"ar": 2026})
    _meeting("samrad", datetime.date(2026, 4, 8))
    body = client.get(reverse("annualcycle:cycle"), {"ar": 2026}).content.decode()
    assert "8/4" in body


def test_a_cancelled_meeting_leaves_the_cached_page_at_once(client, structure):
    meeting = _meeting("lsg", datetime.date(2026, 3, 4))
    assert "4/3" in client.get(reverse("annualcycle:cycle"), {"ar": 2026}).content.decode()
    meeting.cancelled = True
    meeting.save()
    assert "4/3" not in client.get(reverse("annualcycle:cycle"), {"ar": 2026}).content.decode()


def test_a_review_held_after_the_page_was_cached_moves_its_due_date(client, structure):
    charlie = coordinator_user()
    client.force_login(charlie)
    before = client.get(reverse("annualcycle:cycle"), {"ar": 2026}).content.decode()
    services.record_review(
        by=charlie,
        group=Group.objects.get(slug="lsg"),
        kind=rules.MEETING_FORMS,
        held_on=datetime.date(2025, 4, 1),
        outcome="Oförändrat.",
    )
    after = client.get(reverse("annualcycle:cycle"), {"ar": 2026}).content.decode()
    assert "1/4" in after and after != before


def test_the_public_and_the_internal_cycle_are_cached_apart(client, structure):
    _meeting("samrad-au", datetime.date(2026, 3, 5), public=False)
    client.force_login(coordinator_user())
    assert "Samråd AU" in client.get(reverse("annualcycle:cycle"), {"ar": 2026}).content.decode()
    client.logout()
    assert (
        "Samråd AU" not in client.get(reverse("annualcycle:cycle"), {"ar": 2026}).content.decode()
    )


def test_the_cycle_reads_the_same_number_of_queries_with_more_meetings(client, structure):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(coordinator_user())

    def queries() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("annualcycle:cycle"), {"ar": 2026})
        return len(captured)

    _meeting("lsg", datetime.date(2026, 3, 4))
    queries()  # the first request of the session reads more (session, user)
    small = queries()
    for week in range(30):
        _meeting("samrad", datetime.date(2026, 1, 5) + datetime.timedelta(weeks=week))
    assert queries() == small


def _marks(html: str) -> dict[str, set[str]]:
    """Each kind's mark in the band (class cycle-<kind>) -> the fills it is drawn with."""
    found: dict[str, set[str]] = {}
    for element in elements(html, "rect"):
        for name in (element.attrs.get("class") or "").split():
            if name.startswith("cycle-"):
                found.setdefault(name.removeprefix("cycle-"), set()).add(element.attrs["fill"])
    return found


def test_the_band_tells_kinds_apart_without_colour(client, structure):
    """WCAG 1.4.1: besides its colour, each kind has its own pattern (solid, striped, dotted,
    outlined), and the legend names each pattern in words."""
    _meeting("lsg", datetime.date(2026, 3, 4))
    charlie = coordinator_user()
    client.force_login(charlie)
    services.record_review(
        by=charlie,
        group=Group.objects.get(slug="lsg"),
        kind=rules.MEETING_FORMS,
        held_on=datetime.date(2025, 4, 1),
        outcome="Oförändrat.",
    )
    html = client.get(reverse("annualcycle:cycle"), {"ar": 2026}).content.decode()
    marks = _marks(html)
    assert marks["meeting"] == {"#2b6cb0"}
    assert marks["review"] == {"url(#cycle-pattern-review)"}
    assert marks["chair_swap"] == {"#ffffff"}  # outlined: white inside a red frame
    assert len({frozenset(fills) for fills in marks.values()}) >= 3
    legend = " ".join(" ".join(e.text) for e in elements(html, "li"))
    for words in (
        "Helfyllt blått: möten",
        "Randigt grönt: leveranser",
        "Prickigt gult: revisioner",
        "Röd ram, vit mitt: fasta punkter",
    ):
        assert words in legend, words
    assert "Blått: möten." not in html  # the old colour-only caption


def test_the_public_legend_does_not_name_reviews(client, structure):
    html = client.get(reverse("annualcycle:cycle"), {"ar": 2026}).content.decode()
    assert "Helfyllt blått: möten" in html
    assert "Prickigt gult: revisioner" not in html
