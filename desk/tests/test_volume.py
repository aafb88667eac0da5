"""The desk costs the same whatever the volume: each kind of duty that grows with the data is
read with a LIMIT, and the rest is counted in SQL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from desk.selectors import SECTION_LIMIT
from meetings.models import Minutes, MinutesStatus
from testing.builders import coordinator_user, person
from testing.volume import add_cases, add_meetings

pytestmark = pytest.mark.django_db


def _draft_minutes(n: int) -> None:
    """n past meetings whose minutes are still drafts (late for approval)."""
    ids = [m.pk for m in add_meetings(n, year=2025)]
    Minutes.objects.filter(meeting_id__in=ids).update(status=MinutesStatus.DRAFT, approved_at=None)


def _desk_queries(client) -> int:
    # Warm first: the data added between counts changes the structure version, and the first
    # page after that reads the county's facts for the page frame again (structure.county).
    client.get(reverse("desk:desk"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("desk:desk")).status_code == 200
    return len(queries.captured_queries)


def test_desk_query_count_is_the_same_with_no_duties_and_with_many(client, structure):
    coordinator = coordinator_user()
    client.force_login(coordinator)
    client.get(reverse("desk:desk"))  # the first request after sign-in also writes the session
    empty = _desk_queries(client)
    add_cases(3, by=coordinator)
    _draft_minutes(2)
    few = _desk_queries(client)
    add_cases(40, by=coordinator)
    _draft_minutes(40)
    many = _desk_queries(client)
    assert empty == few == many


def test_desk_query_count_is_the_same_whoever_the_minutes_wait_on(client, structure):
    """The approvers' names are one query over the page, not one per person or minutes."""
    client.force_login(coordinator_user())
    client.get(reverse("desk:desk"))
    empty = _desk_queries(client)
    ids = [m.pk for m in add_meetings(SECTION_LIMIT + 3, year=2025)]
    checkers = [person(f"Justerare{i}") for i in range(3)]
    for i, pk in enumerate(ids):
        Minutes.objects.filter(meeting_id=pk).update(
            status=MinutesStatus.IN_APPROVAL, approved_at=None, justeringsperson=checkers[i % 3]
        )
    assert _desk_queries(client) == empty
    shown = [d for s in client.get(reverse("desk:desk")).context["sections"] for d in s.duties]
    # Which of the waiting minutes share the section with the overdue reviews depends on the
    # database's order among equal dates: each one shown names its own checker.
    minutes_rows = [d for d in shown if d.kind == "minutes"]
    assert minutes_rows
    assert all(any(c.full_name in d.waits_on for c in checkers) for d in minutes_rows)


def test_desk_shows_at_most_the_limit_of_each_kind(client, structure):
    coordinator = coordinator_user()
    add_cases(SECTION_LIMIT + 5, by=coordinator)
    _draft_minutes(SECTION_LIMIT + 3)
    client.force_login(coordinator)
    response = client.get(reverse("desk:desk"))
    shown = [d for s in response.context["sections"] for d in s.duties]
    for kind in ("decision", "minutes"):
        assert len([d for d in shown if d.kind == kind]) == SECTION_LIMIT


def test_desk_counts_the_duties_it_does_not_show(client, structure):
    coordinator = coordinator_user()
    add_cases(SECTION_LIMIT + 5, by=coordinator)
    _draft_minutes(SECTION_LIMIT + 3)
    client.force_login(coordinator)
    response = client.get(reverse("desk:desk"))
    more = {m.label: m.total for m in response.context["more"]}
    assert more["Minnesanteckningar ej justerade"] == SECTION_LIMIT + 3
    assert more["Rekommendationer som väntar på beslut"] == SECTION_LIMIT + 5
    body = response.content.decode()
    assert f"Rekommendationer som väntar på beslut</a>: {SECTION_LIMIT + 5} totalt" in body


def test_desk_shows_at_most_the_limit_of_rule_breaches_and_counts_them_all(client, structure):
    # The bare structure has no members, so every group breaches its seat rules.
    client.force_login(coordinator_user())
    response = client.get(reverse("desk:desk"))
    shown = [d for s in response.context["sections"] for d in s.duties]
    breaches = len([d for d in shown if d.kind == "breach"])
    more = {m.label: m.total for m in response.context["more"]}
    assert breaches == SECTION_LIMIT
    assert more["Regelbrott"] > SECTION_LIMIT


def test_desk_with_few_duties_has_no_overflow_note(client, structure):
    coordinator = coordinator_user()
    add_cases(2, by=coordinator)
    client.force_login(coordinator)
    response = client.get(reverse("desk:desk"))
    labels = [m.label for m in response.context["more"]]
    assert "Rekommendationer som väntar på beslut" not in labels
    assert "Minnesanteckningar ej justerade" not in labels
