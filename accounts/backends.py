"""Authentication backends: the lockout guard in front of the password check."""

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' guard, which refuses a locked-out username+IP before any password is checked.

    Lockout protects sign-in over HTTP. `authenticate()` without a request only comes from our own
    code (the test client, the shell), which no attacker can reach, so it is let through here
    instead of failing as axes does by default.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_username(request, credentials) -> str:
    """The name a lockout is counted against: what was typed, cut to the longest username there
    can be (django-axes stores it in a 255-character column; a longer value broke sign-in)."""
    username = (credentials or {}).get("username")
    if username is None and request is not None:
        username = request.POST.get("username", "")
    return str(username or "")[:150]
