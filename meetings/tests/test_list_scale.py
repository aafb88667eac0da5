"""The meeting directory and the minutes list stay flat in data size: the same number of
queries with 2 meetings as with 60, and the year choices do not read every meeting."""

import pytest
from django.test import Client
from django.urls import reverse

from meetings.forms import year_choices
from structure.models import Group
from testing.builders import coordinator_user
from testing.queries import page_queries as query_count
from testing.volume import add_meetings


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


def test_minutes_list_page_two_shows_the_total(lsg, client):
    add_meetings(30)
    html = client.get(reverse("meetings:minutes_list"), {"sida": 2}).content.decode()
    assert "Visar 26–30 av 30" in html


@pytest.mark.parametrize("sida", ["0", "-5", "x", "400", "1.5"])
def test_minutes_list_shows_page_one_for_a_page_number_out_of_range(lsg, client, sida):
    add_meetings(30)
    response = client.get(reverse("meetings:group_minutes", args=[lsg.slug]), {"sida": sida})
    assert response.status_code == 200
    assert "Visar 1–25 av 30" in response.content.decode()


def test_year_choices_span_the_first_to_the_last_public_meeting_newest_first(lsg):
    add_meetings(1, year=2023)
    add_meetings(1, year=2026)
    assert [year for year, _ in year_choices()] == [2026, 2025, 2024, 2023]


def test_year_choices_are_empty_without_public_meetings(lsg):
    assert year_choices() == []


def extra_groups(n: int) -> list[Group]:
    template = Group.objects.get(slug="lsg")
    first = Group.objects.count()
    return Group.objects.bulk_create(
        Group(
            slug=f"grupp-{first + i}",
            name=f"Grupp {first + i}",
            kind=template.kind,
            level=template.level,
            meetings_min=2,
        )
        for i in range(n)
    )


@pytest.mark.parametrize("query", ["?ar=2026", "?ar=2027"])
def test_planning_runs_the_same_queries_with_sixty_more_groups_and_meetings(
    lsg, query, django_assert_num_queries
):
    client = Client()
    client.force_login(coordinator_user())
    url = reverse("meetings:planning") + query
    add_meetings(2)
    small = query_count(client, url)
    for group in extra_groups(60)[:5]:
        add_meetings(10, group=group.slug)
    with django_assert_num_queries(small):
        response = client.get(url)
    assert response.status_code == 200


def test_planning_pages_the_groups_and_shows_one_chosen_group(lsg):
    client = Client()
    client.force_login(coordinator_user())
    extra_groups(40)
    url = reverse("meetings:planning")
    html = client.get(url, {"ar": 2026}).content.decode()
    assert "Sida 1 av 2" in html
    html = client.get(url, {"ar": 2026, "grupp": lsg.pk}).content.decode()
    rows = html[html.index("<tbody>") : html.index("</tbody>")]
    assert lsg.name in rows and "Grupp " not in rows
    assert client.get(url, {"grupp": "x"}).status_code == 400
