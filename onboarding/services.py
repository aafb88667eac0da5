"""Reporting a new member and working through their onboarding checklist (R-M4)."""

from __future__ import annotations

import contextlib
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts import permissions
from accounts.models import User
from audit import services as audit
from lib.mail import send_after_commit
from lib.site import absolute_url
from meetings.models import CalendarFeed, Meeting
from meetings.services import coordinator_addresses
from onboarding import selectors
from onboarding.models import STEPS, NewMember
from structure import services as structure_services
from structure.models import Group, Membership, Person, Principal


@transaction.atomic
def report_new_member(
    *,
    by: User,
    group: Group,
    first_name: str,
    last_name: str,
    email: str,
    principal: Principal,
    kind: str,
    note: str = "",
    at: datetime.datetime | None = None,
) -> NewMember:
    permissions.require(
        permissions.can_report_new_member(by, group),
        "Du kan bara anmäla nya ledamöter i grupper där du själv sitter.",
    )
    if not (first_name.strip() and last_name.strip()):
        raise ValidationError({"last_name": "Ange för- och efternamn."})
    new_member = NewMember.objects.create(
        group=group,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email.strip(),
        principal=principal,
        kind=kind,
        note=note.strip(),
        reported_by=by,
        reported_at=at or timezone.now(),
    )
    audit.record_write(
        actor=by,
        action="onboarding.report_new_member",
        target=new_member,
        after=audit.snapshot(new_member),
    )
    body = render_to_string(
        "onboarding/mail/reported.txt",
        {"new_member": new_member, "url": absolute_url(new_member.get_absolute_url())},
    )
    send_after_commit(
        f"Ny ledamot i {group.name}: {new_member.full_name}", body, coordinator_addresses()
    )
    return new_member


def _today(at: datetime.datetime | None) -> datetime.date:
    return timezone.localdate(at or timezone.now())


@transaction.atomic
def link_person(
    *, by: User, new_member: NewMember, person: Person, at: datetime.datetime | None = None
) -> NewMember:
    """The person (entered in the structure) with their contact details: the first step."""
    permissions.require(permissions.can_onboard(by))
    if not person.email:
        raise ValidationError(
            {"person": "Personen saknar e-postadress; lägg in kontaktuppgifterna."}
        )
    fields = ("person", "contact_details_on")
    before = audit.snapshot(new_member, fields)
    new_member.person = person
    new_member.contact_details_on = new_member.contact_details_on or _today(at)
    new_member.save(update_fields=list(fields))
    audit.record_write(
        actor=by,
        action="onboarding.link_person",
        target=new_member,
        before=before,
        after=audit.snapshot(new_member, fields),
    )
    return new_member


class SeatFlagged(ValidationError):
    """The checklist cannot be closed: the rules check flags the new member's seat."""


def _refuse_closing_while_flagged(new_member: NewMember, step: str, today: datetime.date) -> None:
    """The seat step, and the step that would close the checklist, wait until the rules check
    no longer flags the new member's seat (e.g. a seat without its substitute)."""
    closing = all(new_member.done_on(other) for other in STEPS if other != step)
    if step != "membership" and not closing:
        return
    flags = selectors.seat_flags(new_member, today)
    if flags:
        raise SeatFlagged(
            "Listan kan inte bli klar ännu: regelkontrollen flaggar platsen – "
            + " ".join(b.message for b in flags)
        )


@transaction.atomic
def seat_from_report(
    *, by: User, new_member: NewMember, at: datetime.datetime | None = None, **seat: object
) -> structure_services.SeatChange:
    """The person and the seat of a reported new member, in one go through
    `structure.services.fill_seat` (`seat`: its arguments); the checklist's first step is done
    with it, and the seat step too unless the rules check flags the seat."""
    permissions.require(permissions.can_onboard(by))
    group = seat.get("group")
    if getattr(group, "pk", None) != new_member.group_id:
        raise ValidationError(
            {"group": f"{new_member.full_name} är anmäld till {new_member.group.name}."}
        )
    change = structure_services.fill_seat(by=by, **seat)
    membership = change.membership
    link_person(by=by, new_member=new_member, person=membership.person, at=at)
    if membership.is_current(_today(at)) and new_member.membership_on is None:
        # While the rules check flags the seat the step waits; the checklist says why.
        with contextlib.suppress(SeatFlagged):
            complete_step(by=by, new_member=new_member, step="membership", at=at)
    return change


@transaction.atomic
def complete_step(
    *, by: User, new_member: NewMember, step: str, at: datetime.datetime | None = None
) -> NewMember:
    permissions.require(permissions.can_onboard(by))
    today = _today(at)
    if step not in STEPS:
        raise ValidationError("Okänt steg.")
    if step in ("contact_details", "membership") and new_member.person_id is None:
        raise ValidationError("Koppla den nya ledamoten till en person i strukturen först.")
    if (
        step == "membership"
        and not Membership.objects.current(today)
        .filter(person_id=new_member.person_id, group_id=new_member.group_id)
        .exists()
    ):
        raise ValidationError(
            f"{new_member.full_name} har inget registrerat uppdrag i {new_member.group.name}. "
            "Registrera uppdraget (och ersättarkopplingen) först."
        )
    _refuse_closing_while_flagged(new_member, step, today)
    field = f"{step}_on"
    before = audit.snapshot(new_member, [field])
    setattr(new_member, field, today)
    new_member.save(update_fields=[field])
    audit.record_write(
        actor=by,
        action="onboarding.complete_step",
        target=new_member,
        before=before,
        after=audit.snapshot(new_member, [field]),
    )
    return new_member


@transaction.atomic
def send_welcome(
    *, by: User, new_member: NewMember, at: datetime.datetime | None = None
) -> NewMember:
    """The welcome mail: the group's mandate, its coming meetings and the personal calendar
    link. Sending it completes the "mandate and meeting forms sent" step."""
    permissions.require(permissions.can_onboard(by))
    person = new_member.person
    if person is None or not person.email:
        raise ValidationError("Koppla den nya ledamoten till en person med e-postadress först.")
    moment = at or timezone.now()
    _refuse_closing_while_flagged(new_member, "forms", timezone.localdate(moment))
    group = new_member.group
    feed, feed_created = CalendarFeed.objects.get_or_create(person=person)
    meetings = Meeting.objects.filter(group=group, cancelled=False, starts_at__gte=moment).order_by(
        "starts_at"
    )[:6]
    body = render_to_string(
        "onboarding/mail/welcome.txt",
        {
            "person": person,
            "group": group,
            "mandate": group.current_mandate(timezone.localdate(moment)),
            "meetings": meetings,
            "calendar_url": absolute_url(reverse("meetings:member_feed", args=[feed.token])),
        },
    )
    send_after_commit(f"Välkommen till {group.name}", body, [person.email])
    before = audit.snapshot(new_member, ["forms_on"])
    new_member.forms_on = timezone.localdate(moment)
    new_member.save(update_fields=["forms_on"])
    audit.record_write(
        actor=by,
        action="onboarding.send_welcome",
        target=new_member,
        before=before,
        after=audit.snapshot(new_member, ["forms_on"]),
        # The calendar address is secret: only whether one was made for the mail.
        changes=audit.summary(to=person.pk, calendar_feed_created=feed_created),
    )
    return new_member
