"""Shared fixtures: the real Västerbotten structure and the fictional demo data."""

import pytest

from structure.demo import load_demo
from structure.loader import load_structure, read_data_file


@pytest.fixture
def structure(db):
    """The built-in structure from the data file (principals, groupings, groups, mandates)."""
    return load_structure(read_data_file())


@pytest.fixture
def demo(structure):
    """Structure plus fictional members, deliberate breaches and the demo accounts."""
    return load_demo()


@pytest.fixture
def coordinator_client(client, demo):
    client.login(username="koordinator", password="samverkan-demo")
    return client


@pytest.fixture
def member_client(client, demo):
    client.login(username="ledamot", password="samverkan-demo")
    return client
