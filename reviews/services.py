"""Recording a review (R-G2), and a new mandate version when the review changed it (written by
`structure.services.record_mandate_version`)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts import permissions
from accounts.models import User
from audit import services as audit
from meetings.models import Meeting
from reviews import rules
from reviews.models import Review
from structure import services as structure_services
from structure.models import Group


def duties_of(group: Group) -> list[rules.ReviewDuty]:
    return rules.review_duties(
        assignment_months=group.assignment_review_months,
        meeting_forms_months=group.meeting_forms_review_months,
        self_evaluation_months=group.self_evaluation_months,
        follow_up_by=group.follow_up_by,
    )


@transaction.atomic
def record_review(
    *,
    by: User,
    group: Group,
    kind: str,
    held_on: datetime.date,
    outcome: str,
    meeting: Meeting | None = None,
    new_assignment: str = "",
    at: datetime.datetime | None = None,
) -> Review:
    permissions.require(permissions.can_record_reviews(by))
    moment = at or timezone.now()
    if meeting is not None:
        held_on = meeting.local_date
    errors: dict[str, str] = {}
    if kind not in {duty.kind for duty in duties_of(group)}:
        errors["kind"] = f"{group.name} har ingen sådan revision i sitt uppdrag."
    if held_on > timezone.localdate(moment):
        errors["held_on"] = "En revision kan inte registreras i förväg; datumet ligger i framtiden."
    if not outcome.strip():
        errors["outcome"] = "Beskriv resultatet av revisionen."
    if errors:
        raise ValidationError(errors)
    new_mandate = None
    if new_assignment.strip():
        try:
            new_mandate = structure_services.record_mandate_version(
                by=by, group=group, effective_from=held_on, assignment=new_assignment
            )
        except ValidationError as exc:
            raise ValidationError({"new_assignment": exc.messages}) from exc
    review = Review.objects.create(
        group=group,
        kind=kind,
        held_on=held_on,
        meeting=meeting,
        outcome=outcome.strip(),
        new_mandate=new_mandate,
        recorded_by=by,
        recorded_at=moment,
    )
    # The mandate versions (the one ended, the new one) have rows of their own.
    audit.record_write(
        actor=by, action="reviews.record_review", target=review, after=audit.snapshot(review)
    )
    return review
