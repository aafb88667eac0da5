"""SQLite behind a threaded web server: 8 people raising 8 cases each at once lose nothing.

Runs only when the suite runs on SQLite (the PostgreSQL equivalents live in cases/tests). The
writers run in a subprocess on a real database file, since the suite's SQLite test database is
in memory and WAL, busy timeouts and lock contention only exist for files."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite configuration; PostgreSQL has its own tests"
)


def test_sqlite_is_configured_for_concurrent_writers():
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]
    assert "busy_timeout=" in options["init_command"]


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
