"""Fictional follow-up demo data (`load_followup_demo()`, called by `manage.py load_demo`).

What the follow-up pages then show (the demo's "today" is 2026-11-25, as in the meeting demo):

- Process measures over 2024–2026: 2024 meetings of Samråd, LSG and the two beredningar are
  booked here and get their kallelse, attendance and approved minutes; the case demo holds the
  2025 meetings of LSG and Samråd (`demo.cases_data`), so the measures improve year by year
  (kallelser in time 50 % → 80 % → ~90 %, days to public minutes about 35 → 20 → 10, fewer
  empty seats). The 2024 minutes are short records that point to the register: the platform
  did not exist then.
- Two result indicators with FICTIONAL figures 2022–2025 in Kolada's shape, imported through
  `followup.imports`, for Region Västerbotten, three municipalities, two other regions and
  the country.
- The leadership seminar's two priorities with a goal each, the 2025 follow-up of both, and one
  goal revised afterwards (its history keeps the first version).
- Two survey rounds (2025 closed, 2026 open): E1 reaches 75 % in both, E2 stays below.
- The regional agreement and 14 of 15 local agreements (Åsele's is missing), two coordinators.

Older rows are back-dated with `update()` where the services stamp "now", like the other demos.
"""

from __future__ import annotations

import datetime
import json
import random
from decimal import Decimal

from django.db import transaction

from accounts.models import User
from cases.models import Case
from followup import imports, services
from followup.goals import EFFECT_GOAL_CODES
from followup.models import (
    Agreement,
    AgreementKind,
    CoordinatorAssignment,
    FollowUpDecision,
    Goal,
    Indicator,
    Priority,
    SurveyInvitation,
    SurveyRound,
    SurveyTally,
    Unit,
)
from followup.selectors import default_survey_groups
from lib.dates import TZ
from meetings import services as meeting_services
from meetings.models import AttendanceStatus, Meeting, Minutes, MinutesStatus
from structure.models import Group, MeetingForm, Principal, Side

D = datetime.date

HISTORY_GROUPS = ("samrad", "lsg", "beredning-vuxna-och-aldre", "beredning-barn-och-unga")
MEETINGS_2024 = {
    "samrad": [D(2024, 3, 14), D(2024, 6, 13), D(2024, 10, 10), D(2024, 12, 5)],
    "lsg": [D(2024, 2, 22), D(2024, 4, 25), D(2024, 9, 26), D(2024, 11, 21)],
    "beredning-vuxna-och-aldre": [D(2024, 2, 6), D(2024, 4, 9), D(2024, 9, 10), D(2024, 11, 5)],
    "beredning-barn-och-unga": [D(2024, 2, 7), D(2024, 4, 10), D(2024, 9, 11), D(2024, 11, 6)],
}
# Per year: every n-th meeting's papers go out late, absent members per meeting, days to minutes.
HISTORY_PATTERN = {2024: (2, 3, 35)}

INDICATORS = [
    {
        "code": "DEMO-VUK",
        "name": "Vårddagar för utskrivningsklara patienter",
        "description": "Vårddagar efter att patienten bedömts utskrivningsklar, per 1 000 "
        "invånare 65 år och äldre.",
        "unit": Unit.PER_1000,
        "higher_is_better": False,
        "values": {  # area → 2022..2025
            "0024": [112, 104, 91, 83],
            "0000": [96, 94, 92, 90],
            "0025": [121, 118, 117, 115],
            "0023": [88, 90, 87, 86],
            "2480": [98, 92, 80, 74],
            "2482": [126, 119, 103, 95],
            "2481": [140, 131, 125, 108],
        },
    },
    {
        "code": "DEMO-AVS",
        "name": "Avvikelser kopplade till brister i samverkan",
        "description": "Rapporterade avvikelser där orsaken är brister i samverkan mellan "
        "regionen och kommunen, per 1 000 invånare 65 år och äldre.",
        "unit": Unit.PER_1000,
        "higher_is_better": False,
        "values": {
            "0024": [4.1, 4.3, 3.9, 4.2],
            "0000": [3.6, 3.5, 3.5, 3.4],
            "0025": [4.4, 4.5, 4.2, 4.0],
            "0023": [3.1, 3.2, 3.0, 3.0],
            "2480": [3.8, 4.0, 3.6, 3.9],
            "2482": [4.6, 4.7, 4.2, 4.5],
            "2481": [4.9, 4.4, 4.8, 4.6],
        },
    },
]

SURVEYS = [
    # title, year, closes_on, opened "today", answered, satisfied share per effect goal
    (
        "Enkät om samverkan 2025",
        2025,
        D(2025, 12, 12),
        D(2025, 11, 17),
        0.72,
        {"E1": 0.78, "E2": 0.58, "E3": 0.66, "E4": 0.81, "E5": 0.76},
    ),
    (
        "Enkät om samverkan 2026",
        2026,
        D(2026, 12, 11),
        D(2026, 11, 16),
        0.64,
        {"E1": 0.84, "E2": 0.70, "E3": 0.79, "E4": 0.86, "E5": 0.82},
    ),
]


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), TZ)


