"""Import of indicator values (R-F2, R-F3): Kolada-shaped JSON, CSV, or the Kolada API.

Every row is validated before anything is written; one bad row refuses the whole file with the
line (CSV) or entry (JSON) and the reason, and nothing is imported. Writing is one transaction
and keyed on (indicator, area, year, gender), so importing the same file again changes nothing.
The formats are described in the README ("Uppföljning: filformat").
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from audit import services as audit
from followup.models import Gender, Indicator, IndicatorValue, Unit
from followup.selectors import area_labels

KOLADA_API = "https://api.kolada.se/v2/data/kpi/{kpi}/municipality/{areas}/year/{years}"
FIRST_YEAR = 1990
CSV_COLUMNS = ("kpi", "area", "year", "gender", "value", "unit")


class ImportRefused(Exception):
    """The file was not imported; the message says where and why."""


@dataclass(frozen=True)
class Row:
    indicator: Indicator
    area: str
    year: int
    gender: str
    value: Decimal | None
    count: int | None
    status: str


class _Validator:
    def __init__(self) -> None:
        self.indicators = {i.code: i for i in Indicator.objects.all()}
        self.areas = area_labels()
        self.last_year = datetime.date.today().year

    def row(self, where: str, raw: dict[str, Any]) -> Row:
        def refuse(reason: str) -> ImportRefused:
            return ImportRefused(f"{where}: {reason}")

        kpi = str(raw.get("kpi") or "").strip()
        indicator = self.indicators.get(kpi)
        if indicator is None:
            raise refuse(f"okänd indikator {kpi!r} (lägg först in den som resultatindikator)")
        area = str(raw.get("area") or "").strip()
        if area not in self.areas:
            raise refuse(f"okänt område {area!r} (Kolada-id: kommunkod, 00+länskod eller 0000)")
        try:
            year = int(str(raw.get("year")).strip())
        except ValueError:
            raise refuse(f"året {raw.get('year')!r} är inte ett årtal") from None
        if not FIRST_YEAR <= year <= self.last_year:
            raise refuse(f"året {year} ligger utanför {FIRST_YEAR}–{self.last_year}")
        gender = str(raw.get("gender") or "T").strip().upper()
        if gender not in Gender.values:
            raise refuse(f"könet {gender!r} ska vara T, K eller M")
        unit = raw.get("unit")
        if unit is not None and str(unit).strip() != indicator.unit:
            raise refuse(f"enheten {unit!r} stämmer inte med indikatorns enhet {indicator.unit!r}")
        value = self.value(raw.get("value"), indicator, refuse)
        count = raw.get("count")
        if count in ("", None):
            count = None
        elif not isinstance(count, int) or count < 0:
            raise refuse(f"antalet {count!r} ska vara ett heltal ≥ 0")
        return Row(indicator, area, year, gender, value, count, str(raw.get("status") or "")[:40])

    @staticmethod
    def value(raw: Any, indicator: Indicator, refuse) -> Decimal | None:
        if raw in ("", None):
            return None
        if isinstance(raw, bool):
            raise refuse("värdet ska vara ett tal")
        try:
            value = Decimal(str(raw).strip().replace(",", "."))
        except InvalidOperation:
            raise refuse(f"värdet {raw!r} är inte ett tal") from None
        if not value.is_finite() or abs(value) >= Decimal("1e12"):
            raise refuse(f"värdet {raw!r} är inte ett rimligt tal")
        if indicator.unit != Unit.SEK and value < 0:
            raise refuse(f"värdet {value} kan inte vara negativt för enheten {indicator.unit}")
        if indicator.unit == Unit.PERCENT and value > 100:
            raise refuse(f"värdet {value} är över 100 procent")
        return value.quantize(Decimal("0.01"))


def parse_kolada_json(text: str) -> list[Row]:
    """`{"values": [{"kpi", "municipality", "period", "values": [{"gender", "value", "count",
    "status"}]}]}`, as the Kolada API answers."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportRefused(f"rad {exc.lineno}: ogiltig JSON ({exc.msg})") from None
    if not isinstance(data, dict) or not isinstance(data.get("values"), list):
        raise ImportRefused('rad 1: filen ska vara ett objekt med listan "values"')
    validator = _Validator()
    rows = []
    for n, entry in enumerate(data["values"], start=1):
        where = f'post {n} i "values"'
        if not isinstance(entry, dict) or not isinstance(entry.get("values"), list):
            raise ImportRefused(f"{where}: posten ska ha kpi, municipality, period och values")
        for cell in entry["values"]:
            if not isinstance(cell, dict):
                raise ImportRefused(f"{where}: varje värde ska vara ett objekt")
            rows.append(
                validator.row(
                    where,
                    {
                        "kpi": entry.get("kpi"),
                        "area": entry.get("municipality"),
                        "year": entry.get("period"),
                        "gender": cell.get("gender"),
                        "value": cell.get("value"),
                        "count": cell.get("count"),
                        "status": cell.get("status"),
                    },
                )
            )
    return rows


