"""Every group's review duties with the last review and the next due date, in fixed queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Max, Min, Q

from reviews import rules
from reviews.models import Review
from reviews.services import duties_of
from structure.models import Group


@dataclass(frozen=True)
class ReviewRow:
    group: Group
    duty: rules.ReviewDuty
    last: datetime.date | None
    due: datetime.date | None


def review_rows(today: datetime.date) -> list[ReviewRow]:
    groups = (
        Group.objects.active(today)
        .filter(
            Q(assignment_review_months__isnull=False)
            | Q(meeting_forms_review_months__isnull=False)
            | Q(self_evaluation_months__isnull=False)
            | Q(follow_up_by__isnull=False)
        )
        .annotate(since=Min("mandates__effective_from"))
    )
    last = {
        (row["group_id"], row["kind"]): row["last"]
        for row in Review.objects.values("group_id", "kind").annotate(last=Max("held_on"))
    }
    rows = []
    for group in groups:
        since = group.since or group.active_from or today
        for duty in duties_of(group):
            previous = last.get((group.pk, duty.kind))
            rows.append(ReviewRow(group, duty, previous, rules.next_due(duty, previous, since)))
    return rows
