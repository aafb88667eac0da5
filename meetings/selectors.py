"""Reads of meetings and minutes, with the joins each page needs."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    Window,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts import permissions
from meetings import planning, services
from meetings.models import (
    APPROVAL_ROLES,
    Absence,
    AgendaItem,
    ApprovalRole,
    Attendance,
    CalendarFeed,
    Meeting,
    Minutes,
    MinutesStatus,
)
from search import query as search_query
from search.models import Kind
from structure.models import (
    Group,
    GroupKind,
    Membership,
    MembershipKind,
    Person,
)


def public_meetings() -> QuerySet[Meeting]:
    return Meeting.objects.filter(is_public=True).select_related("group").order_by("starts_at")


def directory_meetings() -> QuerySet[Meeting]:
    """The public directory; page it, then mark the page's meetings (`with_minutes_state`)."""
    return public_meetings()


def with_minutes_state(meetings) -> list[Meeting]:
    """The meetings with `has_approved_minutes` for their state column, from one query over
    just their ids (as an annotation PostgreSQL hashes every approved minutes row instead)."""
    meetings = list(meetings)
    approved = set(
        Minutes.objects.filter(meeting__in=[m.pk for m in meetings], status=MinutesStatus.APPROVED)
        .order_by()
        .values_list("meeting_id", flat=True)
    )
    for meeting in meetings:
        meeting.has_approved_minutes = meeting.pk in approved
    return meetings


def meetings_in_month(first: datetime.date, last: datetime.date) -> list[Meeting]:
    start = datetime.datetime.combine(first, datetime.time.min, timezone.get_current_timezone())
    end = datetime.datetime.combine(
        last + datetime.timedelta(days=1), datetime.time.min, timezone.get_current_timezone()
    )
    return with_minutes_state(directory_meetings().filter(starts_at__gte=start, starts_at__lt=end))


def visible_meeting(user, pk: int) -> Meeting | None:
    """A meeting the user may see at all: public ones, or any of the user's own groups."""
    meeting = Meeting.objects.select_related("group").filter(pk=pk).first()
    if meeting is None:
        return None
    if meeting.is_public or permissions.can_view_internal(user, meeting.group):
        return meeting
    return None


def approved_minutes_list() -> QuerySet[Minutes]:
    """Approved public minutes, newest meeting first, without `is_corrected`: a list pages this
    and marks its page (`with_corrections`); as an annotation PostgreSQL would hash every
    approved minutes row on each request. Minutes are of meetings that have begun: the bound
    lets the scan of the meeting index start at now rather than at the last booked meeting."""
    return (
        Minutes.objects.public_records()
        .filter(meeting__starts_at__lte=timezone.now())
        .select_related("meeting__group")
        .order_by("-meeting__starts_at", "-version", "-pk")
    )


def with_corrections(minutes) -> list[Minutes]:
    """The minutes with `is_corrected` (an approved correction supersedes them), from one query
    over just their ids."""
    minutes = list(minutes)
    corrected = set(
        Minutes.objects.filter(
            supersedes__in=[m.pk for m in minutes], status=MinutesStatus.APPROVED
        )
        .order_by()
        .values_list("supersedes_id", flat=True)
    )
    for m in minutes:
        m.is_corrected = m.pk in corrected
    return minutes


def approved_minutes() -> QuerySet[Minutes]:
    return (
        Minutes.objects.public_records()
        .select_related("meeting__group")
        .annotate(
            is_corrected=Exists(
                Minutes.objects.filter(supersedes=OuterRef("pk"), status=MinutesStatus.APPROVED)
            )
        )
        .order_by("-meeting__starts_at", "-version")
    )


def search_minutes(queryset: QuerySet[Minutes], text: str) -> QuerySet[Minutes]:
    """Full-text search (`search` app) in the meeting's title, the group and the whole text."""
    text = text.strip()
    if not text:
        return queryset
    return queryset.filter(pk__in=search_query.matching_ids(Kind.MINUTES, text))


def minutes_for_page(pk: int) -> Minutes | None:
    return (
        Minutes.objects.select_related("meeting__group", "justeringsperson", "supersedes")
        .prefetch_related("items", "approvals__person")
        .filter(pk=pk)
        .first()
    )


def can_see_minutes(user, minutes: Minutes) -> bool:
    """R-S6: approved minutes are public records; nothing else of them is, ever (the rule is
    `accounts.permissions.can_see_minutes`; `Minutes.objects.visible_to` in SQL)."""
    return permissions.can_see_minutes(user, minutes)


def attendance_rows(meeting: Meeting):
    return meeting.attendance.select_related("person__principal", "replaces").order_by(
        "status", "person__last_name"
    )


