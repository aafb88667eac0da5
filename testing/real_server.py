"""The real server processes, on a database of their own, for tests that talk HTTP to them.

`ServerDatabase` builds a database next to the suite's: a temporary SQLite file when the suite runs
on SQLite, a fresh PostgreSQL database on the suite's server when it runs on PostgreSQL (dropped
afterwards). It is migrated, loaded with the structure and seeded once as a template; each server
gets a copy of it (a file copy, or `CREATE DATABASE ... TEMPLATE`).

`start_server` starts the command `make run` or `make serve` starts:

- "run": `manage.py runserver --noreload` (threaded), DEBUG on, as in development;
- "serve": `gunicorn samverkan.wsgi` with the Makefile's options (the worker count
  `WEB_CONCURRENCY`, else 2 x cores + 1; --preload; --timeout `GUNICORN_TIMEOUT`, else 60; the
  redacting logger class),
  DEBUG off with a production secret key, behind a (pretend) TLS proxy: clients send
  `X-Forwarded-Proto: https`, as the proxy in front of `make serve` would. The settings are
  `testing.serve_settings`: production's, except that static files are not hashed (no
  collectstatic, which compresses for minutes; no database write depends on it).

The server always listens on a free loopback port and is stopped by `Server.stop` (its own
process group: gunicorn's workers go with it).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parent.parent
# Guards against a hung process, not timing assertions: a test fails, it does not wait forever.
START_TIMEOUT = 300
COMMAND_TIMEOUT = 600


def clean_environment() -> dict[str, str]:
    """This process' environment without what pytest or other tests set for themselves."""
    drop = {"DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    return {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("PYTEST_")}


def base_environment(database_url: str) -> dict[str, str]:
    return {
        **clean_environment(),
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "samverkan.settings",
        # Mail is sent after commit; in memory, so nothing lands in var/mail.
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "PYTHONUNBUFFERED": "1",
    }


def run_manage(*args: str, database_url: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=base_environment(database_url),
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-4000:]}")
    return result.stdout


# --- The database ------------------------------------------------------------------------------


class ServerDatabase:
    """A template database and its copies, on the suite's database engine.

    `settings_dict` is the suite's connection settings (`django.db.connection.settings_dict`):
    SQLite, or the PostgreSQL server and role to create the databases with."""

    def __init__(self, settings_dict: dict, directory: Path):
        self.directory = directory
        self.postgres = settings_dict["ENGINE"].endswith("postgresql")
        self.settings = settings_dict
        stem = f"{settings_dict['NAME']}_srv_{secrets.token_hex(3)}" if self.postgres else "srv"
        self.template = self._name(stem, "template")
        self._created: list[str] = []

    def _name(self, stem: str, suffix: str) -> str:
        if self.postgres:
            return f"{stem[:50]}_{suffix}"
        return str(self.directory / f"{stem}-{suffix}.sqlite3")

    def url(self, name: str) -> str:
        if not self.postgres:
            return f"sqlite:///{name}"
        s = self.settings
        auth = quote(s["USER"], safe="") + (
            f":{quote(s['PASSWORD'], safe='')}" if s.get("PASSWORD") else ""
        )
        return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"

    def _connect(self, dbname: str, **options):
        import psycopg

        s = self.settings
        return psycopg.connect(
            host=s["HOST"] or "127.0.0.1",
            port=s["PORT"] or 5432,
            user=s["USER"],
            password=s.get("PASSWORD") or None,
            dbname=dbname,
            connect_timeout=10,
            **options,
        )

    def _admin(self, sql: str) -> None:
        """PostgreSQL: a statement on the maintenance database (else the suite's), autocommit."""
        import psycopg

        for dbname in ("postgres", self.settings["NAME"]):
            try:
                conn = self._connect(dbname, autocommit=True)
            except psycopg.OperationalError:
                continue
            with conn:
                conn.execute(sql)
            return
        raise RuntimeError("cannot reach the PostgreSQL server to create a database")

    def build_template(self, seed: str) -> dict:
        """Migrate, load the structure, run `seed` (a `manage.py shell -c` snippet that prints
        one JSON line) and return what it printed."""
        if self.postgres:
            self._admin(f'CREATE DATABASE "{self.template}"')
            self._created.append(self.template)
        url = self.url(self.template)
        run_manage("migrate", "--noinput", "-v0", database_url=url)
        run_manage("load_structure", database_url=url)
        out = run_manage("shell", "-c", seed, database_url=url)
        return json.loads(out.strip().splitlines()[-1])

    def copy(self, label: str) -> str:
        """A copy of the template for one server; returns its DATABASE_URL."""
        if self.postgres:
            name = f"{self.template.removesuffix('_template')}_{label}"
            self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
            self._created.append(name)
        else:
            name = self._name("srv", label)
            conn = sqlite3.connect(self.template)
            try:  # everything into the main file, so a copy of the file is the whole database
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
            shutil.copyfile(self.template, name)
        return self.url(name)

    def count(self, url: str, sql: str, params: tuple = ()) -> int:
        """One number from the server's database, read over a connection of the test's own."""
        name = url.rsplit("/", 1)[1] if self.postgres else url.removeprefix("sqlite:///")
        if self.postgres:
            with self._connect(name) as conn:
                return conn.execute(sql.replace("?", "%s"), params).fetchone()[0]
        conn = sqlite3.connect(name, timeout=60)
        try:
            return conn.execute(sql, params).fetchone()[0]
        finally:
            conn.close()

    def drop(self) -> None:
        if self.postgres:
            import psycopg

            for name in reversed(self._created):
                try:
                    self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                except psycopg.errors.InsufficientPrivilege:
                    # FORCE may not end a process of no role, such as an autovacuum worker busy
                    # with a freshly built database; a plain DROP cancels autovacuum itself.
                    self._admin(f'DROP DATABASE IF EXISTS "{name}"')
            self._created.clear()
        else:
            for path in self.directory.glob("*.sqlite3*"):
                path.unlink()


