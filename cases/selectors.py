"""Reads of cases, recommendations and decisions, with flat query counts."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from accounts import permissions
from cases.models import (
    Addressee,
    Case,
    CaseStatus,
    DecisionOutcome,
    PrincipalDecision,
    Recommendation,
    Treatment,
)
from structure.models import Group, Principal


def visible_cases(user) -> QuerySet[Case]:
    """Cases are internal: the coordinator sees all; a member those that live in, came from,
    are shared with or were treated in one of the member's groups."""
    base = Case.objects.select_related("current_group", "origin_group", "local_principal")
    if permissions.is_coordinator(user):
        return base
    groups = permissions.member_group_ids(user)
    if not groups:
        return base.none()
    treated = Treatment.objects.filter(case=OuterRef("pk"), group_id__in=groups)
    return base.filter(
        Q(current_group_id__in=groups)
        | Q(origin_group_id__in=groups)
        | Q(shared_with__in=groups)
        | Exists(treated)
    ).distinct()


def case_for_page(user, pk: int) -> Case | None:
    return (
        visible_cases(user)
        .prefetch_related(
            "principals",
            "shared_with",
            "documents__group",
            Prefetch(
                "treatments",
                queryset=Treatment.objects.select_related(
                    "group", "meeting", "sent_to", "local_principal", "agenda_item"
                ),
            ),
            Prefetch(
                "recommendations",
                queryset=Recommendation.objects.select_related("group", "meeting").annotate(
                    addressed=Count("addressees", distinct=True),
                    decided=Count("addressees__decision", distinct=True),
                ),
            ),
        )
        .filter(pk=pk)
        .first()
    )


def public_recommendations() -> QuerySet[Recommendation]:
    """Expedited recommendations are public, with their decision counts."""
    return (
        Recommendation.objects.filter(own_decision=False, expedited_at__isnull=False)
        .select_related("case", "group")
        .annotate(
            addressed=Count("addressees", distinct=True),
            decided=Count("addressees__decision", distinct=True),
            approved=Count(
                "addressees",
                filter=Q(addressees__decision__outcome=DecisionOutcome.APPROVED),
                distinct=True,
            ),
            partly=Count(
                "addressees",
                filter=Q(addressees__decision__outcome=DecisionOutcome.PARTLY_APPROVED),
                distinct=True,
            ),
            rejected=Count(
                "addressees",
                filter=Q(addressees__decision__outcome=DecisionOutcome.REJECTED),
                distinct=True,
            ),
        )
        .order_by("-expedited_at", "-pk")
    )


def own_decisions(group: Group | None = None) -> QuerySet[Recommendation]:
    """R-G6: Hjälpmedelsrådet's own decision register."""
    queryset = Recommendation.objects.filter(own_decision=True).select_related(
        "case", "group", "meeting"
    )
    if group is not None:
        queryset = queryset.filter(group=group)
    return queryset.order_by("-adopted_on", "-pk")


@dataclass
class MatrixRow:
    principal: Principal
    decision: PrincipalDecision | None
    addressed: bool


def decision_matrix(recommendation: Recommendation) -> list[MatrixRow]:
    """Every principal, with its decision on the recommendation (or waiting / not addressed)."""
    addressees = {
        a.principal_id: a
        for a in Addressee.objects.filter(recommendation=recommendation).select_related(
            "decision__body"
        )
    }
    rows = []
    for principal in Principal.objects.select_related("grouping").order_by("-side", "name"):
        addressee = addressees.get(principal.pk)
        decision = getattr(addressee, "decision", None) if addressee else None
        rows.append(MatrixRow(principal, decision, addressee is not None))
    return rows


