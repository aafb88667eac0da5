"""Cases, their path across levels, recommendations and the principals' decisions (SPEC §6).

Models hold data; every write is a service in `cases.services`.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from meetings import attsatser
from meetings.models import AgendaItem, Meeting
from structure.models import DecisionBody, Group, Person, Principal


class RegisterCounter(models.Model):
    """The last register number used in a year; locked while a case is created (gap-free)."""

    year = models.PositiveSmallIntegerField("år", primary_key=True)
    last = models.PositiveIntegerField("senaste löpnummer", default=0)

    class Meta:
        verbose_name = "diarieräknare"
        verbose_name_plural = "diarieräknare"

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class CaseStatus(models.TextChoices):
    OPEN = "open", "Pågår"
    LOCAL = "local", "Hänvisat till lokal nivå"
    FINISHED = "finished", "Avslutat"


class CaseQuerySet(models.QuerySet):
    def closed_in(self, year: int) -> CaseQuerySet:
        """Case files closed in `year` (local time): the ones an archive takes in for that year.
        A case is closed here when it is finished, or when it was handed to the local level (its
        handling in the structure ends on the day of the handover, annotated `handed_over_on`).
        A case routed back from the local level later is open again, and a later year's
        delivery takes it in once more when it closes."""
        handover = (
            Treatment.objects.filter(case=OuterRef("pk"), outcome=Outcome.LOCAL)
            .order_by("-happened_on", "-pk")
            .values("happened_on")[:1]
        )
        return self.annotate(
            handed_over_on=models.Case(
                models.When(status=CaseStatus.LOCAL, then=Subquery(handover)),
                default=None,
                output_field=models.DateField(),
            )
        ).filter(
            Q(status=CaseStatus.FINISHED, finished_at__year=year)
            | Q(status=CaseStatus.LOCAL, handed_over_on__year=year)
        )


class Case(models.Model):
    """R-C1: an ärende, with a gap-free register number per year that it keeps across levels."""

    year = models.PositiveSmallIntegerField("år")
    serial = models.PositiveIntegerField("löpnummer")
    title = models.CharField("rubrik", max_length=200)
    description = models.TextField("kort ärendebeskrivning")
    proposal = models.TextField("förslag till åtgärd eller frågeställning")
    submitted_by = models.ForeignKey(
        Person, verbose_name="väckt av", on_delete=models.PROTECT, related_name="raised_cases"
    )
    origin_group = models.ForeignKey(
        Group, verbose_name="väckt i grupp", on_delete=models.PROTECT, related_name="raised_cases"
    )
    origin_note = models.CharField(
        "kommer från",
        max_length=300,
        blank=True,
        help_text="T.ex. ett nätverk utanför strukturen, via ansvarig linjechef (R-C1).",
    )
    current_group = models.ForeignKey(
        Group,
        verbose_name="hemvist (grupp)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="current_cases",
    )
    local_principal = models.ForeignKey(
        Principal,
        verbose_name="hemvist (lokal nivå)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="local_cases",
    )
    shared_with = models.ManyToManyField(
        Group,
        verbose_name="delas med",
        blank=True,
        related_name="shared_cases",
        help_text="R-G5: en gemensam process syns i båda beredningarna.",
    )
    principals = models.ManyToManyField(
        Principal, verbose_name="berörda huvudmän", related_name="cases", blank=True
    )
    status = models.CharField(
        "status", max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    created_at = models.DateTimeField("registrerat", default=timezone.now)
    finished_at = models.DateTimeField("avslutat", null=True, blank=True)
    submission_key = models.UUIDField(
        "inskickningsnyckel",
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="Från formuläret som väckte ärendet: ett dubbelklick skapar inte två ärenden.",
    )
    history = HistoricalRecords(m2m_fields=[shared_with, principals])

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = "ärende"
        verbose_name_plural = "ärenden"
        ordering = ["-year", "-serial"]
        indexes = [
            # The case lists filter by status and by where a case lives, newest first.
            models.Index(fields=["status", "-year", "-serial"], name="case_by_status_number"),
            models.Index(fields=["current_group", "-year", "-serial"], name="case_by_group_number"),
            models.Index(fields=["origin_group", "-year", "-serial"], name="case_by_origin_number"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "serial"], name="unique_register_number_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.register_number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("cases:case_detail", args=[self.pk])

    @property
    def register_number(self) -> str:
        """The diarienummer, e.g. SVO 2026/0007 (see README)."""
        return format_register_number(self.year, self.serial)


def format_register_number(year: int, serial: int) -> str:
    """The diarienummer of a case's year and serial (also for rows read as plain values)."""
    return f"{settings.REGISTER_PREFIX} {year}/{serial:04d}"


