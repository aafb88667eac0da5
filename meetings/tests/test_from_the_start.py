"""Attendance and minutes only from the meeting's start (views `attendance_record`,
`minutes_start`, `minutes_save`, and the services behind them; issue 18): a coming meeting
is refused with a Swedish message and its manage page offers neither."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import Attendance, AttendanceStatus, Minutes
from testing import builders
from testing.queries import signed_in

NOT_STARTED = "Mötet har inte börjat än."


@pytest.fixture
def coordinator(structure):
    return builders.coordinator_user()


@pytest.fixture
def coming(structure):
    return builders.meeting("lsg", timezone.localdate() + datetime.timedelta(days=3))


@pytest.fixture
def held(structure):
    return builders.meeting("lsg", timezone.localdate() - datetime.timedelta(days=3))


def attendance(meeting, person):
    return {
        "narvaro-TOTAL_FORMS": 1,
        "narvaro-INITIAL_FORMS": 1,
        "narvaro-0-person": person.pk,
        "narvaro-0-status": AttendanceStatus.PRESENT,
    }


def manage(client, meeting) -> str:
    return client.get(reverse("meetings:meeting_manage", args=[meeting.pk])).content.decode()


def test_the_manage_page_offers_attendance_and_minutes_only_once_started(coordinator, coming, held):
    client = signed_in(coordinator)
    before = manage(client, coming)
    assert reverse("meetings:attendance_record", args=[coming.pk]) not in before
    assert reverse("meetings:minutes_start", args=[coming.pk]) not in before
    assert "Närvaron registreras från mötets start" in before
    after = manage(client, held)  # the twin
    assert reverse("meetings:attendance_record", args=[held.pk]) in after
    assert reverse("meetings:minutes_start", args=[held.pk]) in after


def test_attendance_for_a_coming_meeting_is_refused_in_swedish(coordinator, coming, held):
    member = builders.member_user("alice", "lsg").person
    client = signed_in(coordinator)
    url = reverse("meetings:attendance_record", args=[coming.pk])
    response = client.post(url, attendance(coming, member))
    assert response.status_code == 400
    assert NOT_STARTED in response.content.decode()
    assert not Attendance.objects.exists()
    response = client.post(
        reverse("meetings:attendance_record", args=[held.pk]), attendance(held, member)
    )
    assert response.status_code == 302
    assert Attendance.objects.filter(meeting=held).count() == 1


def test_attendance_with_hostile_values_for_a_coming_meeting_is_no_500(coordinator, coming):
    url = reverse("meetings:attendance_record", args=[coming.pk])
    response = signed_in(coordinator).post(url, {"narvaro-TOTAL_FORMS": "x" * 500})
    assert response.status_code == 400


def test_minutes_for_a_coming_meeting_are_refused_in_swedish(coordinator, coming, held):
    client = signed_in(coordinator)
    response = client.post(reverse("meetings:minutes_start", args=[coming.pk]), follow=True)
    assert NOT_STARTED in response.content.decode()
    assert not Minutes.objects.filter(meeting=coming).exists()
    response = client.post(reverse("meetings:minutes_start", args=[held.pk]))
    assert response.status_code == 302
    assert Minutes.objects.filter(meeting=held).count() == 1


def test_a_draft_of_a_coming_meeting_cannot_be_saved(coordinator, coming):
    """A draft made before this rule (or recorded with an earlier moment) stays unsaved."""
    minutes = Minutes.objects.create(meeting=coming, version=1)
    client = signed_in(coordinator)
    url = reverse("meetings:minutes_save", args=[minutes.pk])
    edit = client.get(reverse("meetings:minutes_edit", args=[minutes.pk])).content.decode()
    assert url not in edit and "Minnesanteckningarna kan skrivas från mötets start" in edit
    data = {"summary": "För tidigt", "punkt-TOTAL_FORMS": 0, "punkt-INITIAL_FORMS": 0}
    response = client.post(url, data)
    assert response.status_code == 400 and NOT_STARTED in response.content.decode()
    minutes.refresh_from_db()
    assert minutes.summary == ""


def test_the_services_refuse_too_and_accept_the_moment_of_the_start(coordinator, coming):
    with pytest.raises(ValidationError, match="inte börjat"):
        services.draft_minutes(meeting=coming, by=coordinator)
    with pytest.raises(ValidationError, match="inte börjat"):
        services.record_attendance(meeting=coming, by=coordinator, entries=[])
    minutes = services.draft_minutes(meeting=coming, by=coordinator, at=coming.starts_at)
    assert minutes.meeting == coming