def decision_summary(recommendation) -> str:
    """'12 av 16 har beslutat: 11 bifall, 1 avslag'."""
    parts = []
    for count, label in (
        (recommendation.approved, "bifall"),
        (recommendation.partly, "delvis bifall"),
        (recommendation.rejected, "avslag"),
    ):
        if count:
            parts.append(f"{count} {label}")
    text = f"{recommendation.decided} av {recommendation.addressed} har beslutat"
    return text + (": " + ", ".join(parts) if parts else "")


def awaiting_registrar(principal: Principal) -> QuerySet[Addressee]:
    return (
        Addressee.objects.filter(
            principal=principal,
            recommendation__expedited_at__isnull=False,
            recommendation__own_decision=False,
        )
        .select_related("recommendation__case", "recommendation__group", "decision__body")
        .order_by(F("decision").asc(nulls_first=True), "-recommendation__expedited_at")
    )


# --- Balance list (R-C5) ---------------------------------------------------------------------


FINISHED_LABEL = "Färdigbehandlat i beslutsinstanserna"


@dataclass
class BalanceRow:
    case: Case
    where: str
    waiting_on: str
    since: datetime.date
    finished: bool

    @property
    def days(self) -> int:
        return (timezone.localdate() - self.since).days


def balance_cases(group: Group, public: bool) -> QuerySet[Case]:
    """The group's cases: those it raised, holds, shares or adopted a recommendation on.

    The public version lists only cases with an expedited recommendation (those are public);
    the internal one every case of the group.
    """
    queryset = Case.objects.filter(
        Q(origin_group=group)
        | Q(current_group=group)
        | Q(shared_with=group)
        | Q(recommendations__group=group)
    ).distinct()
    recommendations = Recommendation.objects.all()
    if public:
        queryset = queryset.filter(
            recommendations__own_decision=False, recommendations__expedited_at__isnull=False
        ).distinct()
        # The public rows must not even hint that an unexpedited recommendation exists.
        recommendations = recommendations.filter(own_decision=False, expedited_at__isnull=False)
    return (
        queryset.select_related("current_group", "local_principal")
        .prefetch_related(
            Prefetch(
                "recommendations",
                queryset=recommendations.prefetch_related(
                    Prefetch(
                        "addressees",
                        queryset=Addressee.objects.select_related("principal", "decision"),
                    )
                ),
            ),
            Prefetch("treatments", queryset=Treatment.objects.order_by("happened_on", "pk")),
        )
        .order_by("-year", "-serial")
    )


def balance_row(case: Case) -> BalanceRow:
    last = list(case.treatments.all())[-1:] or [None]
    since = last[0].happened_on if last[0] else timezone.localdate(case.created_at)
    recommendations = [r for r in case.recommendations.all() if not r.own_decision]
    waiting = [
        a.principal.name
        for r in recommendations
        if r.expedited_at
        for a in r.addressees.all()
        if not hasattr(a, "decision")
    ]
    expedited = [r.expedited_at for r in recommendations if r.expedited_at]
    if case.status == CaseStatus.FINISHED:
        # The last decision records no treatment: the case stands finished since it finished.
        if case.finished_at:
            since = timezone.localdate(case.finished_at)
        return BalanceRow(case, FINISHED_LABEL, "–", since, True)
    if case.status == CaseStatus.LOCAL:
        where = f"Lokal nivå: {case.local_principal}"
        return BalanceRow(case, where, case.local_principal.name, since, False)
    if waiting:
        since = timezone.localdate(max(expedited))
        shown = ", ".join(waiting[:5]) + (
            f" och {len(waiting) - 5} till" if len(waiting) > 5 else ""
        )
        return BalanceRow(
            case, "Hos huvudmännen för beslut", f"{len(waiting)} huvudmän: {shown}", since, False
        )
    if any(r for r in recommendations if not r.expedited_at):
        return BalanceRow(
            case, "Rekommendation antagen", "Koordinatorn (expediering)", since, False
        )
    group = case.current_group.name if case.current_group else "Koordinatorn (hemvist)"
    return BalanceRow(case, f"Bereds i {group}", group, since, False)
