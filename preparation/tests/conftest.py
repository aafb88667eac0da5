"""An AU meeting with its parent's next meeting, and the people the view tests act as:
alice sits in LSG AU, bob in Samråd only, charlie is the coordinator."""

import datetime

import pytest
from django.utils import timezone

from meetings.models import Meeting
from preparation.models import ProposedItem
from structure.models import Group
from testing.builders import coordinator_user, member_user


def meeting(slug: str, days: int) -> Meeting:
    starts = timezone.now() + datetime.timedelta(days=days)
    return Meeting.objects.create(
        group=Group.objects.get(slug=slug),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
        form="video",
    )


@pytest.fixture
def au(structure):
    return meeting("lsg-au", 5)


@pytest.fixture
def parent(structure):
    return meeting("lsg", 20)


@pytest.fixture
def alice(structure):
    return member_user("alice", "lsg-au")


@pytest.fixture
def bob(structure):
    return member_user("bob", "samrad")


@pytest.fixture
def charlie(structure):
    return coordinator_user("charlie")


def proposed(au: Meeting, parent: Meeting, *titles: str) -> list[ProposedItem]:
    return [
        ProposedItem.objects.create(
            au_meeting=au, parent_meeting=parent, position=n, kind="information", title=title
        )
        for n, title in enumerate(titles, start=1)
    ]
