"""The groups the product treats in their own way are marked in the structure data
(`special_role`), never found by their slug: another region's file gives the role to its own
group, and a renamed slug changes nothing (R-C6, R-G6)."""

from __future__ import annotations

import copy
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from annualcycle.selectors import annual_cycle
from lib.dates import TZ
from meetings import services as meeting_services
from opendata import catalogue
from structure.loader import StructureDataError, load_structure, read_data_file
from structure.models import Group, SpecialRole
from testing.builders import coordinator_user

COMPILATION = reverse("cases:patient_safety_compilation")


def _council(role: str) -> Group:
    return Group.objects.with_role(role).get()


def test_the_data_file_gives_each_role_to_one_group(structure):
    assert _council(SpecialRole.PATIENT_SAFETY).name == "Samverkansråd patientsäkerhet"
    assert _council(SpecialRole.ASSISTIVE_DEVICES).name == "Hjälpmedelsrådet"
    assert Group.objects.exclude(special_role="").count() == 2


def test_a_role_added_to_the_file_reaches_an_existing_database(structure):
    council = _council(SpecialRole.PATIENT_SAFETY)
    Group.objects.filter(pk=council.pk).update(special_role="")
    load_structure(read_data_file())  # without --update, as `make run` does
    council.refresh_from_db()
    assert council.special_role == SpecialRole.PATIENT_SAFETY


def test_the_file_does_not_take_a_role_back_from_the_group_a_coordinator_gave_it(structure):
    council = _council(SpecialRole.PATIENT_SAFETY)
    other = Group.objects.filter(special_role="").order_by("order").first()
    Group.objects.filter(pk=council.pk).update(special_role="")
    Group.objects.filter(pk=other.pk).update(special_role=SpecialRole.PATIENT_SAFETY)
    load_structure(read_data_file())
    assert _council(SpecialRole.PATIENT_SAFETY) == other


def test_two_groups_with_the_same_role_are_refused(structure):
    data = copy.deepcopy(read_data_file())
    roles = [g for g in data["groups"] if g.get("special_role")]
    roles[1]["special_role"] = roles[0]["special_role"]
    with pytest.raises(StructureDataError, match="bara ges till en grupp"):
        load_structure(data)
    second = Group.objects.filter(special_role="").order_by("order").first()
    second.special_role = _council(SpecialRole.PATIENT_SAFETY).special_role
    with pytest.raises(ValidationError, match="redan den särskilda rollen"):
        second.full_clean()


def test_an_unknown_role_is_refused(structure):
    data = copy.deepcopy(read_data_file())
    data["groups"][0]["special_role"] = "kungens_rad"
    with pytest.raises(StructureDataError, match="okänd roll"):
        load_structure(data)


def test_the_compilation_follows_the_role_not_the_slug(client, structure):
    council = _council(SpecialRole.PATIENT_SAFETY)
    Group.objects.filter(pk=council.pk).update(slug="radet-for-patientsakerhet")
    response = client.get(COMPILATION)
    assert response.status_code == 200 and response.context["group"] == council
    assert client.get("/api/v1/patient-safety/compilation").status_code == 200
    Group.objects.filter(pk=council.pk).update(special_role="")
    assert client.get(COMPILATION).status_code == 404


def test_only_the_role_holder_links_its_compilation_from_its_page(client, structure):
    council = _council(SpecialRole.PATIENT_SAFETY)
    other = Group.objects.filter(special_role="").order_by("order").first()
    assert COMPILATION in client.get(council.get_absolute_url()).content.decode()
    assert COMPILATION not in client.get(other.get_absolute_url()).content.decode()


def test_the_annual_cycle_marks_the_role_holders_meetings(structure):
    council = _council(SpecialRole.PATIENT_SAFETY)
    other = Group.objects.filter(special_role="", meetings_min__gt=0).order_by("order").first()
    coordinator = coordinator_user()
    for group, month in ((council, 3), (other, 4)):
        meeting_services.book_meeting(
            group=group,
            starts_at=datetime.datetime(2026, month, 10, 9, tzinfo=TZ),
            ends_at=datetime.datetime(2026, month, 10, 12, tzinfo=TZ),
            form="video",
            link="https://video.example/m",
            by=coordinator,
        )
    compiling = [e for e in annual_cycle(2026, internal=False) if "sammanställer" in e.title]
    assert [e.day for e in compiling] == [datetime.date(2026, 3, 10)]


def test_the_open_data_catalogue_names_the_council_that_decides_itself(structure):
    council = _council(SpecialRole.ASSISTIVE_DEVICES)
    Group.objects.filter(pk=council.pk).update(slug="hjalpmedel")
    [dataset] = [d for d in catalogue.datasets() if d.key == "egna-beslut"]
    assert council.name in dataset.title
    assert dataset.distributions[0].url == "/api/v1/groups/hjalpmedel/own-decisions"
    Group.objects.filter(pk=council.pk).update(special_role="")
    assert "egna-beslut" not in {d.key for d in catalogue.datasets()}
