"""Approving minutes asks once (view `minutes_approve`): the button leads to a confirmation that
says what is approved and in which role; only the confirming POST approves (R-S6, issue 18)."""

import re

import pytest
from django.urls import reverse

from meetings.models import Approval, ApprovalRole, MinutesStatus
from testing import builders
from testing.html import visible_text
from testing.queries import signed_in

RAW_KEY = re.compile(r"\b(?:chair|checker|vice_chair)\b")


@pytest.fixture
def pending(structure):
    return builders.lsg_minutes_awaiting_approval(weeks_ago=2)


def url(minutes):
    return reverse("meetings:minutes_approve", args=[minutes.pk])


def test_the_minutes_page_links_to_the_confirmation_not_a_one_click_post(pending):
    minutes, chair, _ = pending
    html = signed_in(chair).get(minutes.get_absolute_url()).content.decode()
    assert f'href="{url(minutes)}"' in html
    assert f'action="{url(minutes)}"' not in html


def test_the_confirmation_names_the_minutes_and_the_role_in_swedish(pending):
    minutes, _, checker = pending
    response = signed_in(checker).get(url(minutes))
    assert response.status_code == 200
    text = visible_text(response.content)
    assert f"som {ApprovalRole.CHECKER.label.lower()}" in text
    assert minutes.meeting.group.name in text
    assert not RAW_KEY.findall(text)
    assert not Approval.objects.exists()  # looking asks, it does not approve


def test_the_confirming_post_approves_once(pending):
    minutes, chair, checker = pending
    client = signed_in(chair)
    response = client.post(url(minutes), {"confirm": "on"})
    assert response.status_code == 302 and response.url == minutes.get_absolute_url()
    assert list(Approval.objects.values_list("role", flat=True)) == [ApprovalRole.CHAIR]
    again = client.post(url(minutes), {"confirm": "on"})
    assert again.status_code == 302
    assert Approval.objects.count() == 1
    signed_in(checker).post(url(minutes), {"confirm": "on"})
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.APPROVED


@pytest.mark.parametrize("data", [{}, {"confirm": "false"}, {"confirm": ""}])
def test_a_post_without_the_confirmation_approves_nothing(pending, data):
    minutes, chair, _ = pending
    response = signed_in(chair).post(url(minutes), data)
    assert response.status_code == 400
    assert "Bekräfta för att fortsätta." in response.content.decode()
    assert not Approval.objects.exists()


def test_someone_else_is_refused_and_the_approver_is_not(pending):
    minutes, chair, _ = pending
    member = builders.member_user("carl", "lsg")
    outsider = builders.member_user("olle", "samrad")
    assert signed_in(member).get(url(minutes)).status_code == 403
    assert signed_in(member).post(url(minutes), {"confirm": "on"}).status_code == 403
    assert signed_in(outsider).post(url(minutes), {"confirm": "on"}).status_code == 404
    assert (
        signed_in(builders.coordinator_user()).post(url(minutes), {"confirm": "on"}).status_code
        == 403
    )
    assert not Approval.objects.exists()
    assert signed_in(chair).post(url(minutes), {"confirm": "on"}).status_code == 302
    assert Approval.objects.count() == 1


def test_a_hostile_confirm_value_is_no_500(pending):
    minutes, chair, _ = pending
    response = signed_in(chair).post(url(minutes), {"confirm": "\x00" * 3, "csrf": "x" * 9000})
    assert response.status_code in (302, 400)
