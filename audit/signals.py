"""Sign-ins, failed sign-ins, sign-outs and second-factor enrolments go to the audit trail.

An enrolment is a write: `accounts.otp` sends its signal inside the transaction that confirms
the device (accounts sits below audit and does not import it), so the row commits with it."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from accounts.signals import second_factor_enrolled
from audit.models import EventKind
from audit.services import record_event, record_write


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


@receiver(second_factor_enrolled, dispatch_uid="audit_second_factor")
def on_second_factor_enrolled(sender, user, replaced, **kwargs):
    record_write(
        actor=user,
        action="accounts.replace_second_factor" if replaced else "accounts.enrol_second_factor",
        target=user,
        changes={"second_factor": ["app" if replaced else None, "ny app"]},
    )
