"""The Västerbotten structure data file and its idempotent loader (R-P1–P4, R-G1, R-G7), and
another county's file (issue 17)."""

import copy
import datetime

import pytest
from django.core.management import call_command

from structure.loader import StructureDataError, load_structure, read_data_file
from structure.models import (
    ChairRule,
    County,
    DecisionBody,
    GeographicGrouping,
    Group,
    GroupKind,
    Mandate,
    Principal,
    StructurePeriod,
)
from testing import counties

OFFICIAL_CODES = {
    "Region Västerbotten": "24",
    "Nordmaling": "2401",
    "Bjurholm": "2403",
    "Vindeln": "2404",
    "Robertsfors": "2409",
    "Norsjö": "2417",
    "Malå": "2418",
    "Storuman": "2421",
    "Sorsele": "2422",
    "Dorotea": "2425",
    "Vännäs": "2460",
    "Vilhelmina": "2462",
    "Åsele": "2463",
    "Umeå": "2480",
    "Lycksele": "2481",
    "Skellefteå": "2482",
}


def snapshot():
    return {
        model.__name__: model.objects.count()
        for model in (Principal, GeographicGrouping, Group, Mandate, DecisionBody, StructurePeriod)
    }


def test_all_sixteen_principals_with_official_codes(structure):
    assert dict(Principal.objects.values_list("name", "code")) == OFFICIAL_CODES


def test_municipalities_are_in_the_three_geographic_groupings(structure):
    groups = {
        g.name: sorted(g.principals.values_list("name", flat=True))
        for g in GeographicGrouping.objects.all()
    }
    assert groups == {
        "Umeåregionen": ["Bjurholm", "Nordmaling", "Robertsfors", "Umeå", "Vindeln", "Vännäs"],
        "Skellefteå–Norsjö": ["Norsjö", "Skellefteå"],
        "Södra Lappland": [
            "Dorotea",
            "Lycksele",
            "Malå",
            "Sorsele",
            "Storuman",
            "Vilhelmina",
            "Åsele",
        ],
    }
    assert Principal.objects.get(code="24").grouping is None


def test_every_group_of_the_spec_is_there_with_its_rules(structure):
    lsg = Group.objects.get(slug="lsg")
    assert lsg.reports_to.slug == "samrad"
    assert (lsg.meetings_min, lsg.paper_deadline_days) == (3, 10)
    assert lsg.minutes_approval == "chair_and_checker"
    assert lsg.ex_officio_from.slug == "hjalpmedelsradet"
    assert Group.objects.get(slug="samrad-au").paper_deadline_days == 6
    assert Group.objects.get(slug="lsg-au").meeting_form == "digital"
    for slug in ("beredning-barn-och-unga", "beredning-vuxna-och-aldre"):
        b = Group.objects.get(slug=slug)
        assert (b.meetings_min, b.meetings_max, b.paper_deadline_days) == (4, 6, 7)
        assert b.seat_rule == {"per_side": {"municipality": 6, "region": 4}, "per_grouping": 2}
    ps = Group.objects.get(slug="samverkansrad-patientsakerhet")
    assert (ps.paper_deadline_days, ps.paper_deadline_unit) == (14, "calendar_days")
    assert ps.minutes_approval == "chair"
    hmr = Group.objects.get(slug="hjalpmedelsradet")
    assert hmr.decides_itself and hmr.minutes_approval == "chair_and_vice"
    assert hmr.nomination_years == 4 and hmr.seat_rule["co_opted"] == 3
    assert Group.objects.get(slug="ledningsseminarium").meetings_min == 1
    assert Group.objects.filter(kind=GroupKind.LOCAL_COLLABORATION).count() == 15
    assert Group.objects.filter(kind=GroupKind.PUBLIC_HEALTH_COMMITTEE).count() == 3


def test_every_group_has_a_mandate_with_assignment_mandate_and_reporting_path(structure):
    for group in Group.objects.all():
        mandate = group.mandates.get()
        assert mandate.assignment and mandate.mandate and mandate.reporting_path, group


def test_loading_twice_creates_nothing_new(structure):
    before = snapshot()
    result = load_structure(read_data_file())
    assert result.total_created == 0
    assert snapshot() == before


