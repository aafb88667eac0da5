"""Reads of cases, recommendations and decisions, with flat query counts."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import Case as SqlCase
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts import permissions
from accounts.models import User
from cases.models import (
    Addressee,
    Case,
    CaseStatus,
    DecisionCorrection,
    DecisionOutcome,
    PrincipalDecision,
    Recommendation,
    Treatment,
)
from meetings.models import Meeting
from structure.models import DecisionBody, Group, Principal

# How many meetings a case page offers in its forms (the newest / the next ones).
MEETING_CHOICES = 60
# How long adopting stays open after a meeting starts: it is registered on the day or later.
ADOPT_AFTER_START = datetime.timedelta(days=1)
# The coordinator's inbox lists the oldest waiting decisions first, at most this many.
INBOX_LIMIT = 200
INBOX_DONE_LIMIT = 50


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


class CaseStep(models.TextChoices):
    """Where a case stands, as the case list shows it (computed in SQL, see `with_step`)."""

    PREPARING = "preparing", "Under beredning"
    ADOPTED = "adopted", "Antagen – ej expedierad"
    AT_PRINCIPALS = "at_principals", "Hos huvudmännen"
    LOCAL = "local", "Hänvisat till lokal nivå"
    FINISHED = "finished", "Avslutad"


def _count_addressees(**conditions) -> Coalesce:
    """Addressees of the case's expedited recommendations, counted in a subquery (no join
    fan-out in the outer query)."""
    rows = (
        Addressee.objects.filter(
            recommendation__case=OuterRef("pk"),
            recommendation__own_decision=False,
            recommendation__expedited_at__isnull=False,
            **conditions,
        )
        .order_by()
        .values("recommendation__case")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def with_step(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Annotate each case with its step, and for cases at the principals decided/addressed."""
    unexpedited = Recommendation.objects.filter(
        case=OuterRef("pk"), own_decision=False, expedited_at__isnull=True
    )
    return cases.annotate(
        addressed=_count_addressees(),
        decided=_count_addressees(decision__isnull=False),
        has_unexpedited=Exists(unexpedited),
    ).annotate(
        step=SqlCase(
            When(status=CaseStatus.FINISHED, then=Value(CaseStep.FINISHED.value)),
            When(status=CaseStatus.LOCAL, then=Value(CaseStep.LOCAL.value)),
            When(has_unexpedited=True, then=Value(CaseStep.ADOPTED.value)),
            When(addressed__gt=F("decided"), then=Value(CaseStep.AT_PRINCIPALS.value)),
            default=Value(CaseStep.PREPARING.value),
            output_field=models.CharField(),
        )
    )


def step_label(case: Case) -> str:
    """'Hos huvudmännen 5/16' (decided of addressed), or the step's name."""
    step = CaseStep(case.step)
    if step == CaseStep.AT_PRINCIPALS:
        return f"{step.label} {case.decided}/{case.addressed}"
    return step.label


def case_years() -> list[int]:
    """Years with cases, newest first (the bounded choices of the list's year filter)."""
    # order_by() drops the default ordering, which would make DISTINCT one row per case.
    return list(Case.objects.order_by("-year").values_list("year", flat=True).distinct())


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


def is_following(user, case: Case) -> bool:
    return case.follows.filter(user=user).exists()


def managed_groups(user, case: Case) -> list[Group]:
    """The groups where the case lives or is shared in which the user may record treatments."""
    shared = [g.pk for g in case.shared_with.all()]
    groups = Group.objects.filter(Q(pk=case.current_group_id) | Q(pk__in=shared)).order_by(
        "order", "name"
    )
    return [g for g in groups if permissions.can_record_treatment(user, g)]


def recent_meetings(groups) -> list[Meeting]:
    """The groups' meetings, newest first (a treatment is recorded at a past or coming one)."""
    return list(
        Meeting.objects.filter(group__in=groups, cancelled=False)
        .select_related("group")
        .order_by("-starts_at")[:MEETING_CHOICES]
    )


def adoptable_meetings(groups) -> list[Meeting]:
    """Meetings at which a recommendation can have been adopted: begun (or today), newest first."""
    latest = timezone.now() + ADOPT_AFTER_START
    return [m for m in recent_meetings(groups) if m.starts_at <= latest]


def coming_meetings(groups) -> list[Meeting]:
    """Coming meetings, the next one first (the default when putting a case on an agenda)."""
    return list(
        Meeting.objects.filter(group__in=groups, cancelled=False, starts_at__gt=timezone.now())
        .select_related("group")
        .order_by("starts_at", "pk")[:MEETING_CHOICES]
    )


