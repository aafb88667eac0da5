"""R-S6: wherever minutes waiting for approval are listed, the approvers' roles read in Swedish
(the labels of `ApprovalRole`), never the stored keys "chair", "checker", "vice_chair"."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from desk import selectors as desk_selectors
from desk import services as desk_services
from meetings.models import ApprovalRole
from structure.models import Position
from testing import builders
from testing.html import visible_text
from testing.queries import signed_in

RAW_KEY = re.compile(r"\b(?:chair|checker|vice_chair)\b")


@pytest.fixture
def pending(structure):
    """LSG minutes (chair and checker approve) from a meeting six weeks ago: nobody approved."""
    return builders.lsg_minutes_awaiting_approval(weeks_ago=6)


def _pages(minutes, chair, coordinator):
    group = minutes.meeting.group.slug
    return {
        "minutes page": (chair, minutes.get_absolute_url()),
        "group's pending list": (chair, reverse("meetings:group_minutes", args=[group])),
        "mina möten": (chair, reverse("meetings:my_meetings")),
        "mitt": (chair, reverse("desk:mine")),
        "desk": (coordinator, reverse("desk:desk")),
    }


@pytest.mark.parametrize(
    "page", ["minutes page", "group's pending list", "mina möten", "mitt", "desk"]
)
def test_pages_listing_minutes_to_approve_show_no_raw_role_key(pending, page):
    minutes, chair, _ = pending
    user, url = _pages(minutes, chair, builders.coordinator_user())[page]
    response = signed_in(user).get(url)
    assert response.status_code == 200
    text = visible_text(response.content)
    # The twin: the page does show the minutes and their approvers (an empty page cannot pass).
    if page == "minutes page":
        assert ApprovalRole.CHECKER.label in text
    else:
        assert minutes.get_absolute_url() in response.content.decode()
    assert not RAW_KEY.findall(text), page


def test_the_minutes_page_names_each_approver_by_the_role_label(pending):
    minutes, chair, checker = pending
    text = visible_text(signed_in(chair).get(minutes.get_absolute_url()).content)
    assert f"{ApprovalRole.CHAIR.label}: {chair.person.full_name}" in text
    assert f"{ApprovalRole.CHECKER.label}: {checker.person.full_name}" in text


def test_the_minutes_page_of_a_chair_and_vice_group_says_vice_ordforande(structure):
    chair = builders.member_user("alice", "hjalpmedelsradet", position=Position.CHAIR)
    vice = builders.member_user("vera", "hjalpmedelsradet", position=Position.VICE_CHAIR)
    minutes = builders.minutes_in_approval(builders.meeting("hjalpmedelsradet"))
    text = visible_text(signed_in(chair).get(minutes.get_absolute_url()).content)
    assert f"{ApprovalRole.VICE_CHAIR.label}: {vice.person.full_name}" in text
    assert not RAW_KEY.findall(text)


def test_the_daily_digest_shows_no_raw_role_key(pending):
    minutes, chair, _ = pending
    coordinator = builders.coordinator_user()
    today = timezone.localdate()
    duties = desk_selectors.all_duties(today)
    lines = desk_services.items_for(coordinator, today, duties)
    lines += desk_services.items_for(chair, today, duties)
    assert any(minutes.meeting.group.display_name in line for line in lines)
    assert not [line for line in lines if RAW_KEY.search(line)]
