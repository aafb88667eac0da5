"""The coordinator's desk and everyone's own page: rows read in a fixed number of queries,
turned into the value objects of `desk.duties`, and the duties grouped by when they are due."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone

from accounts import permissions
from cases.models import Addressee, Follow, Recommendation, Treatment
from desk import duties
from desk.models import DutyNote
from meetings.models import Absence, ApprovalRole, Meeting, Minutes, MinutesStatus
from onboarding.selectors import open_checklists
from reviews.selectors import review_rows
from structure import rules
from structure.models import (
    ChairExtension,
    ChairRule,
    Group,
    Membership,
    Person,
    Position,
)
from structure.selectors import rules_report
from workgroups.models import WorkingGroup

KALLELSE_HORIZON_DAYS = 21
# Each kind of duty shows at most this many rows (most urgent first); the rest are counted in
# SQL and linked to the page where they are worked through, so the desk costs the same whatever
# the volume.
SECTION_LIMIT = 25
COUNT_CAP = 100


def _bookings(today: datetime.date) -> list[duties.GroupBooking]:
    """Groups with a minimum number of meetings that have fewer booked next year (in SQL)."""
    next_year = today.year + 1
    groups = (
        Group.objects.active(today)
        .filter(meetings_min__gt=0)
        .annotate(
            booked=Count(
                "meetings",
                filter=Q(meetings__starts_at__year=next_year, meetings__cancelled=False),
            )
        )
        .filter(booked__lt=F("meetings_min"))
        .order_by("order", "pk")[:SECTION_LIMIT]
    )
    # The row opens the booking form with the group chosen.
    book = reverse("meetings:meeting_create")
    return [
        duties.GroupBooking(
            g.name, f"{book}?{urlencode({'grupp': g.slug})}", g.booked, g.meetings_min, g.pk
        )
        for g in groups
    ]


def _rule_reports(today: datetime.date) -> list[duties.RuleReport]:
    return [
        duties.RuleReport(
            r.group.name,
            reverse("structure:rules_check"),
            tuple(b.message for b in r.breaches if b.severity == rules.ERROR),
            r.group.pk,
        )
        for r in rules_report(today, years_ahead=0)
    ]


def _breaches(today: datetime.date) -> tuple[list[duties.Duty], int]:
    """The rules check's errors (computed over every group by `rules_report`): the first
    SECTION_LIMIT as duties, and how many there are."""
    breaches = duties.rule_breaches(_rule_reports(today), today)
    return breaches[:SECTION_LIMIT], len(breaches)


def _coming_meetings(today: datetime.date) -> list[duties.MeetingInfo]:
    horizon = today + datetime.timedelta(days=KALLELSE_HORIZON_DAYS)
    meetings = (
        Meeting.objects.filter(
            cancelled=False,
            kallelse_sent_at__isnull=True,
            starts_at__date__gte=today,
            starts_at__date__lte=horizon,
        )
        .select_related("group")
        .order_by("starts_at", "pk")[:SECTION_LIMIT]
    )
    return [
        duties.MeetingInfo(
            f"{m.group.display_name} {m.local_date:%Y-%m-%d}",
            reverse("meetings:meeting_manage", args=[m.pk]),
            m.local_date,
            m.paper_deadline,
            False,
            m.group.papers_sent_by or duties.COORDINATOR,
            m.pk,
            m.group_id,
        )
        for m in meetings
    ]


def _waiting_minutes(today: datetime.date):
    """Minutes not approved whose approval is due within the week (R-S6), oldest first."""
    last_day = today - datetime.timedelta(days=duties.MINUTES_APPROVAL_DAYS - 6)
    before = timezone.make_aware(datetime.datetime.combine(last_day, datetime.time.min))
    return Minutes.objects.filter(
        status__in=[MinutesStatus.DRAFT, MinutesStatus.IN_APPROVAL],
        meeting__starts_at__lt=before,
    )


def _minutes(today: datetime.date) -> list[duties.MinutesInfo]:
    """The oldest waiting minutes with who they wait on: the approvers come with the rows
    (`Minutes.objects.with_approvers`, the rule the approval itself checks) and their names in
    one more query over the same page as a subquery, so the number of queries does not depend
    on the rows."""
    page = _waiting_minutes(today).with_approvers().order_by("meeting__starts_at", "pk")
    rows = list(page.select_related("meeting__group")[:SECTION_LIMIT])
    approvers = reduce(
        or_, (Q(pk__in=page.values(f"approver_{role}")[:SECTION_LIMIT]) for role in ApprovalRole)
    )
    names = {
        p.pk: p.full_name for p in Person.objects.filter(approvers).only("first_name", "last_name")
    }
    result = []
    for m in rows:
        if m.status == MinutesStatus.DRAFT:
            waiting = (f"{duties.COORDINATOR} (utkast)",)
        else:
            waiting = tuple(
                f"{names.get(person, 'ej utsedd')} ({ApprovalRole(role).label.lower()})"
                for role, person, done in m.approvers()
                if not done
            )
        result.append(
            duties.MinutesInfo(
                f"{m.meeting.group.display_name} {m.meeting.local_date:%Y-%m-%d}",
                m.get_absolute_url(),
                m.meeting.local_date,
                waiting,
                m.pk,
                m.meeting.group_id,
            )
        )
    return result


def _unexpedited() -> list[duties.RecommendationInfo]:
    rows = Recommendation.objects.not_expedited().order_by("adopted_on", "pk")[:SECTION_LIMIT]
    # The row opens the expedition preview, where the coordinator expedites: the public page
    # of the recommendation does not exist until it is expedited.
    return [
        duties.RecommendationInfo(
            r.title, reverse("cases:expedite_preview", args=[r.pk]), r.adopted_on, r.pk, r.group_id
        )
        for r in rows
    ]


def _undecided_recommendations(today: datetime.date):
    """Expedited recommendations at least DECISION_REMINDER_DAYS old that still wait on an
    addressed principal (R-C6)."""
    last_day = today - datetime.timedelta(days=settings.DECISION_REMINDER_DAYS)
    before = timezone.make_aware(
        datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time.min)
    )
    return Recommendation.objects.waiting().filter(expedited_at__lt=before)


def _open_decisions(today: datetime.date) -> list[duties.OpenDecision]:
    """The principals that the most recently overdue waiting recommendations wait on, in one
    query: the recommendations are a LIMITed subquery (an index scan backwards from the
    reminder day that stops at the limit). The whole list is `/beslut/?status=vantar`."""
    recommendations = _undecided_recommendations(today).order_by("-expedited_at", "-pk")
    rows = (
        Addressee.objects.undecided()
        .filter(recommendation__in=recommendations.values("pk")[:SECTION_LIMIT])
        .select_related("principal", "recommendation")
        .order_by()
    )
    return [
        duties.OpenDecision(
            a.principal.name,
            a.recommendation.title,
            a.recommendation.get_absolute_url(),
            timezone.localtime(a.recommendation.expedited_at).date(),
            a.recommendation_id,
            a.recommendation.group_id,
        )
        for a in rows
    ]


def _due_deliveries(today: datetime.date):
    """Open working groups whose report is due within the notice days, or late (R-F1)."""
    return WorkingGroup.objects.due_by(today + datetime.timedelta(days=duties.DELIVERY_NOTICE_DAYS))


def _deliveries(today: datetime.date) -> list[duties.DeliveryInfo]:
    rows = (
        _due_deliveries(today).select_related("convener").order_by("due_on", "pk")[:SECTION_LIMIT]
    )
    return [
        duties.DeliveryInfo(
            w.name, w.get_absolute_url(), w.convener.full_name, w.due_on, w.pk, w.reports_to_id
        )
        for w in rows
    ]


def _terms(today: datetime.date) -> list[duties.TermInfo]:
    next_year = datetime.date(today.year + 1, 1, 1)
    groups = {
        g.pk: g
        for g in Group.objects.active(today)
        .exclude(chair_rule__in=[ChairRule.NONE, ChairRule.FIXED_SIDES])
        .order_by()
    }
    extended = set(
        ChairExtension.objects.filter(year=today.year + 1).values_list("group_id", flat=True)
    )
    holders = (
        Membership.objects.current(today)
        .filter(group_id__in=groups, position__in=[Position.CHAIR, Position.VICE_CHAIR])
        .select_related("person")
    )
    successors = set(
        Membership.objects.filter(
            group_id__in=groups, position_since=next_year, start_date__lte=next_year
        ).values_list("group_id", "position")
    )
    return [
        duties.TermInfo(
            groups[m.group_id].name,
            groups[m.group_id].get_absolute_url(),
            m.get_position_display(),
            m.person.full_name,
            m.group_id in extended or (m.group_id, m.position) in successors,
            m.group_id,
        )
        for m in holders
    ]


def _reviews(today: datetime.date) -> list[duties.ReviewInfo]:
    """Each row opens the review form with its group and kind chosen."""
    url = reverse("reviews:overview")
    return [
        duties.ReviewInfo(
            r.group.name,
            r.duty.label,
            f"{url}?{urlencode({'grupp': r.group.slug, 'revision': r.duty.kind})}#registrera",
            r.last,
            r.due,
            r.duty.kind,
            r.group.pk,
        )
        for r in review_rows(today)
    ]


def _next_step(nm) -> str:
    """The checklist's first step not done, as the anchor of its line on the checklist page."""
    step = next((step for step, _label, done in nm.checklist if done is None), "")
    return f"{nm.get_absolute_url()}#steg-{step}" if step else nm.get_absolute_url()


