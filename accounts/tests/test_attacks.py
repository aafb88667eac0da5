"""Attacker tests for every app: GET on state-changing URLs, CSRF, the admin, history, sign-in.

Each test names the attack and asserts the safe behaviour; the shared world is in
`testing/attack_world.py`.
"""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from cases.models import Follow, PrincipalDecision, Recommendation
from meetings.models import (
    Approval,
    Attendance,
    Meeting,
    MinutesStatus,
)
from testing.attack_world import (
    as_user,
    text,
)

# --- GET on state-changing URLs, CSRF ----------------------------------------------------------


def test_get_on_state_changing_urls_changes_nothing(world):
    coord = as_user("koordinator")
    # Approving asks first: a GET is the confirmation page, which changes nothing.
    chair = as_user("ordforande")
    assert (
        chair.get(reverse("meetings:minutes_approve", args=[world.pending.pk])).status_code == 200
    )
    assert not world.pending.approvals.exists()
    for name, pk in [
        ("meetings:minutes_correct", world.approved.pk),
        ("meetings:report_absence", world.m_draft.pk),
        ("cases:case_follow", world.case_lsg.pk),
        ("cases:expedite", world.rec_hidden.pk),
    ]:
        assert coord.get(reverse(name, args=[pk])).status_code == 405, name
    # action parameters in the query string are ignored
    manage = reverse("meetings:meeting_manage", args=[world.m_draft.pk])
    assert coord.get(manage + "?action=kallelse").status_code == 200
    coord.get(reverse("meetings:minutes_edit", args=[world.draft.pk]) + "?action=send")
    coord.get(world.case_lsg.get_absolute_url() + "?action=route&local_principal=1")
    coord.get(reverse("cases:register_decision", args=[world.public_umea.pk]) + "?outcome=x")
    world.m_draft.refresh_from_db()
    world.draft.refresh_from_db()
    world.case_lsg.refresh_from_db()
    world.rec_hidden.refresh_from_db()
    assert world.m_draft.kallelse_sent_at is None
    assert world.draft.status == MinutesStatus.DRAFT
    assert world.case_lsg.current_group == world.lsg
    assert world.rec_hidden.expedited_at is None
    assert not Follow.objects.exists()
    assert not PrincipalDecision.objects.exists()
    assert as_user("ledamot").get(reverse("logout")).status_code == 405


def test_post_without_csrf_token_is_rejected_on_every_state_changing_url(world):
    def csrf_client(username):
        client = Client(enforce_csrf_checks=True)
        client.force_login(User.objects.get(username=username))
        return client

    coord = csrf_client("koordinator")
    attempts = [
        (
            coord,
            reverse("meetings:meeting_manage", args=[world.m_draft.pk]),
            {"action": "kallelse"},
        ),
        (coord, reverse("meetings:minutes_edit", args=[world.draft.pk]), {"summary": "x"}),
        (coord, reverse("meetings:minutes_correct", args=[world.approved.pk]), {"reason": "x"}),
        (coord, reverse("cases:expedite", args=[world.rec_hidden.pk]), {}),
        (
            coord,
            world.case_lsg.get_absolute_url(),
            {"action": "route", "route-group": world.samrad.pk},
        ),
        (coord, reverse("cases:case_create"), {"title": "x"}),
        (coord, reverse("meetings:meeting_create"), {"title": "x"}),
        (coord, reverse("admin:structure_person_add"), {"first_name": "x"}),
        (
            csrf_client("ordforande"),
            reverse("meetings:minutes_approve", args=[world.pending.pk]),
            {},
        ),
        (
            csrf_client("ledamot"),
            reverse("meetings:report_absence", args=[world.m_draft.pk]),
            {"note": "x"},
        ),
        (csrf_client("ledamot"), reverse("cases:case_follow", args=[world.case_lsg.pk]), {}),
        (
            csrf_client("registrator-umea"),
            reverse("cases:register_decision", args=[world.public_umea.pk]),
            {"outcome": "approved"},
        ),
        (csrf_client("ledamot"), reverse("logout"), {}),
    ]
    for client, url, data in attempts:
        assert client.post(url, data).status_code == 403, url
    assert not Approval.objects.filter(minutes=world.pending).exists()
    assert not Follow.objects.exists()
    assert not world.m_draft.absences.exists()
    assert Recommendation.objects.filter(expedited_at__isnull=True).count() == 1


# --- Admin, history, sign-in -----------------------------------------------------------------


