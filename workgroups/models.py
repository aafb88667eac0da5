"""Working groups with deliveries (R-F1): set up at a meeting with a precise assignment, a
convener (sammankallande), members, a due date and a receiving group; extended, delivered or
closed by recorded decisions. The delivered report becomes a paper on an agenda item of the
receiving group's next meeting."""

from __future__ import annotations

import datetime

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from meetings.models import AgendaItem, Meeting, Paper
from structure.models import Group, Person


class Status(models.TextChoices):
    SET_UP = "set_up", "Tillsatt"
    EXTENDED = "extended", "Förlängd"
    DELIVERED = "delivered", "Levererad"
    CLOSED = "closed", "Avslutad"


OPEN_STATUSES = (Status.SET_UP, Status.EXTENDED)


class WorkingGroupQuerySet(models.QuerySet):
    def open(self) -> WorkingGroupQuerySet:
        """Set up or extended: the report is still to come."""
        return self.filter(status__in=OPEN_STATUSES)

    def due_by(self, day: datetime.date) -> WorkingGroupQuerySet:
        """R-F1: open working groups whose report is due on or before the day (late ones too)."""
        return self.open().filter(due_on__lte=day)


class WorkingGroup(models.Model):
    name = models.CharField("namn", max_length=200)
    assignment = models.TextField("uppdrag")
    set_up_by = models.ForeignKey(
        Group,
        verbose_name="tillsatt av",
        on_delete=models.PROTECT,
        related_name="working_groups_set_up",
    )
    set_up_at = models.ForeignKey(
        Meeting,
        verbose_name="tillsatt vid möte",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    set_up_on = models.DateField("tillsatt")
    decision_reference = models.CharField(
        "beslut (hänvisning)", max_length=200, help_text="T.ex. mötets datum och paragraf."
    )
    convener = models.ForeignKey(
        Person,
        verbose_name="sammankallande",
        on_delete=models.PROTECT,
        related_name="working_groups_convened",
    )
    members = models.ManyToManyField(
        Person, verbose_name="ledamöter", blank=True, related_name="working_groups"
    )
    due_on = models.DateField("ska leverera senast")
    reports_to = models.ForeignKey(
        Group,
        verbose_name="levererar till",
        on_delete=models.PROTECT,
        related_name="working_group_deliveries",
    )
    status = models.CharField("status", max_length=20, choices=Status.choices)
    delivered_on = models.DateField("levererad", null=True, blank=True)
    report = models.ForeignKey(
        Paper,
        verbose_name="rapport",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    report_item = models.ForeignKey(
        AgendaItem,
        verbose_name="dagordningspunkt för rapporten",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_on = models.DateField("avslutad", null=True, blank=True)
    closing_note = models.CharField("skäl till avslut", max_length=300, blank=True)
    history = HistoricalRecords()

    objects = WorkingGroupQuerySet.as_manager()

    class Meta:
        verbose_name = "arbetsgrupp med uppdrag"
        verbose_name_plural = "arbetsgrupper med uppdrag"
        ordering = ["due_on", "name"]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("workgroups:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_late(self, today: datetime.date) -> bool:
        return self.is_open and self.due_on < today


class Extension(models.Model):
    """A recorded decision that a working group delivers later."""

    working_group = models.ForeignKey(
        WorkingGroup,
        verbose_name="arbetsgrupp",
        on_delete=models.CASCADE,
        related_name="extensions",
    )
    previous_due_on = models.DateField("tidigare leveransdatum")
    new_due_on = models.DateField("nytt leveransdatum")
    decided_on = models.DateField("beslutsdatum")
    decision_reference = models.CharField("beslut (hänvisning)", max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "förlängning"
        verbose_name_plural = "förlängningar"
        ordering = ["decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.working_group}: till {self.new_due_on:%Y-%m-%d}"