def _checklists() -> list[duties.ChecklistInfo]:
    return [
        duties.ChecklistInfo(
            nm.full_name,
            nm.group.display_name,
            _next_step(nm),
            timezone.localtime(nm.reported_at).date(),
            tuple(nm.missing),
            nm.pk,
            nm.group_id,
        )
        for nm in open_checklists()
    ]


def all_duties(
    today: datetime.date, breaches: list[duties.Duty] | None = None
) -> list[duties.Duty]:
    """The duties the rules create across the whole structure (at most SECTION_LIMIT of each
    kind whose rows grow with the data; `more_duties` counts the rest)."""
    return [
        *duties.unbooked_next_year(_bookings(today), today),
        *(_breaches(today)[0] if breaches is None else breaches),
        *duties.kallelse_not_sent(_coming_meetings(today), today),
        *duties.minutes_waiting(_minutes(today), today),
        *duties.unexpedited(_unexpedited(), today),
        *duties.undecided(_open_decisions(today), today, settings.DECISION_REMINDER_DAYS),
        *duties.deliveries(_deliveries(today), today),
        *duties.terms_ending(_terms(today), today),
        *duties.reviews_due(_reviews(today), today),
        *duties.onboarding_open(_checklists(), today),
    ]


@dataclass(frozen=True)
class MoreDuties:
    """A kind of duty with more rows than the desk shows, and where to work through them."""

    label: str
    total: int
    url: str
    capped: bool = False
    kind: str = ""


