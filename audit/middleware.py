"""Every write by a coordinator or an administrator is recorded, whichever view handled it."""

from accounts import permissions
from audit.models import EventKind
from audit.services import record_event
from lib.redact import SECRET_ROUTES

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# Signing in and out are recorded by the sign-in receivers, not as writes; lifting a lockout by
# its service (audit.services.lift_lockout), with what was lifted.
NOT_WRITES = {"login", "logout", "lockout_lift"}
# Routes authorised by a secret in the link, not by the signed-in user (view names). A survey
# answer in particular must never be recorded: user, time and link together name the person.
TOKEN_ROUTES = frozenset(SECRET_ROUTES)


class AuditWritesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            request.method in WRITE_METHODS
            and user is not None
            and permissions.is_coordinator(user)
            and getattr(request, "resolver_match", None) is not None
            and request.resolver_match.url_name not in NOT_WRITES
            and request.resolver_match.view_name not in TOKEN_ROUTES
        ):
            match = request.resolver_match
            object_ref = ", ".join(f"{key}={value}" for key, value in sorted(match.kwargs.items()))
            if not object_ref and match.args:
                object_ref = ", ".join(str(arg) for arg in match.args)
            record_event(
                kind=EventKind.WRITE,
                request=request,
                user=user,
                action=match.view_name or "",
                object_ref=object_ref,
                status_code=response.status_code,
            )
        return response
