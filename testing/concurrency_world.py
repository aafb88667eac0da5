"""The data for the concurrent-writes test against a real server (lib/tests/test_concurrent_writes).

Run inside the server's own database, after `migrate` and `load_structure`:

    python manage.py shell -c "from testing.concurrency_world import main; main()"

It prints one JSON line that tells the test who signs in and what each thread writes:

- `absence`: 8 members of LSG; each reports absence from the same 8 coming LSG meetings.
- `case`: 4 of those members raise cases in LSG, and 4 coordinators register cases on a member's
  behalf (a coordinator's write is also recorded by the audit middleware, after the view).
- `decision`: 8 expedited LSG recommendations to all principals; 4 registrars register their own
  principal's decision on each, and 4 coordinators register another principal's on its behalf.
"""

from __future__ import annotations

import datetime
import json

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from accounts.models import User
from cases import services as case_services
from meetings import services as meeting_services
from structure.models import Group, Principal
from testing.builders import PASSWORD, coordinator_user, member_user, registrar_user

THREADS = 8
WRITES = 8
GROUP = "lsg"


def _meeting(group: Group, by, day: datetime.date):
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    return meeting_services.book_meeting(
        group=group,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        form="in_person",
        location="Regionens hus",
        by=by,
    )


@transaction.atomic
def seed() -> dict:
    group = Group.objects.get(slug=GROUP)
    today = timezone.localdate()
    principals = list(Principal.objects.order_by("pk")[:THREADS])
    # Hashed once with the real hasher (the server checks it at sign-in), not once per user.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        members = [
            member_user(f"ledamot{i}", GROUP, last_name=f"Samtidig{i}") for i in range(THREADS)
        ]
        coordinators = [coordinator_user(f"koordinator{i}") for i in range(THREADS // 2)]
        registrars = [
            registrar_user(f"registrator{i}", principal=principals[i].slug)
            for i in range(THREADS // 2)
        ]
    User.objects.filter(pk__in=[u.pk for u in members + coordinators + registrars]).update(
        password=make_password(PASSWORD)
    )
    boss = coordinators[0]

    coming = [_meeting(group, boss, today + datetime.timedelta(days=30 + n)) for n in range(WRITES)]

    # Recommendations adopted at meetings that have been, so a decision may be dated today.
    addressees: list[dict[str, int]] = []  # per recommendation: principal pk -> addressee pk
    for n in range(WRITES):
        meeting = _meeting(group, boss, today - datetime.timedelta(days=30 + n))
        case = case_services.raise_case(
            group=group,
            by=boss,
            submitted_by=members[0].person,
            title=f"Ärende att besluta {n}",
            description="Underlag för en rekommendation.",
            proposal="Att huvudmännen beslutar.",
            raised_on=today - datetime.timedelta(days=60),
        )
        recommendation = case_services.adopt_recommendation(
            case=case,
            meeting=meeting,
            by=boss,
            title=f"Rekommendation {n}",
            decisions="att anta rutinen",
        )
        case_services.expedite(recommendation=recommendation, by=boss)
        addressees.append(
            {a.principal_id: a.pk for a in recommendation.addressees.select_related("principal")}
        )

    def decision_work(principal: Principal) -> list[dict]:
        return [
            {"addressee": per_recommendation[principal.pk], "body": _body(principal)}
            for per_recommendation in addressees
        ]

    half = THREADS // 2
    return {
        "password": PASSWORD,
        "today": today.isoformat(),
        "group": group.pk,
        "absence": [
            {"username": m.username, "meetings": [meeting.pk for meeting in coming]}
            for m in members
        ],
        "case": [{"username": m.username, "submitted_by": None} for m in members[:half]]
        + [
            {"username": c.username, "submitted_by": members[half + i].person_id}
            for i, c in enumerate(coordinators)
        ],
        "decision": [
            {"username": r.username, "work": decision_work(principals[i])}
            for i, r in enumerate(registrars)
        ]
        + [
            {"username": c.username, "work": decision_work(principals[half + i])}
            for i, c in enumerate(coordinators)
        ],
        "coordinators": [c.username for c in coordinators],
    }


def _body(principal: Principal) -> int:
    return principal.decision_bodies.order_by("pk").values_list("pk", flat=True)[0]


def main() -> None:
    print(json.dumps(seed()))
