"""The follow-up's pure rules: goal status, survey results, implementation status, and the
small rules the process measures apply to what SQL counted (whole percentages, meetings held
against a group's rule).

Every function takes plain values and returns plain values, so each can be tested on hand-made
data with known answers. Nothing here touches the database or the request. The process measures
themselves are computed in SQL, once, in `followup.selectors`; the row-by-row reference they are
tested against lives in the tests (`followup/tests/reference_measures.py`).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

# --- Process measures (R-F3) ----------------------------------------------------------------


def percent(part: int, whole: int) -> int | None:
    """A whole percentage, rounded half up; None when there is nothing to divide."""
    if whole <= 0:
        return None
    return int((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("1"), "ROUND_HALF_UP"))


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
