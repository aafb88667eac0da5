"""The kallelse is delivered as it was sent: an item added to the agenda afterwards is in the
dagordning (the agenda the meeting treated) but not in the kallelse; a kallelse sent again is a
second record that replaces the first."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
import zoneinfo

import pytest
from pypdf import PdfReader

from archive import services
from meetings import services as meeting_services
from meetings.models import ItemKind, Meeting
from structure.models import County, Group
from testing import builders as b

YEAR = 2025
TZ = zoneinfo.ZoneInfo("Europe/Stockholm")
ERMS = "{https://DILCIS.eu/XML/ERMS}"


def _text(path) -> str:
    return " ".join(page.extract_text() or "" for page in PdfReader(path).pages)


@pytest.fixture
def package(structure, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    County.objects.update(organisation_number="232100-0222")
    coordinator = b.coordinator_user("kallelsekoordinator")
    meeting = b.meeting("lsg", datetime.date(YEAR, 3, 5))
    add = dict(meeting=meeting, by=coordinator, kind=ItemKind.INFORMATION, description="")
    meeting_services.add_agenda_item(title="FORE-UTSKICKET", **add)
    sent = datetime.datetime(YEAR, 2, 19, 10, tzinfo=TZ)
    meeting_services.send_kallelse(meeting=meeting, by=coordinator, at=sent)
    meeting_services.add_agenda_item(title="EFTER-UTSKICKET", **add)
    again = datetime.datetime(YEAR, 2, 26, 10, tzinfo=TZ)
    meeting_services.send_kallelse(meeting=meeting, by=coordinator, at=again, force=True)
    meeting_services.add_agenda_item(title="PA-MOTET", **add)
    out = tmp_path / "out"
    delivery = services.export_year(
        group=Group.objects.get(slug="lsg"), year=YEAR, out=out, by=None
    )
    meeting = Meeting.objects.get(pk=meeting.pk)
    return out / delivery.package_id, meeting


def test_each_sent_kallelse_is_kept_as_it_was_sent(package):
    root, meeting = package
    assert [c["items"][-1] for c in meeting.kallelse_copies] == [
        "FORE-UTSKICKET",
        "EFTER-UTSKICKET",
    ]
    folder = root / "representations/rep1/data/moten" / f"{YEAR}-03-05-{meeting.pk}"
    first, second, agenda = (
        _text(folder / "kallelse.pdf"),
        _text(folder / "kallelse-2.pdf"),
        _text(folder / "dagordning.pdf"),
    )
    assert "FORE-UTSKICKET" in first and "EFTER-UTSKICKET" not in first
    assert "EFTER-UTSKICKET" in second and "PA-MOTET" not in second
    assert "PA-MOTET" in agenda  # twin: the agenda is the one the meeting treated
    assert "19 februari 2025" in first and "26 februari 2025" in second


def test_the_second_kallelse_replaces_the_first_in_the_erms(package):
    root, meeting = package
    erms = ET.parse(root / "metadata/descriptive/ERMS.xml").getroot()
    second = erms.find(f".//{ERMS}record[@systemIdentifier='kallelse-{meeting.pk}-2']")
    assert second is not None
    relations = ET.tostring(second, encoding="unicode")
    assert f"kallelse-{meeting.pk}" in relations and "replaces" in relations
