"""Every write about working groups (R-F1): set up, extend, deliver, close.

Each checks `accounts.permissions`, runs in one transaction (recording what it changed in the
audit trail there) and takes the moment of action as `at` (default: now), so the demo and the
tests need not back-date rows."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from accounts import permissions
from accounts.models import User
from audit import services as audit
from meetings import services as meeting_services
from meetings.models import ItemKind, Meeting
from structure.models import Group, GroupKind, Person
from workgroups.models import OPEN_STATUSES, Extension, Status, WorkingGroup

# What the audit trail shows of a working group.
STATE_FIELDS = (
    "name",
    "assignment",
    "set_up_by",
    "set_up_at",
    "set_up_on",
    "decision_reference",
    "convener",
    "due_on",
    "reports_to",
    "status",
    "report",
    "report_item",
    "delivered_on",
    "closed_on",
    "closing_note",
)

# Seeds: LSG, a beredning or Hjälpmedelsrådet sets up working groups.
SETTING_UP_KINDS = {GroupKind.OFFICIALS_GROUP, GroupKind.PREPARATORY_BODY}


def may_set_up_working_groups(group: Group) -> bool:
    return group.kind in SETTING_UP_KINDS or group.decides_itself


def closes_when_delivered(working_group: WorkingGroup) -> bool:
    """Hjälpmedelsrådet's working groups are not a fixed part of the structure."""
    return working_group.set_up_by.decides_itself


def _today(at: datetime.datetime | None) -> datetime.date:
    return timezone.localdate(at or timezone.now())


@transaction.atomic
def set_up_working_group(
    *,
    by: User,
    name: str,
    assignment: str,
    set_up_by: Group,
    set_up_on: datetime.date,
    decision_reference: str,
    convener: Person,
    due_on: datetime.date,
    reports_to: Group,
    members: Iterable[Person] = (),
    meeting: Meeting | None = None,
    at: datetime.datetime | None = None,
) -> WorkingGroup:
    permissions.require(permissions.can_manage_working_groups(by))
    today = _today(at)
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = "Ange arbetsgruppens namn."
    if not assignment.strip():
        errors["assignment"] = "Beskriv uppdraget så precist som möjligt."
    if not decision_reference.strip():
        errors["decision_reference"] = "Ange beslutet (t.ex. mötets datum och paragraf)."
    if not may_set_up_working_groups(set_up_by):
        errors["set_up_by"] = (
            "Arbetsgrupper tillsätts av tjänstepersonsgruppen på länsnivå, en beredning eller "
            "en grupp som beslutar själv."
        )
    if meeting is not None:
        if meeting.group_id != set_up_by.pk:
            errors["meeting"] = "Mötet hör till en annan grupp än den som tillsätter."
        else:
            set_up_on = meeting.local_date
    if set_up_on > today:
        errors["set_up_on"] = "Tillsättningsdagen kan inte ligga i framtiden."
    if due_on <= set_up_on:
        errors["due_on"] = "Leveransdatum måste ligga efter dagen då arbetsgruppen tillsattes."
    if errors:
        raise ValidationError(errors)
    working_group = WorkingGroup.objects.create(
        name=name.strip(),
        assignment=assignment.strip(),
        set_up_by=set_up_by,
        set_up_at=meeting,
        set_up_on=set_up_on,
        decision_reference=decision_reference.strip(),
        convener=convener,
        due_on=due_on,
        reports_to=reports_to,
        status=Status.SET_UP,
    )
    working_group.members.set({convener, *members})
    audit.record_write(
        actor=by,
        action="workgroups.set_up_working_group",
        target=working_group,
        after=audit.snapshot(working_group, [*STATE_FIELDS, "members"]),
    )
    return working_group


def _require_open(working_group: WorkingGroup) -> None:
    if working_group.status not in OPEN_STATUSES:
        raise ValidationError(
            f"Arbetsgruppen är redan {working_group.get_status_display().lower()}."
        )


