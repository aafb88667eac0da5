"""The collaboration structure as data: the county, principals, groups, mandates, persons and
memberships.

A county's structure is loaded from its data file (the built-in one is
`settings.STRUCTURE_DATA_FILE`); every rule of a group's mandate (seats, meetings per year,
paper deadline, who approves minutes, chair rotation) is a field here, checked by the pure
functions in `structure.rules`. Nothing in the code names the county: its names, codes and
counts come from these rows (see `structure.county`).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.urls import reverse
from simple_history.models import HistoricalRecords


class Side(models.TextChoices):
    """R-P4: "the one side / the other side" means region vs. municipalities."""

    REGION = "region", "Regionen"
    MUNICIPALITY = "municipality", "Kommunerna"


class County(models.Model):
    """The county whose collaboration structure this installation runs (one row).

    Its names appear in every page's title and footer, in mail, calendars, feeds and open data,
    so another county runs its own structure by loading its own file: nothing is in the code.
    """

    name = models.CharField("län", max_length=100, help_text="T.ex. 'Exempels län'.")
    short_name = models.CharField(
        "kort namn", max_length=60, help_text="Som i 'vård och omsorg i …'."
    )
    code = models.CharField("länskod", max_length=2, unique=True)
    collaboration_name = models.CharField(
        "samverkans namn",
        max_length=150,
        help_text="Visas i sidhuvudets titel, sidfoten, e-post, kalendrar och öppna data.",
    )
    organisation_number = models.CharField(
        "organisationsnummer",
        max_length=11,
        blank=True,
        help_text="Utgivarens organisationsnummer i katalogen över öppna data (valfritt).",
    )
    kolada_area = models.CharField(
        "eget område i Kolada",
        max_length=4,
        help_text="Regionens Kolada-id: 00 följt av länskoden.",
    )
    calendar_domain = models.CharField(
        "domän i kalender-UID",
        max_length=100,
        blank=True,
        help_text="Tomt: webbplatsens värdnamn (SITE_URL). Ändra inte när kalendrar prenumererar: "
        "mötena får då nya UID och dubbleras.",
    )
    created_at = models.DateTimeField("skapad", auto_now_add=True, db_default=Now())
    # Every save stamps it: OParl's modified_since filters on it.
    updated_at = models.DateTimeField("ändrad", auto_now=True, db_default=Now())
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        verbose_name = "län"
        verbose_name_plural = "län"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if not (len(self.code) == 2 and self.code.isdigit()):
            errors["code"] = "Länskoden har två siffror."
        if not (len(self.kolada_area) == 4 and self.kolada_area.isdigit()):
            errors["kolada_area"] = "Ett Kolada-id har fyra siffror."
        if errors:
            raise ValidationError(errors)


class StructurePeriod(models.Model):
    """R-G1: the structure as a whole has effective dates (old structure ends, new begins)."""

    name = models.CharField("namn", max_length=200)
    effective_from = models.DateField("gäller från")
    effective_to = models.DateField("gäller till", null=True, blank=True)
    created_at = models.DateTimeField("skapad", auto_now_add=True, db_default=Now())
    # Every save stamps it: OParl's modified_since filters on it.
    updated_at = models.DateTimeField("ändrad", auto_now=True, db_default=Now())
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        verbose_name = "strukturperiod"
        verbose_name_plural = "strukturperioder"
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return self.name


class GeographicGrouping(models.Model):
    """R-P2: the municipalities' geographic groupings, kept as data so a region may regroup.

    Optional: a county without groupings has none, and then no municipality names one."""

    slug = models.SlugField("kortnamn", unique=True)
    name = models.CharField("namn", max_length=100, unique=True)
    order = models.PositiveSmallIntegerField("ordning", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "geografisk gruppering"
        verbose_name_plural = "geografiska grupperingar"
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Principal(models.Model):
    """A huvudman: the region or one of the municipalities (R-P1)."""

    code = models.CharField(
        "kommun-/länskod",
        max_length=4,
        unique=True,
        help_text="Officiell kod: länskoden (två siffror) för regionen, kommunkoden (fyra) annars.",
    )
    name = models.CharField("namn", max_length=100, unique=True)
    slug = models.SlugField("kortnamn", unique=True)
    side = models.CharField("sida", max_length=20, choices=Side.choices)
    grouping = models.ForeignKey(
        GeographicGrouping,
        verbose_name="geografisk gruppering",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="principals",
    )
    created_at = models.DateTimeField("skapad", auto_now_add=True, db_default=Now())
    # Every save stamps it: OParl's modified_since filters on it.
    updated_at = models.DateTimeField("ändrad", auto_now=True, db_default=Now())
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        verbose_name = "huvudman"
        verbose_name_plural = "huvudmän"
        ordering = ["side", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(side="municipality") | Q(grouping__isnull=True),
                name="principal_grouping_only_for_municipalities",
                violation_error_message="Regionen tillhör ingen geografisk gruppering.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("structure:principal_detail", args=[self.slug])

    def clean(self) -> None:
        if not self.code.isdigit():
            raise ValidationError({"code": "Koden får bara innehålla siffror."})
        if self.side == Side.REGION and len(self.code) != 2:
            raise ValidationError({"code": "Regionens länskod har två siffror."})
        if self.side == Side.MUNICIPALITY and len(self.code) != 4:
            raise ValidationError({"code": "En kommunkod har fyra siffror."})
        # Groupings are optional, but where the county has them every municipality belongs to one.
        if (
            self.side == Side.MUNICIPALITY
            and self.grouping_id is None
            and GeographicGrouping.objects.exists()
        ):
            raise ValidationError({"grouping": "Ange kommunens geografiska gruppering."})
        if self.side == Side.REGION and self.grouping_id is not None:
            raise ValidationError({"grouping": "Regionen tillhör ingen geografisk gruppering."})


class DecisionBody(models.Model):
    """R-P3: a principal's body to which recommendations are sent (e.g. socialnämnd)."""

    principal = models.ForeignKey(
        Principal,
        verbose_name="huvudman",
        on_delete=models.CASCADE,
        related_name="decision_bodies",
    )
    name = models.CharField("namn", max_length=150)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "beslutsinstans"
        verbose_name_plural = "beslutsinstanser"
        ordering = ["principal__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["principal", "name"],
                name="unique_decision_body_per_principal",
                violation_error_message="Huvudmannen har redan en beslutsinstans med det namnet.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.principal})"


class GroupKind(models.TextChoices):
    LEADERSHIP_SEMINAR = "leadership_seminar", "Ledningsseminarium"
    POLITICAL_COUNCIL = "political_council", "Politiskt samråd"
    OFFICIALS_GROUP = "officials_group", "Länssamverkansgrupp"
    WORKING_COMMITTEE = "working_committee", "Arbetsutskott"
    PREPARATORY_BODY = "preparatory_body", "Beredning"
    COUNCIL = "council", "Råd"
    WORKING_GROUP = "working_group", "Arbetsgrupp"
    LOCAL_COLLABORATION = "local_collaboration", "Lokal samverkan"
    PUBLIC_HEALTH_COMMITTEE = "public_health_committee", "Beredning för folkhälsa och demokrati"


class Level(models.TextChoices):
    LEADERSHIP = "leadership", "Ledningsnivå"
    POLITICAL = "political", "Politisk nivå (nämnd)"
    ASSEMBLY = "assembly", "Politisk nivå (fullmäktige)"
    OFFICIALS = "officials", "Tjänstepersonsnivå"
    LOCAL = "local", "Lokal nivå"


class DeadlineUnit(models.TextChoices):
    WORKING_DAYS = "working_days", "arbetsdagar"
    CALENDAR_DAYS = "calendar_days", "kalenderdagar"


class MinutesApproval(models.TextChoices):
    NONE = "none", "Ingen justering"
    CHAIR_AND_CHECKER = "chair_and_checker", "Ordförande och justeringsperson"
    CHAIR = "chair", "Ordförande"
    CHAIR_AND_VICE = "chair_and_vice", "Ordförande och vice ordförande"


class ChairRule(models.TextChoices):
    NONE = "none", "Ingen regel"
    DIFFERENT_SIDES_SWAP_YEARLY = (
        "different_sides_swap_yearly",
        "Ordförande och vice från olika sidor; sidorna skiftar varje kalenderår",
    )
    ALTERNATE_YEARLY = (
        "alternate_yearly",
        "Ordförandeskapet alternerar årligen mellan regionen och kommunerna",
    )
    FIXED_SIDES = (
        "fixed_sides",
        "Ordföranden från en bestämd sida, vice ordföranden från den andra",
    )


class MeetingForm(models.TextChoices):
    IN_PERSON = "in_person", "Fysiskt möte"
    VIDEO = "video", "Video"
    DIGITAL = "digital", "Digitalt"
    HYBRID = "hybrid", "Hybrid"


class SpecialRole(models.TextChoices):
    """A group the product treats in its own way, marked in the structure data (never found by
    its slug, so another region's file can give the role to its own group)."""

    NONE = "", "–"
    # R-C6: compiles the questions it handled each year for the public.
    PATIENT_SAFETY = "patient_safety", "Samverkansråd för patientsäkerhet"
    # R-G6: the assistive devices council, which keeps a register of its own decisions.
    ASSISTIVE_DEVICES = "assistive_devices", "Hjälpmedelsråd"


class GroupQuerySet(models.QuerySet):
    def active(self, on: datetime.date) -> GroupQuerySet:
        return self.filter(Q(active_from__isnull=True) | Q(active_from__lte=on)).filter(
            Q(active_to__isnull=True) | Q(active_to__gte=on)
        )

    def acting_for(self, user) -> GroupQuerySet:
        """The groups where the user may act (see internal material, raise cases, report new
        members, prepare agendas): `accounts.permissions.can_act_in` in SQL."""
        from accounts import permissions

        ids = permissions.acting_group_ids(user)
        return self.all() if ids is None else self.filter(pk__in=ids)

    def with_role(self, role: str) -> GroupQuerySet:
        """The group that holds a special role in the structure data (at most one)."""
        return self.filter(special_role=role) if role else self.none()


class Group(models.Model):
    """A group of the structure with its rules (SPEC §3) as fields."""

    slug = models.SlugField("kortnamn", unique=True, max_length=80)
    name = models.CharField("namn", max_length=200, unique=True)
    short_name = models.CharField("kort namn", max_length=60, blank=True)
    kind = models.CharField("typ", max_length=40, choices=GroupKind.choices)
    level = models.CharField("nivå", max_length=20, choices=Level.choices)
    reports_to = models.ForeignKey(
        "self",
        verbose_name="rapporterar till",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reporting_groups",
    )
    reports_to_principals = models.BooleanField(
        "rapporterar till huvudmännen",
        default=False,
        help_text="Gruppen ger rekommendationer direkt till huvudmännen.",
    )
    principal = models.ForeignKey(
        Principal,
        verbose_name="huvudman (lokal samverkan)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="local_groups",
    )
    grouping = models.ForeignKey(
        GeographicGrouping,
        verbose_name="geografisk gruppering",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="groups",
    )
    order = models.PositiveSmallIntegerField("ordning", default=100)
    active_from = models.DateField("verksam från", null=True, blank=True)
    active_to = models.DateField("verksam till", null=True, blank=True)

    # Rules (SPEC §3). Empty means "no rule" / "per assignment".
    seat_rule = models.JSONField(
        "platsregel",
        default=dict,
        blank=True,
        help_text="Antal platser per huvudman, sida och gruppering; se README.",
    )
    seats_text = models.CharField("platser (i klartext)", max_length=400, blank=True)
    chair_rule = models.CharField(
        "ordföranderegel", max_length=40, choices=ChairRule.choices, default=ChairRule.NONE
    )
    chair_anchor_year = models.PositiveSmallIntegerField(
        "rotationens startår",
        null=True,
        blank=True,
        help_text="Året då rotationen räknas från.",
    )
    chair_anchor_side = models.CharField(
        "ordförandens sida startåret", max_length=20, choices=Side.choices, blank=True
    )
    chair_side = models.CharField(
        "ordförandens sida",
        max_length=20,
        choices=Side.choices,
        blank=True,
        help_text="För regeln med bestämda sidor: den sida ordföranden alltid kommer från.",
    )
    meetings_min = models.PositiveSmallIntegerField(
        "minst antal möten per år", null=True, blank=True
    )
    meetings_max = models.PositiveSmallIntegerField(
        "högst antal möten per år", null=True, blank=True
    )
    paper_deadline_days = models.PositiveSmallIntegerField(
        "underlag ute (dagar före möte)", null=True, blank=True
    )
    paper_deadline_unit = models.CharField(
        "enhet för underlagsfrist",
        max_length=20,
        choices=DeadlineUnit.choices,
        default=DeadlineUnit.WORKING_DAYS,
    )
    papers_sent_by = models.CharField("underlag skickas av", max_length=120, blank=True)
    minutes_approval = models.CharField(
        "minnesanteckningar justeras av",
        max_length=30,
        choices=MinutesApproval.choices,
        default=MinutesApproval.NONE,
    )
    minutes_taker = models.CharField("för minnesanteckningar", max_length=120, blank=True)
    minutes_public = models.BooleanField("offentlig handling efter justering", default=False)
    meeting_form = models.CharField(
        "huvudsaklig mötesform", max_length=20, choices=MeetingForm.choices, blank=True
    )
    nomination_years = models.PositiveSmallIntegerField(
        "nomineringsperiod (år)", null=True, blank=True
    )
    assignment_review_months = models.PositiveSmallIntegerField(
        "uppdrag och bemanning revideras (månader)", null=True, blank=True
    )
    meeting_forms_review_months = models.PositiveSmallIntegerField(
        "mötesformer revideras (månader)", null=True, blank=True
    )
    self_evaluation_months = models.PositiveSmallIntegerField(
        "egen utvärdering (månader)", null=True, blank=True
    )
    follow_up_by = models.DateField("följs upp senast", null=True, blank=True)
    decides_itself = models.BooleanField(
        "fattar egna beslut",
        default=False,
        help_text="R-G6: gruppen beslutar själv inom sitt mandat (Hjälpmedelsrådet).",
    )
    gives_recommendations = models.BooleanField("ger rekommendationer", default=False)
    ex_officio_from = models.ForeignKey(
        "self",
        verbose_name="ordinarie plats för ordföranden i",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ex_officio_seats_in",
        help_text="Ordföranden i den angivna gruppen ingår som ordinarie ledamot här.",
    )
    special_role = models.CharField(
        "särskild roll",
        max_length=30,
        choices=SpecialRole.choices,
        blank=True,
        default=SpecialRole.NONE,
        help_text="En grupp som plattformen behandlar särskilt (högst en grupp per roll).",
    )

    created_at = models.DateTimeField("skapad", auto_now_add=True, db_default=Now())
    # Every save stamps it: OParl's modified_since filters on it.
    updated_at = models.DateTimeField("ändrad", auto_now=True, db_default=Now())

    objects = GroupQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        verbose_name = "grupp"
        verbose_name_plural = "grupper"
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["special_role"],
                condition=~Q(special_role=""),
                name="one_group_per_special_role",
                violation_error_message="En annan grupp har redan den särskilda rollen.",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("structure:group_detail", args=[self.slug])

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @property
    def is_patient_safety_council(self) -> bool:
        return self.special_role == SpecialRole.PATIENT_SAFETY

    def clean(self) -> None:
        from structure.rules import SeatRule

        errors: dict[str, str] = {}
        if (
            self.meetings_min is not None
            and self.meetings_max is not None
            and self.meetings_min > self.meetings_max
        ):
            errors["meetings_max"] = "Högsta antal möten kan inte vara lägre än lägsta antal."
        if self.reports_to_id and self.pk and self.reports_to_id == self.pk:
            errors["reports_to"] = "En grupp kan inte rapportera till sig själv."
        if self.active_from and self.active_to and self.active_to < self.active_from:
            errors["active_to"] = "Slutdatum kan inte ligga före startdatum."
        if self.chair_rule == ChairRule.FIXED_SIDES:
            if not self.chair_side:
                errors["chair_side"] = "Ange vilken sida ordföranden kommer från."
            if self.chair_anchor_year or self.chair_anchor_side:
                errors["chair_anchor_side"] = "Med bestämda sidor roterar ordförandeskapet inte."
        elif self.chair_side:
            errors["chair_side"] = "Ordförandens sida anges bara med regeln om bestämda sidor."
        if self.chair_rule != ChairRule.NONE and bool(self.chair_anchor_year) != bool(
            self.chair_anchor_side
        ):
            errors["chair_anchor_side"] = "Ange både startår och sida för rotationen, eller inget."
        try:
            SeatRule.from_dict(self.seat_rule or {})
        except ValueError as exc:
            errors["seat_rule"] = str(exc)
        if self.reports_to_id and self.pk:
            seen = {self.pk}
            parent = self.reports_to
            while parent is not None:
                if parent.pk in seen:
                    errors["reports_to"] = "Rapporteringsvägen får inte gå i en cirkel."
                    break
                seen.add(parent.pk)
                parent = parent.reports_to
        if errors:
            raise ValidationError(errors)

    def current_mandate(self, on: datetime.date) -> Mandate | None:
        return (
            self.mandates.filter(effective_from__lte=on)
            .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
            .order_by("-effective_from")
            .first()
        )


class Mandate(models.Model):
    """R-G1: a group's written mandate, versioned with effective dates."""

    group = models.ForeignKey(
        Group, verbose_name="grupp", on_delete=models.CASCADE, related_name="mandates"
    )
    effective_from = models.DateField("gäller från")
    effective_to = models.DateField("gäller till", null=True, blank=True)
    assignment = models.TextField("uppdrag")
    mandate = models.TextField("mandat")
    reporting_path = models.TextField("rapporteringsväg")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "uppdragsbeskrivning"
        verbose_name_plural = "uppdragsbeskrivningar"
        ordering = ["group__order", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "effective_from"],
                name="unique_mandate_version",
                violation_error_message="Gruppen har redan en version som gäller från det datumet.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.group} från {self.effective_from:%Y-%m-%d}"

    def clean(self) -> None:
        if not self.effective_from:
            return  # the form reports the missing or invalid date
        if self.effective_to and self.effective_to < self.effective_from:
            raise ValidationError({"effective_to": "Slutdatum kan inte ligga före startdatum."})
        if not self.group_id:
            return
        overlapping = Mandate.objects.filter(group_id=self.group_id).exclude(pk=self.pk)
        end = self.effective_to or datetime.date.max
        overlapping = overlapping.filter(effective_from__lte=end).filter(
            Q(effective_to__isnull=True) | Q(effective_to__gte=self.effective_from)
        )
        if overlapping.exists():
            raise ValidationError(
                "Versionen överlappar en annan version av gruppens uppdragsbeskrivning. "
                "Sätt ett slutdatum på den tidigare versionen först."
            )


class Person(models.Model):
    """A person who sits in the structure. Contact details are personal data (see permissions)."""

    first_name = models.CharField("förnamn", max_length=100)
    last_name = models.CharField("efternamn", max_length=100)
    principal = models.ForeignKey(
        Principal, verbose_name="huvudman", on_delete=models.PROTECT, related_name="persons"
    )
    title = models.CharField("befattning/uppdrag", max_length=200, blank=True)
    email = models.EmailField("e-post", blank=True)
    phone = models.CharField("telefon", max_length=40, blank=True)
    created_at = models.DateTimeField("skapad", auto_now_add=True, db_default=Now())
    # Every save stamps it: OParl's modified_since filters on it.
    updated_at = models.DateTimeField("ändrad", auto_now=True, db_default=Now())
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        verbose_name = "person"
        verbose_name_plural = "personer"
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class MembershipKind(models.TextChoices):
    ORDINARY = "ordinary", "Ordinarie ledamot"
    SUBSTITUTE = "substitute", "Ersättare"
    CO_OPTED = "co_opted", "Adjungerad"
    GUEST = "guest", "Inbjuden gäst"


class Position(models.TextChoices):
    NONE = "", "–"
    CHAIR = "chair", "Ordförande"
    VICE_CHAIR = "vice_chair", "Vice ordförande"


class MembershipQuerySet(models.QuerySet):
    def current(self, on: datetime.date) -> MembershipQuerySet:
        return self.filter(start_date__lte=on).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=on)
        )

    def positions_of(self, person_id: int, on: datetime.date) -> frozenset[tuple[int, str]]:
        """(group id, position) of each of the person's memberships on that day: what
        `accounts.permissions` decides membership and chair from (see `StructureConfig`)."""
        return frozenset(
            self.current(on).filter(person_id=person_id).values_list("group_id", "position")
        )


