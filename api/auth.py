"""`Authorization: Bearer <token>` for the API. Session cookies are never used by the API."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from ninja.security import HttpBearer

from api import tokens
from audit.models import EventKind
from audit.services import client_ip, record_event


class TokenAuth(HttpBearer):
    """A valid token is required; the owner becomes `request.auth`."""

    def authenticate(self, request, token: str):
        user = tokens.authenticate(
            token, method=request.method, path=request.path, ip=client_ip(request)
        )
        if user is not None:
            # The audit log shows every use beside sign-ins; the token's own log names the token.
            record_event(kind=EventKind.TOKEN, request=request, user=user, action=request.method)
        return user


class OptionalTokenAuth(TokenAuth):
    """Public reads: without an Authorization header the caller is anonymous; a header that is
    there but invalid is refused (401) rather than silently ignored."""

    def __call__(self, request):
        if not request.headers.get(self.header):
            return AnonymousUser()
        return super().__call__(request)


token_required = TokenAuth()
token_optional = OptionalTokenAuth()
