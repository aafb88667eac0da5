"""Follow-up of the collaboration (R-F2, R-F3, R-F4, R-K3): result indicators and their
values, the leadership seminar's priorities and goals, surveys E1–E5 and the agreements.

Process measures have no models: they are computed from meetings and cases (`measures.py`).

Survey anonymity is structural: an invitation knows its person and whether it was used; the
answers exist only as counts per round, effect goal and value. No key, no timestamp, no
history row and no order of rows joins the two (see `SurveyInvitation` and `SurveyTally`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from followup.goals import EFFECT_GOAL_CHOICES
from structure.models import Group, Person, Principal


class Unit(models.TextChoices):
    PERCENT = "percent", "procent"
    DAYS = "days", "dagar"
    COUNT = "count", "antal"
    PER_1000 = "per_1000", "per 1 000 invånare"
    SEK = "sek", "kronor"


class Indicator(models.Model):
    """A result indicator (R-F2): what is measured, in which unit, from which source."""

    code = models.CharField(
        "kod",
        max_length=20,
        unique=True,
        help_text="Kolada-id (t.ex. U23471) eller en egen kod för egna källor.",
    )
    name = models.CharField("namn", max_length=200)
    description = models.TextField("beskrivning", blank=True)
    unit = models.CharField("enhet", max_length=20, choices=Unit.choices)
    source = models.CharField("källa", max_length=100, help_text="T.ex. Kolada.")
    higher_is_better = models.BooleanField("högre värde är bättre", default=True)
    fictional = models.BooleanField(
        "fiktiva siffror", default=False, help_text="Demodata: visas tydligt som påhittade."
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "resultatindikator"
        verbose_name_plural = "resultatindikatorer"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("followup:indicator_detail", args=[self.code])


class Gender(models.TextChoices):
    TOTAL = "T", "Totalt"
    WOMEN = "K", "Kvinnor"
    MEN = "M", "Män"


class IndicatorValue(models.Model):
    """One imported figure: an indicator's value for an area (Kolada id), year and gender."""

    indicator = models.ForeignKey(
        Indicator, verbose_name="indikator", on_delete=models.CASCADE, related_name="values"
    )
    area = models.CharField("område (Kolada-id)", max_length=4)
    year = models.PositiveSmallIntegerField("år")
    gender = models.CharField("kön", max_length=1, choices=Gender.choices, default=Gender.TOTAL)
    value = models.DecimalField("värde", max_digits=14, decimal_places=2, null=True, blank=True)
    count = models.PositiveIntegerField("antal", null=True, blank=True)
    status = models.CharField("status", max_length=40, blank=True)
    from_kolada = models.BooleanField("hämtat från Kolada", default=False)

    class Meta:
        verbose_name = "indikatorvärde"
        verbose_name_plural = "indikatorvärden"
        ordering = ["indicator", "area", "year", "gender"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "year", "gender"], name="one_value_per_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.area} {self.year} {self.gender}: {self.value}"


