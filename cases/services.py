"""Every write about cases: raise, route, treat, put on an agenda, adopt, expedite, register a
decision, follow, remind (SPEC §6). Each checks permissions and rules in a transaction and
records what it changed in the audit trail in that transaction; mail goes out after commit;
history is kept on every model that changes."""

from __future__ import annotations

import datetime
import itertools
import uuid
from collections.abc import Callable, Collection, Iterable
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts import permissions
from accounts.models import User
from audit import services as audit
from cases import selectors
from cases.models import (
    Addressee,
    Case,
    CaseDocument,
    CaseStatus,
    DecisionCorrection,
    DecisionOutcome,
    Follow,
    Outcome,
    PrincipalDecision,
    Recommendation,
    RegisterCounter,
    Reminder,
    Treatment,
)
from lib import mass_mail
from lib.jobs import one_at_a_time
from lib.mail import send_after_commit
from lib.site import absolute_url
from lib.uploads import validate_document
from meetings import attsatser
from meetings import services as meeting_services
from meetings.models import AgendaItem, ItemKind, Meeting
from structure.models import DecisionBody, Group, Membership, Person, Principal, Side

TREATMENT_OUTCOMES = {
    Outcome.PREPARED,
    Outcome.TABLED,
    Outcome.SENT_BACK,
    Outcome.SENT_ON,
    Outcome.NOTED,
}
REMINDER_INTERVAL_DAYS = 7
DUPLICATE_RECOMMENDATION = (
    "Ärendet har redan en rekommendation eller ett beslut från det mötet; den registreras inte två "
    "gånger."
)


class DecisionAlreadyRegistered(ValidationError):
    """The principal's decision on the recommendation is registered already (checked under the
    addressee's lock): `decision` is the registered one, or None if it cannot be read."""

    def __init__(self, principal: Principal, decision: PrincipalDecision | None):
        super().__init__(f"{principal} har redan ett registrerat beslut.")
        self.decision = decision


def _today() -> datetime.date:
    return timezone.localdate()


def _lock_counter(year: int) -> RegisterCounter:
    RegisterCounter.objects.get_or_create(year=year)
    return RegisterCounter.objects.select_for_update().get(year=year)


