"""Reads for the follow-up pages. Each returns plain data (the dataclasses of `measures`) from
a fixed number of queries, with the aggregates done in SQL, whatever the amount of data."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DateField,
    DateTimeField,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    When,
)
from django.db.models.functions import Coalesce, ExtractYear, Least, TruncDate
from django.utils import timezone

from cases.models import Addressee, Recommendation
from followup import measures
from followup.areas import COUNTRY, REGIONS, area_names
from followup.goals import EFFECT_GOAL_CODES
from followup.models import (
    Agreement,
    AgreementKind,
    CoordinatorAssignment,
    Goal,
    Indicator,
    IndicatorValue,
    Priority,
    SurveyAnswer,
    SurveyRound,
)
from followup.sql import DaysBetween, Median
from meetings.models import AttendanceStatus, Meeting, MinutesStatus
from structure.models import (
    Group,
    GroupKind,
    Membership,
    MembershipKind,
    Principal,
    Side,
    StructurePeriod,
)

YEARS_SHOWN = 5


def _local_date(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(moment) if moment else None


# --- Process measures -----------------------------------------------------------------------


def held_meetings(
    *, group: Group | None = None, now: datetime.datetime | None = None
) -> list[measures.MeetingFact]:
    """Meetings that have taken place (not cancelled), one query whatever their number."""
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
        measures.MeetingFact(
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


def working_group_report_facts(*, group: Group | None = None) -> list[measures.ReportFact]:
    """Working groups' reports: when they were due and when delivered. Groups closed without a
    report (closed by decision) are left out. One query."""
    from workgroups.models import Status, WorkingGroup

    queryset = WorkingGroup.objects.exclude(status=Status.CLOSED, delivered_on__isnull=True)
    if group is not None:
        queryset = queryset.filter(reports_to=group)
    return [
        measures.ReportFact(due_on=due_on, delivered_on=delivered_on)
        for due_on, delivered_on in queryset.values_list("due_on", "delivered_on")
    ]


def public_recommendation_facts(*, group: Group | None = None) -> list[measures.CaseFact]:
    """Expedited recommendations to the principals (unexpedited ones are not public)."""
    queryset = (
        Recommendation.objects.filter(own_decision=False, expedited_at__isnull=False)
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
        measures.CaseFact(
            raised_on=timezone.localdate(rec.case.created_at),
            adopted_on=rec.adopted_on,
            expedited_on=timezone.localdate(rec.expedited_at),
            all_decided_on=rec.last_decided
            if rec.addressed and rec.decided == rec.addressed
            else None,
        )
        for rec in queryset
    ]


def decision_facts() -> list[measures.DecisionFact]:
    rows = Addressee.objects.filter(
        recommendation__own_decision=False, recommendation__expedited_at__isnull=False
    ).values_list("principal_id", "recommendation__expedited_at", "decision__decided_on")
    return [
        measures.DecisionFact(principal, timezone.localdate(expedited), decided)
        for principal, expedited, decided in rows
    ]


def years_shown(today: datetime.date) -> list[int]:
    return list(range(today.year - YEARS_SHOWN + 1, today.year + 1))


def years_with_data(meetings: list[measures.MeetingFact], today: datetime.date) -> list[int]:
    """The years from the first held meeting to this year, at most the last five."""
    first = min((m.day.year for m in meetings), default=today.year)
    return [year for year in years_shown(today) if year >= first]


def groups_for_followup() -> QuerySet[Group]:
    return Group.objects.exclude(kind=GroupKind.LOCAL_COLLABORATION).order_by("order", "name")


def principals() -> list[Principal]:
    return list(Principal.objects.order_by("side", "name"))


# --- Indicators -----------------------------------------------------------------------------


def indicators() -> QuerySet[Indicator]:
    return Indicator.objects.annotate(
        value_count=Count("values"),
        last_year=Max("values__year"),
        from_kolada=Count("values", filter=Q(values__from_kolada=True)),
    ).order_by("name")


def area_labels() -> dict[str, str]:
    return area_names(dict(Principal.objects.values_list("code", "name")))


@dataclass(frozen=True)
class Series:
    area: str
    name: str
    values: dict[int, Decimal | None]  # year → value
    own: bool  # a principal of the structure (as opposed to a comparison area)


def indicator_series(
    indicator: Indicator, own_area: str, gender: str = "T"
) -> tuple[list[int], list[Series]]:
    """The indicator's values per area and year (one query), principals first, the region
    itself (`own_area`, the county's Kolada id) at the top."""
    labels = area_labels()
    own_areas = {
        area for area in labels if area != COUNTRY and not _is_other_region(area, own_area)
    }
    rows = indicator.values.filter(gender=gender).values_list("area", "year", "value")
    by_area: dict[str, dict[int, Decimal | None]] = {}
    years: set[int] = set()
    for area, year, value in rows:
        by_area.setdefault(area, {})[year] = value
        years.add(year)
    series = [
        Series(area, labels.get(area, area), values, area in own_areas)
        for area, values in by_area.items()
    ]
    series.sort(key=lambda s: (not s.own, s.area != own_area, s.name))
    return sorted(years), series


def chart_series(series: list[Series], own_area: str) -> list[Series]:
    """At most three lines stay readable: the county's own region, the country and one other
    region (or, without comparisons, the first three areas). The table beside shows all."""
    by_area = {s.area: s for s in series}
    chosen = [by_area[a] for a in (own_area, COUNTRY) if a in by_area]
    chosen += [s for s in series if _is_other_region(s.area, own_area)][:1]
    chosen += [s for s in series if s not in chosen]
    return chosen[:3]


def _is_other_region(area: str, own_area: str) -> bool:
    return area in REGIONS and area != own_area


def latest_value(indicator_id: int, area: str) -> tuple[int, Decimal] | None:
    row = (
        IndicatorValue.objects.filter(
            indicator_id=indicator_id, area=area, gender="T", value__isnull=False
        )
        .order_by("-year")
        .values_list("year", "value")
        .first()
    )
    return row


# --- Priorities and goals -------------------------------------------------------------------


def priorities() -> QuerySet[Priority]:
    return Priority.objects.prefetch_related(
        "groups",
        "goals__indicator",
        "goals__owners",
        "goals__follow_ups",
    ).annotate(case_count=Count("cases", distinct=True))


def goals_for_follow_up() -> QuerySet[Goal]:
    return Goal.objects.select_related("indicator", "priority").order_by("priority__title", "pk")


# --- Surveys --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoundResult:
    round: SurveyRound
    asked: int
    answered: int
    goals: list[measures.GoalResult]


def survey_rounds() -> QuerySet[SurveyRound]:
    return SurveyRound.objects.filter(opened_at__isnull=False).annotate(
        asked=Count("invitations", distinct=True),
        answered_count=Count("invitations", filter=Q(invitations__answered=True), distinct=True),
    )


def round_results(target: int) -> list[RoundResult]:
    """Every opened round with its results per effect goal, oldest first (two queries)."""
    rounds = list(survey_rounds().order_by("year", "pk"))
    counts: dict[int, dict[str, tuple[int, int]]] = {}
    rows = (
        SurveyAnswer.objects.filter(round__in=rounds)
        .values("round_id", "goal")
        .annotate(
            answers=Count("pk"),
            satisfied=Count("pk", filter=Q(value__gte=_satisfied_from_ref())),
        )
    )
    for row in rows:
        counts.setdefault(row["round_id"], {})[row["goal"]] = (row["answers"], row["satisfied"])
    return [
        RoundResult(
            round=r,
            asked=r.asked,
            answered=r.answered_count,
            goals=measures.survey_results(counts.get(r.pk, {}), EFFECT_GOAL_CODES, target),
        )
        for r in rounds
    ]


def _satisfied_from_ref():
    from django.db.models import F

    return F("round__satisfied_from")


def default_survey_groups() -> QuerySet[Group]:
    """Samråd, LSG, the beredningar and the councils (about 60 people)."""
    return Group.objects.filter(
        kind__in=[
            GroupKind.POLITICAL_COUNCIL,
            GroupKind.OFFICIALS_GROUP,
            GroupKind.PREPARATORY_BODY,
            GroupKind.COUNCIL,
        ]
    )


def survey_people(groups, on: datetime.date) -> list:
    """Distinct persons with an e-mail address and a current ordinary seat in the groups."""
    from structure.models import Person

    person_ids = (
        Membership.objects.current(on)
        .filter(group__in=groups, kind=MembershipKind.ORDINARY)
        .values_list("person_id", flat=True)
    )
    return list(Person.objects.filter(pk__in=person_ids).exclude(email="").order_by("pk"))


# --- Implementation status ------------------------------------------------------------------


def implementation_status(today: datetime.date) -> list[measures.ProjectGoalStatus]:
    regional = (
        Agreement.objects.filter(kind=AgreementKind.REGIONAL, in_force_from__isnull=False)
        .order_by("in_force_from")
        .values_list("in_force_from", flat=True)
        .first()
    )
    local_in_force = Agreement.objects.filter(
        kind=AgreementKind.LOCAL, in_force_from__lte=today
    ).count()
    municipalities = Principal.objects.filter(side=Side.MUNICIPALITY).count()
    groups = Group.objects.active(today).prefetch_related("mandates")
    without = []
    for group in groups:
        current = [
            m
            for m in group.mandates.all()
            if m.effective_from <= today and (m.effective_to is None or m.effective_to >= today)
        ]
        if not any(
            m.assignment.strip() and m.mandate.strip() and m.reporting_path.strip() for m in current
        ):
            without.append(group.display_name)
    switch = (
        StructurePeriod.objects.filter(effective_to__isnull=True)
        .order_by("-effective_from")
        .values_list("effective_from", flat=True)
        .first()
    )
    coordinators = (
        CoordinatorAssignment.objects.filter(appointed_on__lte=today)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .exclude(assignment="")
        .count()
    )
    return measures.implementation_status(
        regional_in_force=regional,
        local_in_force=local_in_force,
        municipalities=municipalities,
        groups_without_mandate=without,
        switch_date=switch,
        coordinators=coordinators,
        today=today,
    )


def agreements() -> QuerySet[Agreement]:
    return Agreement.objects.select_related("municipality")


def municipalities_without_agreement(today: datetime.date) -> QuerySet[Principal]:
    return Principal.objects.filter(side=Side.MUNICIPALITY).exclude(
        local_agreement__in_force_from__lte=today
    )


# --- Process measures aggregated in SQL ------------------------------------------------------
# The page and its exports read these: one grouped query per table over the years shown (an
# indexed range), never every row. The row-level readers above are the reference they are tested
# against (followup/tests/test_sql_measures.py).


def _window_start(years: list[int]) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(min(years), 1, 1))


