"""The structure pages are cached per structure version, and never share anything personal."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reviews import rules as review_rules
from reviews import services as review_services
from structure.cache import current_version
from structure.models import (
    ChairExtension,
    DecisionBody,
    GeographicGrouping,
    Group,
    Mandate,
    Membership,
    Person,
    Principal,
    StructurePeriod,
)
from structure.signals import structure_models
from testing.builders import PASSWORD, coordinator_user, member_user, person, seat

pytestmark = pytest.mark.django_db

CSRF = re.compile(r"csrfmiddlewaretoken")

PAGES = [
    ("publicsite:home", []),
    ("publicsite:chart_svg", []),
    ("structure:group_list", []),
    ("structure:group_detail", ["lsg"]),
    ("structure:principal_list", []),
    ("structure:principal_detail", ["umea"]),
]


def count_queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_the_second_visit_is_served_from_the_cache_with_fewer_queries(
    client, structure, name, args
):
    url = reverse(name, args=args)
    first, first_html = count_queries(client, url)
    second, second_html = count_queries(client, url)
    assert second_html == first_html
    assert second < first
    # The version, plus the row the URL names and what a principal still owes (not structure).
    assert second <= 3


def test_a_cached_page_answers_in_a_fixed_small_number_of_queries(
    client, structure, django_assert_max_num_queries
):
    client.get(reverse("publicsite:home"))
    with django_assert_max_num_queries(1):
        client.get(reverse("publicsite:home"))
    client.get(reverse("structure:group_list"))
    with django_assert_max_num_queries(1):
        client.get(reverse("structure:group_list"))


@pytest.fixture
def one_of_each(structure):
    """People, seats and a chair extension besides the reference structure's rows."""
    seat(person("Cora"), "lsg")
    ChairExtension.objects.create(
        group=Group.objects.get(slug="lsg"),
        year=2026,
        decided_on=datetime.date(2025, 12, 1),
        reference="LSG 2025-12-01 § 4",
    )


@pytest.mark.parametrize("model", structure_models(), ids=lambda m: m.__name__)
def test_saving_any_structure_model_gives_a_new_version(one_of_each, model):
    before = current_version()
    model.objects.first().save()
    assert current_version() != before


def test_deleting_a_membership_gives_a_new_version(structure):
    membership = seat(person("Dora"), "lsg")
    before = current_version()
    membership.delete()
    assert current_version() != before


def test_every_model_the_pages_show_is_watched():
    watched = set(structure_models())
    shown = {
        StructurePeriod,
        GeographicGrouping,
        Principal,
        DecisionBody,
        Group,
        Mandate,
        Person,
        Membership,
        ChairExtension,
    }
    assert shown <= watched


def test_a_rolled_back_change_leaves_the_version_alone(structure):
    before = current_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        Principal.objects.filter(slug="umea").first().save()
        raise RuntimeError
    assert current_version() == before


def test_a_new_member_shows_on_the_cached_group_page_at_once(client, structure):
    url = reverse("structure:group_detail", args=["lsg"])
    assert "Ebba Nyqvist" not in client.get(url).content.decode()
    seat(person("Ebba", last_name="Nyqvist"), "lsg")
    assert "Ebba Nyqvist" in client.get(url).content.decode()


def test_an_ended_membership_leaves_the_cached_principal_page(client, structure):
    membership = seat(person("Frans", last_name="Öberg"), "lsg")
    url = reverse("structure:principal_detail", args=["umea"])
    assert "Frans Öberg" in client.get(url).content.decode()
    membership.end_date = datetime.date(2021, 1, 1)
    membership.save()
    assert "Frans Öberg" not in client.get(url).content.decode()


def test_a_renamed_group_shows_on_the_cached_list_chart_and_start_page(client, structure):
    urls = [reverse(n) for n in ("structure:group_list", "publicsite:home", "publicsite:chart_svg")]
    for url in urls:
        client.get(url)
    group = Group.objects.get(slug="lsg")
    group.name = "Länssamverkansgruppen för vård"
    group.save()
    for url in urls:
        assert "Länssamverkansgruppen för vård" in client.get(url).content.decode(), url