def next_serial(year: int) -> int:
    """Gap-free per year: the counter row is locked until the creating transaction ends, so a
    rolled-back case gives its number back and two creators never get the same one."""
    counter = _lock_counter(year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def _moment(at: datetime.datetime | None) -> datetime.datetime:
    """The moment of an action: now, or the one the caller names (the demo, an import)."""
    return at or timezone.now()


def _notify_followers(case: Case, subject: str, template: str, context: dict) -> None:
    addresses = selectors.follower_addresses(case)
    if addresses:
        body = render_to_string(
            template, {"case": case, "url": absolute_url(case.get_absolute_url()), **context}
        )
        send_after_commit(f"{case.register_number}: {subject}", body, addresses)


# --- Raise and route ----------------------------------------------------------------------------


@transaction.atomic
def raise_case(
    *,
    group: Group,
    by: User,
    title: str,
    description: str,
    proposal: str,
    principals: Iterable[Principal] = (),
    submitted_by: Person | None = None,
    origin_note: str = "",
    documents: Iterable[UploadedFile] = (),
    raised_on: datetime.date | None = None,
    submission_key: uuid.UUID | None = None,
    at: datetime.datetime | None = None,
) -> Case:
    """R-C1: a member raises a case in one of its groups, or the coordinator registers one that
    comes through a named member (e.g. from a network outside the structure).

    `submission_key` comes from the form: the same form sent twice (a double click) returns the
    case it already created instead of raising a second one."""
    permissions.require(permissions.can_raise_case_in(by, group))
    submitted_by = submitted_by or by.person
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "Ange en rubrik."
    if not description.strip():
        errors["description"] = "Ange en kort ärendebeskrivning."
    if not proposal.strip():
        errors["proposal"] = "Ange ett förslag till åtgärd eller en frågeställning."
    if submitted_by is None:
        errors["submitted_by"] = "Ange vilken ledamot som väcker ärendet."
    elif (
        not Membership.objects.current(raised_on or _today())
        .filter(group=group, person=submitted_by)
        .exists()
    ):
        errors["submitted_by"] = f"{submitted_by} är inte ledamot i {group}."
    if errors:
        raise ValidationError(errors)
    documents = list(documents)
    for upload in documents:
        validate_document(upload)
    day = raised_on or _today()
    # The year's counter is locked before the key is looked up, so of two simultaneous posts of
    # the same form the second waits and then finds the first one's case.
    _lock_counter(day.year)
    if submission_key is not None:
        earlier = Case.objects.filter(submission_key=submission_key).first()
        if earlier is not None:
            return earlier
    case = Case.objects.create(
        year=day.year,
        serial=next_serial(day.year),
        submission_key=submission_key,
        title=title.strip(),
        description=description.strip(),
        proposal=proposal.strip(),
        submitted_by=submitted_by,
        origin_group=group,
        origin_note=origin_note.strip(),
        current_group=group,
        created_at=at or (timezone.now() if raised_on is None else _noon(day)),
    )
    principals = list(principals) or list(Principal.objects.all())
    case.principals.set(principals)
    for upload in documents:
        add_document(case=case, group=group, by=by, upload=upload)
    Treatment.objects.create(
        case=case,
        group=group,
        outcome=Outcome.RAISED,
        happened_on=day,
        recorded_at=_moment(at),
        recorded_by=by,
        note=origin_note.strip(),
    )
    audit.record_write(
        actor=by,
        action="cases.raise_case",
        target=case,
        after={**audit.snapshot(case), "principals": [p.pk for p in principals]},
    )
    return case


def _noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


@transaction.atomic
def add_document(
    *, case: Case, group: Group, by: User, upload: UploadedFile, title: str = ""
) -> CaseDocument:
    permissions.require(permissions.can_add_case_document(by, group))
    validate_document(upload)
    document = CaseDocument.objects.create(
        case=case,
        group=group,
        title=title.strip() or Path(upload.name).stem,
        file=upload,
        original_name=Path(upload.name).name[:255],
        size=upload.size,
        added_by=by,
    )
    audit.record_write(
        actor=by, action="cases.add_document", target=document, after=audit.snapshot(document)
    )
    return document


# What routing a case changes.
HOME_FIELDS = ("current_group", "local_principal", "status", "shared_with")


@transaction.atomic
def route_case(
    *,
    case: Case,
    by: User,
    group: Group | None = None,
    local_principal: Principal | None = None,
    note: str = "",
    shared_with: Iterable[Group] = (),
    happened_on: datetime.date | None = None,
    at: datetime.datetime | None = None,
) -> Case:
    """R-C3: the coordinator decides where the question belongs: a group, or local level."""
    permissions.require(permissions.can_route_cases(by))
    if bool(group) == bool(local_principal):
        raise ValidationError("Välj antingen en grupp eller en kommun (lokal nivå).")
    if local_principal is not None and local_principal.side != Side.MUNICIPALITY:
        raise ValidationError("Lokal nivå är en kommun.")
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status == CaseStatus.FINISHED:
        raise ValidationError("Ärendet är avslutat.")
    before = audit.snapshot(case, HOME_FIELDS)
    case.current_group = group
    case.local_principal = local_principal
    case.status = CaseStatus.LOCAL if local_principal else CaseStatus.OPEN
    case.save()
    case.shared_with.set([g for g in shared_with if g != group])
    audit.record_write(
        actor=by,
        action="cases.route_case",
        target=case,
        before=before,
        after=audit.snapshot(case, HOME_FIELDS),
        changes=audit.summary(note=note.strip()) if note.strip() else None,
    )
    Treatment.objects.create(
        case=case,
        group=group,
        outcome=Outcome.LOCAL if local_principal else Outcome.ROUTED,
        sent_to=group,
        local_principal=local_principal,
        note=note.strip(),
        happened_on=happened_on or _today(),
        recorded_at=_moment(at),
        recorded_by=by,
    )
    where = group.name if group else f"lokal nivå ({local_principal.name})"
    _notify_followers(case, f"hemvist {where}", "cases/mail/moved.txt", {"where": where})
    return case


# --- Treatments and agendas -------------------------------------------------------------------


@transaction.atomic
def record_treatment(
    *,
    case: Case,
    group: Group,
    by: User,
    outcome: str,
    meeting: Meeting | None = None,
    agenda_item: AgendaItem | None = None,
    sent_to: Group | None = None,
    note: str = "",
    happened_on: datetime.date | None = None,
    at: datetime.datetime | None = None,
) -> Treatment:
    """R-C2: a treatment at a group. Sending on or back moves the case's home; only the home
    group may send it on, so a process shared by both beredningar reaches LSG only through the
    one where it lives (R-G5)."""
    permissions.require(permissions.can_record_treatment(by, group))
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status == CaseStatus.FINISHED:
        raise ValidationError("Ärendet är avslutat.")
    if outcome not in TREATMENT_OUTCOMES:
        raise ValidationError({"outcome": "Välj ett utfall."})
    in_scope = group == case.current_group or case.shared_with.filter(pk=group.pk).exists()
    if not in_scope:
        raise ValidationError(f"Ärendet har inte sin hemvist i {group} och delas inte med den.")
    if meeting is not None and meeting.group_id != group.pk:
        raise ValidationError("Mötet hör till en annan grupp.")
    if agenda_item is not None and agenda_item.meeting_id != getattr(meeting, "pk", None):
        raise ValidationError("Punkten hör till ett annat möte.")
    if outcome in (Outcome.SENT_ON, Outcome.SENT_BACK):
        if sent_to is None:
            raise ValidationError({"sent_to": "Ange vilken grupp ärendet skickas till."})
        if sent_to == group:
            raise ValidationError({"sent_to": "Ärendet är redan i den gruppen."})
        if group != case.current_group:
            raise ValidationError(
                f"Ärendet delas med {group} men har sin hemvist i {case.current_group}; "
                f"det rapporteras vidare därifrån."
            )
    elif sent_to is not None:
        raise ValidationError(
            {"sent_to": "Bara ett ärende som skickas vidare eller tillbaka får en mottagare."}
        )
    day = happened_on or (meeting.local_date if meeting else _today())
    if day < timezone.localdate(case.created_at):
        raise ValidationError("Behandlingen kan inte ligga före det datum ärendet väcktes.")
    home_before = case.current_group_id
    treatment = Treatment.objects.create(
        case=case,
        group=group,
        meeting=meeting,
        agenda_item=agenda_item,
        outcome=outcome,
        sent_to=sent_to,
        note=note.strip(),
        happened_on=day,
        recorded_at=_moment(at),
        recorded_by=by,
    )
    if sent_to is not None:
        case.current_group = sent_to
        case.save()
        case.shared_with.remove(sent_to)
        _notify_followers(
            case, f"skickat till {sent_to.name}", "cases/mail/moved.txt", {"where": sent_to.name}
        )
    audit.record_write(
        actor=by,
        action="cases.record_treatment",
        target=case,
        before={"current_group": home_before},
        after={"current_group": case.current_group_id},
        changes=audit.summary(
            treatment=treatment.pk,
            **audit.snapshot(
                treatment, ("group", "meeting", "outcome", "sent_to", "note", "happened_on")
            ),
        ),
    )
    return treatment


@transaction.atomic
def put_on_agenda(*, case: Case, meeting: Meeting, by: User) -> AgendaItem:
    """Put the case on a meeting's agenda as a decision item with its description and proposal."""
    item = meeting_services.add_agenda_item(
        meeting=meeting,
        by=by,
        kind=ItemKind.DECISION,
        title=f"{case.register_number} {case.title}"[:200],
        description=case.description,
        proposal=case.proposal,
    )
    audit.record_write(
        actor=by,
        action="cases.put_on_agenda",
        target=case,
        changes=audit.summary(meeting=meeting.pk, agenda_item=item.pk),
    )
    _notify_followers(
        case,
        f"på dagordningen för {meeting.group.name} {meeting.local_date:%Y-%m-%d}",
        "cases/mail/on_agenda.txt",
        {"meeting": meeting},
    )
    return item


# --- Recommendations and decisions ------------------------------------------------------------


@transaction.atomic
def adopt_recommendation(
    *,
    case: Case,
    meeting: Meeting,
    by: User,
    title: str,
    decisions: str,
    principals: Iterable[Principal] = (),
    agenda_item: AgendaItem | None = None,
    at: datetime.datetime | None = None,
) -> Recommendation:
    """R-C4 / R-G6: Samråd, LSG or a council adopts a recommendation to the principals (normally
    all 16); Hjälpmedelsrådet decides itself, and its decision goes into its own register.

    A case gets one recommendation per meeting: a second post (a double click) is refused."""
    group = meeting.group
    permissions.require(permissions.can_record_treatment(by, group))
    if not (group.gives_recommendations or group.decides_itself):
        raise ValidationError(f"{group} ger inte rekommendationer till huvudmännen.")
    stored = attsatser.normalize(decisions)
    if not stored:
        raise ValidationError({"decisions": "Skriv minst en att-sats."})
    if not title.strip():
        raise ValidationError({"title": "Ange en rubrik."})
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status == CaseStatus.FINISHED:
        raise ValidationError("Ärendet är avslutat.")
    if case.current_group_id != group.pk and not case.shared_with.filter(pk=group.pk).exists():
        raise ValidationError(
            f"Ärendet har sin hemvist i {case.current_group or 'ingen grupp'}; skicka det till "
            f"{group} innan {group} antar en rekommendation."
        )
    # The case row is locked above, so this check also holds for two simultaneous posts.
    if Recommendation.objects.filter(case=case, meeting=meeting).exists():
        raise ValidationError(DUPLICATE_RECOMMENDATION)
    own = group.decides_itself
    try:
        with transaction.atomic():
            recommendation = Recommendation.objects.create(
                case=case,
                group=group,
                meeting=meeting,
                agenda_item=agenda_item,
                title=title.strip(),
                decisions=stored,
                adopted_on=meeting.local_date,
                own_decision=own,
            )
    except IntegrityError as exc:
        raise ValidationError(DUPLICATE_RECOMMENDATION) from exc
    addressed = []
    if not own:
        addressed = list(principals) or list(case.principals.all()) or list(Principal.objects.all())
        Addressee.objects.bulk_create(
            Addressee(recommendation=recommendation, principal=p) for p in addressed
        )
    case_before = audit.snapshot(case, ("current_group", "status"))
    Treatment.objects.create(
        case=case,
        group=group,
        meeting=meeting,
        agenda_item=agenda_item,
        outcome=Outcome.DECIDED if own else Outcome.RECOMMENDATION_ADOPTED,
        happened_on=meeting.local_date,
        recorded_at=_moment(at),
        recorded_by=by,
        note=title.strip(),
    )
    case.current_group = group
    if own:
        case.status = CaseStatus.FINISHED
        case.finished_at = _noon(meeting.local_date)  # decided at the meeting, not when typed
    case.save()
    case_after = audit.snapshot(case, ("current_group", "status"))
    audit.record_write(
        actor=by,
        action="cases.adopt_recommendation",
        target=recommendation,
        after=audit.snapshot(recommendation),
        changes={
            **audit.summary(principals=[p.pk for p in addressed]),
            **{
                f"case {name}": [case_before[name], value]
                for name, value in case_after.items()
                if case_before[name] != value
            },
        },
    )
    return recommendation


EXPEDITION_FIELDS = ("expedited_at", "expedited_by")


@transaction.atomic
def expedite(
    *,
    recommendation: Recommendation,
    by: User,
    at: datetime.datetime | None = None,
    expect: str | None = None,
) -> int:
    """R-C4: send the recommendation to each addressed principal's registrars. `expect`: the
    fingerprint of the preview the coordinator confirmed; nothing is expedited
    (`mass_mail.RecipientsChanged`) when the principals or registrars differ from it now."""
    permissions.require(permissions.can_expedite(by))
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if recommendation.own_decision:
        raise ValidationError("Ett eget beslut inom mandatet expedieras inte till huvudmännen.")
    if recommendation.expedited_at:
        raise ValidationError(
            f"Rekommendationen expedierades redan {recommendation.expedited_at:%Y-%m-%d}."
        )
    # The same lines the preview showed: each principal and its registrars' addresses.
    lines = selectors.expedition_preview(recommendation)
    if expect is not None and selectors.expedition_fingerprint(lines) != expect:
        raise mass_mail.RecipientsChanged
    before = audit.snapshot(recommendation, EXPEDITION_FIELDS)
    recommendation.expedited_at = _moment(at)
    recommendation.expedited_by = by
    recommendation.save()
    sent = 0
    url = absolute_url(reverse("cases:registrar_inbox"))
    for line in lines:
        addresses = line.registrars
        body = render_to_string(
            "cases/mail/expedited.txt",
            {
                "recommendation": recommendation,
                "principal": line.principal,
                "url": url,
                "public_url": absolute_url(recommendation.get_absolute_url()),
            },
        )
        send_after_commit(
            f"Rekommendation för beslut: {recommendation.case.register_number} "
            f"{recommendation.title}",
            body,
            addresses,
        )
        sent += len(addresses)
    audit.record_write(
        actor=by,
        action="cases.expedite",
        target=recommendation,
        before=before,
        after=audit.snapshot(recommendation, EXPEDITION_FIELDS),
        changes=audit.summary(
            principals=[line.principal.pk for line in lines],
            without_registrar=[line.principal.pk for line in lines if not line.registrars],
            mails=sent,
        ),
    )
    return sent


@transaction.atomic
def register_decision(
    *,
    addressee: Addressee,
    by: User,
    outcome: str,
    body: DecisionBody,
    decided_on: datetime.date,
    reference: str,
    comment: str = "",
    document: UploadedFile | None = None,
    at: datetime.datetime | None = None,
) -> PrincipalDecision:
    """R-C4: a principal's decision, registered once, by its own registrar or by the coordinator
    on the principal's behalf (recorded as such). Any other attempt is refused; a registered
    decision changes only through `correct_decision`."""
    addressee = (
        Addressee.objects.select_for_update()
        .select_related("recommendation__case", "principal")
        .get(pk=addressee.pk)
    )
    principal = addressee.principal
    own = permissions.registrar_principal(by) or "din egen huvudman"
    permissions.require(
        permissions.can_register_decision_for(by, principal),
        f"Du kan bara registrera beslut för {own}.",
    )
    recommendation = addressee.recommendation
    if not recommendation.expedited_at:
        raise ValidationError("Rekommendationen är inte expedierad än.")
    # Under the addressee's lock, before the values are checked: a retry learns that the
    # decision exists (and which it is) whatever it sends this time.
    existing = PrincipalDecision.objects.filter(addressee=addressee).first()
    if existing is not None:
        raise DecisionAlreadyRegistered(principal, existing)
    moment = _moment(at)
    errors = _decision_errors(
        principal=principal,
        adopted_on=recommendation.adopted_on,
        outcome=outcome,
        body=body,
        decided_on=decided_on,
        reference=reference,
        comment=comment,
        today=timezone.localdate(moment),
    )
    if document is not None:
        try:
            validate_document(document)
        except ValidationError as exc:
            errors["document"] = " ".join(exc.messages)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            decision = PrincipalDecision.objects.create(
                addressee=addressee,
                outcome=outcome,
                body=body,
                decided_on=decided_on,
                reference=reference.strip(),
                comment=comment.strip(),
                document=document or "",
                registered_at=moment,
                registered_by=by,
                on_behalf=permissions.registrar_principal(by) != principal,
            )
    except IntegrityError as exc:
        existing = PrincipalDecision.objects.filter(addressee=addressee).first()
        raise DecisionAlreadyRegistered(principal, existing) from exc
    case = recommendation.case
    # The case is finished when no principal owes a decision on any of its recommendations to
    # the principals, sent or not yet sent.
    pending = Addressee.objects.undecided().filter(
        recommendation__case=case, recommendation__own_decision=False
    )
    finished = not pending.exists()
    if finished:
        Case.objects.filter(pk=case.pk).update(status=CaseStatus.FINISHED, finished_at=moment)
    audit.record_write(
        actor=by,
        action="cases.register_decision",
        target=decision,
        after=audit.snapshot(decision),
        changes=audit.summary(principal=principal.pk, case_finished=finished),
    )
    _notify_followers(
        case,
        f"{principal} har beslutat ({decision.get_outcome_display().lower()})",
        "cases/mail/decided.txt",
        {"decision": decision, "principal": principal},
    )
    return decision


def _decision_errors(
    *,
    principal: Principal,
    adopted_on: datetime.date,
    outcome: str,
    body: DecisionBody,
    decided_on: datetime.date,
    reference: str,
    comment: str,
    today: datetime.date,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if outcome not in DecisionOutcome.values:
        errors["outcome"] = "Välj bifall, delvis bifall eller avslag."
    elif outcome == DecisionOutcome.PARTLY_APPROVED and not comment.strip():
        errors["comment"] = "Beskriv vid delvis bifall vad huvudmannen inte biföll."
    if body.principal_id != principal.pk:
        errors["body"] = f"Beslutsinstansen hör inte till {principal}."
    if decided_on > today:
        errors["decided_on"] = "Beslutsdatum kan inte ligga i framtiden."
    elif decided_on < adopted_on:
        errors["decided_on"] = "Beslutet kan inte vara fattat före rekommendationen antogs."
    if not reference.strip():
        errors["reference"] = "Ange paragraf eller annan hänvisning."
    return errors


CORRECTABLE_FIELDS = ("outcome", "body", "decided_on", "reference", "comment")


@transaction.atomic
def correct_decision(
    *,
    decision: PrincipalDecision,
    by: User,
    outcome: str,
    body: DecisionBody,
    decided_on: datetime.date,
    reference: str,
    reason: str,
    comment: str = "",
    at: datetime.datetime | None = None,
) -> DecisionCorrection:
    """Correct a registered decision with a recorded correction: the decision row takes the new
    values (status and exports count only the latest), the correction keeps the old ones and the
    reason, and both stay visible. Same permission as registering."""
    decision = (
        PrincipalDecision.objects.select_for_update()
        .select_related("addressee__principal", "addressee__recommendation__case")
        .get(pk=decision.pk)
    )
    principal = decision.addressee.principal
    permissions.require(
        permissions.can_register_decision_for(by, principal),
        f"Du kan bara rätta beslut för {permissions.registrar_principal(by) or 'din huvudman'}.",
    )
    moment = _moment(at)
    errors = _decision_errors(
        principal=principal,
        adopted_on=decision.addressee.recommendation.adopted_on,
        outcome=outcome,
        body=body,
        decided_on=decided_on,
        reference=reference,
        comment=comment,
        today=timezone.localdate(moment),
    )
    if not reason.strip():
        errors["reason"] = "Ange varför beslutet rättas."
    if errors:
        raise ValidationError(errors)
    new = (outcome, body.pk, decided_on, reference.strip(), comment.strip())
    old = (
        decision.outcome,
        decision.body_id,
        decision.decided_on,
        decision.reference,
        decision.comment,
    )
    if new == old:
        raise ValidationError("Rättelsen ändrar ingenting i beslutet.")
    before = audit.snapshot(decision, CORRECTABLE_FIELDS)
    correction = DecisionCorrection.objects.create(
        decision=decision,
        outcome=decision.outcome,
        body_id=decision.body_id,
        decided_on=decision.decided_on,
        reference=decision.reference,
        comment=decision.comment,
        reason=reason.strip(),
        corrected_at=moment,
        corrected_by=by,
    )
    decision.outcome = outcome
    decision.body = body
    decision.decided_on = decided_on
    decision.reference = reference.strip()
    decision.comment = comment.strip()
    decision.save()
    audit.record_write(
        actor=by,
        action="cases.correct_decision",
        target=decision,
        before=before,
        after=audit.snapshot(decision, CORRECTABLE_FIELDS),
        changes=audit.summary(reason=reason.strip(), correction=correction.pk),
    )
    case = decision.addressee.recommendation.case
    _notify_followers(
        case,
        f"{principal} har rättat sitt beslut ({decision.get_outcome_display().lower()})",
        "cases/mail/decided.txt",
        {"decision": decision, "principal": principal},
    )
    return correction


@transaction.atomic
def attach_decision_document(
    *, decision: PrincipalDecision, by: User, upload: UploadedFile
) -> PrincipalDecision:
    """The protocol extract of a registered decision, attached (or replaced) after the
    registration, e.g. by a diarium once the minutes are signed. Same permission as
    registering; the same files are taken as on the registration form."""
    decision = (
        PrincipalDecision.objects.select_for_update()
        .select_related("addressee__principal")
        .get(pk=decision.pk)
    )
    principal = decision.addressee.principal
    permissions.require(
        permissions.can_register_decision_for(by, principal),
        f"Du kan bara lägga till protokollsutdrag för "
        f"{permissions.registrar_principal(by) or 'din huvudman'}.",
    )
    validate_document(upload)
    before = {"document": decision.document.name}
    decision.document = upload
    decision.save(update_fields=["document"])
    audit.record_write(
        actor=by,
        action="cases.attach_decision_document",
        target=decision,
        before=before,
        after={"document": decision.document.name},
        changes=audit.summary(
            principal=principal.pk, original_name=Path(upload.name).name[:255], size=upload.size
        ),
    )
    return decision


# --- Follow and remind ------------------------------------------------------------------------


@transaction.atomic
def follow(*, case: Case, by: User, at: datetime.datetime | None = None) -> None:
    permissions.require(by.is_authenticated)
    _, created = Follow.objects.get_or_create(
        case=case, user=by, defaults={"created_at": _moment(at)}
    )
    if created:
        audit.record_write(
            actor=by, action="cases.follow", target=case, changes={"following": [False, True]}
        )


@transaction.atomic
def unfollow(*, case: Case, by: User) -> None:
    deleted, _ = Follow.objects.filter(case=case, user=by).delete()
    if deleted:
        audit.record_write(
            actor=by, action="cases.unfollow", target=case, changes={"following": [True, False]}
        )


def send_reminders(
    *,
    today: datetime.date,
    days: int | None = None,
    in_digest: Callable[[list[int]], Collection[int]] | None = None,
) -> int:
    """R-C6: remind the registrars of principals that have not decided `days` after
    expedition: one mail per registrar listing every recommendation their principal still owes
    a decision on (not one mail per recommendation). A principal is reminded when one of its
    overdue decisions has not been reminded for a week; never twice on the same day
    (idempotent). Safe on several nodes at once (the `Reminder` rows per day, and `lib.jobs`).

    `in_digest` answers which of the given registrars get these reminders in their daily digest
    instead (the desk's digest lists the overdue decisions): they get no separate mail. Returns
    the number of mails sent."""
    with one_at_a_time("cases.send_reminders"):
        return _send_reminders(today=today, days=days, in_digest=in_digest)


def _reminder_mail(
    principal: Principal, addressees: list[Addressee], today: datetime.date
) -> tuple[str, str]:
    """The subject and body of one registrar's reminder: every overdue decision, oldest first."""
    lines = [
        (a.recommendation, (today - timezone.localtime(a.recommendation.expedited_at).date()).days)
        for a in addressees
    ]
    body = render_to_string(
        "cases/mail/reminder.txt",
        {
            "principal": principal,
            "lines": lines,
            "url": absolute_url(reverse("cases:registrar_inbox")),
        },
    )
    waiting = "rekommendation väntar" if len(lines) == 1 else "rekommendationer väntar"
    return f"Påminnelse: {len(lines)} {waiting} på beslut från {principal}", body


def _send_reminders(
    *,
    today: datetime.date,
    days: int | None,
    in_digest: Callable[[list[int]], Collection[int]] | None,
) -> int:
    cutoff = selectors.reminder_cutoff(today, days)
    recent = today - datetime.timedelta(days=REMINDER_INTERVAL_DAYS - 1)
    due = {
        addressee.principal_id
        for addressee in selectors.due_for_reminder(expedited_by=cutoff, reminded_since=recent)
    }
    if not due:
        return 0
    registrars = selectors.registrars_by_principal(due)
    digest = (
        set(in_digest([u.pk for users in registrars.values() for u in users]))
        if (in_digest and registrars)
        else set()
    )
    sent = 0
    reminded: list[int] = []
    overdue = selectors.overdue_for_principals(due, expedited_by=cutoff)
    for _, group in itertools.groupby(overdue, key=lambda a: a.principal_id):
        addressees = list(group)
        principal = addressees[0].principal
        addresses = [u.email for u in registrars.get(principal.pk, []) if u.pk not in digest]
        try:
            with transaction.atomic():
                # One row per listed decision: none of them is reminded again within the week.
                # A parallel run that reminded this principal today makes this insert fail.
                Reminder.objects.bulk_create(
                    Reminder(addressee=a, sent_on=today, recipients=len(addresses))
                    for a in addressees
                )
                if addresses:
                    send_after_commit(*_reminder_mail(principal, addressees, today), addresses)
        except IntegrityError:
            continue
        sent += len(addresses)
        reminded += [a.pk for a in addressees]
    if reminded:
        # One row for the run, not one per principal. Each principal's reminder committed on its
        # own above (its `Reminder` rows keep it from being sent twice); this row summarises.
        with transaction.atomic():
            audit.record_write(
                actor=None,
                action="cases.send_reminders",
                changes=audit.summary(sent_on=today, addressees=reminded, mails=sent),
            )
    return sent
