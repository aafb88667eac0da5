"""Shared fixtures: the real Västerbotten structure and the fictional demo data."""

import pytest

from structure.demo import load_demo
from structure.loader import load_structure, read_data_file

pytest_plugins = ["lib.testing.attack_world"]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The demo's accounts are hashed with a fast hasher in tests (PBKDF2 takes ~0.5 s each)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
