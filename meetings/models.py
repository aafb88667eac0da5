"""Meetings, agendas, papers, attendance and minutes (SPEC §5).

Models hold data and simple properties; every write that carries a rule (send the kallelse,
report absence, approve, correct) is a service in `meetings.services`.
"""

from __future__ import annotations

import datetime
import secrets
import uuid
from functools import reduce
from operator import or_
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Now, TruncDate
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from accounts import permissions
from meetings import attsatser
from structure.models import Group, MeetingForm, Membership, MinutesApproval, Person, Position


class MeetingQuerySet(models.QuerySet):
    def agenda_open(self) -> MeetingQuerySet:
        """Meetings without approved minutes: their agenda still takes items (approved minutes
        lock the meeting, R-S6)."""
        return self.exclude(minutes__status=MinutesStatus.APPROVED)


class Meeting(models.Model):
    """R-S1: a meeting of a group, with time, form, place or link, agenda and papers."""

    group = models.ForeignKey(
        Group, verbose_name="grupp", on_delete=models.PROTECT, related_name="meetings"
    )
    title = models.CharField("rubrik", max_length=200, blank=True)
    starts_at = models.DateTimeField("börjar")
    ends_at = models.DateTimeField("slutar")
    form = models.CharField("mötesform", max_length=20, choices=MeetingForm.choices)
    location = models.CharField("plats", max_length=200, blank=True)
    link = models.URLField("länk till mötet", blank=True)
    is_public = models.BooleanField(
        "visas i den publika kalendern",
        default=True,
        help_text="Tid, plats och grupp visas för alla. Dagordning och underlag gör det inte.",
    )
    cancelled = models.BooleanField("inställt", default=False)
    uid = models.UUIDField("kalender-id", default=uuid.uuid4, unique=True, editable=False)
    ical_sequence = models.PositiveIntegerField("kalenderversion", default=0, editable=False)
    kallelse_sent_at = models.DateTimeField("kallelse skickad", null=True, blank=True)
    papers_sent_at = models.DateTimeField("underlag skickade", null=True, blank=True)
    # What each kallelse said when it was sent (`kallelse_copy`), oldest first: the agenda may
    # change afterwards, the kallelse as a record does not (the e-archive delivers these).
    # The database default covers rows written in bulk without the ORM (e.g. `make bench`).
    kallelse_copies = models.JSONField(
        "skickade kallelser", default=list, db_default=[], blank=True, editable=False
    )
    created_at = models.DateTimeField("skapad", auto_now_add=True)
    # Every save stamps it: calendar feeds answer "not modified" from it (see meetings.feeds).
    # The database default stamps rows written in bulk without the ORM (e.g. `make bench`).
    updated_at = models.DateTimeField("ändrad", auto_now=True, db_default=Now())
    history = HistoricalRecords(excluded_fields=["ical_sequence", "updated_at", "kallelse_copies"])

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = "möte"
        verbose_name_plural = "möten"
        ordering = ["starts_at"]
        indexes = [
            models.Index(fields=["group", "starts_at"]),
            # The public directory, calendar and year choices: public meetings by start.
            models.Index(fields=["is_public", "starts_at"], name="meeting_public_by_start"),
            models.Index(fields=["is_public", "ends_at"], name="meeting_public_by_end"),
            # The minutes lists and the desk read minutes by their meeting's start.
            models.Index(fields=["starts_at"], name="meeting_by_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message="Mötet måste sluta efter att det har börjat.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.group.display_name} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting_detail", args=[self.pk])

    def is_locked(self) -> bool:
        """Approved minutes lock the meeting: its time, agenda and attendance (the rule of
        `Meeting.objects.agenda_open`, asked for this meeting)."""
        return not Meeting.objects.agenda_open().filter(pk=self.pk).exists()

    @property
    def display_title(self) -> str:
        return self.title or f"Möte i {self.group.name}"

    def kallelse_copy(self, sent_at: datetime.datetime, titles: list[str]) -> dict:
        """What a kallelse sent at `sent_at` says, as JSON: the meeting's title, time, form and
        place, and the agenda's item titles in order (`kallelse_copies` keeps one per send)."""
        return {
            "sent_at": sent_at.isoformat(),
            "title": self.display_title,
            "starts_at": self.starts_at.isoformat(),
            "ends_at": self.ends_at.isoformat(),
            "form": self.form,
            "location": self.location,
            "items": titles,
        }

    @property
    def has_started(self) -> bool:
        """Attendance and minutes are recorded from the start (the services' rule)."""
        return self.starts_at <= timezone.now()

    @property
    def local_date(self) -> datetime.date:
        return timezone.localtime(self.starts_at).date()

    @property
    def paper_deadline(self) -> datetime.date | None:
        """R-S2: the day papers must be with the members, from the group's rule."""
        from meetings.calendar import paper_deadline

        if not self.group.paper_deadline_days:
            return None
        return paper_deadline(
            self.local_date, self.group.paper_deadline_days, self.group.paper_deadline_unit
        )

    @property
    def papers_on_time(self) -> bool | None:
        """True/False once papers are sent; None while they are not (or there is no rule)."""
        deadline = self.paper_deadline
        if deadline is None or self.papers_sent_at is None:
            return None
        return timezone.localtime(self.papers_sent_at).date() <= deadline

    @property
    def deadline_status(self) -> str:
        """For the deadline chip: sent_on_time, sent_late, passed, approaching, open or none."""
        from meetings.calendar import working_days_between

        deadline = self.paper_deadline
        if deadline is None:
            return "none"
        if self.papers_sent_at is not None:
            return "sent_on_time" if self.papers_on_time else "sent_late"
        today = timezone.localdate()
        if today > deadline:
            return "passed"
        if working_days_between(today, deadline) <= 3:
            return "approaching"
        return "open"


class ItemKind(models.TextChoices):
    DECISION = "decision", "Beslutsärende"
    INFORMATION = "information", "Informationsärende"
    DISCUSSION = "discussion", "Diskussionsärende"
    PROCEDURE = "procedure", "Formalia"


class AgendaItem(models.Model):
    """One item of the agenda. A decision item needs a case description and a proposal (R-S3)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name="möte", on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveSmallIntegerField("ordning")
    kind = models.CharField("typ", max_length=20, choices=ItemKind.choices)
    title = models.CharField("rubrik", max_length=200)
    description = models.TextField("kort ärendebeskrivning", blank=True)
    proposal = models.TextField("förslag till åtgärd eller frågeställning", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "punkt på dagordningen"
        verbose_name_plural = "punkter på dagordningen"
        ordering = ["meeting", "position"]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"

    @property
    def lineage_id(self) -> int:
        """The item's identity across corrections: its first version's id."""
        return self.origin_id or self.pk

    @property
    def is_decision(self) -> bool:
        return self.kind == ItemKind.DECISION

    @property
    def missing_for_sending(self) -> list[str]:
        """R-S3: what a decision item still lacks before its papers may be sent."""
        if self.kind != ItemKind.DECISION:
            return []
        missing = []
        if not self.description.strip():
            missing.append("kort ärendebeskrivning")
        if not self.proposal.strip():
            missing.append("förslag till åtgärd eller frågeställning")
        return missing


def paper_path(instance: Paper, filename: str) -> str:
    return f"papers/{instance.item.meeting_id}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class Paper(models.Model):
    """A document attached to an agenda item; internal to the group's members."""

    item = models.ForeignKey(
        AgendaItem, verbose_name="punkt", on_delete=models.CASCADE, related_name="papers"
    )
    title = models.CharField("titel", max_length=200)
    file = models.FileField("fil", upload_to=paper_path)
    original_name = models.CharField("filnamn", max_length=255)
    size = models.PositiveIntegerField("storlek (byte)")
    content_type = models.CharField("filtyp", max_length=120)
    uploaded_at = models.DateTimeField("uppladdad", auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="uppladdad av",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "underlag"
        verbose_name_plural = "underlag"
        ordering = ["item", "uploaded_at"]

    def __str__(self) -> str:
        return self.title


class Absence(models.Model):
    """R-M3: an ordinary member's reported absence; the substitute is then expected."""

    meeting = models.ForeignKey(
        Meeting, verbose_name="möte", on_delete=models.CASCADE, related_name="absences"
    )
    membership = models.ForeignKey(
        Membership, verbose_name="ledamot", on_delete=models.PROTECT, related_name="absences"
    )
    substitute = models.ForeignKey(
        Membership,
        verbose_name="ersättare som kallas",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stand_ins",
    )
    note = models.CharField("kommentar", max_length=300, blank=True)
    reported_at = models.DateTimeField("anmäld", auto_now_add=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "frånvaroanmälan"
        verbose_name_plural = "frånvaroanmälningar"
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"],
                name="one_absence_per_member_and_meeting",
                violation_error_message="Frånvaron är redan anmäld.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.membership.person} frånvarande {self.meeting}"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Närvarande"
    ABSENT = "absent", "Frånvarande"
    SUBSTITUTE = "substitute", "Tjänstgörande ersättare"
    CO_OPTED = "co_opted", "Adjungerad"
    GUEST = "guest", "Inbjuden"


class Attendance(models.Model):
    """Who was there, recorded at the meeting. A substitute in place is never a member."""

    meeting = models.ForeignKey(
        Meeting, verbose_name="möte", on_delete=models.CASCADE, related_name="attendance"
    )
    person = models.ForeignKey(Person, verbose_name="person", on_delete=models.PROTECT)
    status = models.CharField("närvaro", max_length=20, choices=AttendanceStatus.choices)
    replaces = models.ForeignKey(
        Person,
        verbose_name="ersätter",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "närvaro"
        verbose_name_plural = "närvaro"
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="one_attendance_per_person_and_meeting"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_status_display()}"


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", "Utkast"
    IN_APPROVAL = "in_approval", "Skickad för justering"
    APPROVED = "approved", "Justerad"


class ApprovalRole(models.TextChoices):
    CHAIR = "chair", "Ordförande"
    CHECKER = "checker", "Justeringsperson"
    VICE_CHAIR = "vice_chair", "Vice ordförande"


# R-S6: who approves a group's minutes, from its rule in the structure data, in the order the
# approvers are named. `MinutesQuerySet.with_approvers` finds the persons.
APPROVAL_ROLES: dict[str, tuple[str, ...]] = {
    MinutesApproval.NONE: (),
    MinutesApproval.CHAIR_AND_CHECKER: (ApprovalRole.CHAIR, ApprovalRole.CHECKER),
    MinutesApproval.CHAIR: (ApprovalRole.CHAIR,),
    MinutesApproval.CHAIR_AND_VICE: (ApprovalRole.CHAIR, ApprovalRole.VICE_CHAIR),
}


def _rules_naming(role: str) -> list[str]:
    return [rule for rule, roles in APPROVAL_ROLES.items() if role in roles]


def _position_holder(position: str) -> Subquery:
    """Who held the position in the meeting's group on the meeting day (should there be two,
    which the rules check reports, the one seated first)."""
    return Subquery(
        Membership.objects.current(OuterRef("meeting_day"))
        .filter(group_id=OuterRef("meeting__group_id"), position=position)
        .order_by("start_date", "pk")
        .values("person_id")[:1]
    )


_PUBLIC_RECORD = Q(status=MinutesStatus.APPROVED, meeting__group__minutes_public=True)


class MinutesQuerySet(models.QuerySet):
    def approved(self) -> MinutesQuerySet:
        """R-S6: the approved, locked versions (a correction is a version of its own), whether
        or not the group's minutes are public: the e-archive keeps both, drafts never."""
        return self.filter(status=MinutesStatus.APPROVED)

    def public_records(self) -> MinutesQuerySet:
        """R-S6: approved minutes of groups whose minutes are public records
        (`Minutes.is_public_record`): everyone's, the API's and OParl's."""
        return self.filter(_PUBLIC_RECORD)

    def visible_to(self, user) -> MinutesQuerySet:
        """`accounts.permissions.can_see_minutes` in SQL: the public records, and everything of
        the groups whose internal material the user may read."""
        groups = permissions.viewing_group_ids(user)
        if groups is None:
            return self.all()
        return self.filter(
            _PUBLIC_RECORD | Q(meeting__group_id__in=groups) if groups else _PUBLIC_RECORD
        )

    def with_approvers(self) -> MinutesQuerySet:
        """R-S6, the one implementation of "who approves": each row gets `approver_<role>` (the
        person's id, None where the group's rule does not name the role or nobody holds it) and
        `approved_<role>` for every `ApprovalRole`. The chair and vice chair are whoever held
        the position on the meeting day; the checker is the minutes' justeringsperson.
        `Minutes.approvers()` reads them in the rule's order."""
        sources = {
            ApprovalRole.CHAIR: _position_holder(Position.CHAIR),
            ApprovalRole.VICE_CHAIR: _position_holder(Position.VICE_CHAIR),
            ApprovalRole.CHECKER: models.F("justeringsperson_id"),
        }
        annotations = {"approval_rule": models.F("meeting__group__minutes_approval")}
        for role, source in sources.items():
            annotations[f"approver_{role}"] = models.Case(
                models.When(meeting__group__minutes_approval__in=_rules_naming(role), then=source),
                default=None,
                output_field=models.IntegerField(),
            )
            annotations[f"approved_{role}"] = Exists(
                Approval.objects.filter(minutes=OuterRef("pk"), role=role)
            )
        return self.alias(meeting_day=TruncDate("meeting__starts_at")).annotate(**annotations)

    def awaiting_approval_by(self, person: Person | int | None) -> MinutesQuerySet:
        """Minutes sent for approval that still wait on this person (or person id) in a role
        the group's rule gives them: /mina-moten/, "Mitt" and the daily digest ask this."""
        person_id = getattr(person, "pk", person)
        if person_id is None:
            return self.none()
        waits_on = (
            Q(**{f"approver_{role}": person_id, f"approved_{role}": False}) for role in ApprovalRole
        )
        return (
            self.filter(status=MinutesStatus.IN_APPROVAL)
            .with_approvers()
            .filter(reduce(or_, waits_on))
        )


class Minutes(models.Model):
    """R-S6: one version of a meeting's minutes. Approved versions are locked public records;
    a correction is a new version that supersedes the old one, and both stay visible."""

    meeting = models.ForeignKey(
        Meeting, verbose_name="möte", on_delete=models.PROTECT, related_name="minutes"
    )
    version = models.PositiveSmallIntegerField("version", default=1)
    status = models.CharField(
        "status", max_length=20, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    supersedes = models.OneToOneField(
        "self",
        verbose_name="rättar",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    correction_reason = models.TextField("skäl till rättelse", blank=True)
    summary = models.TextField("inledning", blank=True)
    justeringsperson = models.ForeignKey(
        Person,
        verbose_name="justeringsperson",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("skapad", auto_now_add=True)
    approved_at = models.DateTimeField("justerad", null=True, blank=True)
    # Every save stamps it: OParl's modified_since filters on it.
    updated_at = models.DateTimeField("ändrad", auto_now=True, db_default=Now())
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = MinutesQuerySet.as_manager()

    class Meta:
        verbose_name = "minnesanteckningar"
        verbose_name_plural = "minnesanteckningar"
        ordering = ["meeting", "version"]
        indexes = [
            # The public list reads approved minutes by meeting.
            models.Index(fields=["status", "meeting"], name="minutes_by_status_meeting"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "version"], name="unique_minutes_version")
        ]

    def __str__(self) -> str:
        return f"Minnesanteckningar {self.meeting} (version {self.version})"

    def get_absolute_url(self) -> str:
        return reverse("meetings:minutes_detail", args=[self.pk])

    @property
    def is_locked(self) -> bool:
        return self.status == MinutesStatus.APPROVED

    @property
    def is_draft(self) -> bool:
        return self.status == MinutesStatus.DRAFT

    @property
    def is_public_record(self) -> bool:
        """R-S6: approved minutes of a group whose minutes are public records."""
        return self.status == MinutesStatus.APPROVED and self.meeting.group.minutes_public

    def approvers(self) -> list[tuple[str, int | None, bool]]:
        """(role, person id, approved) in the order the group's rule names them; only on rows
        read with `Minutes.objects.with_approvers()`."""
        return [
            (role, getattr(self, f"approver_{role}"), getattr(self, f"approved_{role}"))
            for role in APPROVAL_ROLES.get(self.approval_rule, ())
        ]


class MinutesItem(models.Model):
    """The minutes of one agenda item: notes and, for decisions, att-satser (R-S5)."""

    minutes = models.ForeignKey(
        Minutes, verbose_name="minnesanteckningar", on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveSmallIntegerField("ordning")
    kind = models.CharField("typ", max_length=20, choices=ItemKind.choices)
    title = models.CharField("rubrik", max_length=200)
    notes = models.TextField("anteckningar", blank=True)
    decision_intro = models.CharField(
        "beslutsinledning", max_length=200, blank=True, help_text="T.ex. 'LSG beslutar'"
    )
    decisions = models.TextField(
        "att-satser", blank=True, help_text="En att-sats per rad, utan ordet 'att'."
    )
    created_at = models.DateTimeField("skapad", auto_now_add=True, db_default=Now())
    # Every save stamps it: OParl's modified_since filters on it.
    updated_at = models.DateTimeField("ändrad", auto_now=True, db_default=Now())
    # The same item in the first version of the minutes, for an item a correction carried over:
    # the item keeps one identity across versions (OParl publishes it under that first id).
    origin = models.ForeignKey(
        "self",
        verbose_name="samma punkt i första versionen",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        verbose_name = "punkt i minnesanteckningar"
        verbose_name_plural = "punkter i minnesanteckningar"
        ordering = ["minutes", "position"]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"

    @property
    def lineage_id(self) -> int:
        """The item's identity across corrections: its first version's id."""
        return self.origin_id or self.pk

    @property
    def is_decision(self) -> bool:
        return self.kind == ItemKind.DECISION

    @property
    def att_satser(self) -> list[str]:
        return attsatser.split(self.decisions)


class Approval(models.Model):
    """One approver's approval of a minutes version, with who and when (R-S6)."""

    minutes = models.ForeignKey(
        Minutes,
        verbose_name="minnesanteckningar",
        on_delete=models.PROTECT,
        related_name="approvals",
    )
    role = models.CharField("roll", max_length=20, choices=ApprovalRole.choices)
    person = models.ForeignKey(Person, verbose_name="person", on_delete=models.PROTECT)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="användare",
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField("justerat", default=timezone.now)

    class Meta:
        verbose_name = "justering"
        verbose_name_plural = "justeringar"
        ordering = ["approved_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["minutes", "role"],
                name="one_approval_per_role",
                violation_error_message="Den rollen har redan justerat.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.person} {self.approved_at:%Y-%m-%d}"


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A member's secret calendar URL (R-S7); a new token revokes the old URL."""

    person = models.OneToOneField(
        Person, verbose_name="person", on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(
        "hemlig nyckel", max_length=64, unique=True, default=new_calendar_token
    )
    created_at = models.DateTimeField("skapad", auto_now_add=True)

    class Meta:
        verbose_name = "kalenderprenumeration"
        verbose_name_plural = "kalenderprenumerationer"

    def __str__(self) -> str:
        return f"Kalender för {self.person}"
