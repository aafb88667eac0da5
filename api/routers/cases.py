"""Recommendations, principals' decisions, balance lists, own decisions and the patient-safety
compilation (public, R-C4–R-C6), and, with a token, what its owner may see or register."""

from __future__ import annotations

from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Path, Query, Router, Schema, Status
from pydantic import Field

from accounts import permissions
from api import schemas
from api.auth import require_register_scope, token_optional, token_required
from api.errors import error_response
from api.pagination import PageParams, paginate
from api.routers import decisions
from api.routers.meetings import MAX_ID
from api.routers.structure import SLUG, group_ref
from cases import public_selectors, selectors, services
from cases.models import Addressee
from structure.models import DecisionBody, Group

router = Router(tags=["Ärenden, rekommendationer och beslut"], auth=token_optional)
router.add_router("", decisions.router)


def recommendation_out(rec) -> dict:
    return {
        "id": rec.pk,
        "register_number": rec.case.register_number,
        "case_title": rec.case.title,
        "title": rec.title,
        "group": group_ref(rec.group),
        "adopted_on": rec.adopted_on,
        "expedited_at": rec.expedited_at,
        "att_satser": rec.att_satser,
        "addressed": rec.addressed,
        "decided": rec.decided,
        "approved": rec.approved,
        "partly_approved": rec.partly,
        "rejected": rec.rejected,
        "summary": selectors.decision_summary(rec),
        "web": rec.get_absolute_url(),
    }


def _public_recommendation(pk: int):
    recommendation = public_selectors.public_recommendation(pk)
    if recommendation is None:
        raise Http404
    return recommendation


@router.get(
    "/recommendations",
    response=schemas.answers(schemas.Page[schemas.RecommendationOut]),
    summary="Expedierade rekommendationer med huvudmännens beslut i siffror",
)
def recommendation_list(request, page: Query[PageParams]):
    # Count and page without the decision counts, then count only the page's addressees.
    queryset = selectors.public_recommendation_list()
    return paginate(
        request,
        queryset,
        page,
        lambda rows: [recommendation_out(r) for r in selectors.with_decision_counts(rows)],
    )


@router.get(
    "/recommendations/{recommendation_id}",
    response=schemas.answers(schemas.RecommendationDetailOut),
    summary="En expedierad rekommendation med varje huvudmans beslut",
)
def recommendation_detail(request, recommendation_id: int = Path(..., ge=1, le=MAX_ID)):
    recommendation = _public_recommendation(recommendation_id)
    data = recommendation_out(recommendation)
    data["decisions"] = []
    for row in selectors.decision_matrix(recommendation):
        decision = row.decision
        data["decisions"].append(
            {
                "principal": row.principal.name,
                "principal_code": row.principal.code,
                "status": "decided"
                if decision
                else "waiting"
                if row.addressed
                else "not_addressed",
                "outcome": decision.outcome if decision else None,
                "decided_on": decision.decided_on if decision else None,
                "body": decision.body.name if decision else None,
                "reference": decision.reference if decision else None,
            }
        )
    return data


def _group(slug: str) -> Group:
    return get_object_or_404(Group, slug=slug)


@router.get(
    "/groups/{slug}/balance-list",
    response=schemas.answers(schemas.Page[schemas.BalanceRowOut]),
    summary="Gruppens publika balanslista",
)
def balance_list(
    request, page: Query[PageParams], slug: str = Path(..., max_length=80, pattern=SLUG)
):
    # Always the public version, whoever asks (as the export files): it travels furthest.
    queryset = selectors.balance_cases(_group(slug), public=True)

    def serialize(cases):
        rows = [selectors.balance_row(case) for case in cases]
        return [
            {
                "register_number": row.case.register_number,
                "title": row.case.title,
                "where": row.where,
                "waiting_on": row.waiting_on,
                "since": row.since,
                "days": row.days,
                "finished": row.finished,
            }
            for row in rows
        ]

    return paginate(request, queryset, page, serialize)


@router.get(
    "/groups/{slug}/own-decisions",
    response=schemas.answers(schemas.Page[schemas.OwnDecisionOut]),
    summary="Gruppens egna beslut inom mandatet (Hjälpmedelsrådet)",
)
def own_decisions(
    request, page: Query[PageParams], slug: str = Path(..., max_length=80, pattern=SLUG)
):
    group = _group(slug)
    if not group.decides_itself:
        raise Http404
    queryset = selectors.own_decisions(group)

    def serialize(rows):
        return [
            {
                "id": r.pk,
                "register_number": r.case.register_number,
                "title": r.title,
                "adopted_on": r.adopted_on,
                "meeting": r.meeting_id,
                "att_satser": r.att_satser,
            }
            for r in rows
        ]

    return paginate(request, queryset, page, serialize)


class CompilationParams(Schema):
    year: int | None = Field(None, ge=1900, le=2100, description="År; utan värde innevarande år.")


