"""A locked SQLite database: the request runs again while nothing is committed, else 503 in
Swedish, never 500 (lib/locked.py), and the backend counts what was committed (lib/sqlite).

The locks are real: the views write to a SQLite file of the test's own (alias "lockdb", the
project's backend, no busy wait), whose write lock a second connection holds. So these run in the
PostgreSQL suite as well; the middleware is added to MIDDLEWARE there for the test.
"""

from __future__ import annotations

import logging
import sqlite3

import pytest
from django.db import OperationalError, connections, transaction
from django.db.utils import ConnectionHandler
from django.test import Client

from lib.locked import SkipDatabaseLockedErrors, is_database_locked
from lib.sqlite.base import committed_writes
from lib.tests import locked_urls

RETRY = "lib.locked.RetryLockedDatabaseMiddleware"
AFTER_VIEW = "lib.tests.locked_urls.WriteAfterViewMiddleware"


class Lockdb:
    def __init__(self, path):
        self.path = path
        handler = ConnectionHandler(
            {
                "default": {"ENGINE": "django.db.backends.dummy"},  # required, never used
                "lockdb": {
                    "ENGINE": "lib.sqlite",
                    "NAME": str(path),
                    "OPTIONS": {
                        "timeout": 0,
                        "transaction_mode": "IMMEDIATE",
                        "init_command": "PRAGMA journal_mode=WAL",
                    },
                },
            }
        )
        self.wrapper = handler["lockdb"]
        self.holder = sqlite3.connect(path, isolation_level=None)

    def hold(self) -> None:
        """Another connection takes the write lock and keeps it."""
        self.holder.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        self.holder.execute("ROLLBACK")

    def notes(self) -> list[str]:
        return [row[0] for row in self.holder.execute("SELECT text FROM note ORDER BY rowid")]


@pytest.fixture
def lockdb(tmp_path, db):
    database = Lockdb(tmp_path / "lock.sqlite3")
    connections["lockdb"] = database.wrapper
    with database.wrapper.cursor() as cursor:
        cursor.execute("CREATE TABLE note (text TEXT)")
    locked_urls.reset()
    yield database
    if database.holder.in_transaction:
        database.release()
    database.holder.close()
    database.wrapper.close()
    del connections["lockdb"]


@pytest.fixture
def site(settings, lockdb):
    """The project's middleware (with the retry also on PostgreSQL), an audit-like middleware
    after it, and the test views."""
    middleware = list(settings.MIDDLEWARE)
    if RETRY not in middleware:
        middleware.insert(middleware.index("lib.uploads.RemoveOrphanUploadsMiddleware"), RETRY)
    middleware.append(AFTER_VIEW)  # the innermost: it writes after the view has returned
    settings.MIDDLEWARE = middleware
    settings.ROOT_URLCONF = "lib.tests.locked_urls"
    settings.SQLITE_LOCKED_RETRIES = 2
    settings.SQLITE_BUSY_TIMEOUT = 20
    return Client(raise_request_exception=False)


def _text(response) -> str:
    return " ".join(response.content.decode().split())


# --- The middleware -----------------------------------------------------------------------------


def test_a_write_without_a_lock_runs_once(site, lockdb):
    response = site.post("/test-las/skriv/")
    assert response.status_code == 200
    assert locked_urls.STATE["calls"] == 1
    assert lockdb.notes() == ["sparat"]


