"""What is due or late across the structure, as pure functions (issue: the coordinator's year).

Nothing here touches the database or a request: `desk.selectors` turns rows into the small
value objects below, and each rule returns the duties it creates. Every duty says what is to
be done, who it waits on, since when, by when, and where it is done.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from meetings.calendar import working_days_between
from meetings.planning import booking_deadline, booking_warning_active, next_year_booked

LATE = "late"
THIS_WEEK = "this_week"
UPCOMING = "upcoming"
BUCKETS = {LATE: "Försenat", THIS_WEEK: "Denna vecka", UPCOMING: "Kommande"}

ERROR = "error"
WARNING = "warning"
INFO = "info"

COORDINATOR = "Regional koordinator"
# The desk and the digest's desk lines are read by the coordinators themselves.
YOU = "dig"
KALLELSE_WORKING_DAYS = 3
MINUTES_APPROVAL_DAYS = 14
DELIVERY_NOTICE_DAYS = 30
TERM_NOTICE_FROM_MONTH = 10
REVIEW_NOTICE_DAYS = 60
# A duty due more than one turn of the year's cycle ago is folded into one "äldre" row per kind,
# so that what can be done now comes first.
OLDER_THAN_DAYS = 365

KINDS = {
    "breach": "Regelbrott",
    "booking": "Bokning av nästa års möten",
    "kallelse": "Kallelser",
    "minutes": "Minnesanteckningar",
    "expedite": "Expediering",
    "decision": "Huvudmännens beslut",
    "delivery": "Leveranser från arbetsgrupper",
    "term": "Ordförandeskap",
    "review": "Revisioner",
    "onboarding": "Nya ledamöter",
}

ACKNOWLEDGED = "acknowledged"
SNOOZED = "snoozed"


@dataclass(frozen=True)
class Duty:
    kind: str
    title: str
    waits_on: str
    since: datetime.date | None
    due: datetime.date | None
    url: str
    severity: str = WARNING
    # What the duty is about, stable while it is the same duty (a new due day is a new duty):
    # acknowledgements and snoozes (`desk.models.DutyNote`) are kept under it.
    key: str = ""
    group_id: int | None = None

    @property
    def anchor(self) -> str:
        """The duty's row on the desk as an HTML id."""
        return "rad-" + self.key.replace(":", "-") if self.key else ""

    @property
    def waits_on_reader(self) -> str:
        """Who the duty waits on as the coordinator reading the desk is told: "dig" where it
        waits on the coordinator role ("dig (utkast)" for a draft), never their own title."""
        if self.waits_on == COORDINATOR or self.waits_on.startswith(f"{COORDINATOR} ("):
            return YOU + self.waits_on[len(COORDINATOR) :]
        return self.waits_on


def bucket(duty: Duty, today: datetime.date) -> str:
    """Late once the due day has passed; this week within seven days (or with no due day)."""
    if duty.due is None or duty.due <= today + datetime.timedelta(days=6):
        return LATE if duty.due is not None and duty.due < today else THIS_WEEK
    return UPCOMING


def grouped(duties: Iterable[Duty], today: datetime.date) -> dict[str, list[Duty]]:
    result: dict[str, list[Duty]] = {key: [] for key in BUCKETS}
    for duty in duties:
        result[bucket(duty, today)].append(duty)
    for rows in result.values():
        rows.sort(key=lambda d: (d.due or today, d.title))
    return result


# --- Value objects the selectors build ---------------------------------------------------------


@dataclass(frozen=True)
class GroupBooking:
    name: str
    url: str
    booked_next_year: int
    meetings_min: int | None
    group_id: int | None = None


@dataclass(frozen=True)
class RuleReport:
    group: str
    url: str
    messages: tuple[str, ...]
    group_id: int | None = None


@dataclass(frozen=True)
class MeetingInfo:
    title: str
    url: str
    day: datetime.date
    paper_deadline: datetime.date | None
    kallelse_sent: bool
    waits_on: str = COORDINATOR
    pk: int | None = None
    group_id: int | None = None


