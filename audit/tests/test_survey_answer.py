"""Survey answers are anonymous: answering records nothing in the audit trail – no row, no
actor, no time – also when the person answering is signed in (a coordinator is a member too).
The twin tests show the same round's other writes are recorded, so the check can fail."""

import datetime
import re

import pytest
from django.core import mail
from django.db.models import Sum
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent, EventKind
from followup import services
from followup.models import SurveyTally
from structure.models import Group
from testing.builders import coordinator_user, member_user

ALL_FOURS = {"E1": "4", "E2": "4", "E3": "4", "E4": "4", "E5": "4"}


def answers_counted() -> int:
    return SurveyTally.objects.aggregate(n=Sum("count"))["n"] or 0


@pytest.fixture
def charlie(structure):
    return coordinator_user("charlie")


@pytest.fixture
def tokens(charlie, django_capture_on_commit_callbacks):
    """A round for LSG with two members; their personal links' tokens."""
    member_user("alice", "lsg")
    member_user("bob", "lsg")
    with django_capture_on_commit_callbacks(execute=True):
        services.open_survey_round(
            by=charlie,
            title="Enkät",
            year=2026,
            closes_on=timezone.localdate() + datetime.timedelta(days=30),
            groups=Group.objects.filter(slug="lsg"),
        )
    return [re.search(r"/enkat/([\w-]+)/", m.body).group(1) for m in mail.outbox]


def test_opening_the_round_is_recorded_with_counts_and_no_person(tokens, charlie):
    event = AuditEvent.objects.get(action="followup.open_survey_round")
    assert event.user == charlie
    assert event.changes["invited"] == [None, 2]
    assert not any(t in repr(event.changes) for t in tokens)


def test_an_answer_leaves_no_audit_row(tokens):
    before = AuditEvent.objects.count()
    services.answer_survey(token=tokens[0], values={k: 4 for k in ALL_FOURS})
    assert answers_counted() == 5
    assert AuditEvent.objects.count() == before


def test_an_answer_by_a_signed_in_coordinator_leaves_no_row_for_the_write(tokens, charlie):
    client = Client()
    client.force_login(charlie)
    before = AuditEvent.objects.count()
    response = client.post(reverse("followup:survey_answer", args=[tokens[0]]), ALL_FOURS)
    assert response.status_code == 200 and answers_counted() == 5
    assert AuditEvent.objects.count() == before
    assert not AuditEvent.objects.filter(route="followup:survey_answer").exists()


def test_the_reminder_is_recorded_with_counts_only(tokens, charlie):
    services.answer_survey(token=tokens[0], values={k: 4 for k in ALL_FOURS})
    services.send_survey_reminders(by=charlie)
    event = AuditEvent.objects.get(action="followup.send_survey_reminders")
    assert event.user == charlie and event.kind == EventKind.WRITE
    # How many were reminded, never who: the reminded are those who had not answered.
    assert set(event.changes) == {"rounds", "reminded"}
    assert event.changes["reminded"] == [None, 1]
