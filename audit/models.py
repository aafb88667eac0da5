"""The audit trail: who did what, when and from where (sign-ins and every staff write)."""

from django.conf import settings
from django.db import models


class EventKind(models.TextChoices):
    LOGIN = "login", "Inloggning"
    LOGIN_FAILED = "login_failed", "Misslyckad inloggning"
    LOGOUT = "logout", "Utloggning"
    WRITE = "write", "Ändring av koordinator eller administratör"
    # For the API (record_event(kind=EventKind.TOKEN, ...) when a token is used).
    TOKEN = "token", "Användning av API-nyckel"


class AuditEvent(models.Model):
    at = models.DateTimeField("tidpunkt", auto_now_add=True, db_index=True)
    kind = models.CharField("händelse", max_length=20, choices=EventKind.choices, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="användare",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The typed name stays when a failed sign-in names no user, or the user is later removed.
    username = models.CharField("användarnamn", max_length=150, blank=True, db_index=True)
    ip_address = models.GenericIPAddressField("IP-adress", null=True, blank=True)
    action = models.CharField("åtgärd", max_length=200, blank=True)
    path = models.CharField("adress", max_length=300, blank=True)
    object_ref = models.CharField("objekt", max_length=200, blank=True)
    status_code = models.PositiveSmallIntegerField("svarskod", null=True, blank=True)

    class Meta:
        verbose_name = "granskningshändelse"
        verbose_name_plural = "granskningshändelser"
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["kind", "-at"]), models.Index(fields=["username", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()} {self.username}"
