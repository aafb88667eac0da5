"""Every write about meetings: plan, prepare the agenda, send the kallelse, report absence,
record attendance, draft, approve and correct minutes (SPEC §5).

Each service checks permissions and rules, runs in a transaction, records what it changed in
the audit trail in that transaction, and sends its mail only after the transaction commits.
Views, the admin and commands call these; none write models directly.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone

from accounts import permissions
from accounts.models import User
from audit import services as audit
from lib.mail import send_after_commit
from lib.site import absolute_url, site_url
from lib.uploads import validate_document
from meetings import attsatser, ical
from meetings.models import (
    Absence,
    AgendaItem,
    Approval,
    ApprovalRole,
    Attendance,
    AttendanceStatus,
    CalendarFeed,
    ItemKind,
    Meeting,
    Minutes,
    MinutesItem,
    MinutesStatus,
    Paper,
)
from meetings.skeleton import SKELETON, TAIL_TITLES
from search import documents as search_documents
from search.models import Kind
from structure.models import (
    Group,
    MeetingForm,
    Membership,
    MembershipKind,
    Person,
)


def coordinator_addresses() -> list[str]:
    return list(
        User.objects.filter(is_active=True, is_coordinator=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )


# --- Planning ------------------------------------------------------------------------------


def _validate_meeting(
    *,
    group: Group,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    form: str,
    location: str,
    link: str,
) -> None:
    errors: dict[str, str] = {}
    if form not in MeetingForm.values:
        errors["form"] = "Välj en mötesform."
    if ends_at <= starts_at:
        errors["ends_at"] = "Mötet måste sluta efter att det har börjat."
    if form in (MeetingForm.IN_PERSON, MeetingForm.HYBRID) and not location.strip():
        errors["location"] = "Ange en plats för ett fysiskt möte eller hybridmöte."
    if form in (MeetingForm.VIDEO, MeetingForm.DIGITAL, MeetingForm.HYBRID) and not link.strip():
        errors["link"] = "Ange en länk för ett video-, digitalt eller hybridmöte."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def book_meeting(
    *,
    group: Group,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    form: str,
    by: User,
    location: str = "",
    link: str = "",
    title: str = "",
    is_public: bool = True,
) -> Meeting:
    """Book a meeting (R-G3) and give it the standard agenda skeleton (R-S4)."""
    permissions.require(permissions.can_manage_meetings(by, group))
    _validate_meeting(
        group=group,
        starts_at=starts_at,
        ends_at=ends_at,
        form=form,
        location=location,
        link=link,
    )
    meeting = Meeting.objects.create(
        group=group,
        starts_at=starts_at,
        ends_at=ends_at,
        form=form,
        location=location,
        link=link,
        title=title,
        is_public=is_public,
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, position=index, kind=kind, title=title)
        for index, (title, kind, _) in enumerate(SKELETON, start=1)
    )
    audit.record_write(
        actor=by, action="meetings.book_meeting", target=meeting, after=audit.snapshot(meeting)
    )
    return meeting


@dataclass(frozen=True)
class MeetingDraft:
    """One meeting of a year booked at once (`book_meetings`)."""

    group: Group
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    form: str
    location: str = ""
    link: str = ""
    title: str = ""
    is_public: bool = True


@transaction.atomic
def book_meetings(*, drafts: list[MeetingDraft], by: User) -> list[Meeting]:
    """Book a year's meetings in one go (R-G3): all of them or, if one is refused, none.

    A refused draft raises a ValidationError keyed by its index in `drafts` ("0", "1", …), so
    the caller can show each error on its row."""
    for group in {draft.group for draft in drafts}:
        permissions.require(permissions.can_manage_meetings(by, group))
    errors: dict[str, list[str]] = {}
    for index, draft in enumerate(drafts):
        try:
            _validate_meeting(
                group=draft.group,
                starts_at=draft.starts_at,
                ends_at=draft.ends_at,
                form=draft.form,
                location=draft.location,
                link=draft.link,
            )
        except ValidationError as exc:
            errors[str(index)] = exc.messages
    if errors:
        raise ValidationError(errors)
    return [
        book_meeting(
            group=draft.group,
            starts_at=draft.starts_at,
            ends_at=draft.ends_at,
            form=draft.form,
            location=draft.location,
            link=draft.link,
            title=draft.title,
            is_public=draft.is_public,
            by=by,
        )
        for draft in drafts
    ]


MEETING_PLACE_FIELDS = ("starts_at", "ends_at", "form", "location", "link")


@transaction.atomic
def reschedule_meeting(
    *,
    meeting: Meeting,
    by: User,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    form: str,
    location: str = "",
    link: str = "",
) -> Meeting:
    """Change time or place; the calendar SEQUENCE grows so clients update the event."""
    permissions.require(permissions.can_manage_meetings(by, meeting.group))
    _validate_meeting(
        group=meeting.group,
        starts_at=starts_at,
        ends_at=ends_at,
        form=form,
        location=location,
        link=link,
    )
    meeting = Meeting.objects.select_for_update().select_related("group").get(pk=meeting.pk)
    _require_not_archived(meeting)
    before = audit.snapshot(meeting, MEETING_PLACE_FIELDS)
    meeting.starts_at, meeting.ends_at, meeting.form = starts_at, ends_at, form
    meeting.location, meeting.link = location, link
    meeting.ical_sequence += 1
    meeting.save()
    audit.record_write(
        actor=by,
        action="meetings.reschedule_meeting",
        target=meeting,
        before=before,
        after=audit.snapshot(meeting, MEETING_PLACE_FIELDS),
    )
    _tell_invited(meeting, "Ändrad tid eller plats", "REQUEST")
    return meeting


@transaction.atomic
def cancel_meeting(*, meeting: Meeting, by: User) -> Meeting:
    """Cancel a meeting; those who got the kallelse get a cancellation their calendars apply."""
    permissions.require(permissions.can_manage_meetings(by, meeting.group))
    meeting = Meeting.objects.select_for_update().select_related("group").get(pk=meeting.pk)
    _require_not_archived(meeting)
    if meeting.cancelled:
        raise ValidationError("Mötet är redan inställt.")
    meeting.cancelled = True
    meeting.ical_sequence += 1
    meeting.save()
    audit.record_write(
        actor=by,
        action="meetings.cancel_meeting",
        target=meeting,
        changes={"cancelled": [False, True]},
    )
    _tell_invited(meeting, "Inställt", "CANCEL")
    return meeting


def _require_not_archived(meeting: Meeting) -> None:
    if meeting.is_locked():
        raise ValidationError("Mötet har justerade minnesanteckningar och kan inte ändras.")


def _tell_invited(meeting: Meeting, what: str, method: str) -> None:
    """Once the kallelse is out, every change reaches the same people with an updated event."""
    if not meeting.kallelse_sent_at:
        return
    base = site_url()
    body = render_to_string(
        "meetings/mail/changed.txt",
        {"meeting": meeting, "what": what, "url": base + meeting.get_absolute_url()},
    )
    ics = ical.calendar_for([meeting], meeting.group.name, base, method=method, internal=True)
    send_after_commit(
        f"{what}: {meeting.display_title} {meeting.local_date:%Y-%m-%d}",
        body,
        [p.email for p in kallelse_recipients(meeting)],
        ics,
        method,
    )


# --- Agenda and papers -----------------------------------------------------------------------


def _renumber(items: list[AgendaItem]) -> None:
    for index, item in enumerate(items, start=1):
        item.position = index
    AgendaItem.objects.bulk_update(items, ["position"])


def _require_agenda_open(meeting: Meeting) -> None:
    if meeting.is_locked():
        raise ValidationError("Mötets minnesanteckningar är justerade; dagordningen är låst.")


@transaction.atomic
def add_agenda_item(
    *,
    meeting: Meeting,
    by: User,
    kind: str,
    title: str,
    description: str = "",
    proposal: str = "",
) -> AgendaItem:
    """Add an item before "Övriga frågor" (the skeleton's tail stays last)."""
    permissions.require(permissions.can_manage_meetings(by, meeting.group))
    _require_agenda_open(meeting)
    errors = {}
    if kind not in ItemKind.values:
        errors["kind"] = "Välj typ av punkt."
    if not title.strip():
        errors["title"] = "Ange en rubrik."
    if errors:
        raise ValidationError(errors)
    items = list(meeting.items.select_for_update().order_by("position"))
    tail_at = next((i for i, item in enumerate(items) if item.title in TAIL_TITLES), len(items))
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=len(items) + 1,
        kind=kind,
        title=title.strip(),
        description=description.strip(),
        proposal=proposal.strip(),
    )
    items.insert(tail_at, item)
    _renumber(items)
    audit.record_write(
        actor=by, action="meetings.add_agenda_item", target=item, after=audit.snapshot(item)
    )
    return item