def test_a_coordinators_admin_edit_shows_on_the_cached_principal_list(client, structure):
    url = reverse("structure:principal_list")
    client.get(url)
    principal = Principal.objects.get(code="2404")
    staff = client.__class__()
    staff.force_login(coordinator_user())
    response = staff.post(
        reverse("admin:structure_principal_change", args=[principal.pk]),
        {
            "code": "2404",
            "name": "Vindelns kommun",
            "slug": "vindeln",
            "side": "municipality",
            "grouping": principal.grouping_id,
            "decision_bodies-TOTAL_FORMS": "0",
            "decision_bodies-INITIAL_FORMS": "0",
            "decision_bodies-MIN_NUM_FORMS": "0",
            "decision_bodies-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302
    assert "Vindelns kommun" in client.get(url).content.decode()


def test_a_review_with_a_new_assignment_shows_on_the_cached_group_page(client, structure):
    group = Group.objects.get(slug="beredning-vuxna-och-aldre")
    url = group.get_absolute_url()
    client.get(url)
    review_services.record_review(
        by=coordinator_user(),
        group=group,
        kind=review_rules.ASSIGNMENT,
        held_on=datetime.date.today() - datetime.timedelta(days=1),
        outcome="Uppdraget breddas.",
        new_assignment="Ett nytt uppdrag om hemsjukvård i hela länet.",
    )
    assert "Ett nytt uppdrag om hemsjukvård i hela länet." in client.get(url).content.decode()


def test_loading_the_structure_file_again_with_update_gives_a_new_version(structure):
    group = Group.objects.get(slug="lsg")
    group.name = "Tillfälligt namn"
    group.save()
    before = current_version()
    call_command("load_structure", "--update", verbosity=0)
    assert current_version() != before


def test_a_signed_in_visitor_gets_their_own_frame_around_a_cached_page(client, structure):
    url = reverse("structure:group_list")
    client.get(url)  # cached by an anonymous visit
    member_user("greta", "lsg")
    client.login(username="greta", password=PASSWORD)
    html = client.get(url).content.decode()
    assert "Inloggad som" in html and "Greta Testsson" in html
    assert CSRF.search(html)  # the logout form, rendered for this visitor


def test_an_anonymous_visitor_never_gets_a_signed_in_visitors_page(client, structure):
    member_user("hugo", "lsg")
    url = reverse("publicsite:home")
    client.login(username="hugo", password=PASSWORD)
    client.get(url)  # cached during a signed-in visit
    client.logout()
    response = client.get(url)
    html = response.content.decode()
    assert "Hugo Testsson" not in html and "Inloggad som" not in html
    assert not CSRF.search(html)
    assert "Set-Cookie" not in response.headers and not response.cookies


def test_contact_details_a_member_sees_are_never_cached_for_others(client, structure):
    member_user("ines", "lsg", email="ines.kontakt@test.example")
    url = reverse("structure:group_detail", args=["lsg"])
    client.login(username="ines", password=PASSWORD)
    assert "ines.kontakt@test.example" in client.get(url).content.decode()
    client.logout()
    assert "ines.kontakt@test.example" not in client.get(url).content.decode()


def test_a_member_sees_contact_details_even_when_the_public_page_is_cached(client, structure):
    member_user("jon", "lsg", email="jon.kontakt@test.example")
    url = reverse("structure:group_detail", args=["lsg"])
    assert "jon.kontakt@test.example" not in client.get(url).content.decode()
    client.login(username="jon", password=PASSWORD)
    assert "jon.kontakt@test.example" in client.get(url).content.decode()


def test_what_a_principal_owes_is_not_served_from_the_structure_cache(client, structure):
    url = reverse("structure:principal_detail", args=["umea"])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert any("cases_" in q["sql"] for q in queries.captured_queries)


def test_a_missing_group_or_principal_is_still_404(client, structure):
    client.get(reverse("structure:group_list"))
    assert client.get(reverse("structure:group_detail", args=["finns-inte"])).status_code == 404
    assert client.get(reverse("structure:principal_detail", args=["finns-inte"])).status_code == 404


def test_a_membership_that_starts_tomorrow_shows_tomorrow_without_any_write(
    client, structure, monkeypatch
):
    from django.utils import timezone

    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    seat(person("Kim", last_name="Morgondag"), "lsg", start_date=tomorrow)
    url = reverse("structure:group_detail", args=["lsg"])
    assert "Kim Morgondag" not in client.get(url).content.decode()
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    assert "Kim Morgondag" in client.get(url).content.decode()
