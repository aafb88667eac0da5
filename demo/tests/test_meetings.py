"""The demo meetings: every group with a meetings rule, minutes in every state, idempotent."""

import datetime

import pytest
from django.utils import timezone

from demo.meetings import DEMO_TODAY, load_meeting_demo
from meetings import services
from meetings.calendar import is_working_day
from meetings.models import (
    Approval,
    ApprovalRole,
    Attendance,
    AttendanceStatus,
    ItemKind,
    Meeting,
    Minutes,
    MinutesStatus,
)
from structure.models import Group
from testing.reference import module_data


@pytest.fixture(scope="module")
def _loaded(django_db_setup, django_db_blocker):
    """The demo takes seconds to load: once for this module (see `module_data`)."""
    with module_data(django_db_blocker):
        yield load_meeting_demo()


@pytest.fixture
def meeting_demo(_loaded, db):
    return _loaded


def meetings_in(slug, year):
    return Meeting.objects.filter(group__slug=slug, starts_at__year=year)


def test_every_group_with_a_meetings_rule_meets_as_often_as_the_rule_says(meeting_demo):
    assert meeting_demo == Meeting.objects.count() > 0
    for group in Group.objects.filter(meetings_min__isnull=False):
        count = meetings_in(group.slug, 2026).count()
        assert count >= group.meetings_min, group.slug
        assert group.meetings_max is None or count <= group.meetings_max, group.slug
    for slug in ("hjalpmedelsradet", "samrad-au", "lsg-au"):
        assert meetings_in(slug, 2026).count() == 4, slug


def test_meetings_are_on_working_days_in_the_morning_or_afternoon(meeting_demo):
    for meeting in Meeting.objects.all():
        start, end = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
        assert is_working_day(start.date()), meeting
        assert (start.hour, end.hour) in {(9, 12), (13, 15)}, meeting


def test_each_beredning_meets_one_to_three_weeks_before_an_lsg_meeting(meeting_demo):
    lsg_days = [m.local_date for m in meetings_in("lsg", 2026)]
    for slug in ("beredning-barn-och-unga", "beredning-vuxna-och-aldre"):
        for meeting in meetings_in(slug, 2026):
            gaps = [(day - meeting.local_date).days for day in lsg_days]
            assert any(7 <= gap <= 21 for gap in gaps), meeting


def test_every_meeting_has_one_to_three_items_beyond_the_skeleton(meeting_demo):
    for meeting in meetings_in("lsg", 2026) | meetings_in("hjalpmedelsradet", 2026):
        assert 1 <= meeting.items.count() - 8 <= 3
    for item in Meeting.objects.get(
        group__slug="samrad", starts_at__date=datetime.date(2026, 3, 12)
    ).items.filter(kind=ItemKind.DECISION):
        assert item.missing_for_sending == []


def test_held_meetings_have_a_kallelse_and_papers_on_time_varies(meeting_demo):
    held = Meeting.objects.filter(starts_at__date__lt=DEMO_TODAY)
    assert not held.filter(kallelse_sent_at__isnull=True).exists()
    on_time = [m.papers_on_time for m in held if m.paper_deadline]
    assert on_time.count(False) == 2
    assert on_time.count(True) > 20
    upcoming = Meeting.objects.filter(starts_at__date__gt=DEMO_TODAY)
    assert upcoming.filter(kallelse_sent_at__isnull=False).count() == 1


def test_absent_members_have_their_substitute_in_place(meeting_demo):
    substitutes = Attendance.objects.filter(status=AttendanceStatus.SUBSTITUTE)
    assert substitutes.exists()
    for row in substitutes:
        assert Attendance.objects.filter(
            meeting=row.meeting, person=row.replaces, status=AttendanceStatus.ABSENT
        ).exists()


def test_minutes_exist_in_every_state_with_the_approvers_the_rule_names(meeting_demo):
    minutes = Minutes.objects.all()
    assert minutes.filter(status=MinutesStatus.APPROVED).count() > 10
    assert minutes.filter(status=MinutesStatus.DRAFT).count() == 1
    pending = minutes.get(status=MinutesStatus.IN_APPROVAL)
    assert list(pending.approvals.values_list("role", flat=True)) == [ApprovalRole.CHAIR]
    for approved in minutes.filter(status=MinutesStatus.APPROVED):
        roles = {role for role, _ in services.required_approvers(approved)}
        approvals = Approval.objects.filter(minutes=approved)
        assert set(approvals.values_list("role", flat=True)) == roles
        assert all(a.user.person_id == a.person_id for a in approvals)
        assert approved.approved_at.date() < DEMO_TODAY


def test_one_approved_minutes_is_corrected_by_an_approved_new_version(meeting_demo):
    correction = Minutes.objects.get(supersedes__isnull=False)
    assert correction.status == MinutesStatus.APPROVED
    assert correction.supersedes.status == MinutesStatus.APPROVED
    assert correction.correction_reason
    assert correction.version == correction.supersedes.version + 1
    decisions = " ".join(item.decisions for item in correction.items.all())
    assert "april 2027" in decisions and "april 2028" not in decisions


def test_next_year_is_booked_for_some_groups_only(meeting_demo):
    for slug in ("samrad", "lsg", "beredning-vuxna-och-aldre"):
        group = Group.objects.get(slug=slug)
        assert meetings_in(slug, 2027).count() >= group.meetings_min, slug
    assert not meetings_in("beredning-barn-och-unga", 2027).exists()
    assert not meetings_in("hjalpmedelsradet", 2027).exists()


def test_running_the_demo_again_creates_nothing(meeting_demo):
    counts = (Meeting.objects.count(), Minutes.objects.count(), Approval.objects.count())
    assert load_meeting_demo() == 0
    assert (Meeting.objects.count(), Minutes.objects.count(), Approval.objects.count()) == counts