@dataclass(frozen=True)
class MinutesInfo:
    title: str
    url: str
    meeting_day: datetime.date
    waiting_for: tuple[str, ...]
    pk: int | None = None
    group_id: int | None = None


@dataclass(frozen=True)
class RecommendationInfo:
    title: str
    url: str
    adopted_on: datetime.date
    pk: int | None = None
    group_id: int | None = None


@dataclass(frozen=True)
class OpenDecision:
    principal: str
    title: str
    url: str
    expedited_on: datetime.date
    pk: int | None = None
    group_id: int | None = None


@dataclass(frozen=True)
class DeliveryInfo:
    name: str
    url: str
    convener: str
    due_on: datetime.date
    pk: int | None = None
    group_id: int | None = None


@dataclass(frozen=True)
class TermInfo:
    group: str
    url: str
    position: str
    holder: str
    has_successor: bool
    group_id: int | None = None


@dataclass(frozen=True)
class ReviewInfo:
    group: str
    label: str
    url: str
    last: datetime.date | None
    due: datetime.date | None
    kind: str = ""
    group_id: int | None = None


@dataclass(frozen=True)
class ChecklistInfo:
    person: str
    group: str
    url: str
    reported_on: datetime.date
    missing: tuple[str, ...] = field(default_factory=tuple)
    pk: int | None = None
    group_id: int | None = None


# --- The rules ---------------------------------------------------------------------------------


def unbooked_next_year(groups: Iterable[GroupBooking], today: datetime.date) -> list[Duty]:
    """R-G3: from 1 November, next year's meetings are to be booked by 30 November."""
    if not booking_warning_active(today):
        return []
    return [
        Duty(
            kind="booking",
            title=f"Boka {today.year + 1} års möten för {g.name}",
            waits_on=COORDINATOR,
            since=datetime.date(today.year, 11, 1),
            due=booking_deadline(today.year),
            url=g.url,
            key=f"booking:{g.group_id}:{today.year + 1}",
            group_id=g.group_id,
        )
        for g in groups
        if not next_year_booked(g.booked_next_year, g.meetings_min)
    ]


def rule_breaches(reports: Iterable[RuleReport], today: datetime.date) -> list[Duty]:
    """R-M2, R-M5: a seat or chair breach is to be put right now."""
    return [
        Duty(
            kind="breach",
            title=f"{r.group}: {message}",
            waits_on=COORDINATOR,
            since=None,
            due=today,
            url=r.url,
            severity=ERROR,
            key=f"breach:{r.group_id}:{_digest(message)}",
            group_id=r.group_id,
        )
        for r in reports
        for message in r.messages
    ]


def kallelse_not_sent(meetings: Iterable[MeetingInfo], today: datetime.date) -> list[Duty]:
    """R-S2: the paper deadline is within three working days and no kallelse has gone out."""
    duties = []
    for m in meetings:
        if m.kallelse_sent or m.paper_deadline is None or m.day < today:
            continue
        if m.paper_deadline >= today and (
            working_days_between(today, m.paper_deadline) > KALLELSE_WORKING_DAYS
        ):
            continue
        duties.append(
            Duty(
                kind="kallelse",
                title=f"Skicka kallelse och underlag: {m.title}",
                waits_on=m.waits_on,
                since=None,
                due=m.paper_deadline,
                url=m.url,
                severity=ERROR if m.paper_deadline < today else WARNING,
                key=f"kallelse:{m.pk}:{m.paper_deadline:%Y-%m-%d}",
                group_id=m.group_id,
            )
        )
    return duties


def minutes_waiting(
    minutes: Iterable[MinutesInfo], today: datetime.date, days: int = MINUTES_APPROVAL_DAYS
) -> list[Duty]:
    """R-S6: minutes not approved `days` after the meeting, and who they wait on."""
    duties = []
    for m in minutes:
        due = m.meeting_day + datetime.timedelta(days=days)
        if due > today + datetime.timedelta(days=6):
            continue
        duties.append(
            Duty(
                kind="minutes",
                title=f"Minnesanteckningar ej justerade: {m.title}",
                waits_on=", ".join(m.waiting_for) or COORDINATOR,
                since=m.meeting_day,
                due=due,
                url=m.url,
                key=f"minutes:{m.pk}",
                group_id=m.group_id,
            )
        )
    return duties