@router.get(
    "/patient-safety/compilation",
    response=schemas.answers(schemas.CompilationOut),
    summary="Samverkansrådet för patientsäkerhets årliga sammanställning",
)
def patient_safety_compilation(request, params: Query[CompilationParams]):
    group = public_selectors.patient_safety_group()
    if group is None:
        raise Http404
    years = public_selectors.compilation_years(group)
    year = params.year or timezone.localdate().year
    if year not in years:
        raise Http404
    entries = public_selectors.compilation(group, year)
    return {
        "group": group_ref(group),
        "year": year,
        "years": years,
        "entries": [
            {
                "register_number": e.case.register_number,
                "title": e.case.title,
                "treatments": [
                    {"happened_on": t.happened_on, "outcome": t.get_outcome_display()}
                    for t in e.treatments
                ],
                "recommendations": [
                    {
                        "id": c.recommendation.pk,
                        "title": c.recommendation.title,
                        "summary": c.summary,
                    }
                    for c in e.recommendations
                ],
            }
            for e in entries
        ],
    }


# --- With a token: what the owner may see and do ----------------------------------------------


@router.get(
    "/cases",
    response=schemas.answers(schemas.Page[schemas.CaseOut]),
    auth=token_required,
    summary="Ärenden som nyckelns ägare får se (kräver nyckel)",
)
def case_list(request, page: Query[PageParams]):
    queryset = selectors.visible_cases(request.auth).order_by("-year", "-serial", "-pk")

    def serialize(rows):
        return [
            {
                "id": c.pk,
                "register_number": c.register_number,
                "title": c.title,
                "status": c.status,
                "origin_group": c.origin_group.slug,
                "current_group": c.current_group.slug if c.current_group else None,
                "created_at": c.created_at,
                "web": c.get_absolute_url(),
            }
            for c in rows
        ]

    return paginate(request, queryset, page, serialize)


@router.get(
    "/registrar/addressees",
    response=schemas.answers(schemas.Page[schemas.AddresseeOut]),
    auth=token_required,
    summary="Registratorns rekommendationer att registrera beslut för (kräver nyckel)",
)
def registrar_addressees(request, page: Query[PageParams]):
    principal = permissions.registrar_principal(request.auth)
    permissions.require(principal is not None, "Nyckelns ägare är inte registrator.")
    queryset = selectors.awaiting_registrar(principal).order_by(
        F("decision").asc(nulls_first=True), "-recommendation__expedited_at", "-pk"
    )

    def serialize(rows):
        return [
            {
                "recommendation": a.recommendation_id,
                "register_number": a.recommendation.case.register_number,
                "title": a.recommendation.title,
                "expedited_at": a.recommendation.expedited_at,
                "decided": hasattr(a, "decision"),
            }
            for a in rows
        ]

    return paginate(request, queryset, page, serialize)


@router.post(
    "/recommendations/{recommendation_id}/decisions",
    response=schemas.answers(schemas.RegisteredDecisionOut, 201, conflict=True),
    auth=token_required,
    operation_id="registerDecision",
    summary="Registrera en huvudmans beslut (registrator för huvudmannen, eller koordinator)",
    description="Ett beslut registreras en gång: finns huvudmannens beslut redan svarar "
    "anropet 409 med det registrerade beslutets id och adress (även i `Location`), så att ett "
    "diarium kan försöka igen utan dubbletter. 201 har det nya beslutets id och `Location`.",
)
def register_decision(
    request,
    response: HttpResponse,
    payload: schemas.DecisionIn,
    recommendation_id: int = Path(..., ge=1, le=MAX_ID),
):
    recommendation = _public_recommendation(recommendation_id)
    addressee = get_object_or_404(
        Addressee.objects.select_related("principal"),
        recommendation=recommendation,
        principal__code=payload.principal,
    )
    require_register_scope(request, addressee.principal)
    body = get_object_or_404(DecisionBody, pk=payload.body)
    try:
        decision = services.register_decision(
            addressee=addressee,
            by=request.auth,
            outcome=payload.outcome,
            body=body,
            decided_on=payload.decided_on,
            reference=payload.reference,
            comment=payload.comment,
        )
    except services.DecisionAlreadyRegistered as exc:
        existing = exc.decision.pk if exc.decision is not None else None
        location = decisions.decision_location(existing) if existing is not None else None
        conflict = error_response(409, exc.messages[0], decision=existing, location=location)
        if location is not None:
            conflict["Location"] = location
        return conflict
    location = decisions.decision_location(decision.pk)
    response["Location"] = location
    return Status(
        201,
        {
            "id": decision.pk,
            "location": location,
            "recommendation": recommendation.pk,
            "principal": addressee.principal.code,
            "outcome": decision.outcome,
            "decided_on": decision.decided_on,
            "body": body.name,
            "reference": decision.reference,
            "on_behalf": decision.on_behalf,
        },
    )
