"""Second factor: a TOTP app (with recovery codes) for coordinators and administrators."""

from __future__ import annotations

import secrets

import segno
from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
SETUP_DEVICE_NAME = "Autentiseringsapp"


def has_device(user) -> bool:
    """A confirmed TOTP app or recovery codes."""
    return any(True for _ in devices_for_user(user, confirmed=True))


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


@transaction.atomic
def confirm_totp_device(*, user, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirms the app with its first code and issues fresh recovery codes (shown once)."""
    if device.user_id != user.pk or not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
    static, _ = StaticDevice.objects.get_or_create(user=user, defaults={"name": "Reservkoder"})
    static.token_set.all().delete()
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=static, token=code) for code in codes)
    return codes


def match_token(user, token: str):
    """The confirmed device (app or recovery code) that accepts `token`, or None."""
    token = token.replace(" ", "").strip()
    for device in devices_for_user(user, confirmed=True):
        if device.verify_is_allowed()[0] and device.verify_token(token):
            return device
    return None