# --- Process-measure history ------------------------------------------------------------------


def _history_meetings(by: User) -> None:
    groups = {g.slug: g for g in Group.objects.filter(slug__in=HISTORY_GROUPS)}
    for slug, days in MEETINGS_2024.items():
        for day in days:
            if not Meeting.objects.filter(group=groups[slug], starts_at__date=day).exists():
                meeting_services.book_meeting(
                    group=groups[slug],
                    starts_at=_at(day, 9),
                    ends_at=_at(day, 12),
                    form=MeetingForm.IN_PERSON,
                    location="Regionens hus, Umeå",
                    by=by,
                )
    for year, (late_every, absent, minutes_days) in HISTORY_PATTERN.items():
        meetings = Meeting.objects.filter(
            group__slug__in=HISTORY_GROUPS,
            starts_at__year=year,
            kallelse_sent_at__isnull=True,
            cancelled=False,
        ).select_related("group")
        for n, meeting in enumerate(meetings.order_by("starts_at"), start=1):
            deadline = meeting.paper_deadline or meeting.local_date
            sent_on = deadline + datetime.timedelta(days=2 if n % late_every == 0 else -1)
            Meeting.objects.filter(pk=meeting.pk).update(
                kallelse_sent_at=_at(sent_on, 15), papers_sent_at=_at(sent_on, 15)
            )
            _history_attendance(meeting, absent, n, by)
            Minutes.objects.create(
                meeting=meeting,
                status=MinutesStatus.APPROVED,
                summary="Minnesanteckningarna från före plattformen finns i diariet.",
                approved_at=_at(meeting.local_date + datetime.timedelta(days=minutes_days), 10),
            )


