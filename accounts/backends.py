"""Authentication backends: the password check behind the sign-in lockout."""

from asgiref.sync import sync_to_async
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from accounts import lockout
from lib.client_ip import client_ip


class LockoutModelBackend(ModelBackend):
    """Django's username and password check, behind the lockout (`accounts/lockout.py`).

    A locked account or address is refused before any password is checked, so the right
    password is refused too, and the attempt is marked on the request (`sign_in_refused`,
    `sign_in_locked`) for the locked page and the audit log. A wrong password is counted; a
    right one clears the account's count.

    Lockout protects sign-in over HTTP. `authenticate()` without a request only comes from our own
    code (the test client, the shell), which no attacker can reach, so it is neither counted nor
    refused.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return super().authenticate(request, username=username, password=password, **kwargs)
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        ip = client_ip(request)
        if lockout.is_locked(username=username, ip=ip):
            request.sign_in_refused = request.sign_in_locked = True
            # Stops Django trying the other backends; it then signals a failed sign-in.
            raise PermissionDenied
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            if lockout.record_failure(username=username, ip=ip):
                request.sign_in_locked = True
            return None
        lockout.clear_account(username=username)
        return user

    async def aauthenticate(self, request, username=None, password=None, **kwargs):
        """ModelBackend's own async check would skip the lockout; use the one above."""
        return await sync_to_async(self.authenticate)(
            request, username=username, password=password, **kwargs
        )
