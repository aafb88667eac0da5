"""One principal's decision, its corrections and protocol extract, and the registrar's changes
feed: what a diarium needs to sync with Samverkan safely (R-C4). Writes go through
`cases.services`, which owns the permission rule (a registrar for its own principal, a
coordinator on a principal's behalf); reads of decisions are the public ones
(`cases.public_selectors`)."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from ninja import File, Path, Query, Router, Schema, Status, UploadedFile
from pydantic import Field, field_validator

from accounts import permissions
from api import cursors, schemas
from api.auth import require_register_scope, token_optional, token_required
from cases import change_feed, public_selectors, services
from cases.models import PrincipalDecision
from lib.site import absolute_url
from structure.models import DecisionBody

router = Router(tags=["Beslut och diarieflöde"], auth=token_optional)

MAX_ID = cursors.MAX_ID
DEFAULT_CHANGES = 50
MAX_CHANGES = 100
# A write takes its moment when its transaction starts and is seen when it commits; the feed
# stays this far behind now so that an event is never listed after a later one was (a cursor
# would pass it). Setting: API_CHANGES_SETTLE_SECONDS.
DEFAULT_SETTLE_SECONDS = 5


def decision_location(pk: int) -> str:
    return absolute_url(reverse("api-v1:decision_detail", kwargs={"decision_id": pk}))


def recommendation_location(pk: int) -> str:
    return absolute_url(reverse("api-v1:recommendation_detail", kwargs={"recommendation_id": pk}))


def decision_out(decision: PrincipalDecision, user) -> dict:
    """A public decision as the public page shows it; when and by whom it was registered, and
    whether it has a protocol extract, only for those who may register for the principal."""
    addressee = decision.addressee
    registrar = permissions.can_register_decision_for(user, addressee.principal)
    return {
        "id": decision.pk,
        "recommendation": addressee.recommendation_id,
        "principal": addressee.principal.name,
        "principal_code": addressee.principal.code,
        "outcome": decision.outcome,
        "decided_on": decision.decided_on,
        "body": decision.body.name,
        "body_id": decision.body_id,
        "reference": decision.reference,
        "comment": decision.comment,
        "corrections": [
            {
                "id": c.pk,
                "outcome": c.outcome,
                "body": c.body.name,
                "decided_on": c.decided_on,
                "reference": c.reference,
                "reason": c.reason,
                "corrected_at": c.corrected_at,
            }
            for c in decision.corrections.all()
        ],
        "registered_at": decision.registered_at if registrar else None,
        "on_behalf": decision.on_behalf if registrar else None,
        "has_document": bool(decision.document) if registrar else None,
        # The web serves no protocol extract publicly (nor internally): no address here either.
        "document": None,
        "web": addressee.recommendation.get_absolute_url(),
        "location": decision_location(decision.pk),
    }


def _public_decision(pk: int) -> PrincipalDecision:
    decision = public_selectors.public_decision(pk)
    if decision is None:
        raise Http404
    return decision


@router.get(
    "/decisions/{decision_id}",
    response=schemas.answers(schemas.DecisionDetailOut),
    operation_id="getDecision",
    url_name="decision_detail",
    summary="En huvudmans beslut om en expedierad rekommendation, med rättelser",
)
def decision_detail(request, decision_id: int = Path(..., ge=1, le=MAX_ID)):
    return decision_out(_public_decision(decision_id), request.auth)


@router.post(
    "/decisions/{decision_id}/corrections",
    response=schemas.answers(schemas.CorrectedDecisionOut, 201),
    auth=token_required,
    operation_id="correctDecision",
    summary="Rätta ett registrerat beslut med skäl (samma behörighet som att registrera)",
)
def correct_decision(
    request,
    response: HttpResponse,
    payload: schemas.CorrectionIn,
    decision_id: int = Path(..., ge=1, le=MAX_ID),
):
    decision = _public_decision(decision_id)
    require_register_scope(request, decision.addressee.principal)
    body = get_object_or_404(DecisionBody, pk=payload.body)
    correction = services.correct_decision(
        decision=decision,
        by=request.auth,
        outcome=payload.outcome,
        body=body,
        decided_on=payload.decided_on,
        reference=payload.reference,
        comment=payload.comment,
        reason=payload.reason,
    )
    response["Location"] = decision_location(decision.pk)
    return Status(
        201,
        {
            "correction": correction.pk,
            "decision": decision_out(_public_decision(decision.pk), request.auth),
        },
    )


@router.post(
    "/decisions/{decision_id}/document",
    response=schemas.answers(schemas.DecisionDetailOut),
    auth=token_required,
    operation_id="uploadDecisionDocument",
    summary="Lägg till eller byt protokollsutdraget (multipart, fältet file; samma filtyper "
    "och storlek som webbformuläret)",
)
def upload_decision_document(
    request,
    response: HttpResponse,
    file: File[UploadedFile],
    decision_id: int = Path(..., ge=1, le=MAX_ID),
):
    decision = _public_decision(decision_id)
    require_register_scope(request, decision.addressee.principal)
    services.attach_decision_document(decision=decision, by=request.auth, upload=file)
    response["Location"] = decision_location(decision.pk)
    return decision_out(_public_decision(decision.pk), request.auth)


# --- The registrar's changes feed -------------------------------------------------------------


class ChangesParams(Schema):
    since: str | None = Field(
        None,
        max_length=cursors.MAX_CURSOR_LENGTH,
        description="Markören `next` från förra svaret; utan värde från början.",
    )
    limit: int = Field(
        DEFAULT_CHANGES,
        ge=1,
        le=MAX_CHANGES,
        description=f"Antal händelser per sida (1–{MAX_CHANGES}).",
    )

    @field_validator("since")
    @classmethod
    def readable_cursor(cls, value: str | None) -> str | None:
        if value is not None:
            cursors.decode(value)
        return value

    def position(self) -> change_feed.Position | None:
        return cursors.decode(self.since) if self.since is not None else None


def _change_out(change: change_feed.Change) -> dict:
    location = (
        recommendation_location(change.recommendation_id)
        if change.decision_id is None
        else decision_location(change.decision_id)
    )
    return {
        "type": change.kind.label,
        "at": change.at,
        "recommendation": change.recommendation_id,
        "principal_code": change.principal_code,
        "decision": change.decision_id,
        "correction": change.correction_id,
        "location": location,
        "cursor": cursors.encode(change.position),
    }


@router.get(
    "/registrar/changes",
    response=schemas.answers(schemas.ChangesOut),
    auth=token_required,
    operation_id="listRegistrarChanges",
    summary="Ändringar för registratorns huvudman (koordinator: alla) i stabil ordning: "
    "expedierade rekommendationer, registrerade och rättade beslut",
)
def registrar_changes(request, params: Query[ChangesParams]):
    user = request.auth
    permissions.require(
        permissions.can_use_registrar_inbox(user), "Nyckelns ägare är inte registrator."
    )
    settle = getattr(settings, "API_CHANGES_SETTLE_SECONDS", DEFAULT_SETTLE_SECONDS)
    until = timezone.now() - datetime.timedelta(seconds=settle)
    token = getattr(request, "api_token", None)
    items, more = change_feed.changes(
        user,
        since=params.position(),
        limit=params.limit,
        until=until,
        principal=token.principal if token is not None else None,
    )
    following = cursors.encode(items[-1].position) if items else params.since
    next_url = None
    if following is not None:
        query = urlencode({"since": following, "limit": params.limit})
        path = reverse("api-v1:registrar_changes")
        next_url = absolute_url(f"{path}?{query}")
    return {
        "items": [_change_out(change) for change in items],
        "next": following,
        "more": more,
        "next_url": next_url,
    }
