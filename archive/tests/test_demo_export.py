"""Issue 21's "done when": the demo's 2025 exported for every group, each package valid for the
E-ARK validator and the ERMS schema, with every approved minutes and every decision of the
group's closed case files in it and no unapproved minutes. Slow: the demo's meetings and cases
are loaded once for the module and every package is rendered."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.core.management import call_command
from lxml import etree
from pypdf import PdfReader

from archive.models import Delivery
from cases.models import Case, PrincipalDecision
from demo.cases import load_case_demo
from demo.meetings import load_meeting_demo
from meetings.models import Minutes, MinutesStatus
from testing.reference import module_data

from .eark import load as load_validator
from .test_export import _errors, _unexplained

pytestmark = pytest.mark.slow

YEAR = 2025
ERMS = "{https://DILCIS.eu/XML/ERMS}"
SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"


@pytest.fixture(scope="module")
def exported(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    out = tmp_path_factory.mktemp("arkiv")
    with module_data(django_db_blocker, MEDIA_ROOT=media):
        load_meeting_demo()
        load_case_demo()
        call_command("archive_export", "--all", "--year", str(YEAR), "--out", str(out))
        yield out


@pytest.fixture
def packages(exported, db):
    return {d.group.slug: d for d in Delivery.objects.select_related("group")}, exported


def _erms(out: Path, delivery) -> ET.Element:
    return ET.parse(out / delivery.package_id / "metadata/descriptive/ERMS.xml").getroot()


def _ids(out: Path, delivery) -> set[str]:
    return {r.get("systemIdentifier") for r in _erms(out, delivery).iter(f"{ERMS}record")}


def test_every_group_with_a_2025_gets_a_valid_package(packages):
    deliveries, out = packages
    assert {"lsg", "samrad"} <= set(deliveries)
    validator, version = load_validator()
    xsd = etree.XMLSchema(etree.parse(str(SCHEMAS / "ERMS_v3.xsd")))
    for slug, delivery in deliveries.items():
        directory = out / delivery.package_id
        assert xsd.validate(etree.parse(str(directory / "metadata/descriptive/ERMS.xml"))), slug
        report = validator(directory, version.V2_1_0).validation_report
        assert _unexplained(_errors(report)) == [], slug


def test_every_approved_minutes_and_every_decision_is_in_and_nothing_unapproved(packages):
    deliveries, out = packages
    ids = {slug: _ids(out, d) for slug, d in deliveries.items()}
    # Whatever the year holds is checked: LSG's and Samråd's 2025 minutes (see the test below)
    # and the decisions of the cases closed then.
    approved = Minutes.objects.approved().filter(meeting__starts_at__year=YEAR)
    for minutes in approved.select_related("meeting__group"):
        assert f"minnesanteckningar-{minutes.pk}" in ids[minutes.meeting.group.slug]
    unapproved = Minutes.objects.exclude(status=MinutesStatus.APPROVED)
    every = set().union(*ids.values())
    assert not {f"minnesanteckningar-{m.pk}" for m in unapproved} & every
    closed = Case.objects.closed_in(YEAR)
    decisions = PrincipalDecision.objects.filter(addressee__recommendation__case__in=closed)
    assert decisions.exists()
    for decision in decisions.select_related("addressee__recommendation__case__origin_group"):
        slug = decision.addressee.recommendation.case.origin_group.slug
        assert f"beslut-{decision.pk}" in ids[slug]


def test_lsg_and_samrad_deliver_their_approved_2025_minutes_with_pdf_a(packages):
    """The demo holds LSG's and Samråd's 2025 meetings: each approved minutes is an ERMS record
    with its approvals and its PDF/A file in the package, carrying the decisions on the cases."""
    deliveries, out = packages
    for slug in ("lsg", "samrad"):
        approved = Minutes.objects.approved().filter(
            meeting__group__slug=slug, meeting__starts_at__year=YEAR
        )
        assert approved.exists(), slug
        records = {
            r.get("systemIdentifier"): r for r in _erms(out, deliveries[slug]).iter(f"{ERMS}record")
        }
        for minutes in approved:
            element = records[f"minnesanteckningar-{minutes.pk}"]
            roles = {a.findtext(f"{ERMS}role") for a in element.iter(f"{ERMS}agent")}
            assert {"Ordförande", "Justeringsperson"} <= roles, minutes
            pdf = out / deliveries[slug].package_id / element.find(f".//{ERMS}appendix").get("path")
            assert pdf.read_bytes().startswith(b"%PDF"), minutes
            xmp = PdfReader(pdf).trailer["/Root"]["/Metadata"].get_object().get_data()
            assert b"pdfaid:part" in xmp, minutes  # PDF/A identification in the XMP
            text = " ".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
            decided = minutes.items.exclude(decisions="").first()
            assert decided is not None, minutes
            assert decided.decisions.splitlines()[0][:30] in " ".join(text.split()), minutes
