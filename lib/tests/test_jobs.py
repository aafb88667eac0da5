"""Scheduled jobs on several app servers at once: nothing mailed twice, nothing left out."""

import email
import email.header
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from accounts.models import User
from cases import selectors as case_selectors
from cases import services as case_services
from cases.models import Reminder
from desk import services as desk_services
from desk.models import DigestSent, DigestSetting
from followup.models import SurveyInvitation
from lib.jobs import lock_key, one_at_a_time
from testing import jobs_world

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="advisory locks and two real nodes need PostgreSQL"
)


def test_each_job_has_its_own_stable_lock_key():
    assert lock_key("desk.send_digests") == lock_key("desk.send_digests")
    assert lock_key("desk.send_digests") != lock_key("cases.send_reminders")
    assert -(2**63) <= lock_key("desk.send_digests") < 2**63


@pytest.mark.django_db
def test_a_parallel_node_that_mailed_a_user_first_means_no_second_digest(
    structure, monkeypatch, django_capture_on_commit_callbacks
):
    jobs_world.late_delivery(coordinators=2)
    first, second = User.objects.filter(is_coordinator=True).order_by("pk")
    real_items_for = desk_services.items_for

    def other_node_sends_first(user, today, desk_duties):
        # Between this run's read of who is done and its write, the other node mails `first`.
        if user == first:
            DigestSent.objects.create(user=first, sent_on=today, items=1)
        return real_items_for(user, today, desk_duties)

    monkeypatch.setattr(desk_services, "items_for", other_node_sends_first)
    with django_capture_on_commit_callbacks(execute=True):
        assert desk_services.send_digests(today=timezone.localdate()) == 1
    assert [m.to for m in mail.outbox] == [[second.email]]


@pytest.mark.django_db
def test_a_parallel_node_that_reminded_first_means_no_second_reminder(
    structure, monkeypatch, django_capture_on_commit_callbacks
):
    jobs_world.expedited_long_ago()
    today = timezone.localdate()
    real_due = case_selectors.due_for_reminder

    def other_node_reminds_first(**kwargs):
        # Both nodes read the same addressees; the other one writes its reminders first.
        due = list(real_due(**kwargs))
        for addressee in due:
            Reminder.objects.create(addressee=addressee, sent_on=today, recipients=1)
        return due

    monkeypatch.setattr(case_selectors, "due_for_reminder", other_node_reminds_first)
    with django_capture_on_commit_callbacks(execute=True):
        assert case_services.send_reminders(today=today, days=60) == 0
    assert mail.outbox == []
    assert Reminder.objects.filter(sent_on=today).count() == 16


@pytest.mark.django_db
def test_a_job_that_fails_gives_its_lock_back(structure):
    with pytest.raises(RuntimeError), one_at_a_time("lib.test"):
        raise RuntimeError
    with one_at_a_time("lib.test"):
        pass


def _other_connection():
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    return psycopg.connect(**params, autocommit=True)


def _try_lock(other, job: str) -> bool:
    taken = other.execute("SELECT pg_try_advisory_lock(%s)", [lock_key(job)]).fetchone()[0]
    if taken:
        other.execute("SELECT pg_advisory_unlock(%s)", [lock_key(job)])
    return taken


@on_postgresql
@pytest.mark.django_db
def test_another_node_cannot_run_a_job_while_one_runs_it(structure):
    with _other_connection() as other:
        with one_at_a_time("desk.send_digests"):
            assert not _try_lock(other, "desk.send_digests")
            assert _try_lock(other, "cases.send_reminders")  # other jobs are not held up
        assert _try_lock(other, "desk.send_digests")


# --- Two real nodes ----------------------------------------------------------------------------


def _database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _mails(directory: Path) -> list[tuple[str, str]]:
    """(recipient, subject) of every mail Django's file-based backend wrote to `directory`."""
    found = []
    for path in directory.glob("*.log"):
        for chunk in path.read_text().split("-" * 79 + "\n"):
            if not chunk.strip():
                continue
            message = email.message_from_string(chunk)
            subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
            found.append((message["To"], subject))
    return found


