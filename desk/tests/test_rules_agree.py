"""Every page that tells someone what to do asks the rule's owner, so they all say the same.

R-S6 (who approves minutes): /mina-moten/ and the minutes page (meetings, the owner), "Mitt",
the daily digest and the desk (desk) must name the same approvers. Their copy of the rule once
told a vice chair to approve minutes that only the chair and the justeringsperson approve.

R-C4/R-C6 (which principals still owe a decision): the desk, the registrar's inbox, "Mitt" of
a registrar, the public decision list and the principal's page must name the same ones.

R-F1 (which working groups' reports are due): the desk and the annual cycle.
"""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from annualcycle.selectors import annual_cycle
from cases import services as case_services
from cases.models import Addressee, DecisionOutcome, Recommendation
from desk.duties import DELIVERY_NOTICE_DAYS
from desk.services import send_digests
from lib.dates import TZ
from meetings import services as meeting_services
from meetings.models import Minutes
from structure.models import DecisionBody, Group, MinutesApproval, Position, Principal
from testing.builders import PASSWORD, coordinator_user, person, registrar_user, seat
from workgroups.models import Status, WorkingGroup

pytestmark = pytest.mark.django_db

DIGEST_LINE = "Justera minnesanteckningarna"


def _user(first_name: str, last_name: str, group: Group, position: str = Position.NONE) -> User:
    who = person(first_name, last_name=last_name)
    seat(who, group.slug, position=position)
    return User.objects.create_user(
        first_name.lower(), password=PASSWORD, person=who, email=who.email
    )


class World:
    """A group with the given approval rule, its chair, vice chair and one more member (the
    justeringsperson of the minutes), and minutes of a meeting a month ago sent for approval."""

    def __init__(self, rule: str):
        self.coordinator = coordinator_user()
        self.group = Group.objects.filter(minutes_approval=rule).order_by("order").first()
        assert self.group is not None, f"the structure data has a group whose rule is {rule}"
        self.chair = _user("Olga", "Ordförandesson", self.group, Position.CHAIR)
        self.vice = _user("Vera", "Vicesson", self.group, Position.VICE_CHAIR)
        self.checker = _user("Jonas", "Justerarsson", self.group)
        self.minutes = self._minutes_in_approval()

    def _minutes_in_approval(self) -> Minutes:
        day = timezone.localdate() - datetime.timedelta(days=30)
        meeting = meeting_services.book_meeting(
            group=self.group,
            starts_at=datetime.datetime.combine(day, datetime.time(9), TZ),
            ends_at=datetime.datetime.combine(day, datetime.time(12), TZ),
            form="video",
            link="https://video.example/m",
            by=self.coordinator,
        )
        minutes = meeting_services.draft_minutes(meeting=meeting, by=self.coordinator)
        meeting_services.save_minutes(
            minutes=minutes,
            by=self.coordinator,
            summary="",
            justeringsperson=self.checker.person,
            items=[],
        )
        return meeting_services.send_minutes_for_approval(minutes=minutes, by=self.coordinator)

    def users(self) -> dict[str, User]:
        return {"chair": self.chair, "vice": self.vice, "checker": self.checker}


def _asked_by_the_pages(client, user: User, minutes: Minutes) -> dict[str, bool]:
    """Whether each of a person's own pages asks them to approve the minutes."""
    client.force_login(user)
    my_meetings = client.get(reverse("meetings:my_meetings")).context["to_approve"]
    mine = client.get(reverse("desk:mine")).context["page"].to_approve
    detail = client.get(minutes.get_absolute_url()).context["can_approve"]
    client.logout()
    return {
        "/mina-moten/": minutes.pk in {state.minutes.pk for state in my_meetings},
        "/mitt/": minutes.pk in {m.pk for m in mine},
        "minutes page": bool(detail),
        "queryset": Minutes.objects.awaiting_approval_by(user.person)
        .filter(pk=minutes.pk)
        .exists(),
    }


def _digest_asks(django_capture_on_commit_callbacks) -> set[str]:
    """The addresses whose daily digest asks them to approve minutes."""
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        send_digests(today=timezone.localdate())
    return {m.to[0] for m in mail.outbox if DIGEST_LINE in m.body}


