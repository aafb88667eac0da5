"""Every link on the desk, on Mitt and in the daily digest answers 200 for the person it is
shown to: the coordinator, a chair, a member and a registrar (#18). And the chair's Mitt says
when a meeting's last day for papers has passed."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from desk.services import send_digests
from onboarding import services as onboarding
from structure.models import Group, MembershipKind, Position, Principal
from testing import builders
from testing.html import duplicate_ids, links, visible_text
from testing.queries import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(structure):
    """A little of everything the desk, Mitt and the digest show."""
    today = timezone.localdate()
    coordinator = builders.coordinator_user()
    chair = builders.member_user("olle", "lsg", position=Position.CHAIR)
    member = builders.member_user("alice", "lsg")
    registrar = builders.registrar_user("rita", principal="umea")
    # A coming LSG meeting whose last day for papers has passed, without kallelse.
    builders.meeting("lsg", today + datetime.timedelta(days=2))
    # Minutes waiting for the member's approval.
    builders.minutes_in_approval(
        builders.meeting("lsg", today - datetime.timedelta(weeks=6)), checker=member.person
    )
    # A recommendation to expedite and one the registrar's principal has not decided on.
    builders.recommendation(builders.case(by=coordinator), by=coordinator, principals=("umea",))
    waiting = builders.recommendation(
        builders.case("samrad", by=coordinator, title="Annat ärende"),
        by=coordinator,
        principals=("umea",),
        expedited=True,
        day=today - datetime.timedelta(days=200),
        title="Rek väntar",
    )
    # Expedited long enough ago that the registrar is reminded (DECISION_REMINDER_DAYS).
    type(waiting).objects.filter(pk=waiting.pk).update(
        expedited_at=timezone.now() - datetime.timedelta(days=200)
    )
    # A new member reported by the member: an onboarding row.
    onboarding.report_new_member(
        by=member,
        group=Group.objects.get(slug="lsg"),
        first_name="Nina",
        last_name="Ny",
        email="nina@test.example",
        principal=Principal.objects.get(slug="umea"),
        kind=MembershipKind.ORDINARY,
    )
    return {"coordinator": coordinator, "chair": chair, "member": member, "registrar": registrar}


def _main(html: str) -> str:
    """The page's own content (the header's menu is the site's, tested elsewhere)."""
    return html[html.index("<main") : html.index("</main>")]


def _broken(client, hrefs) -> dict[str, int]:
    broken = {}
    for href in hrefs:
        path = href.split("#")[0]
        status = client.get(path).status_code
        if status != 200:
            broken[href] = status
    return broken


def test_every_link_on_the_desk_answers_200_for_the_coordinator(world):
    client = signed_in(world["coordinator"])
    html = client.get(reverse("desk:desk")).content.decode()
    assert duplicate_ids(html) == []
    hrefs = links(_main(html))
    kinds = {
        "/revisioner/?grupp=": "review",
        "/beslut/": "expedite",
        "/nya-ledamoter/": "onboarding",
        "/moten/ny/?grupp=": "booking",
        "/hantera/": "kallelse",
    }
    for part in kinds:
        assert any(part in h for h in hrefs), part
    assert _broken(client, hrefs) == {}


@pytest.mark.parametrize("role", ["coordinator", "chair", "member", "registrar"])
def test_every_link_on_mitt_answers_200_for_its_owner(world, role):
    client = signed_in(world[role])
    html = client.get(reverse("desk:mine")).content.decode()
    hrefs = links(_main(html))
    if role != "coordinator":
        assert hrefs
    assert _broken(client, hrefs) == {}


def test_every_link_in_the_digest_answers_200_for_its_reader(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_digests(today=timezone.localdate())
    by_address = {m.to[0]: m.body for m in mail.outbox}
    readers = {role: world[role] for role in ("coordinator", "chair", "member", "registrar")}
    assert set(by_address) == {user.email for user in readers.values()}
    for role, user in readers.items():
        urls = re.findall(r"https?://\S+", by_address[user.email])
        assert len(urls) >= 2, role
        paths = [
            urlsplit(url).path + (f"?{urlsplit(url).query}" if urlsplit(url).query else "")
            for url in urls
        ]
        assert _broken(signed_in(user), paths) == {}, role


def test_the_chairs_mitt_says_the_paper_deadline_has_passed(world):
    text = visible_text(signed_in(world["chair"]).get(reverse("desk:mine")).content)
    assert "sista dag för underlag" in text and "har passerat" in text


def test_a_deadline_still_ahead_is_not_said_to_have_passed(structure):
    """The twin: a chair whose meeting is two months away."""
    chair = builders.member_user("olle", "lsg", position=Position.CHAIR)
    builders.meeting("lsg", timezone.localdate() + datetime.timedelta(days=60))
    text = visible_text(signed_in(chair).get(reverse("desk:mine")).content)
    assert "Möten jag förbereder som ordförande" in text
    assert "har passerat" not in text


def test_the_chairs_digest_says_the_paper_deadline_has_passed(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_digests(today=timezone.localdate())
    (body,) = [m.body for m in mail.outbox if m.to == [world["chair"].email]]
    assert "sista dag för underlag" in body and "har passerat" in body
