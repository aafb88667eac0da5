"""Gives every request an audit context (client address, URL name) for the services' audit rows.

It records nothing itself: each write is recorded by its service, inside the service's own
transaction (`audit.services.record_write`)."""

from audit import context
from lib.client_ip import client_ip


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = context.enter(context.RequestContext(ip_address=client_ip(request)))
        try:
            return self.get_response(request)
        finally:
            context.leave(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        current = context.current()
        match = getattr(request, "resolver_match", None)
        if current is not None and match is not None:
            current.route = (match.view_name or "")[:200]
        return None