def _history_attendance(meeting: Meeting, absent: int, seed: int, by: User) -> None:
    """Everyone expected is present except `absent` members; every second one has a
    substitute in place (the other seats stay empty)."""
    rows = meeting_services.expected_attendance(meeting)
    entries = []
    away = 0
    for index, (person, status, replaces) in enumerate(rows):
        if status == AttendanceStatus.PRESENT and away < absent and (index + seed) % 3 == 0:
            away += 1
            entries.append((person, AttendanceStatus.ABSENT, None))
            continue
        entries.append((person, status, replaces))
    meeting_services.record_attendance(meeting=meeting, by=by, entries=entries)
    # A substitute for every second absent member (the demo's persons have no fixed pairs here).
    absentees = [p for p, s, _ in entries if s == AttendanceStatus.ABSENT]
    present_ids = {p.pk for p, _, _ in entries}
    spare = (
        meeting.group.memberships.filter(kind="substitute")
        .exclude(person_id__in=present_ids)
        .select_related("person")
    )
    stand_ins = list(spare[: len(absentees) // 2 + len(absentees) % 2])
    if stand_ins:
        extra = [
            (m.person, AttendanceStatus.SUBSTITUTE, absentees[i]) for i, m in enumerate(stand_ins)
        ]
        meeting_services.record_attendance(meeting=meeting, by=by, entries=entries + extra)


# --- Indicators, priorities, goals ----------------------------------------------------------------


def _indicators() -> dict[str, Indicator]:
    result = {}
    for spec in INDICATORS:
        indicator, _ = Indicator.objects.get_or_create(
            code=spec["code"],
            defaults={
                "name": spec["name"],
                "description": spec["description"],
                "unit": spec["unit"],
                "higher_is_better": spec["higher_is_better"],
                "source": "Fiktiva demovärden i Koladas format",
                "fictional": True,
            },
        )
        result[spec["code"]] = indicator
        document = {
            "values": [
                {
                    "kpi": spec["code"],
                    "municipality": area,
                    "period": 2022 + i,
                    "values": [{"gender": "T", "value": value, "count": 1, "status": ""}],
                }
                for area, values in spec["values"].items()
                for i, value in enumerate(values)
            ]
        }
        imports.store(imports.parse_kolada_json(json.dumps(document)), from_kolada=False)
    return result


def _seminar(indicators: dict[str, Indicator], by: User) -> None:
    if Priority.objects.exists():
        return
    region = Principal.objects.get(side=Side.REGION)
    elderly = Priority.objects.create(
        title="Trygg hemgång för äldre med omfattande vårdbehov",
        population="Äldre multisjuka",
        description="Färre dagar på sjukhus efter att patienten är utskrivningsklar, genom "
        "samordnad planering mellan regionen och kommunerna.",
        decided_on=D(2024, 10, 17),
    )
    elderly.groups.set(Group.objects.filter(slug__in=["beredning-vuxna-och-aldre"]))
    elderly.cases.set(Case.objects.order_by("pk")[:2])
    goal1 = Goal.objects.create(
        priority=elderly,
        indicator=indicators["DEMO-VUK"],
        area="0024",
        baseline_year=2023,
        baseline_value=104,
        target_value=80,
        target_year=2027,
    )
    goal1.owners.set(
        [region, *Principal.objects.filter(slug__in=["umea", "skelleftea", "lycksele"])]
    )
    children = Priority.objects.create(
        title="Säker vård i övergångarna mellan huvudmännen",
        population="Personer med insatser från både region och kommun",
        description="Färre avvikelser som beror på brister i samverkan.",
        decided_on=D(2024, 10, 17),
    )
    children.groups.set(
        Group.objects.filter(
            slug__in=["samverkansrad-patientsakerhet", "arbetsgrupp-ledningsseminarium"]
        )
    )
    goal2 = Goal.objects.create(
        priority=children,
        indicator=indicators["DEMO-AVS"],
        area="0024",
        baseline_year=2023,
        baseline_value=Decimal("4.3"),
        target_value=Decimal("3.5"),
        target_year=2026,
    )
    goal2.owners.set([region, *Principal.objects.filter(side=Side.MUNICIPALITY)])
    services.record_goal_follow_up(
        by=by,
        goal=goal1,
        year=2025,
        decision=FollowUpDecision.KEEP,
        note="Tydlig förbättring i hela länet; Lycksele får stöd av Umeå.",
    )
    services.record_goal_follow_up(
        by=by,
        goal=goal2,
        year=2025,
        decision=FollowUpDecision.REVISE,
        note="Målåret flyttas till 2028; avvikelserapporteringen har blivit bättre.",
    )
    goal2.target_year = 2028  # the revision the seminar decided; history keeps 2026
    goal2.save()


# --- Surveys ------------------------------------------------------------------------------------


def _surveys(by: User) -> None:
    if SurveyRound.objects.exists():
        return
    rng = random.Random(2026)
    for title, year, closes_on, opened, answered_share, satisfied in SURVEYS:
        survey = services.open_survey_round(
            by=by,
            title=title,
            year=year,
            closes_on=closes_on,
            groups=default_survey_groups(),
            today=opened,
        )
        SurveyRound.objects.filter(pk=survey.pk).update(opened_at=_at(opened, 9))
        invitations = list(survey.invitations.order_by("pk"))
        answering = rng.sample(invitations, round(len(invitations) * answered_share))
        SurveyInvitation.objects.filter(pk__in=[i.pk for i in answering]).update(answered=True)
        tallies = {(t.goal, t.value): t for t in survey.tallies.all()}
        for code in EFFECT_GOAL_CODES:
            happy = round(len(answering) * satisfied[code])
            values = [rng.choice((4, 5)) for _ in range(happy)] + [
                rng.choice((1, 2, 3)) for _ in range(len(answering) - happy)
            ]
            rng.shuffle(values)
            for value in values:
                tallies[code, value].count += 1
        SurveyTally.objects.bulk_update(tallies.values(), ["count"])


# --- Agreements and coordinators ------------------------------------------------------------


def _agreements() -> None:
    Agreement.objects.get_or_create(
        kind=AgreementKind.REGIONAL,
        municipality=None,
        defaults={
            "title": "Överenskommelse om samverkan inom vård och omsorg i Västerbotten",
            "what": "Hälso- och sjukvård och socialtjänst där ansvaret delas.",
            "how": "Genom Samråd, Länssamverkansgruppen, beredningarna och råden.",
            "when": "Mötesplan per kalenderår; se gruppernas regler.",
            "functions": "Politisk ledning, förvaltningschefer, regionala koordinatorer.",
            "in_force_from": D(2020, 1, 1),
            "decision": "Regionfullmäktige och kommunfullmäktige hösten 2019 (fiktivt).",
        },
    )
    for n, municipality in enumerate(Principal.objects.filter(side=Side.MUNICIPALITY)):
        if municipality.slug == "asele":
            continue  # the one local agreement that is missing
        Agreement.objects.get_or_create(
            kind=AgreementKind.LOCAL,
            municipality=municipality,
            defaults={
                "title": f"Lokal överenskommelse Region Västerbotten – {municipality.name}",
                "what": "Samordnad individuell plan, utskrivning från slutenvård, hemsjukvård.",
                "how": "Lokal samverkansgrupp med månatliga möten.",
                "when": "Löpande; utvärderas årligen.",
                "functions": "Socialchef, områdeschef primärvård, MAS, koordinator.",
                "in_force_from": D(2020, 3 + n % 9, 1),
                "decision": f"Socialnämnden i {municipality.name} (fiktivt beslut).",
            },
        )


def _coordinators(by: User) -> None:
    if CoordinatorAssignment.objects.exists() or by.person is None:
        return
    CoordinatorAssignment.objects.create(
        person=by.person,
        assignment="Förvalta samverkansstrukturen: mötesplan, ärendeflöde, uppföljning.",
        appointed_on=D(2020, 1, 1),
    )


@transaction.atomic
def load_followup_demo() -> bool:
    """Create the follow-up demo once; returns False when it already exists."""
    if Indicator.objects.filter(code__startswith="DEMO-").exists():
        return False
    by = User.objects.get(username="koordinator")
    _history_meetings(by)
    indicators = _indicators()
    _seminar(indicators, by)
    _surveys(by)
    _agreements()
    _coordinators(by)
    return True
