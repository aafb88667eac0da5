"""R-M3: the member withdraws a reported absence until the meeting starts; a substitute already
called in is told not to come, and the coordinator is told (view `withdraw_absence`)."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import Absence
from structure.models import MembershipKind
from testing import builders
from testing.queries import signed_in


@pytest.fixture
def coming(structure):
    return builders.meeting("lsg", timezone.localdate() + datetime.timedelta(days=10))


@pytest.fixture
def alice(structure):
    return builders.member_user("alice", "lsg")


@pytest.fixture
def coordinator(structure):
    return builders.coordinator_user()


def with_substitute(member):
    """Gives the member's LSG seat a substitute, Sune; returns Sune's person."""
    sune = builders.person("Sune", email="sune@test.example")
    builders.seat(
        sune,
        "lsg",
        kind=MembershipKind.SUBSTITUTE,
        substitute_for=member.person.memberships.get(group__slug="lsg"),
    )
    return sune


def report(meeting, user):
    membership = user.person.memberships.get(group=meeting.group)
    return services.report_absence(meeting=meeting, membership=membership, by=user)


def url(meeting):
    return reverse("meetings:withdraw_absence", args=[meeting.pk])


def test_the_member_withdraws_and_the_called_substitute_and_coordinator_are_told(
    coming, alice, coordinator, django_capture_on_commit_callbacks
):
    sune = with_substitute(alice)
    report(coming, alice)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(alice).post(url(coming))
    assert response.status_code == 302 and response.url == coming.get_absolute_url()
    assert not Absence.objects.filter(meeting=coming).exists()
    to_sune = [m for m in mail.outbox if m.to == [sune.email]]
    assert len(to_sune) == 1 and "inte ersätta" in to_sune[0].body
    assert any(coordinator.email in m.to for m in mail.outbox)


def test_without_a_substitute_only_the_coordinator_is_told(
    coming, alice, coordinator, django_capture_on_commit_callbacks
):
    report(coming, alice)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(alice).post(url(coming))
    assert response.status_code == 302
    assert not Absence.objects.filter(meeting=coming).exists()
    # The twin of "no substitute mail": the coordinator's mail did go out in the same run.
    assert [m.to for m in mail.outbox] == [[coordinator.email]]


def test_the_meeting_page_offers_withdrawal_after_reporting(coming, alice):
    client = signed_in(alice)
    assert "Återkalla frånvaron" not in client.get(coming.get_absolute_url()).content.decode()
    report(coming, alice)
    assert "Återkalla frånvaron" in client.get(coming.get_absolute_url()).content.decode()


def test_another_member_cannot_withdraw_someone_elses_absence(coming, alice):
    bob = builders.member_user("bob", "lsg")
    report(coming, alice)
    response = signed_in(bob).post(url(coming))
    assert response.status_code == 302  # bob has no absence of his own: nothing to withdraw
    assert Absence.objects.filter(meeting=coming, membership__person=alice.person).exists()
    # The twin: alice herself can.
    signed_in(alice).post(url(coming))
    assert not Absence.objects.filter(meeting=coming).exists()


def test_someone_outside_the_group_is_refused(coming, alice):
    report(coming, alice)
    outsider = builders.member_user("olle", "samrad")
    assert signed_in(outsider).post(url(coming)).status_code == 403
    assert signed_in(None).post(url(coming)).status_code == 302  # to sign-in
    assert Absence.objects.filter(meeting=coming).exists()


def test_after_the_start_the_absence_stands(alice, structure):
    held = builders.meeting("lsg", timezone.localdate() - datetime.timedelta(days=1))
    absence = Absence.objects.create(
        meeting=held, membership=alice.person.memberships.get(group__slug="lsg")
    )
    response = signed_in(alice).post(url(held), follow=True)
    assert "kan inte längre återkallas" in response.content.decode()
    assert Absence.objects.filter(pk=absence.pk).exists()


def test_withdrawing_answers_post_only(coming, alice):
    report(coming, alice)
    assert signed_in(alice).get(url(coming)).status_code == 405
    assert signed_in(alice).post(url(coming), {"note": "x" * 10_000}).status_code == 302
    assert not Absence.objects.filter(meeting=coming).exists()
