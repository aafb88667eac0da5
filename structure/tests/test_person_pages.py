"""The coordinators' person list (search by name, paged) and person page (R-M1): who may see
them, what they show, and that the list's queries stay flat."""

import datetime

import pytest
from django.urls import reverse

from testing.builders import person, seat

pytestmark = pytest.mark.django_db

LIST = reverse("structure:person_list")


def test_the_coordinator_searches_persons_by_name(client, charlie):
    person("Vera", last_name="Valdersson")
    person("Olof", last_name="Ostmark")
    client.force_login(charlie)
    response = client.get(LIST, {"namn": "vald"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Vera Valdersson" in text
    assert "Olof Ostmark" not in text


def test_a_search_without_hits_says_so(client, charlie):
    client.force_login(charlie)
    response = client.get(LIST, {"namn": "Zzyzx"})
    assert "Ingen person matchar sökningen ”Zzyzx”" in response.content.decode()


@pytest.mark.parametrize("who", [None, "alice"])
def test_members_and_anonymous_may_not_list_persons(client, alice, who):
    person("Vera", last_name="Valdersson")
    if who:
        client.force_login(alice)
    response = client.get(LIST)
    if who:
        assert response.status_code == 403
    else:
        assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("value", ["x" * 101, "x" * 5000])
def test_a_hostile_search_answers_400(client, charlie, value):
    client.force_login(charlie)
    assert client.get(LIST, {"namn": value}).status_code == 400


@pytest.mark.parametrize("page", ["-1", "abc", "999999999999", "1e3"])
def test_a_hostile_page_number_shows_the_first_page(client, charlie, page):
    client.force_login(charlie)
    assert client.get(LIST, {"sida": page}).status_code == 200


def test_the_list_is_paged_with_flat_queries(client, charlie, django_assert_max_num_queries):
    client.force_login(charlie)
    for n in range(3):
        person(f"Few{n}")
    client.get(LIST)
    with django_assert_max_num_queries(12) as few:
        client.get(LIST)
    flat = len(few)
    for n in range(40):
        person(f"Many{n}")
    client.get(LIST)  # the structure changed: the page's frame reads the county facts anew
    with django_assert_max_num_queries(flat):
        response = client.get(LIST)
    assert "Sida 1 av 2" in response.content.decode()


def test_the_person_page_shows_contacts_and_current_and_past_seats(client, charlie):
    vera = person("Vera", last_name="Valdersson", phone="090-123 45")
    seat(vera, "lsg")
    seat(vera, "samrad", start_date=datetime.date(2019, 1, 1), end_date=datetime.date(2020, 12, 31))
    client.force_login(charlie)
    response = client.get(reverse("structure:person_detail", args=[vera.pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "vera@test.example" in text and "090-123 45" in text
    current, past = text.split('id="tidigare"')
    assert "Länssamverkansgruppen" in current
    assert "2020-12-31" in past


@pytest.mark.parametrize("who", [None, "alice"])
def test_members_and_anonymous_may_not_see_a_person_page(client, alice, who):
    vera = person("Vera", last_name="Valdersson")
    if who:
        client.force_login(alice)
    response = client.get(reverse("structure:person_detail", args=[vera.pk]))
    if who:
        assert response.status_code == 403
        assert b"vera@test.example" not in response.content
    else:
        assert response.url.startswith(reverse("login"))


def test_an_unknown_person_is_404(client, charlie):
    client.force_login(charlie)
    assert client.get("/personer/99999999/").status_code == 404
    assert client.get("/personer/99999999999999999999999/").status_code == 404


def test_the_group_page_links_names_and_actions_for_the_coordinator_only(client, charlie, alice):
    seated = alice.person.memberships.get()
    url = reverse("structure:group_detail", args=["lsg"])
    links = (
        reverse("structure:person_detail", args=[alice.person_id]),
        reverse("structure:seat_end", args=[seated.pk]),
        reverse("structure:seat_substitute", args=[seated.pk]),
        reverse("structure:seat_fill"),
        reverse("meetings:plan_year") + f"?grupp={seated.group_id}",
    )
    client.force_login(alice)
    member_page = client.get(url).content.decode()
    assert not any(link in member_page for link in links)
    client.force_login(charlie)
    coordinator_page = client.get(url).content.decode()
    assert all(link in coordinator_page for link in links)


def test_the_group_page_for_the_coordinator_has_flat_queries(
    client, charlie, lsg, django_assert_max_num_queries
):
    client.force_login(charlie)
    url = reverse("structure:group_detail", args=["lsg"])
    seat(person("First", principal="vindeln"), "lsg")
    client.get(url)
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    flat = len(few)
    for slug in ("bjurholm", "robertsfors", "norsjo", "mala", "storuman"):
        seat(person(slug.capitalize(), principal=slug), "lsg")
    client.get(url)
    with django_assert_max_num_queries(flat):
        client.get(url)
