"""The minutes editor's one form (view `minutes_save`): "Spara" and "Spara och skicka för
justering". Sending saves first, in one transaction; on any error the editor comes back with
every field as typed and all the errors together in the summary (R-S6, issue 18)."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import Attendance, AttendanceStatus, ItemKind, MinutesStatus
from structure.models import Position
from testing import builders
from testing.html import visible_text
from testing.queries import signed_in


@pytest.fixture
def world(structure):
    """LSG minutes of a meeting held last week, with one decision item; a chair and a checker."""
    coordinator = builders.coordinator_user()
    chair = builders.member_user("alice", "lsg", position=Position.CHAIR)
    checker = builders.member_user("bob", "lsg")
    meeting = builders.meeting("lsg", timezone.localdate() - datetime.timedelta(days=7))
    services.add_agenda_item(
        meeting=meeting,
        by=coordinator,
        kind=ItemKind.DECISION,
        title="Rutin för hemgång",
        description="d",
        proposal="p",
    )
    minutes = services.draft_minutes(meeting=meeting, by=coordinator)
    return coordinator, chair, checker, minutes


def typed(minutes, **changes) -> dict:
    """What the browser posts: every item, the decision's att-satser typed in."""
    items = list(minutes.items.order_by("position"))
    data = {"punkt-TOTAL_FORMS": len(items), "punkt-INITIAL_FORMS": len(items)}
    for index, item in enumerate(items):
        data[f"punkt-{index}-item"] = item.pk
        data[f"punkt-{index}-notes"] = f"Anteckning {index}"
        data[f"punkt-{index}-decision_intro"] = item.decision_intro
        data[f"punkt-{index}-decisions"] = "att anta rutinen" if item.is_decision else ""
    data["summary"] = "Ordföranden öppnade mötet."
    data.update(changes)
    return data


def decision_index(minutes) -> int:
    items = list(minutes.items.order_by("position"))
    return next(i for i, item in enumerate(items) if item.kind == ItemKind.DECISION)


def url(minutes):
    return reverse("meetings:minutes_save", args=[minutes.pk])


def test_save_and_send_stores_the_typing_and_mails_the_approvers(
    world, django_capture_on_commit_callbacks
):
    coordinator, chair, checker, minutes = world
    Attendance.objects.create(
        meeting=minutes.meeting, person=checker.person, status=AttendanceStatus.PRESENT
    )
    data = typed(minutes, justeringsperson=checker.person.pk, steg="skicka")
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(coordinator).post(url(minutes), data)
    assert response.status_code == 302 and response.url == minutes.get_absolute_url()
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.IN_APPROVAL
    assert minutes.summary == "Ordföranden öppnade mötet."
    assert minutes.items.get(kind=ItemKind.DECISION).att_satser == ["anta rutinen"]
    assert sorted(m.to[0] for m in mail.outbox) == sorted([chair.email, checker.email])


def test_spara_saves_without_sending(world, django_capture_on_commit_callbacks):
    coordinator, _, checker, minutes = world
    data = typed(minutes, justeringsperson=checker.person.pk, steg="spara")
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(coordinator).post(url(minutes), data)
    assert response.status_code == 302
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.DRAFT and minutes.summary.startswith("Ordföranden")
    assert mail.outbox == []  # the twin above shows sending does mail


def test_every_error_is_in_the_summary_and_every_field_keeps_its_text(world):
    coordinator, _, _, minutes = world
    index = decision_index(minutes)
    data = typed(
        minutes,
        steg="skicka",
        justeringsperson="abc",
        summary="Text som inte får försvinna",
        **{f"punkt-{index}-decision_intro": "x" * 201},
    )
    response = signed_in(coordinator).post(url(minutes), data)
    assert response.status_code == 400
    html = response.content.decode()
    summary = html[html.index('class="error-summary"') :]
    summary = visible_text(summary[: summary.index("</div>")])
    assert "Välj en av gruppens ordinarie ledamöter." in summary
    assert "Rutin för hemgång" in summary and "200" in summary  # the item's own error
    assert "bekräfta att du vill skicka ändå" in summary  # no attendance, not confirmed
    assert "Text som inte får försvinna" in html and "att anta rutinen" in html
    assert "Anteckning 0" in html
    minutes.refresh_from_db()
    assert minutes.summary == "" and minutes.status == MinutesStatus.DRAFT


def test_a_refused_send_saves_nothing_and_shows_the_typing(world):
    coordinator, _, _, minutes = world
    data = typed(minutes, steg="skicka", without_attendance="on")  # no justeringsperson
    response = signed_in(coordinator).post(url(minutes), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "saknar justeringsperson" in html and "Ordföranden öppnade mötet." in html
    minutes.refresh_from_db()
    assert minutes.summary == "" and minutes.status == MinutesStatus.DRAFT


@pytest.mark.parametrize("step", ["skicka-allt", "x" * 5000, "\x00"])
def test_a_hostile_step_is_a_form_error_not_a_500(world, step):
    coordinator, _, _, minutes = world
    response = signed_in(coordinator).post(url(minutes), typed(minutes, steg=step))
    assert response.status_code == 400
    minutes.refresh_from_db()
    assert minutes.summary == ""


@pytest.mark.parametrize(
    "field, value",
    [("punkt-TOTAL_FORMS", "abc"), ("punkt-0-item", "99999999999999999999"), ("summary", "\x00")],
)
def test_hostile_values_answer_400_never_500(world, field, value):
    coordinator, _, _, minutes = world
    response = signed_in(coordinator).post(url(minutes), typed(minutes, **{field: value}))
    assert response.status_code == 400
    minutes.refresh_from_db()
    assert minutes.summary == ""


def test_a_plain_member_cannot_save_or_send_but_the_coordinator_can(world):
    coordinator, _, checker, minutes = world
    outsider = builders.member_user("olle", "samrad")
    for step in ("spara", "skicka"):
        response = signed_in(checker).post(url(minutes), typed(minutes, steg=step))
        assert response.status_code == 403
        response = signed_in(outsider).post(url(minutes), typed(minutes, steg=step))
        assert response.status_code == 404
    minutes.refresh_from_db()
    assert minutes.summary == ""
    response = signed_in(coordinator).post(url(minutes), typed(minutes, steg="spara"))
    assert response.status_code == 302


def test_the_editor_has_one_form_with_both_buttons(world):
    coordinator, _, _, minutes = world
    html = signed_in(coordinator).get(reverse("meetings:minutes_edit", args=[minutes.pk]))
    html = html.content.decode()
    editor = reverse("meetings:minutes_save", args=[minutes.pk])
    assert html.count(f'action="{editor}"') == 1
    assert "/skicka/" not in html
    assert 'name="steg" value="spara">Spara</button>' in html
    assert 'name="steg" value="skicka">Spara och skicka för justering</button>' in html
