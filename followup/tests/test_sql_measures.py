"""The process measures aggregated in SQL give the same numbers as the row-by-row reference
(`followup.measures` over `followup.selectors.held_meetings` and friends), and the follow-up
pages read them in the same number of queries whatever the amount of data."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from cases.models import Addressee, DecisionOutcome, PrincipalDecision, Recommendation
from followup import measures, selectors
from followup.tests.conftest import at
from meetings.models import Attendance, AttendanceStatus, Meeting, Minutes, MinutesStatus
from structure.models import Group, Person, Principal


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


@pytest.fixture
def varied(history, seat):
    history(9)
    _vary(seat)


@pytest.mark.parametrize("slug", [None, "lsg"])
def test_meeting_measures_in_sql_equal_the_row_by_row_reference(varied, slug):
    group = Group.objects.get(slug=slug) if slug else None
    today = timezone.localdate()
    rows = selectors.held_meetings(group=group)
    years = selectors.years_with_data(rows, today)
    assert selectors.meeting_measures(years=years, group=group) == (
        measures.meeting_measures_by_year(rows, years)
    )
    assert any(m.attendance.substituted for m in measures.meeting_measures_by_year(rows, years))


@pytest.mark.parametrize("slug", [None, "lsg"])
def test_case_lead_times_in_sql_equal_the_row_by_row_reference(varied, slug):
    group = Group.objects.get(slug=slug) if slug else None
    years = selectors.years_shown(timezone.localdate())
    reference = measures.case_lead_times(selectors.public_recommendation_facts(group=group), years)
    assert selectors.case_lead_times(years=years, group=group) == reference
    assert any(row.expedited_to_decided for row in reference)


def test_principal_decision_times_in_sql_equal_the_row_by_row_reference(varied):
    today = timezone.localdate()
    principal_ids = [p.pk for p in selectors.principals()]
    reference = measures.principal_decision_times(selectors.decision_facts(), principal_ids, today)
    years = selectors.years_shown(today)
    assert selectors.principal_decision_times(principal_ids, today, years=years) == reference
    assert any(row.outstanding for row in reference) and any(row.decided for row in reference)


def test_an_even_number_of_days_takes_the_mean_of_the_middle_two(history):
    history(2)  # minutes 12 days after each meeting; make the second 15 days
    second = Meeting.objects.order_by("starts_at").last()
    Minutes.objects.filter(meeting=second).update(
        approved_at=at(second.local_date, 9) + datetime.timedelta(days=15)
    )
    (row,) = [m for m in selectors.meeting_measures(years=[2025]) if m.year == 2025]
    assert row.minutes_days == round(13.5)  # as statistics.median and round() give: 14


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
