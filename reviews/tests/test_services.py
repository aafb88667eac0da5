import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from reviews import rules, services
from reviews.models import Review
from reviews.selectors import review_rows
from structure.models import Group
from testing.builders import coordinator_user, member_user

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(datetime.datetime(2026, 5, 4, 9))


@pytest.fixture
def beredning(structure):
    return Group.objects.get(slug="beredning-vuxna-och-aldre")


def test_recorded_review_moves_the_next_due_date(beredning):
    services.record_review(
        by=coordinator_user(),
        group=beredning,
        kind=rules.ASSIGNMENT,
        held_on=datetime.date(2026, 4, 2),
        outcome="Uppdraget oförändrat.",
        at=NOW,
    )
    [row] = [
        r
        for r in review_rows(datetime.date(2026, 5, 4))
        if r.group == beredning and r.duty.kind == rules.ASSIGNMENT
    ]
    assert row.due == datetime.date(2028, 4, 2)


def test_review_in_the_future_is_refused_in_swedish(beredning):
    with pytest.raises(ValidationError, match="framtiden"):
        services.record_review(
            by=coordinator_user(),
            group=beredning,
            kind=rules.ASSIGNMENT,
            held_on=datetime.date(2026, 6, 1),
            outcome="x",
            at=NOW,
        )
    assert not Review.objects.exists()


def test_a_review_the_group_does_not_owe_is_refused(structure):
    with pytest.raises(ValidationError, match="ingen sådan revision"):
        services.record_review(
            by=coordinator_user(),
            group=Group.objects.get(slug="lsg-au"),
            kind=rules.ASSIGNMENT,
            held_on=datetime.date(2026, 4, 1),
            outcome="x",
            at=NOW,
        )


def test_changed_assignment_becomes_a_new_mandate_version(beredning):
    review = services.record_review(
        by=coordinator_user(),
        group=beredning,
        kind=rules.ASSIGNMENT,
        held_on=datetime.date(2026, 4, 2),
        outcome="Uppdraget breddat.",
        new_assignment="Nytt uppdrag.",
        at=NOW,
    )
    assert beredning.current_mandate(datetime.date(2026, 4, 2)) == review.new_mandate
    assert beredning.current_mandate(datetime.date(2026, 4, 1)).assignment != "Nytt uppdrag."


def test_members_cannot_record_reviews(beredning):
    with pytest.raises(PermissionDenied):
        services.record_review(
            by=member_user("alice", "lsg"),
            group=beredning,
            kind=rules.ASSIGNMENT,
            held_on=datetime.date(2026, 4, 2),
            outcome="x",
            at=NOW,
        )


def test_overview_is_hidden_from_members(client, structure):
    from django.urls import reverse

    from testing.builders import PASSWORD

    member_user("alice", "lsg")
    client.login(username="alice", password=PASSWORD)
    assert client.get(reverse("reviews:overview")).status_code == 404


def test_the_new_version_is_written_by_the_structure_service(beredning):
    from audit.models import AuditEvent, EventKind

    ended = beredning.current_mandate(datetime.date(2026, 4, 2))
    review = services.record_review(
        by=coordinator_user(),
        group=beredning,
        kind=rules.ASSIGNMENT,
        held_on=datetime.date(2026, 4, 2),
        outcome="Uppdraget breddat.",
        new_assignment="Nytt uppdrag.",
        at=NOW,
    )
    actions = AuditEvent.objects.filter(kind=EventKind.WRITE).order_by("pk")
    assert [(e.action, e.target) for e in actions] == [
        ("structure.end_mandate_version", f"structure.Mandate:{ended.pk}"),
        ("structure.record_mandate_version", f"structure.Mandate:{review.new_mandate.pk}"),
        ("reviews.record_review", f"reviews.Review:{review.pk}"),
    ]


def test_a_new_version_from_the_current_ones_first_day_is_refused_on_the_field(beredning):
    current = beredning.current_mandate(datetime.date(2026, 4, 2))
    with pytest.raises(ValidationError) as refused:
        services.record_review(
            by=coordinator_user(),
            group=beredning,
            kind=rules.ASSIGNMENT,
            held_on=current.effective_from,
            outcome="Uppdraget breddat.",
            new_assignment="Nytt uppdrag.",
            at=NOW,
        )
    assert (
        "måste börja efter den nuvarande" in refused.value.error_dict["new_assignment"][0].message
    )
    assert not Review.objects.exists()
    current.refresh_from_db()
    assert current.effective_to is None
