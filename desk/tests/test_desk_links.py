"""The desk leads somewhere: each row links to the page where the coordinator acts on it, every
link answers 200 for the coordinator, and a row waiting on the coordinator says it waits on
them, not on "Regional koordinator" (#18)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from desk import duties
from desk import selectors as desk_selectors
from desk import services as desk_services
from structure.models import Position
from testing import builders
from testing.html import elements, links, visible_text
from testing.queries import signed_in


@pytest.fixture
def coordinator(structure):
    return builders.coordinator_user()


@pytest.fixture
def adopted(coordinator):
    """A recommendation adopted and not yet expedited: not public."""
    case = builders.case(by=coordinator)
    return builders.recommendation(case, by=coordinator, principals=("umea",))


def _row_link(html, title_part) -> str:
    (row,) = [tr for tr in html.split("<tr") if title_part in tr]
    (href,) = links(row)
    return href


def test_the_expedite_row_opens_the_expedition_preview(coordinator, adopted):
    client = signed_in(coordinator)
    html = client.get(reverse("desk:desk")).content.decode()
    href = _row_link(html, f"Expediera rekommendationen {adopted.title}")
    assert href == reverse("cases:expedite_preview", args=[adopted.pk])
    response = client.get(href)
    assert response.status_code == 200
    # The public page of the recommendation is not there yet: the old link led to a 404.
    assert client.get(adopted.get_absolute_url()).status_code == 404


def _row_text(html, title_part) -> str:
    (row,) = [tr for tr in html.split("<tr") if title_part in tr]
    return visible_text(row)


def test_a_row_waiting_on_the_coordinator_says_it_waits_on_them(coordinator, adopted):
    html = signed_in(coordinator).get(reverse("desk:desk")).content.decode()
    row = _row_text(html, f"Expediera rekommendationen {adopted.title}")
    assert f"Expediera rekommendationen {adopted.title} Dig " in row
    assert duties.COORDINATOR not in visible_text(html)


def test_a_row_waiting_on_someone_else_still_names_them(coordinator, structure):
    """The twin: minutes waiting on their approvers name the approvers, not "Dig"."""
    chair = builders.member_user("alice", "lsg", position=Position.CHAIR)
    builders.minutes_in_approval(
        builders.meeting("lsg", timezone.localdate() - datetime.timedelta(weeks=6)),
        checker=chair.person,
    )
    html = signed_in(coordinator).get(reverse("desk:desk")).content.decode()
    row = _row_text(html, "Minnesanteckningar ej justerade")
    assert f"{chair.person.full_name} (ordförande)" in row and "Dig" not in row


def test_the_digest_tells_the_coordinator_it_waits_on_them(coordinator, adopted):
    today = timezone.localdate() + datetime.timedelta(days=30)
    lines = desk_services.items_for(coordinator, today, desk_selectors.all_duties(today))
    (line,) = [line for line in lines if adopted.title in line]
    assert "väntar på dig" in line and duties.COORDINATOR not in line


def test_every_link_on_the_desk_answers_200_for_the_coordinator(coordinator, adopted):
    # Rows of several kinds: an unexpedited recommendation, minutes waiting for approval, a
    # meeting without kallelse, an expedited recommendation waiting on its principals.
    chair = builders.member_user("alice", "lsg", position=Position.CHAIR)
    builders.minutes_in_approval(
        builders.meeting("lsg", timezone.localdate() - datetime.timedelta(weeks=6)),
        checker=chair.person,
    )
    builders.meeting("lsg", timezone.localdate() + datetime.timedelta(days=3))
    builders.recommendation(
        builders.case("samrad", by=coordinator, title="Annat ärende"),
        by=coordinator,
        principals=("vannas",),
        expedited=True,
        day=timezone.localdate() - datetime.timedelta(days=200),
    )
    client = signed_in(coordinator)
    html = client.get(reverse("desk:desk")).content.decode()
    rows = [th for th in elements(html, "th") if th.attrs.get("scope") == "row"]
    assert len(rows) >= 3
    hrefs = links(html)
    assert reverse("cases:expedite_preview", args=[adopted.pk]) in hrefs
    broken = {}
    for href in hrefs:
        status = client.get(href).status_code
        if status != 200:
            broken[href] = status
    assert broken == {}
