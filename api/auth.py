"""`Authorization: Bearer <token>` for the API. Session cookies are never used by the API."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from ninja.security import HttpBearer

from api import tokens


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


class TokenAuth(HttpBearer):
    """A valid token is required; the owner becomes `request.auth`."""

    def authenticate(self, request, token: str):
        return tokens.authenticate(
            token, method=request.method, path=request.path, ip=client_ip(request)
        )


class OptionalTokenAuth(TokenAuth):
    """Public reads: without an Authorization header the caller is anonymous; a header that is
    there but invalid is refused (401) rather than silently ignored."""

    def __call__(self, request):
        if not request.headers.get(self.header):
            return AnonymousUser()
        return super().__call__(request)


token_required = TokenAuth()
token_optional = OptionalTokenAuth()
