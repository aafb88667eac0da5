"""SQLite: a request that finds the database locked is run again, or answered 503, never 500.

On SQLite one connection at a time writes. Every transaction is `BEGIN IMMEDIATE` (it takes the
write lock when it begins, so two transactions never deadlock upgrading a read lock) and a write
waits up to `SQLITE_BUSY_TIMEOUT` seconds for the lock (SQLite's busy timeout). That wait is not a
queue: SQLite's busy handler polls with growing sleeps (up to 100 ms), so a writer that has waited
long can keep losing the lock to writers that have just arrived. Measured with 8 threads x 8
writes against `make run` (README, "SQLite"): the median wait for the lock was under 0.1 s and a
transaction held it for 0.03-0.15 s, but single writers waited over 5 s, the old busy timeout, and
were answered 500 (with 20 s they waited up to 7 s and succeeded). A request takes the lock up to
three times: the view's transaction, the session save, the audit row.

The busy timeout does most of the work. A retry after a full busy timeout is more of the same wait;
it is there for the lock errors SQLite returns without waiting (a snapshot that went stale in a
transaction that read before it wrote, WAL recovery after a crash) and so that what is left is a
503 the user can act on, never a 500.

`RetryLockedDatabaseMiddleware` is the last line: when "database is locked" escapes anywhere
inside it (a view, the session middleware, the audit middleware), it

- runs the whole request again, up to `SQLITE_LOCKED_RETRIES` times after a short random pause,
  **only if nothing was committed in it** (`lib.sqlite.base.committed_writes`, counted per
  thread) and its input can be read again (the form was parsed; no uploaded temporary file was
  moved away). A request whose writes all rolled back left no trace, so running it again is the
  same as the user sending it again a moment later. The run starts from the middleware below
  this one: session, user, messages and the CSRF check are set up again;
- retries only while the request is younger than one busy timeout: a lock that outlasted a whole
  busy timeout is not waited out twice, and `make serve`'s gunicorn timeout stays well above the
  longest request (two busy timeouts);
- otherwise answers 503 with a Swedish page and `Retry-After`. If something was committed (say,
  the decision was saved and then the audit row found the database locked), the page says the
  change may already be saved and asks the user to check before sending it again.

Why the whole request and not the service's transaction: the services' transactions nest (a view
may call several, inside one `atomic`), the session and audit rows are written by middleware
outside any service, and a retry inside a transaction cannot help, since on SQLite the lock is
taken at the outermost `BEGIN`. The request is the one unit that is safe to repeat as a whole,
as long as nothing in it has committed.

Django turns an exception into a 500 response in the layer where it is raised, so the middleware
learns about the lock from `got_request_exception`, which Django sends for every uncaught
exception with the request. `SkipDatabaseLockedErrors` keeps those 500s out of the
`django.request` log; this module logs a warning per retry and an error per 503 instead.

Installed only when the database is SQLite (samverkan/settings.py); PostgreSQL waits for row locks
without a timeout and reports its own serialization errors, which are not retried here.
"""

from __future__ import annotations

import logging
import os
import random
import sqlite3
import sys
import time

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import OperationalError
from django.http import HttpResponse
from django.shortcuts import render

from lib.sqlite.base import committed_writes

logger = logging.getLogger(__name__)

SQLITE_BUSY = 5
SQLITE_LOCKED = 6
LOCKED_MESSAGES = ("database is locked", "database table is locked")
# Set on the request by `_remember_lock_error`; read and removed by the middleware.
ERROR_ATTRIBUTE = "_samverkan_database_locked"
# The parsed input stays on the request across attempts; everything else a run added is removed.
INPUT_ATTRIBUTES = frozenset({"_body", "_post", "_files", "_stream", "_read_started", "_encoding"})
RETRY_AFTER_SECONDS = 5


