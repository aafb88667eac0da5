"""`Authorization: Bearer <token>` for the API. Session cookies are never used by the API."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from ninja.security import HttpBearer

from api import tokens
from api.models import TokenScope
from audit.models import EventKind
from audit.services import client_ip, record_event


class TokenAuth(HttpBearer):
    """A valid token is required; the owner becomes `request.auth`."""

    def authenticate(self, request, token: str):
        checked = getattr(request, "verified_api_token", None)  # by the rate limit
        found = tokens.authenticate(
            token,
            method=request.method,
            path=request.path,
            ip=client_ip(request),
            verified=checked[1] if checked and checked[0] == token else None,
        )
        if found is None:
            return None
        request.api_token = found
        # The audit log shows every use beside sign-ins; the token's own log names the token.
        record_event(kind=EventKind.TOKEN, request=request, user=found.user, action=request.method)
        return found.user


class OptionalTokenAuth(TokenAuth):
    """Public reads: without an Authorization header the caller is anonymous; a header that is
    there but invalid is refused (401) rather than silently ignored."""

    def __call__(self, request):
        if not request.headers.get(self.header):
            return AnonymousUser()
        return super().__call__(request)


token_required = TokenAuth()
token_optional = OptionalTokenAuth()


def require_register_scope(request, principal) -> None:
    """A write for `principal` needs a token whose scope allows it (the owner's own permission is
    checked by the service as on the web)."""
    token = getattr(request, "api_token", None)
    if token is None or token.may_register_for(principal):
        return
    if token.scope != TokenScope.REGISTER:
        raise PermissionDenied(
            "Nyckeln får bara läsa. Skapa en nyckel med behörigheten "
            "”Läsa och registrera beslut” för att registrera beslut."
        )
    raise PermissionDenied(f"Nyckeln gäller bara beslut för {token.principal.name}.")
