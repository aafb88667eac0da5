"""A recorded review of a group's assignment, meeting forms or own work (R-G2)."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from meetings.models import Meeting
from reviews import rules
from structure.models import Group, Mandate


class Review(models.Model):
    group = models.ForeignKey(
        Group, verbose_name="grupp", on_delete=models.PROTECT, related_name="reviews"
    )
    kind = models.CharField("revision av", max_length=20, choices=list(rules.LABELS.items()))
    held_on = models.DateField("datum")
    meeting = models.ForeignKey(
        Meeting,
        verbose_name="vid mötet",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    outcome = models.TextField("resultat")
    new_mandate = models.ForeignKey(
        Mandate,
        verbose_name="ny version av uppdragsbeskrivningen",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("registrerad")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "revision"
        verbose_name_plural = "revisioner"
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["group", "kind", "held_on"])]

    def __str__(self) -> str:
        return f"{self.group}: {self.get_kind_display()} {self.held_on:%Y-%m-%d}"
