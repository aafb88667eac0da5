"""Calendar feeds never break on stored dates, and bookings refuse dates no one means."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse

from meetings.forms import BookMeetingForm, RescheduleForm
from meetings.models import Meeting

TZ = zoneinfo.ZoneInfo("Europe/Stockholm")


@pytest.mark.parametrize("year", [9999, 1])
def test_feeds_answer_with_a_meeting_stored_in_an_extreme_year(client, book, year):
    meeting = book()
    other = book(day=datetime.date(2027, 3, 11))
    start = datetime.datetime(year, 12 if year == 9999 else 1, 30 if year == 9999 else 2, 9)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=start.replace(tzinfo=datetime.UTC),
        ends_at=(start + datetime.timedelta(hours=3)).replace(tzinfo=datetime.UTC),
    )
    for url in (
        reverse("meetings:public_feed"),
        reverse("meetings:group_feed", args=[meeting.group.slug]),
        reverse("meetings:meeting_ics", args=[meeting.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    assert str(other.uid) in client.get(reverse("meetings:public_feed")).content.decode()


def booking_data(**changes):
    return {
        "group": "",
        "date": "2027-02-11",
        "start": "09:00",
        "end": "12:00",
        "form": "in_person",
        "location": "Umeå",
        **changes,
    }


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1999-12-31", "2101-01-01"])
def test_booking_refuses_a_date_outside_2000_to_2100_in_swedish(db, day):
    form = RescheduleForm(data=booking_data(date=day))
    assert not form.is_valid()
    assert form.errors["date"] == ["Välj ett datum mellan år 2000 och 2100."]


def test_booking_accepts_an_ordinary_date(structure):
    from structure.models import Group

    group = Group.objects.get(slug="lsg")
    form = BookMeetingForm(data=booking_data(group=group.pk), groups=Group.objects.all())
    assert form.is_valid(), form.errors