def parse_csv(text: str) -> list[Row]:
    """UTF-8, `;`-separated, header `kpi;area;year;gender;value;unit` (decimal comma allowed)."""
    text = text.lstrip("\ufeff")
    reader = csv.DictReader(io.StringIO(text), delimiter=";")
    if reader.fieldnames is None or [f.strip() for f in reader.fieldnames] != list(CSV_COLUMNS):
        raise ImportRefused("rad 1: rubrikraden ska vara " + ";".join(CSV_COLUMNS))
    validator = _Validator()
    rows = []
    for record in reader:
        if None in record or any(value is None for value in record.values()):
            raise ImportRefused(f"rad {reader.line_num}: fel antal kolumner")
        rows.append(validator.row(f"rad {reader.line_num}", record))
    return rows


def parse(text: str, name: str) -> list[Row]:
    if name.lower().endswith(".csv"):
        return parse_csv(text)
    return parse_kolada_json(text)


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


def store(rows: list[Row], *, from_kolada: bool) -> ImportResult:
    """Write validated rows in one transaction; an identical row is left untouched. The audit
    trail gets one row for the import (by the system: the command), with its counts."""
    created = updated = unchanged = 0
    with transaction.atomic():
        existing = {
            (v.indicator_id, v.area, v.year, v.gender): v
            for v in IndicatorValue.objects.filter(indicator__in={row.indicator.pk for row in rows})
        }
        for row in rows:
            key = (row.indicator.pk, row.area, row.year, row.gender)
            current = existing.get(key)
            fields = {
                "value": row.value,
                "count": row.count,
                "status": row.status,
                "from_kolada": from_kolada,
            }
            if current is None:
                existing[key] = IndicatorValue.objects.create(
                    indicator=row.indicator,
                    area=row.area,
                    year=row.year,
                    gender=row.gender,
                    **fields,
                )
                created += 1
            elif any(getattr(current, k) != v for k, v in fields.items()):
                for k, v in fields.items():
                    setattr(current, k, v)
                current.save(update_fields=list(fields))
                updated += 1
            else:
                unchanged += 1
        if created or updated:
            audit.record_write(
                actor=None,
                action="followup.import_indicators",
                changes=audit.summary(
                    indicators=sorted({row.indicator.code for row in rows}),
                    from_kolada=from_kolada,
                    created=created,
                    updated=updated,
                    unchanged=unchanged,
                ),
            )
    return ImportResult(created, updated, unchanged)


def fetch_kolada(kpi: str, areas: list[str], years: list[int], client=None) -> str:
    """One Kolada API answer (following `next_page`), merged into one Kolada-shaped document."""
    import httpx

    owns_client = client is None
    client = client or httpx.Client(timeout=30)
    url: str | None = KOLADA_API.format(
        kpi=kpi, areas=",".join(areas), years=",".join(str(y) for y in years)
    )
    values: list[dict] = []
    try:
        while url:
            response = client.get(url)
            response.raise_for_status()
            page = response.json()
            values.extend(page.get("values", []))
            url = page.get("next_page")
    finally:
        if owns_client:
            client.close()
    return json.dumps({"values": values})