def member_feed_meetings(person: Person) -> QuerySet[Meeting]:
    """Every meeting of the groups the person currently sits in (the member's own calendar)."""
    group_ids = (
        Membership.objects.current(timezone.localdate()).filter(person=person).values("group_id")
    )
    return Meeting.objects.filter(group_id__in=group_ids).select_related("group")


def absence_of(meeting: Meeting, membership: Membership) -> Absence | None:
    return meeting.absences.filter(membership=membership).first()


def visible_correction(user, minutes: Minutes) -> Minutes | None:
    """A correction under way is internal; the public learns of it once it is approved."""
    correction = Minutes.objects.filter(supersedes=minutes).first()
    if correction is None or can_see_minutes(user, correction):
        return correction
    return None


def calendar_feed(user) -> CalendarFeed | None:
    if not (user.is_authenticated and user.person_id):
        return None
    return CalendarFeed.objects.filter(person_id=user.person_id).first()


# --- The manage page ---------------------------------------------------------------------------


def manageable_meeting(pk: int) -> Meeting | None:
    return Meeting.objects.select_related("group").filter(pk=pk).first()


def agenda(meeting: Meeting) -> QuerySet[AgendaItem]:
    return meeting.items.order_by("position").prefetch_related("papers")


def agenda_item(meeting: Meeting, pk: int) -> AgendaItem | None:
    return meeting.items.select_related("meeting__group").filter(pk=pk).first()


def absences(meeting: Meeting) -> QuerySet[Absence]:
    return meeting.absences.select_related("membership__person", "substitute__person")


def minutes_versions(meeting: Meeting) -> list[Minutes]:
    return list(meeting.minutes.order_by("version"))


def has_attendance(meeting: Meeting) -> bool:
    return Attendance.objects.filter(meeting=meeting).exists()


def attendance_initial(meeting: Meeting) -> list[dict]:
    """Rows for the attendance form: the saved attendance, or else the expected one."""
    saved = list(meeting.attendance.select_related("person", "replaces"))
    if saved:
        rows = [(a.person, a.status, a.replaces) for a in saved]
    else:
        rows = services.expected_attendance(meeting)
    return [{"person": p, "status": status, "replaces": r} for p, status, r in rows]


def attendance_people(meeting: Meeting) -> QuerySet[Person]:
    """Who may appear in the meeting's attendance list: the group's people on the day, and
    whoever the saved list already holds."""
    in_group = Membership.objects.current(meeting.local_date).filter(group=meeting.group)
    return Person.objects.filter(
        Q(pk__in=in_group.values("person_id"))
        | Q(pk__in=Attendance.objects.filter(meeting=meeting).values("person_id"))
    )


@dataclass
class KallelseRecipient:
    person: Person
    roles: list[str]
    notes: list[str]


def kallelse_preview(meeting: Meeting) -> list[KallelseRecipient]:
    """Who gets the kallelse and as what: the same people as `services.kallelse_recipients`,
    with their seats and what the reported absences mean for them."""
    memberships = (
        Membership.objects.current(meeting.local_date)
        .filter(group=meeting.group)
        .exclude(kind=MembershipKind.GUEST)
        .select_related("person", "substitute_for__person")
    )
    called_in = {a.substitute_id: a.membership.person for a in absences(meeting) if a.substitute_id}
    absent = {a.membership_id for a in absences(meeting)}
    rows: dict[int, KallelseRecipient] = {}
    for m in memberships:
        row = rows.setdefault(m.person_id, KallelseRecipient(m.person, [], []))
        role = m.get_kind_display()
        if m.position:
            role = f"{m.get_position_display()}, {role.lower()}"
        if m.kind == MembershipKind.SUBSTITUTE and m.substitute_for_id:
            role = f"{role} för {m.substitute_for.person.full_name}"
        row.roles.append(role)
        if m.pk in called_in:
            row.notes.append(f"Kallas in i stället för {called_in[m.pk].full_name}.")
        if m.pk in absent:
            row.notes.append("Har anmält frånvaro.")
        if not m.person.email:
            row.notes.append("Saknar e-postadress och får ingen kallelse.")
    return sorted(rows.values(), key=lambda r: (r.person.last_name, r.person.first_name))


def checker_candidates(meeting: Meeting) -> QuerySet[Person]:
    """R-S1: the justeringsperson is one of the group's ordinary members on the meeting day."""
    return (
        Person.objects.filter(
            pk__in=Membership.objects.current(meeting.local_date)
            .filter(group=meeting.group, kind=MembershipKind.ORDINARY)
            .values("person_id")
        )
        .select_related("principal")
        .order_by("last_name", "first_name")
    )