def _desk_waits_on(client, world: World) -> str:
    client.force_login(world.coordinator)
    response = client.get(reverse("desk:desk"))
    client.logout()
    url = world.minutes.get_absolute_url()
    [duty] = [d for s in response.context["sections"] for d in s.duties if d.url == url]
    return duty.waits_on


RULES = [
    pytest.param(MinutesApproval.CHAIR_AND_CHECKER, {"chair", "checker"}, id="chair+checker"),
    pytest.param(MinutesApproval.CHAIR_AND_VICE, {"chair", "vice"}, id="chair+vice"),
    pytest.param(MinutesApproval.CHAIR, {"chair"}, id="chair"),
]


@pytest.mark.parametrize("rule, approvers", RULES)
def test_every_page_asks_exactly_the_approvers_the_groups_rule_names(
    client, structure, django_capture_on_commit_callbacks, rule, approvers
):
    world = World(rule)
    users = world.users()
    for role, user in users.items():
        expected = role in approvers
        answers = _asked_by_the_pages(client, user, world.minutes)
        assert answers == dict.fromkeys(answers, expected), (role, answers)
    asked = _digest_asks(django_capture_on_commit_callbacks)
    assert asked == {users[role].email for role in approvers}
    waits_on = _desk_waits_on(client, world)
    for role, user in users.items():
        assert (user.person.full_name in waits_on) == (role in approvers), (role, waits_on)


class _Undo(Exception):
    pass


def _may_approve(user: User, minutes: Minutes) -> bool:
    """Whether the approval service accepts the user's approval (undone at once)."""
    try:
        with transaction.atomic():
            meeting_services.approve_minutes(minutes=minutes, by=user)
            raise _Undo
    except _Undo:
        return True
    except (PermissionDenied, ValidationError):
        return False


@pytest.mark.parametrize("rule, approvers", RULES)
def test_the_approval_service_accepts_exactly_whom_the_lists_ask(structure, rule, approvers):
    world = World(rule)
    outsider = _user("Otto", "Utomståendesson", world.group)
    for role, user in {
        **world.users(),
        "member": outsider,
        "coordinator": world.coordinator,
    }.items():
        asked = Minutes.objects.awaiting_approval_by(user.person).filter(pk=world.minutes.pk)
        assert _may_approve(user, world.minutes) == asked.exists() == (role in approvers), role
    named = {person.pk for _, person in meeting_services.required_approvers(world.minutes)}
    assert named == {world.users()[role].person_id for role in approvers}


def test_a_vice_chair_is_not_asked_where_the_chair_and_the_justeringsperson_approve(
    client, structure, django_capture_on_commit_callbacks
):
    world = World(MinutesApproval.CHAIR_AND_CHECKER)
    vice = world.vice
    assert not any(_asked_by_the_pages(client, vice, world.minutes).values())
    assert vice.email not in _digest_asks(django_capture_on_commit_callbacks)
    assert vice.person.full_name not in _desk_waits_on(client, world)
    with pytest.raises(PermissionDenied):
        meeting_services.approve_minutes(minutes=world.minutes, by=vice)
    # The positive twin: the justeringsperson, who is neither chair nor vice, is asked.
    assert all(_asked_by_the_pages(client, world.checker, world.minutes).values())


def test_whoever_has_approved_is_asked_no_more_and_the_others_still_are(
    client, structure, django_capture_on_commit_callbacks
):
    world = World(MinutesApproval.CHAIR_AND_VICE)
    meeting_services.approve_minutes(minutes=world.minutes, by=world.chair)
    assert not any(_asked_by_the_pages(client, world.chair, world.minutes).values())
    assert all(_asked_by_the_pages(client, world.vice, world.minutes).values())
    assert _digest_asks(django_capture_on_commit_callbacks) == {world.vice.email}
    waits_on = _desk_waits_on(client, world)
    assert world.vice.person.full_name in waits_on
    assert world.chair.person.full_name not in waits_on


