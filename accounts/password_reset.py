"""How often a password reset may be asked for: at most PASSWORD_RESET_REQUESTS_PER_ADDRESS
requests from one client address and at most PASSWORD_RESET_MAILS_PER_ACCOUNT mails for one
typed e-mail address, in any PASSWORD_RESET_WINDOW_MINUTES.

Counted in Django's cache (`lib/throttle.py`), shared by the app servers when the cache is
(Redis). The typed address is counted whether or not an account has it, so the throttle
behaves the same either way; the view answers every request with the same page.
"""

from __future__ import annotations

import hashlib
import logging
import time

from django.conf import settings

from lib import throttle
from lib.client_ip import network_key

log = logging.getLogger(__name__)


def _email_key(email: str) -> str:
    return hashlib.sha256(email.strip().casefold().encode()).hexdigest()


def may_send_reset(*, ip: str | None, email: str, now: float | None = None) -> bool:
    """Counts one request; True when a reset mail may be sent for it."""
    now = time.time() if now is None else now
    window = settings.PASSWORD_RESET_WINDOW_MINUTES * 60
    address = network_key(ip) or "unknown"
    # Every request counts against the address, also a refused one: whoever keeps asking
    # stays refused.
    if not throttle.take(
        f"reset-address:{address}",
        limit=settings.PASSWORD_RESET_REQUESTS_PER_ADDRESS,
        window=window,
        now=now,
        count_refused=True,
    ):
        log.warning("Password reset refused: too many requests from %s.", address)
        return False
    # Only mails sent count against the account: the person keeps the links already sent.
    if not throttle.take(
        f"reset-account:{_email_key(email)}",
        limit=settings.PASSWORD_RESET_MAILS_PER_ACCOUNT,
        window=window,
        now=now,
    ):
        log.warning("Password reset refused: too many mails to one address (from %s).", address)
        return False
    return True
