"""The year's rows for the annual cycle, read in a fixed number of queries."""

from __future__ import annotations

import datetime
import hashlib

from django.db.models import Count, Max, Sum
from django.urls import reverse
from django.utils import timezone

from annualcycle import cycle
from meetings.models import Meeting
from reviews.models import Review
from reviews.selectors import review_rows
from structure.models import Group, GroupKind, SpecialRole
from workgroups.models import WorkingGroup


def data_version(year: int, *, internal: bool) -> str:
    """What the year's cycle is built from, in a few aggregates: it changes whenever a meeting
    of the year is booked, moved, cancelled or edited, a review is held, or a working group's
    delivery changes. (The groups' names and rules are covered by the structure version.)"""
    meetings = Meeting.objects.filter(starts_at__year=year)
    if not internal:
        meetings = meetings.filter(is_public=True)
    seen = meetings.aggregate(n=Count("pk"), ids=Sum("pk"), changed=Max("updated_at"))
    reviews = Review.objects.aggregate(n=Count("pk"), ids=Sum("pk"), last=Max("held_on"))
    deliveries = list(
        WorkingGroup.objects.filter(due_on__year=year)
        .order_by("pk")
        .values_list("pk", "status", "due_on", "name")
    )
    key = repr((sorted(seen.items()), sorted(reviews.items()) if internal else None, deliveries))
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _compilation_title() -> str | None:
    """The council's yearly compilation, named as the structure names the council and the
    group it reports to."""
    council = (
        Group.objects.with_role(SpecialRole.PATIENT_SAFETY).select_related("reports_to").first()
    )
    if council is None:
        return None
    to = f" till {council.reports_to.display_name}" if council.reports_to else ""
    return f"{council.name} sammanställer årets frågor{to}"


def annual_cycle(year: int, *, internal: bool) -> list[cycle.CycleEvent]:
    meetings = Meeting.objects.filter(starts_at__year=year, cancelled=False).select_related("group")
    if not internal:
        meetings = meetings.filter(is_public=True)
    entries = [
        cycle.MeetingEntry(
            timezone.localtime(m.starts_at).date(),
            m.group.display_name,
            m.get_absolute_url(),
            is_seminar=m.group.kind == GroupKind.LEADERSHIP_SEMINAR,
            is_patient_safety=m.group.is_patient_safety_council,
            public=m.is_public,
        )
        for m in meetings
    ]
    reviews = []
    if internal:
        reviews = [
            (r.due, f"{r.duty.label.lower()} i {r.group.name}")
            for r in review_rows(datetime.date(year, 1, 1))
            if r.due is not None
        ]
    deliveries = [
        (w.due_on, w.name, reverse("workgroups:detail", args=[w.pk]))
        for w in WorkingGroup.objects.open().filter(due_on__year=year)
    ]
    events = cycle.build_cycle(year, entries, reviews, deliveries, _compilation_title())
    return events if internal else [e for e in events if e.public]
