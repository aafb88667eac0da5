"""The API's typed output: public fields only. Nothing here carries e-mail, phone, meeting
links, papers, draft agendas, unapproved minutes or case descriptions."""

from __future__ import annotations

import datetime
from typing import Generic, Literal, TypeVar

from ninja import Field, Schema

T = TypeVar("T")

FIRST_DAY = datetime.date(1900, 1, 1)
LAST_DAY = datetime.date(2099, 12, 31)
# The bounds above as the schema can say them (JSON Schema has no minimum for a date string), so
# a generated client and a schema-driven test know that 2100-01-01 is refused.
DATE_BOUNDS = {"pattern": r"^(19|20)[0-9]{2}-[0-9]{2}-[0-9]{2}$"}


def bounded_date(default, **kwargs):
    """A date parameter or field within FIRST_DAY–LAST_DAY, with the bounds in the schema."""
    return Field(default, ge=FIRST_DAY, le=LAST_DAY, json_schema_extra=DATE_BOUNDS, **kwargs)


class Page(Schema, Generic[T]):
    count: int
    limit: int
    offset: int
    next: str | None
    previous: str | None
    items: list[T]


class FieldError(Schema):
    field: str
    detail: str


class Error(Schema):
    """Every error: a stable `code` and a Swedish `message` (422: also `errors` per field)."""

    code: str
    message: str
    errors: list[FieldError] | None = None


class Conflict(Schema):
    """409: what the request would create exists already; `decision` is the existing one's id
    and `location` its address (also in the `Location` header)."""

    code: str = Field(..., examples=["conflict"])
    message: str
    decision: int | None
    location: str | None


ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error, 429: Error}


def answers(schema, status: int = 200, *, conflict: bool = False) -> dict:
    """The operation's success schema and the documented error answers (with `conflict`,
    also 409)."""
    return {status: schema, **ERRORS, **({409: Conflict} if conflict else {})}


class DecisionBodyOut(Schema):
    id: int
    name: str


class PrincipalOut(Schema):
    code: str
    slug: str
    name: str
    side: str
    grouping: str | None
    decision_bodies: list[DecisionBodyOut]
    web: str


class GroupRef(Schema):
    slug: str
    name: str


class GroupOut(Schema):
    slug: str
    name: str
    short_name: str
    kind: str
    level: str
    reports_to: str | None
    principal: str | None
    active_from: datetime.date | None
    active_to: datetime.date | None
    ordinary_members: int
    decides_itself: bool
    minutes_public: bool
    web: str


class MandateOut(Schema):
    effective_from: datetime.date
    effective_to: datetime.date | None
    current: bool
    assignment: str
    mandate: str
    reporting_path: str


class MemberOut(Schema):
    name: str
    principal: str
    principal_code: str
    kind: str
    position: str
    role: str


class GroupDetailOut(GroupOut):
    mandates: list[MandateOut]
    members: list[MemberOut]


class MeetingOut(Schema):
    id: int
    group: GroupRef
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    form: str
    location: str
    cancelled: bool
    web: str


class MinutesItemOut(Schema):
    position: int
    kind: str
    title: str
    notes: str
    decision_intro: str
    att_satser: list[str]


class ApprovalOut(Schema):
    role: str
    name: str
    approved_at: datetime.datetime


class MinutesOut(Schema):
    id: int
    meeting: MeetingOut
    version: int
    approved_at: datetime.datetime | None
    supersedes: int | None
    corrected: bool
    correction_reason: str
    pdf: str
    web: str


class MinutesDetailOut(MinutesOut):
    summary: str
    items: list[MinutesItemOut]
    approvals: list[ApprovalOut]


class RecommendationOut(Schema):
    id: int
    register_number: str
    case_title: str
    title: str
    group: GroupRef
    adopted_on: datetime.date
    expedited_at: datetime.datetime
    att_satser: list[str]
    addressed: int
    decided: int
    approved: int
    partly_approved: int
    rejected: int
    summary: str
    web: str


class DecisionOut(Schema):
    principal: str
    principal_code: str
    status: Literal["decided", "waiting", "not_addressed"]
    outcome: str | None
    decided_on: datetime.date | None
    body: str | None
    reference: str | None


class RecommendationDetailOut(RecommendationOut):
    decisions: list[DecisionOut]


class BalanceRowOut(Schema):
    register_number: str
    title: str
    where: str
    waiting_on: str
    since: datetime.date
    days: int
    finished: bool


class OwnDecisionOut(Schema):
    id: int
    register_number: str
    title: str
    adopted_on: datetime.date
    meeting: int | None
    att_satser: list[str]


