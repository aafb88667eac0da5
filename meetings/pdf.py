"""The archive export of approved minutes as PDF/A (R-S6, R-S5).

Approved minutes are public records that must outlive this platform, so they are exported as
PDF/A-3b: fonts embedded, colours in sRGB, title and language in the XMP metadata. Attendance is
part of the approved minutes and of their export; a substitute in place is listed apart and never
counted as a member.
"""

from __future__ import annotations

from dataclasses import dataclass

import weasyprint
from django.conf import settings
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation

from meetings.models import Approval, Attendance, AttendanceStatus, Minutes, MinutesStatus

PDF_VARIANT = "pdf/a-3b"

# The role printed beside each person in the "Närvarande" list, in the order the groups appear.
PRESENT_ROLES = {
    AttendanceStatus.PRESENT: "ledamot",
    AttendanceStatus.CO_OPTED: "adjungerad",
    AttendanceStatus.GUEST: "inbjuden gäst",
}


@dataclass(frozen=True)
class Attendee:
    name: str
    principal: str
    role: str = ""
    replaces: str = ""


@dataclass(frozen=True)
class AttendanceRecord:
    """The meeting's attendance as the minutes print it."""

    present: list[Attendee]
    absent: list[Attendee]
    substitutes: list[Attendee]
    members_present: int


def attendance_record(rows: list[Attendance]) -> AttendanceRecord:
    """Split attendance into the three lists of the minutes.

    Only ordinary members present are counted: substitutes in place, co-opted members and
    guests are listed but never counted as members.
    """
    order = list(PRESENT_ROLES)
    rows = sorted(rows, key=lambda a: (a.person.last_name, a.person.first_name))

    def attendee(row: Attendance) -> Attendee:
        return Attendee(
            name=row.person.full_name,
            principal=row.person.principal.name,
            role=PRESENT_ROLES.get(row.status, ""),
            replaces=row.replaces.full_name if row.replaces else "",
        )

    present = sorted(
        (row for row in rows if row.status in PRESENT_ROLES),
        key=lambda row: order.index(row.status),
    )
    return AttendanceRecord(
        present=[attendee(row) for row in present],
        absent=[attendee(row) for row in rows if row.status == AttendanceStatus.ABSENT],
        substitutes=[attendee(row) for row in rows if row.status == AttendanceStatus.SUBSTITUTE],
        members_present=sum(1 for row in rows if row.status == AttendanceStatus.PRESENT),
    )


def minutes_pdf(minutes: Minutes) -> bytes:
    """Render approved minutes as a PDF/A-3b document.

    Unapproved minutes are refused: only a locked, approved version is a record to archive.
    Times are printed in the project's time zone (Europe/Stockholm) and dates in Swedish,
    whatever time zone or language the calling request has activated.
    """
    minutes = (
        Minutes.objects.select_related("meeting__group", "justeringsperson", "supersedes")
        .prefetch_related(
            "items",
            Prefetch(
                "meeting__attendance",
                queryset=Attendance.objects.select_related("person__principal", "replaces"),
            ),
            Prefetch(
                "approvals",
                queryset=Approval.objects.select_related("person").order_by("approved_at"),
            ),
        )
        .get(pk=minutes.pk)
    )
    if minutes.status != MinutesStatus.APPROVED:
        raise ValueError(
            "Bara justerade minnesanteckningar kan exporteras som PDF/A; "
            f"version {minutes.version} är {minutes.get_status_display().lower()}."
        )
    approvals = list(minutes.approvals.all())
    context = {
        "minutes": minutes,
        "meeting": minutes.meeting,
        "group": minutes.meeting.group,
        "items": list(minutes.items.all()),
        "attendance": attendance_record(list(minutes.meeting.attendance.all())),
        "approvals": approvals,
        "approved_at": minutes.approved_at or (approvals[-1].approved_at if approvals else None),
    }
    with timezone.override(timezone.get_default_timezone()), translation.override("sv"):
        html = render_to_string("meetings/minutes_pdf.html", context)
    document = weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR))
    return document.write_pdf(pdf_variant=PDF_VARIANT)
