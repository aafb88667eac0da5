"""The people the onboarding view tests act as (alice sits in LSG, bob in Samråd, charlie is the
coordinator) and a reported new member of LSG."""

import pytest
from django.utils import timezone

from onboarding.models import NewMember
from structure.models import Group, Principal
from testing.builders import coordinator_user, member_user


@pytest.fixture
def alice(structure):
    return member_user("alice", "lsg")


@pytest.fixture
def bob(structure):
    return member_user("bob", "samrad")


@pytest.fixture
def charlie(structure):
    return coordinator_user("charlie")


@pytest.fixture
def nora(alice):
    """Nora, reported by alice as a new member of LSG, not yet linked to a person."""
    return NewMember.objects.create(
        group=Group.objects.get(slug="lsg"),
        first_name="Nora",
        last_name="Ny",
        email="nora@test.example",
        principal=Principal.objects.get(slug="umea"),
        kind="ordinary",
        reported_by=alice,
        reported_at=timezone.now(),
    )