def unexpedited(recommendations: Iterable[RecommendationInfo], today: datetime.date) -> list[Duty]:
    """R-C4: an adopted recommendation is expedited to the principals without delay."""
    return [
        Duty(
            kind="expedite",
            title=f"Expediera rekommendationen {r.title}",
            waits_on=COORDINATOR,
            since=r.adopted_on,
            due=r.adopted_on + datetime.timedelta(days=7),
            url=r.url,
            key=f"expedite:{r.pk}",
            group_id=r.group_id,
        )
        for r in recommendations
    ]


def undecided(decisions: Iterable[OpenDecision], today: datetime.date, days: int) -> list[Duty]:
    """R-C6: principals that have not decided `days` after expedition (DECISION_REMINDER_DAYS),
    one duty per recommendation naming every principal it waits on."""
    waiting: dict[tuple, list[str]] = {}
    for d in decisions:
        if d.expedited_on + datetime.timedelta(days=days) <= today:
            key = (d.title, d.url, d.expedited_on, d.pk, d.group_id)
            waiting.setdefault(key, []).append(d.principal)
    return [
        Duty(
            kind="decision",
            title=(
                f"Beslut saknas från {len(principals)} "
                f"{'huvudman' if len(principals) == 1 else 'huvudmän'}: {title}"
            ),
            waits_on="Registratorer: " + ", ".join(sorted(principals)),
            since=expedited_on,
            due=expedited_on + datetime.timedelta(days=days),
            url=url,
            key=f"decision:{pk}",
            group_id=group_id,
        )
        for (title, url, expedited_on, pk, group_id), principals in waiting.items()
    ]


def deliveries(
    working_groups: Iterable[DeliveryInfo],
    today: datetime.date,
    notice_days: int = DELIVERY_NOTICE_DAYS,
) -> list[Duty]:
    """R-F1: a working group's report due within `notice_days`, or late."""
    return [
        Duty(
            kind="delivery",
            title=f"Leverans från arbetsgruppen {w.name}",
            waits_on=f"{w.convener} (sammankallande)",
            since=None,
            due=w.due_on,
            url=w.url,
            severity=ERROR if w.due_on < today else WARNING,
            key=f"delivery:{w.pk}:{w.due_on:%Y-%m-%d}",
            group_id=w.group_id,
        )
        for w in working_groups
        if w.due_on <= today + datetime.timedelta(days=notice_days)
    ]


def terms_ending(terms: Iterable[TermInfo], today: datetime.date) -> list[Duty]:
    """R-M5: chair and vice change on 1 January; from October a missing successor is a duty."""
    if today.month < TERM_NOTICE_FROM_MONTH:
        return []
    year_end = datetime.date(today.year, 12, 31)
    return [
        Duty(
            kind="term",
            title=f"{t.group}: efterträdare till {t.position.lower()} {t.holder} saknas",
            waits_on=t.group,
            since=None,
            due=year_end,
            url=t.url,
            key=f"term:{t.group_id}:{_digest(t.position)}:{today.year}",
            group_id=t.group_id,
        )
        for t in terms
        if not t.has_successor
    ]


def reviews_due(
    reviews: Iterable[ReviewInfo], today: datetime.date, notice_days: int = REVIEW_NOTICE_DAYS
) -> list[Duty]:
    """R-G2: a review due within `notice_days`, or late."""
    return [
        Duty(
            kind="review",
            title=f"Revision: {r.label.lower()} i {r.group}",
            waits_on=r.group,
            since=r.last,
            due=r.due,
            url=r.url,
            severity=ERROR if r.due < today else WARNING,
            key=f"review:{r.group_id}:{r.kind}:{r.due:%Y-%m-%d}",
            group_id=r.group_id,
        )
        for r in reviews
        if r.due is not None and r.due <= today + datetime.timedelta(days=notice_days)
    ]


