"""Fictional demo meetings for 2026 and 2027 (`manage.py load_meeting_demo`).

Everything is created through `meetings.services`, as the demo coordinator, so the demo also
exercises the rules. Dates are fixed (the demo's "today" is 2026-11-25), so the data is the same
on every run; the only things stamped with the wall clock are creation times.

What the data shows:

- 2026 meetings for every group with a meetings rule, plus Hjälpmedelsrådet and both AUs; each
  beredning meets two to three weeks before an LSG meeting (R-G4).
- Held meetings have a kallelse, attendance and minutes. Papers went out on time except for
  LSG in June (one working day late) and Beredning vuxna och äldre in September (two days
  late). Some members were absent, with their substitute in place where they have one.
- The AUs and the seminar do not approve minutes (their rule is "none"), so they get none.
- Minutes are approved by the persons the group's rule names (R-S6), except Hjälpmedelsrådet's
  last meeting (only the chair has approved) and Beredning barn och unga's last meeting (still
  a draft). LSG's April minutes were corrected and the new version approved.
- 2027 is booked for Samråd, LSG and Beredning vuxna och äldre only, so the planning view warns
  that the other groups' next year is not booked by 30 November (R-G3).
- Upcoming meetings have agendas; only Beredning vuxna och äldre's 26 November meeting has had
  its kallelse sent.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from accounts.models import User
from demo.meetings_data import (
    DEMO_TODAY,
    MONTHS,
    ONE_DAY,
    PLANS,
    SKELETON_NOTES,
    Plan,
)
from lib.dates import TZ
from meetings import services
from meetings.calendar import is_working_day, nth_working_day_before
from meetings.models import (
    ApprovalRole,
    AttendanceStatus,
    Meeting,
    Minutes,
    MinutesStatus,
)
from structure.models import (
    Group,
    MeetingForm,
    Membership,
    MembershipKind,
    MinutesApproval,
    Person,
    Position,
)


def _swedish_date(day: datetime.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), TZ)


def _working_day_after(day: datetime.date, n: int) -> datetime.date:
    current = day
    while n:
        current += ONE_DAY
        if is_working_day(current):
            n -= 1
    return current


def _user_for(person: Person) -> User:
    """Approval needs a user: most demo persons have none, so they get one that cannot log in."""
    user = User.objects.filter(person=person).first()
    if user is None:
        user = User(
            username=f"demo-{person.pk}",
            first_name=person.first_name,
            last_name=person.last_name,
            email=person.email,
            person=person,
        )
        user.set_unusable_password()
        user.save()
    return user


def _book(plan: Plan, group: Group, by: User) -> Meeting:
    if not is_working_day(plan.day):
        raise ValueError(f"{plan.day} är ingen arbetsdag.")
    form = plan.form or group.meeting_form or MeetingForm.IN_PERSON
    needs_link = form in (MeetingForm.VIDEO, MeetingForm.DIGITAL, MeetingForm.HYBRID)
    start, end = (13, 15) if plan.afternoon else (9, 12)
    meeting = services.book_meeting(
        group=group,
        starts_at=_at(plan.day, start),
        ends_at=_at(plan.day, end),
        form=form,
        location=plan.location,
        link=f"https://video.example/{group.slug}/{plan.day:%Y%m%d}" if needs_link else "",
        title=plan.title,
        by=by,
    )
    for topic in plan.topics:
        services.add_agenda_item(
            meeting=meeting,
            by=by,
            kind=topic.kind,
            title=topic.title,
            description=topic.description,
            proposal=topic.proposal,
        )
    return meeting


def _send_kallelse(meeting: Meeting, plan: Plan, seed: int, by: User) -> None:
    """Send at a realistic moment around the paper deadline."""
    deadline = meeting.paper_deadline or nth_working_day_before(plan.day, 10)
    if plan.papers_days_late:
        sent = _at(_working_day_after(deadline, plan.papers_days_late), 9, 30)
    else:
        # The last working day on or before the deadline, or one or two working days earlier.
        sent = _at(nth_working_day_before(deadline + ONE_DAY, 1 + seed % 3), 15, 0)
    services.send_kallelse(meeting=meeting, by=by, at=sent)


def _ordinary_members(meeting: Meeting) -> list[Membership]:
    """Ordinary members without chair or vice chair position, in a stable order."""
    return list(
        Membership.objects.current(meeting.local_date)
        .filter(group=meeting.group, kind=MembershipKind.ORDINARY, position=Position.NONE)
        .select_related("person")
        .order_by("pk")
    )


def _record_attendance(meeting: Meeting, plan: Plan, seed: int, by: User) -> set[int]:
    """Everyone expected is present except `plan.absent` members, whose substitutes (where
    they have one) serve in their place. Returns the absent persons' ids."""
    rows = services.expected_attendance(meeting)
    if not rows:
        return set()
    stand_ins: dict[int, Person | None] = {}
    if plan.absent:
        members = [
            (m, m.substitutes.current(meeting.local_date).select_related("person").first())
            for m in _ordinary_members(meeting)
        ]
        candidates = [pair for pair in members if pair[1] is not None] or members
        for k in range(min(plan.absent, len(candidates))):
            member, substitute = candidates[(seed + k) % len(candidates)]
            stand_ins[member.person_id] = substitute.person if substitute else None
    entries: list[tuple[Person, str, Person | None]] = []
    for person, status, replaces in rows:
        if person.pk in stand_ins:
            entries.append((person, AttendanceStatus.ABSENT, None))
            if stand_ins[person.pk] is not None:
                entries.append((stand_ins[person.pk], AttendanceStatus.SUBSTITUTE, person))
        else:
            entries.append((person, status, replaces))
    services.record_attendance(meeting=meeting, by=by, entries=entries)
    return set(stand_ins)


