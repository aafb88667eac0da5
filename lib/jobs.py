"""Scheduled and bulk jobs that several app servers may start at the same moment.

With more than one node, cron (or a person pressing a button) may start the same job on two
of them at once. Two things keep that from mailing anyone twice or leaving anyone out:

1. **Per-recipient markers** (the job's own rows, e.g. `DigestSent`, `Reminder`, a survey
   invitation's `reminded`), written in the same transaction that queues the mail and guarded
   by a unique constraint or a row lock. They alone make a job correct however runs overlap:
   a second run finds the marker and sends nothing, and a run that stops half-way leaves
   unmarked recipients for the next one. The mail itself goes out after that commit
   (`lib.mail.send_after_commit`).
2. **One run at a time** (`one_at_a_time`, below): on PostgreSQL a session-level advisory lock
   per job name. A second run waits for the first to finish, then finds everything marked
   and sends only what the first did not get to (nothing is skipped because a lock was busy),
   and the lock goes away with the connection if a node dies mid-run. On SQLite, which only
   serves one node, writers are serialised by the database itself and the markers suffice.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection


def lock_key(job: str) -> int:
    """A stable signed 64-bit number for the job's name (PostgreSQL's advisory lock key)."""
    digest = hashlib.blake2b(job.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


@contextmanager
def one_at_a_time(job: str) -> Iterator[None]:
    """Run the block while no other node runs the same job; waits for a run in progress."""
    if connection.vendor != "postgresql":
        yield
        return
    key = lock_key(job)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [key])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
