"""Small builders for tests that need a few people, not the whole demo.

In the manner of healthchecks' alice/bob/charlie: `member_user("alice", "lsg")` is a signed-in
user whose person holds one seat in LSG; every argument has a plain default. They assume the
reference structure (`structure` fixture)."""

from __future__ import annotations

import datetime

from accounts.models import User
from structure.models import (
    Group,
    MeetingForm,
    Membership,
    MembershipKind,
    Person,
    Position,
    Principal,
)

PASSWORD = "x-test-pass-123"
SINCE = datetime.date(2020, 1, 1)


def person(first_name: str = "Alice", *, principal: str = "umea", **fields) -> Person:
    return Person.objects.create(
        first_name=first_name,
        last_name=fields.pop("last_name", "Testsson"),
        principal=Principal.objects.get(slug=principal),
        email=fields.pop("email", f"{first_name.lower()}@test.example"),
        **fields,
    )


def seat(
    who: Person,
    group: str,
    *,
    kind: str = MembershipKind.ORDINARY,
    position: str = Position.NONE,
    start_date: datetime.date = SINCE,
    **fields,
) -> Membership:
    return Membership.objects.create(
        person=who,
        group=Group.objects.get(slug=group),
        kind=kind,
        position=position,
        position_since=start_date if position else None,
        start_date=start_date,
        **fields,
    )


def member_user(username: str, *groups: str, position: str = Position.NONE, **person_fields):
    """A user whose person sits as an ordinary member in each of `groups`."""
    who = person(username.capitalize(), **person_fields)
    for group in groups:
        seat(who, group, position=position)
    return User.objects.create_user(username, password=PASSWORD, person=who, email=who.email)


def coordinator_user(
    username: str = "charlie", *, password: str = PASSWORD, email: str = ""
) -> User:
    return User.objects.create_user(
        username,
        password=password,
        is_coordinator=True,
        email=email or f"{username}@test.example",
    )


def demo_coordinator(request, email: str = "koordinator@region-vasterbotten.example") -> User:
    """The coordinator that case and meeting tests act as, signed in as the demo's `koordinator`
    is. The demo is not loaded for it: a test that needs the demo's people asks for `demo`
    too, and then (the demo loaded first, so that its people are built) it is the demo's own
    account, with its person."""
    from demo.people import DEMO_PASSWORD

    if "demo" not in request.fixturenames:
        # get-or-create: a test may sign in through `coordinator_client` and act as `coordinator`
        return User.objects.filter(username="koordinator").first() or coordinator_user(
            "koordinator", password=DEMO_PASSWORD, email=email
        )
    request.getfixturevalue("demo")
    user = User.objects.get(username="koordinator")
    user.email = email
    user.save()
    return user


def registrar_user(username: str = "rita", *, principal: str = "umea") -> User:
    return User.objects.create_user(
        username,
        password=PASSWORD,
        registrar_for=Principal.objects.get(slug=principal),
        email=f"{username}@test.example",
    )


def survey_answers(survey, goal: str, values) -> None:
    """Count `values` as answers to effect `goal` in the survey round: its tallies, with a zero
    for every goal and value of the scale (as an opened round has), plus the values given."""
    from collections import Counter

    from followup.goals import EFFECT_GOAL_CODES
    from followup.models import SurveyTally

    counts = Counter(values)
    for code in EFFECT_GOAL_CODES:
        for value in range(1, survey.scale_max + 1):
            tally, _ = SurveyTally.objects.get_or_create(round=survey, goal=code, value=value)
            if code == goal and counts[value]:
                tally.count += counts[value]
                tally.save(update_fields=["count"])


def meeting(group: str = "lsg", day: datetime.date = datetime.date(2026, 3, 5), **fields):
    """A meeting of `group` from 9 to 12 on `day` (Stockholm time), written directly."""
    import zoneinfo

    from meetings.models import Meeting

    tz = zoneinfo.ZoneInfo("Europe/Stockholm")
    return Meeting.objects.create(
        group=Group.objects.get(slug=group),
        starts_at=datetime.datetime.combine(day, datetime.time(9), tz),
        ends_at=datetime.datetime.combine(day, datetime.time(12), tz),
        form=fields.pop("form", MeetingForm.IN_PERSON),
        **fields,
    )


