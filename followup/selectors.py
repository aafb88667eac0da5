"""Reads for the follow-up pages. Each returns plain data from a fixed number of queries, with
the aggregates done in SQL, whatever the amount of data. The process measures (R-F3) are at the
end: one SQL function per measure, or per group of measures read from the same rows."""

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
    SurveyRound,
    SurveyTally,
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


# --- Scopes ---------------------------------------------------------------------------------


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
        SurveyTally.objects.filter(round__in=rounds)
        .values("round_id", "goal")
        .annotate(
            answers=Coalesce(Sum("count"), 0),
            satisfied=Coalesce(Sum("count", filter=Q(value__gte=_satisfied_from_ref())), 0),
        )
        .order_by()
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


# --- Process measures (R-F3), in SQL -----------------------------------------------------------
# One implementation per measure: the report (`followup.reports.PROCESS_MEASURES`), the page, the
# downloads and the API all read these. Each measure function takes the years shown, the group
# (None: the whole structure) and today, and answers `{year: {measure key: value}}` for every
# year asked, from one grouped query over the years shown (an indexed range), never every row.
# A function may compute several measures from the same rows (`meeting_measures`). The
# row-by-row reference they are checked against is in followup/tests/reference_measures.py.

MeasureValues = dict[int, dict[str, object]]


def years_shown(today: datetime.date) -> list[int]:
    return list(range(today.year - YEARS_SHOWN + 1, today.year + 1))


def first_held_year(*, group: Group | None = None, now: datetime.datetime | None = None):
    """The year of the first held (not cancelled) meeting, None when there is none."""
    queryset = Meeting.objects.filter(cancelled=False, starts_at__lt=now or timezone.now())
    if group is not None:
        queryset = queryset.filter(group=group)
    first = queryset.aggregate(first=Min("starts_at"))["first"]
    return timezone.localtime(first).year if first else None


def _window_start(years: list[int]) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(min(years), 1, 1))


def _window_end(years: list[int]) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(max(years) + 1, 1, 1))


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
    *,
    years: list[int],
    group: Group | None = None,
    today: datetime.date | None = None,
    now: datetime.datetime | None = None,
) -> MeasureValues:
    """The held (not cancelled, begun before `now`) meetings of `years`: how many, against the
    group's rule (finished years of a group only), the share whose kallelse with papers went out
    by the paper deadline (R-S2; never sent is late; groups without a deadline left out), the
    median days to the first approved minutes (groups with public minutes only), and of the
    ordinary seats recorded present or absent the shares present, absent with a substitute
    serving, and empty.

    Counts, attendance and the median in one grouped query; the kallelse share from the
    meetings with a paper-deadline rule (the deadline counts working days, so it is computed
    here from four columns per meeting)."""
    from meetings.calendar import paper_deadline
    from meetings.models import Attendance, Minutes

    if not years:
        return {}
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    held = Meeting.objects.filter(
        cancelled=False,
        starts_at__gte=_window_start(years),
        starts_at__lt=min(now, _window_end(years)),
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
    result: MeasureValues = {}
    for year in years:
        row = by_year.get(year, {})
        ok, ruled_count = on_time.get(year, (0, 0))
        held_count = row.get("held", 0)
        present = row.get("present_sum", 0)
        absent = row.get("absent_sum", 0)
        substituted = row.get("substituted_sum", 0)
        seats = present + absent
        result[year] = {
            "meetings_held": held_count,
            "meetings_rule": measures.meetings_rule_status(
                held_count, group.meetings_min, group.meetings_max
            )
            if group is not None and year < today.year
            else None,
            "kallelse_on_time_pct": measures.percent(ok, ruled_count),
            "days_to_public_minutes": _rounded(row.get("minutes_median")),
            "attendance_present_pct": measures.percent(present, seats),
            "attendance_substituted_pct": measures.percent(substituted, seats),
            "attendance_empty_pct": measures.percent(absent - substituted, seats),
        }
    return result


def case_lead_times(
    *, years: list[int], group: Group | None = None, today: datetime.date | None = None
) -> MeasureValues:
    """The expedited recommendations (unexpedited ones are not public) by year of adoption: how
    many, and the median days raised → adopted → expedited → all addressed principals decided
    (the last decision's date; recommendations still waiting on one are left out of those two).
    One grouped query."""
    if not years:
        return {}
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
    queryset = Recommendation.objects.expedited().filter(
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
    result: MeasureValues = {}
    for year in years:
        row = by_year.get(year, {})
        result[year] = {
            "recommendations": row.get("recommendations", 0),
            "days_raised_to_adopted": _rounded(row.get("raised_to_adopted")),
            "days_adopted_to_expedited": _rounded(row.get("adopted_to_expedited")),
            "days_expedited_to_decided": _rounded(row.get("expedited_to_decided")),
            "days_raised_to_decided": _rounded(row.get("raised_to_decided")),
        }
    return result


def working_group_reports_on_time(
    *, years: list[int], group: Group | None = None, today: datetime.date | None = None
) -> MeasureValues:
    """R-F1: by the year they were due, the share (%) of working-group reports (to `group`)
    delivered on or before the agreed date. A report not yet due is left out, one past due and
    not delivered is late; groups closed by decision without a report do not count. One grouped
    query."""
    from workgroups.models import Status, WorkingGroup

    if not years:
        return {}
    today = today or timezone.localdate()
    queryset = WorkingGroup.objects.exclude(status=Status.CLOSED, delivered_on__isnull=True).filter(
        due_on__gte=datetime.date(min(years), 1, 1),
        due_on__lte=datetime.date(max(years), 12, 31),
    )
    if group is not None:
        queryset = queryset.filter(reports_to=group)
    rows = (
        queryset.filter(Q(delivered_on__isnull=False) | Q(due_on__lt=today))
        .order_by()
        .annotate(year=ExtractYear("due_on"))
        .values("year")
        .annotate(
            counted=Count("pk"),
            on_time=Count("pk", filter=Q(delivered_on__lte=F("due_on"))),
        )
    )
    by_year = {row["year"]: row for row in rows}
    return {
        year: {
            "working_group_reports_on_time_pct": measures.percent(
                by_year[year]["on_time"], by_year[year]["counted"]
            )
            if year in by_year
            else None
        }
        for year in years
    }


@dataclass(frozen=True)
class PrincipalDecisionTimes:
    principal_id: int
    decided: int
    median_days: int | None
    outstanding: int
    oldest_outstanding_days: int | None


def principal_decision_times(
    principal_ids: list[int], today: datetime.date, *, years: list[int]
) -> list[PrincipalDecisionTimes]:
    """Per principal, for the recommendations expedited in `years`: how many it decided, the
    median days from expedition to its decision, how many wait on it and for how long the
    oldest has waited. One grouped query."""
    rows = {}
    if years:
        expedited = TruncDate("recommendation__expedited_at")
        waiting = Q(decision__isnull=True)
        rows = {
            row["principal_id"]: row
            for row in Addressee.objects.expedited()
            .filter(
                recommendation__expedited_at__gte=_window_start(years),
                recommendation__expedited_at__lt=_window_end(years),
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
            PrincipalDecisionTimes(
                principal_id=principal_id,
                decided=row["decided"] if row else 0,
                median_days=_rounded(row["median"]) if row else None,
                outstanding=row["outstanding"] if row else 0,
                oldest_outstanding_days=(today - oldest).days if oldest else None,
            )
        )
    return result
