"""R-S6, R-S5: approved minutes are exported as PDF/A with attendance, att-satser and approvals."""

import datetime
import io
import re
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from accounts.models import User
from meetings.models import (
    Approval,
    ApprovalRole,
    Attendance,
    AttendanceStatus,
    ItemKind,
    Meeting,
    Minutes,
    MinutesItem,
    MinutesStatus,
)
from meetings.pdf import minutes_pdf
from structure.models import Group, MeetingForm, MembershipKind, Position
from testing.builders import member_user, person, seat

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def approved_minutes(structure):
    """LSG's minutes of 12 March 2025, approved by the chair and the justeringsperson.

    Attendance: the chair and the member present, a third member absent with their substitute
    in place, one co-opted member and one guest.
    """
    lsg = Group.objects.get(slug="lsg")
    chair = member_user("olle", "lsg", position=Position.CHAIR)
    checker = member_user("alice", "lsg")
    absent = seat(person("Bertil", principal="skelleftea"), "lsg")
    stand_in = seat(
        person("Cecilia", principal="skelleftea"),
        "lsg",
        kind=MembershipKind.SUBSTITUTE,
        substitute_for=absent,
    )
    co_opted = person("Dagny", principal="region-vasterbotten")
    guest = person("Erik", principal="lycksele")

    meeting = Meeting.objects.create(
        group=lsg,
        starts_at=datetime.datetime(2025, 3, 12, 13, 0, tzinfo=STOCKHOLM),
        ends_at=datetime.datetime(2025, 3, 12, 16, 0, tzinfo=STOCKHOLM),
        form=MeetingForm.IN_PERSON,
        location="Regionens hus, Umeå",
    )
    Attendance.objects.bulk_create(
        [
            Attendance(meeting=meeting, person=chair.person, status=AttendanceStatus.PRESENT),
            Attendance(meeting=meeting, person=checker.person, status=AttendanceStatus.PRESENT),
            Attendance(
                meeting=meeting,
                person=stand_in.substitute_for.person,
                status=AttendanceStatus.ABSENT,
            ),
            Attendance(
                meeting=meeting,
                person=stand_in.person,
                status=AttendanceStatus.SUBSTITUTE,
                replaces=stand_in.substitute_for.person,
            ),
            Attendance(meeting=meeting, person=co_opted, status=AttendanceStatus.CO_OPTED),
            Attendance(meeting=meeting, person=guest, status=AttendanceStatus.GUEST),
        ]
    )
    approved_at = datetime.datetime(2025, 3, 14, 9, 30, tzinfo=datetime.UTC)
    minutes = Minutes.objects.create(
        meeting=meeting,
        status=MinutesStatus.APPROVED,
        summary="Ordföranden öppnade mötet.",
        justeringsperson=checker.person,
        approved_at=approved_at,
    )
    MinutesItem.objects.bulk_create(
        [
            MinutesItem(
                minutes=minutes, position=1, kind=ItemKind.PROCEDURE, title="Mötets öppnande"
            ),
            MinutesItem(
                minutes=minutes,
                position=2,
                kind=ItemKind.DECISION,
                title="Gemensam riktlinje för trygg hemgång",
                notes="Beredningen har lämnat förslag.",
                decision_intro="LSG beslutar",
                decisions="anta riktlinjen\nrekommendera huvudmännen att besluta om den",
            ),
        ]
    )
    Approval.objects.create(
        minutes=minutes,
        role=ApprovalRole.CHAIR,
        person=chair.person,
        user=chair,
        approved_at=approved_at - datetime.timedelta(hours=1),
    )
    Approval.objects.create(
        minutes=minutes,
        role=ApprovalRole.CHECKER,
        person=checker.person,
        user=checker,
        approved_at=approved_at,
    )
    return minutes


def pdf_text(pdf: bytes) -> str:
    """The text of every page, with line breaks folded into single spaces."""
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_export_is_a_pdf_declaring_pdf_a(approved_minutes):
    pdf = minutes_pdf(approved_minutes)

    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert re.search(r'pdfaid:part="3"', xmp)
    assert re.search(r'pdfaid:conformance="B"', xmp)


def test_export_carries_swedish_title_and_language(approved_minutes):
    reader = PdfReader(io.BytesIO(minutes_pdf(approved_minutes)))

    assert reader.metadata.title.startswith("Minnesanteckningar Länssamverkansgruppen 2025-03-12")
    assert reader.trailer["/Root"]["/Lang"] == "sv"


def test_export_prints_the_att_satser_after_the_decision_intro(approved_minutes):
    text = pdf_text(minutes_pdf(approved_minutes))

    assert "2. Gemensam riktlinje för trygg hemgång" in text
    assert (
        "LSG beslutar att anta riktlinjen att rekommendera huvudmännen att besluta om den" in text
    )


def test_export_prints_every_approval_in_swedish_time(approved_minutes):
    text = pdf_text(minutes_pdf(approved_minutes))
    chair = User.objects.get(username="olle").person
    checker = User.objects.get(username="alice").person

    assert "Justerad 2025-03-14" in text
    assert f"Ordförande: {chair.full_name}, justerat 2025-03-14 kl. 09.30" in text
    assert f"Justeringsperson: {checker.full_name}, justerat 2025-03-14 kl. 10.30" in text


def test_export_prints_meeting_time_in_swedish_time(approved_minutes):
    text = pdf_text(minutes_pdf(approved_minutes))

    assert "onsdag 12 mars 2025" in text
    assert "kl. 13.00–16.00" in text
    assert "Regionens hus, Umeå" in text


def test_export_lists_the_substitute_in_place_and_whom_they_replace(approved_minutes):
    text = pdf_text(minutes_pdf(approved_minutes))
    substitute = approved_minutes.meeting.attendance.get(status=AttendanceStatus.SUBSTITUTE)

    tail = text.split("Tjänstgörande ersättare", 1)[1]
    assert f"{substitute.person.full_name}, " in tail
    assert f"ersätter {substitute.replaces.full_name}" in tail


def test_substitutes_co_opted_and_guests_are_not_counted_as_members_present(
    approved_minutes,
):
    text = pdf_text(minutes_pdf(approved_minutes))

    assert "Närvarande ledamöter: 2" in text
    assert "(adjungerad)" in text
    assert "(inbjuden gäst)" in text


def test_correction_states_which_version_it_corrects_and_why(approved_minutes):
    correction = Minutes.objects.create(
        meeting=approved_minutes.meeting,
        version=2,
        status=MinutesStatus.APPROVED,
        supersedes=approved_minutes,
        correction_reason="Fel datum i punkt 2.",
        approved_at=approved_minutes.approved_at,
    )

    text = pdf_text(minutes_pdf(correction))

    assert "Rättelse av version 1" in text
    assert "Fel datum i punkt 2." in text


@pytest.mark.parametrize("status", [MinutesStatus.DRAFT, MinutesStatus.IN_APPROVAL])
def test_unapproved_minutes_are_never_exported(approved_minutes, status):
    Minutes.objects.filter(pk=approved_minutes.pk).update(status=status)

    with pytest.raises(ValueError, match="Bara justerade minnesanteckningar"):
        minutes_pdf(approved_minutes)
