"""The process measures in SQL (`followup.selectors`): known answers on a few rows, the same
numbers as the row-by-row reference (`followup/tests/reference_measures.py`) on varied data, and
the follow-up pages read them in the same number of queries whatever the amount of data.

A new measure's test goes here: build the few rows it counts, assert the number."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from cases.models import Addressee, DecisionOutcome, PrincipalDecision, Recommendation
from followup import selectors
from followup.tests import reference_measures as reference
from followup.tests.conftest import at
from meetings.models import Attendance, AttendanceStatus, Meeting, Minutes, MinutesStatus
from structure.models import Group, Person, Principal
from testing.builders import person
from workgroups.models import Status, WorkingGroup


def _vary(seat):
    """Absences with and without substitutes, late papers, a second approved version, and
    recommendations whose principals have decided on different days or not at all."""
    registrar = User.objects.create_user("reg", password="pw")
    extra = seat("lsg", 3)
    substitute = Person.objects.create(
        first_name="Ers", last_name="Ättare", principal=Principal.objects.get(code="24")
    )
    meetings = list(Meeting.objects.order_by("starts_at"))
    for index, meeting in enumerate(meetings):
        Attendance.objects.create(meeting=meeting, person=extra[0], status=AttendanceStatus.ABSENT)
        if index % 2:
            Attendance.objects.create(
                meeting=meeting, person=extra[1], status=AttendanceStatus.ABSENT
            )
            Attendance.objects.create(
                meeting=meeting, person=substitute, status=AttendanceStatus.SUBSTITUTE
            )
        if index % 3 == 0:
            meeting.papers_sent_at = meeting.starts_at - datetime.timedelta(days=1)
            meeting.save(update_fields=["papers_sent_at"])
        if index % 4 == 1:
            Minutes.objects.create(
                meeting=meeting,
                version=2,
                status=MinutesStatus.APPROVED,
                approved_at=meeting.starts_at + datetime.timedelta(days=3 + index),
            )
    others = list(Principal.objects.exclude(code="2480").order_by("pk")[:2])
    for index, rec in enumerate(Recommendation.objects.order_by("pk")):
        for principal in others[: index % 3]:
            Addressee.objects.create(recommendation=rec, principal=principal)
        for offset, addressee in enumerate(rec.addressees.order_by("pk")):
            if (index + offset) % 4 == 3:
                continue  # not decided yet
            PrincipalDecision.objects.create(
                addressee=addressee,
                outcome=DecisionOutcome.APPROVED,
                body=addressee.principal.decision_bodies.first(),
                decided_on=timezone.localdate(rec.expedited_at)
                + datetime.timedelta(days=10 + 7 * index + offset),
                reference="§ 1",
                registered_by=registrar,
            )


def _working_group(name, *, due, delivered=None, to="lsg", status=Status.DELIVERED):
    group = Group.objects.get(slug=to)
    return WorkingGroup.objects.create(
        name=name,
        set_up_by=group,
        set_up_on=datetime.date(2024, 11, 1),
        decision_reference="LSG 2024-11-01 § 4",
        assignment="Ta fram underlag.",
        convener=person("Vera"),
        due_on=due,
        reports_to=group,
        status=status,
        delivered_on=delivered,
    )


def _vary_working_groups():
    """Reports on time, late, the day itself, past due and not delivered, not yet due, closed
    without a report, over three years and two receiving groups."""
    today = timezone.localdate()
    for index in range(12):
        due = datetime.date(today.year - index % 3, 1 + index, 10)
        late = index % 4 == 1
        waiting = index % 5 == 2
        _working_group(
            f"Arbetsgrupp {index}",
            due=due,
            delivered=None if waiting else due + datetime.timedelta(days=9 if late else -index),
            to="lsg" if index % 2 else "samrad",
            status=Status.SET_UP if waiting else Status.DELIVERED,
        )
    _working_group("Stängd", due=today.replace(month=1, day=5), status=Status.CLOSED)
    _working_group("Ej förfallen", due=today + datetime.timedelta(days=30), status=Status.SET_UP)


@pytest.fixture
def varied(history, seat):
    history(9)
    _vary(seat)
    _vary_working_groups()


@pytest.mark.parametrize("slug", [None, "lsg"])
def test_meeting_measures_in_sql_equal_the_row_by_row_reference(varied, slug):
    group = Group.objects.get(slug=slug) if slug else None
    today = timezone.localdate()
    rows = reference.held_meetings(group=group)
    years = reference.years_with_data(rows, selectors.years_shown(today))
    expected = reference.meeting_measures(rows, years, group=group, today=today)
    assert selectors.meeting_measures(years=years, group=group) == expected
    assert any(v["attendance_substituted_pct"] for v in expected.values())


@pytest.mark.parametrize("slug", [None, "lsg"])
def test_case_lead_times_in_sql_equal_the_row_by_row_reference(varied, slug):
    group = Group.objects.get(slug=slug) if slug else None
    years = selectors.years_shown(timezone.localdate())
    expected = reference.case_lead_times(reference.public_recommendation_facts(group=group), years)
    assert selectors.case_lead_times(years=years, group=group) == expected
    assert any(v["days_expedited_to_decided"] for v in expected.values())


@pytest.mark.parametrize("slug", [None, "lsg"])
def test_working_group_reports_on_time_in_sql_equal_the_row_by_row_reference(varied, slug):
    group = Group.objects.get(slug=slug) if slug else None
    today = timezone.localdate()
    years = selectors.years_shown(today)
    facts = reference.working_group_report_facts(group=group)
    expected = reference.reports_on_time(facts, years, today)
    assert selectors.working_group_reports_on_time(years=years, group=group, today=today) == (
        expected
    )
    shares = [v["working_group_reports_on_time_pct"] for v in expected.values()]
    assert any(share not in (None, 0, 100) for share in shares)


def test_principal_decision_times_in_sql_equal_the_row_by_row_reference(varied):
    today = timezone.localdate()
    principal_ids = [p.pk for p in selectors.principals()]
    expected = reference.principal_decision_times(reference.decision_facts(), principal_ids, today)
    years = selectors.years_shown(today)
    assert selectors.principal_decision_times(principal_ids, today, years=years) == expected
    assert any(row.outstanding for row in expected) and any(row.decided for row in expected)


def test_working_group_reports_on_time_count_late_and_leave_out_the_not_yet_due(structure):
    today = datetime.date(2026, 11, 25)
    _working_group("I tid", due=datetime.date(2026, 3, 1), delivered=datetime.date(2026, 2, 27))
    _working_group("Samma dag", due=datetime.date(2026, 4, 1), delivered=datetime.date(2026, 4, 1))
    _working_group("Sen", due=datetime.date(2026, 5, 1), delivered=datetime.date(2026, 6, 2))
    _working_group("Försenad", due=datetime.date(2026, 6, 1), status=Status.SET_UP)
    _working_group("Ej förfallen", due=datetime.date(2026, 12, 18), status=Status.SET_UP)
    _working_group("Stängd", due=datetime.date(2026, 2, 1), status=Status.CLOSED)
    _working_group("Annan grupp", due=datetime.date(2026, 2, 1), to="samrad")
    lsg = Group.objects.get(slug="lsg")
    by_year = selectors.working_group_reports_on_time(years=[2025, 2026], group=lsg, today=today)
    assert by_year == {
        2025: {"working_group_reports_on_time_pct": None},
        2026: {"working_group_reports_on_time_pct": 50},  # 2 of 4 counted
    }


def test_an_even_number_of_days_takes_the_mean_of_the_middle_two(history):
    history(2)  # minutes 12 days after each meeting; make the second 15 days
    second = Meeting.objects.order_by("starts_at").last()
    Minutes.objects.filter(meeting=second).update(
        approved_at=at(second.local_date, 9) + datetime.timedelta(days=15)
    )
    row = selectors.meeting_measures(years=[2025])[2025]
    assert row["days_to_public_minutes"] == round(13.5)  # as statistics.median and round() give: 14


def _queries(client, url) -> int:
    cache.clear()  # the cold path: every aggregate is computed
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        reverse("followup:overview"),
        reverse("followup:group_measures", args=["lsg"]),
        reverse("followup:process_export", args=["csv"]),
    ],
)
def test_followup_pages_read_the_same_number_of_queries_at_small_and_larger_data(
    client, history, url
):
    history(2)
    small = _queries(client, url)
    history(25)
    assert _queries(client, url) == small


def test_a_second_request_reads_the_report_from_the_cache(client, history):
    history(3)
    url = reverse("followup:overview")
    cold = _queries(client, url)
    with CaptureQueriesContext(connection) as warm:
        client.get(url)
    assert len(warm) < cold


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's JIT setting")
def test_the_measures_run_with_the_jit_compiler_off_and_leave_it_as_it_was():
    from followup.sql import without_jit

    def jit() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SHOW jit")
            return cursor.fetchone()[0]

    before = jit()
    with without_jit():
        assert jit() == "off"
    assert jit() == before
