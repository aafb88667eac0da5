"""Concurrent writes against the real servers never answer 500 and lose nothing.

Against `make run` (runserver, threaded) and `make serve` (gunicorn, several worker processes),
8 threads x 8 writes of each kind answer 64/64 successes, and the database holds exactly the 64
new rows per kind. Kinds: a member reports absence from a meeting (R-M3), a case is raised
(R-C1), a principal's decision is registered (R-C4). Half the case and decision threads are
coordinators. Every write records its audit row inside its own transaction (audit.record_write),
whoever makes it: the audit rows are counted too, exactly one per write.

The servers run on a database of their own, on the suite's engine: a temporary SQLite file, or a
fresh PostgreSQL database next to the test database when DATABASE_URL points to PostgreSQL
(see testing/real_server.py). Outcomes are counted; nothing is timed.

On SQLite the same writes also go to a `make run` whose busy timeout is far too short for them
(0.2 s): many find the database locked, and each must be answered with a redirect or the Swedish
503 "försök igen" page, never 500, with no row saved that its answer does not account for.

Select with `-m servers` (deselect with `-m "not servers"`). A run builds one database and starts
two servers (three on SQLite); a few minutes on a busy two-core machine.
"""

from __future__ import annotations

import threading
import uuid
from collections import Counter

import pytest
from django.db import connection

from audit.models import AuditEvent, EventKind
from cases.models import Case, PrincipalDecision
from meetings.models import Absence
from testing.concurrency_world import THREADS, WRITES
from testing.real_server import ROOT, Browser, ServerDatabase, start_server

pytestmark = [pytest.mark.servers, pytest.mark.slow]

SEED = "from testing.concurrency_world import main; main()"


@pytest.fixture(scope="module")
def server_database(tmp_path_factory):
    """The template database, built once for both servers; dropped at the end (PostgreSQL)."""
    database = ServerDatabase(dict(connection.settings_dict), tmp_path_factory.mktemp("servers"))
    try:
        world = database.build_template(SEED)
        yield database, world
    finally:
        database.drop()


@pytest.fixture(scope="module", params=["run", "serve"])
def server(request, server_database, tmp_path_factory):
    """The real server process on its own copy of the database; always stopped afterwards."""
    database, world = server_database
    url = database.copy(request.param)
    process = start_server(request.param, url, tmp_path_factory.mktemp(request.param))
    request.addfinalizer(process.stop)
    return process, database, world


@pytest.fixture(scope="module")
def browsers(server):
    """Every thread's person, signed in (at the same moment: sign-in writes too)."""
    process, _database, world = server
    usernames = sorted(
        {entry["username"] for kind in ("absence", "case", "decision") for entry in world[kind]}
    )
    signed_in: dict[str, Browser] = {}
    outcomes: dict[str, int] = {}

    def sign_in(username: str) -> None:
        browser = Browser(process)
        response = browser.sign_in(username, world["password"])
        outcomes[username] = response.status_code
        signed_in[username] = browser

    _all_at_once([lambda name=name: sign_in(name) for name in usernames])
    assert outcomes == dict.fromkeys(usernames, 302), process.log_tail()
    yield signed_in
    for browser in signed_in.values():
        browser.close()


def _all_at_once(jobs) -> None:
    barrier = threading.Barrier(len(jobs))
    errors = []

    def run(job):
        try:
            barrier.wait()
            job()
        except Exception as exc:  # noqa: BLE001 – reported below
            errors.append(repr(exc))

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def _posts(kind: str, entry: dict, world: dict, index: int) -> list[tuple[str, dict]]:
    """The 8 (path, form) posts of one thread."""
    if kind == "absence":
        return [(f"/moten/{pk}/franvaro/", {"note": "Förhinder."}) for pk in entry["meetings"]]
    if kind == "case":
        posts = []
        for n in range(WRITES):
            form = {
                "submission_key": str(uuid.uuid4()),
                "group": world["group"],
                "title": f"Samtidigt ärende {index}-{n}",
                "description": "Väckt samtidigt som andra.",
                "proposal": "Att visa att inget går förlorat.",
            }
            if entry["submitted_by"]:
                form["submitted_by"] = entry["submitted_by"]
            posts.append(("/arenden/nytt/", form))
        return posts
    return [
        (
            f"/registrator/{work['addressee']}/",
            {
                "outcome": "approved",
                "body": work["body"],
                "decided_on": world["today"],
                "reference": f"§ {index * WRITES + n + 1}",
                "comment": "",
            },
        )
        for n, work in enumerate(entry["work"])
    ]


