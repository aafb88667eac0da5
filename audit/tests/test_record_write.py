"""`record_write`: one row per write, with the actor and the values before and after, in the
write's own transaction – a rolled-back write leaves no row, and a row that cannot be written
takes the write with it."""

import datetime

import pytest
from django.db import OperationalError, connection, transaction
from django.test import Client
from django.urls import reverse

from audit import services as audit
from audit.models import AuditEvent, EventKind
from lib.dates import TZ
from meetings import services as meeting_services
from meetings.models import Meeting
from structure.models import Group
from testing.builders import coordinator_user, member_user


def at(day: int, hour: int) -> datetime.datetime:
    return datetime.datetime(2027, 3, day, hour, tzinfo=TZ)


@pytest.fixture
def charlie(structure):
    return coordinator_user("charlie")


@pytest.fixture
def meeting(charlie):
    return meeting_services.book_meeting(
        group=Group.objects.get(slug="lsg"),
        starts_at=at(11, 9),
        ends_at=at(11, 12),
        form="in_person",
        location="Umeå",
        by=charlie,
    )


def reschedule(meeting, by, day=12):
    return meeting_services.reschedule_meeting(
        meeting=meeting,
        by=by,
        starts_at=at(day, 13),
        ends_at=at(day, 15),
        form="in_person",
        location="Skellefteå",
    )


def test_a_write_records_its_actor_and_what_changed(charlie, meeting):
    reschedule(meeting, charlie)
    event = AuditEvent.objects.get(action="meetings.reschedule_meeting")
    assert (event.kind, event.user, event.username) == (EventKind.WRITE, charlie, "charlie")
    assert event.target == f"meetings.Meeting:{meeting.pk}"
    assert event.changes == {
        "starts_at": [at(11, 9).isoformat(), at(12, 13).isoformat()],
        "ends_at": [at(11, 12).isoformat(), at(12, 15).isoformat()],
        "location": ["Umeå", "Skellefteå"],
    }


def test_a_creation_records_the_new_values(charlie, meeting):
    event = AuditEvent.objects.get(action="meetings.book_meeting")
    assert event.target == f"meetings.Meeting:{meeting.pk}"
    assert event.changes["location"] == [None, "Umeå"]
    assert event.changes["group"] == [None, meeting.group_id]  # a foreign key as its id


def test_a_rolled_back_write_leaves_no_audit_row(charlie, meeting):
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        reschedule(meeting, charlie)
        1 / 0  # noqa: B018 – whatever fails after the service, in the caller's transaction
    meeting.refresh_from_db()
    assert meeting.location == "Umeå"
    assert not AuditEvent.objects.filter(action="meetings.reschedule_meeting").exists()


@pytest.fixture
def audit_fails(monkeypatch):
    """Writing a write's audit row fails as SQLite fails when another writer holds the lock."""
    create = AuditEvent.objects.create

    def locked(**kwargs):
        if kwargs["kind"] == EventKind.WRITE:
            raise OperationalError("database is locked")
        return create(**kwargs)

    monkeypatch.setattr(AuditEvent.objects, "create", locked)


def test_a_failing_audit_row_rolls_the_write_back(charlie, meeting, audit_fails):
    with pytest.raises(OperationalError):
        reschedule(meeting, charlie)
    meeting.refresh_from_db()
    assert (meeting.location, meeting.starts_at, meeting.ical_sequence) == ("Umeå", at(11, 9), 0)


def test_a_page_never_reports_failure_for_a_write_that_was_saved(charlie, meeting, audit_fails):
    client = Client(raise_request_exception=False)
    client.force_login(charlie)
    response = client.post(
        reverse("meetings:meeting_reschedule", args=[meeting.pk]),
        {
            "tid-date": "2027-03-12",
            "tid-start": "13:00",
            "tid-end": "15:00",
            "tid-form": "in_person",
            "tid-location": "Skellefteå",
        },
    )
    # On SQLite a locked database is answered "försök igen" (lib/locked.py), elsewhere an error.
    assert response.status_code == (503 if connection.vendor == "sqlite" else 500)
    meeting.refresh_from_db()
    assert meeting.location == "Umeå"  # the failure answered is true: nothing was saved


def test_the_same_page_saves_and_records_when_the_audit_row_can_be_written(charlie, meeting):
    client = Client()
    client.force_login(charlie)
    response = client.post(
        reverse("meetings:meeting_reschedule", args=[meeting.pk]),
        {
            "tid-date": "2027-03-12",
            "tid-start": "13:00",
            "tid-end": "15:00",
            "tid-form": "in_person",
            "tid-location": "Skellefteå",
        },
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="meetings.reschedule_meeting")
    assert (event.route, event.ip_address) == ("meetings:meeting_reschedule", "127.0.0.1")


def test_recording_outside_a_transaction_is_a_bug_the_tests_catch(charlie):
    """The test's own transaction does not count: a service without `transaction.atomic`
    fails here as it would write outside one in production."""
    with pytest.raises(audit.AuditOutsideTransaction):
        audit.record_write(actor=charlie, action="test.forgot_the_transaction")
    with transaction.atomic():
        audit.record_write(actor=charlie, action="test.inside_a_transaction")
    assert list(AuditEvent.objects.values_list("action", flat=True)) == [
        "test.inside_a_transaction"
    ]


def test_the_system_is_the_actor_of_commands_and_jobs(db):
    with transaction.atomic():
        event = audit.record_write(actor=None, action="test.job", changes=audit.summary(sent=3))
    assert (event.user, event.username, event.ip_address, event.route) == (None, "", None, "")
    assert event.changes == {"sent": [None, 3]}


def test_secrets_never_reach_the_trail(structure):
    alice = member_user("alice", "lsg")
    feed = meeting_services.create_calendar_feed(by=alice)
    event = AuditEvent.objects.get(action="meetings.create_calendar_feed")
    assert (event.user, event.target) == (alice, f"meetings.CalendarFeed:{feed.pk}")
    assert event.changes["person"] == [None, alice.person_id]
    assert "token" not in event.changes and feed.token not in repr(event.changes)


def test_json_values_dates_files_and_many_objects(meeting):
    assert audit.json_safe(datetime.date(2027, 3, 11)) == "2027-03-11"
    assert audit.json_safe(meeting) == meeting.pk
    assert audit.json_safe(Meeting.objects.filter(pk=meeting.pk)) == [meeting.pk]
    assert audit.json_safe({"a": {3, 1}}) == {"a": [1, 3]}
    assert audit.json_safe("x" * 5000).endswith("…")
    assert len(audit.json_safe("x" * 5000)) == audit.MAX_TEXT


def test_a_diff_lists_only_what_changed():
    assert audit.diff({"a": 1, "b": 2}, {"a": 1, "b": 3}) == {"b": [2, 3]}
    assert audit.diff(None, {"a": 1, "b": "", "c": None}) == {"a": [None, 1]}
    assert audit.diff({"a": 1, "token_hash": "x"}, None) == {"a": [1, None]}


def test_a_change_must_be_a_before_after_pair(charlie):
    with pytest.raises(ValueError), transaction.atomic():
        audit.record_write(actor=charlie, action="test.bad", changes={"a": 1})
