"""The row-by-row reference of the process measures (reference_measures.py) on hand-made data
with known answers, so the reference the SQL is checked against is itself right."""

import datetime

from followup.tests import reference_measures as reference
from followup.tests.reference_measures import CaseFact, DecisionFact, MeetingFact, ReportFact

D = datetime.date


def meeting(day, *, deadline=None, sent=None, public=None, present=0, subs=0, absent=0):
    return MeetingFact(1, day, deadline, sent, public, present, subs, absent)


def test_two_of_three_kallelser_on_time_is_67_percent():
    meetings = [
        meeting(D(2026, 3, 12), deadline=D(2026, 3, 5), sent=D(2026, 3, 5)),
        meeting(D(2026, 6, 11), deadline=D(2026, 6, 4), sent=D(2026, 6, 1)),
        meeting(D(2026, 9, 10), deadline=D(2026, 9, 3), sent=D(2026, 9, 4)),
    ]
    assert reference.kallelse_on_time_share(meetings) == 67


def test_a_kallelse_never_sent_counts_as_late():
    meetings = [
        meeting(D(2026, 3, 12), deadline=D(2026, 3, 5), sent=D(2026, 3, 5)),
        meeting(D(2026, 6, 11), deadline=D(2026, 6, 4), sent=None),
    ]
    assert reference.kallelse_on_time_share(meetings) == 50


def test_meetings_of_groups_without_a_deadline_rule_are_left_out():
    meetings = [
        meeting(D(2026, 3, 12), deadline=D(2026, 3, 5), sent=D(2026, 3, 4)),
        meeting(D(2026, 6, 11), deadline=None, sent=None),
    ]
    assert reference.kallelse_on_time_share(meetings) == 100


def test_no_meetings_gives_no_share_rather_than_zero():
    assert reference.kallelse_on_time_share([]) is None


def test_days_to_public_minutes_is_the_median_over_meetings_with_public_minutes():
    meetings = [
        meeting(D(2026, 3, 2), public=D(2026, 3, 12)),  # 10
        meeting(D(2026, 4, 1), public=D(2026, 4, 21)),  # 20
        meeting(D(2026, 5, 4), public=D(2026, 6, 3)),  # 30
        meeting(D(2026, 6, 1), public=None),
    ]
    assert reference.days_to_public_minutes(meetings) == 20


def test_attendance_counts_substituted_and_empty_seats_apart():
    # 8 present, 2 absent of whom 1 has a substitute → 80 % / 10 % / 10 %.
    shares = reference.attendance_shares([meeting(D(2026, 1, 1), present=8, subs=1, absent=2)])
    assert list(shares.values()) == [80, 10, 10]


def test_a_substitute_without_an_absent_member_does_not_make_seats():
    shares = reference.attendance_shares([meeting(D(2026, 1, 1), present=4, subs=2, absent=0)])
    assert list(shares.values()) == [100, 0, 0]


def test_measures_by_year_split_meetings_by_their_year():
    meetings = [
        meeting(D(2025, 3, 1), deadline=D(2025, 2, 20), sent=D(2025, 2, 25)),
        meeting(D(2026, 3, 1), deadline=D(2026, 2, 20), sent=D(2026, 2, 19)),
    ]
    by_year = reference.meeting_measures(meetings, [2025, 2026], today=D(2026, 6, 1))
    assert [(y, v["meetings_held"], v["kallelse_on_time_pct"]) for y, v in by_year.items()] == [
        (2025, 1, 0),
        (2026, 1, 100),
    ]


def test_case_lead_times_take_medians_per_stage_and_year_of_adoption():
    facts = [
        CaseFact(D(2026, 1, 1), D(2026, 1, 31), D(2026, 2, 5), D(2026, 4, 6)),
        CaseFact(D(2026, 2, 1), D(2026, 3, 3), D(2026, 3, 13), None),
        CaseFact(D(2025, 2, 1), D(2025, 3, 3), None, None),
    ]
    lead = reference.case_lead_times(facts, [2026])[2026]
    assert lead["recommendations"] == 2
    assert lead["days_raised_to_adopted"] == 30
    assert lead["days_adopted_to_expedited"] == round((5 + 10) / 2)
    assert lead["days_expedited_to_decided"] == 60
    assert lead["days_raised_to_decided"] == 95


def test_principal_decision_times_show_median_and_what_is_outstanding():
    facts = [
        DecisionFact(1, D(2026, 1, 1), D(2026, 1, 11)),
        DecisionFact(1, D(2026, 2, 1), D(2026, 3, 3)),
        DecisionFact(1, D(2026, 5, 1), None),
        DecisionFact(2, D(2026, 5, 1), None),
    ]
    first, second = reference.principal_decision_times(facts, [1, 2], today=D(2026, 5, 31))
    assert (first.decided, first.median_days, first.outstanding) == (2, 20, 1)
    assert first.oldest_outstanding_days == 30
    assert (second.decided, second.median_days, second.outstanding) == (0, None, 1)


def _on_time(facts, years, today):
    by_year = reference.reports_on_time(facts, years, today)
    return [by_year[year]["working_group_reports_on_time_pct"] for year in years]


def test_two_of_three_reports_due_in_a_year_on_time_is_67_percent():
    facts = [
        ReportFact(due_on=D(2025, 3, 1), delivered_on=D(2025, 2, 20)),
        ReportFact(due_on=D(2025, 6, 1), delivered_on=D(2025, 6, 1)),  # the day itself
        ReportFact(due_on=D(2025, 9, 1), delivered_on=D(2025, 10, 5)),
    ]
    assert _on_time(facts, [2025], D(2026, 1, 1)) == [67]


def test_a_report_past_due_and_not_delivered_is_late_and_one_not_yet_due_is_left_out():
    facts = [
        ReportFact(due_on=D(2026, 3, 1), delivered_on=None),  # late
        ReportFact(due_on=D(2026, 4, 1), delivered_on=D(2026, 3, 30)),  # on time
        ReportFact(due_on=D(2026, 12, 18), delivered_on=None),  # not due yet
    ]
    assert _on_time(facts, [2025, 2026], D(2026, 11, 25)) == [None, 50]