def onboarding_open(checklists: Iterable[ChecklistInfo], today: datetime.date) -> list[Duty]:
    """R-M4: a new member's introduction, two weeks after the report at the latest."""
    return [
        Duty(
            kind="onboarding",
            title=f"Ny ledamot {c.person} i {c.group}: nästa steg {c.missing[0].lower()}",
            waits_on=COORDINATOR,
            since=c.reported_on,
            due=c.reported_on + datetime.timedelta(days=14),
            url=c.url,
            key=f"onboarding:{c.pk}:{_digest(c.missing[0])}",
            group_id=c.group_id,
        )
        for c in checklists
        if c.missing
    ]


def _digest(text: str) -> str:
    """A short stable stand-in for a text in a duty's key (keys stay short and plain)."""
    return hashlib.sha256(text.encode()).hexdigest()[:16]


# --- What the coordinators did with a duty, and the desk's sections ------------------------------


@dataclass(frozen=True)
class Note:
    """One acknowledgement or snooze of a duty (`desk.models.DutyNote` as a value)."""

    key: str
    action: str
    reason: str
    by: str
    at: datetime.datetime
    until: datetime.date | None = None


@dataclass(frozen=True)
class Row:
    duty: Duty
    history: tuple[Note, ...] = ()

    def state(self, today: datetime.date) -> str:
        """The latest note decides: a snooze hides the duty until its day (on that day it is
        back), an acknowledgement keeps it acknowledged; no note, open."""
        if not self.history:
            return ""
        latest = self.history[-1]
        if latest.action == SNOOZED:
            return SNOOZED if latest.until is not None and latest.until > today else ""
        return ACKNOWLEDGED

    @property
    def latest(self) -> Note | None:
        return self.history[-1] if self.history else None


@dataclass
class Section:
    key: str
    label: str
    rows: list[Row] = field(default_factory=list)
    # (kind's label, rows) of duties due more than OLDER_THAN_DAYS ago, one group per kind
    older: list[tuple[str, list[Row]]] = field(default_factory=list)
    acknowledged: list[Row] = field(default_factory=list)
    snoozed: list[Row] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.rows) + sum(len(rows) for _, rows in self.older)

    @property
    def duties(self) -> list[Duty]:
        """The open duties of the section, the folded older ones included."""
        return [r.duty for r in self.rows] + [r.duty for _, rows in self.older for r in rows]


def is_older(duty: Duty, today: datetime.date) -> bool:
    return duty.due is not None and duty.due < today - datetime.timedelta(days=OLDER_THAN_DAYS)


def filtered(
    rows: Iterable[Duty], *, kind: str | None = None, group_id: int | None = None
) -> list[Duty]:
    return [
        d
        for d in rows
        if (not kind or d.kind == kind) and (group_id is None or d.group_id == group_id)
    ]


def sections(
    rows: Iterable[Duty], notes: Mapping[str, tuple[Note, ...]], today: datetime.date
) -> list[Section]:
    """The desk by bucket: open duties first (those due more than a cycle ago folded per kind),
    then the acknowledged ones folded apart; snoozed duties are out of the buckets until their
    day and listed on their own."""
    result = {key: Section(key, label) for key, label in BUCKETS.items()}
    older: dict[str, dict[str, list[Row]]] = {key: {} for key in BUCKETS}
    for key, duties in grouped(rows, today).items():
        section = result[key]
        for duty in duties:
            row = Row(duty, notes.get(duty.key, ()) if duty.key else ())
            state = row.state(today)
            if state == SNOOZED:
                section.snoozed.append(row)
            elif state == ACKNOWLEDGED:
                section.acknowledged.append(row)
            elif is_older(duty, today):
                older[key].setdefault(duty.kind, []).append(row)
            else:
                section.rows.append(row)
        section.older = [(KINDS.get(kind, kind), rows) for kind, rows in older[key].items()]
    return list(result.values())
