"""Shared fixtures.

`make test` runs the suite on two processes (pytest-xdist, `-n 2 --dist loadfile`): each worker
has its own test database (pytest-django appends the worker id: `test_<db>_gw0`, …), loads the
structure into it once (`django_db_setup`), and writes uploads and mail files into a directory
of its own (`_files_per_worker`). Everything else a test starts (the live server, the fake OIDC
provider, subprocess nodes) binds port 0 or takes `tmp_path`, which is per worker too.

The built-in structure (`settings.STRUCTURE_DATA_FILE`) is reference data: loaded once per run
into the test database and committed (`django_db_setup`), so no test pays for it. After a
transactional test, whose teardown empties every table, it is loaded again. Fictional demo
people (`demo`) are built per test, by the tests that need them; most build only the users they
need.
"""

import pytest

from demo.people import load_demo
from testing.reference import ensure_structure

pytest_plugins = ["testing.attack_world"]


@pytest.fixture(scope="session", autouse=True)
def _files_per_worker(tmp_path_factory):
    """Uploads, mail files and e-archive packages go to this worker's temporary directory, never
    to the checkout's `var/` that a developer's `make run` uses and that another worker writes
    at the same time.
    Tests that look at files set their own `settings.MEDIA_ROOT = tmp_path` on top of this."""
    from django.test import override_settings

    root = tmp_path_factory.mktemp("files")
    with override_settings(
        MEDIA_ROOT=root / "media",
        EMAIL_FILE_PATH=str(root / "mail"),
        ARCHIVE_ROOT=root / "arkiv",
    ):
        yield


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
def coordinator_client(client, request, structure):
    """Signed in as the coordinator (the demo's `koordinator` if the test asks for `demo`)."""
    from testing.builders import demo_coordinator

    client.force_login(demo_coordinator(request))
    return client


@pytest.fixture
def member_client(client, request, structure):
    """Signed in as `ledamot`, the region's member of LSG and Beredning vuxna och äldre: the
    demo's if the test asks for `demo`, else one built in the same shape."""
    from accounts.models import User
    from testing.builders import member_user

    if "demo" in request.fixturenames:
        request.getfixturevalue("demo")
        client.force_login(User.objects.get(username="ledamot"))
    else:
        client.force_login(
            member_user(
                "ledamot", "lsg", "beredning-vuxna-och-aldre", principal="region-vasterbotten"
            )
        )
    return client


def pytest_collection_modifyitems(config, items):
    """The longest files first, for a run on one process (`pytest`, no xdist). Under `make
    test`'s xdist, its own order (files with most tests first) replaces this one: the longest-first
    order with `--no-loadscope-reorder` measured slower (1,478 s against 1,140 s on SQLite), as
    xdist queued several long one-test files on one worker. A file's weight is a guess from its
    markers: a slow test counts as 100 short ones, a browser test as 15. Tests keep their order
    within a file."""
    weights: dict = {}
    for item in items:
        weight = 100 if item.get_closest_marker("slow") else 1
        if item.get_closest_marker("browser"):
            weight = max(weight, 15)
        weights[item.path] = weights.get(item.path, 0) + weight
    items.sort(key=lambda item: -weights[item.path])