def test_the_chair_on_the_meeting_day_approves_not_a_later_one(
    client, structure, django_capture_on_commit_callbacks
):
    world = World(MinutesApproval.CHAIR)
    later = person("Lennart", last_name="Senaresson")
    seat(later, world.group.slug, position=Position.CHAIR, start_date=timezone.localdate())
    later_user = User.objects.create_user(
        "lennart", password=PASSWORD, person=later, email=later.email
    )
    assert not any(_asked_by_the_pages(client, later_user, world.minutes).values())
    assert all(_asked_by_the_pages(client, world.chair, world.minutes).values())
    assert _digest_asks(django_capture_on_commit_callbacks) == {world.chair.email}


# --- Which principals still owe a decision (R-C4, R-C6) ---------------------------------------


class Decisions:
    """Recommendations of a recommending group, expedited well past the reminder period and
    addressed to two principals: `first` wait on both, `second` on the other only (the first
    principal decided), `third` on none. One adopted but not expedited, addressed to both, waits
    on nobody yet; an own decision of the council that decides itself never does."""

    def __init__(self):
        self.coordinator = coordinator_user()
        self.group = Group.objects.filter(gives_recommendations=True).order_by("order").first()
        self.one, self.other = Principal.objects.order_by("name")[:2]
        council = Group.objects.filter(decides_itself=True).order_by("order").first()
        self.submitter = person("Sara", last_name="Inlämnarsson")
        for group in (self.group, council):
            seat(self.submitter, group.slug)
        self.days = iter(range(1, 100))
        expedited_at = timezone.now() - datetime.timedelta(days=90)
        self.first = self._recommendation("Första", expedited_at)
        self.second = self._recommendation("Andra", expedited_at)
        self.third = self._recommendation("Tredje", expedited_at)
        self.unexpedited = self._recommendation("Ej expedierad", None)
        self._decide(self.second, self.one)
        self._decide(self.third, self.one)
        self._decide(self.third, self.other)
        self.own = self._adopt(council, "Eget beslut")

    def _adopt(self, group: Group, title: str) -> Recommendation:
        day = timezone.localdate() - datetime.timedelta(days=200 - next(self.days))
        meeting = meeting_services.book_meeting(
            group=group,
            starts_at=datetime.datetime.combine(day, datetime.time(9), TZ),
            ends_at=datetime.datetime.combine(day, datetime.time(12), TZ),
            form="video",
            link="https://video.example/m",
            by=self.coordinator,
        )
        case = case_services.raise_case(
            group=group,
            by=self.coordinator,
            submitted_by=self.submitter,
            title=f"Ärende {title}",
            description="Beskrivning.",
            proposal="Förslag.",
            raised_on=day,
        )
        return case_services.adopt_recommendation(
            case=case,
            meeting=meeting,
            by=self.coordinator,
            title=title,
            decisions="att göra något",
            principals=[self.one, self.other],
        )

    def _recommendation(self, title: str, expedited_at) -> Recommendation:
        recommendation = self._adopt(self.group, title)
        if expedited_at is not None:
            case_services.expedite(
                recommendation=recommendation, by=self.coordinator, at=expedited_at
            )
        return recommendation

    def _decide(self, recommendation: Recommendation, principal: Principal) -> None:
        case_services.register_decision(
            addressee=Addressee.objects.get(recommendation=recommendation, principal=principal),
            by=self.coordinator,
            outcome=DecisionOutcome.APPROVED,
            body=DecisionBody.objects.filter(principal=principal).first(),
            decided_on=timezone.localdate() - datetime.timedelta(days=10),
            reference="§ 1",
        )

    def owing(self) -> set[tuple[str, str]]:
        """(principal, recommendation) of every decision still owed: what every page must say."""
        return {
            (self.one.name, self.first.title),
            (self.other.name, self.first.title),
            (self.other.name, self.second.title),
        }


