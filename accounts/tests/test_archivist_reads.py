"""The archivist reads every group's material and changes nothing (issue 21): the rule is
`permissions.viewing_group_ids`; minutes, cases and search ask it in SQL. Every read test has a
twin (a member of another group does not see it); every refused write has a twin (the
coordinator may)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from accounts import permissions
from accounts.models import User
from cases.models import Case, CaseStatus
from cases.selectors import visible_cases
from meetings.models import Minutes
from structure.models import Group, Principal
from testing import builders as b


@pytest.fixture
def world(structure):
    coordinator = b.coordinator_user()
    checker = b.member_user("justus", "lsg")
    meeting = b.meeting("lsg", datetime.date(2026, 3, 5))
    minutes = b.minutes_in_approval(meeting, checker=checker.person, summary="OJUSTERAD-TEXT")
    case = b.case("lsg", by=coordinator, title="INTERNT-ARENDE")
    return {
        "coordinator": coordinator,
        "archivist": User.objects.create_user("arkivarie", password=b.PASSWORD, is_archivist=True),
        "outsider": b.member_user("olle", "samrad"),
        "lsg": Group.objects.get(slug="lsg"),
        "minutes": minutes,
        "case": case,
    }


def test_the_archivist_may_view_every_groups_internal_material(world):
    archivist, outsider, lsg = world["archivist"], world["outsider"], world["lsg"]
    assert permissions.viewing_group_ids(archivist) is None
    assert permissions.can_view_internal(archivist, lsg)
    assert not permissions.can_view_internal(outsider, lsg)
    assert world["minutes"] in Minutes.objects.visible_to(archivist)
    assert world["minutes"] not in Minutes.objects.visible_to(outsider)
    assert world["case"] in visible_cases(archivist)
    assert world["case"] not in visible_cases(outsider)


def test_the_archivist_acts_nowhere_and_sees_no_contact_details(world):
    archivist, lsg = world["archivist"], world["lsg"]
    assert permissions.acting_group_ids(archivist) == set()
    for rule in (permissions.can_act_in, permissions.can_view_contact_details):
        assert not rule(archivist, lsg)
        assert rule(world["coordinator"], lsg)
    assert not permissions.can_raise_cases(archivist)
    assert not permissions.can_manage_meetings(archivist, lsg)
    assert not permissions.can_route_cases(archivist)


def test_the_archivist_reads_the_case_page_without_its_forms(client, world):
    case = world["case"]
    route = reverse("cases:case_route", args=[case.pk])
    client.force_login(world["outsider"])
    assert client.get(reverse("cases:case_detail", args=[case.pk])).status_code == 404
    client.force_login(world["archivist"])
    page = client.get(reverse("cases:case_detail", args=[case.pk]))
    assert page.status_code == 200 and "INTERNT-ARENDE" in page.content.decode()
    assert route not in page.content.decode()
    assert "INTERNT-ARENDE" in client.get(reverse("cases:case_list")).content.decode()
    client.force_login(world["coordinator"])
    assert route in client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()


def test_the_archivist_writes_nothing_where_the_coordinator_may(client, world):
    case = world["case"]
    storuman = Principal.objects.get(slug="storuman")
    route = reverse("cases:case_route", args=[case.pk])
    data = {"route-local_principal": storuman.pk, "route-note": "Lokalt."}
    client.force_login(world["archivist"])
    assert client.post(route, data).status_code == 403
    assert client.get(reverse("cases:case_create")).status_code == 403
    assert (
        client.get(
            reverse("meetings:meeting_manage", args=[world["minutes"].meeting_id])
        ).status_code
        == 403
    )
    assert Case.objects.get(pk=case.pk).status == CaseStatus.OPEN
    client.force_login(world["coordinator"])
    assert client.post(route, data).status_code == 302
    assert Case.objects.get(pk=case.pk).status == CaseStatus.LOCAL


def test_the_archivist_finds_internal_cases_in_search(client, world):
    # The case was indexed when it was saved (searchpage.signals).
    client.force_login(world["outsider"])
    assert "INTERNT-ARENDE" not in client.get("/sok/", {"q": "internt"}).content.decode()
    client.force_login(world["archivist"])
    assert "INTERNT-ARENDE" in client.get("/sok/", {"q": "internt"}).content.decode()


def test_every_menu_page_answers_the_archivist(client, world):
    import re

    client.force_login(world["archivist"])
    start = client.get("/").content.decode()
    nav = start[start.index("<nav") : start.index("</nav>")]
    links = sorted(set(re.findall(r'href="(/[^"#?]*)"', nav)))
    assert "/arkiv/" in links and "/arenden/" in links
    for link in links:
        assert client.get(link).status_code == 200, link
