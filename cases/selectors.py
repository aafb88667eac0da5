"""Reads of cases, recommendations and decisions, with flat query counts."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Case as SqlCase
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    Min,
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
from lib import mass_mail
from meetings.models import Meeting
from structure.models import DecisionBody, Group, Principal

# How many meetings a case page offers in its forms (the newest / the next ones).
MEETING_CHOICES = 60
# How long adopting stays open after a meeting starts: it is registered on the day or later.
ADOPT_AFTER_START = datetime.timedelta(days=1)
# The registrar's inbox shows the latest registered decisions, at most this many (older ones are
# on the recommendations' public pages).
INBOX_DONE_LIMIT = 50


def visible_cases(user) -> QuerySet[Case]:
    """Cases are internal: coordinators and archivists see all; a member those that live in,
    came from, are shared with or were treated in one of the member's groups (one SQL filter: a
    UNION of indexed lookups by the member's few groups, no DISTINCT over the cases)."""
    base = Case.objects.select_related("current_group", "origin_group", "local_principal")
    groups = permissions.viewing_group_ids(user)
    if groups is None:
        return base
    if not groups:
        return base.none()
    return base.filter(pk__in=_case_ids_of_groups(sorted(groups), treatments=Treatment))


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
        Addressee.objects.expedited()
        .filter(recommendation__case=OuterRef("pk"), **conditions)
        .order_by()
        .values("recommendation__case")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def with_step(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Annotate each case with its step, and for cases at the principals decided/addressed."""
    unexpedited = Recommendation.objects.not_expedited().filter(case=OuterRef("pk"))
    return cases.annotate(
        addressed=_count_addressees(),
        decided=_count_addressees(decided=True),
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
    """Years from the first to the latest register number, newest first (the bounded choices
    of the list's year filter): two index lookups instead of a DISTINCT over every case."""
    span = Case.objects.aggregate(first=Min("year"), last=Max("year"))
    if span["first"] is None:
        return []
    return list(range(span["last"], span["first"] - 1, -1))


def case_for_page(user, pk: int) -> Case | None:
    """The case with what its page shows, its step among them (`step_label`, as the list)."""
    case = (
        with_step(visible_cases(user))
        .select_related("submitted_by")
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
    if case is not None:
        case.step_label = step_label(case)
    return case


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
    return begun(recent_meetings(groups))


def begun(meetings: list[Meeting]) -> list[Meeting]:
    """Those of the meetings that have begun (or begin today)."""
    latest = timezone.now() + ADOPT_AFTER_START
    return [m for m in meetings if m.starts_at <= latest]


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
        Addressee.objects.waiting()
        .filter(recommendation__expedited_at__lte=expedited_by)
        .exclude(reminders__sent_on__gte=reminded_since)
        .select_related("recommendation__case", "principal")
    )


def reminder_cutoff(today: datetime.date, days: int | None = None) -> datetime.datetime:
    """R-C6: the last moment of expedition after which a waiting decision is overdue on `today`
    (`days` after expedition, DECISION_REMINDER_DAYS unless given)."""
    days = settings.DECISION_REMINDER_DAYS if days is None else days
    return timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=days), datetime.time.max)
    )


def overdue_for_principals(
    principal_ids: Iterable[int], *, expedited_by: datetime.datetime
) -> QuerySet[Addressee]:
    """Every decision the principals still owe on recommendations expedited by the cutoff,
    oldest first per principal: what one reminder to their registrars lists."""
    return (
        Addressee.objects.waiting()
        .filter(
            principal_id__in=list(principal_ids), recommendation__expedited_at__lte=expedited_by
        )
        .select_related("recommendation__case", "principal")
        .order_by("principal_id", "recommendation__expedited_at", "pk")
    )


def registrars_by_principal(principal_ids: Iterable[int]) -> dict[int, list[User]]:
    """The active registrars with an e-mail address of each principal, in one query."""
    registrars: dict[int, list[User]] = {}
    for user in (
        User.objects.filter(registrar_for_id__in=list(principal_ids), is_active=True)
        .exclude(email="")
        .order_by("email")
    ):
        registrars.setdefault(user.registrar_for_id, []).append(user)
    return registrars


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