def follower_addresses(case: Case) -> list[str]:
    """Followers who may still see the case: one who left the group hears nothing more."""
    return [
        follow.user.email
        for follow in case.follows.filter(user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        if visible_cases(follow.user).filter(pk=case.pk).exists()
    ]


def due_for_reminder(
    *, expedited_by: datetime.datetime, reminded_since: datetime.date
) -> QuerySet[Addressee]:
    """Undecided addressees expedited by the cutoff and not reminded since the given day."""
    return (
        Addressee.objects.filter(
            decision__isnull=True,
            recommendation__own_decision=False,
            recommendation__expedited_at__lte=expedited_by,
        )
        .exclude(reminders__sent_on__gte=reminded_since)
        .select_related("recommendation__case", "principal")
    )


def registrar_addresses(principal: Principal) -> list[str]:
    return list(
        User.objects.filter(registrar_for=principal, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )


@dataclass
class ExpeditionLine:
    principal: Principal
    bodies: list[DecisionBody]
    registrars: list[str]


def expedition_preview(recommendation: Recommendation) -> list[ExpeditionLine]:
    """Who gets the recommendation: each addressed principal, its decision bodies and the
    registrars' addresses (an empty list: that principal would get nothing)."""
    addressees = recommendation.addressees.select_related("principal").prefetch_related(
        "principal__decision_bodies"
    )
    principals = [a.principal for a in addressees]
    registrars: dict[int, list[str]] = {}
    for principal_id, email in (
        User.objects.filter(registrar_for__in=principals, is_active=True)
        .exclude(email="")
        .order_by("email")
        .values_list("registrar_for_id", "email")
    ):
        registrars.setdefault(principal_id, []).append(email)
    return [
        ExpeditionLine(p, list(p.decision_bodies.all()), registrars.get(p.pk, []))
        for p in principals
    ]


def recommendation_for_expedition(pk: int) -> Recommendation | None:
    return (
        Recommendation.objects.select_related("case", "group", "meeting")
        .filter(pk=pk, own_decision=False)
        .first()
    )


def addressees_for_registration(user) -> QuerySet[Addressee]:
    """Addressees a user may register a decision for: only expedited recommendations, and for a
    registrar only its own principal (another's looks the same as a missing one)."""
    addressees = Addressee.objects.select_related(
        "principal", "recommendation__case", "recommendation__group", "decision__body"
    ).filter(recommendation__expedited_at__isnull=False, recommendation__own_decision=False)
    if not permissions.is_coordinator(user):
        addressees = addressees.filter(principal=permissions.registrar_principal(user))
    return addressees


def waiting_for_any_principal() -> QuerySet[Addressee]:
    """The coordinator's view of the inbox: every expedited addressee without a decision."""
    return (
        Addressee.objects.filter(
            decision__isnull=True,
            recommendation__expedited_at__isnull=False,
            recommendation__own_decision=False,
        )
        .select_related("principal", "recommendation__case", "recommendation__group")
        .order_by("recommendation__expedited_at", "principal__name")[:INBOX_LIMIT]
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
        .annotate(waiting=F("addressed") - F("decided"))
        .order_by("-expedited_at", "-pk")
    )


def public_recommendation_years() -> list[int]:
    """Years in which recommendations were expedited, newest first (bounded filter choices)."""
    days = Recommendation.objects.filter(own_decision=False, expedited_at__isnull=False).dates(
        "expedited_at", "year", order="DESC"
    )
    return [day.year for day in days]


def owed_by(principal: Principal) -> QuerySet[Addressee]:
    """What a principal still owes: expedited recommendations without its decision, oldest
    expedition first."""
    return (
        Addressee.objects.filter(
            principal=principal,
            decision__isnull=True,
            recommendation__own_decision=False,
            recommendation__expedited_at__isnull=False,
        )
        .select_related("recommendation__case", "recommendation__group")
        .order_by("recommendation__expedited_at", "pk")
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
    """Every principal, with its decision on the recommendation (or waiting / not addressed);
    a corrected decision carries its earlier versions (`decision.corrections`)."""
    addressees = {
        a.principal_id: a
        for a in Addressee.objects.filter(recommendation=recommendation)
        .select_related("decision__body")
        .prefetch_related(
            Prefetch(
                "decision__corrections",
                queryset=DecisionCorrection.objects.select_related("body"),
            )
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
