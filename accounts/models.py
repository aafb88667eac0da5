"""Users and their roles.

Roles (SPEC §1): anonymous, member, chair/vice (derived from memberships), coordinator,
registrar bound to one principal, administrator. A user is linked to at most one person; what a
user may do is decided in `accounts.permissions`, never in views.
"""

from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    person = models.OneToOneField(
        "structure.Person",
        verbose_name="person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user",
        help_text="Den person i strukturen som kontot tillhör (ger rollen ledamot).",
    )
    is_coordinator = models.BooleanField(
        "regional koordinator",
        default=False,
        help_text="Koordinatorer förvaltar grupper, ledamöter och huvudmän.",
    )
    registrar_for = models.ForeignKey(
        "structure.Principal",
        verbose_name="registrator för huvudman",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrars",
        help_text="Registratorn registrerar beslut endast för denna huvudman.",
    )
    is_archivist = models.BooleanField(
        "arkivarie",
        default=False,
        help_text="Arkivarien ser arkivleveranserna och gör nya uttag till e-arkivet; "
        "ändrar inget annat.",
    )

    class Meta:
        verbose_name = "användare"
        verbose_name_plural = "användare"


class SignInFailure(models.Model):
    """One wrong password at sign-in: what the lockout counts (`accounts/lockout.py`).

    Rows live only as long as the lockout window; the audit log keeps every failed sign-in for
    good. `username` is the typed name as the lockout counts it (trimmed, case-folded), whether or
    not an account has that name; `ip_address` is the client's address (an IPv6 address's /64)."""

    at = models.DateTimeField("tidpunkt", db_index=True)
    username = models.CharField("användarnamn", max_length=150)
    ip_address = models.GenericIPAddressField("IP-adress", null=True, blank=True)
    # A correct sign-in, a new password through the reset link or a coordinator lifts the
    # account's lock: the failure no longer counts
    # for the account (nor for the account at this address), but still for the address.
    cleared_for_account = models.BooleanField("hävd för kontot", default=False)
    # A coordinator lifted the address's lock: it no longer counts for the address.
    cleared_for_address = models.BooleanField("hävd för adressen", default=False)

    class Meta:
        verbose_name = "misslyckad inloggning (spärrräkning)"
        verbose_name_plural = "misslyckade inloggningar (spärrräkning)"
        indexes = [
            models.Index(fields=["username", "at"], name="signin_failure_account"),
            models.Index(fields=["ip_address", "at"], name="signin_failure_address"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.ip_address or ''}"
