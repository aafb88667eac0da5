"""A double click (or a repeated post) never raises two cases or adopts two recommendations
(issue: 34 recommendations ended up on one case under repeated posts)."""

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import (
    IntegrityError,
    connection,  # noqa: F401 – read by the skipif condition of on_postgres
    transaction,
)
from django.test import Client
from django.urls import reverse

from accounts.models import User
from cases import services
from cases.models import Case, Recommendation
from cases.tests.test_services import on_postgres, run_at_once
from structure.models import Group
from testing.builders import member_user


def as_user(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def raise_form(group: Group, key: str) -> dict:
    return {
        "submission_key": key,
        "group": group.pk,
        "title": "Dubbelklickat ärende",
        "description": "d",
        "proposal": "p",
    }


def test_the_raise_form_carries_a_fresh_submission_key(structure):
    member_user("alice", "lsg")
    client = as_user("alice")
    first = client.get(reverse("cases:case_create")).content.decode()
    second = client.get(reverse("cases:case_create")).content.decode()
    assert 'name="submission_key"' in first

    def key(html):
        start = html.index('name="submission_key" value="') + len('name="submission_key" value="')
        return html[start : start + 36]

    assert uuid.UUID(key(first)) != uuid.UUID(key(second))


def test_posting_the_same_raise_form_twice_creates_one_case(structure):
    member_user("alice", "lsg")
    client = as_user("alice")
    data = raise_form(Group.objects.get(slug="lsg"), str(uuid.uuid4()))
    first = client.post(reverse("cases:case_create"), data)
    second = client.post(reverse("cases:case_create"), data)
    case = Case.objects.get()
    assert first["Location"] == second["Location"] == case.get_absolute_url()


def test_two_forms_raise_two_cases(structure):
    member_user("alice", "lsg")
    client = as_user("alice")
    lsg = Group.objects.get(slug="lsg")
    client.post(reverse("cases:case_create"), raise_form(lsg, str(uuid.uuid4())))
    client.post(reverse("cases:case_create"), raise_form(lsg, str(uuid.uuid4())))
    assert Case.objects.count() == 2


def test_adopting_twice_at_the_same_meeting_is_refused_in_swedish(
    raise_in, coordinator, meeting_of
):
    case = raise_in()
    meeting = meeting_of("lsg")
    data = {"adopt-meeting": meeting.pk, "adopt-title": "R", "adopt-decisions": "att x"}
    client = as_user("koordinator")
    assert client.post(reverse("cases:case_adopt", args=[case.pk]), data).status_code == 302
    second = client.post(reverse("cases:case_adopt", args=[case.pk]), data)
    assert second.status_code == 400
    assert "redan en rekommendation" in second.content.decode()
    assert Recommendation.objects.filter(case=case).count() == 1
    assert case.treatments.filter(outcome="recommendation_adopted").count() == 1


def test_the_database_refuses_a_second_recommendation_per_case_and_meeting(
    raise_in, coordinator, meeting_of
):
    case = raise_in()
    meeting = meeting_of("lsg")
    services.adopt_recommendation(
        case=case, meeting=meeting, by=coordinator, title="R", decisions="att x"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Recommendation.objects.create(
            case=case,
            group=meeting.group,
            meeting=meeting,
            title="R2",
            decisions="x",
            adopted_on=meeting.local_date,
        )


def test_a_later_meeting_may_adopt_again(raise_in, coordinator, meeting_of):
    import datetime

    case = raise_in()
    services.adopt_recommendation(
        case=case, meeting=meeting_of("lsg"), by=coordinator, title="R", decisions="att x"
    )
    services.adopt_recommendation(
        case=case,
        meeting=meeting_of("lsg", datetime.date(2026, 3, 19)),
        by=coordinator,
        title="R2",
        decisions="att y",
    )
    assert case.recommendations.count() == 2


# --- concurrent double clicks, against PostgreSQL ------------------------------------------------


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_eight_simultaneous_adoptions_at_one_meeting_create_one(raise_in, coordinator, meeting_of):
    case = raise_in()
    meeting = meeting_of("lsg")

    def adopt(index):
        return services.adopt_recommendation(
            case=case, meeting=meeting, by=coordinator, title=f"R{index}", decisions="att x"
        ).pk

    results, errors = run_at_once(8, adopt)
    assert len(results) == 1 and Recommendation.objects.filter(case=case).count() == 1
    assert len(errors) == 7 and all(isinstance(e, ValidationError) for e in errors)


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_eight_simultaneous_posts_of_one_raise_form_create_one_case(coordinator):
    group = Group.objects.get(slug="lsg")
    person = member_user("alice", "lsg").person
    key = uuid.uuid4()

    def create(index):
        return services.raise_case(
            group=group,
            by=coordinator,
            submitted_by=person,
            title="Samma formulär",
            description="d",
            proposal="p",
            submission_key=key,
        ).pk

    results, errors = run_at_once(8, create)
    assert errors == []
    assert len(set(results)) == 1 and Case.objects.count() == 1
