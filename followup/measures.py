"""Process measures, goal status, survey results and implementation status as pure functions.

Every function takes plain values (dates, numbers, small dataclasses built by `selectors`) and
returns plain values, so each can be tested on hand-made data with known answers. Nothing here
touches the database or the request.
"""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

# --- Process measures (R-F3) ----------------------------------------------------------------


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


def percent(part: int, whole: int) -> int | None:
    """A whole percentage, rounded half up; None when there is nothing to divide."""
    if whole <= 0:
        return None
    return int((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("1"), "ROUND_HALF_UP"))


def median_days(spans: Iterable[tuple[datetime.date, datetime.date]]) -> int | None:
    """The median number of days from the first to the second date of each pair, rounded."""
    days = [(end - start).days for start, end in spans]
    if not days:
        return None
    return round(statistics.median(days))


def meetings_rule_status(held: int, minimum: int | None, maximum: int | None) -> str:
    """R-G2: 'ok', 'too_few' or 'too_many' meetings in a year against the group's rule;
    'no_rule' where the group has none."""
    if minimum is None and maximum is None:
        return "no_rule"
    if minimum is not None and held < minimum:
        return "too_few"
    if maximum is not None and held > maximum:
        return "too_many"
    return "ok"


RULE_STATUS_LABELS = {
    "ok": "Enligt regeln",
    "too_few": "För få möten",
    "too_many": "För många möten",
    "no_rule": "Ingen regel",
}


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


@dataclass(frozen=True)
class AttendanceShares:
    present: int | None
    substituted: int | None
    empty: int | None


def attendance_shares(meetings: Sequence[MeetingFact]) -> AttendanceShares:
    """Of the ordinary seats at held meetings (members recorded present or absent): the member
    present, absent with a substitute serving, or absent with nobody in the seat (%)."""
    present = sum(m.present for m in meetings)
    absent = sum(m.absent for m in meetings)
    substituted = sum(min(m.substitutes, m.absent) for m in meetings)
    seats = present + absent
    return AttendanceShares(
        percent(present, seats), percent(substituted, seats), percent(absent - substituted, seats)
    )


@dataclass(frozen=True)
class YearMeasures:
    year: int
    held: int
    on_time: int | None
    minutes_days: int | None
    attendance: AttendanceShares


def meeting_measures_by_year(
    meetings: Sequence[MeetingFact], years: Sequence[int]
) -> list[YearMeasures]:
    result = []
    for year in years:
        in_year = [m for m in meetings if m.day.year == year]
        result.append(
            YearMeasures(
                year=year,
                held=len(in_year),
                on_time=kallelse_on_time_share(in_year),
                minutes_days=days_to_public_minutes(in_year),
                attendance=attendance_shares(in_year),
            )
        )
    return result


@dataclass(frozen=True)
class CaseFact:
    """One recommendation's path: when its case was raised, adopted, expedited, and when the
    last addressed principal decided (None while any is outstanding)."""

    raised_on: datetime.date
    adopted_on: datetime.date
    expedited_on: datetime.date | None
    all_decided_on: datetime.date | None


@dataclass(frozen=True)
class CaseLeadTimes:
    year: int
    recommendations: int
    raised_to_adopted: int | None
    adopted_to_expedited: int | None
    expedited_to_decided: int | None
    raised_to_decided: int | None


def case_lead_times(facts: Sequence[CaseFact], years: Sequence[int]) -> list[CaseLeadTimes]:
    """Median days for each stage, per year of adoption (R-F3)."""
    result = []
    for year in years:
        in_year = [f for f in facts if f.adopted_on.year == year]
        result.append(
            CaseLeadTimes(
                year=year,
                recommendations=len(in_year),
                raised_to_adopted=median_days((f.raised_on, f.adopted_on) for f in in_year),
                adopted_to_expedited=median_days(
                    (f.adopted_on, f.expedited_on) for f in in_year if f.expedited_on
                ),
                expedited_to_decided=median_days(
                    (f.expedited_on, f.all_decided_on)
                    for f in in_year
                    if f.expedited_on and f.all_decided_on
                ),
                raised_to_decided=median_days(
                    (f.raised_on, f.all_decided_on) for f in in_year if f.all_decided_on
                ),
            )
        )
    return result


@dataclass(frozen=True)
class DecisionFact:
    principal_id: int
    expedited_on: datetime.date
    decided_on: datetime.date | None