@transaction.atomic
def extend_working_group(
    *,
    working_group: WorkingGroup,
    by: User,
    new_due_on: datetime.date,
    decided_on: datetime.date,
    decision_reference: str,
    at: datetime.datetime | None = None,
) -> Extension:
    permissions.require(permissions.can_manage_working_groups(by))
    working_group = WorkingGroup.objects.select_for_update().get(pk=working_group.pk)
    _require_open(working_group)
    errors: dict[str, str] = {}
    if new_due_on <= working_group.due_on:
        errors["new_due_on"] = (
            f"Det nya datumet måste ligga efter nuvarande leveransdatum "
            f"({working_group.due_on:%Y-%m-%d})."
        )
    if decided_on > _today(at):
        errors["decided_on"] = "Beslutsdatum kan inte ligga i framtiden."
    if decided_on < working_group.set_up_on:
        errors["decided_on"] = "Beslutet kan inte vara fattat innan gruppen tillsattes."
    if not decision_reference.strip():
        errors["decision_reference"] = "Ange beslutet (t.ex. mötets datum och paragraf)."
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(working_group, STATE_FIELDS)
    extension = Extension.objects.create(
        working_group=working_group,
        previous_due_on=working_group.due_on,
        new_due_on=new_due_on,
        decided_on=decided_on,
        decision_reference=decision_reference.strip(),
    )
    working_group.due_on = new_due_on
    working_group.status = Status.EXTENDED
    working_group.save(update_fields=["due_on", "status"])
    audit.record_write(
        actor=by,
        action="workgroups.extend_working_group",
        target=working_group,
        before=before,
        after=audit.snapshot(working_group, STATE_FIELDS),
        changes=audit.summary(
            extension=extension.pk,
            decided_on=decided_on,
            decision_reference=extension.decision_reference,
        ),
    )
    return extension


def next_open_meeting(group: Group, after: datetime.datetime) -> Meeting | None:
    """The receiving group's next meeting whose agenda is still open."""
    return (
        Meeting.objects.agenda_open()
        .filter(group=group, cancelled=False, starts_at__gte=after)
        .order_by("starts_at")
        .first()
    )


@transaction.atomic
def deliver_report(
    *,
    working_group: WorkingGroup,
    by: User,
    upload: UploadedFile,
    title: str = "",
    at: datetime.datetime | None = None,
) -> WorkingGroup:
    """The report becomes an information item, with the report as its paper, on the receiving
    group's next meeting; Hjälpmedelsrådet's working groups close on delivery."""
    permissions.require(permissions.can_manage_working_groups(by))
    working_group = WorkingGroup.objects.select_for_update().get(pk=working_group.pk)
    _require_open(working_group)
    moment = at or timezone.now()
    meeting = next_open_meeting(working_group.reports_to, moment)
    if meeting is None:
        raise ValidationError(
            f"{working_group.reports_to.name} har inget kommande möte att ta upp rapporten på. "
            "Boka ett möte först."
        )
    item = meeting_services.add_agenda_item(
        meeting=meeting,
        by=by,
        kind=ItemKind.INFORMATION,
        title=f"Rapport från {working_group.name}",
        description=working_group.assignment,
    )
    paper = meeting_services.attach_paper(
        item=item, by=by, upload=upload, title=title or f"Rapport: {working_group.name}"
    )
    today = timezone.localdate(moment)
    before = audit.snapshot(working_group, STATE_FIELDS)
    working_group.report = paper
    working_group.report_item = item
    working_group.delivered_on = today
    working_group.status = Status.DELIVERED
    if closes_when_delivered(working_group):
        working_group.status = Status.CLOSED
        working_group.closed_on = today
        working_group.closing_note = "Avslutad vid leverans."
    working_group.save()
    audit.record_write(
        actor=by,
        action="workgroups.deliver_report",
        target=working_group,
        before=before,
        after=audit.snapshot(working_group, STATE_FIELDS),
    )
    return working_group


@transaction.atomic
def close_working_group(
    *,
    working_group: WorkingGroup,
    by: User,
    note: str = "",
    at: datetime.datetime | None = None,
) -> WorkingGroup:
    permissions.require(permissions.can_manage_working_groups(by))
    working_group = WorkingGroup.objects.select_for_update().get(pk=working_group.pk)
    if working_group.status == Status.CLOSED:
        raise ValidationError("Arbetsgruppen är redan avslutad.")
    before = audit.snapshot(working_group, STATE_FIELDS)
    working_group.status = Status.CLOSED
    working_group.closed_on = _today(at)
    working_group.closing_note = note.strip()
    working_group.save(update_fields=["status", "closed_on", "closing_note"])
    audit.record_write(
        actor=by,
        action="workgroups.close_working_group",
        target=working_group,
        before=before,
        after=audit.snapshot(working_group, STATE_FIELDS),
    )
    return working_group
