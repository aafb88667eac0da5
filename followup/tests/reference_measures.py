"""The process measures counted row by row in Python: the reference the SQL in
`followup.selectors` is checked against (test_sql_measures.py), never used by the product.

Each `*_facts` reader loads every row the measure looks at as a small frozen value; the pure
functions below count them the obvious way and answer in the selectors' shape,
`{year: {measure key: value}}`. Slow on a large database, which is why the product does not use
them; simple enough to be believed, which is why the tests do.
"""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from cases.models import Addressee, Recommendation
from followup.measures import meetings_rule_status, percent
from followup.selectors import PrincipalDecisionTimes
from meetings.models import AttendanceStatus, Meeting, MinutesStatus
from structure.models import Group


def median_days(spans: Iterable[tuple[datetime.date, datetime.date]]) -> int | None:
    """The median number of days from the first to the second date of each pair, rounded."""
    days = [(end - start).days for start, end in spans]
    if not days:
        return None
    return round(statistics.median(days))


def _local_date(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(moment) if moment else None


# --- Meetings -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingFact:
    """A held meeting as the measures need it."""

    group_id: int
    day: datetime.date
    paper_deadline: datetime.date | None
    papers_sent_on: datetime.date | None
    minutes_public_on: datetime.date | None
    present: int = 0
    substitutes: int = 0
    absent: int = 0


def held_meetings(
    *, group: Group | None = None, now: datetime.datetime | None = None
) -> list[MeetingFact]:
    """Meetings that have taken place (not cancelled)."""
    queryset = (
        Meeting.objects.filter(cancelled=False, starts_at__lt=now or timezone.now())
        .select_related("group")
        .annotate(
            first_approved=Min(
                "minutes__approved_at", filter=Q(minutes__status=MinutesStatus.APPROVED)
            ),
            present=Count(
                "attendance", filter=Q(attendance__status=AttendanceStatus.PRESENT), distinct=True
            ),
            substitutes=Count(
                "attendance",
                filter=Q(attendance__status=AttendanceStatus.SUBSTITUTE),
                distinct=True,
            ),
            absent=Count(
                "attendance", filter=Q(attendance__status=AttendanceStatus.ABSENT), distinct=True
            ),
        )
        .order_by("starts_at")
    )
    if group is not None:
        queryset = queryset.filter(group=group)
    return [
        MeetingFact(
            group_id=meeting.group_id,
            day=meeting.local_date,
            paper_deadline=meeting.paper_deadline,
            papers_sent_on=_local_date(meeting.papers_sent_at),
            # Minutes count as public only where the group's minutes are public records.
            minutes_public_on=_local_date(meeting.first_approved)
            if meeting.group.minutes_public
            else None,
            present=meeting.present,
            substitutes=meeting.substitutes,
            absent=meeting.absent,
        )
        for meeting in queryset
    ]


def years_with_data(meetings: Sequence[MeetingFact], years: Sequence[int]) -> list[int]:
    """The years shown from the first held meeting on."""
    first = min((m.day.year for m in meetings), default=max(years))
    return [year for year in years if year >= first]


def kallelse_on_time_share(meetings: Sequence[MeetingFact]) -> int | None:
    """Share (%) of held meetings whose kallelse with papers went out by the paper deadline
    (R-S2). A meeting whose papers never went out counts as late; groups without a deadline
    rule are left out."""
    with_rule = [m for m in meetings if m.paper_deadline is not None]
    on_time = sum(
        1
        for m in with_rule
        if m.papers_sent_on is not None and m.papers_sent_on <= m.paper_deadline
    )
    return percent(on_time, len(with_rule))


def days_to_public_minutes(meetings: Sequence[MeetingFact]) -> int | None:
    """Median days from the meeting to its first approved (public) minutes."""
    return median_days((m.day, m.minutes_public_on) for m in meetings if m.minutes_public_on)


def attendance_shares(meetings: Sequence[MeetingFact]) -> dict[str, int | None]:
    """Of the ordinary seats at held meetings (members recorded present or absent): the member
    present, absent with a substitute serving, or absent with nobody in the seat (%)."""
    present = sum(m.present for m in meetings)
    absent = sum(m.absent for m in meetings)
    substituted = sum(min(m.substitutes, m.absent) for m in meetings)
    seats = present + absent
    return {
        "attendance_present_pct": percent(present, seats),
        "attendance_substituted_pct": percent(substituted, seats),
        "attendance_empty_pct": percent(absent - substituted, seats),
    }


def meeting_measures(
    meetings: Sequence[MeetingFact],
    years: Sequence[int],
    *,
    group: Group | None = None,
    today: datetime.date,
) -> dict[int, dict]:
    result = {}
    for year in years:
        in_year = [m for m in meetings if m.day.year == year]
        result[year] = {
            "meetings_held": len(in_year),
            "meetings_rule": meetings_rule_status(
                len(in_year), group.meetings_min, group.meetings_max
            )
            if group is not None and year < today.year
            else None,
            "kallelse_on_time_pct": kallelse_on_time_share(in_year),
            "days_to_public_minutes": days_to_public_minutes(in_year),
            **attendance_shares(in_year),
        }
    return result


# --- Cases ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseFact:
    """One recommendation's path: when its case was raised, adopted, expedited, and when the
    last addressed principal decided (None while any is outstanding)."""

    raised_on: datetime.date
    adopted_on: datetime.date
    expedited_on: datetime.date | None
    all_decided_on: datetime.date | None


def public_recommendation_facts(*, group: Group | None = None) -> list[CaseFact]:
    """Expedited recommendations to the principals (unexpedited ones are not public)."""
    queryset = (
        Recommendation.objects.expedited()
        .select_related("case")
        .annotate(
            addressed=Count("addressees", distinct=True),
            decided=Count("addressees__decision", distinct=True),
            last_decided=Max("addressees__decision__decided_on"),
        )
    )
    if group is not None:
        queryset = queryset.filter(group=group)
    return [
        CaseFact(
            raised_on=timezone.localdate(rec.case.created_at),
            adopted_on=rec.adopted_on,
            expedited_on=timezone.localdate(rec.expedited_at),
            all_decided_on=rec.last_decided
            if rec.addressed and rec.decided == rec.addressed
            else None,
        )
        for rec in queryset
    ]


def case_lead_times(facts: Sequence[CaseFact], years: Sequence[int]) -> dict[int, dict]:
    """Median days for each stage, per year of adoption (R-F3)."""
    result = {}
    for year in years:
        in_year = [f for f in facts if f.adopted_on.year == year]
        result[year] = {
            "recommendations": len(in_year),
            "days_raised_to_adopted": median_days((f.raised_on, f.adopted_on) for f in in_year),
            "days_adopted_to_expedited": median_days(
                (f.adopted_on, f.expedited_on) for f in in_year if f.expedited_on
            ),
            "days_expedited_to_decided": median_days(
                (f.expedited_on, f.all_decided_on)
                for f in in_year
                if f.expedited_on and f.all_decided_on
            ),
            "days_raised_to_decided": median_days(
                (f.raised_on, f.all_decided_on) for f in in_year if f.all_decided_on
            ),
        }
    return result


# --- Principals' decisions -------------------------------------------------------------------


@dataclass(frozen=True)
class DecisionFact:
    principal_id: int
    expedited_on: datetime.date
    decided_on: datetime.date | None


def decision_facts() -> list[DecisionFact]:
    rows = Addressee.objects.expedited().values_list(
        "principal_id", "recommendation__expedited_at", "decision__decided_on"
    )
    return [
        DecisionFact(principal, timezone.localdate(expedited), decided)
        for principal, expedited, decided in rows
    ]


def principal_decision_times(
    facts: Sequence[DecisionFact], principal_ids: Sequence[int], today: datetime.date
) -> list[PrincipalDecisionTimes]:
    """Per principal: median days from expedition to its decision, and what is outstanding."""
    result = []
    for principal_id in principal_ids:
        own = [f for f in facts if f.principal_id == principal_id]
        decided = [f for f in own if f.decided_on is not None]
        waiting = [f for f in own if f.decided_on is None]
        result.append(
            PrincipalDecisionTimes(
                principal_id=principal_id,
                decided=len(decided),
                median_days=median_days((f.expedited_on, f.decided_on) for f in decided),
                outstanding=len(waiting),
                oldest_outstanding_days=max(
                    ((today - f.expedited_on).days for f in waiting), default=None
                ),
            )
        )
    return result


# --- Working-group reports (R-F1) -------------------------------------------------------------


@dataclass(frozen=True)
class ReportFact:
    due_on: datetime.date  # the agreed date, after any extension decided by the group
    delivered_on: datetime.date | None


def working_group_report_facts(*, group: Group | None = None) -> list[ReportFact]:
    """Working groups' reports: when they were due and when delivered. Groups closed without a
    report (closed by decision) are left out."""
    from workgroups.models import Status, WorkingGroup

    queryset = WorkingGroup.objects.exclude(status=Status.CLOSED, delivered_on__isnull=True)
    if group is not None:
        queryset = queryset.filter(reports_to=group)
    return [
        ReportFact(due_on=due_on, delivered_on=delivered_on)
        for due_on, delivered_on in queryset.values_list("due_on", "delivered_on")
    ]


def reports_on_time(
    facts: Sequence[ReportFact], years: Sequence[int], today: datetime.date
) -> dict[int, dict]:
    """Per year of the due date, the share (%) of working-group reports delivered by their
    agreed date. A report not yet due is left out; one past due and not delivered is late."""
    result = {}
    for year in years:
        counted = [
            f
            for f in facts
            if f.due_on.year == year and (f.delivered_on is not None or f.due_on < today)
        ]
        on_time = sum(1 for f in counted if f.delivered_on and f.delivered_on <= f.due_on)
        result[year] = {"working_group_reports_on_time_pct": percent(on_time, len(counted))}
    return result
