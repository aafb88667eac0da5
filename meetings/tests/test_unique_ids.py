"""Every id on the meeting pages is unique (duplicate ids break labels and skip links, #18)."""

import pytest
from django.urls import reverse

from testing import builders
from testing.html import duplicate_ids, elements
from testing.queries import signed_in


def _pages(meeting, minutes):
    return {
        "manage": reverse("meetings:meeting_manage", args=[meeting.pk]),
        "meeting": meeting.get_absolute_url(),
        "minutes": minutes.get_absolute_url(),
        "create": reverse("meetings:meeting_create"),
    }


@pytest.mark.parametrize("page", ["manage", "meeting", "minutes", "create"])
def test_no_id_is_used_twice(structure, page):
    chair = builders.member_user("alice", "lsg")
    meeting = builders.meeting("lsg")
    minutes = builders.minutes_in_approval(meeting, checker=chair.person)
    response = signed_in(builders.coordinator_user()).get(_pages(meeting, minutes)[page])
    assert response.status_code == 200
    # The twin: the page has ids to compare (an empty page cannot pass).
    assert len([e for e in elements(response.content) if e.attrs.get("id")]) > 1
    assert duplicate_ids(response.content) == []


def test_every_label_of_the_manage_page_points_at_one_field(structure):
    meeting = builders.meeting("lsg")
    html = (
        signed_in(builders.coordinator_user())
        .get(reverse("meetings:meeting_manage", args=[meeting.pk]))
        .content
    )
    ids = {e.attrs["id"] for e in elements(html) if e.attrs.get("id")}
    targets = [e.attrs["for"] for e in elements(html, "label") if e.attrs.get("for")]
    assert targets and not [t for t in targets if t not in ids]
