"""Shared fixtures.

The Västerbotten structure is reference data: loaded once per run into the test database and
committed (`django_db_setup`), so no test pays for it. After a transactional test, whose teardown
empties every table, it is loaded again. Fictional demo people (`demo`) are built per test, by the
tests that need them; most build only the users they need.
"""

import pytest

from demo.people import load_demo
from lib.testing.reference import ensure_structure

pytest_plugins = ["lib.testing.attack_world"]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The demo's accounts are hashed with a fast hasher in tests (PBKDF2 takes ~0.5 s each)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the database is rolled back between tests, so a
    page cached by one test could otherwise describe data that only that test created."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        ensure_structure()


@pytest.fixture(autouse=True)
def _structure_again_after_a_flush(request, django_db_blocker):
    """Autouse fixtures are torn down last: after pytest-django's flush of a transactional test."""
    yield
    marker = request.node.get_closest_marker("django_db")
    if "transactional_db" in request.fixturenames or (marker and marker.kwargs.get("transaction")):
        with django_db_blocker.unblock():
            ensure_structure()


@pytest.fixture
def structure(db):
    """The built-in structure (principals, groupings, groups, mandates); see the module doc."""
    ensure_structure()


@pytest.fixture
def empty_database(db):
    """For the tests of the loader itself: no structure, inside this test's transaction."""
    from structure.models import County, GeographicGrouping, Group, Principal, StructurePeriod

    Group.objects.update(reports_to=None)
    for model in (Group, Principal, GeographicGrouping, StructurePeriod, County):
        model.objects.all().delete()


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
