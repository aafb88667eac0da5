"""Personal API tokens and their use log.

Only a SHA-256 hash of a token's secret is stored; the full token (`svk_<prefix>_<secret>`) is
shown once, when it is created. The prefix is a public, unique id used to find the row.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class TokenScope(models.TextChoices):
    READ = "read", "Läsa"
    REGISTER = "register", "Läsa och registrera beslut"


class ApiToken(models.Model):
    """A personal token. It never acts beyond its owner's permissions, and its scope narrows
    them further: `read` never writes; `register` may register and correct decisions, for one
    principal only when `principal` is set (a coordinator's token for one diarium)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="användare",
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField("namn", max_length=100)
    prefix = models.CharField("id", max_length=16, unique=True)
    secret_hash = models.CharField("hash av nyckeln", max_length=64)
    created_at = models.DateTimeField("skapad", default=timezone.now)
    expires_at = models.DateTimeField("gäller till", null=True, blank=True)
    revoked_at = models.DateTimeField("återkallad", null=True, blank=True)
    last_used_at = models.DateTimeField("senast använd", null=True, blank=True)
    scope = models.CharField(
        "behörighet", max_length=20, choices=TokenScope.choices, default=TokenScope.READ
    )
    principal = models.ForeignKey(
        "structure.Principal",
        verbose_name="endast för huvudman",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    rate_limit_per_minute = models.PositiveIntegerField(
        "anrop per minut",
        null=True,
        blank=True,
        help_text="Tomt: webbplatsens standard för nycklar (API_TOKEN_RATE_LIMIT_PER_MINUTE).",
    )

    class Meta:
        verbose_name = "API-nyckel"
        verbose_name_plural = "API-nycklar"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"

    def may_register_for(self, principal) -> bool:
        """The scope's part of a write's permission (the owner's own rule is the service's)."""
        if self.scope != TokenScope.REGISTER:
            return False
        return self.principal_id is None or self.principal_id == principal.pk

    def is_usable(self, now) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)


class ApiTokenUse(models.Model):
    """One authenticated request made with a token (R-Q3: every use logged)."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="uses")
    used_at = models.DateTimeField("tidpunkt", default=timezone.now)
    method = models.CharField("metod", max_length=10)
    path = models.CharField("sökväg", max_length=300)
    ip = models.GenericIPAddressField("ip-adress", null=True, blank=True)

    class Meta:
        verbose_name = "användning av API-nyckel"
        verbose_name_plural = "användningar av API-nycklar"
        ordering = ["-used_at", "-pk"]
        indexes = [models.Index(fields=["token", "used_at"])]

    def __str__(self) -> str:
        return f"{self.token.prefix} {self.method} {self.path}"
