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

    class Meta:
        verbose_name = "användare"
        verbose_name_plural = "användare"
