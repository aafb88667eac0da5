import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from desk.services import send_digests
from structure.models import Group
from testing.builders import coordinator_user, member_user, person
from workgroups.models import Status, WorkingGroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def late_delivery(structure):
    lsg = Group.objects.get(slug="lsg")
    today = timezone.localdate()
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


def test_coordinator_gets_one_digest_with_every_late_duty(
    late_delivery, django_capture_on_commit_callbacks
):
    coordinator_user()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests(today=timezone.localdate()) == 1
    [message] = mail.outbox
    assert "Leverans från arbetsgruppen AG sen" in message.body


def test_a_second_run_the_same_day_sends_nothing(late_delivery, django_capture_on_commit_callbacks):
    coordinator_user()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_daily_digest", stdout=None)
        call_command("send_daily_digest", stdout=None)
    assert len(mail.outbox) == 1


def test_a_user_who_turned_it_off_gets_nothing(
    client, late_delivery, django_capture_on_commit_callbacks
):
    charlie = coordinator_user()
    client.force_login(charlie)
    client.post(reverse("desk:digest_setting"), {})
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests(today=timezone.localdate()) == 0
    assert mail.outbox == []


def test_members_with_nothing_due_get_no_mail(structure, django_capture_on_commit_callbacks):
    member_user("alice", "lsg")
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests(today=timezone.localdate()) == 0
    assert mail.outbox == []


def test_digest_setting_needs_sign_in(client, structure):
    response = client.post(reverse("desk:digest_setting"), {"enabled": "on"})
    assert response.status_code == 302 and "logga-in" in response.url