def document_path(instance: CaseDocument, filename: str) -> str:
    return f"cases/{instance.case_id}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class CaseDocument(models.Model):
    """A document of a case; `group` says which level added it."""

    case = models.ForeignKey(
        Case, verbose_name="ärende", on_delete=models.CASCADE, related_name="documents"
    )
    group = models.ForeignKey(
        Group, verbose_name="tillagt i grupp", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("titel", max_length=200)
    file = models.FileField("fil", upload_to=document_path)
    original_name = models.CharField("filnamn", max_length=255)
    size = models.PositiveIntegerField("storlek (byte)")
    added_at = models.DateTimeField("tillagt", default=timezone.now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "handling"
        verbose_name_plural = "handlingar"
        ordering = ["added_at"]

    def __str__(self) -> str:
        return self.title


class Outcome(models.TextChoices):
    """R-C2: what happened to a case at a group."""

    RAISED = "raised", "Väckt"
    ROUTED = "routed", "Hemvist bedömd"
    PREPARED = "prepared", "Berett"
    TABLED = "tabled", "Bordlagt"
    SENT_BACK = "sent_back", "Återremitterat"
    SENT_ON = "sent_on", "Skickat vidare"
    RECOMMENDATION_ADOPTED = "recommendation_adopted", "Rekommendation antagen"
    DECIDED = "decided", "Beslutat inom eget mandat"
    NOTED = "noted", "Noterat som information"
    LOCAL = "local", "Hänvisat till lokal nivå"


class Treatment(models.Model):
    """One step of a case's path: a treatment at a group, tied to a meeting and agenda item."""

    case = models.ForeignKey(
        Case, verbose_name="ärende", on_delete=models.CASCADE, related_name="treatments"
    )
    group = models.ForeignKey(
        Group,
        verbose_name="grupp",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="treatments",
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name="möte",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="treatments",
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name="punkt",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="treatments",
    )
    outcome = models.CharField("utfall", max_length=30, choices=Outcome.choices)
    sent_to = models.ForeignKey(
        Group,
        verbose_name="skickat till",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    local_principal = models.ForeignKey(
        Principal,
        verbose_name="lokal nivå",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField("anteckning", blank=True)
    happened_on = models.DateField("datum")
    recorded_at = models.DateTimeField("registrerat", default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("skapad", auto_now_add=True, db_default=Now())
    # Every save stamps it: OParl's modified_since filters on it.
    updated_at = models.DateTimeField("ändrad", auto_now=True, db_default=Now())
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        verbose_name = "behandling"
        verbose_name_plural = "behandlingar"
        ordering = ["happened_on", "recorded_at", "pk"]
        indexes = [
            # Which cases a member's groups treated (visible_cases); the yearly compilation.
            models.Index(fields=["group", "case"], name="treatment_by_group_case"),
            models.Index(fields=["group", "happened_on"], name="treatment_by_group_day"),
        ]

    def __str__(self) -> str:
        return f"{self.case.register_number}: {self.get_outcome_display()}"

    @property
    def moved_to(self) -> Group | None:
        """Where a sending treatment moved the case (a routing names its group already)."""
        return None if self.outcome == Outcome.ROUTED else self.sent_to


class RecommendationQuerySet(models.QuerySet):
    """What a recommendation's state is called everywhere: ask these, do not spell it out."""

    def expedited(self) -> RecommendationQuerySet:
        """R-C4: sent to the principals. Public from then on (the decision pages, search, the
        API, OParl); an own decision (R-G6) is never expedited."""
        return self.filter(own_decision=False, expedited_at__isnull=False)

    def not_expedited(self) -> RecommendationQuerySet:
        """Adopted for the principals, not yet sent to them (the coordinator's to do)."""
        return self.filter(own_decision=False, expedited_at__isnull=True)

    def own_decisions(self) -> RecommendationQuerySet:
        """R-G6: decided by the group itself within its mandate, its own register."""
        return self.filter(own_decision=True)

    def waiting(self) -> RecommendationQuerySet:
        """Expedited and still waiting on at least one addressed principal (a probe of the
        partial index of undecided addressees per recommendation)."""
        return self.expedited().filter(
            Exists(Addressee.objects.undecided().filter(recommendation=OuterRef("pk")))
        )


class Recommendation(models.Model):
    """R-C4: a recommendation adopted at a meeting, addressed to principals for decision.

    For Hjälpmedelsrådet (R-G6) `own_decision` is set: the council decided itself, and the
    entry belongs to its own decision register instead of going to the principals.
    """

    case = models.ForeignKey(
        Case, verbose_name="ärende", on_delete=models.PROTECT, related_name="recommendations"
    )
    group = models.ForeignKey(
        Group, verbose_name="antagen av", on_delete=models.PROTECT, related_name="recommendations"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name="möte",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name="punkt",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField("rubrik", max_length=200)
    decisions = models.TextField("att-satser", help_text="En att-sats per rad, utan 'att'.")
    adopted_on = models.DateField("antagen")
    own_decision = models.BooleanField("eget beslut inom mandatet", default=False)
    expedited_at = models.DateTimeField("expedierad", null=True, blank=True)
    expedited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("skapad", auto_now_add=True, db_default=Now())
    # Every save stamps it: OParl's modified_since filters on it.
    updated_at = models.DateTimeField("ändrad", auto_now=True, db_default=Now())
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = "rekommendation"
        verbose_name_plural = "rekommendationer"
        ordering = ["-adopted_on", "-pk"]
        indexes = [
            # /beslut/ (public: not own decisions, expedited), newest expedition first, and its
            # year span (first and last expedition).
            models.Index(fields=["own_decision", "-expedited_at", "-id"], name="rec_by_expedition"),
            # The own decision register of a council, newest adoption first.
            models.Index(
                fields=["group", "own_decision", "-adopted_on", "-id"], name="rec_by_group_adoption"
            ),
            models.Index(fields=["case", "group"], name="rec_by_case_group"),
        ]
        constraints = [
            # A double click on "anta" must not adopt twice: one per case and meeting.
            models.UniqueConstraint(
                fields=["case", "meeting"], name="one_recommendation_per_case_and_meeting"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case.register_number}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("cases:recommendation_detail", args=[self.pk])

    @property
    def att_satser(self) -> list[str]:
        return attsatser.split(self.decisions)


class AddresseeQuerySet(models.QuerySet):
    def undecided(self) -> AddresseeQuerySet:
        """No decision registered (the stored flag: its partial indexes hold only these rows).
        Addressees exist from adoption on: where the recommendation is not already known to be
        expedited, ask `waiting()`."""
        return self.filter(decided=False)

    def expedited(self) -> AddresseeQuerySet:
        """Addressees of expedited recommendations (`Recommendation.objects.expedited`)."""
        return self.filter(
            recommendation__own_decision=False, recommendation__expedited_at__isnull=False
        )

    def waiting(self) -> AddresseeQuerySet:
        """Principals that still owe a decision on an expedited recommendation."""
        return self.expedited().undecided()

    def decided(self) -> AddresseeQuerySet:
        """Principals that have registered their decision on an expedited recommendation."""
        return self.expedited().filter(decided=True)


class Addressee(models.Model):
    """One principal a recommendation is addressed to, and (once registered) its decision."""

    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name="rekommendation",
        on_delete=models.CASCADE,
        related_name="addressees",
    )
    principal = models.ForeignKey(
        Principal, verbose_name="huvudman", on_delete=models.PROTECT, related_name="addressed"
    )
    # Whether a decision is registered, kept by `cases.signals` (bulk inserts set it
    # themselves), so what still
    # waits is read from one partial index instead of an anti-join over every decision.
    decided = models.BooleanField(
        "beslut registrerat", default=False, db_default=False, editable=False
    )

    objects = AddresseeQuerySet.as_manager()

    class Meta:
        verbose_name = "mottagare"
        verbose_name_plural = "mottagare"
        ordering = ["principal__side", "principal__name"]
        indexes = [
            # What one principal owes or has decided (registrar inbox, principal page, filter).
            models.Index(fields=["principal", "recommendation"], name="addressee_by_principal"),
            # What still waits for a decision (registrar inbox, /beslut/ "väntar", the desk).
            models.Index(
                fields=["principal", "recommendation"],
                condition=models.Q(decided=False),
                name="addressee_awaiting",
            ),
            # The same rows by recommendation: the inboxes walk the expeditions oldest first and
            # probe each one's waiting addressees here (a small index, whatever the history).
            models.Index(
                fields=["recommendation"],
                condition=models.Q(decided=False),
                name="addressee_awaiting_by_rec",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "principal"], name="one_addressee_per_principal"
            )
        ]

    def __str__(self) -> str:
        return f"{self.recommendation} → {self.principal}"


class DecisionOutcome(models.TextChoices):
    APPROVED = "approved", "Bifall"
    PARTLY_APPROVED = "partly_approved", "Delvis bifall"
    REJECTED = "rejected", "Avslag"


def decision_document_path(instance: PrincipalDecision, filename: str) -> str:
    return f"decisions/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class PrincipalDecision(models.Model):
    """A principal's decision on a recommendation (R-C4), registered once."""

    addressee = models.OneToOneField(
        Addressee, verbose_name="mottagare", on_delete=models.PROTECT, related_name="decision"
    )
    outcome = models.CharField("beslut", max_length=20, choices=DecisionOutcome.choices)
    body = models.ForeignKey(
        DecisionBody, verbose_name="beslutsinstans", on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField("beslutsdatum")
    reference = models.CharField("paragraf/hänvisning", max_length=100)
    comment = models.TextField(
        "kommentar", blank=True, help_text="Krävs vid delvis bifall: vad som inte bifölls."
    )
    document = models.FileField("protokollsutdrag", upload_to=decision_document_path, blank=True)
    registered_at = models.DateTimeField("registrerat", default=timezone.now)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="registrerat av",
        on_delete=models.PROTECT,
        related_name="+",
    )
    on_behalf = models.BooleanField(
        "registrerat av koordinator för huvudmannens räkning", default=False
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "huvudmans beslut"
        verbose_name_plural = "huvudmäns beslut"
        indexes = [
            # Decisions by outcome for the decision bars; the registrar's latest registrations.
            models.Index(fields=["addressee", "outcome"], name="decision_by_addressee_outcome"),
            models.Index(fields=["registered_at"], name="decision_by_registration"),
        ]

    def __str__(self) -> str:
        return f"{self.addressee.principal}: {self.get_outcome_display()}"


class DecisionCorrection(models.Model):
    """A recorded correction of a registered decision: the decision row holds the latest values
    (so status and exports count only those); this row keeps what it said before, and why."""

    decision = models.ForeignKey(
        PrincipalDecision,
        verbose_name="beslut",
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    outcome = models.CharField("tidigare beslut", max_length=20, choices=DecisionOutcome.choices)
    body = models.ForeignKey(
        DecisionBody,
        verbose_name="tidigare beslutsinstans",
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_on = models.DateField("tidigare beslutsdatum")
    reference = models.CharField("tidigare hänvisning", max_length=100)
    comment = models.TextField("tidigare kommentar", blank=True)
    reason = models.TextField("skäl till rättelsen")
    corrected_at = models.DateTimeField("rättat", default=timezone.now)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="rättat av",
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "rättelse av beslut"
        verbose_name_plural = "rättelser av beslut"
        ordering = ["corrected_at", "pk"]
        indexes = [
            # The API's changes feed reads corrections in this order after a cursor.
            models.Index(fields=["corrected_at", "id"], name="correction_by_moment"),
        ]

    def __str__(self) -> str:
        return f"Rättelse av {self.decision}"


class Follow(models.Model):
    """A signed-in user follows a case and is mailed when it moves or is decided on."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "bevakning"
        verbose_name_plural = "bevakningar"
        constraints = [models.UniqueConstraint(fields=["case", "user"], name="one_follow_per_user")]

    def __str__(self) -> str:
        return f"{self.user} följer {self.case}"


class Reminder(models.Model):
    """A reminder sent to a principal's registrars; one per addressee and day (idempotent)."""

    addressee = models.ForeignKey(Addressee, on_delete=models.CASCADE, related_name="reminders")
    sent_on = models.DateField("skickad")
    recipients = models.PositiveSmallIntegerField("antal mottagare", default=0)

    class Meta:
        verbose_name = "påminnelse"
        verbose_name_plural = "påminnelser"
        constraints = [
            models.UniqueConstraint(fields=["addressee", "sent_on"], name="one_reminder_per_day")
        ]

    def __str__(self) -> str:
        return f"Påminnelse {self.addressee} {self.sent_on}"
