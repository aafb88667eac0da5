"""The real servers' logs (R-F4): gunicorn as `make serve` starts it, runserver as `make run`
does, each on a free loopback port for a few seconds. Requests to a survey link and a calendar
feed (and a POST without CSRF token, a Referer holding the link) leave the route in the access
and error logs, never the token.

The command line is taken from `make -n`, so a change to the Makefile's options is what is
tested. The database is a copy of the test database (SQLite) or the test database itself
(PostgreSQL): schema and reference data, no rows of this test."""

from __future__ import annotations

import os
import secrets
import shlex
import signal
import socket
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

# The servers use the test database (pytest-django creates it only for tests that ask for it).
pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
START_TIMEOUT = 90  # seconds; the 2 shared cores can be slow to import Django
SURVEY_TOKEN = secrets.token_urlsafe(32)
FEED_TOKEN = secrets.token_urlsafe(24)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_command(target: str, port: int) -> str:
    """The server's command line as the Makefile runs it (the last command of the target)."""
    dry = subprocess.run(
        ["make", "-n", target, "HOST=127.0.0.1", f"PORT={port}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout
    commands = dry.replace("\\\n", " ").strip().splitlines()
    (server,) = [c for c in commands if "bin/gunicorn " in c or " runserver " in c]
    return server


@pytest.fixture(scope="module")
def database_url(django_db_setup, django_db_blocker, tmp_path_factory) -> str:
    """A copy of the SQLite test database (taken outside any test's transaction, which holds
    the write lock), or the PostgreSQL test database."""
    with django_db_blocker.unblock():
        if connection.vendor != "sqlite":
            db = connection.settings_dict
            return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        copy = tmp_path_factory.mktemp("server") / "db.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(copy) as target:
            connection.connection.backup(target)
        return f"sqlite:///{copy}"


def request(port: int, path: str, *, method: str = "GET", referer: str = "") -> int:
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        method=method,
        data=b"E1=5" if method == "POST" else None,
        headers={"Referer": referer} if referer else {},
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def wait_until_listening(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server exited with {process.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise AssertionError(f"the server did not listen within {START_TIMEOUT} s")


def serve_and_log(
    target: str, database_url: str, tmp_path: Path, extra: str = ""
) -> tuple[str, list[int]]:
    """Start the target's server, send the requests, stop it; returns (its output, statuses)."""
    port = free_port()
    command = make_command(target, port) + extra
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "true",
        "WEB_CONCURRENCY": "1",
        "PYTHONUNBUFFERED": "1",
    }
    output = tmp_path / "server.log"
    with output.open("wb") as log:
        process = subprocess.Popen(
            ["bash", "-c", f"exec {command}"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the workers stop with it
        )
        try:
            wait_until_listening(port, process)
            survey = f"/enkat/{SURVEY_TOKEN}/"
            statuses = [
                request(port, survey),
                request(port, survey, method="POST"),
                request(port, f"/kalender/ledamot/{FEED_TOKEN}.ics"),
                request(port, "/static/css/site.css", referer=f"http://127.0.0.1:{port}{survey}"),
            ]
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=30)
    return output.read_text(errors="replace"), statuses


def test_gunicorn_as_make_serve_starts_it_logs_routes_not_tokens(database_url, tmp_path):
    log, statuses = serve_and_log("serve", database_url, tmp_path)
    assert statuses[:3] == [404, 403, 404], log
    assert SURVEY_TOKEN not in log and FEED_TOKEN not in log
    assert '"GET /enkat/<token>/ HTTP/1.1" 404' in log  # gunicorn's access log
    assert '"POST /enkat/<token>/ HTTP/1.1" 403' in log
    assert '"GET /kalender/ledamot/<token>.ics HTTP/1.1" 404' in log
    assert "/enkat/<token>/" in log.split("GET /static/css/site.css", 1)[1]  # its Referer
    assert "Not Found: /enkat/<token>/" in log  # Django's error log in the worker
    assert "Forbidden (CSRF cookie not set.): /enkat/<token>/" in log


def test_runserver_as_make_run_starts_it_logs_routes_not_tokens(database_url, tmp_path):
    log, statuses = serve_and_log("run", database_url, tmp_path, extra=" --noreload")
    assert statuses[:3] == [404, 403, 404], log
    assert SURVEY_TOKEN not in log and FEED_TOKEN not in log
    assert '"GET /enkat/<token>/ HTTP/1.1" 404' in log  # django.server
    assert '"POST /enkat/<token>/ HTTP/1.1" 403' in log
    assert '"GET /kalender/ledamot/<token>.ics HTTP/1.1" 404' in log
    assert "Not Found: /enkat/<token>/" in log


def test_the_makefile_serves_with_the_redacting_logger():
    command = shlex.split(make_command("serve", 8000))
    logger = command[command.index("--logger-class") + 1]
    assert logger == "lib.gunicorn_logging.RedactingLogger"
