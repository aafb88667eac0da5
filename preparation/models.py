"""A working committee's (AU's) proposal for its parent group's next agenda: the items, in the
AU's order, and (once the coordinator adopts it) the agenda items they became.

Seeds: "AU skall bereda frågor till Länssamverkansgruppens möten"; Samråd AU likewise."""

from django.db import models
from simple_history.models import HistoricalRecords

from cases.models import Case
from meetings.models import AgendaItem, ItemKind, Meeting


class ProposedItem(models.Model):
    au_meeting = models.ForeignKey(
        Meeting, verbose_name="AU-möte", on_delete=models.CASCADE, related_name="proposed_items"
    )
    parent_meeting = models.ForeignKey(
        Meeting, verbose_name="för mötet", on_delete=models.CASCADE, related_name="+"
    )
    position = models.PositiveSmallIntegerField("ordning")
    kind = models.CharField("typ", max_length=20, choices=ItemKind.choices)
    title = models.CharField("rubrik", max_length=200)
    description = models.TextField("kort ärendebeskrivning", blank=True)
    case = models.ForeignKey(
        Case,
        verbose_name="ärende",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name="blev punkt",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "AU:s förslag till punkt"
        verbose_name_plural = "AU:s förslag till punkter"
        ordering = ["au_meeting", "position"]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"
