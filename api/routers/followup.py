"""The follow-up (R-F2, R-F3): process measures computed from the product's own data, and the
result indicators with their values per area and year. Public and aggregated; nothing names a
person, and survey answers are never exposed one by one."""

from __future__ import annotations

from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Path, Query, Router, Schema
from pydantic import Field

from api import schemas
from api.auth import token_optional
from api.pagination import PageParams, paginate
from api.routers.structure import SLUG
from followup import reports, selectors
from followup.models import Gender, Indicator

router = Router(tags=["Uppföljning"], auth=token_optional)

INDICATOR_CODE = r"^[A-Za-z0-9_-]+$"
AREA = r"^[0-9]{4}$"
FIRST_YEAR, LAST_YEAR = 1990, 2100


class ProcessMeasuresOut(Schema):
    scope: str
    years: list[int]
    rows: list[dict[str, str | int | float | None]]


class MeasuresFilter(Schema):
    group: str | None = Field(
        None, max_length=80, pattern=SLUG, description="Gruppens kortnamn; utan: hela strukturen."
    )


@router.get(
    "/measures",
    response=schemas.answers(ProcessMeasuresOut),
    summary="Processmått per år, för hela strukturen eller en grupp",
    description=(
        "Samma tabell som sidan Uppföljning och dess CSV/JSON: hållna möten mot regeln, "
        "kallelser i tid, dagar till publika minnesanteckningar, närvaro och ledtider för "
        "ärenden. Räknas ur produktens egna data."
    ),
)
def measures(request, filters: Query[MeasuresFilter]):
    group = None
    if filters.group:
        group = get_object_or_404(selectors.groups_for_followup(), slug=filters.group)
    report = reports.cached_process_report(group=group, today=timezone.localdate())
    return {
        "scope": report.scope,
        "years": report.years,
        "rows": [_plain(row) for row in report.rows()],
    }


def _plain(row: dict) -> dict:
    return {key: float(v) if isinstance(v, Decimal) else v for key, v in row.items()}


class IndicatorOut(Schema):
    code: str
    name: str
    description: str
    unit: str
    source: str
    higher_is_better: bool
    fictional: bool
    last_year: int | None
    web: str


def indicator_out(indicator) -> dict:
    return {
        "code": indicator.code,
        "name": indicator.name,
        "description": indicator.description,
        "unit": indicator.unit,
        "source": indicator.source,
        "higher_is_better": indicator.higher_is_better,
        "fictional": indicator.fictional,
        "last_year": indicator.last_year,
        "web": indicator.get_absolute_url(),
    }


@router.get(
    "/indicators",
    response=schemas.answers(schemas.Page[IndicatorOut]),
    summary="Resultatindikatorer",
)
def indicator_list(request, page: Query[PageParams]):
    queryset = selectors.indicators().order_by("name", "pk")
    return paginate(request, queryset, page, lambda rows: [indicator_out(i) for i in rows])


class IndicatorValueOut(Schema):
    area: str
    area_name: str
    year: int
    gender: str
    value: float | None
    from_kolada: bool


class ValueFilter(Schema):
    area: str | None = Field(
        None,
        pattern=AREA,
        description="Kolada-id: 00 + länskod för en region, kommunkoden för en kommun.",
    )
    year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR)
    gender: str = Field(Gender.TOTAL, pattern=r"^[TKM]$", description="T (totalt), K eller M.")


@router.get(
    "/indicators/{code}/values",
    response=schemas.answers(schemas.Page[IndicatorValueOut]),
    summary="En indikators värden per område och år",
    description="Områden är Kolada-id: kommunkod, region som 00 + länskod, 0000 för riket.",
)
def indicator_values(
    request,
    page: Query[PageParams],
    filters: Query[ValueFilter],
    code: str = Path(..., max_length=20, pattern=INDICATOR_CODE),
):
    indicator = get_object_or_404(Indicator, code=code)
    queryset = indicator.values.filter(gender=filters.gender).order_by("area", "year", "pk")
    if filters.area:
        queryset = queryset.filter(area=filters.area)
    if filters.year:
        queryset = queryset.filter(year=filters.year)
    names = selectors.area_labels()

    def serialize(rows):
        return [
            {
                "area": v.area,
                "area_name": names.get(v.area, v.area),
                "year": v.year,
                "gender": v.gender,
                "value": float(v.value) if v.value is not None else None,
                "from_kolada": v.from_kolada,
            }
            for v in rows
        ]

    return paginate(request, queryset, page, serialize)
