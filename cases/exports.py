"""Downloads of the public case data (R-C4, R-C5, R-C6).

Each table (public recommendations, one recommendation's decision matrix, a group's public
balance list) is defined once as columns plus rows of plain values; the three writers turn the
same table into CSV, XLSX or JSON, so the formats cannot drift apart.

- **CSV** is UTF-8 with a byte-order mark and `;` as separator. Swedish Excel uses the comma
  as decimal separator and therefore expects semicolons, and it needs the BOM to read UTF-8
  (å, ä, ö) when the file is opened with a double click.
- **XLSX** (openpyxl) has real date cells, a bold frozen header row and no formulas.
- **JSON** has English keys (stable for programs), the Swedish column labels beside them, and
  dates as ISO 8601 (`YYYY-MM-DD`), like the other two formats.

Text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`) is written as
text: in CSV with a leading apostrophe, in XLSX as a string cell.

The patient-safety council's yearly compilation is rendered as PDF/A-3b here too, like the
approved minutes in `meetings.pdf`: a public record that must outlive the platform.
"""

from __future__ import annotations

import csv
import datetime
import json
import re
import tempfile
import textwrap
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import weasyprint
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from cases import selectors
from cases.export_selectors import RecommendationRow
from cases.models import DecisionOutcome, Recommendation, format_register_number
from cases.public_selectors import CompilationEntry, MatrixEntry
from structure import county
from structure.models import Group

FORMATS = ("csv", "xlsx", "json")
FORMAT_LABELS = {"csv": "CSV (Excel, semikolon)", "xlsx": "Excel (XLSX)", "json": "JSON"}
CSV_DELIMITER = ";"
PDF_VARIANT = "pdf/a-3b"

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Characters XML 1.0 (and so XLSX) cannot hold.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

Value = str | int | datetime.date | None


@dataclass(frozen=True)
class Column:
    key: str  # JSON key
    label: str  # header in CSV and XLSX
    width: int = 16  # XLSX column width, in characters


@dataclass(frozen=True)
class Table:
    title: str
    filename: str  # without extension, ASCII
    columns: tuple[Column, ...]
    rows: Iterable[dict[str, Value]]  # read once, while the download is written


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
    )


# --- The writers ------------------------------------------------------------------------------

# Rows per piece of a streamed CSV or JSON body: large enough that the pieces are not tiny
# network writes, small enough that a piece is a few hundred kilobytes at most.
CHUNK_ROWS = 200
# An XLSX file is written to a temporary file (never held whole): in memory up to this size,
# on disk beyond it.
XLSX_SPOOL_BYTES = 1024 * 1024
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def response(table: Table, fmt: str) -> HttpResponseBase:
    """The table as a download; `fmt` must be one of FORMATS (the view answers 404 otherwise).

    CSV and JSON stream row by row and XLSX goes through a temporary file, so an export of a
    million rows needs no more memory than one of a thousand: `table.rows` is consumed once,
    while the response is sent.
    """
    writers = {"csv": csv_response, "xlsx": xlsx_response, "json": json_response}
    return writers[fmt](table)


def _attachment(response: HttpResponseBase, table: Table, extension: str) -> HttpResponseBase:
    response["Content-Disposition"] = f'attachment; filename="{table.filename}.{extension}"'
    return response


def _chunks(pieces: Iterable[str]) -> Iterator[bytes]:
    """Joins the pieces of a body CHUNK_ROWS at a time and encodes them as UTF-8."""
    batch: list[str] = []
    for piece in pieces:
        batch.append(piece)
        if len(batch) >= CHUNK_ROWS:
            yield "".join(batch).encode()
            batch = []
    if batch:
        yield "".join(batch).encode()


def _csv_value(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


class _Echo:
    """A file that hands back what is written to it: csv.writer then returns each line."""

    def write(self, value: str) -> str:
        return value


def _csv_lines(table: Table) -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=CSV_DELIMITER)
    yield "\ufeff" + writer.writerow([column.label for column in table.columns])
    for row in table.rows:
        yield writer.writerow([_csv_value(row[column.key]) for column in table.columns])


def csv_response(table: Table) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        _chunks(_csv_lines(table)), content_type="text/csv; charset=utf-8"
    )
    return _attachment(response, table, "csv")


def _sheet_title(title: str) -> str:
    # Excel: at most 31 characters, none of []:*?/\
    return re.sub(r"[\[\]:*?/\\]", "-", title)[:31]


def _xlsx_value(sheet, value: Value):
    """A plain value, or a cell where the value needs a type or format of its own."""
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=_ILLEGAL_XML.sub("", value))
        cell.data_type = "s"  # never a formula, whatever the text starts with
        return cell
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    return value


def xlsx_response(table: Table) -> FileResponse:
    """openpyxl's write-only mode writes each row out as it is appended; the finished file
    goes to a temporary file and is sent from there."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_sheet_title(table.title))
    workbook.properties.title = table.title
    workbook.properties.creator = county.current().collaboration_name
    for col_index, column in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(col_index)].width = column.width
    sheet.freeze_panes = "A2"
    header = []
    for column in table.columns:
        cell = WriteOnlyCell(sheet, value=column.label)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in table.rows:
        sheet.append([_xlsx_value(sheet, row[column.key]) for column in table.columns])
    spool = tempfile.SpooledTemporaryFile(max_size=XLSX_SPOOL_BYTES)  # noqa: SIM115 (FileResponse closes it)
    workbook.save(spool)
    spool.seek(0)
    response = FileResponse(spool, content_type=XLSX_CONTENT_TYPE)
    return _attachment(response, table, "xlsx")


def _json(value: Any) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def _json_pieces(table: Table) -> Iterator[str]:
    """The same document JsonResponse(indent=2) would give, written row by row."""
    head = _json(
        {
            "title": table.title,
            "generated_on": timezone.localdate(),
            "columns": [{"key": c.key, "label": c.label} for c in table.columns],
            "rows": [],
        }
    )
    yield head[: -len("[]\n}")] + "["
    separator = "\n"
    for row in table.rows:
        item = _json({c.key: row[c.key] for c in table.columns})
        yield separator + textwrap.indent(item, "    ")
        separator = ",\n"
    yield ("\n  ]" if separator != "\n" else "]") + "\n}"


def json_response(table: Table) -> StreamingHttpResponse:
    response = StreamingHttpResponse(_chunks(_json_pieces(table)), content_type="application/json")
    return _attachment(response, table, "json")


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
