"""PDF/A renditions of the records the platform holds as data rather than as files: the
kallelse, the agenda and a recommendation. Approved minutes already have their archive PDF/A
(`meetings.pdf.minutes_pdf`), used as it is. Same variant (PDF/A-3b) and the same rules: Swedish
dates in the project's time zone whatever the caller has activated, and nothing that changes
between two renderings of the same data (WeasyPrint writes no creation time of its own)."""

from __future__ import annotations

import datetime

import weasyprint
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from meetings import pdf as meetings_pdf
from meetings.models import Meeting, MeetingForm

PDF_VARIANT = meetings_pdf.PDF_VARIANT


def _render(template: str, context: dict) -> bytes:
    with timezone.override(timezone.get_default_timezone()), translation.override("sv"):
        html = render_to_string(template, context)
    document = weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR))
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def minutes_pdf(minutes) -> bytes:
    return meetings_pdf.minutes_pdf(minutes)


def kallelse_pdf(meeting: Meeting, copy: dict) -> bytes:
    """The kallelse as it was sent: `copy` is one of `Meeting.kallelse_copies`."""
    sent = {
        "title": copy["title"],
        "sent_at": datetime.datetime.fromisoformat(copy["sent_at"]),
        "starts_at": datetime.datetime.fromisoformat(copy["starts_at"]),
        "ends_at": datetime.datetime.fromisoformat(copy["ends_at"]),
        "form": MeetingForm(copy["form"]).label if copy["form"] in MeetingForm.values else "",
        "location": copy["location"],
        "items": copy["items"],
    }
    return _render(
        "archive/pdf/kallelse.html",
        {"meeting": meeting, "group": meeting.group, "sent": sent},
    )


def agenda_pdf(meeting: Meeting) -> bytes:
    items = list(meeting.items.all())
    return _render(
        "archive/pdf/dagordning.html",
        {"meeting": meeting, "group": meeting.group, "items": items},
    )


def recommendation_pdf(recommendation) -> bytes:
    return _render(
        "archive/pdf/rekommendation.html",
        {
            "recommendation": recommendation,
            "group": recommendation.group,
            "addressees": list(recommendation.addressees.all()),
        },
    )