class Priority(models.Model):
    """A prioritised area of the leadership seminar (R-F2), e.g. a focus population group."""

    title = models.CharField("prioriterat område", max_length=200)
    population = models.CharField("fokusgrupp", max_length=200, blank=True)
    description = models.TextField("beskrivning", blank=True)
    decided_on = models.DateField("beslutat vid ledningsseminariet")
    active = models.BooleanField("gäller", default=True)
    cases = models.ManyToManyField(
        "cases.Case", verbose_name="ärenden", blank=True, related_name="priorities"
    )
    groups = models.ManyToManyField(
        Group, verbose_name="arbetsgrupper", blank=True, related_name="priorities"
    )
    history = HistoricalRecords(m2m_fields=[cases, groups])

    class Meta:
        verbose_name = "prioriterat område"
        verbose_name_plural = "prioriterade områden"
        ordering = ["-active", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("followup:priority_detail", args=[self.pk])


def own_kolada_area() -> str:
    """A new goal follows the county's own region unless told otherwise (structure data)."""
    from structure.county import current

    return current().kolada_area


class Goal(models.Model):
    """A shared result goal: an indicator from a baseline to a target by a target year.
    Revisions are edits of this row; the history keeps every earlier version."""

    priority = models.ForeignKey(
        Priority, verbose_name="prioriterat område", on_delete=models.CASCADE, related_name="goals"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name="indikator", on_delete=models.PROTECT, related_name="goals"
    )
    area = models.CharField(
        "område (Kolada-id)",
        max_length=4,
        default=own_kolada_area,
        help_text="Vems värde som följs (utan val: länets region).",
    )
    baseline_year = models.PositiveSmallIntegerField("basår")
    baseline_value = models.DecimalField("basvärde", max_digits=14, decimal_places=2)
    target_value = models.DecimalField("målvärde", max_digits=14, decimal_places=2)
    target_year = models.PositiveSmallIntegerField("målår")
    owners = models.ManyToManyField(
        Principal, verbose_name="huvudmän som äger arbetet", related_name="goals", blank=True
    )
    history = HistoricalRecords(m2m_fields=[owners])

    class Meta:
        verbose_name = "resultatmål"
        verbose_name_plural = "resultatmål"
        ordering = ["priority", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target_year__gt=models.F("baseline_year")),
                name="goal_target_after_baseline",
                violation_error_message="Målåret måste ligga efter basåret.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.target_value} år {self.target_year}"

    @property
    def latest_follow_up(self) -> GoalFollowUp | None:
        """The newest yearly follow-up (uses the prefetched follow-ups where there are)."""
        follow_ups = list(self.follow_ups.all())
        return max(follow_ups, key=lambda f: f.year) if follow_ups else None


class GoalStatus(models.TextChoices):
    REACHED = "reached", "Målet är nått"
    IMPROVING = "improving", "Utvecklas mot målet"
    NOT_IMPROVING = "not_improving", "Utvecklas inte mot målet"
    NO_DATA = "no_data", "Inga nya värden"


class FollowUpDecision(models.TextChoices):
    KEEP = "keep", "Målet behålls"
    REVISE = "revise", "Målet revideras"
    CLOSE = "close", "Målet avslutas"


class GoalFollowUp(models.Model):
    """The seminar's yearly follow-up of a goal (R-F2): status from the latest value, decision."""

    goal = models.ForeignKey(
        Goal, verbose_name="resultatmål", on_delete=models.CASCADE, related_name="follow_ups"
    )
    year = models.PositiveSmallIntegerField("uppföljningsår")
    latest_year = models.PositiveSmallIntegerField("senaste värdets år", null=True, blank=True)
    latest_value = models.DecimalField(
        "senaste värde", max_digits=14, decimal_places=2, null=True, blank=True
    )
    status = models.CharField("status", max_length=20, choices=GoalStatus.choices)
    decision = models.CharField("beslut", max_length=20, choices=FollowUpDecision.choices)
    note = models.TextField("kommentar", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "årlig uppföljning"
        verbose_name_plural = "årliga uppföljningar"
        ordering = ["goal", "year"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "year"], name="one_follow_up_per_goal_and_year")
        ]

    def __str__(self) -> str:
        return f"{self.goal} – uppföljning {self.year}"


class SurveyRound(models.Model):
    """A survey round E1–E5 (R-F4): a scale, what counts as satisfied, the closing date."""

    title = models.CharField("rubrik", max_length=200)
    year = models.PositiveSmallIntegerField("år")
    closes_on = models.DateField("sista svarsdag")
    scale_max = models.PositiveSmallIntegerField("skalans högsta värde", default=5)
    satisfied_from = models.PositiveSmallIntegerField(
        "nöjd från och med", default=4, help_text="Svar från detta värde räknas som nöjda."
    )
    opened_at = models.DateTimeField("öppnad", null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "enkätomgång"
        verbose_name_plural = "enkätomgångar"
        ordering = ["-year", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(satisfied_from__lte=models.F("scale_max"))
                & models.Q(satisfied_from__gte=1)
                & models.Q(scale_max__gte=2),
                name="survey_scale_valid",
            )
        ]

    def __str__(self) -> str:
        return self.title