KINDS = {
    # kind: the table its rows go to
    "absence": Absence._meta.db_table,
    "case": Case._meta.db_table,
    "decision": PrincipalDecision._meta.db_table,
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_eight_threads_times_eight_writes_all_succeed(server, browsers, kind):
    process, database, world = server
    table = KINDS[kind]
    count_rows = f"SELECT COUNT(*) FROM {table}"  # noqa: S608 – a model's own table name
    count_audit = f"SELECT COUNT(*) FROM {AuditEvent._meta.db_table} WHERE kind = ?"  # noqa: S608
    rows_before = database.count(process.database_url, count_rows)
    audit_before = database.count(process.database_url, count_audit, (EventKind.WRITE,))

    entries = world[kind]
    assert len(entries) == THREADS
    outcomes: Counter = Counter()
    lock = threading.Lock()

    def write(index: int, entry: dict) -> None:
        browser = browsers[entry["username"]]
        for path, form in _posts(kind, entry, world, index):
            try:
                status = browser.request("POST", path, form).status_code
            except Exception as exc:  # noqa: BLE001 – a dropped connection is an outcome too
                status = type(exc).__name__
            with lock:
                outcomes[status] += 1

    _all_at_once([lambda i=i, entry=entry: write(i, entry) for i, entry in enumerate(entries)])
    rows = database.count(process.database_url, count_rows) - rows_before
    audit = database.count(process.database_url, count_audit, (EventKind.WRITE,)) - audit_before
    print(f"\n{process.kind} {kind}: {dict(outcomes)}, {rows} new rows, {audit} audit rows")

    expected = THREADS * WRITES
    assert outcomes == {302: expected}, process.log_tail()
    assert rows == expected
    assert audit == expected  # one audit row per write, whoever wrote


# --- The lock that cannot be had: 503, never 500 ------------------------------------------------

BUSY = "0.2"  # seconds: far below how long writers wait for each other here


@pytest.fixture(scope="module")
def busy_server(server_database, tmp_path_factory):
    """`make run` on SQLite with a busy timeout too short for this load: many writes find the
    database locked after their busy wait, and the retry middleware has to answer them."""
    database, world = server_database
    if database.postgres:
        pytest.skip("SQLite's busy timeout; PostgreSQL waits for its locks")
    url = database.copy("busy")
    process = start_server(
        "run", url, tmp_path_factory.mktemp("busy"), {"SQLITE_BUSY_TIMEOUT": BUSY}
    )
    yield process, database, world
    process.stop()


def _sign_in_as_a_user_would(browser: Browser, username: str, password: str) -> int:
    """Sign in; on a 503 "försök igen", try again, as the page asks."""
    for _ in range(20):
        status = browser.sign_in(username, password).status_code
        if status != 503:
            return status
    return status


@pytest.fixture(scope="module")
def busy_browsers(busy_server):
    process, _database, world = busy_server
    usernames = sorted({e["username"] for kind in KINDS for e in world[kind]})
    browsers = {name: Browser(process) for name in usernames}
    signed_in = {
        name: _sign_in_as_a_user_would(browser, name, world["password"])
        for name, browser in browsers.items()
    }
    assert signed_in == dict.fromkeys(usernames, 302), process.log_tail()
    yield browsers
    for browser in browsers.values():
        browser.close()


@pytest.mark.parametrize("kind", list(KINDS))
def test_writes_that_cannot_get_the_lock_are_answered_503_never_500(
    busy_server, busy_browsers, kind
):
    process, database, world = busy_server
    table = KINDS[kind]
    count_rows = f"SELECT COUNT(*) FROM {table}"  # noqa: S608 – a model's own table name
    rows_before = database.count(process.database_url, count_rows)
    outcomes: Counter = Counter()
    pages: list[str] = []
    lock = threading.Lock()

    def write(index: int, entry: dict) -> None:
        for path, form in _posts(kind, entry, world, index):
            try:
                response = busy_browsers[entry["username"]].request("POST", path, form)
                status = response.status_code
            except Exception as exc:  # noqa: BLE001 – a dropped connection is an outcome too
                status, response = type(exc).__name__, None
            with lock:
                outcomes[status] += 1
                if status == 503:
                    pages.append(" ".join(response.text.split()))

    _all_at_once([lambda i=i, e=e: write(i, e) for i, e in enumerate(world[kind])])
    rows = database.count(process.database_url, count_rows) - rows_before
    print(f"\nbusy timeout {BUSY} s, {kind}: {dict(outcomes)}, {rows} new rows")

    assert set(outcomes) <= {302, 503}, process.log_tail()
    assert sum(outcomes.values()) == THREADS * WRITES
    assert all("Försök igen om en stund" in page for page in pages)
    # Every redirect saved its row; a 503 saved it only if its page says it may have.
    may_have_saved = sum("redan vara sparat" in page for page in pages)
    assert outcomes[302] <= rows <= outcomes[302] + may_have_saved


def test_the_servers_start_as_the_makefile_starts_them():
    """testing/real_server.py repeats these; a change to the Makefile must reach it."""
    makefile = (ROOT / "Makefile").read_text()
    run = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    serve = makefile.split("\nserve:", 1)[1].split("\n\n", 1)[0]
    assert "manage.py runserver" in run
    for option in (
        "gunicorn samverkan.wsgi",
        '--workers "$${WEB_CONCURRENCY:-$$(( $$(nproc) * 2 + 1 ))}"',
        '--worker-class gthread --threads "$${GUNICORN_THREADS:-4}" --keep-alive 0',
        "--preload",
        '--timeout "$${GUNICORN_TIMEOUT:-60}"',
        "--logger-class lib.gunicorn_logging.RedactingLogger",
        '--forwarded-allow-ips "$${FORWARDED_ALLOW_IPS:-127.0.0.1}"',
    ):
        assert option in serve, option