# --- The server process -------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def makefile_workers() -> int:
    """`make serve`'s worker count: WEB_CONCURRENCY, else 2 x cores (nproc) + 1."""
    if os.environ.get("WEB_CONCURRENCY"):
        return int(os.environ["WEB_CONCURRENCY"])
    return len(os.sched_getaffinity(0)) * 2 + 1


@dataclass
class Server:
    kind: str
    url: str
    database_url: str
    process: subprocess.Popen
    log: Path
    secure: bool
    extra: dict = field(default_factory=dict)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=30)

    def log_tail(self, chars: int = 6000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""


def start_server(
    kind: str,
    database_url: str,
    directory: Path,
    env_overrides: dict | None = None,
    gunicorn_overrides: dict[str, str] | None = None,
) -> Server:
    """Start the server of `make run` ("run") or `make serve` ("serve") and wait until it answers.
    `env_overrides` are added to its environment last (e.g. a measuring settings module);
    `gunicorn_overrides` replace options of `make serve`'s command line (e.g. `--timeout`)."""
    port = free_port()
    env = base_environment(database_url)
    if kind == "run":
        command = [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
        env.update(DEBUG="1")
        secure = False
    elif kind == "serve":
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "samverkan.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(makefile_workers()),
            "--worker-class",
            "gthread",
            "--threads",
            os.environ.get("GUNICORN_THREADS", "4"),
            "--keep-alive",
            "0",
            "--preload",
            "--timeout",
            os.environ.get("GUNICORN_TIMEOUT", "60"),
            "--access-logfile",
            "-",
            "--logger-class",
            "lib.gunicorn_logging.RedactingLogger",
            "--forwarded-allow-ips",
            "127.0.0.1",
            # Not in the Makefile: gunicorn's control socket is one path per user
            # (~/.gunicorn/gunicorn.ctl); a test server must not take it from a real one.
            "--no-control-socket",
        ]
        for option, value in (gunicorn_overrides or {}).items():
            command[command.index(option) + 1] = value
        env.update(
            DEBUG="0",
            DJANGO_SETTINGS_MODULE="testing.serve_settings",
            SECRET_KEY=secrets.token_urlsafe(60),
            ALLOWED_HOSTS="127.0.0.1",
            SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO",
            SAMVERKAN_OTP_REQUIRED="0",
        )
        secure = True
    else:
        raise ValueError(kind)
    env.update(env_overrides or {})
    log = directory / f"server-{kind}.log"
    with open(log, "w") as out:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, stopped as one
        )
    server = Server(kind, f"http://127.0.0.1:{port}", database_url, process, log, secure)
    try:
        _wait_until_it_answers(server)
    except BaseException:
        server.stop()
        raise
    return server


def _wait_until_it_answers(server: Server) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if server.process.poll() is not None:
            raise RuntimeError(f"the {server.kind} server exited:\n{server.log_tail()}")
        try:
            response = httpx.get(f"{server.url}/logga-in/", headers=Browser.headers(server))
            if response.status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"the {server.kind} server did not answer:\n{server.log_tail()}")
        time.sleep(0.2)


# --- A browser ---------------------------------------------------------------------------------


class Browser:
    """One person's HTTP session: its own cookies, the CSRF token, redirects not followed.

    Cookies are kept by hand: behind the TLS proxy they are `Secure`, which a cookie jar would not
    send over the loopback's plain HTTP."""

    def __init__(self, server: Server):
        self.server = server
        self.cookies: dict[str, str] = {}
        self.client = httpx.Client(base_url=server.url, timeout=300, follow_redirects=False)

    @staticmethod
    def headers(server: Server) -> dict[str, str]:
        scheme = "https" if server.secure else "http"
        host = server.url.removeprefix("http://")
        return {"X-Forwarded-Proto": scheme, "Origin": f"{scheme}://{host}"}

    def request(self, method: str, path: str, data: dict | None = None) -> httpx.Response:
        headers = self.headers(self.server)
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        response = self.client.request(method, path, data=data, headers=headers)
        for header in response.headers.get_list("set-cookie"):
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def sign_in(self, username: str, password: str) -> httpx.Response:
        self.request("GET", "/logga-in/")
        return self.request(
            "POST",
            "/logga-in/",
            {
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": self.cookies.get("csrftoken", ""),
            },
        )

    def close(self) -> None:
        self.client.close()