class SurveyInvitation(models.Model):
    """One person's invitation: who was asked and whether the link was used — never what they
    answered. Only the token's SHA-256 is stored. No timestamps and no history, so nothing dates
    the moment `answered` flipped (it could otherwise be matched against the answers)."""

    round = models.ForeignKey(
        SurveyRound,
        verbose_name="enkätomgång",
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    person = models.ForeignKey(
        Person, verbose_name="person", on_delete=models.CASCADE, related_name="+"
    )
    token_hash = models.CharField("nyckel (hash)", max_length=64, unique=True)
    answered = models.BooleanField("har svarat", default=False)
    reminded = models.BooleanField("påmind", default=False)

    class Meta:
        verbose_name = "inbjudan"
        verbose_name_plural = "inbjudningar"
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="one_invitation_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.round}"


class SurveyTally(models.Model):
    """How many answered `value` to effect goal `goal` in a round: a count, nothing else.

    There are no answer rows: an id, a rowid, a physical position or a timestamp of a row
    written per answer would follow the answering order, and that order can be matched against
    anything else that knows when someone answered (an access log line, a session). One row
    for every goal and every value of the scale is created when the round opens, and each
    answer adds one to five of them in a single UPDATE that rewrites all of the round's rows,
    so neither an insert, a row's position nor (on PostgreSQL) the transaction that last wrote
    a row tells which values the latest answer chose."""

    round = models.ForeignKey(
        SurveyRound, verbose_name="enkätomgång", on_delete=models.CASCADE, related_name="tallies"
    )
    goal = models.CharField("effektmål", max_length=2, choices=EFFECT_GOAL_CHOICES)
    value = models.PositiveSmallIntegerField("värde")
    count = models.PositiveIntegerField("antal svar", default=0)

    class Meta:
        verbose_name = "svarsräkning"
        verbose_name_plural = "svarsräkningar"
        constraints = [
            models.UniqueConstraint(
                fields=["round", "goal", "value"], name="one_tally_per_round_goal_value"
            )
        ]

    def __str__(self) -> str:
        return f"{self.goal} = {self.value}: {self.count}"


class AgreementKind(models.TextChoices):
    REGIONAL = "regional", "Regional överenskommelse"
    LOCAL = "local", "Lokal överenskommelse"


def agreement_path(instance: Agreement, filename: str) -> str:
    import uuid
    from pathlib import Path

    return f"agreements/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class Agreement(models.Model):
    """R-K3: the regional agreement (P1) or a local agreement region–municipality (P2)."""

    kind = models.CharField("typ", max_length=20, choices=AgreementKind.choices)
    municipality = models.OneToOneField(
        Principal,
        verbose_name="kommun (lokal överenskommelse)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="local_agreement",
    )
    title = models.CharField("rubrik", max_length=200)
    what = models.TextField("vad samverkan gäller")
    how = models.TextField("hur samverkan sker")
    when = models.TextField("när samverkan sker")
    functions = models.TextField("med vilka funktioner")
    in_force_from = models.DateField("gäller från", null=True, blank=True)
    decision = models.CharField("beslut (instans, datum, §)", max_length=300, blank=True)
    document = models.FileField("dokument", upload_to=agreement_path, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "överenskommelse"
        verbose_name_plural = "överenskommelser"
        ordering = ["kind", "municipality__name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="regional", municipality__isnull=True)
                | models.Q(kind="local", municipality__isnull=False),
                name="agreement_municipality_matches_kind",
                violation_error_message="En lokal överenskommelse gäller en kommun; "
                "den regionala gäller ingen enskild kommun.",
            )
        ]

    def __str__(self) -> str:
        return self.title


class CoordinatorAssignment(models.Model):
    """P5: a regional coordinator appointed, with the assignment."""

    person = models.ForeignKey(
        Person, verbose_name="koordinator", on_delete=models.PROTECT, related_name="+"
    )
    assignment = models.TextField("uppdrag")
    appointed_on = models.DateField("utsedd")
    ends_on = models.DateField("till", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "koordinatoruppdrag"
        verbose_name_plural = "koordinatoruppdrag"
        ordering = ["appointed_on"]

    def __str__(self) -> str:
        return f"{self.person} ({self.appointed_on:%Y-%m-%d})"
