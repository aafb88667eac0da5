"""The daily digest's own bookkeeping: who turned it off, and who got it which day."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class DigestSetting(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_setting"
    )
    enabled = models.BooleanField("daglig sammanfattning per e-post", default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "inställning för daglig sammanfattning"
        verbose_name_plural = "inställningar för daglig sammanfattning"

    def __str__(self) -> str:
        return f"{self.user}: {'på' if self.enabled else 'av'}"


class DigestSent(models.Model):
    """One row per user and day: a second run the same day sends nothing."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField("skickad")
    items = models.PositiveSmallIntegerField("antal punkter")

    class Meta:
        verbose_name = "skickad sammanfattning"
        verbose_name_plural = "skickade sammanfattningar"
        constraints = [
            models.UniqueConstraint(fields=["user", "sent_on"], name="one_digest_per_user_and_day")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.sent_on:%Y-%m-%d}"
