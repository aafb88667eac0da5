"""The process-measures report (R-F3): one table per scope (the whole structure or a group),
turned into the page's charts and the CSV/JSON downloads, so they always agree."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from cases.exports import Column, Table
from followup import charts, measures, selectors, sql
from structure.models import Group

PROCESS_COLUMNS = (
    Column("scope", "Omfattning", 30),
    Column("year", "År", 6),
    Column("meetings_held", "Hållna möten", 10),
    Column("meetings_rule", "Möten mot regeln", 18),
    Column("kallelse_on_time_pct", "Kallelser i tid (%)", 12),
    Column("days_to_public_minutes", "Dagar till publika minnesanteckningar (median)", 14),
    Column("attendance_present_pct", "Ordinarie närvarande (%)", 12),
    Column("attendance_substituted_pct", "Ersatta av ersättare (%)", 12),
    Column("attendance_empty_pct", "Frånvarande utan ersättare (%)", 12),
    Column("recommendations", "Expedierade rekommendationer", 10),
    Column("days_raised_to_adopted", "Dagar väckt → antagen (median)", 12),
    Column("days_adopted_to_expedited", "Dagar antagen → expedierad (median)", 12),
    Column("days_expedited_to_decided", "Dagar expedierad → alla beslutat (median)", 12),
    Column("days_raised_to_decided", "Dagar väckt → alla beslutat (median)", 12),
    Column("working_group_reports_on_time_pct", "Arbetsgruppsrapporter i tid (%)", 12),
)


@dataclass(frozen=True)
class ProcessReport:
    scope: str
    group: Group | None
    years: list[int]
    meetings: list[measures.YearMeasures]
    cases: list[measures.CaseLeadTimes]
    rule: list[str]  # per year, for a group: ok / too_few / too_many / no_rule
    reports_on_time: list[int | None]  # per year, working-group reports delivered by due date

    def rows(self) -> list[dict]:
        rows = []
        per_year = zip(self.meetings, self.cases, self.rule, self.reports_on_time, strict=True)
        for m, c, rule, reports in per_year:
            rows.append(
                {
                    "scope": self.scope,
                    "year": m.year,
                    "meetings_held": m.held,
                    "meetings_rule": measures.RULE_STATUS_LABELS[rule] if rule else "",
                    "kallelse_on_time_pct": m.on_time,
                    "days_to_public_minutes": m.minutes_days,
                    "attendance_present_pct": m.attendance.present,
                    "attendance_substituted_pct": m.attendance.substituted,
                    "attendance_empty_pct": m.attendance.empty,
                    "recommendations": c.recommendations,
                    "days_raised_to_adopted": c.raised_to_adopted,
                    "days_adopted_to_expedited": c.adopted_to_expedited,
                    "days_expedited_to_decided": c.expedited_to_decided,
                    "days_raised_to_decided": c.raised_to_decided,
                    "working_group_reports_on_time_pct": reports,
                }
            )
        return rows

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
                values=[m.on_time for m in self.meetings],
                y_label="Procent",
                y_max=100,
            ),
            "minutes": charts.bar_chart(
                title="Dagar från möte till publika minnesanteckningar",
                labels=years,
                values=[m.minutes_days for m in self.meetings],
                y_label="Dagar (median)",
            ),
            "attendance": charts.line_chart(
                title="Närvaro på ordinarie platser",
                labels=years,
                series=[
                    ("Närvarande", [m.attendance.present for m in self.meetings]),
                    ("Ersättare", [m.attendance.substituted for m in self.meetings]),
                    ("Tom plats", [m.attendance.empty for m in self.meetings]),
                ],
                y_label="Procent",
                y_max=100,
            ),
            "reports": charts.bar_chart(
                title="Arbetsgruppsrapporter levererade i tid",
                labels=years,
                values=self.reports_on_time,
                y_label="Procent",
                y_max=100,
            ),
            "lead_time": charts.bar_chart(
                title="Dagar från väckt ärende till alla huvudmäns beslut",
                labels=years,
                values=[c.raised_to_decided for c in self.cases],
                y_label="Dagar (median)",
            ),
        }


def process_report(*, group: Group | None, today: datetime.date) -> ProcessReport:
    """The measures for the years shown, aggregated in SQL over those years only."""
    first = selectors.first_held_year(group=group)
    years = [y for y in selectors.years_shown(today) if y >= (first or today.year)]
    by_year = selectors.meeting_measures(years=years, group=group)
    rule = [
        measures.meetings_rule_status(m.held, group.meetings_min, group.meetings_max)
        if group is not None and m.year < today.year
        else ""
        for m in by_year
    ]
    return ProcessReport(
        scope=group.name if group else "Hela strukturen",
        group=group,
        years=years,
        meetings=by_year,
        cases=selectors.case_lead_times(years=years, group=group),
        rule=rule,
        reports_on_time=measures.reports_on_time_by_year(
            selectors.working_group_report_facts(group=group), years, today
        ),
    )


def _cache_seconds() -> int:
    return getattr(settings, "FOLLOWUP_CACHE_SECONDS", 10 * 60)


def cached_process_report(*, group: Group | None, today: datetime.date) -> ProcessReport:
    """`process_report`, kept in the cache for a few minutes (FOLLOWUP_CACHE_SECONDS, 600): the
    measures are yearly statistics over thousands of rows, the same for everyone, so a page that
    is a few minutes behind is fine, and most requests then cost no aggregation at all."""
    key = f"followup:process:{group.pk if group else 'all'}:{today:%Y-%m-%d}"
    report = cache.get(key)
    if report is None:
        with sql.without_jit():
            report = process_report(group=group, today=today)
        cache.set(key, report, _cache_seconds())
    return report


def cached_principal_decision_times(
    principal_ids: list[int], today: datetime.date, *, years: list[int]
) -> list[measures.PrincipalDecisionTimes]:
    """`selectors.principal_decision_times`, cached like the process report."""
    key = f"followup:decisions:{today:%Y-%m-%d}:{','.join(map(str, years))}"
    rows = cache.get(key)
    if rows is None or [row.principal_id for row in rows] != principal_ids:
        with sql.without_jit():
            rows = selectors.principal_decision_times(principal_ids, today, years=years)
        cache.set(key, rows, _cache_seconds())
    return rows