def minutes_for_edit(pk: int) -> Minutes | None:
    return Minutes.objects.select_related("meeting__group").filter(pk=pk).first()


def group_has_minutes_approval(group: Group) -> bool:
    """R-S6: a group whose rule has no approval never sends its minutes for approval."""
    return bool(APPROVAL_ROLES.get(group.minutes_approval))


def group_appoints_checker(group: Group) -> bool:
    return ApprovalRole.CHECKER in APPROVAL_ROLES.get(group.minutes_approval, ())


# --- Approval state ---------------------------------------------------------------------------


@dataclass
class ApprovalState:
    """Who approves a minutes version, and who still has to (R-S6)."""

    minutes: Minutes
    roles: list[tuple[str, Person | None, bool]]

    @property
    def pending(self) -> list[tuple[str, Person | None]]:
        """(role's Swedish name, person) for each role that has not approved yet."""
        return [(ApprovalRole(role).label, person) for role, person, done in self.roles if not done]


def approval_states(minutes_list: list[Minutes]) -> list[ApprovalState]:
    """Approval states of minutes read with `Minutes.objects.with_approvers()`, with one query
    for the approvers' names."""
    people = Person.objects.in_bulk(
        {person for m in minutes_list for _, person, _ in m.approvers() if person}
    )
    return [
        ApprovalState(m, [(role, people.get(person), done) for role, person, done in m.approvers()])
        for m in minutes_list
    ]


def _in_approval() -> QuerySet[Minutes]:
    return (
        Minutes.objects.filter(status=MinutesStatus.IN_APPROVAL)
        .with_approvers()
        .select_related("meeting__group")
        .order_by("meeting__starts_at")
    )


def awaiting_my_approval(user) -> list[ApprovalState]:
    """Minutes the user's person still has to approve, for "Mina möten"."""
    if not (user.is_authenticated and user.person_id):
        return []
    return approval_states(
        list(
            Minutes.objects.awaiting_approval_by(user.person_id)
            .select_related("meeting__group")
            .order_by("meeting__starts_at", "pk")
        )
    )


def awaiting_approval_in(group: Group) -> list[ApprovalState]:
    """The group's minutes waiting for approval, with who is pending (internal: callers check
    `permissions.can_view_internal`)."""
    return approval_states(list(_in_approval().filter(meeting__group=group)))


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
    meetings: list[Meeting] = field(default_factory=list)

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
    # The officials' group the beredningar feed (R-G4), named on the page as the data names it.
    officials_group: Group | None = None
    lsg_days: list[datetime.date] = field(default_factory=list)
    short_next_year: list[GroupPlan] | None = None
    short_more: int = 0  # groups short of next year's minimum beyond those listed

    @property
    def unbooked(self) -> list[GroupPlan]:
        """Groups short of next year's minimum; "efter behov" groups have none to be short of.
        A paged view carries every group's (`short_next_year`), not only its page's."""
        if self.short_next_year is not None:
            return self.short_next_year
        return [row for row in self.rows if not row.next_year_booked]


def _year_start(year: int) -> datetime.datetime:
    return datetime.datetime(year, 1, 1, tzinfo=timezone.get_current_timezone())


def _meeting_count(year: int, before: datetime.datetime | None = None):
    """The outer group's meetings in the year (not cancelled), counted in an indexed subquery
    (group, start) instead of a join over every meeting of every group."""
    meetings = Meeting.objects.filter(
        group=OuterRef("pk"),
        cancelled=False,
        starts_at__gte=_year_start(year),
        starts_at__lt=_year_start(year + 1),
    )
    if before is not None:
        meetings = meetings.filter(starts_at__lt=before)
    counted = meetings.order_by().values("group").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def planning_groups(year: int, today: datetime.date) -> QuerySet[Group]:
    """The groups the planning shows, with their meetings booked and held in the year and
    booked the next: those with a frequency rule, with meetings, and the working committee."""
    return (
        Group.objects.active(today)
        .exclude(kind__in=[GroupKind.LOCAL_COLLABORATION, GroupKind.PUBLIC_HEALTH_COMMITTEE])
        .annotate(
            booked=_meeting_count(year),
            held=_meeting_count(year, before=timezone.now()),
            next_year=_meeting_count(year + 1),
        )
        .filter(
            Q(meetings_min__gt=0)
            | Q(meetings_max__gt=0)
            | Q(booked__gt=0)
            | Q(next_year__gt=0)
            | Q(kind=GroupKind.WORKING_COMMITTEE)
        )
        .order_by("order", "name", "pk")
    )


