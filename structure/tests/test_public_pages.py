"""Every public structure page renders for anonymous visitors, without contact details."""

import re

import pytest
from django.urls import reverse

from structure.models import Group, MembershipKind, Person, Position, Principal
from testing.builders import person, seat
from testing.queries import COUNTY_FACTS

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.example")


def public_urls():
    urls = [
        reverse("publicsite:home"),
        reverse("publicsite:chart_svg"),
        reverse("publicsite:accessibility"),
        reverse("structure:group_list"),
        reverse("structure:principal_list"),
    ]
    urls += [g.get_absolute_url() for g in Group.objects.all()]
    urls += [p.get_absolute_url() for p in Principal.objects.all()]
    return urls


def seated(group: str, principal: str = "umea", n: int = 0, **fields):
    """A person of `principal` with an email address and a phone number, seated in `group`."""
    who = person(
        f"Ledamot{n}",
        principal=principal,
        last_name=group.replace("-", ""),
        email=f"ledamot{n}.{group}@{principal}.example",
        phone=f"070-{n:03d} 12 34",
    )
    return seat(who, group, **fields)


@pytest.fixture
def council(structure):
    """Every group has a chair, an ordinary member and the member's substitute, each with an
    email address and a phone number."""
    n = 0
    for group in Group.objects.order_by("slug").values_list("slug", flat=True):
        seated(group, "lycksele", n, position=Position.CHAIR)
        member = seated(group, "umea", n + 1)
        seated(group, "umea", n + 2, kind=MembershipKind.SUBSTITUTE, substitute_for=member)
        n += 3


def test_every_public_page_renders_without_contact_details(client, council):
    phones = list(Person.objects.values_list("phone", flat=True))
    assert phones and all(phones)
    for url in public_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert not EMAIL.search(html), url
        assert not any(phone in html for phone in phones), url


def test_group_page_shows_mandate_rules_chair_and_members(client, council):
    html = client.get(reverse("structure:group_detail", args=["lsg"])).content.decode()
    assert "Uppdrag" in html and "Mandat" in html and "Rapporteringsväg" in html
    assert "10 arbetsdagar före mötet" in html
    assert "Minst 3 möten per år" in html
    assert "justeras av ordföranden och en justeringsperson" in html
    lsg = Group.objects.get(slug="lsg")
    chair = lsg.memberships.get(position="chair").person
    assert f"{chair.full_name} ({chair.principal.name})" in html
    # members: name, principal and role
    member = lsg.memberships.filter(kind="substitute").first()
    assert member.person.full_name in html
    assert "ersättare för" in html


def test_patient_safety_council_rules_read_in_plain_swedish(client, structure):
    html = client.get(
        reverse("structure:group_detail", args=["samverkansrad-patientsakerhet"])
    ).content.decode()
    assert "cirka 14 dagar före mötet (regional koordinator)" in html
    assert "godkänns av ordföranden;" in html
    assert "2–4 möten per år" in html


def test_start_page_draws_the_structure_as_svg_with_a_text_alternative(client, structure):
    html = client.get(reverse("publicsite:home")).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html
    # role=group, not img: an image's children (the links) would be hidden from screen readers
    assert 'role="group"' in html and '<title id="orgchart-title">' in html
    for slug in ("samrad", "lsg", "hjalpmedelsradet", "beredning-barn-och-unga"):
        assert html.count(f'href="/grupper/{slug}/"') >= 2  # in the picture and in the list
    assert "Lokal samverkan (15 kommuner)" in html
    assert "Huvudmännen (16)" in html


def test_principal_list_shows_codes_and_groupings(client, structure):
    html = client.get(reverse("structure:principal_list")).content.decode()
    assert "De 16 huvudmännen" in html
    assert (
        '<td data-label="Kod">2482</td><td data-label="Gruppering">Skellefteå–Norsjö</td>' in html
    )
    assert '<td data-label="Kod">24</td><td data-label="Gruppering">Regionen</td>' in html


def test_principal_page_links_to_where_the_principal_sits(client, structure):
    seated("lsg", "umea")
    html = client.get(reverse("structure:principal_detail", args=["umea"])).content.decode()
    assert 'href="/grupper/lsg/"' in html
    assert 'href="/grupper/lokal-samverkan-umea/"' in html


def test_unknown_group_is_404(client, structure):
    assert client.get("/grupper/finns-inte/").status_code == 404


def test_a_member_sees_contact_details_of_own_group_only(council, member_client):
    own = member_client.get(reverse("structure:group_detail", args=["lsg"])).content.decode()
    assert EMAIL.search(own)
    other = member_client.get(reverse("structure:group_detail", args=["samrad"])).content.decode()
    assert not EMAIL.search(other)


def test_a_coordinator_sees_contact_details(council, coordinator_client):
    html = coordinator_client.get(
        reverse("structure:group_detail", args=["samrad"])
    ).content.decode()
    assert EMAIL.search(html)


@pytest.mark.parametrize("slug", ["lsg", "samrad", "hjalpmedelsradet", "ledningsseminarium"])
def test_group_page_query_count_is_flat(client, council, django_assert_max_num_queries, slug):
    # The structure version is read anyway; the county's facts add two reads when cold.
    with django_assert_max_num_queries(6 + COUNTY_FACTS - 1):
        client.get(reverse("structure:group_detail", args=[slug]))


def test_group_list_and_principal_pages_query_counts(
    client, council, django_assert_max_num_queries
):
    # Rendered afresh (empty cache): + 1 for the structure version (see structure.cache).
    with django_assert_max_num_queries(4):
        client.get(reverse("structure:group_list"))
    with django_assert_max_num_queries(5):
        client.get(reverse("structure:principal_list"))
    with django_assert_max_num_queries(6):  # + what the principal still owes (cases)
        client.get(reverse("structure:principal_detail", args=["umea"]))
    with django_assert_max_num_queries(6):
        client.get(reverse("publicsite:home"))
