"""Reads for the public case pages that `cases.selectors` does not offer (R-C4, R-C5, R-C6).

Everything here returns only what is public (see `cases.views.public`): expedited
recommendations and their decisions, the public balance list, and the patient-safety council's
yearly compilation. Query counts are flat: each function runs a fixed number of queries.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from cases import selectors
from cases.models import (
    Case,
    DecisionCorrection,
    DecisionOutcome,
    PrincipalDecision,
    Recommendation,
    Treatment,
)
from structure.models import Group, Principal, SpecialRole

FINISHED_LABEL = selectors.FINISHED_LABEL
WAITING_LABEL = "Väntar på beslut"
WAITING_KEY = "waiting"
WAITING_BAR_LABEL = "Väntar"
NOT_ADDRESSED_LABEL = "Ej berörd"

# The tone of a decision's status badge (badge-ok / badge-warning / badge-error).
OUTCOME_TONES = {
    DecisionOutcome.APPROVED: "ok",
    DecisionOutcome.PARTLY_APPROVED: "warning",
    DecisionOutcome.REJECTED: "error",
}


def public_recommendation(pk: int) -> Recommendation | None:
    """One public recommendation with its decision counts, or None if it is not public."""
    return selectors.public_recommendations().select_related("meeting").filter(pk=pk).first()


def public_decision(pk: int) -> PrincipalDecision | None:
    """A principal's decision on a public recommendation, with its corrections (as the
    recommendation's page shows them), or None if there is none or it is not public."""
    return (
        PrincipalDecision.objects.filter(
            pk=pk, addressee__recommendation__in=selectors.public_recommendation_list()
        )
        .select_related("addressee__principal", "addressee__recommendation", "body")
        .prefetch_related(
            Prefetch("corrections", queryset=DecisionCorrection.objects.select_related("body"))
        )
        .first()
    )


# --- Decision matrix (R-C4) -------------------------------------------------------------------


@dataclass(frozen=True)
class MatrixEntry:
    """One principal's line in the decision matrix, with the status as the public reads it."""

    principal: Principal
    status: str
    tone: str
    decision: PrincipalDecision | None


def matrix_entries(recommendation: Recommendation) -> list[MatrixEntry]:
    """All principals: their decision, "Väntar på beslut", or "Ej berörd" if not addressed."""
    entries = []
    for row in selectors.decision_matrix(recommendation):
        if row.decision is not None:
            status = row.decision.get_outcome_display()
            tone = OUTCOME_TONES.get(row.decision.outcome, "")
        else:
            status = WAITING_LABEL if row.addressed else NOT_ADDRESSED_LABEL
            tone = ""
        entries.append(MatrixEntry(row.principal, status, tone, row.decision))
    return entries


# --- Decision bars on /beslut/ (R-C4) -----------------------------------------------------------


# Fill colours of the bar's segments: each has at least 3:1 contrast against white (WCAG 1.4.11);
# the numbers are always written next to the bar, so colour is never the only carrier.
BAR_FILLS = {
    DecisionOutcome.APPROVED.value: "#2e7d32",
    DecisionOutcome.PARTLY_APPROVED.value: "#a15c00",
    DecisionOutcome.REJECTED.value: "#c62828",
    WAITING_KEY: "#6b6b6b",
}


@dataclass(frozen=True)
class BarSegment:
    key: str
    label: str
    count: int
    start: int

    @property
    def fill(self) -> str:
        return BAR_FILLS[self.key]


@dataclass(frozen=True)
class DecisionBar:
    """A stacked bar of the addressed principals: each principal is one unit wide."""

    total: int
    segments: list[BarSegment]

    @property
    def text(self) -> str:
        return ", ".join(f"{s.count} {s.label.lower()}" for s in self.segments)


def decision_bar(recommendation: Recommendation) -> DecisionBar:
    """From the counts `selectors.public_recommendations` annotates (no query of its own)."""
    counts = (
        (DecisionOutcome.APPROVED.value, DecisionOutcome.APPROVED.label, recommendation.approved),
        (
            DecisionOutcome.PARTLY_APPROVED.value,
            DecisionOutcome.PARTLY_APPROVED.label,
            recommendation.partly,
        ),
        (DecisionOutcome.REJECTED.value, DecisionOutcome.REJECTED.label, recommendation.rejected),
        (WAITING_KEY, WAITING_BAR_LABEL, recommendation.waiting),
    )
    segments, start = [], 0
    for key, label, count in counts:
        segments.append(BarSegment(key, label, count, start))
        start += count
    return DecisionBar(recommendation.addressed, segments)


@dataclass(frozen=True)
class Owed:
    """A recommendation a principal has not decided on, and for how many days since expedition."""

    recommendation: Recommendation
    days: int


def owed_by(principal: Principal, addressees=None) -> list[Owed]:
    """What the principal owes; `addressees` a page of `selectors.owed_by(principal)`."""
    today = timezone.localdate()
    if addressees is None:
        addressees = selectors.owed_by(principal)
    return [
        Owed(
            addressee.recommendation,
            (today - timezone.localdate(addressee.recommendation.expedited_at)).days,
        )
        for addressee in addressees
    ]


# --- Balance list (R-C5) ----------------------------------------------------------------------


def balance_rows(group: Group, *, public: bool) -> list[selectors.BalanceRow]:
    """The group's balance list, public or internal (see selectors.balance_cases)."""
    return [selectors.balance_row(case) for case in selectors.balance_cases(group, public=public)]


# --- Patient-safety compilation (R-C6) --------------------------------------------------------


@dataclass(frozen=True)
class CompiledRecommendation:
    recommendation: Recommendation
    summary: str


@dataclass
class CompilationEntry:
    """A case the council handled in the year: its title, treatments there and public outcome."""

    case: Case
    treatments: list[Treatment] = dataclasses.field(default_factory=list)
    recommendations: list[CompiledRecommendation] = dataclasses.field(default_factory=list)


def patient_safety_group() -> Group | None:
    """R-C6: the council whose handled questions are compiled yearly and published (the group
    the structure data gives that role)."""
    return Group.objects.with_role(SpecialRole.PATIENT_SAFETY).first()


def compilation_years(group: Group) -> list[int]:
    """Years in which the group treated a case, newest first, always with the current year."""
    years = {d.year for d in Treatment.objects.filter(group=group).dates("happened_on", "year")}
    years.add(timezone.localdate().year)
    return sorted(years, reverse=True)


def compilation(group: Group, year: int) -> list[CompilationEntry]:
    """Every case with a treatment at the group in the year, by register number.

    Only public data is loaded for the recommendations (expedited, not own decisions); the
    case's description, proposal and the treatments' notes are deferred and never shown.
    """
    treatments = (
        Treatment.objects.filter(group=group, happened_on__year=year)
        .select_related("case")
        .defer("note", "case__description", "case__proposal", "case__origin_note")
        .order_by("case__year", "case__serial", "happened_on", "pk")
    )
    entries: dict[int, CompilationEntry] = {}
    for treatment in treatments:
        entry = entries.setdefault(treatment.case_id, CompilationEntry(treatment.case))
        entry.treatments.append(treatment)
    recommendations = defaultdict(list)
    for rec in selectors.public_recommendations().filter(case_id__in=list(entries)):
        summary = selectors.decision_summary(rec)
        recommendations[rec.case_id].append(CompiledRecommendation(rec, summary))
    for case_id, entry in entries.items():
        entry.recommendations = recommendations[case_id]
    return list(entries.values())
