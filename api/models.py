"""Personal API tokens and their use log.

Only a SHA-256 hash of a token's secret is stored; the full token (`svk_<prefix>_<secret>`) is
shown once, when it is created. The prefix is a public, unique id used to find the row.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class ApiToken(models.Model):
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

    class Meta:
        verbose_name = "API-nyckel"
        verbose_name_plural = "API-nycklar"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"

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