def test_a_lock_that_persists_is_answered_503_in_swedish_after_the_retries(site, lockdb):
    lockdb.hold()
    response = site.post("/test-las/skriv/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    page = _text(response)
    assert "Försök igen om en stund" in page
    assert "Inget av det du skickade har sparats" in page
    assert locked_urls.STATE["calls"] == 3  # the first run and two retries
    lockdb.release()
    assert lockdb.notes() == []


def test_a_lock_that_clears_is_retried_and_the_write_saved_once(site, lockdb, django_user_model):
    user = django_user_model.objects.create_user("alice", password="x-test-pass-123")
    site.force_login(user)
    lockdb.hold()
    locked_urls.STATE["hooks"][("before", 2)] = lockdb.release
    response = site.post("/test-las/skriv/")
    assert response.status_code == 200
    assert locked_urls.STATE["calls"] == 2
    # The retry ran as the same signed-in person (session and user set up again).
    assert locked_urls.STATE["users"] == ["alice", "alice"]
    assert lockdb.notes() == ["sparat"]


def test_nothing_is_retried_after_a_commit(site, lockdb):
    locked_urls.STATE["hooks"][("after_commit", 1)] = lockdb.hold
    response = site.post("/test-las/committa-och-skriv/")
    assert response.status_code == 503
    page = _text(response)
    assert "kan" in page and "redan vara sparat" in page
    assert "Inget av det du skickade har sparats" not in page
    assert locked_urls.STATE["calls"] == 1
    lockdb.release()
    assert lockdb.notes() == ["först"]


def test_a_lock_after_the_view_has_committed_is_503_not_500(site, lockdb):
    """The audit case: the view's transaction committed, then a middleware's write found the
    database locked. Not run again (that would save twice), and not a 500."""
    locked_urls.STATE["hooks"][("after_view", 1)] = lockdb.hold
    response = site.post("/test-las/skriv/efter-vyn/")
    assert response.status_code == 503
    assert "redan vara sparat" in _text(response)
    assert locked_urls.STATE["calls"] == 1
    lockdb.release()
    assert lockdb.notes() == ["sparat"]


def test_a_lock_after_a_view_that_saved_nothing_is_retried(site, lockdb):
    """Positive twin: the view wrote nothing, the write after it was locked out, then the lock
    cleared: the request runs again and succeeds."""
    locked_urls.STATE["hooks"][("after_view", 1)] = lockdb.hold
    locked_urls.STATE["hooks"][("after_view", 2)] = lockdb.release
    response = site.post("/test-las/titta/efter-vyn/")
    assert response.status_code == 200
    assert locked_urls.STATE["calls"] == 2
    assert lockdb.notes() == ["efter vyn"]


def test_other_database_errors_stay_server_errors(site, lockdb):
    response = site.post("/test-las/annat-fel/")
    assert response.status_code == 500
    assert locked_urls.STATE["calls"] == 1


def test_no_retry_once_the_request_is_older_than_a_busy_timeout(site, lockdb, settings):
    settings.SQLITE_BUSY_TIMEOUT = 0
    lockdb.hold()
    response = site.post("/test-las/skriv/")
    assert response.status_code == 503
    assert locked_urls.STATE["calls"] == 1


# --- Recognising the lock -----------------------------------------------------------------------


def _real_lock_error(lockdb) -> OperationalError:
    lockdb.hold()
    try:
        locked_urls.note("x")
    except OperationalError as exc:
        return exc
    finally:
        lockdb.release()
    raise AssertionError("the write was not locked out")


def test_sqlites_own_lock_error_is_recognised_also_when_wrapped(lockdb):
    exc = _real_lock_error(lockdb)
    assert is_database_locked(exc)
    try:
        raise RuntimeError("the service failed") from exc
    except RuntimeError as wrapped:
        assert is_database_locked(wrapped)
    assert not is_database_locked(OperationalError("no such table: note"))
    assert not is_database_locked(None)


def test_the_request_log_skips_lock_errors_only(lockdb):
    locked = logging.LogRecord("django.request", logging.ERROR, "", 0, "x", (), None)
    locked.exc_info = (OperationalError, _real_lock_error(lockdb), None)
    other = logging.LogRecord("django.request", logging.ERROR, "", 0, "x", (), None)
    other.exc_info = (ValueError, ValueError("boom"), None)
    skip = SkipDatabaseLockedErrors()
    assert not skip.filter(locked)
    assert skip.filter(other)


# --- Counting commits (lib.sqlite) ----------------------------------------------------------------


def test_the_backend_counts_committed_writes_only(lockdb):
    cursor = lockdb.wrapper.cursor
    start = committed_writes()
    cursor().execute("INSERT INTO note (text) VALUES ('autocommit')")
    assert committed_writes() == start + 1
    with transaction.atomic(using="lockdb"):
        cursor().execute("INSERT INTO note (text) VALUES ('i en transaktion')")
        cursor().execute("INSERT INTO note (text) VALUES ('samma transaktion')")
        assert committed_writes() == start + 1  # not yet committed
    assert committed_writes() == start + 2
    with transaction.atomic(using="lockdb"):
        cursor().execute("SELECT COUNT(*) FROM note")
    assert committed_writes() == start + 2  # a read-only transaction
    with pytest.raises(ZeroDivisionError), transaction.atomic(using="lockdb"):
        cursor().execute("INSERT INTO note (text) VALUES ('ångrad')")
        raise ZeroDivisionError
    assert committed_writes() == start + 2  # rolled back
    assert lockdb.notes() == ["autocommit", "i en transaktion", "samma transaktion"]


def test_every_transaction_begins_immediate(lockdb):
    """A transaction takes the write lock at BEGIN, before it reads: with the lock held
    elsewhere, entering `atomic` fails at once, before the block runs."""
    lockdb.hold()
    ran = []
    with pytest.raises(OperationalError), transaction.atomic(using="lockdb"):
        ran.append(True)
    assert ran == []


# --- Sessions (lib.sessions) --------------------------------------------------------------------


class SessionsInLockdb:
    def db_for_write(self, model, **hints):
        return "lockdb" if model._meta.db_table == "django_session" else None

    db_for_read = db_for_write


@pytest.fixture
def lockdb_sessions(lockdb, settings):
    with lockdb.wrapper.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE django_session (session_key varchar(40) PRIMARY KEY, "
            "session_data text NOT NULL, expire_date datetime NOT NULL)"
        )
    settings.DATABASE_ROUTERS = [SessionsInLockdb()]
    from lib.sessions import SessionStore

    session = SessionStore()
    session["n"] = 1
    session.save()
    return session


def test_a_session_save_that_finds_the_database_locked_says_so(lockdb, lockdb_sessions):
    """Not Django's UpdateError ("the session was deleted", answered 400), but the lock error,
    which the retry middleware answers."""
    lockdb_sessions["n"] = 2
    lockdb.hold()
    with pytest.raises(OperationalError) as raised:
        lockdb_sessions.save()
    assert is_database_locked(raised.value)


def test_a_session_deleted_meanwhile_is_still_an_update_error(lockdb, lockdb_sessions):
    from django.contrib.sessions.backends.base import UpdateError

    lockdb.holder.execute("DELETE FROM django_session")
    lockdb_sessions["n"] = 2
    with pytest.raises(UpdateError):
        lockdb_sessions.save()
