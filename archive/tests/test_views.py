"""The archive page (/arkiv/): who sees it, starting an export by POST, bad input, download.

Attacker tests (anonymous, an ordinary member, a registrar) each have a positive twin (the
coordinator, the archivist)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from accounts.models import User
from archive.models import Delivery
from structure.models import County, Group
from testing import builders as b

YEAR = 2025


@pytest.fixture
def world(structure, settings, tmp_path):
    settings.ARCHIVE_ROOT = tmp_path / "arkiv"
    County.objects.update(organisation_number="232100-0222")
    b.meeting("lsg", datetime.date(YEAR, 3, 5))
    return {
        "coordinator": b.coordinator_user(),
        "archivist": User.objects.create_user("arkivarie", password=b.PASSWORD, is_archivist=True),
        "member": b.member_user("alice", "lsg"),
        "registrar": b.registrar_user(),
        "lsg": Group.objects.get(slug="lsg"),
    }


def _post(client, group, year=YEAR):
    return client.post(reverse("archive:export"), {"group": group.pk, "year": year})


def test_anonymous_is_sent_to_sign_in_and_nothing_is_exported(client, world):
    response = client.get(reverse("archive:delivery_list"))
    assert response.status_code == 302 and "next=" in response["Location"]
    response = _post(client, world["lsg"])
    assert response.status_code == 302
    assert not Delivery.objects.exists()


@pytest.mark.parametrize("who", ["member", "registrar"])
def test_an_ordinary_member_or_registrar_may_neither_see_nor_export(client, world, who):
    client.force_login(world[who])
    assert client.get(reverse("archive:delivery_list")).status_code == 403
    assert reverse("archive:delivery_list") not in client.get("/").content.decode()
    assert _post(client, world["lsg"]).status_code == 403
    assert not Delivery.objects.exists()


@pytest.mark.parametrize("who", ["coordinator", "archivist"])
def test_the_coordinator_and_the_archivist_export_and_see_the_delivery(client, world, who):
    client.force_login(world[who])
    page = client.get(reverse("archive:delivery_list"))
    assert page.status_code == 200
    assert "Inga leveranser än." in page.content.decode()
    # Both find the page in the main menu (a member, above, has no such link).
    assert 'aria-current="page">Arkivleveranser</a>' in page.content.decode()
    response = _post(client, world["lsg"])
    assert response.status_code == 302
    delivery = Delivery.objects.get()
    assert delivery.exported_by == world[who]
    page = client.get(reverse("archive:delivery_list")).content.decode()
    assert delivery.sha256 in page and "Första leveransen" in page
    download = client.get(reverse("archive:download", args=[delivery.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content)[:2] == b"PK"


def test_a_second_export_is_marked_as_the_same_content(client, world):
    client.force_login(world["archivist"])
    _post(client, world["lsg"])
    _post(client, world["lsg"])
    first, second = Delivery.objects.order_by("pk")
    assert first.sha256 == second.sha256
    assert "Samma innehåll" in client.get(reverse("archive:delivery_list")).content.decode()


def test_an_ordinary_member_cannot_download_a_delivery(client, world):
    client.force_login(world["coordinator"])
    _post(client, world["lsg"])
    delivery = Delivery.objects.get()
    client.force_login(world["member"])
    assert client.get(reverse("archive:download", args=[delivery.pk])).status_code == 403


@pytest.mark.parametrize(
    "data, error",
    [
        ({"group": "", "year": YEAR}, "Välj en grupp."),
        ({"group": "123456789012345678", "year": YEAR}, "Välj en grupp i listan."),
        ({"group": "lsg", "year": YEAR}, "Välj en grupp i listan."),
        ({"year": "tjugohundra"}, "Ange året med fyra siffror"),
        ({"year": "1999"}, "Ange ett år från 2000 och framåt."),
        ({"year": "123456"}, "Ange året med fyra siffror"),
        ({"year": "CURRENT"}, "har inte tagit slut"),
        ({"year": "2019"}, "inget att leverera"),
    ],
)
def test_bad_input_is_a_swedish_form_error_that_keeps_what_was_typed(client, world, data, error):
    client.force_login(world["coordinator"])
    data = {"group": world["lsg"].pk, **data}
    if data["year"] == "CURRENT":
        data["year"] = str(datetime.date.today().year)
    response = client.post(reverse("archive:export"), data)
    assert response.status_code == 400
    content = response.content.decode()
    assert error in content
    assert f'value="{data["year"]}"' in content
    assert not Delivery.objects.exists()


def test_numbers_too_big_for_the_database_are_refused_before_the_form(client, world):
    client.force_login(world["coordinator"])
    for data in ({"group": "9" * 25, "year": YEAR}, {"group": world["lsg"].pk, "year": "9" * 25}):
        response = client.post(reverse("archive:export"), data)
        assert response.status_code == 400
    assert not Delivery.objects.exists()


def test_export_answers_only_post(client, world):
    client.force_login(world["coordinator"])
    assert client.get(reverse("archive:export")).status_code == 405


def test_an_inactive_archivist_may_not_export(world):
    from accounts import permissions

    archivist = world["archivist"]
    assert permissions.can_export_archive(archivist)
    archivist.is_active = False
    assert not permissions.can_export_archive(archivist)


def test_the_page_reads_the_deliveries_in_a_fixed_number_of_queries(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world["coordinator"])
    _post(client, world["lsg"])
    client.get(reverse("archive:delivery_list"))  # warm the session and caches
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("archive:delivery_list"))
    for _ in range(4):
        _post(client, world["lsg"])
    with CaptureQueriesContext(connection) as five:
        page = client.get(reverse("archive:delivery_list"))
    assert len(five) == len(one) <= 12
    assert page.content.decode().count("Samma innehåll") == 4
