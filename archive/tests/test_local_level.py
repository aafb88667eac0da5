"""A case handed to the local level closes in the structure on the day of the handover and is
delivered with that year; one routed back to a group is open again and stays out."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from lxml import etree

from archive import services
from cases import services as case_services
from cases.models import Case, CaseStatus
from structure.models import County, Group, Principal
from testing import builders as b

YEAR = 2025
ERMS = "{https://DILCIS.eu/XML/ERMS}"
SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"


@pytest.fixture
def coordinator(structure):
    County.objects.update(organisation_number="232100-0222")
    return b.coordinator_user("lokalkoordinator")


def _handed_over(coordinator, title: str, day: datetime.date) -> Case:
    case = b.case("lsg", by=coordinator, title=title, raised_on=datetime.date(day.year, 1, 10))
    return case_services.route_case(
        case=case,
        by=coordinator,
        local_principal=Principal.objects.get(slug="storuman"),
        note="Hanteras i kommunen.",
        happened_on=day,
    )


def test_closed_in_counts_a_handover_in_the_year_and_nothing_else(coordinator):
    handed = _handed_over(coordinator, "LOKAL-2025", datetime.date(YEAR, 5, 4))
    later = _handed_over(coordinator, "LOKAL-2026", datetime.date(YEAR + 1, 2, 3))
    back = _handed_over(coordinator, "TILLBAKA", datetime.date(YEAR, 6, 1))
    case_services.route_case(
        case=back,
        by=coordinator,
        group=Group.objects.get(slug="lsg"),
        happened_on=datetime.date(YEAR, 9, 1),
    )
    assert Case.objects.get(pk=back.pk).status == CaseStatus.OPEN

    closed = Case.objects.closed_in(YEAR)
    assert list(closed.values_list("title", flat=True)) == ["LOKAL-2025"]
    assert closed.get().handed_over_on == datetime.date(YEAR, 5, 4)
    assert set(Case.objects.closed_in(YEAR + 1).values_list("pk", flat=True)) == {later.pk}
    assert handed.status == CaseStatus.LOCAL


def test_a_case_handed_to_the_local_level_is_a_closed_case_file_in_the_package(
    coordinator, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    handed = _handed_over(coordinator, "LOKAL-AKT", datetime.date(YEAR, 5, 4))
    _handed_over(coordinator, "NASTA-AR", datetime.date(YEAR + 1, 2, 3))
    delivery = services.export_year(
        group=Group.objects.get(slug="lsg"), year=YEAR, out=tmp_path / "out", by=None
    )
    root = ET.parse(
        tmp_path / "out" / delivery.package_id / "metadata/descriptive/ERMS.xml"
    ).getroot()
    files = {
        a.findtext(f"{ERMS}title"): a
        for a in root.iter(f"{ERMS}aggregation")
        if a.get("aggregationType") == "caseFile"
    }
    assert set(files) == {"LOKAL-AKT"}
    dates = {d.get("dateType"): d.text for d in files["LOKAL-AKT"].iter(f"{ERMS}date")}
    assert dates["closed"].startswith(f"{YEAR}-05-04"), dates
    assert files["LOKAL-AKT"].get("systemIdentifier") == f"arende-{handed.pk}"
    assert "Storuman" in ET.tostring(files["LOKAL-AKT"], encoding="unicode")
    erms = etree.parse(
        str(tmp_path / "out" / delivery.package_id / "metadata/descriptive/ERMS.xml")
    )
    for schema in ("ERMS_v2_1_2.xsd", "ERMS_v3.xsd"):
        xsd = etree.XMLSchema(etree.parse(str(SCHEMAS / schema)))
        assert xsd.validate(erms), xsd.error_log
