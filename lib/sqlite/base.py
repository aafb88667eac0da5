"""Django's SQLite backend, counting the writes each thread has committed.

`lib.locked.RetryLockedDatabaseMiddleware` runs a request again when SQLite answered "database is
locked", but only if nothing was committed in it: a second run must not save anything twice. SQLite
has no commit hook Python can reach, so the backend counts:

- a write statement (anything but SELECT, PRAGMA and transaction control) that succeeds outside a
  transaction: in autocommit SQLite committed it at once;
- a successful COMMIT of a transaction that wrote something (a read-only `atomic` block, which on
  SQLite also takes the write lock because every transaction is IMMEDIATE, does not count).

The count is per thread, for every connection of this backend (a request runs in one thread), and
never decreases; `committed_writes()` reads it. Counting errs on the side of "committed": a write
rolled back to a savepoint inside a transaction that then commits still counts.
"""

from __future__ import annotations

import threading

from django.db.backends.sqlite3 import base

_counter = threading.local()

# Statements that never change the database file. Everything else counts as a write (INSERT,
# UPDATE, DELETE, REPLACE, WITH ..., CREATE ...).
NOT_WRITES = frozenset({"SELECT", "PRAGMA", "EXPLAIN", "BEGIN", "SAVEPOINT", "RELEASE", "ROLLBACK"})


def committed_writes() -> int:
    """How many writes this thread has committed so far, over every SQLite connection."""
    return getattr(_counter, "count", 0)


def _committed() -> None:
    _counter.count = committed_writes() + 1


def is_write(sql: str) -> bool:
    words = sql.lstrip().split(None, 1)
    return bool(words) and words[0].upper() not in NOT_WRITES


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._wrote_in_transaction = False
        self.execute_wrappers.append(self._count_writes)

    def _count_writes(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if is_write(sql):
            if self.get_autocommit():
                _committed()
            else:
                self._wrote_in_transaction = True
        return result

    def _commit(self):
        super()._commit()
        if self._wrote_in_transaction:
            self._wrote_in_transaction = False
            _committed()

    def _rollback(self):
        try:
            super()._rollback()
        finally:
            self._wrote_in_transaction = False
