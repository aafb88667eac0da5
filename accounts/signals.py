"""Signals of our own about accounts, for the audit trail (which listens, as it does for
Django's sign-in signals), so accounts need not know about the audit app."""

from django.dispatch import Signal

# Sent inside the transaction that confirms a new TOTP app: user, replaced (bool).
second_factor_enrolled = Signal()
