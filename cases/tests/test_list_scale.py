"""Every case list stays flat in data size: the same number of queries with 2 cases as with
60, paged 25 a row in SQL, and a hostile page number never breaks the page."""

import pytest
from django.urls import reverse

from cases.models import Case
from cases.selectors import case_years
from structure.models import Principal
from testing.builders import coordinator_user, member_user, registrar_user
from testing.queries import page_queries as query_count
from testing.queries import signed_in
from testing.volume import add_cases

LSG_BALANCE = reverse("cases:balance_list", args=["lsg"])


@pytest.fixture
def users(structure):
    return {
        "anonymous": None,
        "member": member_user("alice", "lsg"),
        "coordinator": coordinator_user(),
        "registrar": registrar_user(principal="umea"),
    }


def undecided_principal_pk() -> int:
    """`add_cases` lets the first principals decide; the last one has not."""
    return Principal.objects.order_by("-pk").first().pk


PAGES = [
    ("anonymous", lambda: reverse("cases:recommendation_list")),
    ("anonymous", lambda: reverse("cases:recommendation_list") + "?status=vantar&year=2026"),
    ("anonymous", lambda: reverse("cases:recommendation_list") + "?status=klar"),
    (
        "anonymous",
        lambda: (
            reverse("cases:recommendation_list")
            + f"?principal={undecided_principal_pk()}&status=vantar"
        ),
    ),
    ("anonymous", lambda: LSG_BALANCE),
    ("member", lambda: LSG_BALANCE),
    ("member", lambda: LSG_BALANCE + "?version=offentlig"),
    ("coordinator", lambda: LSG_BALANCE),
    ("registrar", lambda: reverse("cases:registrar_inbox")),
    ("coordinator", lambda: reverse("cases:registrar_inbox")),
    ("member", lambda: reverse("cases:case_list")),
    ("member", lambda: reverse("cases:case_list") + "?step=at_principals&year=2026"),
    ("coordinator", lambda: reverse("cases:case_list")),
    ("anonymous", lambda: reverse("structure:principal_detail", args=["umea"])),
]


@pytest.mark.parametrize(("who", "url"), PAGES)
def test_list_page_runs_the_same_queries_with_sixty_cases_as_with_two(
    users, who, url, django_assert_num_queries
):
    client, url = signed_in(users[who]), url()
    add_cases(2, by=users["coordinator"])
    small = query_count(client, url)
    add_cases(60, by=users["coordinator"])
    with django_assert_num_queries(small):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("who", "url", "total"),
    [
        ("anonymous", reverse("cases:recommendation_list"), "30"),
        ("anonymous", LSG_BALANCE, "30"),
        ("member", LSG_BALANCE, "30"),
        ("member", reverse("cases:case_list"), "30"),
        ("registrar", reverse("cases:registrar_inbox"), "30"),
        ("anonymous", reverse("structure:principal_detail", args=["umea"]), "30"),
    ],
)
def test_list_page_two_shows_the_rest_and_the_total(users, who, url, total):
    # Umeå decides on none: it owes all 30, and waits on all 30 in its registrar's inbox.
    add_cases(30, by=users["coordinator"], decided=0)
    html = signed_in(users[who]).get(url + "?sida=2").content.decode()
    assert f"Visar 26–{total} av {total}" in html
    assert "Sida 2 av 2" in html
    assert 'aria-label="Sidor"' in html


@pytest.mark.parametrize("sida", ["0", "-1", "abc", "3", "1e3", "2.5", "%00"])
def test_a_hostile_or_stale_page_number_shows_page_one(users, sida):
    add_cases(30, by=users["coordinator"])
    for url in (reverse("cases:recommendation_list"), LSG_BALANCE):
        response = signed_in(None).get(url, {"sida": sida})
        assert response.status_code == 200
        assert "Visar 1–25 av 30" in response.content.decode()


@pytest.mark.parametrize("sida", ["99999999999999999999", "9" * 5000])
def test_a_page_number_no_database_holds_answers_400(users, sida):
    add_cases(1, by=users["coordinator"])
    for url in (reverse("cases:recommendation_list"), LSG_BALANCE):
        response = signed_in(None).get(url, {"sida": sida})
        assert response.status_code == 400
        assert "Ett tal i förfrågan är för stort." in response.content.decode()


def test_decision_list_counts_only_the_pages_recommendations_right(users):
    add_cases(1, by=users["coordinator"], decided=4)
    html = signed_in(None).get(reverse("cases:recommendation_list")).content.decode()
    # 4 decisions cycle through bifall, delvis bifall, avslag, bifall.
    assert "4 av 16 har beslutat: 2 bifall, 1 delvis bifall, 1 avslag" in html


def test_decision_list_filters_by_status_without_counting_everything(users):
    add_cases(2, by=users["coordinator"], decided=16)
    add_cases(1, by=users["coordinator"], decided=3)
    url = reverse("cases:recommendation_list")
    assert "1 rekommendationer" in signed_in(None).get(url, {"status": "vantar"}).content.decode()
    assert "2 rekommendationer" in signed_in(None).get(url, {"status": "klar"}).content.decode()


def test_the_public_balance_list_pages_only_cases_with_an_expedited_recommendation(users):
    add_cases(3, by=users["coordinator"])
    html = signed_in(None).get(LSG_BALANCE).content.decode()
    assert "Balanslista för" in html and ", 3 ärenden" in html
    assert "Utkast" not in html


def test_case_year_choices_span_the_first_to_the_latest_year_newest_first(users):
    assert case_years() == []
    add_cases(1, by=users["coordinator"])
    Case.objects.update(year=2023)
    add_cases(1, by=users["coordinator"])
    assert case_years() == [2026, 2025, 2024, 2023]


def test_case_list_filters_finished_and_local_cases_by_their_status(users):
    finished, local, open_case = add_cases(3, by=users["coordinator"], decided=16)
    Case.objects.filter(pk=finished.pk).update(status="finished")
    Case.objects.filter(pk=local.pk).update(
        status="local", local_principal=Principal.objects.get(slug="umea")
    )
    client = signed_in(users["coordinator"])

    def listed(step):
        html = client.get(reverse("cases:case_list"), {"step": step}).content.decode()
        return {c.pk for c in (finished, local, open_case) if c.get_absolute_url() in html}

    assert listed("finished") == {finished.pk}
    assert listed("local") == {local.pk}
    # Every third case also has an unexpedited recommendation: the first one is "adopted".
    assert listed("adopted") == set()
    assert listed("preparing") == {open_case.pk}