def test_the_desk_the_inboxes_mitt_and_the_public_pages_agree_on_who_still_owes_a_decision(
    client, structure
):
    world = Decisions()
    owing = world.owing()

    assert {
        (a.principal.name, a.recommendation.title)
        for a in Addressee.objects.waiting().select_related("principal", "recommendation")
    } == owing

    client.force_login(world.coordinator)
    desk = client.get(reverse("desk:desk"))
    decisions = [d for s in desk.context["sections"] for d in s.duties if d.kind == "decision"]
    on_desk = {
        (name, duty.title.split(": ", 1)[1])
        for duty in decisions
        for name in duty.waits_on.removeprefix("Registratorer: ").split(", ")
    }
    assert on_desk == owing, decisions
    inbox = client.get(reverse("cases:registrar_inbox")).context["waiting"]
    assert {(a.principal.name, a.recommendation.title) for a in inbox} == owing
    client.logout()

    for principal in (world.one, world.other):
        owed_here = {title for name, title in owing if name == principal.name}
        registrar = registrar_user(f"reg{principal.pk}", principal=principal.slug)
        client.force_login(registrar)
        inbox = client.get(reverse("cases:registrar_inbox")).context["waiting"]
        assert {a.recommendation.title for a in inbox} == owed_here
        mine = client.get(reverse("desk:mine")).context["page"].awaiting_decision
        assert {a.recommendation.title for a in mine} == owed_here
        client.logout()
        page = client.get(reverse("structure:principal_detail", args=[principal.slug]))
        assert {o.recommendation.title for o in page.context["owed"]} == owed_here
        filtered = client.get(
            reverse("cases:recommendation_list"), {"principal": principal.pk, "status": "vantar"}
        )
        assert {rec.title for rec, _, _ in filtered.context["entries"]} == owed_here

    public = client.get(reverse("cases:recommendation_list"), {"status": "vantar"})
    waiting = {rec.title: rec.waiting for rec, _, _ in public.context["entries"]}
    assert waiting == {world.first.title: 2, world.second.title: 1}
    done = client.get(reverse("cases:recommendation_list"), {"status": "klar"})
    assert {rec.title for rec, _, _ in done.context["entries"]} == {world.third.title}
    for recommendation in (world.first, world.second, world.third):
        detail = client.get(reverse("cases:recommendation_detail", args=[recommendation.pk]))
        owed_by = {e.principal.name for e in detail.context["entries"] if e.decision is None}
        addressed = {world.one.name, world.other.name}
        waiting_here = {name for name, title in owing if title == recommendation.title}
        assert owed_by & addressed == waiting_here
        assert detail.context["rec"].waiting == len(waiting_here)
    for hidden in (world.unexpedited, world.own):
        url = reverse("cases:recommendation_detail", args=[hidden.pk])
        assert client.get(url).status_code == 404


# --- Which working groups' reports are due (R-F1) ---------------------------------------------


def test_the_desk_and_the_annual_cycle_read_due_working_groups_from_the_model(client, structure):
    group = Group.objects.filter(gives_recommendations=True).order_by("order").first()
    convener = person("Greta", last_name="Sammankallandesson")
    today = timezone.localdate()
    for name, days, status in (
        ("AG sen", -3, Status.SET_UP),
        ("AG snart", 10, Status.EXTENDED),
        ("AG senare", 60, Status.SET_UP),
        ("AG levererad", -5, Status.DELIVERED),
        ("AG avslutad", 5, Status.CLOSED),
    ):
        WorkingGroup.objects.create(
            name=name,
            assignment="x",
            set_up_by=group,
            set_up_on=today - datetime.timedelta(days=200),
            decision_reference="§ 1",
            convener=convener,
            due_on=today + datetime.timedelta(days=days),
            reports_to=group,
            status=status,
        )
    due = WorkingGroup.objects.due_by(today + datetime.timedelta(days=DELIVERY_NOTICE_DAYS))
    assert set(due.values_list("name", flat=True)) == {"AG sen", "AG snart"}

    client.force_login(coordinator_user())
    desk = client.get(reverse("desk:desk"))
    on_desk = {d.title for s in desk.context["sections"] for d in s.duties}
    assert {t for t in on_desk if t.startswith("Leverans från")} == {
        f"Leverans från arbetsgruppen {name}" for name in due.values_list("name", flat=True)
    }
    for year in (today.year, today.year + 1):
        in_cycle = {e.title for e in annual_cycle(year, internal=True) if e.kind == "delivery"}
        expected = WorkingGroup.objects.open().filter(due_on__year=year)
        assert in_cycle == {f"Leverans från {w.name}" for w in expected}, year
