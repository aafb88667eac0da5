"""POST /uppfoljning/hantera/uppfoljning/: the coordinator records a goal's yearly follow-up."""

import datetime

import pytest
from django.urls import reverse

from followup.models import Goal, GoalFollowUp, IndicatorValue, Priority

pytestmark = pytest.mark.django_db
URL = reverse("followup:record_follow_up")


@pytest.fixture
def goal(indicator):
    IndicatorValue.objects.create(indicator=indicator, area="0024", year=2025, value=79)
    return Goal.objects.create(
        priority=Priority.objects.create(title="P", decided_on=datetime.date(2024, 10, 1)),
        indicator=indicator,
        baseline_year=2023,
        baseline_value=104,
        target_value=80,
        target_year=2027,
    )


def test_the_coordinator_records_a_follow_up(client, coordinator, goal):
    client.force_login(coordinator)
    data = {"goal": goal.pk, "year": 2025, "decision": "keep", "note": "Bra"}
    response = client.post(URL, data, follow=True)
    assert response.redirect_chain == [(reverse("followup:manage"), 302)]
    assert "Uppföljningen är sparad." in response.content.decode()
    follow_up = GoalFollowUp.objects.get()
    assert (follow_up.goal, follow_up.year, follow_up.note) == (goal, 2025, "Bra")


def test_anonymous_is_sent_to_sign_in_and_nothing_is_written(client, goal):
    response = client.post(URL, {"goal": goal.pk, "year": 2025, "decision": "keep"})
    assert response.url.startswith(reverse("login"))
    assert not GoalFollowUp.objects.exists()


def test_a_member_is_refused_and_nothing_is_written(client, plain_user, goal):
    client.force_login(plain_user)
    assert client.post(URL, {"goal": goal.pk, "year": 2025, "decision": "keep"}).status_code == 403
    assert not GoalFollowUp.objects.exists()


def test_a_missing_decision_is_a_swedish_error_and_keeps_the_note(client, coordinator, goal):
    client.force_login(coordinator)
    response = client.post(URL, {"goal": goal.pk, "year": 2025, "note": "Anteckning Ekorre"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Detta fält måste fyllas i." in body
    assert "Anteckning Ekorre" in body
    assert not GoalFollowUp.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("goal", "abc", "Välj ett giltigt alternativ"),
        ("goal", "-1", "Välj ett giltigt alternativ"),
        ("year", "99999999999999999999", "Ett tal i förfrågan är för stort."),
        ("year", "abc", "Fyll i ett heltal."),
        ("decision", "x" * 5000, "Välj ett giltigt alternativ"),
    ],
)
def test_hostile_values_are_a_form_error_or_400_not_500(
    client, coordinator, goal, field, value, says
):
    client.force_login(coordinator)
    data = {"goal": goal.pk, "year": 2025, "decision": "keep", field: value}
    response = client.post(URL, data)
    assert response.status_code == 400
    assert says in response.content.decode()
    assert not GoalFollowUp.objects.exists()
