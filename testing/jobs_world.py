"""A small world where every scheduled job has someone to mail (lib/tests/test_jobs.py)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from accounts.models import User
from cases import services as case_services
from cases.models import Recommendation
from followup.models import SurveyInvitation, SurveyRound
from meetings import services as meeting_services
from structure.models import Group, Principal
from testing.builders import coordinator_user, person, registrar_user, seat
from workgroups.models import Status, WorkingGroup


def adopted_long_ago(days: int = 70) -> Recommendation:
    """An LSG recommendation to all principals, adopted `days` ago and not yet expedited; one
    registrar per principal."""
    coordinator = coordinator_user("koord-jobb")
    lsg = Group.objects.get(slug="lsg")
    submitter = person("Sara", last_name="Jobbsson")
    seat(submitter, "lsg")
    moment = timezone.now() - datetime.timedelta(days=days)
    start = moment.replace(hour=9, minute=0, second=0, microsecond=0) - datetime.timedelta(days=1)
    meeting = meeting_services.book_meeting(
        group=lsg,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        form="in_person",
        location="Regionens hus",
        by=coordinator,
    )
    case = case_services.raise_case(
        group=lsg,
        by=coordinator,
        submitted_by=submitter,
        title="Gemensam rutin för SIP",
        description="Kort beskrivning.",
        proposal="Att ta fram en rutin.",
        raised_on=(moment - datetime.timedelta(days=10)).date(),
    )
    for principal in Principal.objects.all():
        registrar_user(f"reg-{principal.slug}", principal=principal.slug)
    return case_services.adopt_recommendation(
        case=case,
        meeting=meeting,
        by=coordinator,
        title="Rutin för SIP",
        decisions="att anta rutinen",
    )


def expedited_long_ago(days: int = 70) -> Recommendation:
    """The recommendation above, expedited `days` ago; no principal has decided."""
    recommendation = adopted_long_ago(days)
    case_services.expedite(
        recommendation=recommendation,
        by=User.objects.get(username="koord-jobb"),
        at=timezone.now() - datetime.timedelta(days=days),
    )
    return recommendation


def late_delivery(coordinators: int = 5) -> WorkingGroup:
    """A working group three days late: every coordinator's digest has it."""
    lsg = Group.objects.get(slug="lsg")
    today = timezone.localdate()
    for n in range(coordinators):
        coordinator_user(f"koord-{n}")
    return WorkingGroup.objects.create(
        name="AG sen",
        assignment="x",
        set_up_by=lsg,
        set_up_on=today - datetime.timedelta(days=90),
        decision_reference="§ 1",
        convener=person("Greta"),
        due_on=today - datetime.timedelta(days=3),
        reports_to=lsg,
        status=Status.SET_UP,
    )


def open_survey(people: int = 10) -> SurveyRound:
    """An open survey round whose invited people have not answered."""
    survey = SurveyRound.objects.create(
        title="Enkät om samverkan",
        year=timezone.localdate().year,
        closes_on=timezone.localdate() + datetime.timedelta(days=14),
        opened_at=timezone.now(),
    )
    for n in range(people):
        SurveyInvitation.objects.create(
            round=survey, person=person(f"Svar{n}"), token_hash=f"{n:064x}"
        )
    return survey