@dataclass(frozen=True)
class PrincipalDecisionTimes:
    principal_id: int
    decided: int
    median_days: int | None
    outstanding: int
    oldest_outstanding_days: int | None


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


# --- Result goals (R-F2) --------------------------------------------------------------------


def goal_status(
    *,
    baseline: Decimal,
    target: Decimal,
    latest: Decimal | None,
    higher_is_better: bool,
) -> str:
    """A goal's status from its latest value: reached, improving (better than the baseline),
    not_improving, or no_data."""
    if latest is None:
        return "no_data"
    sign = 1 if higher_is_better else -1
    if sign * (latest - target) >= 0:
        return "reached"
    if sign * (latest - baseline) > 0:
        return "improving"
    return "not_improving"


# --- Surveys (R-F4) -------------------------------------------------------------------------

MIN_ANSWERS = 5  # fewer answers than this show no result: a person could be recognised


@dataclass(frozen=True)
class GoalResult:
    goal: str
    answers: int
    satisfied: int | None  # percent; None when too few answered
    meets_target: bool | None


def survey_results(
    counts: dict[str, tuple[int, int]], goals: Sequence[str], target: int
) -> list[GoalResult]:
    """`counts` maps an effect goal to (answers, satisfied answers)."""
    result = []
    for goal in goals:
        answers, satisfied = counts.get(goal, (0, 0))
        if answers < MIN_ANSWERS:
            result.append(GoalResult(goal, answers, None, None))
            continue
        share = percent(satisfied, answers)
        result.append(GoalResult(goal, answers, share, share is not None and share >= target))
    return result


# --- Implementation status P1–P5 (R-K3) -----------------------------------------------------


@dataclass(frozen=True)
class ProjectGoalStatus:
    code: str
    done: bool
    detail: str


def implementation_status(
    *,
    regional_in_force: datetime.date | None,
    local_in_force: int,
    municipalities: int,
    groups_without_mandate: Sequence[str],
    switch_date: datetime.date | None,
    coordinators: int,
    today: datetime.date,
) -> list[ProjectGoalStatus]:
    """P1–P5 from the agreement and structure data (seed 004 §2.3)."""
    p1 = regional_in_force is not None and regional_in_force <= today
    p1_detail = (
        f"Gäller från {regional_in_force:%Y-%m-%d}."
        if regional_in_force
        else "Ingen regional överenskommelse med datum för ikraftträdande."
    )
    p2 = municipalities > 0 and local_in_force >= municipalities
    p3 = not groups_without_mandate
    p3_detail = (
        "Alla grupper har uppdrag, mandat och rapporteringsväg."
        if p3
        else "Saknar fullständig uppdragsbeskrivning: " + ", ".join(groups_without_mandate) + "."
    )
    return [
        ProjectGoalStatus("P1", p1, p1_detail),
        ProjectGoalStatus(
            "P2", p2, f"{local_in_force} av {municipalities} lokala överenskommelser gäller."
        ),
        ProjectGoalStatus("P3", p3, p3_detail),
        ProjectGoalStatus(
            "P4",
            switch_date is not None,
            f"Den nya strukturen träder i kraft {switch_date:%Y-%m-%d}."
            if switch_date
            else "Inget datum för bytet av struktur.",
        ),
        ProjectGoalStatus(
            "P5",
            coordinators > 0,
            f"{coordinators} regionala koordinatorer med uppdrag."
            if coordinators
            else "Inga koordinatorer med uppdrag.",
        ),
    ]


# --- Working-group reports (R-F1) -------------------------------------------------------------


@dataclass(frozen=True)
class ReportFact:
    due_on: datetime.date  # the agreed date, after any extension decided by the group
    delivered_on: datetime.date | None


def reports_on_time_by_year(
    facts: Sequence[ReportFact], years: Sequence[int], today: datetime.date
) -> list[int | None]:
    """Per year of the due date, the share (%) of working-group reports delivered by their
    agreed date. A report not yet due is left out; one past due and not delivered is late."""
    shares = []
    for year in years:
        counted = [
            f
            for f in facts
            if f.due_on.year == year and (f.delivered_on is not None or f.due_on < today)
        ]
        on_time = sum(1 for f in counted if f.delivered_on and f.delivered_on <= f.due_on)
        shares.append(percent(on_time, len(counted)))
    return shares