def is_database_locked(exc: BaseException | None) -> bool:
    """Is this (or what caused it) SQLite's "database is locked" (SQLITE_BUSY / SQLITE_LOCKED)?"""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OperationalError | sqlite3.OperationalError):
            code = getattr(exc, "sqlite_errorcode", None)
            if code is not None and code & 0xFF in (SQLITE_BUSY, SQLITE_LOCKED):
                return True
            if any(message in str(exc) for message in LOCKED_MESSAGES):
                return True
        exc = exc.__cause__ or exc.__context__
    return False


def _remember_lock_error(sender, request=None, **kwargs):
    exc = sys.exc_info()[1]
    if request is not None and is_database_locked(exc):
        setattr(request, ERROR_ATTRIBUTE, exc)


got_request_exception.connect(_remember_lock_error, dispatch_uid="lib.locked")


class SkipDatabaseLockedErrors(logging.Filter):
    """For the `django.request` logger: the 500s that the middleware turns into a retry or a 503
    are logged by it, not as "Internal Server Error"."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not is_database_locked(exc)


def _replayable(request) -> bool:
    """Can the request's input be read again? Parsed forms and bodies are kept on the request; a
    large upload is a temporary file that storage moves into place, so once gone it is gone."""
    if getattr(request, "_read_started", False) and not (
        hasattr(request, "_body") or hasattr(request, "_post")
    ):
        return False
    files = getattr(request, "_files", None)
    if files:
        for _name, uploads in files.lists():
            for upload in uploads:
                path = getattr(upload, "temporary_file_path", None)
                if path is not None and not os.path.exists(path()):
                    return False
                if getattr(upload, "closed", False):
                    return False
                upload.seek(0)
    return True


def _reset(request, before: dict) -> None:
    """Back to the request as it came in: no session, user, messages or CSRF verdict of the
    failed run (each middleware sets its own again), but the parsed input kept."""
    for key in list(request.__dict__):
        if key not in before and key not in INPUT_ATTRIBUTES:
            del request.__dict__[key]
    for key, value in before.items():
        if key not in INPUT_ATTRIBUTES:
            request.__dict__[key] = value


def busy_response(request, *, committed: bool) -> HttpResponse:
    context = {"committed": committed, "retry_after": RETRY_AFTER_SECONDS}
    try:
        response = render(request, "database_busy.html", context, status=503)
    except Exception:  # noqa: BLE001 – the page must not fail; a plain one will do
        logger.exception("could not render database_busy.html")
        text = (
            "Det du skickade kan redan vara sparat. Kontrollera det innan du försöker igen."
            if committed
            else "Inget sparades. Försök igen om en stund."
        )
        response = HttpResponse(
            f"Många sparar samtidigt just nu. {text}".encode(),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class RetryLockedDatabaseMiddleware:
    """See the module's docstring. Sits before every middleware that may write (sessions,
    uploads, audit) and after the ones that parse and check the input."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        retries = getattr(settings, "SQLITE_LOCKED_RETRIES", 2)
        budget = getattr(settings, "SQLITE_BUSY_TIMEOUT", 20)
        before = dict(request.__dict__)
        attempt = 0
        while True:
            commits = committed_writes()
            response = self.get_response(request)
            error = request.__dict__.pop(ERROR_ATTRIBUTE, None)
            if error is None:
                return response
            committed = committed_writes() != commits
            attempt += 1
            if (
                committed
                or attempt > retries
                or time.monotonic() - started >= budget
                or not _replayable(request)
            ):
                logger.error(
                    "database locked: %s %s answered 503 after %d attempt(s)%s",
                    request.method,
                    request.path,
                    attempt,
                    " (something was committed)" if committed else "",
                    exc_info=(type(error), error, error.__traceback__),
                )
                return busy_response(request, committed=committed)
            logger.warning(
                "database locked: %s %s, nothing committed, trying again (%d of %d)",
                request.method,
                request.path,
                attempt,
                retries,
            )
            time.sleep(random.uniform(0.05, 0.25) * attempt)
            _reset(request, before)
