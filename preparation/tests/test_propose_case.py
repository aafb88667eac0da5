"""POST /au-moten/<pk>/beredning/arende/: an AU member proposes a waiting case as an item."""

import pytest
from django.urls import reverse

from cases.models import Case
from preparation.models import ProposedItem
from structure.models import Group
from testing.builders import person

pytestmark = pytest.mark.django_db


def url(au) -> str:
    return reverse("preparation:propose_case", args=[au.pk])


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


def test_an_au_member_proposes_the_case_as_a_decision_item(client, au, parent, alice, case):
    client.force_login(alice)
    response = client.post(url(au), {"case": case.pk})
    assert response.status_code == 302
    assert response.url == reverse("preparation:prepare", args=[au.pk])
    item = ProposedItem.objects.get()
    assert (item.case, item.kind) == (case, "decision")
    assert item.title == f"{case.register_number} Trygg hemgång"


def test_anonymous_is_sent_to_sign_in(client, au, parent, case):
    response = client.post(url(au), {"case": case.pk})
    assert response.url.startswith(reverse("login"))
    assert not ProposedItem.objects.exists()


def test_a_member_of_another_group_gets_404(client, au, parent, bob, case):
    client.force_login(bob)
    assert client.post(url(au), {"case": case.pk}).status_code == 404
    assert not ProposedItem.objects.exists()


def test_without_a_parent_meeting_the_refusal_is_a_message(client, au, alice, case):
    client.force_login(alice)
    response = client.post(url(au), {"case": case.pk}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("preparation:prepare", args=[au.pk])
    assert "har inget kommande möte" in response.content.decode()
    assert not ProposedItem.objects.exists()


@pytest.mark.parametrize("value", ["abc", "-1", "99999999999999999999", "", "1.5"])
def test_a_case_id_that_is_no_case_answers_400(client, au, parent, alice, value):
    client.force_login(alice)
    assert client.post(url(au), {"case": value}).status_code == 400
    assert not ProposedItem.objects.exists()
