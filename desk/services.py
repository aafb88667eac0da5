"""The daily digest: one mail per person with what is due for them (not one per item)."""

from __future__ import annotations

import datetime
from collections.abc import Collection

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts import permissions
from accounts.models import User
from audit import services as audit
from cases import selectors as case_selectors
from desk import duties, selectors
from desk.models import DigestSent, DigestSetting, DutyNote, NoteAction
from lib.jobs import one_at_a_time
from lib.mail import send_after_commit
from lib.site import absolute_url


def items_for(user: User, today: datetime.date, desk_duties: list[duties.Duty]) -> list[str]:
    """Lines of the digest: the desk's late and this-week duties for coordinators; for everyone
    their minutes to approve, meetings to prepare and (registrars) decisions past the reminder
    period."""
    lines = []
    if permissions.can_see_desk(user):
        due = [
            duty
            for duty in desk_duties
            if duty.due is not None and duties.bucket(duty, today) != duties.UPCOMING
        ]
        lines += [
            f"{duty.title} (väntar på {duty.waits_on_reader}, senast {duty.due:%Y-%m-%d})"
            for duty in due
            if not duties.is_older(duty, today)
        ]
        # Duties due more than a cycle ago are one line, as on the desk.
        if older := sum(duties.is_older(duty, today) for duty in due):
            lines.append(f"{older} äldre uppgifter, senast för mer än ett år sedan, på Att göra")
    page = selectors.own_page(user, today)
    lines += [
        f"Justera minnesanteckningarna från {m.meeting.display_title} "
        f"{m.meeting.local_date:%Y-%m-%d}"
        for m in page.to_approve
    ]
    lines += [
        f"Förbered {m.display_title} {m.local_date:%Y-%m-%d}: kallelsen är inte skickad"
        + (
            f" och sista dag för underlag ({m.paper_deadline:%Y-%m-%d}) har passerat"
            if m.pk in page.deadline_passed
            else ""
        )
        for m in page.to_prepare
        if not m.kallelse_sent_at
    ]
    # The decision reminders join the digest (cases.services.send_reminders sends no separate
    # mail to a registrar who gets it): the same overdue decisions, from the same selector.
    principal = permissions.registrar_principal(user)
    if principal is not None:
        lines += [
            f"Registrera beslut om {a.recommendation.case.register_number} "
            f"{a.recommendation.title} (expedierad "
            f"{timezone.localtime(a.recommendation.expedited_at):%Y-%m-%d})"
            for a in case_selectors.overdue_for_principals(
                [principal.pk], expedited_by=case_selectors.reminder_cutoff(today)
            )
        ]
    return lines


def receives_digest(user_ids: Collection[int]) -> set[int]:
    """Which of these users get the daily digest: it is on unless they turned it off."""
    off = DigestSetting.objects.filter(user_id__in=list(user_ids), enabled=False)
    return set(user_ids) - set(off.values_list("user_id", flat=True))


def send_digests(*, today: datetime.date) -> int:
    """Idempotent: a user who already got today's digest gets nothing more; users who turned
    it off, and users with nothing due, get nothing. Safe on several nodes at once (the
    `DigestSent` row per user and day, and `lib.jobs`)."""
    with one_at_a_time("desk.send_digests"):
        return _send_digests(today=today)


def _send_digests(*, today: datetime.date) -> int:
    off = set(DigestSetting.objects.filter(enabled=False).values_list("user_id", flat=True))
    done = set(DigestSent.objects.filter(sent_on=today).values_list("user_id", flat=True))
    users = User.objects.filter(is_active=True).exclude(email="").exclude(pk__in=off | done)
    # What the coordinators acknowledged or snoozed on the desk is not mailed again.
    desk_duties = selectors.open_duties(today, selectors.all_duties(today))
    sent = 0
    recipients: list[int] = []
    for user in users:
        lines = items_for(user, today, desk_duties)
        if not lines:
            continue
        try:
            with transaction.atomic():
                DigestSent.objects.create(user=user, sent_on=today, items=len(lines))
                body = render_to_string(
                    "desk/mail/digest.txt",
                    {
                        "user": user,
                        "lines": lines,
                        "url": absolute_url(
                            reverse("desk:desk" if permissions.can_see_desk(user) else "desk:mine")
                        ),
                        "mine_url": absolute_url(reverse("desk:mine")),
                    },
                )
                send_after_commit(f"Att göra i samverkan {today:%Y-%m-%d}", body, [user.email])
        except IntegrityError:  # a parallel run got there first
            continue
        sent += 1
        recipients.append(user.pk)
    if recipients:
        # One row for the run, not one per person. Each digest committed on its own above (its
        # `DigestSent` row keeps it from being sent twice); this row summarises them.
        with transaction.atomic():
            audit.record_write(
                actor=None,
                action="desk.send_digests",
                changes=audit.summary(sent_on=today, users=recipients),
            )
    return sent


@transaction.atomic
def set_digest(*, by: User, enabled: bool) -> DigestSetting:
    permissions.require(permissions.can_have_own_page(by))
    earlier = DigestSetting.objects.filter(user=by).values_list("enabled", flat=True).first()
    setting, _ = DigestSetting.objects.update_or_create(user=by, defaults={"enabled": enabled})
    audit.record_write(
        actor=by,
        action="desk.set_digest",
        target=setting,
        changes={"enabled": [True if earlier is None else earlier, enabled]},
    )
    return setting


# A snooze is for days or months; a duty put off longer than this is to be acknowledged instead.
SNOOZE_MAX_DAYS = 366


@transaction.atomic
def note_duty(
    *,
    by: User,
    duty: duties.Duty,
    action: str,
    reason: str,
    until: datetime.date | None = None,
    at: datetime.datetime | None = None,
) -> DutyNote:
    """A coordinator acknowledges a duty of the desk, or snoozes it until a day, with a reason:
    kept as the duty's history (the latest note decides how the desk shows it)."""
    permissions.require(permissions.can_see_desk(by))
    moment = at or timezone.now()
    today = timezone.localdate(moment)
    reason = reason.strip()
    errors: dict[str, str] = {}
    if action not in NoteAction.values:
        errors["action"] = "Okänd åtgärd."
    if not duty.key:
        errors["key"] = "Uppgiften kan inte kvitteras eller skjutas upp."
    if not reason:
        errors["reason"] = "Skriv varför."
    elif len(reason) > DutyNote.REASON_MAX:
        errors["reason"] = f"Skriv högst {DutyNote.REASON_MAX} tecken."
    if action == NoteAction.SNOOZED:
        if until is None:
            errors["until"] = "Välj till vilken dag uppgiften skjuts upp."
        elif until <= today:
            errors["until"] = "Välj en dag efter i dag."
        elif until > today + datetime.timedelta(days=SNOOZE_MAX_DAYS):
            errors["until"] = "En uppgift kan skjutas upp högst ett år; kvittera den i stället."
    elif until is not None:
        errors["until"] = "Bara en uppgift som skjuts upp har ett datum."
    if errors:
        raise ValidationError(errors)
    note = DutyNote.objects.create(
        key=duty.key,
        kind=duty.kind,
        title=duty.title[:300],
        action=action,
        reason=reason,
        until=until,
        by=by,
        at=moment,
    )
    audit.record_write(
        actor=by,
        action="desk.acknowledge_duty" if action == NoteAction.ACKNOWLEDGED else "desk.snooze_duty",
        target=note,
        after=audit.snapshot(note),
    )
    return note
