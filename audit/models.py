"""The audit trail: who did what, when and from where.

Sign-ins, failed sign-ins, sign-outs and token use are recorded by `audit.signals` and the API.
Every write is recorded by the service (or admin) that makes it, in the same transaction, with
the acting user, a stable action name, the object it changed and the values before and after
(`audit.services.record_write`)."""

from django.conf import settings
from django.db import models


class EventKind(models.TextChoices):
    LOGIN = "login", "Inloggning"
    LOGIN_FAILED = "login_failed", "Misslyckad inloggning"
    LOGOUT = "logout", "Utloggning"
    WRITE = "write", "Ändring"
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
    # Empty with no user: a write by the system (a management command or a scheduled job).
    username = models.CharField("användarnamn", max_length=150, blank=True, db_index=True)
    ip_address = models.GenericIPAddressField("IP-adress", null=True, blank=True)
    # A stable dotted name of what was done, e.g. `meetings.approve_minutes`.
    action = models.CharField("åtgärd", max_length=200, blank=True)
    # The URL's name (`meetings:minutes_approve`), never its path: paths can hold secret tokens.
    route = models.CharField("sida", max_length=200, blank=True)
    # `app_label.Model:pk` of the object written, so one object's history can be listed.
    target = models.CharField("objekt", max_length=100, blank=True)
    # {"field": [before, after], ...} with JSON values (dates as ISO text, foreign keys as ids,
    # files as names); a bulk action's summary (counts, ids) as [null, value].
    changes = models.JSONField("ändringar", default=dict, blank=True)

    class Meta:
        verbose_name = "granskningshändelse"
        verbose_name_plural = "granskningshändelser"
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["kind", "-at"]),
            models.Index(fields=["username", "-at"]),
            models.Index(fields=["target", "-at"], name="audit_event_target_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()} {self.username}"
