"""Reads for the follow-up pages. Each returns plain data (the dataclasses of `measures`) from
a fixed number of queries, with the aggregates done in SQL, whatever the amount of data."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Max, Min, Q, QuerySet
from django.utils import timezone

from cases.models import Addressee, Recommendation
from followup import measures
from followup.areas import area_names
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


def indicator_series(indicator: Indicator, gender: str = "T") -> tuple[list[int], list[Series]]:
    """The indicator's values per area and year (one query), principals first."""
    labels = area_labels()
    own_areas = {area for area in labels if area not in ("0000",) and not _is_other_region(area)}
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
    series.sort(key=lambda s: (not s.own, s.area != "0024", s.name))
    return sorted(years), series


def chart_series(series: list[Series]) -> list[Series]:
    """At most three lines stay readable: Region Västerbotten, the country and one other region
    (or, without comparisons, the first three areas). The table beside shows all."""
    by_area = {s.area: s for s in series}
    chosen = [by_area[a] for a in ("0024", "0000") if a in by_area]
    chosen += [s for s in series if _is_other_region(s.area)][:1]
    chosen += [s for s in series if s not in chosen]
    return chosen[:3]


def _is_other_region(area: str) -> bool:
    from followup.areas import REGIONS

    return area in REGIONS and area != "0024"


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
