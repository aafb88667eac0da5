"""Which reviews a group owes, and when the next is due (R-G2), as pure functions.

The duties come from the group's fields in the structure data file: the beredningar's assignment
and staffing at least every second year, working groups' assignment yearly, meeting forms of
Samråd, LSG, the beredningar and the councils yearly, the patient-safety council's own yearly
evaluation and LSG's follow-up of its mandate by a fixed date.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

ASSIGNMENT = "assignment"
MEETING_FORMS = "meeting_forms"
SELF_EVALUATION = "self_evaluation"
FOLLOW_UP = "follow_up"

LABELS = {
    ASSIGNMENT: "Uppdrag och bemanning",
    MEETING_FORMS: "Mötesformer",
    SELF_EVALUATION: "Egen utvärdering",
    FOLLOW_UP: "Uppföljning av uppdraget",
}


@dataclass(frozen=True)
class ReviewDuty:
    kind: str
    months: int | None = None
    fixed_due: datetime.date | None = None

    @property
    def label(self) -> str:
        return LABELS[self.kind]


def review_duties(
    *,
    assignment_months: int | None,
    meeting_forms_months: int | None,
    self_evaluation_months: int | None,
    follow_up_by: datetime.date | None,
) -> list[ReviewDuty]:
    duties = [
        ReviewDuty(kind, months)
        for kind, months in (
            (ASSIGNMENT, assignment_months),
            (MEETING_FORMS, meeting_forms_months),
            (SELF_EVALUATION, self_evaluation_months),
        )
        if months
    ]
    if follow_up_by:
        duties.append(ReviewDuty(FOLLOW_UP, fixed_due=follow_up_by))
    return duties


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def next_due(
    duty: ReviewDuty, last: datetime.date | None, since: datetime.date
) -> datetime.date | None:
    """From the last review (or, before the first, from when the mandate began); a fixed-date
    follow-up is due once and done after it is recorded (None: nothing more is due)."""
    if duty.fixed_due is not None:
        return None if last is not None else duty.fixed_due
    return add_months(last or since, duty.months or 12)