def _pick_checker(meeting: Meeting, absent: set[int], seed: int) -> Person | None:
    """An ordinary member who is present and holds no chair or vice chair position."""
    present = [m.person for m in _ordinary_members(meeting) if m.person_id not in absent]
    return present[(2 * seed + 1) % len(present)] if present else None


def _minutes_items(
    minutes: Minutes,
    plan: Plan,
    checker: Person | None,
    next_day: datetime.date | None,
) -> list[dict]:
    topics = {topic.title: topic for topic in plan.topics}
    items = []
    for item in minutes.items.order_by("position"):
        data = {"id": item.pk, "notes": item.notes, "decision_intro": item.decision_intro}
        topic = topics.get(item.title)
        if topic is not None:
            data["notes"] = topic.notes
            data["decisions"] = "\n".join(topic.decisions)
        elif item.title == "Val av mötesordförande och justeringsperson":
            data["notes"] = (
                f"Till justeringsperson valdes {checker.full_name}."
                if checker
                else "Ordinarie ordförande ledde mötet."
            )
        elif item.title == "Nästa möte":
            data["notes"] = (
                f"Nästa möte hålls den {_swedish_date(next_day)}."
                if next_day
                else "Nästa möte meddelas senare."
            )
        else:
            data["notes"] = SKELETON_NOTES.get(item.title, item.notes)
        items.append(data)
    return items


def _approve(minutes: Minutes, approve_from: datetime.date, *, chair_only: bool = False) -> None:
    """Each approver named by the group's rule approves on successive working days."""
    last = None
    for offset, (role, person) in enumerate(services.required_approvers(minutes)):
        if chair_only and role != ApprovalRole.CHAIR:
            continue
        last = _at(_working_day_after(approve_from, offset), 10, 30)
        minutes = services.approve_minutes(minutes=minutes, by=_user_for(person), at=last)


def _write_minutes(
    meeting: Meeting,
    plan: Plan,
    absent: set[int],
    seed: int,
    next_day: datetime.date | None,
    by: User,
) -> None:
    group = meeting.group
    checker = (
        _pick_checker(meeting, absent, seed)
        if group.minutes_approval == MinutesApproval.CHAIR_AND_CHECKER
        else None
    )
    minutes = services.draft_minutes(meeting=meeting, by=by)
    place = meeting.location or "via länk"
    minutes = services.save_minutes(
        minutes=minutes,
        by=by,
        summary=f"{group.name}, {_swedish_date(plan.day)}, {place}.",
        justeringsperson=checker,
        items=_minutes_items(minutes, plan, checker, next_day),
    )
    if plan.minutes == MinutesStatus.DRAFT:
        return
    minutes = services.send_minutes_for_approval(minutes=minutes, by=by)
    approve_from = _working_day_after(plan.day, plan.approve_after)
    _approve(minutes, approve_from, chair_only=plan.minutes == MinutesStatus.IN_APPROVAL)
    if plan.correction is None:
        return
    correction = services.correct_minutes(minutes=minutes, by=by, reason=plan.correction.reason)
    items = []
    for item in correction.items.order_by("position"):
        decisions = (
            "\n".join(plan.correction.decisions)
            if item.title == plan.correction.item_title
            else item.decisions
        )
        items.append(
            {
                "id": item.pk,
                "notes": item.notes,
                "decision_intro": item.decision_intro,
                "decisions": decisions,
            }
        )
    correction = services.save_minutes(
        minutes=correction,
        by=by,
        summary=correction.summary,
        justeringsperson=correction.justeringsperson,
        items=items,
    )
    correction = services.send_minutes_for_approval(minutes=correction, by=by)
    _approve(correction, _working_day_after(approve_from, 15))


@transaction.atomic
def load_meeting_demo() -> int:
    """Create the demo meetings once; returns how many (0 when any meeting already exists)."""
    if Meeting.objects.exists():
        return 0
    by = User.objects.get(username="koordinator")
    groups = {g.slug: g for g in Group.objects.filter(slug__in={p.group for p in PLANS})}
    booked = [(plan, _book(plan, groups[plan.group], by)) for plan in PLANS]
    for seed, (plan, meeting) in enumerate(booked):
        if plan.day >= DEMO_TODAY:
            if plan.kallelse_sent:
                _send_kallelse(meeting, plan, seed, by)
            continue
        next_day = min(
            (p.day for p in PLANS if p.group == plan.group and p.day > plan.day), default=None
        )
        hold_meeting(meeting, plan, seed=seed, next_day=next_day, by=by)
    return len(booked)


def hold_meeting(
    meeting: Meeting, plan: Plan, *, seed: int, next_day: datetime.date | None, by: User
) -> None:
    """What happens to a held meeting, as `plan` says: the kallelse is sent around the paper
    deadline, attendance is recorded and the minutes are written, sent for approval and
    approved (the case demo holds its 2025 meetings with this too). `plan.topics` give the
    notes and att-satser of the agenda items with the same title; `seed` varies who is absent,
    who checks the minutes and when the kallelse goes out."""
    _send_kallelse(meeting, plan, seed, by)
    absent = _record_attendance(meeting, plan, seed, by)
    if meeting.group.minutes_approval == MinutesApproval.NONE:
        return  # the AUs and the seminar do not approve minutes (R-S6)
    _write_minutes(meeting, plan, absent, seed, next_day, by)