class CompiledTreatmentOut(Schema):
    happened_on: datetime.date
    outcome: str


class CompiledRecommendationOut(Schema):
    id: int
    title: str
    summary: str


class CompilationEntryOut(Schema):
    register_number: str
    title: str
    treatments: list[CompiledTreatmentOut]
    recommendations: list[CompiledRecommendationOut]


class CompilationOut(Schema):
    group: GroupRef
    year: int
    years: list[int]
    entries: list[CompilationEntryOut]


class CaseOut(Schema):
    id: int
    register_number: str
    title: str
    status: str
    origin_group: str
    current_group: str | None
    created_at: datetime.datetime
    web: str


class AddresseeOut(Schema):
    recommendation: int
    register_number: str
    title: str
    expedited_at: datetime.datetime
    decided: bool


class DecisionIn(Schema):
    principal: str = Field(..., pattern=r"^[0-9]{2,4}$", description="Huvudmannens kod.")
    outcome: Literal["approved", "partly_approved", "rejected"]
    body: int = Field(..., ge=1, le=2**31 - 1, description="Beslutsinstansens id.")
    decided_on: datetime.date = bounded_date(..., description="Beslutsdatum (1900–2099).")
    reference: str = Field(
        ..., min_length=1, max_length=100, pattern=r"^[^\x00]*$", description="Paragraf."
    )
    comment: str = Field(
        "",
        max_length=2000,
        pattern=r"^[^\x00]*$",
        description="Krävs vid delvis bifall: vad som inte bifölls.",
    )


class RegisteredDecisionOut(Schema):
    id: int = Field(..., description="Beslutets id: läs det på /decisions/{id}.")
    location: str
    recommendation: int
    principal: str
    outcome: str
    decided_on: datetime.date
    body: str
    reference: str
    on_behalf: bool


class CorrectionOut(Schema):
    """What the decision said before a correction, and why it was corrected."""

    id: int
    outcome: str
    body: str
    decided_on: datetime.date
    reference: str
    reason: str
    corrected_at: datetime.datetime


class DecisionDetailOut(Schema):
    id: int
    recommendation: int
    principal: str
    principal_code: str
    outcome: Literal["approved", "partly_approved", "rejected"]
    decided_on: datetime.date
    body: str
    body_id: int
    reference: str
    comment: str
    corrections: list[CorrectionOut]
    registered_at: datetime.datetime | None = Field(
        ..., description="Bara för den som får registrera beslut för huvudmannen."
    )
    on_behalf: bool | None = Field(
        ..., description="Bara för den som får registrera beslut för huvudmannen."
    )
    has_document: bool | None = Field(
        ...,
        description="Om ett protokollsutdrag finns. Bara för den som får registrera beslut för "
        "huvudmannen.",
    )
    document: str | None = Field(
        ...,
        description="Adress till protokollsutdraget om webbplatsen visar det publikt; "
        "protokollsutdrag visas i dag inte publikt, så värdet är alltid null.",
    )
    web: str
    location: str


class CorrectionIn(Schema):
    outcome: Literal["approved", "partly_approved", "rejected"]
    body: int = Field(..., ge=1, le=2**31 - 1, description="Beslutsinstansens id.")
    decided_on: datetime.date = Field(
        ..., ge=datetime.date(1900, 1, 1), le=datetime.date(2100, 12, 31)
    )
    reference: str = Field(
        ..., min_length=1, max_length=100, pattern=r"^[^\x00]*$", description="Paragraf."
    )
    comment: str = Field(
        "",
        max_length=2000,
        pattern=r"^[^\x00]*$",
        description="Krävs vid delvis bifall: vad som inte bifölls.",
    )
    reason: str = Field(
        ...,
        min_length=1,
        max_length=2000,
        pattern=r"^[^\x00]*$",
        description="Skäl till rättelsen.",
    )


class CorrectedDecisionOut(Schema):
    correction: int
    decision: DecisionDetailOut


class ChangeOut(Schema):
    type: Literal["recommendation.expedited", "decision.registered", "decision.corrected"]
    at: datetime.datetime
    recommendation: int
    principal_code: str
    decision: int | None
    correction: int | None
    location: str = Field(..., description="Adressen att läsa det ändrade objektet på.")
    cursor: str = Field(..., description="Läsposition efter just denna händelse.")


class ChangesOut(Schema):
    items: list[ChangeOut]
    next: str | None = Field(
        ...,
        description="Markör att skicka som `since` nästa gång (null bara om flödet är tomt och "
        "ingen `since` skickades).",
    )
    more: bool = Field(..., description="Om fler händelser finns redan nu.")
    next_url: str | None
