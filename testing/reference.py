"""The built-in structure (`settings.STRUCTURE_DATA_FILE`) as the test database's reference data.

It is loaded once per test run, committed, like data a migration would create: the principals,
their groupings and the groups with their rules. Tests build everything else they need."""

from contextlib import contextmanager

from django.db import transaction
from django.test import override_settings

from structure.loader import load_structure, read_data_file
from structure.models import Principal


def ensure_structure() -> None:
    """Load the structure unless it is there (a transactional test's flush empties the tables)."""
    if not Principal.objects.exists():
        load_structure(read_data_file())


@contextmanager
def module_data(django_db_blocker, **settings):
    """For a module-scoped fixture whose data takes seconds to build: the block runs in a
    transaction that is rolled back when the module ends, with the reference structure and the
    demo people in place. Each test runs in a savepoint within it (pytest-django's `db`), so
    what one test writes never reaches the next."""
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        override_settings(PASSWORD_HASHERS=fast, **settings),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        from demo.people import load_demo

        ensure_structure()
        load_demo()
        yield
        transaction.set_rollback(True)
