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


class NoteAction(models.TextChoices):
    ACKNOWLEDGED = "acknowledged", "kvitterad"
    SNOOZED = "snoozed", "uppskjuten"


class DutyNote(models.Model):
    """A coordinator acknowledged a duty of the desk, or put it off until a day, and why. The
    rows are the duty's history; the latest decides how the desk shows it."""

    REASON_MAX = 300

    key = models.CharField("uppgift", max_length=200, db_index=True)
    kind = models.CharField("slag", max_length=20)
    title = models.CharField("rubrik", max_length=300)
    action = models.CharField("åtgärd", max_length=20, choices=NoteAction.choices)
    reason = models.CharField("anledning", max_length=REASON_MAX)
    until = models.DateField("uppskjuten till", null=True, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="av", on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField("när")

    class Meta:
        verbose_name = "notering på en uppgift"
        verbose_name_plural = "noteringar på uppgifter"
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action="acknowledged", until__isnull=True)
                | models.Q(action="snoozed", until__isnull=False),
                name="duty_note_until_only_for_snooze",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.title}"
