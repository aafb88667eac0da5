"""What the AU sees when it prepares its parent's next meeting."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count

from cases.models import Case, CaseStatus
from meetings.models import AgendaItem, Meeting
from preparation.models import ProposedItem
from structure.models import GroupKind


@dataclass
class Preparation:
    au_meeting: Meeting
    parent_meeting: Meeting | None
    agenda: list[AgendaItem] = field(default_factory=list)
    waiting_cases: list[Case] = field(default_factory=list)
    proposed: list[ProposedItem] = field(default_factory=list)


def au_meeting(pk: int) -> Meeting | None:
    return (
        Meeting.objects.select_related("group__reports_to")
        .filter(pk=pk, group__kind=GroupKind.WORKING_COMMITTEE, group__reports_to__isnull=False)
        .first()
    )


def parent_meeting_for(meeting: Meeting) -> Meeting | None:
    """The parent group's next meeting after the AU's, with its agenda still open."""
    return (
        Meeting.objects.agenda_open()
        .filter(group=meeting.group.reports_to, cancelled=False, starts_at__gt=meeting.starts_at)
        .select_related("group")
        .order_by("starts_at")
        .first()
    )


def preparation(meeting: Meeting) -> Preparation:
    parent = parent_meeting_for(meeting)
    result = Preparation(meeting, parent)
    result.proposed = list(meeting.proposed_items.select_related("case", "agenda_item"))
    if parent is None:
        return result
    result.agenda = list(parent.items.annotate(paper_count=Count("papers")).order_by("position"))
    on_agenda = {item.title for item in result.agenda}
    proposed_cases = {p.case_id for p in result.proposed}
    result.waiting_cases = [
        case
        for case in Case.objects.filter(
            current_group=parent.group, status=CaseStatus.OPEN
        ).order_by("year", "serial")
        if case.pk not in proposed_cases
        and not any(title.startswith(case.register_number) for title in on_agenda)
    ]
    return result