def minutes_in_approval(of, *, checker: Person | None = None, **fields):
    """Minutes of the meeting `of`, sent for approval, with `checker` as justeringsperson."""
    from meetings.models import Minutes, MinutesStatus

    return Minutes.objects.create(
        meeting=of, status=MinutesStatus.IN_APPROVAL, justeringsperson=checker, **fields
    )


def lsg_minutes_awaiting_approval(*, weeks_ago: int) -> tuple:
    """LSG minutes of a meeting `weeks_ago` weeks back, sent for approval: alice the chair and
    bob the justeringsperson approve, nobody has yet. Returns (minutes, chair, checker) users."""
    from django.utils import timezone

    chair = member_user("alice", "lsg", position=Position.CHAIR)
    checker = member_user("bob", "lsg")
    minutes = minutes_in_approval(
        meeting("lsg", timezone.localdate() - datetime.timedelta(weeks=weeks_ago)),
        checker=checker.person,
    )
    return minutes, chair, checker


def case(group: str = "lsg", *, by: User, title: str = "Gemensam rutin för SIP", **fields):
    """A case raised in `group` by the coordinator `by`, submitted by a member seated there."""
    from cases import services

    submitter = fields.pop("submitted_by", None)
    if submitter is None:
        submitter = person("Sigrid", email="sigrid@test.example")
        seat(submitter, group)
    return services.raise_case(
        group=Group.objects.get(slug=group),
        by=by,
        submitted_by=submitter,
        title=title,
        description=fields.pop("description", "Kort beskrivning av behovet."),
        proposal=fields.pop("proposal", "Att ta fram en rutin."),
        **fields,
    )


def recommendation(
    of,
    *,
    by: User,
    principals: tuple[str, ...] = (),
    expedited: bool = False,
    day: datetime.date = datetime.date(2026, 3, 12),
    title: str = "Rutin för SIP",
):
    """A recommendation adopted on the case `of` at a meeting of the case's group on `day`,
    addressed to the principals with these slugs (all, if none), expedited if asked."""
    from cases import services

    adopted = services.adopt_recommendation(
        case=of,
        meeting=meeting(of.current_group.slug, day),
        by=by,
        title=title,
        decisions="att anta rutinen\natt följa upp den 2027",
        principals=Principal.objects.filter(slug__in=principals),
    )
    if expedited:
        services.expedite(recommendation=adopted, by=by)
        adopted.refresh_from_db()
    return adopted


def working_group(slug: str = "arbetsgrupp-test", *, reports_to: str = "lsg", **fields) -> Group:
    """A working group (officials' level) that reports to the group `reports_to`."""
    from structure.models import GroupKind, Level

    return Group.objects.create(
        slug=slug,
        name=fields.pop("name", f"Arbetsgrupp {slug}"),
        kind=GroupKind.WORKING_GROUP,
        level=Level.OFFICIALS,
        reports_to=Group.objects.get(slug=reports_to),
        **fields,
    )


def council(group: str, *, members: int = 3) -> list[Membership]:
    """The seats of `group` as a small real one has them: a chair from a municipality, a vice
    chair from the region, and `members` ordinary members from other municipalities, each with a
    substitute from the same principal tied to them. Returns the ordinary seats (chair first)."""
    from structure.models import Side

    municipalities = list(
        Principal.objects.filter(side=Side.MUNICIPALITY).order_by("slug")[: members + 1]
    )
    region = Principal.objects.filter(side=Side.REGION).order_by("slug").first()
    tag = "".join(part[:1] for part in group.split("-")).capitalize()
    ordinary = [
        seat(
            person(f"{tag}Ordf", principal=municipalities[0].slug), group, position=Position.CHAIR
        ),
        seat(person(f"{tag}Vice", principal=region.slug), group, position=Position.VICE_CHAIR),
    ]
    for index, principal in enumerate(municipalities[1:], start=1):
        member = seat(person(f"{tag}Ledamot{index}", principal=principal.slug), group)
        seat(
            person(f"{tag}Ersattare{index}", principal=principal.slug),
            group,
            kind=MembershipKind.SUBSTITUTE,
            substitute_for=member,
        )
        ordinary.append(member)
    return ordinary
