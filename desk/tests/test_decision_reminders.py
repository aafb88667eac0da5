"""`manage.py send_decision_reminders` (R-C6): a registrar who gets the daily digest reads the
decision reminders there, in the one digest mail; a registrar who turned it off gets one
separate reminder mail listing them all."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from desk.models import DigestSetting
from desk.services import send_digests
from testing import builders

pytestmark = pytest.mark.django_db
DAYS = 60


@pytest.fixture
def recommendations(structure):
    coordinator = builders.coordinator_user()
    # The coordinator's own digest (the desk's duties) is not what these tests are about.
    DigestSetting.objects.create(user=coordinator, enabled=False)
    submitter = builders.person("Sigrid")
    builders.seat(submitter, "lsg")
    made = [
        builders.recommendation(
            builders.case(by=coordinator, title=f"Ärende {i}", submitted_by=submitter),
            by=coordinator,
            principals=("umea",),
            expedited=True,
            title=f"Rutin {i}",
            day=datetime.date(2026, 3, 2) + datetime.timedelta(days=i),
        )
        for i in range(3)
    ]
    mail.outbox.clear()  # the expedition mails
    return made


def _overdue_day() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=DAYS + 1)


def _run_reminders(day, capture, capsys) -> str:
    with capture(execute=True):
        call_command("send_decision_reminders", "--datum", day.isoformat(), "--dagar", str(DAYS))
    return capsys.readouterr().out


def test_a_registrar_with_the_digest_gets_the_reminders_in_it_and_no_separate_mail(
    recommendations, settings, django_capture_on_commit_callbacks, capsys
):
    settings.DECISION_REMINDER_DAYS = DAYS
    rita = builders.registrar_user("rita", principal="umea")
    day = _overdue_day()
    out = _run_reminders(day, django_capture_on_commit_callbacks, capsys)
    assert "Påminnelser skickade till 0 registratorer" in out
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests(today=day) == 1
    [digest] = mail.outbox
    assert digest.to == [rita.email]
    for recommendation in recommendations:
        assert (
            f"Registrera beslut om {recommendation.case.register_number} {recommendation.title}"
            in digest.body
        )


def test_a_registrar_who_turned_the_digest_off_gets_one_reminder_mail_with_them_all(
    recommendations, settings, django_capture_on_commit_callbacks, capsys
):
    settings.DECISION_REMINDER_DAYS = DAYS
    rita = builders.registrar_user("rita", principal="umea")
    DigestSetting.objects.create(user=rita, enabled=False)
    day = _overdue_day()
    out = _run_reminders(day, django_capture_on_commit_callbacks, capsys)
    assert "Påminnelser skickade till 1 registratorer" in out
    [reminder] = mail.outbox
    assert reminder.to == [rita.email]
    assert all(r.case.register_number in reminder.body for r in recommendations)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests(today=day) == 0
    assert len(mail.outbox) == 1
    # A second run the same day sends nothing more.
    assert "till 0 registratorer" in _run_reminders(day, django_capture_on_commit_callbacks, capsys)
    assert len(mail.outbox) == 1


def test_the_digest_names_no_decision_before_the_reminder_period(
    recommendations, settings, django_capture_on_commit_callbacks
):
    settings.DECISION_REMINDER_DAYS = DAYS
    builders.registrar_user("rita", principal="umea")
    early = timezone.localdate() + datetime.timedelta(days=DAYS - 1)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests(today=early) == 0
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests(today=_overdue_day()) == 1  # its twin
    assert "Registrera beslut om" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("args", "says"),
    [(["--datum", "2026-02-30"], "ÅÅÅÅ-MM-DD"), (["--dagar", "-1"], "negativt")],
)
def test_bad_arguments_are_a_swedish_command_error(structure, args, says):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=says):
        call_command("send_decision_reminders", *args)
