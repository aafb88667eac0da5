"""Downloads of the public case data (R-C4, R-C5, R-C6).

The tables (public recommendations, one recommendation's decision matrix, a group's public
balance list) are defined here with `lib.exports`, which writes each as CSV, XLSX or JSON,
streamed, with its formula-injection guard.

The patient-safety council's yearly compilation is rendered as PDF/A-3b here too, like the
approved minutes in `meetings.pdf`: a public record that must outlive the platform.
"""

from __future__ import annotations

from collections.abc import Iterable

import weasyprint
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify

from cases import selectors
from cases.export_selectors import RecommendationRow
from cases.models import DecisionOutcome, Recommendation, format_register_number
from cases.public_selectors import CompilationEntry, MatrixEntry
from lib.exports import Column, Table
from structure import county
from structure.models import Group

PDF_VARIANT = "pdf/a-3b"


# --- The tables -------------------------------------------------------------------------------

RECOMMENDATION_COLUMNS = (
    Column("id", "Id", 8),
    Column("register_number", "Diarienummer", 16),
    Column("title", "Rubrik", 50),
    Column("group", "Antagen av", 30),
    Column("adopted_on", "Antagen", 12),
    Column("expedited_on", "Expedierad", 12),
    Column("addressed", "Antal mottagare", 10),
    Column("decided", "Antal beslut", 10),
    Column(DecisionOutcome.APPROVED.value, "Bifall", 8),
    Column(DecisionOutcome.PARTLY_APPROVED.value, "Delvis bifall", 8),
    Column(DecisionOutcome.REJECTED.value, "Avslag", 8),
    Column("summary", "Beslutsläge", 45),
)

MATRIX_COLUMNS = (
    Column("principal", "Huvudman", 22),
    Column("code", "Kod", 6),
    Column("status", "Status", 18),
    Column("decided_on", "Beslutsdatum", 12),
    Column("body", "Beslutsinstans", 30),
    Column("reference", "Hänvisning (§)", 20),
    Column("comment", "Kommentar", 40),
)

BALANCE_COLUMNS = (
    Column("register_number", "Diarienummer", 16),
    Column("title", "Rubrik", 50),
    Column("where", "Var ärendet står", 40),
    Column("waiting_on", "Väntar på", 45),
    Column("since", "Sedan", 12),
    Column("days", "Dagar", 8),  # empty for a finished case: it waits on no one
)


def recommendations_table(recommendations: Iterable[RecommendationRow]) -> Table:
    """From `export_selectors.recommendation_rows()` (plain values, read as they are written)."""
    rows = (
        {
            "id": rec.pk,
            "register_number": format_register_number(rec.case__year, rec.case__serial),
            "title": rec.title,
            "group": rec.group__name,
            "adopted_on": rec.adopted_on,
            "expedited_on": timezone.localdate(rec.expedited_at),
            "addressed": rec.addressed,
            "decided": rec.decided,
            DecisionOutcome.APPROVED.value: rec.approved,
            DecisionOutcome.PARTLY_APPROVED.value: rec.partly,
            DecisionOutcome.REJECTED.value: rec.rejected,
            "summary": selectors.decision_summary(rec),
        }
        for rec in recommendations
    )
    today = timezone.localdate()
    return Table(
        title="Rekommendationer till huvudmännen",
        filename=f"rekommendationer-{today:%Y-%m-%d}",
        columns=RECOMMENDATION_COLUMNS,
        rows=rows,
        creator=county.current().collaboration_name,
    )


def matrix_table(recommendation: Recommendation, entries: Iterable[MatrixEntry]) -> Table:
    rows = [
        {
            "principal": entry.principal.name,
            "code": entry.principal.code,
            "status": entry.status,
            "decided_on": entry.decision.decided_on if entry.decision else None,
            "body": entry.decision.body.name if entry.decision else "",
            "reference": entry.decision.reference if entry.decision else "",
            "comment": entry.decision.comment if entry.decision else "",
        }
        for entry in entries
    ]
    number = slugify(recommendation.case.register_number)
    return Table(
        title=f"Beslut {recommendation.case.register_number}",
        filename=f"beslut-{number}-rekommendation-{recommendation.pk}",
        columns=MATRIX_COLUMNS,
        rows=rows,
        creator=county.current().collaboration_name,
    )


def balance_table(group: Group, balance: Iterable[selectors.BalanceRow]) -> Table:
    rows = (
        {
            "register_number": row.case.register_number,
            "title": row.case.title,
            "where": row.where,
            "waiting_on": row.waiting_on,
            "since": row.since,
            "days": None if row.finished else row.days,
        }
        for row in balance
    )
    today = timezone.localdate()
    return Table(
        title=f"Balanslista {group.display_name}",
        filename=f"balanslista-{group.slug}-{today:%Y-%m-%d}",
        columns=BALANCE_COLUMNS,
        rows=rows,
        creator=county.current().collaboration_name,
    )


# --- The patient-safety compilation as PDF/A (R-C6) -------------------------------------------


def compilation_pdf(group: Group, year: int, entries: list[CompilationEntry]) -> bytes:
    """The yearly compilation as PDF/A-3b, with dates in Swedish whatever the request's
    language (like `meetings.pdf.minutes_pdf`)."""
    context = {
        "group": group,
        "year": year,
        "entries": entries,
        "generated_on": timezone.localdate(),
    }
    with timezone.override(timezone.get_default_timezone()), translation.override("sv"):
        html = render_to_string("cases/public/compilation_pdf.html", context)
    document = weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR))
    return document.write_pdf(pdf_variant=PDF_VARIANT)
