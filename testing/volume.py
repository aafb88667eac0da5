"""Bulk data for the query-count tests of the list pages: the same shapes at any volume.

`add_cases(n)` adds n cases in a group, each with a treatment, an expedited recommendation
addressed to every principal and some decisions, plus an unexpedited one on every third case;
`add_meetings(n)` adds n public meetings with approved minutes. Rows are bulk-inserted (a test
with sixty cases stays fast) and respect every constraint of the models.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.db.models import Max

from cases.models import (
    Addressee,
    Case,
    CaseStatus,
    DecisionOutcome,
    Outcome,
    PrincipalDecision,
    Recommendation,
    Treatment,
)
from meetings.models import Meeting, Minutes, MinutesStatus
from structure.models import DecisionBody, Group, Person, Principal
from testing import builders

TZ = zoneinfo.ZoneInfo("Europe/Stockholm")
YEAR = 2026


def add_cases(n: int, *, group: str = "lsg", by, decided: int = 5) -> list[Case]:
    """n cases in the group; each expedited recommendation has `decided` decisions."""
    group = Group.objects.get(slug=group)
    person = Person.objects.first() or builders.person("Vera")
    principals = list(Principal.objects.order_by("pk"))
    bodies = {b.principal_id: b for b in DecisionBody.objects.order_by("-pk")}
    first = (Case.objects.filter(year=YEAR).aggregate(last=Max("serial"))["last"] or 0) + 1
    cases = Case.objects.bulk_create(
        Case(
            year=YEAR,
            serial=first + i,
            title=f"Ärende {first + i}",
            description="Beskrivning.",
            proposal="Förslag.",
            submitted_by=person,
            origin_group=group,
            current_group=group,
            status=CaseStatus.OPEN,
        )
        for i in range(n)
    )
    Treatment.objects.bulk_create(
        Treatment(
            case=c, group=group, outcome=Outcome.RAISED, happened_on=datetime.date(YEAR, 2, 1)
        )
        for c in cases
    )
    expedited_at = datetime.datetime(YEAR, 3, 1, 10, tzinfo=TZ)
    recommendations = Recommendation.objects.bulk_create(
        [
            Recommendation(
                case=c,
                group=group,
                title=f"Rekommendation {c.serial}",
                decisions="att göra något",
                adopted_on=datetime.date(YEAR, 2, 20),
                expedited_at=expedited_at + datetime.timedelta(minutes=i),
            )
            for i, c in enumerate(cases)
        ]
        + [
            Recommendation(
                case=c,
                group=group,
                title=f"Utkast {c.serial}",
                decisions="att göra något mer",
                adopted_on=datetime.date(YEAR, 2, 21),
            )
            for c in cases[::3]
        ]
    )
    addressees = Addressee.objects.bulk_create(
        Addressee(recommendation=r, principal=p) for r in recommendations for p in principals
    )
    _decide(addressees, recommendations, bodies, decided, by)
    return cases


def _decide(addressees, recommendations, bodies, decided, by):
    """The first `decided` addressees of each expedited recommendation decide: bifall, delvis
    bifall, avslag, bifall, …"""
    expedited = {r.pk for r in recommendations if r.expedited_at}
    rows, seen = [], {}
    for a in addressees:
        if a.recommendation_id not in expedited:
            continue
        seen[a.recommendation_id] = seen.get(a.recommendation_id, 0) + 1
        if seen[a.recommendation_id] > decided:
            continue
        rows.append(
            PrincipalDecision(
                addressee=a,
                outcome=DecisionOutcome.values[(seen[a.recommendation_id] - 1) % 3],
                comment="Utom en del.",
                body=bodies[a.principal_id],
                decided_on=datetime.date(YEAR, 4, 1),
                reference="§ 1",
                registered_by=by,
            )
        )
    created = PrincipalDecision.objects.bulk_create(rows)
    # bulk_create sends no signals: the flag the waiting lists read is set here.
    Addressee.objects.filter(pk__in=[d.addressee_id for d in created]).update(decided=True)
    return created


def add_meetings(n: int, *, group: str = "lsg", year: int = YEAR) -> list[Meeting]:
    """n public meetings of the group in the year, one a day from 1 February, each with
    approved minutes."""
    group = Group.objects.get(slug=group)
    start = datetime.datetime(year, 2, 1, 9, tzinfo=TZ)
    meetings = Meeting.objects.bulk_create(
        Meeting(
            group=group,
            title=f"Möte {i}",
            starts_at=start + datetime.timedelta(days=i),
            ends_at=start + datetime.timedelta(days=i, hours=2),
            form="in_person",
        )
        for i in range(n)
    )
    Minutes.objects.bulk_create(
        Minutes(meeting=m, status=MinutesStatus.APPROVED, approved_at=m.ends_at) for m in meetings
    )
    return meetings
