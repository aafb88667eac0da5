"""The informationshanteringsplan as data: the built-in file reads, faults are told in Swedish."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from structure.records_plan import parse_plan, records_plan


def test_the_built_in_plan_keeps_the_records_of_the_structure_and_thins_the_rest():
    plan = records_plan()
    for kept in (
        "kallelse",
        "dagordning",
        "underlag",
        "minnesanteckningar",
        "rekommendation",
        "beslut",
        "rättelse",
    ):
        assert plan.keeps(kept), kept
    assert plan.thinned_types() == ["frånvaroanmälan", "påminnelse", "kalenderprenumeration"]
    assert not plan.keeps("frånvaroanmälan")
    assert not plan.keeps("okänd typ")  # an unplanned type is never exported
    assert plan.code_of("minnesanteckningar") == "1.4"
    assert plan.activity_of("beslut") == "2"


def _plan(**record_type):
    return {
        "plan": {"id": "X", "name": "Plan", "valid_from": "2025-01-01"},
        "activities": [{"code": "1", "name": "A", "record_types": {"kallelse": record_type}}],
    }


@pytest.mark.parametrize(
    "data, message",
    [
        (_plan(name="Kallelse", action="slängs"), "ska vara 'bevaras' eller 'gallras'"),
        (_plan(name="Kallelse", action="gallras"), "saknar gallringsfrist"),
        (_plan(action="bevaras"), "saknar eller har fel i"),
        ({"activities": []}, "saknar eller har fel i"),
    ],
)
def test_a_fault_in_the_plan_is_told_in_swedish(data, message):
    with pytest.raises(ValueError, match=message):
        parse_plan(data)


def test_a_missing_file_stops_with_its_name(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="Informationshanteringsplanen"):
        records_plan(tmp_path / "saknas.yaml")
