"""Acknowledge or snooze a duty of the desk with a reason and a day; the row's history (#18)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from desk import selectors, services
from desk.models import DutyNote, NoteAction
from testing import builders
from testing.html import visible_text
from testing.queries import signed_in

pytestmark = pytest.mark.django_db
ACK = reverse("desk:acknowledge")
SNOOZE = reverse("desk:snooze")


@pytest.fixture
def coordinator(structure):
    return builders.coordinator_user()


@pytest.fixture
def adopted(coordinator):
    case = builders.case(by=coordinator)
    return builders.recommendation(case, by=coordinator, principals=("umea",))


def _key(adopted) -> str:
    return f"expedite:{adopted.pk}"


def _rows(response, key):
    """Where the duty with `key` is on the desk: (section, place)."""
    found = []
    for s in response.context["sections"]:
        for place in ("rows", "acknowledged", "snoozed"):
            found += [(s.key, place) for row in getattr(s, place) if row.duty.key == key]
    return found


def test_the_coordinator_acknowledges_a_row_and_it_is_folded_with_its_history(coordinator, adopted):
    client = signed_in(coordinator)
    response = client.post(ACK, {"key": _key(adopted), "reason": "Väntar på protokollet"})
    assert response.status_code == 302 and response.url == reverse("desk:desk")
    note = DutyNote.objects.get()
    assert (note.key, note.action, note.reason, note.by) == (
        _key(adopted),
        NoteAction.ACKNOWLEDGED,
        "Väntar på protokollet",
        coordinator,
    )
    assert AuditEvent.objects.filter(action="desk.acknowledge_duty").count() == 1
    desk = client.get(reverse("desk:desk"))
    assert [place for _, place in _rows(desk, _key(adopted))] == ["acknowledged"]
    text = visible_text(desk.content)
    assert "Kvitterade (1)" in text
    assert "Kvitterad av charlie" in text and "Väntar på protokollet" in text


def test_a_snoozed_row_is_gone_until_its_day_and_then_back_with_its_history(coordinator, adopted):
    today = timezone.localdate()
    until = today + datetime.timedelta(days=10)
    client = signed_in(coordinator)
    response = client.post(
        SNOOZE, {"key": _key(adopted), "reason": "Beslutet justeras", "until": f"{until}"}
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="desk.snooze_duty").count() == 1
    desk = client.get(reverse("desk:desk"))
    assert [place for _, place in _rows(desk, _key(adopted))] == ["snoozed"]
    assert all(row.duty.key != _key(adopted) for s in desk.context["sections"] for row in s.rows)
    # The day before it is still away; on its day it is back among the rows, with its history.
    before = selectors.desk_page(until - datetime.timedelta(days=1))
    assert _key(adopted) not in {r.duty.key for s in before.sections for r in s.rows}
    back = selectors.desk_page(until)
    (row,) = [r for s in back.sections for r in s.rows if r.duty.key == _key(adopted)]
    assert [(n.action, n.until, n.reason) for n in row.history] == [
        (NoteAction.SNOOZED, until, "Beslutet justeras")
    ]


@pytest.mark.parametrize("url", [ACK, SNOOZE])
def test_a_member_or_registrar_cannot_note_a_duty_and_the_coordinator_can(
    coordinator, adopted, url
):
    data = {
        "key": _key(adopted),
        "reason": "x",
        "until": f"{timezone.localdate() + datetime.timedelta(days=3)}",
    }
    for other in (builders.member_user("alice", "lsg"), builders.registrar_user()):
        assert signed_in(other).post(url, data).status_code == 404
    assert not DutyNote.objects.exists()
    assert Client().post(url, data).status_code == 302  # to sign in
    assert not DutyNote.objects.exists()
    # The twin: the same post by the coordinator is written.
    assert signed_in(coordinator).post(url, data).status_code == 302
    assert DutyNote.objects.count() == 1


def test_the_service_checks_the_permission_itself(coordinator, adopted):
    duty = selectors.duty_by_key(timezone.localdate(), _key(adopted))
    with pytest.raises(PermissionDenied):
        services.note_duty(
            by=builders.member_user("alice", "lsg"),
            duty=duty,
            action=NoteAction.ACKNOWLEDGED,
            reason="x",
        )
    assert services.note_duty(by=coordinator, duty=duty, action=NoteAction.ACKNOWLEDGED, reason="x")


def test_the_forms_need_the_csrf_token(coordinator, adopted):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    assert client.post(ACK, {"key": _key(adopted), "reason": "x"}).status_code == 403
    assert not DutyNote.objects.exists()


@pytest.mark.parametrize(
    ("days", "says"),
    [
        (0, "Välj en dag efter i dag."),
        (-30, "Välj en dag efter i dag."),
        (400, "högst ett år"),
    ],
)
def test_a_snooze_day_out_of_bounds_is_an_error_and_keeps_what_was_typed(
    coordinator, adopted, days, says
):
    until = timezone.localdate() + datetime.timedelta(days=days)
    response = signed_in(coordinator).post(
        SNOOZE, {"key": _key(adopted), "reason": "Skäl Lodjur", "until": f"{until}"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert says in body
    assert 'value="Skäl Lodjur"' in body and f'value="{until}"' in body
    assert f"Expediera rekommendationen {adopted.title}" in body
    assert not DutyNote.objects.exists()


TOO_BIG = "Ett tal i förfrågan är för stort."


@pytest.mark.parametrize(
    ("url", "data", "says"),
    [
        (ACK, {"key": "expedite:999999", "reason": "x"}, "finns inte längre"),
        (ACK, {"key": "expedite:1' OR '1'='1", "reason": "x"}, "finns inte längre"),
        (ACK, {"key": "k" * 201, "reason": "x"}, "som mest 200 tecken"),
        (ACK, {"reason": "x"}, "Detta fält måste fyllas i."),
        (ACK, {"key": "@adopted", "reason": ""}, "Detta fält måste fyllas i."),
        (ACK, {"key": "@adopted", "reason": "   "}, "Detta fält måste fyllas i."),
        (ACK, {"key": "@adopted", "reason": "å" * 301}, "som mest 300 tecken"),
        (SNOOZE, {"key": "@adopted", "reason": "x"}, "Detta fält måste fyllas i."),
        (SNOOZE, {"key": "@adopted", "reason": "x", "until": "2026-02-30"}, "giltigt datum"),
        (SNOOZE, {"key": "@adopted", "reason": "x", "until": "99999999999999999999"}, TOO_BIG),
        (SNOOZE, {"key": "@adopted", "reason": "x", "until": "9999-12-31"}, "högst ett år"),
    ],
)
def test_hostile_values_are_errors_never_500_and_nothing_is_written(
    coordinator, adopted, url, data, says
):
    if data.get("key") == "@adopted":
        data = {**data, "key": _key(adopted)}
    response = signed_in(coordinator).post(url, data)
    assert response.status_code == 400
    assert says in response.content.decode()
    assert not DutyNote.objects.exists()


def test_a_get_is_refused(coordinator):
    assert signed_in(coordinator).get(ACK).status_code == 405


def test_the_digest_leaves_out_what_was_acknowledged_or_snoozed(
    coordinator, adopted, django_capture_on_commit_callbacks
):
    from django.core import mail

    today = timezone.localdate()
    duties = selectors.all_duties(today)
    line = f"Expediera rekommendationen {adopted.title}"
    # The twin: before the note the coordinator is told.
    assert any(line in text for text in services.items_for(coordinator, today, duties))
    duty = selectors.duty_by_key(today, _key(adopted))
    services.note_duty(
        by=coordinator,
        duty=duty,
        action=NoteAction.SNOOZED,
        reason="Väntar",
        until=today + datetime.timedelta(days=5),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.send_digests(today=today)
    (body,) = [m.body for m in mail.outbox if m.to == [coordinator.email]]
    assert line not in body
    # Reviews due years ago are one line, not one each.
    assert "äldre uppgifter, senast för mer än ett år sedan" in body
    assert "Revision:" not in body