def more_duties(today: datetime.date, breaches: int = 0) -> list[MoreDuties]:
    """Counts (in SQL) of the kinds that can outgrow the desk; only those with more rows than
    SECTION_LIMIT are returned. `breaches` is the rules check's count (from `desk`)."""
    counts = [
        ("breach", "Regelbrott", breaches, reverse("structure:rules_check")),
        (
            "delivery",
            "Leveranser från arbetsgrupper",
            _due_deliveries(today).count(),
            reverse("workgroups:list"),
        ),
        (
            "minutes",
            "Minnesanteckningar ej justerade",
            _waiting_minutes(today).count(),
            reverse("meetings:minutes_list"),
        ),
        (
            "expedite",
            "Rekommendationer att expediera",
            Recommendation.objects.not_expedited().count(),
            reverse("cases:case_list"),
        ),
        (
            "decision",
            "Rekommendationer som väntar på beslut",
            # Counted up to a cap: an exact count would probe every expedited recommendation.
            _undecided_recommendations(today)
            .order_by("-expedited_at", "-pk")[: COUNT_CAP + 1]
            .count(),
            reverse("cases:recommendation_list") + "?status=vantar",
        ),
    ]
    return [
        MoreDuties(label, min(total, COUNT_CAP), url, capped=total > COUNT_CAP, kind=kind)
        for kind, label, total, url in counts
        if total > SECTION_LIMIT
    ]


def desk(today: datetime.date) -> dict[str, list[duties.Duty]]:
    return duties.grouped(all_duties(today), today)