def test_reloading_keeps_a_coordinators_edits_unless_asked_to_update(structure):
    Group.objects.filter(slug="lsg").update(meetings_min=5)
    load_structure(read_data_file())
    assert Group.objects.get(slug="lsg").meetings_min == 5
    load_structure(read_data_file(), update=True)
    assert Group.objects.get(slug="lsg").meetings_min == 3


def test_command_reports_in_swedish(empty_database, capsys):
    call_command("load_structure")
    assert "16 nya huvudmän" in capsys.readouterr().out
    call_command("load_structure")
    assert "inget ändrades" in capsys.readouterr().out


def test_a_broken_file_is_refused_and_nothing_is_written(empty_database):
    data = copy.deepcopy(read_data_file())
    data["groups"][3]["reports_to"] = "finns-inte"
    with pytest.raises(StructureDataError, match="okänd grupp 'finns-inte'"):
        load_structure(data)
    assert Principal.objects.count() == 0  # the whole load is one transaction


def test_an_invalid_seat_rule_in_the_file_is_refused(empty_database):
    data = copy.deepcopy(read_data_file())
    data["groups"][1]["seat_rule"] = {"platser": 3}
    with pytest.raises(StructureDataError, match="Okända nycklar"):
        load_structure(data)


# --- Another county's file (issue 17) -------------------------------------------------------

FICTIONAL = counties.fictional()


def test_the_county_is_loaded_from_its_section_with_derived_defaults(empty_database):
    load_structure(FICTIONAL)
    county = County.objects.get()
    assert (county.name, county.short_name, county.code) == ("Fjällmarks län", "Fjällmark", "27")
    assert county.collaboration_name == "Samverkan hälsa och omsorg Fjällmark"
    assert county.kolada_area == "0027"  # "00" + the county code when the file leaves it out
    assert county.calendar_domain == ""  # the site's host name is used
    assert Principal.objects.count() == 8


def test_the_builtin_file_keeps_its_calendar_domain_so_subscribed_uids_stay(structure):
    assert County.objects.get().calendar_domain == "samverkan.vasterbotten"


def test_a_region_whose_code_is_not_the_county_code_is_refused(empty_database):
    data = copy.deepcopy(FICTIONAL)
    data["principals"][0]["code"] = "26"
    with pytest.raises(StructureDataError, match="länskoden 27"):
        load_structure(data)


def test_where_the_county_has_groupings_every_municipality_names_one(empty_database):
    data = copy.deepcopy(FICTIONAL)
    del data["principals"][1]["grouping"]
    with pytest.raises(StructureDataError, match="Älvby: ange gruppering"):
        load_structure(data)


def test_a_county_without_groupings_loads(empty_database):
    data = counties.without_groupings(FICTIONAL)
    load_structure(data)
    assert not GeographicGrouping.objects.exists()
    assert Principal.objects.filter(side="municipality", grouping__isnull=True).count() == 7


def test_a_fixed_chair_side_and_a_groups_dates_come_from_the_file(empty_database):
    load_structure(FICTIONAL)
    council = Group.objects.get(slug="ledningsradet")
    assert (council.chair_rule, council.chair_side) == (ChairRule.FIXED_SIDES, "municipality")
    body = Group.objects.get(slug="beredning-aldre")
    assert (body.active_from, body.active_to) == (
        datetime.date(2024, 3, 1),
        datetime.date(2030, 12, 31),
    )


def test_a_fixed_side_rule_without_its_side_is_refused_in_swedish(empty_database):
    data = copy.deepcopy(FICTIONAL)
    del data["groups"][0]["chair_side"]
    with pytest.raises(StructureDataError, match="Ange vilken sida ordföranden kommer från"):
        load_structure(data)
    assert not County.objects.exists()


def test_an_unknown_key_in_the_county_section_is_refused(empty_database):
    data = copy.deepcopy(FICTIONAL)
    data["county"]["landshovding"] = "x"
    with pytest.raises(StructureDataError, match="landshovding"):
        load_structure(data)


def test_the_structure_file_is_the_deployment_s_setting(settings):
    """Without a path the loader and `load_structure` read `STRUCTURE_DATA_FILE`, not a file
    the code names."""
    settings.STRUCTURE_DATA_FILE = counties.FICTIONAL
    assert read_data_file() == counties.fictional()
    settings.STRUCTURE_DATA_FILE = counties.FICTIONAL.with_name("missing.yaml")
    with pytest.raises(FileNotFoundError):
        read_data_file()