def _booked_days(groups: list[Group], year: int) -> dict[int, list[Meeting]]:
    booked: dict[int, list[Meeting]] = defaultdict(list)
    for meeting in Meeting.objects.filter(
        group__in=[g.pk for g in groups],
        cancelled=False,
        starts_at__gte=_year_start(year),
        starts_at__lt=_year_start(year + 1),
    ).order_by("starts_at"):
        booked[meeting.group_id].append(meeting)
    return booked


SHORT_SHOWN = 10  # groups named in the booking warning; the rest are counted


def planning_view(
    year: int, today: datetime.date, groups: list[Group] | None = None
) -> PlanningView:
    """The planning of `groups` from `planning_groups` (default: all of them); given a page of
    them, the warning still names every group short of next year's minimum (from SQL)."""
    paged = groups is not None
    groups = list(planning_groups(year, today) if groups is None else groups)
    lsg = next((g for g in groups if g.kind == GroupKind.OFFICIALS_GROUP), None)
    if lsg is None and paged:
        lsg = planning_groups(year, today).filter(kind=GroupKind.OFFICIALS_GROUP).first()
    booked = _booked_days([*groups, *([lsg] if lsg else [])], year)
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
                meetings=booked[group.pk],
            )
        )
    if year == today.year and planning.booking_warning_active(today):
        view.warn_next_year = True
        view.deadline = planning.booking_deadline(year)
        if paged:
            # The first SHORT_SHOWN by name, and how many more (a window count, same query):
            # the warning stays one short list however many groups the structure has.
            short = list(
                planning_groups(year, today)
                .filter(meetings_min__gt=F("next_year"))
                .annotate(short_total=Window(Count("pk")))[:SHORT_SHOWN]
            )
            view.short_next_year = [GroupPlan(group=g, next_year=g.next_year) for g in short]
            view.short_more = short[0].short_total - len(short) if short else 0

    days = {
        group_id: [meeting.local_date for meeting in meetings]
        for group_id, meetings in booked.items()
    }
    if lsg is not None:
        view.officials_group = lsg
        view.lsg_days = sorted(days.get(lsg.pk, []))
        for group in groups:
            if group.kind == GroupKind.PREPARATORY_BODY:
                view.alignment[group.name] = planning.align_with_lsg(
                    days.get(group.pk, []), view.lsg_days
                )
    return view


# --- Next year from this year's pattern -----------------------------------------------------


@dataclass(frozen=True)
class PatternRow:
    """One proposed meeting of next year: this year's `source` moved to `day` (R-G3, R-G4)."""

    source: Meeting
    day: datetime.date

    @property
    def start(self) -> datetime.time:
        return timezone.localtime(self.source.starts_at).time()

    @property
    def end(self) -> datetime.time:
        return timezone.localtime(self.source.ends_at).time()


def _year_meetings(group_ids, year: int) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(
            group__in=group_ids,
            cancelled=False,
            starts_at__gte=_year_start(year),
            starts_at__lt=_year_start(year + 1),
        )
        .select_related("group")
        .order_by("starts_at", "pk")
    )


def pattern_sources(groups: QuerySet[Group], year: int) -> dict[int, Meeting]:
    """The meetings of `groups` in `year - 1` that next year's plan repeats, by id."""
    return {m.pk: m for m in _year_meetings(groups.values("pk"), year - 1)}


def year_from_pattern(groups: QuerySet[Group], year: int) -> list[PatternRow]:
    """`year`'s meetings of `groups` proposed from the year before: each meeting on the same
    weekday and week of the month; a beredning's meeting before its parent's (R-G4) as the
    year before. Two queries however many groups and meetings."""
    sources = list(pattern_sources(groups, year).values())
    parent_ids = {
        m.group.reports_to_id
        for m in sources
        if m.group.kind == GroupKind.PREPARATORY_BODY and m.group.reports_to_id
    }
    parent_days: dict[int, list[datetime.date]] = defaultdict(list)
    if parent_ids:
        for group_id, starts_at in _year_meetings(parent_ids, year - 1).values_list(
            "group_id", "starts_at"
        ):
            parent_days[group_id].append(timezone.localtime(starts_at).date())
    rows = []
    for m in sources:
        if m.group.kind == GroupKind.PREPARATORY_BODY and m.group.reports_to_id:
            day = planning.place_before_parent(
                m.local_date, year, parent_days[m.group.reports_to_id]
            )
        else:
            day = planning.pattern_day(m.local_date, year)
        rows.append(PatternRow(source=m, day=day))
    return sorted(rows, key=lambda r: (r.day, r.source.group.order, r.source.group.name))