def notes(keys) -> dict[str, tuple[duties.Note, ...]]:
    """Every acknowledgement and snooze of these duties, oldest first, in one query."""
    result: dict[str, list[duties.Note]] = {}
    rows = DutyNote.objects.filter(key__in=set(keys)).select_related("by").order_by("at", "pk")
    for n in rows:
        result.setdefault(n.key, []).append(
            duties.Note(
                n.key,
                n.action,
                n.reason,
                n.by.get_full_name() or n.by.username,
                n.at,
                n.until,
            )
        )
    return {key: tuple(history) for key, history in result.items()}


def open_duties(today: datetime.date, desk_duties: list[duties.Duty]) -> list[duties.Duty]:
    """The duties neither acknowledged nor snoozed (the digest's)."""
    history = notes(d.key for d in desk_duties if d.key)
    return [d for d in desk_duties if not duties.Row(d, history.get(d.key, ())).state(today)]


def duty_by_key(today: datetime.date, key: str) -> duties.Duty | None:
    """Today's duty with this key (what a coordinator acknowledges or snoozes), if any."""
    return next((d for d in all_duties(today) if d.key == key), None)


@dataclass
class Desk:
    sections: list[duties.Section]
    more: list[MoreDuties]


def desk_page(
    today: datetime.date, *, kind: str | None = None, group_id: int | None = None
) -> Desk:
    """The desk's duties by bucket, with what the coordinators noted on them, and the kinds
    with more rows than it shows (the rules check is computed once for both)."""
    breaches, breach_count = _breaches(today)
    shown = duties.filtered(all_duties(today, breaches=breaches), kind=kind, group_id=group_id)
    history = notes(d.key for d in shown if d.key)
    more = [m for m in more_duties(today, breaches=breach_count) if not kind or m.kind == kind]
    return Desk(duties.sections(shown, history, today), more)


# --- "Mitt": a signed-in person's own page --------------------------------------------------


@dataclass
class OwnPage:
    meetings: list[Meeting] = field(default_factory=list)
    to_approve: list[Minutes] = field(default_factory=list)
    followed: list[tuple] = field(default_factory=list)
    absences: list[Absence] = field(default_factory=list)
    to_prepare: list[Meeting] = field(default_factory=list)
    # Meetings the user chairs whose last day for papers (R-S2) has passed
    deadline_passed: set[int] = field(default_factory=set)
    awaiting_decision: list[Addressee] = field(default_factory=list)


def own_page(user, today: datetime.date) -> OwnPage:
    """Only the user's own things: their groups' meetings, minutes waiting on them, cases they
    follow, absences they reported; a registrar's open decisions; a chair's meetings."""
    page = OwnPage()
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    if user.person_id:
        group_ids = permissions.member_group_ids(user, today)
        page.meetings = list(
            Meeting.objects.filter(group_id__in=group_ids, starts_at__gte=start, cancelled=False)
            .select_related("group")
            .order_by("starts_at")[:10]
        )
        positions = Membership.objects.current(today).filter(person_id=user.person_id)
        chaired = set(
            positions.filter(position__in=[Position.CHAIR, Position.VICE_CHAIR]).values_list(
                "group_id", flat=True
            )
        )
        page.to_prepare = [m for m in page.meetings if m.group_id in chaired]
        page.deadline_passed = {
            m.pk for m in page.to_prepare if m.paper_deadline and m.paper_deadline < today
        }
        page.to_approve = list(
            Minutes.objects.awaiting_approval_by(user.person_id)
            .select_related("meeting__group")
            .order_by("meeting__starts_at", "pk")
        )
        page.absences = list(
            Absence.objects.filter(
                membership__person_id=user.person_id, meeting__starts_at__gte=start
            )
            .select_related("meeting__group", "substitute")
            .order_by("meeting__starts_at")
        )
    follows = Follow.objects.filter(user=user).select_related("case")
    cases = [f.case for f in follows]
    latest: dict[int, Treatment] = {}
    for t in (
        Treatment.objects.filter(case__in=cases).select_related("group").order_by("happened_on")
    ):
        latest[t.case_id] = t
    page.followed = [(case, latest.get(case.pk)) for case in cases]
    principal = permissions.registrar_principal(user)
    if principal is not None:
        page.awaiting_decision = list(
            Addressee.objects.waiting()
            .filter(principal=principal)
            .select_related("recommendation")
            .order_by("recommendation__expedited_at", "pk")
        )
    return page
