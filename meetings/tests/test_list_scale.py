"""The meeting directory and the minutes list stay flat in data size: the same number of
queries with 2 meetings as with 60, and the year choices do not read every meeting."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lib.testing.volume import add_meetings
from meetings.forms import year_choices
from structure.models import Group


def query_count(client: Client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries)


@pytest.fixture
def lsg(structure):
    group = Group.objects.get(slug="lsg")
    group.minutes_public = True
    group.save()
    return group


@pytest.mark.parametrize(
    "url",
    [
        lambda g: reverse("meetings:meeting_list") + "?tid=tidigare",
        lambda g: reverse("meetings:meeting_list") + "?tid=tidigare&year=2026",
        lambda g: reverse("meetings:meeting_list") + f"?tid=tidigare&group={g.pk}&year=2026",
        lambda g: reverse("meetings:minutes_list"),
        lambda g: reverse("meetings:group_minutes", args=[g.slug]),
    ],
)
def test_meeting_lists_run_the_same_queries_with_sixty_meetings_as_with_two(
    lsg, client, url, django_assert_num_queries
):
    url = url(lsg)
    add_meetings(2)
    small = query_count(client, url)
    add_meetings(60, year=2025)
    add_meetings(60)
    with django_assert_num_queries(small):
        response = client.get(url)
    assert response.status_code == 200


def test_meeting_list_page_two_shows_the_total(lsg, client):
    add_meetings(30)
    html = client.get(reverse("meetings:meeting_list"), {"tid": "tidigare", "sida": 2}).content
    assert "Visar 26–30 av 30" in html.decode()


@pytest.mark.parametrize("sida", ["0", "-5", "x", "400", "1.5"])
def test_meeting_list_shows_page_one_for_a_page_number_out_of_range(lsg, client, sida):
    add_meetings(30)
    response = client.get(reverse("meetings:meeting_list"), {"tid": "tidigare", "sida": sida})
    assert response.status_code == 200
    assert "Visar 1–25 av 30" in response.content.decode()


def test_year_choices_span_the_first_to_the_last_public_meeting_newest_first(lsg):
    add_meetings(1, year=2023)
    add_meetings(1, year=2026)
    assert [year for year, _ in year_choices()] == [2026, 2025, 2024, 2023]


def test_year_choices_are_empty_without_public_meetings(lsg):
    assert year_choices() == []