def expedition_fingerprint(lines: list[ExpeditionLine]) -> str:
    """What the expedition preview showed (each principal and its registrars' addresses), for
    `services.expedite` to check that the confirmation sends to exactly those."""
    return mass_mail.fingerprint(
        mass_mail.Outgoing(line.principal.name, address, str(line.principal.pk), "")
        for line in lines
        for address in line.registrars
    )


def recommendation_for_expedition(pk: int) -> Recommendation | None:
    return (
        Recommendation.objects.select_related("case", "group", "meeting")
        .filter(pk=pk, own_decision=False)
        .first()
    )


def addressees_for_registration(user) -> QuerySet[Addressee]:
    """Addressees a user may register a decision for: only expedited recommendations, and for a
    registrar only its own principal (another's looks the same as a missing one)."""
    addressees = Addressee.objects.expedited().select_related(
        "principal", "recommendation__case", "recommendation__group", "decision__body"
    )
    if not permissions.is_coordinator(user):
        addressees = addressees.filter(principal=permissions.registrar_principal(user))
    return addressees


def waiting_for_any_principal() -> QuerySet[Addressee]:
    """The coordinator's view of the inbox: every expedited addressee without a decision,
    oldest expedition first (the page is paged)."""
    return (
        Addressee.objects.waiting()
        .select_related("principal", "recommendation__case", "recommendation__group")
        .order_by("recommendation__expedited_at", "principal__name", "pk")
    )


def _decision_counts(prefix: str = "") -> dict:
    """The counts behind a recommendation's decision summary and bar, over its addressees."""
    decision = f"{prefix}decision"
    addressee = prefix.removesuffix("__") or "pk"
    return {
        "addressed": Count(addressee, distinct=bool(prefix)),
        "decided": Count(decision, distinct=bool(prefix)),
        "approved": Count(
            addressee,
            filter=Q(**{f"{decision}__outcome": DecisionOutcome.APPROVED}),
            distinct=bool(prefix),
        ),
        "partly": Count(
            addressee,
            filter=Q(**{f"{decision}__outcome": DecisionOutcome.PARTLY_APPROVED}),
            distinct=bool(prefix),
        ),
        "rejected": Count(
            addressee,
            filter=Q(**{f"{decision}__outcome": DecisionOutcome.REJECTED}),
            distinct=bool(prefix),
        ),
    }


def public_recommendations() -> QuerySet[Recommendation]:
    """Expedited recommendations are public, with their decision counts (for one
    recommendation, exports and feeds; a list pages `public_recommendation_list` first)."""
    return (
        public_recommendation_list()
        .annotate(**_decision_counts("addressees__"))
        .annotate(waiting=F("addressed") - F("decided"))
    )


def public_recommendation_list() -> QuerySet[Recommendation]:
    """Expedited recommendations, newest expedition first, without counts: a list pages this
    and then counts only its page's rows (`with_decision_counts`)."""
    return (
        Recommendation.objects.expedited()
        .select_related("case", "group")
        .order_by("-expedited_at", "-pk")
    )


def with_decision_counts(recommendations) -> list[Recommendation]:
    """The page's recommendations with the counts `public_recommendations` annotates, from one
    aggregate query over just their addressees."""
    recommendations = list(recommendations)
    counts = {
        row.pop("recommendation_id"): row
        for row in Addressee.objects.filter(recommendation__in=[r.pk for r in recommendations])
        .order_by()
        .values("recommendation_id")
        .annotate(**_decision_counts())
    }
    empty = dict.fromkeys(_decision_counts(), 0)
    for recommendation in recommendations:
        for name, value in counts.get(recommendation.pk, empty).items():
            setattr(recommendation, name, value)
        recommendation.waiting = recommendation.addressed - recommendation.decided
    return recommendations


def waits_on_a_principal() -> Exists:
    """Whether the outer query's (expedited) recommendation still waits on an addressed
    principal: `Recommendation.objects.waiting()` as a condition to filter or exclude by."""
    return Exists(Addressee.objects.undecided().filter(recommendation=OuterRef("pk")))


