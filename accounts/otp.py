"""Second factor: a TOTP app (with recovery codes) for coordinators and administrators.

Enrolling a device is itself guarded by the second factor: a person who has none may set one up
after the password (or the identity provider), but a person who already has one must first
verify this session with it and then prove it once more (the app's code or a recovery code)
before a new app replaces it. Otherwise whoever learns the password could enrol their own app
and so side-step the factor, and remove the owner's. Every enrolment is audited and mailed to
the owner.
"""

from __future__ import annotations

import secrets

import segno
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.signals import second_factor_enrolled
from lib.mail import send_after_commit

RECOVERY_CODE_COUNT = 10
SETUP_DEVICE_NAME = "Autentiseringsapp"
WRONG_NEW_CODE = "Koden stämmer inte. Kontrollera klockan i telefonen och försök igen."
WRONG_CURRENT_CODE = (
    "Koden från din nuvarande app eller reservkoden stämmer inte eller har redan använts."
)
NOT_VERIFIED = "Logga in med din nuvarande tvåstegsverifiering innan du byter app."


def has_device(user) -> bool:
    """A confirmed TOTP app or recovery codes."""
    return any(True for _ in devices_for_user(user, confirmed=True))


def may_enrol(user, *, session_verified: bool) -> bool:
    """A first device after the password; a replacement only in a session verified with the
    current one (the current factor is asked for again when the new app is confirmed)."""
    return session_verified or not has_device(user)


def pending_totp_device(user) -> TOTPDevice:
    """The unconfirmed device being set up (one per user, reused on reload)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=SETUP_DEVICE_NAME, confirmed=False)
    return device


def qr_svg_data_uri(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5)


def secret_text(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, for typing into an app by hand."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def enrol_totp_device(
    *, user, device: TOTPDevice, token: str, current_token: str = "", session_verified: bool
) -> list[str]:
    """Confirms the app with its first code and issues fresh recovery codes (shown once).

    Replacing an existing factor needs a session verified with it and, once more, a code from
    it (the app or a recovery code); the old app and codes are then removed. Raises
    ValidationError (field `token` or `current_token`) and confirms nothing when refused."""
    replacing = has_device(user)
    if not may_enrol(user, session_verified=session_verified):
        raise ValidationError({"current_token": NOT_VERIFIED})
    if device.user_id != user.pk or device.confirmed:
        raise ValidationError({"token": WRONG_NEW_CODE})
    # Outside the transaction, so a failed try stays counted by django-otp's throttling. The new
    # app's code first: a wrong one must not use up a recovery code.
    if not device.verify_token(token.replace(" ", "").strip()):
        raise ValidationError({"token": WRONG_NEW_CODE})
    if replacing and match_token(user, current_token) is None:
        raise ValidationError({"current_token": WRONG_CURRENT_CODE})
    with transaction.atomic():
        # One enrolment at a time per person: a second, parallel one finds the device taken.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        if not TOTPDevice.objects.filter(pk=device.pk, confirmed=False).exists():
            raise ValidationError({"token": WRONG_NEW_CODE})
        if has_device(user) and not replacing:
            raise ValidationError({"current_token": NOT_VERIFIED})
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
        static, _ = StaticDevice.objects.get_or_create(user=user, defaults={"name": "Reservkoder"})
        static.token_set.all().delete()
        codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=static, token=code) for code in codes)
        _record_and_tell_owner(user=user, replaced=replacing)
    return codes


def _record_and_tell_owner(*, user, replaced: bool) -> None:
    # The audit trail records it in this transaction (audit listens, as for sign-ins).
    second_factor_enrolled.send(sender=get_user_model(), user=user, replaced=replaced)
    what = "bytts till en ny app" if replaced else "aktiverats"
    when = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    send_after_commit(
        "Tvåstegsverifieringen för ditt konto har ändrats",
        f"Hej!\n\nTvåstegsverifieringen för ditt konto {user.get_username()} har {what} "
        f"{when}. Dina tidigare reservkoder gäller inte längre.\n\n"
        f"Om det inte var du: kontakta {settings.SUPPORT_CONTACT} genast, så spärras kontot.\n",
        [user.email],
    )


def match_token(user, token: str):
    """The confirmed device (app or recovery code) that accepts `token`, or None."""
    token = (token or "").replace(" ", "").strip()
    if not token:
        return None
    for device in devices_for_user(user, confirmed=True):
        if device.verify_is_allowed()[0] and device.verify_token(token):
            return device
    return None
