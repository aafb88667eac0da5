"""One table definition, three formats (lib/exports.py): the same cells in CSV, XLSX and JSON,
text a spreadsheet would run as a formula written as text, and the rows read only once, while
the download is written. No database: a table is plain values."""

from __future__ import annotations

import csv
import datetime
import io
import json

import pytest
from openpyxl import load_workbook

from lib import exports
from lib.exports import Column, Table

COLUMNS = (Column("name", "Namn", 20), Column("count", "Antal", 8), Column("on", "Datum", 12))
FORMULAS = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]


def table(rows, **fields) -> Table:
    return Table(title="Prov", filename="prov", columns=COLUMNS, rows=rows, **fields)


def content(response) -> bytes:
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content)
    return b"".join(response)


def csv_rows(response) -> list[list[str]]:
    text = content(response).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_the_three_formats_carry_the_same_cells():
    rows = [{"name": "Åsa", "count": 3, "on": datetime.date(2026, 4, 24)}]
    assert csv_rows(exports.response(table(rows), "csv")) == [
        ["Namn", "Antal", "Datum"],
        ["Åsa", "3", "2026-04-24"],
    ]
    data = json.loads(content(exports.response(table(rows), "json")))
    assert data["columns"] == [{"key": c.key, "label": c.label} for c in COLUMNS]
    assert data["rows"] == [{"name": "Åsa", "count": 3, "on": "2026-04-24"}]
    sheet = load_workbook(io.BytesIO(content(exports.response(table(rows), "xlsx")))).active
    assert [c.value for c in sheet[1]] == ["Namn", "Antal", "Datum"]
    assert sheet["A2"].value == "Åsa" and sheet["B2"].value == 3
    assert sheet["C2"].value.date() == datetime.date(2026, 4, 24)


@pytest.mark.parametrize("formula", FORMULAS)
def test_a_formula_is_written_as_text_in_csv_and_xlsx(formula):
    rows = [{"name": formula, "count": None, "on": None}, {"name": "a=1", "count": 1, "on": None}]
    written = csv_rows(exports.response(table(rows), "csv"))
    assert written[1][0] == "'" + formula
    assert written[2][0] == "a=1"  # text that only contains "=" stays as it is
    response = exports.response(table(list(rows)), "xlsx")
    cell = load_workbook(io.BytesIO(content(response))).active["A2"]
    assert cell.data_type == "s" and cell.value.strip() == formula.strip()


def test_json_keeps_the_text_as_typed():
    rows = [{"name": "=1+1", "count": None, "on": None}]
    assert json.loads(content(exports.response(table(rows), "json")))["rows"][0]["name"] == "=1+1"


def test_the_rows_are_read_once_while_the_download_is_written():
    read = []

    def rows():
        for n in range(3):
            read.append(n)
            yield {"name": f"r{n}", "count": n, "on": None}

    response = exports.response(table(rows()), "csv")
    assert read == []  # nothing read before the body is sent
    assert len(csv_rows(response)) == 4 and read == [0, 1, 2]


def test_the_xlsx_names_its_creator_when_the_table_gives_one():
    response = exports.response(table([], creator="Samverkan"), "xlsx")
    assert load_workbook(io.BytesIO(content(response))).properties.creator == "Samverkan"


def test_each_download_is_an_attachment_named_after_the_table():
    for fmt in exports.FORMATS:
        response = exports.response(table([]), fmt)
        assert response["Content-Disposition"] == f'attachment; filename="prov.{fmt}"'
