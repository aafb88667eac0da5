"""Writing audit events: one function, called by the sign-in receivers and the write middleware."""

from __future__ import annotations

from axes.helpers import get_client_ip_address
from django.http import HttpRequest

from audit.models import AuditEvent
from lib.redact import redact_url


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address as the lockout sees it (honours PROXY_COUNT behind a proxy)."""
    if request is None:
        return None
    return get_client_ip_address(request) or None


def record_event(
    *,
    kind: str,
    request: HttpRequest | None,
    user=None,
    username: str = "",
    action: str = "",
    object_ref: str = "",
    status_code: int | None = None,
) -> AuditEvent:
    if user is not None and not username:
        username = user.get_username()
    return AuditEvent.objects.create(
        kind=kind,
        user=user if user is not None and user.pk else None,
        username=(username or "")[:150],
        ip_address=client_ip(request),
        action=action[:200],
        # `?next=/enkat/<token>/` after a sign-in, say: the route stays, the secret does not.
        path=(redact_url(request.get_full_path()) if request is not None else "")[:300],
        object_ref=object_ref[:200],
        status_code=status_code,
    )
