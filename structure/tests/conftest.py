"""The people the coordinators' structure page tests act as: alice sits in LSG as an ordinary
member for Umeå, charlie is the coordinator."""

import pytest

from structure.models import Group
from testing.builders import coordinator_user, member_user


@pytest.fixture
def alice(structure):
    return member_user("alice", "lsg")


@pytest.fixture
def charlie(structure):
    return coordinator_user("charlie")


@pytest.fixture
def lsg(structure):
    return Group.objects.get(slug="lsg")