def _run_on_two_nodes_at_once(command: str, tmp_path: Path) -> list[dict]:
    """Start `command` on two nodes (processes with their own connections) at one moment."""
    go = tmp_path / f"go-{command}"
    nodes = []
    for n in range(2):
        env = dict(
            os.environ,
            DATABASE_URL=_database_url(),
            EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            EMAIL_FILE_PATH=str(tmp_path / f"mail-{n}"),
        )
        ready = tmp_path / f"ready-{command}-{n}"
        process = subprocess.Popen(
            [sys.executable, "-m", "lib.tests.job_node", command, str(ready), str(go)],
            cwd=Path(settings.BASE_DIR),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        nodes.append((process, ready))
    deadline = time.monotonic() + 120
    while not all(ready.exists() for _, ready in nodes):
        assert time.monotonic() < deadline, "the nodes did not start"
        assert all(p.poll() is None for p, _ in nodes), [p.stderr.read() for p, _ in nodes]
        time.sleep(0.05)
    go.write_text("go")
    outputs = []
    for process, _ in nodes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err[-3000:]
        outputs.append(json.loads(out.strip().splitlines()[-1]))
    return outputs


@pytest.mark.slow
@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_nodes_running_every_job_at_once_mail_each_person_exactly_once(structure, tmp_path):
    jobs_world.expedited_long_ago()
    jobs_world.late_delivery(coordinators=5)
    survey = jobs_world.open_survey(people=10)
    # Half the registrars turned the digest off: they get a separate reminder; the others read
    # their overdue decisions in the digest.
    registrars = list(User.objects.exclude(registrar_for=None).order_by("pk"))
    for user in registrars[::2]:
        DigestSetting.objects.create(user=user, enabled=False)
    reminded = {user.email for user in registrars[::2]}
    digest_users = {user.email for user in registrars[1::2]} | set(
        User.objects.filter(is_coordinator=True).values_list("email", flat=True)
    )
    invited = set(SurveyInvitation.objects.values_list("person__email", flat=True))
    connection.close()  # the nodes use their own connections; the data is committed

    outputs = []
    for command in ("send_decision_reminders", "send_daily_digest", "send_survey_reminders"):
        outputs += _run_on_two_nodes_at_once(command, tmp_path)

    sent = [m for n in range(2) for m in _mails(tmp_path / f"mail-{n}")]
    assert len(sent) == len(set(sent)), "someone got the same mail twice"
    reminders = {to for to, subject in sent if "väntar på beslut från" in subject}
    digests = {to for to, subject in sent if subject.startswith("Att göra i samverkan")}
    surveys = {to for to, subject in sent if subject.startswith("Påminnelse: Enkät")}
    assert reminders == reminded
    assert digests == digest_users
    assert surveys == invited
    assert len(sent) == len(reminded) + len(digest_users) + len(invited)
    assert Reminder.objects.count() == 16
    assert DigestSent.objects.count() == len(digest_users)
    assert survey.invitations.filter(reminded=False).count() == 0
    print(f"\ntwo nodes: {len(sent)} mails, each once; the nodes said {outputs}")


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_coordinators_expediting_at_once_on_two_nodes_mail_the_registrars_once(structure):
    recommendation = jobs_world.adopted_long_ago()
    coordinator = User.objects.get(username="koord-jobb")
    barrier = threading.Barrier(2)
    outcomes = []

    def expedite():
        barrier.wait()
        try:
            outcomes.append(case_services.expedite(recommendation=recommendation, by=coordinator))
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=expedite) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes, key=str) == sorted([16, "refused"], key=str)
    registrars = sorted(User.objects.exclude(registrar_for=None).values_list("email", flat=True))
    assert sorted(address for m in mail.outbox for address in m.to) == registrars
