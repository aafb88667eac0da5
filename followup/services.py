"""Every write of the follow-up: survey rounds, answers (as counts) and reminders, goal
follow-ups.

Each records what it changed in the audit trail in its transaction, except a survey answer:
answers are anonymous, so answering records nothing at all (see `answer_survey`).

Indicator values are written by `followup.imports`; indicators, priorities, goals and
agreements are maintained in the admin (with history).
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case as DbCase
from django.db.models import F, PositiveIntegerField, Q, Value, When
from django.urls import reverse
from django.utils import timezone

from accounts import permissions
from accounts.models import User
from audit import services as audit
from followup import measures, selectors
from followup.goals import EFFECT_GOAL_CODES
from followup.models import (
    FollowUpDecision,
    Goal,
    GoalFollowUp,
    SurveyInvitation,
    SurveyRound,
    SurveyTally,
)
from lib import mass_mail
from lib.jobs import one_at_a_time
from lib.mail import send_after_commit
from structure import county
from structure.models import Group


class SurveyLinkInvalid(Exception):
    """The link is unknown, already used, or its round has closed (all look the same)."""


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def _survey_url(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("followup:survey_answer", args=[token])


def _in_county() -> str:
    """ " i " and the county's short name, from the structure data (empty before one is
    loaded)."""
    short_name = county.current().short_name
    return f" i {short_name}" if short_name else ""


# The preview cannot show the personal link: it is made (and only its hash stored) when the
# mail is sent.
LINK_PLACEHOLDER = "(din personliga länk skapas när utskicket bekräftas)"


def _link_mail(
    *, first_name: str, title: str, closes_on: datetime.date, url: str, reminder: bool
) -> tuple[str, str]:
    """The subject and body of a survey link mail: the same text for the preview and the send."""
    opening = "Påminnelse: " if reminder else ""
    body = (
        f"Hej {first_name}!\n\n"
        f"Du är inbjuden att svara på enkäten {title} om hur samverkan inom vård och "
        f"omsorg{_in_county()} fungerar. Den har fem påståenden och tar någon minut.\n\n"
        f"Din personliga länk (den fungerar en gång):\n{url}\n\n"
        f"Sista svarsdag: {closes_on:%Y-%m-%d}.\n\n"
        "Svaren är anonyma: vi sparar att du har svarat, aldrig vad du svarade. Resultat visas "
        "bara när minst fem personer har svarat.\n"
    )
    if reminder:
        body += "\nDen här länken ersätter länken i det första utskicket.\n"
    return f"{opening}Enkät: {title}", body


def _mail_link(*, invitation: SurveyInvitation, token: str, reminder: bool) -> None:
    survey = invitation.round
    subject, body = _link_mail(
        first_name=invitation.person.first_name,
        title=survey.title,
        closes_on=survey.closes_on,
        url=_survey_url(token),
        reminder=reminder,
    )
    send_after_commit(subject, body, [invitation.person.email])


def _round_mails(
    people: Iterable, *, title: str, closes_on: datetime.date
) -> list[mass_mail.Outgoing]:
    return [
        mass_mail.Outgoing(
            person.full_name,
            person.email,
            *_link_mail(
                first_name=person.first_name,
                title=title,
                closes_on=closes_on,
                url=LINK_PLACEHOLDER,
                reminder=False,
            ),
        )
        for person in people
    ]


def preview_survey_round(
    *,
    by: User,
    title: str,
    closes_on: datetime.date,
    groups: Iterable[Group],
    today: datetime.date | None = None,
) -> mass_mail.MailPreview:
    """Who would get a link if the round were opened now, and the mail each would get. Writes
    and sends nothing."""
    permissions.require(permissions.can_manage_followup(by))
    today = today or timezone.localdate()
    people = selectors.survey_people(groups, today)
    return mass_mail.MailPreview(_round_mails(people, title=title, closes_on=closes_on))


def open_survey_round(
    *,
    by: User,
    title: str,
    year: int,
    closes_on: datetime.date,
    groups: Iterable[Group],
    scale_max: int = 5,
    satisfied_from: int = 4,
    today: datetime.date | None = None,
    expect: str | None = None,
) -> SurveyRound:
    """R-F4: create the round, invite the current members of the groups, mail each a link.
    `expect`: the fingerprint of the preview the coordinator confirmed; the round is not opened
    (`mass_mail.RecipientsChanged`) if the recipients or the text differ from it now."""
    permissions.require(permissions.can_manage_followup(by))
    today = today or timezone.localdate()
    if closes_on < today:
        raise ValidationError({"closes_on": "Sista svarsdag kan inte ha passerat."})
    if not 1 <= satisfied_from <= scale_max:
        raise ValidationError({"satisfied_from": "Nöjd-gränsen måste ligga på skalan."})
    with transaction.atomic():
        people = selectors.survey_people(groups, today)
        if not people:
            raise ValidationError("Ingen i de valda grupperna har en e-postadress.")
        mass_mail.check(_round_mails(people, title=title, closes_on=closes_on), expect)
        survey = SurveyRound.objects.create(
            title=title,
            year=year,
            closes_on=closes_on,
            scale_max=scale_max,
            satisfied_from=satisfied_from,
            opened_at=timezone.now(),
            opened_by=by,
        )
        _ensure_tallies(survey)
        for person in people:
            token, digest = _new_token()
            invitation = SurveyInvitation.objects.create(
                round=survey, person=person, token_hash=digest
            )
            _mail_link(invitation=invitation, token=token, reminder=False)
        # Counts only: who was invited, and later who was reminded, would tell who answered.
        audit.record_write(
            actor=by,
            action="followup.open_survey_round",
            target=survey,
            after=audit.snapshot(survey),
            changes=audit.summary(groups=[g.pk for g in groups], invited=len(people)),
        )
    return survey


def invitation_for_token(token: str, today: datetime.date | None = None) -> SurveyInvitation:
    """The unused invitation behind a link of an open round, or SurveyLinkInvalid."""
    invitation = (
        SurveyInvitation.objects.select_related("round")
        .filter(token_hash=hash_token(token), answered=False)
        .first()
    )
    if invitation is None or invitation.round.closes_on < (today or timezone.localdate()):
        raise SurveyLinkInvalid
    return invitation


def _ensure_tallies(survey: SurveyRound) -> None:
    """A zero count for every effect goal and every value of the round's scale, all created
    together when the round opens. An answer then only updates rows: an insert during an
    answer would show that this value had not been chosen before."""
    existing = set(SurveyTally.objects.filter(round=survey).values_list("goal", "value"))
    SurveyTally.objects.bulk_create(
        SurveyTally(round=survey, goal=code, value=value)
        for code in EFFECT_GOAL_CODES
        for value in range(1, survey.scale_max + 1)
        if (code, value) not in existing
    )


def answer_survey(
    *, token: str, values: dict[str, int], today: datetime.date | None = None
) -> None:
    """Count the answers without anything that points to the person, and mark the link used.

    The answers only add one to the round's counts (`SurveyTally`): no row, key, time or order
    of their own. The invitation only learns that it was used. Both happen in one transaction,
    so a link cannot be used twice (the round's row lock makes a second, parallel submission
    wait and then fail). The logs carry the link's route, not its token (`lib.redact`).

    On purpose, unlike every other write, this records nothing in the audit trail: no row, no
    actor, no time. A row would pair a person (signed in, or the moment of the link's use) with
    the answers."""
    with transaction.atomic():
        invitation = invitation_for_token(token, today)
        # One answer of a round at a time. Without this, two answers could each lock their own
        # invitation and then wait for each other in the rewrite of all invitations below.
        survey = SurveyRound.objects.select_for_update().get(pk=invitation.round_id)
        invitation = SurveyInvitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.answered:
            raise SurveyLinkInvalid
        if set(values) != set(EFFECT_GOAL_CODES) or not all(
            1 <= v <= survey.scale_max for v in values.values()
        ):
            raise ValidationError("Svara på alla påståenden med ett värde på skalan.")
        _ensure_tallies(survey)
        chosen = Q()
        for code in EFFECT_GOAL_CODES:
            chosen |= Q(goal=code, value=values[code])
        # Every count of the round is rewritten (plus one or plus zero), and so is every
        # invitation: on PostgreSQL a row carries the id of the transaction that last wrote it
        # (xmin), which would otherwise single out the five counts this answer raised and the
        # one invitation it used. After each answer all of them carry the same id.
        SurveyTally.objects.filter(round=survey).update(
            count=F("count")
            + DbCase(
                When(chosen, then=Value(1)),
                default=Value(0),
                output_field=PositiveIntegerField(),
            )
        )
        SurveyInvitation.objects.filter(round=survey).update(
            answered=DbCase(When(pk=invitation.pk, then=Value(True)), default=F("answered"))
        )


def _pending_reminders(today: datetime.date):
    """Invitations still to be reminded: not answered, not reminded, of a round still open."""
    return SurveyInvitation.objects.filter(
        answered=False,
        reminded=False,
        round__opened_at__isnull=False,
        round__closes_on__gte=today,
    )


def _reminder_mails(invitations: Iterable[SurveyInvitation]) -> list[mass_mail.Outgoing]:
    """What the preview and the confirmation compare: one mail per invitation, by its id (the
    link is new for each). The names stay out of the preview (see `preview_survey_reminders`)."""
    return [
        mass_mail.Outgoing(
            "",
            str(invitation.pk),
            *_link_mail(
                first_name="",
                title=invitation.round.title,
                closes_on=invitation.round.closes_on,
                url=LINK_PLACEHOLDER,
                reminder=True,
            ),
        )
        for invitation in invitations
    ]


def preview_survey_reminders(
    *, by: User, today: datetime.date | None = None
) -> mass_mail.MailPreview:
    """How many reminders each open round would send, and the text, never to whom: those who
    get a reminder are exactly those who have not answered (the audit trail keeps counts only
    for the same reason). Writes and sends nothing."""
    permissions.require(permissions.can_manage_followup(by))
    today = today or timezone.localdate()
    invitations = list(_pending_reminders(today).select_related("round").order_by("round", "pk"))
    mails = _reminder_mails(invitations)
    rounds: dict[int, tuple[str, int]] = {}
    for invitation in invitations:
        title, n = rounds.get(invitation.round_id, (invitation.round.title, 0))
        rounds[invitation.round_id] = (title, n + 1)
    sample = None
    if invitations:
        survey = invitations[0].round
        sample = mass_mail.Outgoing(
            "",
            "",
            *_link_mail(
                first_name="(förnamn)",
                title=survey.title,
                closes_on=survey.closes_on,
                url=LINK_PLACEHOLDER,
                reminder=True,
            ),
        )
    return mass_mail.MailPreview(mails, named=False, sample=sample, groups=list(rounds.values()))


def send_survey_reminders(
    *, today: datetime.date | None = None, by: User | None = None, expect: str | None = None
) -> int:
    """R-F4: one reminder to everyone who has not answered a round that is still open. The
    stored hash cannot be turned back into the first link, so the reminder carries a new link
    that replaces it. Running it again sends nothing (each invitation is reminded once), also
    on several nodes at once (the invitation rows are locked, and `lib.jobs`). `by` is the
    coordinator who pressed the button; None when the scheduled command runs. `expect`: the
    fingerprint of the preview the coordinator confirmed (`mass_mail.RecipientsChanged` if the
    reminders to send differ from it now)."""
    today = today or timezone.localdate()
    sent = 0
    rounds: set[int] = set()
    with one_at_a_time("followup.send_survey_reminders"), transaction.atomic():
        pending = list(
            _pending_reminders(today)
            .select_for_update()
            .select_related("round", "person")
            .order_by("round", "pk")
        )
        mass_mail.check(_reminder_mails(pending), expect)
        for invitation in pending:
            token, digest = _new_token()
            invitation.token_hash = digest
            invitation.reminded = True
            invitation.save(update_fields=["token_hash", "reminded"])
            _mail_link(invitation=invitation, token=token, reminder=True)
            rounds.add(invitation.round_id)
            sent += 1
        if sent:
            # Counts only, never who: the reminded are exactly those who had not answered.
            audit.record_write(
                actor=by,
                action="followup.send_survey_reminders",
                changes=audit.summary(rounds=rounds, reminded=sent),
            )
    return sent


def record_goal_follow_up(
    *, by: User, goal: Goal, year: int, decision: str, note: str = ""
) -> GoalFollowUp:
    """R-F2: the seminar's yearly follow-up of a goal; the status comes from the latest value.
    Recording the same year again updates it (the history keeps the earlier version)."""
    permissions.require(permissions.can_manage_followup(by))
    if decision not in FollowUpDecision.values:
        raise ValidationError({"decision": "Välj ett beslut."})
    latest = selectors.latest_value(goal.indicator_id, goal.area)
    status = measures.goal_status(
        baseline=goal.baseline_value,
        target=goal.target_value,
        latest=latest[1] if latest else None,
        higher_is_better=goal.indicator.higher_is_better,
    )
    with transaction.atomic():
        earlier = GoalFollowUp.objects.select_for_update().filter(goal=goal, year=year).first()
        follow_up, _ = GoalFollowUp.objects.update_or_create(
            goal=goal,
            year=year,
            defaults={
                "latest_year": latest[0] if latest else None,
                "latest_value": latest[1] if latest else None,
                "status": status,
                "decision": decision,
                "note": note,
            },
        )
        audit.record_write(
            actor=by,
            action="followup.record_goal_follow_up",
            target=follow_up,
            before=audit.snapshot(earlier) if earlier else None,
            after=audit.snapshot(follow_up),
        )
    return follow_up