class Membership(models.Model):
    """R-M1: a seat in a group: ordinary, substitute (for one ordinary), co-opted or guest."""

    person = models.ForeignKey(
        Person, verbose_name="person", on_delete=models.PROTECT, related_name="memberships"
    )
    group = models.ForeignKey(
        Group, verbose_name="grupp", on_delete=models.PROTECT, related_name="memberships"
    )
    kind = models.CharField("typ av plats", max_length=20, choices=MembershipKind.choices)
    position = models.CharField(
        "uppdrag i gruppen", max_length=20, choices=Position.choices, blank=True, default=""
    )
    position_since = models.DateField(
        "uppdraget sedan",
        null=True,
        blank=True,
        help_text="När ordförande-/vice ordförandeuppdraget började (för rotationskontrollen).",
    )
    substitute_for = models.ForeignKey(
        "self",
        verbose_name="ersättare för",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="substitutes",
        help_text="Den ordinarie ledamot som ersättaren går in för.",
    )
    role_title = models.CharField(
        "roll",
        max_length=200,
        blank=True,
        help_text="T.ex. 'Verksamhetschef för hjälpmedelsverksamheten' för en adjungerad.",
    )
    start_date = models.DateField("från")
    end_date = models.DateField("till", null=True, blank=True)
    nominated_until = models.DateField("nominerad till och med", null=True, blank=True)

    created_at = models.DateTimeField("skapad", auto_now_add=True, db_default=Now())
    # Every save stamps it: OParl's modified_since filters on it.
    updated_at = models.DateTimeField("ändrad", auto_now=True, db_default=Now())

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        verbose_name = "uppdrag i grupp"
        verbose_name_plural = "uppdrag i grupper"
        ordering = ["group__order", "kind", "person__last_name"]
        indexes = [models.Index(fields=["group", "start_date", "end_date"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_kind_display()} i {self.group}"

    @property
    def side(self) -> str:
        return self.person.principal.side

    def is_current(self, on: datetime.date) -> bool:
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = "Slutdatum kan inte ligga före startdatum."
        if self.kind == MembershipKind.SUBSTITUTE:
            if not self.substitute_for_id:
                errors["substitute_for"] = (
                    "En ersättare ska kopplas till den ordinarie ledamot den ersätter."
                )
            else:
                ordinary = self.substitute_for
                if ordinary.kind != MembershipKind.ORDINARY:
                    errors["substitute_for"] = "En ersättare kan bara ersätta en ordinarie ledamot."
                elif self.group_id and ordinary.group_id != self.group_id:
                    errors["substitute_for"] = "Den ordinarie ledamoten sitter i en annan grupp."
                elif ordinary.person_id == self.person_id:
                    errors["substitute_for"] = "En person kan inte vara ersättare för sig själv."
        elif self.substitute_for_id:
            errors["substitute_for"] = "Bara ersättare kopplas till en ordinarie ledamot."
        if self.position and self.kind != MembershipKind.ORDINARY:
            errors["position"] = "Ordförande och vice ordförande ska vara ordinarie ledamöter."
        if self.position_since and not self.position:
            errors["position_since"] = "Ange uppdrag (ordförande/vice) eller lämna datumet tomt."
        if self.nominated_until and self.start_date and self.nominated_until < self.start_date:
            errors["nominated_until"] = "Nomineringen kan inte sluta före uppdragets start."
        if (
            self.nominated_until
            and self.start_date
            and self.group_id
            and self.group.nomination_years
            and self.nominated_until > _add_years(self.start_date, self.group.nomination_years)
        ):
            errors["nominated_until"] = (
                f"Ledamöterna i {self.group} nomineras för högst {self.group.nomination_years} år."
            )
        if errors:
            raise ValidationError(errors)


def _add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class ChairExtension(models.Model):
    """R-M5: a recorded group decision that the chair's term runs longer than one year."""

    group = models.ForeignKey(
        Group, verbose_name="grupp", on_delete=models.CASCADE, related_name="chair_extensions"
    )
    year = models.PositiveSmallIntegerField(
        "förlängt över år", help_text="Det kalenderår som ordförandeskapet förlängs över."
    )
    decided_on = models.DateField("beslutsdatum")
    reference = models.CharField(
        "hänvisning", max_length=200, help_text="T.ex. mötets datum och paragraf."
    )
    reason = models.TextField("skäl", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "beslut om förlängt ordförandeskap"
        verbose_name_plural = "beslut om förlängt ordförandeskap"
        ordering = ["group__order", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "year"],
                name="unique_chair_extension_per_year",
                violation_error_message="Det finns redan ett förlängningsbeslut för året.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.group}: förlängning {self.year}"


class StructureVersion(models.Model):
    """One row whose number changes whenever anything in the structure changes.

    The cached structure pages (see `structure.cache`) are keyed by it. It lives in the database,
    not in the cache, so every app server sees a change as soon as the changing transaction
    commits, whatever cache each server uses. The row is written inside that transaction.
    """

    value = models.BigIntegerField("version", default=0)

    class Meta:
        verbose_name = "strukturversion"
        verbose_name_plural = "strukturversioner"

    def __str__(self) -> str:
        return str(self.value)