def test_admin_refuses_everyone_but_coordinators(world):
    person = world.ledamot.person
    urls = [
        reverse("admin:index"),
        reverse("admin:structure_person_changelist"),
        reverse("admin:structure_person_change", args=[person.pk]),
        reverse("admin:structure_person_history", args=[person.pk]),
        reverse("admin:meetings_minutes_history", args=[world.draft.pk]),
        reverse("admin:meetings_meeting_change", args=[world.m_samrad.pk]),
        reverse("admin:accounts_user_changelist"),
        "/admin/autocomplete/?app_label=structure&model_name=membership&field_name=person",
    ]
    history = world.draft.history.first()
    urls.append(reverse("admin:meetings_minutes_simple_history", args=[world.draft.pk, history.pk]))
    for client in [
        Client(),
        as_user("ledamot"),
        as_user("ordforande"),
        as_user("registrator-umea"),
        as_user("registrator-region"),
    ]:
        for url in urls:
            response = client.get(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("admin:login")), url
            assert email_not_in(response, person.email)
    response = as_user("ledamot").post(
        reverse("admin:structure_person_change", args=[person.pk]), {"email": "x@evil.example"}
    )
    person.refresh_from_db()
    assert person.email != "x@evil.example"


def email_not_in(response, email: str) -> bool:
    return email not in text(response)


def test_coordinator_cannot_manage_users_or_escalate(world):
    coord = as_user("koordinator")
    assert coord.get(reverse("admin:accounts_user_changelist")).status_code == 403
    url = reverse("admin:accounts_user_change", args=[world.coord.pk])
    assert coord.get(url).status_code == 403
    coord.post(url, {"username": "koordinator", "is_superuser": "on"})
    world.coord.refresh_from_db()
    assert not world.coord.is_superuser
    # control: coordinators may read the structure's history
    history = reverse("admin:structure_person_history", args=[world.ledamot.person.pk])
    assert coord.get(history).status_code == 200


def test_admin_history_revert_cannot_silently_change_approved_minutes(world):
    minutes = world.approved
    oldest = minutes.history.order_by("history_date").first()
    url = reverse("admin:meetings_minutes_simple_history", args=[minutes.pk, oldest.history_id])
    coord = as_user("koordinator")
    coord.post(
        url,
        {
            "meeting": minutes.meeting_id,
            "version": 1,
            "status": "draft",
            "supersedes": "",
            "correction_reason": "",
            "summary": "Ändrat i efterhand via admin",
            "justeringsperson": minutes.justeringsperson_id,
            "approved_at_0": "",
            "approved_at_1": "",
        },
    )
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.APPROVED
    assert minutes.summary == "Offentlig sammanfattning"


def test_admin_change_forms_of_meetings_are_read_only(world):
    coord = as_user("koordinator")
    for name, obj, data in [
        ("meetings_minutes", world.approved, {"status": "draft", "summary": "x"}),
        ("meetings_meeting", world.m_closed, {"is_public": "on", "link": ""}),
        ("meetings_attendance", world.m_held.attendance.first(), {"status": "absent"}),
        ("meetings_approval", world.approved.approvals.first(), {"role": "checker"}),
    ]:
        response = coord.post(reverse(f"admin:{name}_change", args=[obj.pk]), data)
        assert response.status_code == 403, name
        response = coord.post(reverse(f"admin:{name}_delete", args=[obj.pk]), {"post": "yes"})
        assert response.status_code == 403, name
    world.m_closed.refresh_from_db()
    assert not world.m_closed.is_public
    assert Attendance.objects.filter(meeting=world.m_held, status="absent").count() == 0


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example",
        "https:evil.example",
        "  //evil.example",
        "http://127.0.0.1.evil.example/",
        "javascript:alert(1)",
        "///evil.example",
    ],
)
def test_login_next_open_redirect_is_refused(world, target):
    client = Client()
    response = client.post(
        reverse("login") + "?next=x",
        {"username": "ledamot", "password": "samverkan-demo", "next": target},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:start")
    response = client.post(reverse("logout"), {"next": target})
    assert response.status_code == 302
    assert response["Location"] == "/"
    page = text(Client().get(reverse("login"), {"next": target}))
    assert 'href="javascript' not in page and "<script>alert" not in page


def test_rules_check_and_planning_are_refused_to_non_coordinators(world):
    for username in ("ledamot", "ordforande", "registrator-umea"):
        client = as_user(username)
        assert client.get(reverse("structure:rules_check")).status_code == 403
        assert client.get(reverse("meetings:planning")).status_code == 403
        assert client.get(reverse("meetings:meeting_create")).status_code == 403
        response = client.post(
            reverse("meetings:meeting_create"),
            {
                "group": world.lsg.pk,
                "date": "2027-05-05",
                "start": "09:00",
                "end": "10:00",
                "form": "in_person",
                "location": "x",
            },
        )
        assert response.status_code == 403
    assert not Meeting.objects.filter(starts_at__date=datetime.date(2027, 5, 5)).exists()
