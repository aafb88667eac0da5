"""Fictional demo cases for 2025 and 2026 (`manage.py load_case_demo`).

Every case is raised, routed, treated, adopted, expedited and decided through `cases.services`,
as the demo coordinator (decisions of Region Västerbotten and Umeå by their own registrars), so
the demo also exercises the rules. The data is in `demo.cases_data`; the demo's "today" is
2026-11-25, as in the meeting demo, which runs first if there are no meetings yet. The 2025
cases need LSG and Samråd meetings in 2025, which are booked here. Once every case is on their
agendas they are held like the meeting demo's meetings (`demo.meetings.hold_meeting`): the
kallelse went out around the paper deadline (LSG's December papers two working days late),
attendance is recorded with two members absent, and the minutes carry each case item with its
treatment's note and att-satser (a recommendation's att-satser where one was adopted) and were
approved about three weeks after the meeting by the persons the group's rule names.

A treatment at a group refers to the group's meeting that day: 2025 meetings and upcoming
meetings get the case on their agenda (`put_on_agenda`); meetings of the meeting demo that
already have minutes are linked to their own agenda item where the data names one.

Services stamp the wall clock where the real product records "now". To keep the history
realistic, these stamps are moved afterwards with queryset updates: `Recommendation.expedited_at`
to the expedition day in the data (a few days after adoption), `PrincipalDecision.registered_at`
to two working days after the decision, `Case.finished_at` to the day the last decision was
registered (or the day Hjälpmedelsrådet decided), `Treatment.recorded_at` to the treatment's day
and `Follow.created_at` to the day after the case was raised.

What the data shows:

- Cases in every state: waiting for routing, routed to a beredning, prepared, tabled (LSG
  October, on the agenda again in December), sent back (twice), sent on along working group →
  beredning → LSG → Samråd, at local level (Storuman), and finished.
- A shared process: the revised guideline for samverkan vid utskrivning lives in Beredning vuxna
  och äldre, is shared with Beredning barn och unga and reaches LSG from vuxna och äldre (R-G5).
- A case from outside the structure (the skolchefsnätverket, via a line manager in LSG).
- Recommendations from 2025 and 2026: four decided by all 16 principals and one by all eight it
  was addressed to (Region Västerbotten and Södra Lappland), four expedited and partly decided
  (12, 9, 5 and 3 of 16), one adopted in November 2026 and not yet expedited. Most decisions
  are approvals, with a few partial approvals and rejections.
- Hjälpmedelsrådet's own decisions (R-G6): an editorial change of the handbook, a change of
  product during the contract period, and a clarification about repairs.
- Samverkansråd patientsäkerhet treats cases in both years, and adopts one recommendation.
- The "ledamot" and "ordforande" accounts follow a few cases.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from accounts.models import User
from cases import services
from cases.models import (
    Case,
    DecisionOutcome,
    Outcome,
    Recommendation,
    Treatment,
)
from demo.cases_data import (
    ABSENT_2025,
    ALL,
    APPROVE_AFTER_2025,
    CASES,
    MEETING_LOCATION_2025,
    MEETINGS_2025,
    PAPERS_DAYS_LATE_2025,
    Adopt,
    OnAgenda,
    Route,
    Spec,
    Treat,
)
from demo.meetings import hold_meeting, load_meeting_demo
from demo.meetings_data import DEMO_TODAY, ONE_DAY, Plan, Topic
from lib.dates import TZ
from meetings import services as meeting_services
from meetings.calendar import is_working_day
from meetings.models import AgendaItem, ItemKind, Meeting
from structure.models import (
    DecisionBody,
    Group,
    MeetingForm,
    Membership,
    MembershipKind,
    Person,
    Principal,
)

# What a principal's partial approval leaves out, as the demo registers it (a comment is required).
PARTLY_COMMENT = "Bifalls utom uppföljningen, som huvudmannen gör inom egen verksamhet."

FIRST_DECISION_AFTER = datetime.timedelta(days=28)
LAST_DECISION_AFTER = datetime.timedelta(days=200)
LATEST_DECISION = DEMO_TODAY - datetime.timedelta(days=7)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), TZ)


def _working_day_on_or_before(day: datetime.date) -> datetime.date:
    while not is_working_day(day):
        day -= ONE_DAY
    return day


def _working_day_after(day: datetime.date, n: int) -> datetime.date:
    while n:
        day += ONE_DAY
        if is_working_day(day):
            n -= 1
    return day


def decision_days(adopted_on: datetime.date, count: int) -> list[datetime.date]:
    """The principals' decision days, spread from four weeks after adoption to at most 200 days
    after it (and a week before the demo's today), each on a working day."""
    first = adopted_on + FIRST_DECISION_AFTER
    last = min(adopted_on + LAST_DECISION_AFTER, LATEST_DECISION)
    if count and last < first:
        raise ValueError(f"Rekommendationen från {adopted_on} är för ny för {count} beslut.")
    span = (last - first).days
    return [
        _working_day_on_or_before(first + datetime.timedelta(days=span * i // max(count - 1, 1)))
        for i in range(count)
    ]


class _Builder:
    def __init__(self) -> None:
        self.coordinator = User.objects.get(username="koordinator")
        self.groups = {g.slug: g for g in Group.objects.all()}
        self.principals = {p.slug: p for p in Principal.objects.all()}
        self.registrars: dict[int, User] = {}
        for user in User.objects.filter(registrar_for__isnull=False, is_active=True).order_by("pk"):
            self.registrars.setdefault(user.registrar_for_id, user)
        self.bodies: dict[int, DecisionBody] = {}  # e.g. the region's Hälso- och sjukvårdsnämnd
        for body in DecisionBody.objects.order_by("name"):
            self.bodies.setdefault(body.principal_id, body)
        self.meetings = {
            (m.group.slug, m.local_date): m for m in Meeting.objects.select_related("group")
        }
        for slug, day in MEETINGS_2025:
            if (slug, day) not in self.meetings:
                self.meetings[slug, day] = meeting_services.book_meeting(
                    group=self.groups[slug],
                    starts_at=_at(day, 9),
                    ends_at=_at(day, 12),
                    form=MeetingForm.IN_PERSON,
                    location=MEETING_LOCATION_2025,
                    by=self.coordinator,
                )
        self.meeting_years = {(slug, day.year) for slug, day in self.meetings}

    # --- Lookups -------------------------------------------------------------------------------

    def meeting(self, slug: str, day: datetime.date, *, required: bool = False) -> Meeting | None:
        """The group's meeting that day. A group that meets that year is only treated at its
        meetings, so a day that is not a meeting day is an error in the data."""
        meeting = self.meetings.get((slug, day))
        if meeting is None and (required or (slug, day.year) in self.meeting_years):
            raise ValueError(f"{self.groups[slug]} har inget möte den {day}.")
        return meeting

    def agenda_item(self, case: Case, meeting: Meeting | None, title: str) -> AgendaItem | None:
        """The meeting's own item where the data names one; a meeting without minutes (2025,
        whose minutes are written after all cases, or upcoming) gets the case on its agenda;
        approved agendas are locked and left alone."""
        if meeting is None:
            return None
        if title:
            return meeting.items.get(title=title)
        if not meeting.minutes.exists():
            return services.put_on_agenda(case=case, meeting=meeting, by=self.coordinator)
        return None

    def member(self, group: Group, principal_slug: str, day: datetime.date) -> Person:
        """An ordinary member of the group from the principal, on the day the case is raised."""
        membership = (
            Membership.objects.current(day)
            .filter(group=group, kind=MembershipKind.ORDINARY)
            .filter(person__principal__slug=principal_slug)
            .select_related("person")
            .order_by("pk")
            .first()
        )
        if membership is None:
            raise ValueError(f"{group} har ingen ordinarie ledamot från {principal_slug}.")
        return membership.person

    # --- The 2025 meetings ---------------------------------------------------------------------

    def hold_meetings_2025(self) -> None:
        """The 2025 meetings get their kallelse, attendance and approved minutes the way the
        meeting demo holds its meetings, once the cases are on their agendas."""
        for seed, (slug, day) in enumerate(MEETINGS_2025):
            meeting = self.meetings[slug, day]
            plan = Plan(
                slug,
                day,
                location=MEETING_LOCATION_2025,
                topics=self.case_topics(meeting),
                papers_days_late=PAPERS_DAYS_LATE_2025.get((slug, day), 0),
                absent=ABSENT_2025,
                approve_after=APPROVE_AFTER_2025,
            )
            following = (
                Meeting.objects.filter(group=meeting.group, starts_at__gt=meeting.starts_at)
                .exclude(cancelled=True)
                .order_by("starts_at")
                .first()
            )
            hold_meeting(
                meeting,
                plan,
                seed=seed,
                next_day=following.local_date if following else None,
                by=self.coordinator,
            )

    def case_topics(self, meeting: Meeting) -> tuple[Topic, ...]:
        """Notes and att-satser for the cases the meeting treated, from what the data recorded:
        the treatment's note, and for an adopted recommendation its att-satser."""
        topics = []
        treatments = (
            Treatment.objects.filter(meeting=meeting, agenda_item__isnull=False)
            .select_related("agenda_item", "case", "sent_to")
            .order_by("agenda_item__position")
        )
        for treatment in treatments:
            notes, decisions = treatment.note, ()
            if treatment.outcome == Outcome.RECOMMENDATION_ADOPTED:
                notes, decisions = self.adoption_minutes(treatment, meeting)
            elif treatment.outcome in (Outcome.SENT_ON, Outcome.SENT_BACK):
                verb = "lyfta" if treatment.outcome == Outcome.SENT_ON else "återremittera"
                decisions = (f"{verb} ärendet till {treatment.sent_to.name}",)
            elif treatment.outcome == Outcome.TABLED:
                decisions = ("bordlägga ärendet",)
            elif treatment.outcome == Outcome.NOTED:
                decisions = ("lägga informationen till handlingarna",)
            item = treatment.agenda_item
            topics.append(
                Topic(ItemKind.DECISION, item.title, item.description, "", notes, decisions)
            )
        return tuple(topics)

    def adoption_minutes(
        self, treatment: Treatment, meeting: Meeting
    ) -> tuple[str, tuple[str, ...]]:
        recommendation = Recommendation.objects.get(case=treatment.case, meeting=meeting)
        prepared = (
            treatment.case.treatments.filter(
                sent_to=meeting.group, happened_on__lt=meeting.local_date
            )
            .select_related("group")
            .order_by("-happened_on")
            .first()
        )
        to_all = recommendation.addressees.count() == len(self.principals)
        whom = "huvudmännen" if to_all else "de berörda huvudmännen"
        notes = (
            (f"Ärendet har beretts i {prepared.group.name}. " if prepared else "")
            + "Regional koordinator föredrog förslaget till rekommendation och ledamöterna "
            "ställde sig bakom det."
        )
        decisions = tuple(
            line if line.startswith("rekommendera ") else f"rekommendera {whom} att {line}"
            for line in recommendation.att_satser
        ) + (
            "uppdra åt regional koordinator att expediera rekommendationen till huvudmännens "
            "beslutsinstanser",
        )
        return notes, decisions

    # --- One case ------------------------------------------------------------------------------

    def build(self, spec: Spec) -> Case:
        group = self.groups[spec.group]
        if spec.by.startswith("user:"):
            by, submitted_by = User.objects.get(username=spec.by.removeprefix("user:")), None
        else:
            by, submitted_by = self.coordinator, self.member(group, spec.by, spec.raised_on)
        case = services.raise_case(
            group=group,
            by=by,
            submitted_by=submitted_by,
            title=spec.title,
            description=spec.description,
            proposal=spec.proposal,
            principals=[self.principals[slug] for slug in spec.principals],
            origin_note=spec.origin_note,
            raised_on=spec.raised_on,
            at=_at(spec.raised_on, 12),
        )
        for step in spec.steps:
            if isinstance(step, Route):
                self.route(case, step)
            elif isinstance(step, Treat):
                self.treat(case, step)
            elif isinstance(step, OnAgenda):
                services.put_on_agenda(
                    case=case, meeting=self.meeting(step.group, step.day), by=self.coordinator
                )
            else:
                self.adopt(case, step)
        for username in spec.followers:
            services.follow(
                case=case,
                by=User.objects.get(username=username),
                at=_at(spec.raised_on + ONE_DAY, 8),
            )
        return case

    def route(self, case: Case, step: Route) -> None:
        services.route_case(
            case=case,
            by=self.coordinator,
            group=self.groups[step.group] if step.group else None,
            local_principal=self.principals[step.local] if step.local else None,
            shared_with=[self.groups[slug] for slug in step.shared_with],
            note=step.note,
            happened_on=step.day,
            at=_at(step.day, 16),
        )

    def treat(self, case: Case, step: Treat) -> None:
        meeting = self.meeting(step.group, step.day)
        services.record_treatment(
            case=case,
            group=self.groups[step.group],
            by=self.coordinator,
            outcome=step.outcome,
            meeting=meeting,
            agenda_item=self.agenda_item(case, meeting, step.item),
            sent_to=self.groups[step.to] if step.to else None,
            note=step.note,
            happened_on=step.day,
            at=_at(step.day, 16),
        )

    def adopt(self, case: Case, step: Adopt) -> None:
        meeting = self.meeting(step.group, step.day, required=True)
        recommendation = services.adopt_recommendation(
            case=case,
            meeting=meeting,
            by=self.coordinator,
            title=step.title,
            decisions="\n".join(step.decisions),
            agenda_item=self.agenda_item(case, meeting, step.item),
            at=_at(step.day, 16),
        )
        if recommendation.own_decision or step.expedited is None:
            return
        services.expedite(
            recommendation=recommendation, by=self.coordinator, at=_at(step.expedited, 14)
        )
        self.decide(recommendation, step)

    def decide(self, recommendation: Recommendation, step: Adopt) -> None:
        addressees = {
            a.principal.slug: a for a in recommendation.addressees.select_related("principal")
        }
        order = list(addressees) if step.decided == ALL else list(step.decided)
        if step.decided == ALL:
            # Not alphabetical: start somewhere different for each recommendation.
            shift = recommendation.case.serial % len(order)
            order = order[shift:] + order[:shift]
        unknown = (set(step.outcomes) - set(order)) | (set(order) - set(addressees))
        if unknown:
            raise ValueError(f"{step.title}: {sorted(unknown)} beslutar inte om den.")
        for index, (slug, day) in enumerate(
            zip(order, decision_days(step.day, len(order)), strict=True)
        ):
            principal = self.principals[slug]
            body = self.bodies[principal.pk]
            outcome = step.outcomes.get(slug, DecisionOutcome.APPROVED)
            services.register_decision(
                addressee=addressees[slug],
                by=self.registrars.get(principal.pk, self.coordinator),
                outcome=outcome,
                body=body,
                decided_on=day,
                reference=f"{body.name} {day:%Y-%m-%d} § {12 + (day.toordinal() + index) % 140}",
                comment=PARTLY_COMMENT if outcome == DecisionOutcome.PARTLY_APPROVED else "",
                at=_at(_working_day_after(day, 2), 10),
            )


@transaction.atomic
def load_case_demo() -> int:
    """Create the demo cases once; returns how many (0 when any case already exists)."""
    if Case.objects.exists():
        return 0
    if not Meeting.objects.exists():
        load_meeting_demo()
    builder = _Builder()
    for spec in sorted(CASES, key=lambda spec: spec.raised_on):
        builder.build(spec)
    builder.hold_meetings_2025()
    return len(CASES)