def public_recommendation_years() -> list[int]:
    """Years from the first to the latest expedition, newest first (bounded filter choices).

    Two index lookups (first and last) instead of a DISTINCT over every recommendation; a year
    without an expedition in between is still a valid, empty filter.
    """
    span = Recommendation.objects.expedited().aggregate(
        first=Min("expedited_at"), last=Max("expedited_at")
    )
    if span["first"] is None:
        return []
    first, last = (timezone.localtime(span[key]).year for key in ("first", "last"))
    return list(range(last, first - 1, -1))


def owed_by(principal: Principal) -> QuerySet[Addressee]:
    """What a principal still owes: expedited recommendations without its decision, oldest
    expedition first."""
    return (
        Addressee.objects.waiting()
        .filter(principal=principal)
        .select_related("recommendation__case", "recommendation__group")
        .order_by("recommendation__expedited_at", "pk")
    )


def own_decisions(group: Group | None = None) -> QuerySet[Recommendation]:
    """R-G6: Hjälpmedelsrådet's own decision register."""
    queryset = Recommendation.objects.own_decisions().select_related("case", "group", "meeting")
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


def waiting_principals(recommendation) -> list[Principal]:
    """The principals that still owe a decision on the recommendation (`Addressee.objects.
    waiting()`), in the structure's order: the public page names them."""
    return [
        addressee.principal
        for addressee in Addressee.objects.waiting()
        .filter(recommendation=recommendation)
        .select_related("principal")
        .order_by("principal__side", "principal__name")
    ]


def awaiting_registrar(principal: Principal) -> QuerySet[Addressee]:
    """A principal's expedited addressees, undecided first (the API's list)."""
    return (
        Addressee.objects.expedited()
        .filter(principal=principal)
        .select_related("recommendation__case", "recommendation__group", "decision__body")
        .order_by(F("decision").asc(nulls_first=True), "-recommendation__expedited_at")
    )


def waiting_for_registrar(principal: Principal) -> QuerySet[Addressee]:
    """What the principal's registrar still has to register, oldest expedition first."""
    return (
        Addressee.objects.waiting()
        .filter(principal=principal)
        .select_related("principal", "recommendation__case", "recommendation__group")
        .order_by("recommendation__expedited_at", "pk")
    )


def registered_by_registrar(principal: Principal) -> list[Addressee]:
    """The principal's latest registered decisions (bounded: `INBOX_DONE_LIMIT`)."""
    # The decision joined (not the flag): the newest are read along its registration index.
    return list(
        Addressee.objects.expedited()
        .filter(principal=principal, decision__isnull=False)
        .select_related(
            "principal", "recommendation__case", "recommendation__group", "decision__body"
        )
        .order_by("-decision__registered_at", "-pk")[:INBOX_DONE_LIMIT]
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


def _case_ids_of_groups(
    groups, *, current: bool = True, origin: bool = True, shared: bool = True, **related
) -> QuerySet:
    """Ids of the cases that live in, came from or are shared with the groups, and of those with
    a row of the given related models there: one UNION of indexed lookups, so the outer query
    needs no DISTINCT and no scan of every case."""
    parts = []
    if current:
        parts.append(Case.objects.filter(current_group__in=groups).order_by().values("pk"))
    if origin:
        parts.append(Case.objects.filter(origin_group__in=groups).order_by().values("pk"))
    if shared:
        parts.append(Case.shared_with.through.objects.filter(group__in=groups).values("case_id"))
    for model in related.values():
        parts.append(model.objects.filter(group__in=groups).order_by().values("case_id"))
    return parts[0].union(*parts[1:])


def balance_cases(group: Group, public: bool) -> QuerySet[Case]:
    """The group's cases: those it raised, holds, shares or adopted a recommendation on.

    The public version lists only cases with an expedited recommendation (those are public);
    the internal one every case of the group. Page it before reading it: the prefetches then
    load the page's cases only.
    """
    ids = _case_ids_of_groups([group.pk], recommendations=Recommendation)
    queryset = Case.objects.filter(pk__in=ids)
    recommendations = Recommendation.objects.all()
    if public:
        # The public rows must not even hint that an unexpedited recommendation exists.
        recommendations = recommendations.expedited()
        # The group's cases probe the recommendations by case (an EXISTS here makes PostgreSQL
        # merge-join every expedited recommendation of the structure).
        queryset = Case.objects.filter(
            pk__in=recommendations.filter(case__in=ids).values("case_id")
        )
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
