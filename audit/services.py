"""Writing audit events: one function, called by the sign-in receivers and the write middleware."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest

from accounts import lockout, permissions
from audit.models import AuditEvent, EventKind
from lib.client_ip import client_ip  # noqa: F401 (the API imports it from here)
from lib.redact import redact_url


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


def lift_lockout(*, by, request: HttpRequest | None, scope: str, value: str) -> int:
    """A coordinator lifts the sign-in lock on an account (from every address) or on an address
    (for every account); returns how many counted failures stopped counting. Audited."""
    permissions.require(permissions.can_lift_lockouts(by))
    with transaction.atomic():
        if scope == lockout.Scope.ACCOUNT:
            lifted = lockout.clear_account(username=value)
            ref = f"konto={lockout.account_key(value)}"
        elif scope == lockout.Scope.ADDRESS:
            lifted = lockout.clear_address(ip=value)
            ref = f"adress={lockout.address_key(value)}"
        else:
            raise ValueError(f"Okänd spärr: {scope!r}")
        record_event(
            kind=EventKind.WRITE,
            request=request,
            user=by,
            action="audit:lockout_lift",
            object_ref=ref,
        )
    return lifted