@transaction.atomic
def update_agenda_item(
    *, item: AgendaItem, by: User, kind: str, title: str, description: str = "", proposal: str = ""
) -> AgendaItem:
    """Edit an item's kind and texts; the skeleton's procedural items keep their wording."""
    permissions.require(permissions.can_manage_meetings(by, item.meeting.group))
    _require_agenda_open(item.meeting)
    if item.kind == ItemKind.PROCEDURE:
        raise ValidationError("Standardpunkterna på dagordningen ändras inte.")
    errors = {}
    if kind not in ItemKind.values or kind == ItemKind.PROCEDURE:
        errors["kind"] = "Välj typ av punkt."
    if not title.strip():
        errors["title"] = "Ange en rubrik."
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(item)
    item.kind, item.title = kind, title.strip()
    item.description, item.proposal = description.strip(), proposal.strip()
    item.save()
    audit.record_write(
        actor=by,
        action="meetings.update_agenda_item",
        target=item,
        before=before,
        after=audit.snapshot(item),
    )
    return item


@transaction.atomic
def move_agenda_item(*, item: AgendaItem, by: User, direction: int) -> None:
    """Move an item one step up (-1) or down (+1)."""
    permissions.require(permissions.can_manage_meetings(by, item.meeting.group))
    _require_agenda_open(item.meeting)
    items = list(item.meeting.items.select_for_update().order_by("position"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index + direction
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
        _renumber(items)
        audit.record_write(
            actor=by,
            action="meetings.move_agenda_item",
            target=item,
            changes={"position": [index + 1, target + 1]},
        )


@transaction.atomic
def remove_agenda_item(*, item: AgendaItem, by: User) -> None:
    permissions.require(permissions.can_manage_meetings(by, item.meeting.group))
    _require_agenda_open(item.meeting)
    meeting = item.meeting
    target, before = audit.target_of(item), audit.snapshot(item)
    item.delete()
    _renumber(list(meeting.items.order_by("position")))
    audit.record_write(
        actor=by, action="meetings.remove_agenda_item", target=target, before=before, after=None
    )


@transaction.atomic
def attach_paper(*, item: AgendaItem, by: User, upload: UploadedFile, title: str = "") -> Paper:
    permissions.require(permissions.can_manage_meetings(by, item.meeting.group))
    _require_agenda_open(item.meeting)
    validate_document(upload)
    paper = Paper.objects.create(
        item=item,
        title=title.strip() or Path(upload.name).stem,
        file=upload,
        original_name=Path(upload.name).name[:255],
        size=upload.size,
        content_type=upload.content_type or "application/octet-stream",
        uploaded_by=by,
    )
    audit.record_write(
        actor=by, action="meetings.attach_paper", target=paper, after=audit.snapshot(paper)
    )
    return paper


# --- Kallelse ---------------------------------------------------------------------------------


def kallelse_recipients(meeting: Meeting) -> list[Person]:
    """Every current member and substitute of the group (co-opted members too)."""
    memberships = (
        Membership.objects.current(meeting.local_date)
        .filter(group=meeting.group)
        .exclude(kind=MembershipKind.GUEST)
        .select_related("person")
    )
    people = {m.person_id: m.person for m in memberships}
    return sorted(people.values(), key=lambda p: (p.last_name, p.first_name))


def agenda_problems(meeting: Meeting) -> list[str]:
    """R-S3: decision items that may not be sent yet, with what they lack."""
    return [
        f"Punkt {item.position} ”{item.title}” saknar {' och '.join(item.missing_for_sending)}."
        for item in meeting.items.order_by("position")
        if item.missing_for_sending
    ]


KALLELSE_FIELDS = ("kallelse_sent_at", "papers_sent_at")


@dataclass
class KallelseResult:
    sent: int
    already_sent: bool = False


def send_kallelse(
    *,
    meeting: Meeting,
    by: User,
    force: bool = False,
    at: datetime.datetime | None = None,
) -> KallelseResult:
    """Mail the kallelse with the agenda, a link to the papers and an .ics (R-S7).

    A second call does nothing unless `force` is given, also when two calls race: the meeting
    row is locked while the first one records that it has sent. `at` is the moment of sending
    (now, unless a caller such as the demo records an earlier one).
    """
    permissions.require(permissions.can_manage_meetings(by, meeting.group))
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().select_related("group").get(pk=meeting.pk)
        if locked.cancelled:
            raise ValidationError("Mötet är inställt.")
        problems = agenda_problems(locked)
        if problems:
            raise ValidationError(problems)
        if locked.kallelse_sent_at and not force:
            return KallelseResult(sent=0, already_sent=True)
        before = audit.snapshot(locked, KALLELSE_FIELDS)
        now = at or timezone.now()
        locked.kallelse_sent_at = now
        locked.papers_sent_at = now
        items = list(locked.items.order_by("position").prefetch_related("papers"))
        locked.kallelse_copies = [
            *locked.kallelse_copies,
            locked.kallelse_copy(now, [item.title for item in items]),
        ]
        locked.save(update_fields=["kallelse_sent_at", "papers_sent_at", "kallelse_copies"])
        recipients = kallelse_recipients(locked)
        audit.record_write(
            actor=by,
            action="meetings.send_kallelse",
            target=locked,
            before=before,
            after=audit.snapshot(locked, KALLELSE_FIELDS),
            changes=audit.summary(
                recipients=len([p for p in recipients if p.email]),
                people=[p.pk for p in recipients],
                again=bool(before["kallelse_sent_at"]),
            ),
        )
        base = site_url()
        body = render_to_string(
            "meetings/mail/kallelse.txt",
            {"meeting": locked, "items": items, "url": base + locked.get_absolute_url()},
        )
        subject = f"Kallelse: {locked.display_title} {locked.local_date:%Y-%m-%d}"
        ics = ical.calendar_for([locked], locked.group.name, base, method="REQUEST", internal=True)
        send_after_commit(subject, body, [p.email for p in recipients], ics)
    meeting.kallelse_sent_at = locked.kallelse_sent_at
    meeting.papers_sent_at = locked.papers_sent_at
    return KallelseResult(sent=len([p for p in recipients if p.email]))


# --- Calendar ---------------------------------------------------------------------------------


@transaction.atomic
def create_calendar_feed(*, by: User) -> CalendarFeed:
    """R-S7: the member's own secret calendar address, made when the member asks for it."""
    permissions.require(permissions.can_have_calendar_feed(by))
    feed, created = CalendarFeed.objects.get_or_create(person_id=by.person_id)
    if created:
        # The snapshot leaves the secret token out.
        audit.record_write(
            actor=by,
            action="meetings.create_calendar_feed",
            target=feed,
            after=audit.snapshot(feed),
        )
    return feed


# --- Absence and attendance ------------------------------------------------------------------


def _has_started(meeting: Meeting, at: datetime.datetime | None) -> bool:
    """The meeting has started by `at` (now when None): the line absence and attendance meet."""
    return meeting.starts_at <= (at or timezone.now())


def _refuse_once_started(meeting: Meeting, at: datetime.datetime | None, refusal: str) -> None:
    """R-M3: an absence is reported, and taken back, only before the meeting starts."""
    if _has_started(meeting, at):
        raise ValidationError(f"Mötet har redan börjat; {refusal}")


@transaction.atomic
def report_absence(
    *, meeting: Meeting, membership: Membership, by: User, note: str = ""
) -> Absence:
    """R-M3: the member reports absence; the substitute is called in and the coordinator told."""
    permissions.require(permissions.can_report_absence_for(by, membership.person_id))
    if membership.group_id != meeting.group_id or membership.kind != MembershipKind.ORDINARY:
        raise ValidationError("Bara ordinarie ledamöter i gruppen anmäler frånvaro.")
    if not membership.is_current(meeting.local_date):
        raise ValidationError("Du är inte ledamot i gruppen vid mötets datum.")
    _refuse_once_started(meeting, None, "frånvaro kan inte längre anmälas.")
    substitute = membership.substitutes.current(meeting.local_date).select_related("person").first()
    try:
        with transaction.atomic():
            absence = Absence.objects.create(
                meeting=meeting,
                membership=membership,
                substitute=substitute,
                note=note.strip()[:300],
                reported_by=by,
            )
    except IntegrityError as exc:
        raise ValidationError("Frånvaron är redan anmäld.") from exc
    audit.record_write(
        actor=by, action="meetings.report_absence", target=absence, after=audit.snapshot(absence)
    )
    member = membership.person
    base = site_url()
    context = {
        "meeting": meeting,
        "member": member,
        "substitute": substitute,
        "note": absence.note,
        "url": base + meeting.get_absolute_url(),
    }
    if substitute:
        send_after_commit(
            f"Du kallas in som ersättare: {meeting.display_title} {meeting.local_date:%Y-%m-%d}",
            render_to_string("meetings/mail/substitute_called.txt", context),
            [substitute.person.email],
            ical.calendar_for([meeting], meeting.group.name, base, method="REQUEST", internal=True),
        )
    send_after_commit(
        f"Frånvaro: {member.full_name}, {meeting.display_title} {meeting.local_date:%Y-%m-%d}",
        render_to_string("meetings/mail/absence_to_coordinator.txt", context),
        coordinator_addresses(),
    )
    return absence


@transaction.atomic
def withdraw_absence(*, absence: Absence, by: User, at: datetime.datetime | None = None) -> None:
    """The member takes back a reported absence, until the meeting starts (R-M3).

    The substitute was told when the absence was reported (the call-in mail); if one was called,
    the withdrawal tells that substitute they are no longer needed. The coordinator, told of the
    absence, is told of the withdrawal too.
    """
    absence = (
        # Lock the absence row only: PostgreSQL locks no nullable side of an outer join.
        Absence.objects.select_for_update(of=("self",))
        .select_related("meeting__group", "membership__person", "substitute__person")
        .get(pk=absence.pk)
    )
    permissions.require(permissions.can_report_absence_for(by, absence.membership.person_id))
    meeting = absence.meeting
    _refuse_once_started(meeting, at, "frånvaron kan inte längre återkallas.")
    target, before = audit.target_of(absence), audit.snapshot(absence)
    substitute = absence.substitute
    absence.delete()
    audit.record_write(
        actor=by, action="meetings.withdraw_absence", target=target, before=before, after=None
    )
    member = absence.membership.person
    context = {
        "meeting": meeting,
        "member": member,
        "substitute": substitute,
        "url": site_url() + meeting.get_absolute_url(),
    }
    when = f"{meeting.display_title} {meeting.local_date:%Y-%m-%d}"
    if substitute and substitute.person.email:
        send_after_commit(
            f"Du behöver inte ersätta: {when}",
            render_to_string("meetings/mail/substitute_released.txt", context),
            [substitute.person.email],
        )
    send_after_commit(
        f"Frånvaro återkallad: {member.full_name}, {when}",
        render_to_string("meetings/mail/absence_withdrawn_to_coordinator.txt", context),
        coordinator_addresses(),
    )


# What may be recorded only from the meeting's start, as the refusal names it.
NOT_STARTED = {
    "attendance": "Närvaron kan registreras",
    "minutes": "Minnesanteckningarna kan skrivas",
}


def not_started_message(meeting: Meeting, what: str) -> str:
    start = timezone.localtime(meeting.starts_at)
    return (
        f"Mötet har inte börjat än. {NOT_STARTED[what]} från mötets start, "
        f"{start:%Y-%m-%d} kl. {start:%H:%M}."
    )


def _require_started(meeting: Meeting, at: datetime.datetime | None, what: str) -> None:
    """Attendance and minutes record what happened: not before the meeting has started."""
    if not _has_started(meeting, at):
        raise ValidationError(not_started_message(meeting, what))


@transaction.atomic
def record_attendance(
    *,
    meeting: Meeting,
    by: User,
    entries: list[tuple[Person, str, Person | None]],
    at: datetime.datetime | None = None,
) -> None:
    """Replace the meeting's attendance list: (person, status, replaces). `at` is the moment
    of recording (now, unless a caller such as the demo records an earlier one)."""
    permissions.require(permissions.can_manage_meetings(by, meeting.group))
    _require_started(meeting, at, "attendance")
    if meeting.is_locked():
        raise ValidationError("Närvaron ingår i justerade minnesanteckningar och är låst.")
    for person, status, replaces in entries:
        if status not in AttendanceStatus.values:
            raise ValidationError(f"Okänd närvarostatus för {person}.")
        if status == AttendanceStatus.SUBSTITUTE and replaces is None:
            raise ValidationError(f"Ange vem {person} ersätter.")
    before = _attendance_list(meeting)
    meeting.attendance.all().delete()
    Attendance.objects.bulk_create(
        Attendance(
            meeting=meeting,
            person=person,
            status=status,
            replaces=replaces if status == AttendanceStatus.SUBSTITUTE else None,
        )
        for person, status, replaces in entries
    )
    audit.record_write(
        actor=by,
        action="meetings.record_attendance",
        target=meeting,
        before={"attendance": before},
        after={"attendance": _attendance_list(meeting)},
    )


def _attendance_list(meeting: Meeting) -> list[list]:
    """[person id, status, replaces id] per row, for the audit trail."""
    return [
        list(row)
        for row in meeting.attendance.order_by("person_id").values_list(
            "person_id", "status", "replaces_id"
        )
    ]


def expected_attendance(meeting: Meeting) -> list[tuple[Person, str, Person | None]]:
    """A starting point for the attendance form: members present, reported absences applied."""
    on = meeting.local_date
    memberships = list(
        Membership.objects.current(on)
        .filter(group=meeting.group)
        .exclude(kind=MembershipKind.SUBSTITUTE)
        .select_related("person")
    )
    absences = {a.membership_id: a for a in meeting.absences.select_related("substitute__person")}
    rows: list[tuple[Person, str, Person | None]] = []
    for m in memberships:
        if m.pk in absences:
            rows.append((m.person, AttendanceStatus.ABSENT, None))
            stand_in = absences[m.pk].substitute
            if stand_in:
                rows.append((stand_in.person, AttendanceStatus.SUBSTITUTE, m.person))
        elif m.kind == MembershipKind.CO_OPTED:
            rows.append((m.person, AttendanceStatus.CO_OPTED, None))
        elif m.kind == MembershipKind.GUEST:
            rows.append((m.person, AttendanceStatus.GUEST, None))
        else:
            rows.append((m.person, AttendanceStatus.PRESENT, None))
    return rows


# --- Minutes ---------------------------------------------------------------------------------


def decision_intro(group: Group) -> str:
    return f"{group.short_name or group.name} beslutar"


@transaction.atomic
def draft_minutes(*, meeting: Meeting, by: User, at: datetime.datetime | None = None) -> Minutes:
    """Start the minutes from the agenda (one section per item), from the meeting's start."""
    permissions.require(permissions.can_manage_meetings(by, meeting.group))
    _require_started(meeting, at, "minutes")
    if meeting.minutes.exists():
        raise ValidationError("Mötet har redan minnesanteckningar.")
    minutes = Minutes.objects.create(meeting=meeting, version=1)
    MinutesItem.objects.bulk_create(
        MinutesItem(
            minutes=minutes,
            position=item.position,
            kind=item.kind,
            title=item.title,
            notes=item.description if item.kind == ItemKind.INFORMATION else "",
            decision_intro=decision_intro(meeting.group) if item.kind == ItemKind.DECISION else "",
        )
        for item in meeting.items.order_by("position")
    )
    search_documents.refresh(Kind.MINUTES, minutes.pk)  # bulk_create sends no signals
    audit.record_write(
        actor=by,
        action="meetings.draft_minutes",
        target=minutes,
        after=audit.snapshot(minutes),
        changes=audit.summary(items=minutes.items.count()),
    )
    return minutes


def _require_editable(minutes: Minutes) -> None:
    if minutes.status != MinutesStatus.DRAFT:
        raise ValidationError(
            "Minnesanteckningarna är skickade för justering eller justerade och kan inte ändras."
        )


@transaction.atomic
def save_minutes(
    *,
    minutes: Minutes,
    by: User,
    summary: str,
    justeringsperson: Person | None,
    items: list[dict],
    at: datetime.datetime | None = None,
) -> Minutes:
    """Save the draft: summary, justeringsperson and each item's notes and att-satser.

    `items` holds dicts with id, notes, decision_intro and decisions (one att-sats per line).
    """
    permissions.require(permissions.can_manage_meetings(by, minutes.meeting.group))
    minutes = Minutes.objects.select_for_update().select_related("meeting").get(pk=minutes.pk)
    _require_editable(minutes)
    _require_started(minutes.meeting, at, "minutes")
    by_id = {item.pk: item for item in minutes.items.all()}
    before = _minutes_text(minutes, by_id.values())
    minutes.summary = summary.strip()
    minutes.justeringsperson = justeringsperson
    minutes.save()
    for data in items:
        item = by_id.get(int(data["id"]))
        if item is None:
            raise ValidationError("Punkten hör inte till dessa minnesanteckningar.")
        item.notes = data.get("notes", "").strip()
        item.decision_intro = data.get("decision_intro", "").strip()
        item.decisions = attsatser.normalize(data.get("decisions", ""))
        item.save()
    audit.record_write(
        actor=by,
        action="meetings.save_minutes",
        target=minutes,
        before=before,
        after=_minutes_text(minutes, by_id.values()),
    )
    return minutes


def _minutes_text(minutes: Minutes, items) -> dict:
    """The editable texts of minutes, items keyed by position (`punkt 3 att-satser`)."""
    values = audit.snapshot(minutes, ("summary", "justeringsperson"))
    for item in items:
        values[f"punkt {item.position} anteckningar"] = item.notes
        values[f"punkt {item.position} inledning"] = item.decision_intro
        values[f"punkt {item.position} att-satser"] = item.decisions
    return values


def required_approvers(minutes: Minutes) -> list[tuple[str, Person | None]]:
    """R-S6: who approves, from the group's rule in the data (`Minutes.objects.with_approvers`,
    the same rule the lists of minutes to approve read)."""
    row = Minutes.objects.with_approvers().get(pk=minutes.pk)
    approvers = row.approvers()
    people = Person.objects.in_bulk([person for _, person, _ in approvers if person])
    return [(role, people.get(person)) for role, person, _ in approvers]


@transaction.atomic
def send_minutes_for_approval(*, minutes: Minutes, by: User) -> Minutes:
    permissions.require(permissions.can_manage_meetings(by, minutes.meeting.group))
    minutes = (
        Minutes.objects.select_for_update().select_related("meeting__group").get(pk=minutes.pk)
    )
    _require_editable(minutes)
    approvers = required_approvers(minutes)
    if not approvers:
        raise ValidationError("Gruppen justerar inte minnesanteckningar.")
    missing = [ApprovalRole(role).label.lower() for role, person in approvers if person is None]
    if missing:
        raise ValidationError(f"Minnesanteckningarna saknar {' och '.join(missing)}.")
    people = [person.pk for _, person in approvers]
    if len(set(people)) != len(people):
        raise ValidationError("Samma person kan inte justera i två roller.")
    before = minutes.status
    minutes.status = MinutesStatus.IN_APPROVAL
    minutes.save()
    audit.record_write(
        actor=by,
        action="meetings.send_minutes_for_approval",
        target=minutes,
        changes={"status": [before, minutes.status], **audit.summary(approvers=people)},
    )
    send_after_commit(
        f"Att justera: minnesanteckningar {minutes.meeting.display_title} "
        f"{minutes.meeting.local_date:%Y-%m-%d}",
        render_to_string(
            "meetings/mail/approval_requested.txt",
            {"minutes": minutes, "url": absolute_url(minutes.get_absolute_url())},
        ),
        [person.email for _, person in approvers],
    )
    return minutes


@transaction.atomic
def save_and_send_minutes(
    *,
    minutes: Minutes,
    by: User,
    summary: str,
    justeringsperson: Person | None,
    items: list[dict],
) -> Minutes:
    """The editor's "Spara och skicka för justering": save what was typed and send it, in one
    transaction; if sending is refused, nothing is saved and the editor shows the typing again."""
    minutes = save_minutes(
        minutes=minutes, by=by, summary=summary, justeringsperson=justeringsperson, items=items
    )
    return send_minutes_for_approval(minutes=minutes, by=by)


def approve_minutes(*, minutes: Minutes, by: User, at: datetime.datetime | None = None) -> Minutes:
    """Record the signed-in approver's approval; when every role has approved, lock and publish.

    Two approvers at once both count, exactly once: the minutes row is locked while each
    approval is written, and one approval per role is a database constraint. `at` is the moment
    of approval (now, unless a caller such as the demo records an earlier one).
    """
    at = at or timezone.now()
    with transaction.atomic():
        minutes = (
            Minutes.objects.select_for_update().select_related("meeting__group").get(pk=minutes.pk)
        )
        if minutes.status != MinutesStatus.IN_APPROVAL:
            raise ValidationError("Minnesanteckningarna väntar inte på justering.")
        done = set(minutes.approvals.values_list("role", flat=True))
        required = required_approvers(minutes)
        permissions.require(
            permissions.can_approve_minutes(by, {p.pk for _, p in required if p is not None}),
            "Du är inte en av dem som ska justera minnesanteckningarna.",
        )
        mine = [
            role for role, person in required if person is not None and by.person_id == person.pk
        ]
        todo = [role for role in mine if role not in done]
        if not todo:
            raise ValidationError("Du har redan justerat.")
        for role in todo:
            Approval.objects.create(
                minutes=minutes, role=role, person=by.person, user=by, approved_at=at
            )
        done |= set(todo)
        changes = audit.summary(approved_as=todo)
        if all(role in done for role, _ in required):
            changes["status"] = [minutes.status, MinutesStatus.APPROVED]
            minutes.status = MinutesStatus.APPROVED
            minutes.approved_at = at
            minutes.save()
        audit.record_write(
            actor=by, action="meetings.approve_minutes", target=minutes, changes=changes
        )
    return minutes


@transaction.atomic
def correct_minutes(*, minutes: Minutes, by: User, reason: str) -> Minutes:
    """R-S6: a correction of approved minutes is a new version; the old one stays public."""
    permissions.require(permissions.can_manage_meetings(by, minutes.meeting.group))
    if not reason.strip():
        raise ValidationError({"reason": "Ange varför minnesanteckningarna rättas."})
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if minutes.status != MinutesStatus.APPROVED:
        raise ValidationError("Bara justerade minnesanteckningar rättas med en ny version.")
    if Minutes.objects.filter(supersedes=minutes).exists():
        raise ValidationError("Det finns redan en rättelse av den här versionen.")
    latest = minutes.meeting.minutes.aggregate(v=Max("version"))["v"]
    new = Minutes.objects.create(
        meeting=minutes.meeting,
        version=latest + 1,
        supersedes=minutes,
        correction_reason=reason.strip(),
        summary=minutes.summary,
        justeringsperson=minutes.justeringsperson,
    )
    MinutesItem.objects.bulk_create(
        MinutesItem(
            minutes=new,
            position=item.position,
            kind=item.kind,
            title=item.title,
            notes=item.notes,
            decision_intro=item.decision_intro,
            decisions=item.decisions,
            origin_id=item.lineage_id,
        )
        for item in minutes.items.order_by("position")
    )
    search_documents.refresh(Kind.MINUTES, new.pk)  # bulk_create sends no signals
    audit.record_write(
        actor=by, action="meetings.correct_minutes", target=new, after=audit.snapshot(new)
    )
    return new