def first_held_year(*, group: Group | None = None, now: datetime.datetime | None = None):
    """The year of the first held (not cancelled) meeting, None when there is none."""
    queryset = Meeting.objects.filter(cancelled=False, starts_at__lt=now or timezone.now())
    if group is not None:
        queryset = queryset.filter(group=group)
    first = queryset.aggregate(first=Min("starts_at"))["first"]
    return timezone.localtime(first).year if first else None


def _count_of(model, status: str) -> Coalesce:
    rows = (
        model.objects.filter(meeting=OuterRef("pk"), status=status)
        .order_by()
        .values("meeting")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def _rounded(value: float | None) -> int | None:
    return None if value is None else round(value)


def meeting_measures(
    *, years: list[int], group: Group | None = None, now: datetime.datetime | None = None
) -> list[measures.YearMeasures]:
    """`measures.meeting_measures_by_year` for the held meetings of `years`: counts, attendance
    and the median days to public minutes in one grouped query; the kallelse share from the
    meetings with a paper-deadline rule (the deadline counts working days, so it is computed
    here from four columns per meeting)."""
    from meetings.calendar import paper_deadline
    from meetings.models import Attendance, Minutes

    if not years:
        return []
    held = Meeting.objects.filter(
        cancelled=False,
        starts_at__gte=_window_start(years),
        starts_at__lt=min(
            now or timezone.now(), timezone.make_aware(datetime.datetime(max(years) + 1, 1, 1))
        ),
    )
    if group is not None:
        held = held.filter(group=group)
    first_approved = (
        Minutes.objects.filter(meeting=OuterRef("pk"), status=MinutesStatus.APPROVED)
        .order_by()
        .values("meeting")
        .annotate(first=Min("approved_at"))
        .values("first")
    )
    rows = (
        held.order_by()
        .annotate(
            year=ExtractYear("starts_at"),
            present=_count_of(Attendance, AttendanceStatus.PRESENT),
            substitutes=_count_of(Attendance, AttendanceStatus.SUBSTITUTE),
            absent=_count_of(Attendance, AttendanceStatus.ABSENT),
            minutes_days=Case(
                When(
                    group__minutes_public=True,
                    then=DaysBetween(
                        TruncDate(Subquery(first_approved, output_field=DateTimeField())),
                        TruncDate("starts_at"),
                    ),
                ),
                default=None,
                output_field=IntegerField(),
            ),
        )
        .values("year")
        .annotate(
            held=Count("pk"),
            present_sum=Sum("present"),
            absent_sum=Sum("absent"),
            substituted_sum=Sum(Least("substitutes", "absent")),
            minutes_median=Median("minutes_days"),
        )
    )
    by_year = {row["year"]: row for row in rows}
    ruled = held.exclude(group__paper_deadline_days__isnull=True).exclude(
        group__paper_deadline_days=0
    )
    deadlines: dict[tuple, datetime.date] = {}
    on_time: dict[int, list[int]] = {}
    for starts_at, sent_at, days, unit in ruled.order_by().values_list(
        "starts_at", "papers_sent_at", "group__paper_deadline_days", "group__paper_deadline_unit"
    ):
        day = timezone.localtime(starts_at).date()
        key = (day, days, unit)
        if key not in deadlines:
            deadlines[key] = paper_deadline(day, days, unit)
        counts = on_time.setdefault(day.year, [0, 0])
        counts[1] += 1
        if sent_at is not None and timezone.localtime(sent_at).date() <= deadlines[key]:
            counts[0] += 1
    result = []
    for year in years:
        row = by_year.get(year)
        ok, ruled_count = on_time.get(year, (0, 0))
        present = row["present_sum"] if row else 0
        absent = row["absent_sum"] if row else 0
        substituted = row["substituted_sum"] if row else 0
        seats = present + absent
        result.append(
            measures.YearMeasures(
                year=year,
                held=row["held"] if row else 0,
                on_time=measures.percent(ok, ruled_count),
                minutes_days=_rounded(row["minutes_median"]) if row else None,
                attendance=measures.AttendanceShares(
                    measures.percent(present, seats),
                    measures.percent(substituted, seats),
                    measures.percent(absent - substituted, seats),
                ),
            )
        )
    return result


def case_lead_times(
    *, years: list[int], group: Group | None = None
) -> list[measures.CaseLeadTimes]:
    """`measures.case_lead_times` for the expedited recommendations adopted in `years`, in one
    grouped query."""
    if not years:
        return []
    all_decided = (
        Addressee.objects.filter(recommendation=OuterRef("pk"))
        .order_by()
        .values("recommendation")
        .annotate(
            addressed=Count("pk"),
            decided=Count("decision"),
            last=Max("decision__decided_on"),
        )
        .filter(addressed=F("decided"))
        .values("last")
    )
    queryset = Recommendation.objects.filter(
        own_decision=False,
        expedited_at__isnull=False,
        adopted_on__gte=datetime.date(min(years), 1, 1),
        adopted_on__lte=datetime.date(max(years), 12, 31),
    )
    if group is not None:
        queryset = queryset.filter(group=group)
    raised = TruncDate("case__created_at")
    expedited = TruncDate("expedited_at")
    rows = (
        queryset.order_by()
        .annotate(
            year=ExtractYear("adopted_on"),
            all_decided_on=Subquery(all_decided, output_field=DateField()),
        )
        .values("year")
        .annotate(
            recommendations=Count("pk"),
            raised_to_adopted=Median(DaysBetween("adopted_on", raised)),
            adopted_to_expedited=Median(DaysBetween(expedited, "adopted_on")),
            expedited_to_decided=Median(DaysBetween("all_decided_on", expedited)),
            raised_to_decided=Median(DaysBetween("all_decided_on", raised)),
        )
    )
    by_year = {row["year"]: row for row in rows}
    result = []
    for year in years:
        row = by_year.get(year, {})
        result.append(
            measures.CaseLeadTimes(
                year=year,
                recommendations=row.get("recommendations", 0),
                raised_to_adopted=_rounded(row.get("raised_to_adopted")),
                adopted_to_expedited=_rounded(row.get("adopted_to_expedited")),
                expedited_to_decided=_rounded(row.get("expedited_to_decided")),
                raised_to_decided=_rounded(row.get("raised_to_decided")),
            )
        )
    return result


def principal_decision_times(
    principal_ids: list[int], today: datetime.date, *, years: list[int]
) -> list[measures.PrincipalDecisionTimes]:
    """`measures.principal_decision_times` for the recommendations expedited in `years`, one
    grouped query."""
    rows = {}
    if years:
        expedited = TruncDate("recommendation__expedited_at")
        waiting = Q(decision__isnull=True)
        rows = {
            row["principal_id"]: row
            for row in Addressee.objects.filter(
                recommendation__own_decision=False,
                recommendation__expedited_at__gte=_window_start(years),
                recommendation__expedited_at__lt=timezone.make_aware(
                    datetime.datetime(max(years) + 1, 1, 1)
                ),
            )
            .order_by()
            .values("principal_id")
            .annotate(
                decided=Count("decision"),
                median=Median(DaysBetween("decision__decided_on", expedited)),
                outstanding=Count("pk", filter=waiting),
                oldest=Min(expedited, filter=waiting),
            )
        }
    result = []
    for principal_id in principal_ids:
        row = rows.get(principal_id)
        oldest = row["oldest"] if row else None
        result.append(
            measures.PrincipalDecisionTimes(
                principal_id=principal_id,
                decided=row["decided"] if row else 0,
                median_days=_rounded(row["median"]) if row else None,
                outstanding=row["outstanding"] if row else 0,
                oldest_outstanding_days=(today - oldest).days if oldest else None,
            )
        )
    return result
