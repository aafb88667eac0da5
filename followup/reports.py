"""The process-measures report (R-F3): one table per scope (the whole structure or a group),
turned into the page's tables and charts, the CSV/JSON downloads and the API, so they always
agree.

`PROCESS_MEASURES` is the report's definition, one row per measure: the column every output
shows it under, and the SQL function in `followup.selectors` that computes it per year. A new
measure is one SQL function there, one row here and one test (see the README, "Follow-up").
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from followup import charts, measures, selectors, sql
from lib.exports import Column, Table
from structure.models import Group


def _rule_label(status: str | None) -> str:
    return measures.RULE_STATUS_LABELS[status] if status else ""


@dataclass(frozen=True)
class Measure:
    """One row of the report's definition."""

    column: Column
    # (*, years, group, today) -> {year: {column key: value}} for every year asked
    source: Callable[..., selectors.MeasureValues]
    shown: Callable[[object], object] | None = None  # the value as the table shows it


PROCESS_MEASURES = (
    Measure(Column("meetings_held", "Hållna möten", 10), selectors.meeting_measures),
    Measure(
        Column("meetings_rule", "Möten mot regeln", 18), selectors.meeting_measures, _rule_label
    ),
    Measure(Column("kallelse_on_time_pct", "Kallelser i tid (%)", 12), selectors.meeting_measures),
    Measure(
        Column("days_to_public_minutes", "Dagar till publika minnesanteckningar (median)", 14),
        selectors.meeting_measures,
    ),
    Measure(
        Column("attendance_present_pct", "Ordinarie närvarande (%)", 12),
        selectors.meeting_measures,
    ),
    Measure(
        Column("attendance_substituted_pct", "Ersatta av ersättare (%)", 12),
        selectors.meeting_measures,
    ),
    Measure(
        Column("attendance_empty_pct", "Frånvarande utan ersättare (%)", 12),
        selectors.meeting_measures,
    ),
    Measure(
        Column("recommendations", "Expedierade rekommendationer", 10), selectors.case_lead_times
    ),
    Measure(
        Column("days_raised_to_adopted", "Dagar väckt → antagen (median)", 12),
        selectors.case_lead_times,
    ),
    Measure(
        Column("days_adopted_to_expedited", "Dagar antagen → expedierad (median)", 12),
        selectors.case_lead_times,
    ),
    Measure(
        Column("days_expedited_to_decided", "Dagar expedierad → alla beslutat (median)", 12),
        selectors.case_lead_times,
    ),
    Measure(
        Column("days_raised_to_decided", "Dagar väckt → alla beslutat (median)", 12),
        selectors.case_lead_times,
    ),
    Measure(
        Column("working_group_reports_on_time_pct", "Arbetsgruppsrapporter i tid (%)", 12),
        selectors.working_group_reports_on_time,
    ),
)

PROCESS_COLUMNS = (
    Column("scope", "Omfattning", 30),
    Column("year", "År", 6),
    *(measure.column for measure in PROCESS_MEASURES),
)


@dataclass(frozen=True)
class ProcessReport:
    scope: str
    group: Group | None
    years: list[int]
    values: list[dict]  # per year: each measure's value as shown, by column key

    def rows(self) -> list[dict]:
        return [
            {"scope": self.scope, "year": year, **values}
            for year, values in zip(self.years, self.values, strict=True)
        ]

    def series(self, key: str) -> list:
        """One measure over the years, for a chart."""
        return [values[key] for values in self.values]

    def table(self, today: datetime.date) -> Table:
        slug = self.group.slug if self.group else "hela-strukturen"
        return Table(
            title=f"Processmått – {self.scope}",
            filename=f"processmatt-{slug}-{today:%Y-%m-%d}",
            columns=PROCESS_COLUMNS,
            rows=self.rows(),
        )

    def charts(self):
        years = self.years
        return {
            "on_time": charts.bar_chart(
                title="Kallelser med underlag i tid",
                labels=years,
                values=self.series("kallelse_on_time_pct"),
                y_label="Procent",
                y_max=100,
            ),
            "minutes": charts.bar_chart(
                title="Dagar från möte till publika minnesanteckningar",
                labels=years,
                values=self.series("days_to_public_minutes"),
                y_label="Dagar (median)",
            ),
            "attendance": charts.line_chart(
                title="Närvaro på ordinarie platser",
                labels=years,
                series=[
                    ("Närvarande", self.series("attendance_present_pct")),
                    ("Ersättare", self.series("attendance_substituted_pct")),
                    ("Tom plats", self.series("attendance_empty_pct")),
                ],
                y_label="Procent",
                y_max=100,
            ),
            "reports": charts.bar_chart(
                title="Arbetsgruppsrapporter levererade i tid",
                labels=years,
                values=self.series("working_group_reports_on_time_pct"),
                y_label="Procent",
                y_max=100,
            ),
            "lead_time": charts.bar_chart(
                title="Dagar från väckt ärende till alla huvudmäns beslut",
                labels=years,
                values=self.series("days_raised_to_decided"),
                y_label="Dagar (median)",
            ),
        }


def process_report(*, group: Group | None, today: datetime.date) -> ProcessReport:
    """The measures for the years shown, aggregated in SQL over those years only: each SQL
    function of `PROCESS_MEASURES` runs once, whatever the number of measures it serves."""
    first = selectors.first_held_year(group=group)
    years = [y for y in selectors.years_shown(today) if y >= (first or today.year)]
    computed: dict[Callable, selectors.MeasureValues] = {}
    for measure in PROCESS_MEASURES:
        if measure.source not in computed:
            computed[measure.source] = measure.source(years=years, group=group, today=today)
    values = []
    for year in years:
        shown = {}
        for measure in PROCESS_MEASURES:
            value = computed[measure.source][year][measure.column.key]
            shown[measure.column.key] = measure.shown(value) if measure.shown else value
        values.append(shown)
    return ProcessReport(
        scope=group.name if group else "Hela strukturen",
        group=group,
        years=years,
        values=values,
    )


def _cache_seconds() -> int:
    return getattr(settings, "FOLLOWUP_CACHE_SECONDS", 10 * 60)


def cached_process_report(*, group: Group | None, today: datetime.date) -> ProcessReport:
    """`process_report`, kept in the cache for a few minutes (FOLLOWUP_CACHE_SECONDS, 600): the
    measures are yearly statistics over thousands of rows, the same for everyone, so a page that
    is a few minutes behind is fine, and most requests then cost no aggregation at all."""
    # "v2": the report's shape changed; a report cached by the previous release is not read.
    key = f"followup:process:v2:{group.pk if group else 'all'}:{today:%Y-%m-%d}"
    report = cache.get(key)
    if report is None:
        with sql.without_jit():
            report = process_report(group=group, today=today)
        cache.set(key, report, _cache_seconds())
    return report


def cached_principal_decision_times(
    principal_ids: list[int], today: datetime.date, *, years: list[int]
) -> list[selectors.PrincipalDecisionTimes]:
    """`selectors.principal_decision_times`, cached like the process report."""
    key = f"followup:decisions:{today:%Y-%m-%d}:{','.join(map(str, years))}"
    rows = cache.get(key)
    if rows is None or [row.principal_id for row in rows] != principal_ids:
        with sql.without_jit():
            rows = selectors.principal_decision_times(principal_ids, today, years=years)
        cache.set(key, rows, _cache_seconds())
    return rows
