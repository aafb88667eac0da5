"""The directory's state column and the minutes list's "corrected" note are read for the
page's rows only, and the coming/earlier lists are bounded on the start index."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting, Minutes, MinutesStatus
from structure.models import Group
from testing.queries import page_queries as _queries
from testing.volume import add_meetings


@pytest.fixture
def lsg(structure):
    group = Group.objects.get(slug="lsg")
    group.minutes_public = True
    group.save()
    return group


def test_earlier_meetings_show_approved_minutes_only_where_there_are_some(lsg, client):
    with_minutes, without = add_meetings(2)
    Minutes.objects.filter(meeting=without).delete()
    response = client.get(reverse("meetings:meeting_list") + "?tid=tidigare")
    marked = {m.pk: m.has_approved_minutes for m in response.context["page"].object_list}
    assert marked == {with_minutes.pk: True, without.pk: False}


def test_month_view_runs_the_same_queries_with_two_meetings_as_with_twenty(lsg, client):
    add_meetings(2)
    url = reverse("meetings:meeting_month", args=["2026-02"])
    few = _queries(client, url)
    add_meetings(18)
    assert _queries(client, url) == few


def test_minutes_list_notes_a_version_superseded_by_an_approved_correction(lsg, client):
    (meeting,) = add_meetings(1)
    first = Minutes.objects.get(meeting=meeting)
    Minutes.objects.create(
        meeting=meeting,
        version=first.version + 1,
        status=MinutesStatus.APPROVED,
        supersedes=first,
        correction_reason="Fel datum.",
        approved_at=meeting.ends_at,
    )
    page = client.get(reverse("meetings:minutes_list")).context["page"]
    assert {m.pk: m.is_corrected for m in page.object_list}[first.pk] is True
    assert "ersatt av en rättad version" in client.get(reverse("meetings:minutes_list")).text


def test_api_minutes_list_runs_the_same_queries_with_two_minutes_as_with_forty(lsg, client):
    add_meetings(2)
    few = _queries(client, "/api/v1/minutes")
    add_meetings(38, year=2025)
    assert _queries(client, "/api/v1/minutes") == few


def test_coming_meetings_include_one_under_way(lsg, client):
    now = timezone.now()
    under_way = Meeting.objects.create(
        group=lsg,
        title="Pågår",
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=1),
        form="video",
        is_public=True,
    )
    page = client.get(reverse("meetings:meeting_list")).context["page"]
    assert under_way in page.object_list
    earlier = client.get(reverse("meetings:meeting_list") + "?tid=tidigare").context["page"]
    assert under_way not in earlier.object_list
