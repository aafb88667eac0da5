"""R-C6: decision reminders are one mail per registrar listing every overdue recommendation of
their principal, not one mail per recommendation (`cases.services.send_reminders`)."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases import services
from cases.models import Reminder
from testing import builders

pytestmark = pytest.mark.django_db
DAYS = 60


@pytest.fixture
def coordinator(structure):
    return builders.coordinator_user()


@pytest.fixture
def submitter(structure):
    who = builders.person("Sigrid")
    builders.seat(who, "lsg")
    return who


@pytest.fixture
def overdue(coordinator, submitter):
    """`overdue(n, principal)`: n recommendations expedited now to the principal (each of its own
    case and meeting); returns them."""

    def overdue(n, principal="umea"):
        made = []
        for i in range(n):
            case = builders.case(by=coordinator, title=f"Ärende {i}", submitted_by=submitter)
            made.append(
                builders.recommendation(
                    case,
                    by=coordinator,
                    principals=(principal,),
                    expedited=True,
                    title=f"Rutin {principal} {i}",
                    day=datetime.date(2026, 3, 2) + datetime.timedelta(days=len(made)),
                )
            )
        return made

    return overdue


def _day(after_days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=after_days)


def _remind(today, capture, **kwargs) -> int:
    with capture(execute=True):
        return services.send_reminders(today=today, days=DAYS, **kwargs)


def test_a_registrar_with_30_overdue_recommendations_gets_one_mail_naming_all_30(
    overdue, django_capture_on_commit_callbacks
):
    rita = builders.registrar_user("rita", principal="umea")
    recommendations = overdue(30)
    mail.outbox.clear()  # the expedition mails
    assert _remind(_day(DAYS + 1), django_capture_on_commit_callbacks) == 1
    [message] = mail.outbox
    assert message.to == [rita.email]
    assert message.subject.startswith("Påminnelse: 30 rekommendationer väntar på beslut från")
    for recommendation in recommendations:
        assert f"{recommendation.case.register_number} ”{recommendation.title}”" in message.body
    assert f"({DAYS + 1} dagar sedan)" in message.body
    assert Reminder.objects.count() == 30


def test_nothing_is_sent_before_the_reminder_period_and_the_day_after_it_is(
    overdue, django_capture_on_commit_callbacks
):
    builders.registrar_user("rita", principal="umea")
    overdue(2)
    mail.outbox.clear()
    assert _remind(_day(DAYS - 1), django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []
    assert _remind(_day(DAYS + 1), django_capture_on_commit_callbacks) == 1
    assert len(mail.outbox) == 1


def test_each_registrar_gets_one_mail_with_only_their_own_principals_recommendations(
    overdue, django_capture_on_commit_callbacks
):
    rita = builders.registrar_user("rita", principal="umea")
    ruth = builders.registrar_user("ruth", principal="umea")
    vera = builders.registrar_user("vera", principal="vannas")
    umea = overdue(3, "umea")
    vannas = overdue(2, "vannas")
    mail.outbox.clear()
    assert _remind(_day(DAYS + 1), django_capture_on_commit_callbacks) == 3
    by_address = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_address) == sorted([rita.email, ruth.email, vera.email])
    assert len(mail.outbox) == 3
    for address, own, other in (
        (rita.email, umea, vannas),
        (ruth.email, umea, vannas),
        (vera.email, vannas, umea),
    ):
        body = by_address[address].body
        assert all(r.case.register_number in body for r in own)
        assert not any(r.case.register_number in body for r in other)


def test_a_second_run_the_same_day_and_within_the_week_sends_nothing_and_a_week_later_again(
    overdue, django_capture_on_commit_callbacks
):
    builders.registrar_user("rita", principal="umea")
    overdue(2)
    mail.outbox.clear()
    day = _day(DAYS + 1)
    assert _remind(day, django_capture_on_commit_callbacks) == 1
    assert _remind(day, django_capture_on_commit_callbacks) == 0
    assert _remind(day + datetime.timedelta(days=6), django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 1
    assert _remind(day + datetime.timedelta(days=7), django_capture_on_commit_callbacks) == 1
    assert len(mail.outbox) == 2


def test_a_new_overdue_recommendation_brings_a_mail_that_lists_every_overdue_one(
    overdue, django_capture_on_commit_callbacks
):
    builders.registrar_user("rita", principal="umea")
    first = overdue(2)
    mail.outbox.clear()
    day = _day(DAYS + 1)
    _remind(day, django_capture_on_commit_callbacks)
    later = overdue(1)
    mail.outbox.clear()
    # The later one was not there at the first run: the next day it is due, and its mail lists
    # the two reminded the day before as well.
    assert _remind(day + datetime.timedelta(days=1), django_capture_on_commit_callbacks) == 1
    [message] = mail.outbox
    assert all(r.case.register_number in message.body for r in first + later)


def test_registrars_in_the_daily_digest_get_no_separate_mail_and_the_others_do(
    overdue, django_capture_on_commit_callbacks
):
    rita = builders.registrar_user("rita", principal="umea")
    ruth = builders.registrar_user("ruth", principal="umea")
    overdue(2)
    mail.outbox.clear()
    asked = []

    def in_digest(user_ids):
        asked.append(sorted(user_ids))
        return {rita.pk}

    assert _remind(_day(DAYS + 1), django_capture_on_commit_callbacks, in_digest=in_digest) == 1
    assert [m.to for m in mail.outbox] == [[ruth.email]]
    assert asked == [sorted([rita.pk, ruth.pk])]


def test_inactive_registrars_and_registrars_without_address_get_nothing(
    overdue, django_capture_on_commit_callbacks
):
    rita = builders.registrar_user("rita", principal="umea")
    ruth = builders.registrar_user("ruth", principal="umea")
    vera = builders.registrar_user("vera", principal="umea")
    rita.is_active = False
    rita.save()
    ruth.email = ""
    ruth.save()
    overdue(1)
    mail.outbox.clear()
    assert _remind(_day(DAYS + 1), django_capture_on_commit_callbacks) == 1
    assert [m.to for m in mail.outbox] == [[vera.email]]


def test_the_query_count_of_a_run_does_not_grow_with_the_recommendations(
    overdue, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    builders.registrar_user("rita", principal="umea")
    builders.registrar_user("vera", principal="vannas")
    overdue(2, "umea")
    overdue(1, "vannas")
    mail.outbox.clear()
    day = _day(DAYS + 1)
    with CaptureQueriesContext(connection) as few:
        assert _remind(day, django_capture_on_commit_callbacks) == 2
    overdue(28, "umea")
    overdue(14, "vannas")
    mail.outbox.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        # A week later all of them are due: the same two principals, 45 recommendations.
        assert _remind(day + datetime.timedelta(days=7), django_capture_on_commit_callbacks) == 2
    assert sorted(m.body.count("\n- ") for m in mail.outbox) == [15, 30]
