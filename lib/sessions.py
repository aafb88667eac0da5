"""Django's database sessions (SESSION_ENGINE "lib.sessions" on SQLite), telling a locked
database apart from a session that is gone.

Django's `SessionStore.save` turns every database error on updating a session into `UpdateError`,
which the session middleware answers with 400 "session interrupted" (the user signed out in
another tab). On SQLite "database is locked" is such an error: the session save after a view that
has just saved a case would answer 400, and the request could not be run again. Here the lock error
goes on as itself, to `lib.locked.RetryLockedDatabaseMiddleware` (503 or a retry)."""

from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

from lib.locked import is_database_locked


class SessionStore(DatabaseSessionStore):
    def save(self, must_create=False):
        try:
            return super().save(must_create=must_create)
        except UpdateError as exc:
            locked = exc.__context__
            if is_database_locked(locked):
                raise locked.with_traceback(locked.__traceback__) from None
            raise
