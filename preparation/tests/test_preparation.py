import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from cases.models import Case
from meetings.models import Meeting
from preparation import selectors, services
from structure.models import Group
from testing.builders import PASSWORD, coordinator_user, member_user, person

pytestmark = pytest.mark.django_db


def _meeting(slug: str, days: int) -> Meeting:
    starts = timezone.now() + datetime.timedelta(days=days)
    return Meeting.objects.create(
        group=Group.objects.get(slug=slug),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
        form="video",
    )


@pytest.fixture
def meetings(structure):
    return _meeting("lsg-au", 5), _meeting("lsg", 20)


@pytest.fixture
def case(structure):
    lsg = Group.objects.get(slug="lsg")
    return Case.objects.create(
        year=2026,
        serial=9,
        title="Trygg hemgång",
        description="Beskrivning",
        proposal="Förslag",
        submitted_by=person("Sven"),
        origin_group=lsg,
        current_group=lsg,
    )


def test_the_au_sees_cases_waiting_for_the_parents_next_meeting(meetings, case):
    au, parent = meetings
    prep = selectors.preparation(au)
    assert prep.parent_meeting == parent
    assert prep.waiting_cases == [case]


def test_au_member_proposes_and_orders_items(meetings, case):
    au, _ = meetings
    alice = member_user("alice", "lsg-au")
    first = services.propose_item(by=alice, au_meeting=au, kind="information", title="Lägesbild")
    second = services.propose_item(by=alice, au_meeting=au, kind="decision", case=case)
    services.move_item(by=alice, item=second, direction=-1)
    assert [p.pk for p in au.proposed_items.order_by("position")] == [second.pk, first.pk]
    assert selectors.preparation(au).waiting_cases == []


def test_coordinator_adopts_the_proposal_in_order_marked_as_prepared_by_the_au(meetings, case):
    au, parent = meetings
    charlie = coordinator_user()
    services.propose_item(by=charlie, au_meeting=au, kind="decision", case=case)
    services.propose_item(by=charlie, au_meeting=au, kind="information", title="Lägesbild")
    assert services.adopt_proposal(by=charlie, au_meeting=au) == 2
    titles = list(parent.items.order_by("position").values_list("title", "description"))
    ours = [t for t in titles if t[0] in (f"{case.register_number} Trygg hemgång", "Lägesbild")]
    assert [t[0] for t in ours] == [f"{case.register_number} Trygg hemgång", "Lägesbild"]
    assert all(t[1].startswith("Beredd av LSG AU") for t in ours)
    with pytest.raises(ValidationError, match="inga nya förslag"):
        services.adopt_proposal(by=charlie, au_meeting=au)


def test_only_the_coordinator_adopts(meetings):
    au, _ = meetings
    alice = member_user("alice", "lsg-au")
    services.propose_item(by=alice, au_meeting=au, kind="information", title="x")
    with pytest.raises(PermissionDenied):
        services.adopt_proposal(by=alice, au_meeting=au)


def test_the_preparation_page_is_hidden_from_others(client, meetings):
    au, _ = meetings
    member_user("bob", "samrad")
    client.login(username="bob", password=PASSWORD)
    assert client.get(reverse("preparation:prepare", args=[au.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("preparation:prepare", args=[au.pk])).status_code == 302


def test_a_meeting_that_is_not_an_au_meeting_has_no_preparation_page(client, meetings):
    _, parent = meetings
    client.force_login(coordinator_user())
    assert client.get(reverse("preparation:prepare", args=[parent.pk])).status_code == 404


def test_au_page_shows_waiting_cases_to_its_members(client, meetings, case):
    au, _ = meetings
    member_user("alice", "lsg-au")
    client.login(username="alice", password=PASSWORD)
    body = client.get(reverse("preparation:prepare", args=[au.pk])).content.decode()
    assert "Trygg hemgång" in body
    assert "För in AU:s förslag" not in body
