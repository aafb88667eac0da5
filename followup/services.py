"""Every write of the follow-up: survey rounds, answers and reminders, goal follow-ups.

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
from django.db.models import F, Value, When
from django.urls import reverse
from django.utils import timezone

from accounts import permissions
from accounts.models import User
from followup import measures, selectors
from followup.goals import EFFECT_GOAL_CODES
from followup.models import (
    FollowUpDecision,
    Goal,
    GoalFollowUp,
    SurveyAnswer,
    SurveyInvitation,
    SurveyRound,
)
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


def _mail_link(*, invitation: SurveyInvitation, token: str, reminder: bool) -> None:
    survey = invitation.round
    opening = "Påminnelse: " if reminder else ""
    body = (
        f"Hej {invitation.person.first_name}!\n\n"
        f"Du är inbjuden att svara på enkäten {survey.title} om hur samverkan inom vård och "
        f"omsorg{_in_county()} fungerar. Den har fem påståenden och tar någon minut.\n\n"
        f"Din personliga länk (den fungerar en gång):\n{_survey_url(token)}\n\n"
        f"Sista svarsdag: {survey.closes_on:%Y-%m-%d}.\n\n"
        "Svaren är anonyma: vi sparar att du har svarat, aldrig vad du svarade. Resultat visas "
        "bara när minst fem personer har svarat.\n"
    )
    if reminder:
        body += "\nDen här länken ersätter länken i det första utskicket.\n"
    send_after_commit(f"{opening}Enkät: {survey.title}", body, [invitation.person.email])


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
) -> SurveyRound:
    """R-F4: create the round, invite the current members of the groups, mail each a link."""
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
        survey = SurveyRound.objects.create(
            title=title,
            year=year,
            closes_on=closes_on,
            scale_max=scale_max,
            satisfied_from=satisfied_from,
            opened_at=timezone.now(),
            opened_by=by,
        )
        for person in people:
            token, digest = _new_token()
            invitation = SurveyInvitation.objects.create(
                round=survey, person=person, token_hash=digest
            )
            _mail_link(invitation=invitation, token=token, reminder=False)
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


def answer_survey(
    *, token: str, values: dict[str, int], today: datetime.date | None = None
) -> None:
    """Store the answers without anything that points to the person, and mark the link used.

    The answers get no key to the invitation and no time; the invitation only learns that it
    was used (every invitation of the round is rewritten with it, see below). Both happen in
    one transaction, so a link cannot be used twice (the row lock
    makes a second, parallel submission wait and then fail)."""
    with transaction.atomic():
        invitation = invitation_for_token(token, today)
        invitation = SurveyInvitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.answered:
            raise SurveyLinkInvalid
        survey = invitation.round
        if set(values) != set(EFFECT_GOAL_CODES) or not all(
            1 <= v <= survey.scale_max for v in values.values()
        ):
            raise ValidationError("Svara på alla påståenden med ett värde på skalan.")
        SurveyAnswer.objects.bulk_create(
            SurveyAnswer(round=survey, goal=code, value=values[code]) for code in EFFECT_GOAL_CODES
        )
        # Rewrite every invitation of the round, not only this one: on PostgreSQL a row
        # carries the id of the transaction that last wrote it (xmin), which would otherwise
        # pair this invitation with the answers inserted in the same transaction.
        SurveyInvitation.objects.filter(round=survey).update(
            answered=DbCase(When(pk=invitation.pk, then=Value(True)), default=F("answered"))
        )


def send_survey_reminders(*, today: datetime.date | None = None) -> int:
    """R-F4: one reminder to everyone who has not answered a round that is still open. The
    stored hash cannot be turned back into the first link, so the reminder carries a new link
    that replaces it. Running it again sends nothing (each invitation is reminded once), also
    on several nodes at once (the invitation rows are locked, and `lib.jobs`)."""
    today = today or timezone.localdate()
    sent = 0
    with one_at_a_time("followup.send_survey_reminders"), transaction.atomic():
        pending = (
            SurveyInvitation.objects.select_for_update()
            .select_related("round", "person")
            .filter(
                answered=False,
                reminded=False,
                round__opened_at__isnull=False,
                round__closes_on__gte=today,
            )
        )
        for invitation in pending:
            token, digest = _new_token()
            invitation.token_hash = digest
            invitation.reminded = True
            invitation.save(update_fields=["token_hash", "reminded"])
            _mail_link(invitation=invitation, token=token, reminder=True)
            sent += 1
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
    return follow_up
