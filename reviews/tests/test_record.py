"""POST /revisioner/registrera/: the coordinator records a review of a group (R-G2)."""

import datetime

import pytest
from django.urls import reverse

from reviews import rules
from reviews.models import Review
from structure.models import Group
from testing.builders import coordinator_user, member_user

pytestmark = pytest.mark.django_db
URL = reverse("reviews:record")


@pytest.fixture
def beredning(structure):
    return Group.objects.get(slug="beredning-vuxna-och-aldre")


def data(group, /, **overrides) -> dict:
    return {
        "group": group.pk,
        "kind": rules.ASSIGNMENT,
        "held_on": "2026-04-02",
        "outcome": "Uppdraget oförändrat.",
        **overrides,
    }


def test_the_coordinator_records_a_review(client, beredning):
    client.force_login(coordinator_user())
    response = client.post(URL, data(beredning), follow=True)
    assert response.redirect_chain == [(reverse("reviews:overview"), 302)]
    assert "Revisionen är registrerad." in response.content.decode()
    review = Review.objects.get()
    assert (review.group, review.kind, review.held_on, review.outcome) == (
        beredning,
        rules.ASSIGNMENT,
        datetime.date(2026, 4, 2),
        "Uppdraget oförändrat.",
    )


def test_anonymous_is_sent_to_sign_in_and_nothing_is_written(client, beredning):
    response = client.post(URL, data(beredning))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not Review.objects.exists()


def test_a_member_gets_404_and_nothing_is_written(client, beredning):
    client.force_login(member_user("alice", "beredning-vuxna-och-aldre"))
    assert client.post(URL, data(beredning)).status_code == 404
    assert not Review.objects.exists()


def test_a_review_in_the_future_is_a_swedish_error_and_keeps_the_outcome(client, beredning):
    client.force_login(coordinator_user())
    response = client.post(URL, data(beredning, held_on="2999-01-01", outcome="Resultat Lodjur"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "datumet ligger i framtiden" in body
    assert "Resultat Lodjur" in body
    assert 'value="2999-01-01"' in body
    assert not Review.objects.exists()


TOO_BIG = "Ett tal i förfrågan är för stort."  # lib's middleware, before any form sees it


@pytest.mark.parametrize(
    ("overrides", "says"),
    [
        ({"group": "abc"}, "Välj ett giltigt alternativ"),
        ({"group": "99999999999999999999"}, TOO_BIG),
        ({"meeting": "-1"}, "Välj ett giltigt alternativ"),
        ({"held_on": "2026-02-30"}, "Fyll i ett giltigt datum."),
        ({"held_on": "99999999999999999999"}, TOO_BIG),
        ({"kind": "x" * 5000}, "Välj ett giltigt alternativ"),
        ({"outcome": ""}, "Detta fält måste fyllas i."),
    ],
)
def test_hostile_values_are_a_form_error_or_400_not_500(client, beredning, overrides, says):
    client.force_login(coordinator_user())
    response = client.post(URL, data(beredning, **overrides))
    assert response.status_code == 400
    assert says in response.content.decode()
    assert not Review.objects.exists()
