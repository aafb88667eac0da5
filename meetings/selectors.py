"""Reads of meetings and minutes, with the joins each page needs."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts import permissions
from meetings import planning
from meetings.models import Meeting, Minutes, MinutesItem, MinutesStatus
from structure.models import Group, GroupKind, Membership, MembershipKind


def public_meetings() -> QuerySet[Meeting]:
    return Meeting.objects.filter(is_public=True).select_related("group").order_by("starts_at")


def visible_meeting(user, pk: int) -> Meeting | None:
    """A meeting the user may see at all: public ones, or any of the user's own groups."""
    meeting = Meeting.objects.select_related("group", "justeringsperson").filter(pk=pk).first()
    if meeting is None:
        return None
    if meeting.is_public or permissions.can_view_internal(user, meeting.group):
        return meeting
    return None


def approved_minutes() -> QuerySet[Minutes]:
    return (
        Minutes.objects.filter(status=MinutesStatus.APPROVED, meeting__group__minutes_public=True)
        .select_related("meeting__group")
        .annotate(
            is_corrected=Exists(
                Minutes.objects.filter(supersedes=OuterRef("pk"), status=MinutesStatus.APPROVED)
            )
        )
        .order_by("-meeting__starts_at", "-version")
    )


def search_minutes(queryset: QuerySet[Minutes], text: str) -> QuerySet[Minutes]:
    """Simple search in the meeting's title, the group and every item's text."""
    text = text.strip()
    if not text:
        return queryset
    in_items = MinutesItem.objects.filter(minutes=OuterRef("pk")).filter(
        Q(title__icontains=text) | Q(notes__icontains=text) | Q(decisions__icontains=text)
    )
    return queryset.filter(
        Q(meeting__title__icontains=text)
        | Q(meeting__group__name__icontains=text)
        | Q(summary__icontains=text)
        | Exists(in_items)
    )


def minutes_for_page(pk: int) -> Minutes | None:
    return (
        Minutes.objects.select_related("meeting__group", "justeringsperson", "supersedes")
        .prefetch_related("items", "approvals__person")
        .filter(pk=pk)
        .first()
    )


def can_see_minutes(user, minutes: Minutes) -> bool:
    """R-S6: approved minutes are public records; nothing else of them is, ever."""
    if minutes.status == MinutesStatus.APPROVED and minutes.meeting.group.minutes_public:
        return True
    return permissions.can_view_internal(user, minutes.meeting.group)


def attendance_rows(meeting: Meeting):
    return meeting.attendance.select_related("person__principal", "replaces").order_by(
        "status", "person__last_name"
    )


def my_meetings(user, since: datetime.datetime) -> QuerySet[Meeting]:
    group_ids = permissions.member_group_ids(user)
    return (
        Meeting.objects.filter(group_id__in=group_ids, starts_at__gte=since)
        .select_related("group")
        .order_by("starts_at")
    )


def my_ordinary_membership(user, meeting: Meeting) -> Membership | None:
    if not (user.is_authenticated and user.person_id):
        return None
    return (
        Membership.objects.current(meeting.local_date)
        .filter(person_id=user.person_id, group=meeting.group, kind=MembershipKind.ORDINARY)
        .first()
    )


# --- Planning (R-G3, R-G4, R-S8) ------------------------------------------------------------


@dataclass
class GroupPlan:
    group: Group
    booked: int = 0
    held: int = 0
    next_year: int = 0
    status: str | None = None

    @property
    def next_year_booked(self) -> bool:
        return planning.next_year_booked(self.next_year, self.group.meetings_min)


@dataclass
class PlanningView:
    year: int
    today: datetime.date
    rows: list[GroupPlan] = field(default_factory=list)
    warn_next_year: bool = False
    deadline: datetime.date | None = None
    alignment: dict[str, list[planning.Alignment]] = field(default_factory=dict)
    lsg_days: list[datetime.date] = field(default_factory=list)

    @property
    def unbooked(self) -> list[GroupPlan]:
        return [row for row in self.rows if not row.next_year_booked]


def planning_view(year: int, today: datetime.date) -> PlanningView:
    now = timezone.now()
    groups = [
        g
        for g in Group.objects.active(today)
        .exclude(kind__in=[GroupKind.LOCAL_COLLABORATION, GroupKind.PUBLIC_HEALTH_COMMITTEE])
        .annotate(
            booked=Count(
                "meetings", filter=Q(meetings__starts_at__year=year, meetings__cancelled=False)
            ),
            held=Count(
                "meetings",
                filter=Q(
                    meetings__starts_at__year=year,
                    meetings__cancelled=False,
                    meetings__starts_at__lt=now,
                ),
            ),
            next_year=Count(
                "meetings", filter=Q(meetings__starts_at__year=year + 1, meetings__cancelled=False)
            ),
        )
        .order_by("order", "name")
        if g.meetings_min
        or g.meetings_max
        or g.booked
        or g.next_year
        or g.kind == GroupKind.WORKING_COMMITTEE
    ]
    view = PlanningView(year=year, today=today)
    for group in groups:
        view.rows.append(
            GroupPlan(
                group=group,
                booked=group.booked,
                held=group.held,
                next_year=group.next_year,
                status=planning.frequency_status(
                    group.booked, group.meetings_min, group.meetings_max
                ),
            )
        )
    if year == today.year and planning.booking_warning_active(today):
        view.warn_next_year = True
        view.deadline = planning.booking_deadline(year)

    days: dict[int, list[datetime.date]] = defaultdict(list)
    for meeting in Meeting.objects.filter(
        starts_at__year=year,
        cancelled=False,
        group__kind__in=[GroupKind.OFFICIALS_GROUP, GroupKind.PREPARATORY_BODY],
    ).select_related("group"):
        days[meeting.group_id].append(meeting.local_date)
    lsg = next((g for g in groups if g.kind == GroupKind.OFFICIALS_GROUP), None)
    if lsg is not None:
        view.lsg_days = sorted(days.get(lsg.pk, []))
        for group in groups:
            if group.kind == GroupKind.PREPARATORY_BODY:
                view.alignment[group.name] = planning.align_with_lsg(
                    days.get(group.pk, []), view.lsg_days
                )
    return view
