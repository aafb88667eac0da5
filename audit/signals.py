"""Sign-ins, failed sign-ins, sign-outs and second-factor enrolments go to the audit trail."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from accounts.signals import second_factor_enrolled
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
        record_event(kind=EventKind.LOGIN_FAILED, request=request, username=username)


@receiver(user_logged_out, dispatch_uid="audit_logout")
def on_logout(sender, request, user, **kwargs):
    if request is not None and user is not None:
        record_event(kind=EventKind.LOGOUT, request=request, user=user)


@receiver(second_factor_enrolled, dispatch_uid="audit_second_factor")
def on_second_factor_enrolled(sender, user, replaced, **kwargs):
    record_event(
        kind=EventKind.WRITE,
        request=None,
        user=user,
        action="accounts.replace_second_factor" if replaced else "accounts.enrol_second_factor",
        object_ref=f"accounts.User:{user.pk}",
    )
