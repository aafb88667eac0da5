"""A new member reported to the coordinator, and their onboarding checklist (R-M4)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from structure.models import Group, MembershipKind, Person, Principal

# Each step of the checklist and the date field that records it.
STEPS = {
    "contact_details": "Kontaktuppgifter inlagda",
    "membership": "Uppdrag och ersättarkoppling registrerade",
    "introduction": "Introduktion hållen (ordförande tillsammans med koordinatorn)",
    "forms": "Uppdragsbeskrivning och mötesformer skickade",
}


class NewMember(models.Model):
    group = models.ForeignKey(
        Group, verbose_name="grupp", on_delete=models.PROTECT, related_name="new_members"
    )
    first_name = models.CharField("förnamn", max_length=100)
    last_name = models.CharField("efternamn", max_length=100)
    email = models.EmailField("e-post")
    principal = models.ForeignKey(Principal, verbose_name="huvudman", on_delete=models.PROTECT)
    kind = models.CharField("typ av plats", max_length=20, choices=MembershipKind.choices)
    note = models.CharField(
        "kommentar", max_length=300, blank=True, help_text="T.ex. vem den nya ledamoten ersätter."
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="anmäld av",
        on_delete=models.PROTECT,
        related_name="+",
    )
    reported_at = models.DateTimeField("anmäld")
    person = models.ForeignKey(
        Person,
        verbose_name="person i strukturen",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    contact_details_on = models.DateField("kontaktuppgifter inlagda", null=True, blank=True)
    membership_on = models.DateField("uppdrag registrerat", null=True, blank=True)
    introduction_on = models.DateField("introduktion hållen", null=True, blank=True)
    forms_on = models.DateField(
        "uppdragsbeskrivning och mötesformer skickade", null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "ny ledamot"
        verbose_name_plural = "nya ledamöter"
        ordering = ["-reported_at"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.group})"

    def get_absolute_url(self) -> str:
        return reverse("onboarding:detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def done_on(self, step: str):
        return getattr(self, f"{step}_on")

    @property
    def checklist(self) -> list[tuple[str, str, object]]:
        return [(step, label, self.done_on(step)) for step, label in STEPS.items()]

    @property
    def missing(self) -> list[str]:
        return [label for step, label in STEPS.items() if self.done_on(step) is None]
