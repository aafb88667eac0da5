"""Session rules on every request: the idle timeout and the second factor for staff."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from accounts import permissions
from lib.redact import route_is_secret

LAST_SEEN_KEY = "samverkan_last_seen"


class SessionIdleTimeoutMiddleware:
    """Signs out a session that has been idle for SESSION_IDLE_TIMEOUT_MINUTES, besides the
    absolute lifetime of SESSION_COOKIE_AGE.

    Routes authorised by a secret in the link (the survey link, a calendar feed, a reset link:
    `lib.redact.SECRET_ROUTES`) neither use nor touch the session: a session row rewritten
    while someone answers the survey would date the answer to the person signed in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated or route_is_secret(request.resolver_match.view_name):
            return None
        now = int(time.time())
        last_seen = request.session.get(LAST_SEEN_KEY)
        limit = settings.SESSION_IDLE_TIMEOUT_MINUTES * 60
        if isinstance(last_seen, int) and now - last_seen > limit:
            logout(request)
            return redirect(f"{reverse('login')}?utloggad=inaktiv")
        # Write at most once a minute, so every request does not save the session.
        if not isinstance(last_seen, int) or now - last_seen >= 60:
            request.session[LAST_SEEN_KEY] = now
        return None


def needs_second_factor(user) -> bool:
    """Coordinators and administrators sign in with two factors when the setting is on."""
    return bool(settings.OTP_REQUIRED_FOR_STAFF and permissions.is_coordinator(user))


class RequireTwoFactorMiddleware:
    """Sends a coordinator or administrator who has not verified a second factor in this session
    to set one up or verify it, before any page but sign-in, sign-out and the factor pages, and
    the routes authorised by a secret in the link rather than by the session (a survey link
    works for a signed-in coordinator as for anyone, and its token never becomes `?next=`)."""

    OPEN_URL_NAMES = {"login", "logout", "otp_setup", "otp_verify"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not needs_second_factor(user) or user.is_verified():
            return None
        match = request.resolver_match
        if match.url_name in self.OPEN_URL_NAMES or route_is_secret(match.view_name):
            return None
        from accounts.otp import has_device

        target = "otp_verify" if has_device(user) else "otp_setup"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
