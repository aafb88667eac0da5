import datetime

import pytest
from django.urls import reverse

from testing.builders import PASSWORD, member_user
from workgroups import services
from workgroups.models import Status, WorkingGroup
from workgroups.tests.conftest import meeting, report

pytestmark = pytest.mark.django_db


@pytest.fixture
def wg(charlie, setup_kwargs):
    return services.set_up_working_group(by=charlie, **setup_kwargs)


def test_public_list_shows_assignment_owner_due_date_and_status(client, wg):
    response = client.get(reverse("workgroups:list"))
    body = response.content.decode()
    assert "Arbetsgrupp trygg hemgång" in body
    assert "Greta Testsson" in body
    assert "2026-06-01" in body
    assert "Tillsatt" in body


def test_public_page_shows_no_management_forms(client, wg):
    response = client.get(wg.get_absolute_url())
    assert response.status_code == 200
    assert "Förläng" not in response.content.decode()


def test_member_cannot_extend(client, wg):
    member_user("alice", "lsg")
    client.login(username="alice", password=PASSWORD)
    response = client.post(
        reverse("workgroups:extend", args=[wg.pk]),
        {"new_due_on": "2026-12-01", "decided_on": "2026-04-01", "decision_reference": "x"},
    )
    assert response.status_code == 403
    wg.refresh_from_db()
    assert wg.status == Status.SET_UP


def test_set_up_form_with_due_date_before_set_up_keeps_input_and_writes_nothing(
    client, charlie, setup_kwargs
):
    client.force_login(charlie)
    response = client.post(
        reverse("workgroups:create"),
        {
            "name": "Ny grupp",
            "assignment": "Kartlägg läget.",
            "set_up_by": setup_kwargs["set_up_by"].pk,
            "set_up_on": "2026-01-10",
            "decision_reference": "LSG § 2",
            "convener": setup_kwargs["convener"].pk,
            "due_on": "2026-01-05",
            "reports_to": setup_kwargs["reports_to"].pk,
        },
    )
    assert response.status_code == 400
    assert "Leveransdatum måste ligga efter" in response.content.decode()
    assert "Kartlägg läget." in response.content.decode()
    assert not WorkingGroup.objects.exists()


def test_coordinator_delivers_the_report_by_upload(client, charlie, wg):
    meeting("lsg", datetime.date.today() + datetime.timedelta(days=10))
    client.force_login(charlie)
    response = client.post(reverse("workgroups:deliver", args=[wg.pk]), {"file": report()})
    assert response.status_code == 302
    wg.refresh_from_db()
    assert wg.status == Status.DELIVERED


def _working_groups(setup_kwargs, n: int) -> None:
    fields = {k: v for k, v in setup_kwargs.items() if k not in ("at", "name")}
    WorkingGroup.objects.bulk_create(
        WorkingGroup(name=f"Arbetsgrupp {i:02}", **fields) for i in range(n)
    )


def test_the_list_pages_with_the_total(client, setup_kwargs):
    _working_groups(setup_kwargs, 27)
    html = client.get(reverse("workgroups:list"), {"sida": 2}).content.decode()
    assert "Visar 26–27 av 27" in html
    assert "Arbetsgrupp 26" in html and "Arbetsgrupp 00" not in html


@pytest.mark.parametrize("sida", ["0", "-1", "x", "3", "1.5", "99999999999"])
def test_a_hostile_or_stale_page_number_shows_page_one(client, setup_kwargs, sida):
    _working_groups(setup_kwargs, 27)
    response = client.get(reverse("workgroups:list"), {"sida": sida})
    assert response.status_code == 200
    assert "Visar 1–25 av 27" in response.content.decode()
    assert "Arbetsgrupp 00" in response.content.decode()
