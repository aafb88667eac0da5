"""Sign-ins, failed sign-ins and sign-outs go to the audit trail."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from audit.models import EventKind
from audit.services import record_event


@receiver(user_logged_in, dispatch_uid="audit_login")
def on_login(sender, request, user, **kwargs):
    if request is not None:
        record_event(kind=EventKind.LOGIN, request=request, user=user)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def on_login_failed(sender, credentials, request=None, **kwargs):
    if request is not None:
        username = str(credentials.get("username") or "")
        # Refused by the lockout before any password was checked (accounts.backends).
        action = "spärrad" if getattr(request, "sign_in_refused", False) else ""
        record_event(kind=EventKind.LOGIN_FAILED, request=request, username=username, action=action)


@receiver(user_logged_out, dispatch_uid="audit_logout")
def on_logout(sender, request, user, **kwargs):
    if request is not None and user is not None:
        record_event(kind=EventKind.LOGOUT, request=request, user=user)
