"""Where the current write comes from: the client's address and the URL's name, set once per
request by `audit.middleware.AuditContextMiddleware`, so services need no `request`.

Outside a request (a management command, a scheduled job, a test calling a service) there is
no context: the write is recorded without an address or route."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass
class RequestContext:
    ip_address: str | None = None
    # Filled in once the URL is resolved (the middleware's `process_view`).
    route: str = ""


_current: ContextVar[RequestContext | None] = ContextVar("audit_request_context", default=None)


def current() -> RequestContext | None:
    return _current.get()


def enter(context: RequestContext):
    """Make `context` current; returns the token for `leave`."""
    return _current.set(context)


def leave(token) -> None:
    _current.reset(token)
