"""SQLite behind a threaded web server: 8 people raising 8 cases each at once lose nothing.

The SQLite tests run only when the suite runs on SQLite (the PostgreSQL equivalents live in
cases/tests); the check that PostgreSQL's settings are untouched runs in both. The writers run in
a subprocess on a real database file, since the suite's SQLite test database is in memory and
WAL, busy timeouts and lock contention only exist for files. The same through the real servers,
over HTTP: test_concurrent_writes."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite configuration; PostgreSQL has its own tests"
)
RETRY = "lib.locked.RetryLockedDatabaseMiddleware"


@on_sqlite
def test_sqlite_is_configured_for_concurrent_writers():
    database = settings.DATABASES["default"]
    options = database["OPTIONS"]
    assert database["ENGINE"] == "lib.sqlite"  # Django's, counting commits (lib/sqlite)
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]
    # One wait for the lock, well above the measured worst (about 7 s): Python's and SQLite's.
    assert settings.SQLITE_BUSY_TIMEOUT >= 20
    assert options["timeout"] == settings.SQLITE_BUSY_TIMEOUT
    assert f"busy_timeout={round(settings.SQLITE_BUSY_TIMEOUT * 1000)};" in options["init_command"]


@on_sqlite
def test_the_locked_database_retry_wraps_every_middleware_that_writes():
    middleware = settings.MIDDLEWARE
    position = middleware.index(RETRY)
    # After the input checks (they parse the form it replays), before whatever may write.
    assert middleware.index("lib.middleware.RejectOverlongInputMiddleware") < position
    for writer in (
        "lib.uploads.RemoveOrphanUploadsMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "audit.middleware.AuditContextMiddleware",  # sets the context the audit rows read
    ):
        assert middleware.index(writer) > position


def test_postgresql_is_left_as_it_was():
    """The same settings with a PostgreSQL URL: no SQLite options, no retry middleware, no log
    filter, Django's own session engine."""
    script = (
        "import json, samverkan.settings as s; db = s.DATABASES['default']; "
        "print(json.dumps([db['ENGINE'], db.get('OPTIONS', {}), "
        f"'{RETRY}' in s.MIDDLEWARE, 'skip_database_locked' in s.LOGGING.get('filters', {{}}), "
        "getattr(s, 'SESSION_ENGINE', 'django.contrib.sessions.backends.db')]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(settings.BASE_DIR),
        env={
            **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
            "DATABASE_URL": "postgres://someone@127.0.0.1:5432/somewhere",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    engine, options, retry, log_filter, sessions = json.loads(
        result.stdout.strip().splitlines()[-1]
    )
    assert engine == "django.db.backends.postgresql"
    assert options == {}
    assert not retry and not log_filter
    assert sessions == "django.contrib.sessions.backends.db"


@on_sqlite
@pytest.mark.slow
def test_eight_threads_raising_eight_cases_each_lose_nothing_on_a_sqlite_file(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "lib.tests.sqlite_writers", str(tmp_path / "db.sqlite3")],
        cwd=Path(settings.BASE_DIR),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    print(
        f"\nsqlite concurrency: {outcome['created']} of 64 created, "
        f"{outcome['error_count']} errors, journal {outcome['journal_mode']}"
    )
    assert outcome["errors"] == []
    assert outcome["created"] == 64
    assert outcome["serials"] == list(range(1, 65))
    assert outcome["journal_mode"] == "wal"
