"""The coordinators' rules check page (R-M2, R-M5): who may see it and what it says."""

import pytest
from django.urls import reverse
from django.utils import timezone

from structure import selectors
from structure.models import Group
from testing.builders import coordinator_user, member_user, registrar_user
from testing.queries import COUNTY_FACTS

URL = reverse("structure:rules_check")


@pytest.fixture
def charlie_client(client, structure):
    """Charlie, the coordinator; the structure without members breaks every seat rule."""
    client.force_login(coordinator_user("charlie"))
    return client


def test_anonymous_is_sent_to_sign_in(client, structure):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_members_and_registrars_are_refused(client, structure):
    alice = member_user("alice", "lsg")
    chair = member_user("bob", "lsg", position="chair")
    rita = registrar_user("rita", principal="region-vasterbotten")
    for user in (alice, chair, rita):
        client.force_login(user)
        assert client.get(URL).status_code == 403, user.username


def test_coordinator_sees_every_breach_and_next_years_sides(demo, coordinator_client):
    # About the demo: its deliberate breaches (demo/people.py) are what the page must show.
    html = coordinator_client.get(URL).content.decode()
    assert "saknar ersättare" in html
    assert "Åsele har 0 ordinarie ledamöter, ska ha 1." in html
    assert "Obalans mellan de geografiska grupperingarna" in html
    assert "båda kommunerna; de ska komma från olika sidor" in html
    assert "Ordförandeskap kommande år" in html
    assert "(förlängt genom beslut)" in html  # Hjälpmedelsrådet 2026


def test_rules_check_query_count_is_flat(demo, coordinator_client, django_assert_max_num_queries):
    # + the session write after sign-in, the page's count and the group choice's options
    with django_assert_max_num_queries(13 + COUNTY_FACTS):
        coordinator_client.get(URL)


def test_breaches_are_told_in_words_without_requirement_ids(charlie_client):
    html = charlie_client.get(URL).content.decode()
    assert "Regelbrott, platser:" in html
    assert "R-M2" not in html and "R-M5" not in html


def test_rotation_tables_stack_on_phones_and_scroll_with_the_keyboard(charlie_client):
    html = charlie_client.get(URL).content.decode()
    assert '<table class="stack">' in html
    assert '<td data-label="Ordförande från">' in html
    assert 'role="region" tabindex="0" aria-labelledby="rotation-lsg"' in html
    assert '<caption id="rotation-lsg">' in html


def test_choosing_a_group_checks_only_that_group(charlie_client):
    lsg = Group.objects.get(slug="lsg")
    html = charlie_client.get(URL, {"grupp": lsg.pk}).content.decode()
    assert 'id="grupp-lsg"' in html
    assert html.count("<section aria-labelledby=") == 1


@pytest.mark.parametrize("grupp", ["x", "-1", "99999", "1e3"])
def test_a_group_that_is_not_a_choice_is_a_bad_request(charlie_client, grupp):
    assert charlie_client.get(URL, {"grupp": grupp}).status_code == 400


def test_the_rules_check_pages_groups_25_at_a_time(charlie_client):
    template = Group.objects.get(slug="lsg")
    Group.objects.bulk_create(
        Group(
            slug=f"grupp-{i}",
            name=f"Grupp {i}",
            kind=template.kind,
            level=template.level,
            chair_rule=template.chair_rule,
            seat_rule=template.seat_rule,
        )
        for i in range(30)
    )
    total = selectors.rule_groups(timezone.localdate()).count()
    first = charlie_client.get(URL).content.decode()
    assert first.count("<section aria-labelledby=") == 25
    assert f"Visar 1–25 av {total}" in first
    last = charlie_client.get(URL, {"sida": 2}).content.decode()
    assert f"av {total}</p>" in last and "Sida 2 av 2" in last
