"""POST /arbetsgrupper/<pk>/leverera/: the coordinator delivers the report, which becomes an
item on the receiving group's next meeting (R-F1)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.models import AgendaItem
from testing.builders import member_user
from workgroups import services
from workgroups.models import Status
from workgroups.tests.conftest import meeting, report

pytestmark = pytest.mark.django_db


@pytest.fixture
def wg(charlie, setup_kwargs):
    return services.set_up_working_group(by=charlie, **setup_kwargs)


@pytest.fixture
def next_lsg_meeting(structure):
    return meeting("lsg", datetime.date.today() + datetime.timedelta(days=10))


def url(wg) -> str:
    return reverse("workgroups:deliver", args=[wg.pk])


def test_the_coordinator_delivers_the_report_onto_the_next_agenda(
    client, charlie, wg, next_lsg_meeting
):
    client.force_login(charlie)
    response = client.post(url(wg), {"file": report(), "title": "Slutrapport"}, follow=True)
    assert response.redirect_chain == [(wg.get_absolute_url(), 302)]
    assert "Rapporten är levererad" in response.content.decode()
    wg.refresh_from_db()
    assert wg.status == Status.DELIVERED
    assert wg.report_item.meeting == next_lsg_meeting
    assert wg.report.title == "Slutrapport"


def test_anonymous_is_sent_to_sign_in_and_nothing_is_delivered(client, wg, next_lsg_meeting):
    assert client.post(url(wg), {"file": report()}).url.startswith(reverse("login"))
    assert not AgendaItem.objects.exists()


def test_a_member_is_refused_and_nothing_is_delivered(client, wg, next_lsg_meeting):
    client.force_login(member_user("alice", "lsg"))
    assert client.post(url(wg), {"file": report()}).status_code == 403
    wg.refresh_from_db()
    assert wg.status == Status.SET_UP
    assert not AgendaItem.objects.exists()


def test_without_a_meeting_to_deliver_to_the_form_says_so_and_keeps_the_title(client, charlie, wg):
    client.force_login(charlie)
    response = client.post(url(wg), {"file": report(), "title": "Rapport Bofink"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "har inget kommande möte att ta upp rapporten på" in body
    assert 'value="Rapport Bofink"' in body
    wg.refresh_from_db()
    assert wg.status == Status.SET_UP


def test_a_missing_file_is_a_swedish_error(client, charlie, wg, next_lsg_meeting):
    client.force_login(charlie)
    response = client.post(url(wg), {"title": "Rapport"})
    assert response.status_code == 400
    assert "Detta fält måste fyllas i." in response.content.decode()
    assert not AgendaItem.objects.exists()


def test_an_overlong_title_and_hostile_file_name_are_a_form_error(
    client, charlie, wg, next_lsg_meeting
):
    client.force_login(charlie)
    upload = SimpleUploadedFile("ö" * 300 + ".pdf", b"%PDF-1.4 x", "application/pdf")
    response = client.post(url(wg), {"file": upload, "title": "x" * 5000})
    assert response.status_code == 400
    assert "har som mest 200 tecken" in response.content.decode()
    assert not AgendaItem.objects.exists()
