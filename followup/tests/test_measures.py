"""The pure measures on hand-made data with known answers."""

import datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from followup import measures
from followup.measures import CaseFact, DecisionFact, MeetingFact

D = datetime.date


def meeting(day, *, deadline=None, sent=None, public=None, present=0, subs=0, absent=0):
    return MeetingFact(1, day, deadline, sent, public, present, subs, absent)


def test_two_of_three_kallelser_on_time_is_67_percent():
    meetings = [
        meeting(D(2026, 3, 12), deadline=D(2026, 3, 5), sent=D(2026, 3, 5)),
        meeting(D(2026, 6, 11), deadline=D(2026, 6, 4), sent=D(2026, 6, 1)),
        meeting(D(2026, 9, 10), deadline=D(2026, 9, 3), sent=D(2026, 9, 4)),
    ]
    assert measures.kallelse_on_time_share(meetings) == 67


def test_a_kallelse_never_sent_counts_as_late():
    meetings = [
        meeting(D(2026, 3, 12), deadline=D(2026, 3, 5), sent=D(2026, 3, 5)),
        meeting(D(2026, 6, 11), deadline=D(2026, 6, 4), sent=None),
    ]
    assert measures.kallelse_on_time_share(meetings) == 50


def test_meetings_of_groups_without_a_deadline_rule_are_left_out():
    meetings = [
        meeting(D(2026, 3, 12), deadline=D(2026, 3, 5), sent=D(2026, 3, 4)),
        meeting(D(2026, 6, 11), deadline=None, sent=None),
    ]
    assert measures.kallelse_on_time_share(meetings) == 100


def test_no_meetings_gives_no_share_rather_than_zero():
    assert measures.kallelse_on_time_share([]) is None


def test_days_to_public_minutes_is_the_median_over_meetings_with_public_minutes():
    meetings = [
        meeting(D(2026, 3, 2), public=D(2026, 3, 12)),  # 10
        meeting(D(2026, 4, 1), public=D(2026, 4, 21)),  # 20
        meeting(D(2026, 5, 4), public=D(2026, 6, 3)),  # 30
        meeting(D(2026, 6, 1), public=None),
    ]
    assert measures.days_to_public_minutes(meetings) == 20


def test_attendance_counts_substituted_and_empty_seats_apart():
    # 8 present, 2 absent of whom 1 has a substitute → 80 % / 10 % / 10 %.
    shares = measures.attendance_shares([meeting(D(2026, 1, 1), present=8, subs=1, absent=2)])
    assert shares == measures.AttendanceShares(80, 10, 10)


def test_a_substitute_without_an_absent_member_does_not_make_seats():
    shares = measures.attendance_shares([meeting(D(2026, 1, 1), present=4, subs=2, absent=0)])
    assert shares == measures.AttendanceShares(100, 0, 0)


def test_meetings_rule_status_compares_held_meetings_with_the_rule():
    assert measures.meetings_rule_status(3, 4, 6) == "too_few"
    assert measures.meetings_rule_status(7, 4, 6) == "too_many"
    assert measures.meetings_rule_status(4, 4, 6) == "ok"
    assert measures.meetings_rule_status(9, None, None) == "no_rule"


def test_measures_by_year_split_meetings_by_their_year():
    meetings = [
        meeting(D(2025, 3, 1), deadline=D(2025, 2, 20), sent=D(2025, 2, 25)),
        meeting(D(2026, 3, 1), deadline=D(2026, 2, 20), sent=D(2026, 2, 19)),
    ]
    by_year = measures.meeting_measures_by_year(meetings, [2025, 2026])
    assert [(y.year, y.held, y.on_time) for y in by_year] == [(2025, 1, 0), (2026, 1, 100)]


def test_case_lead_times_take_medians_per_stage_and_year_of_adoption():
    facts = [
        CaseFact(D(2026, 1, 1), D(2026, 1, 31), D(2026, 2, 5), D(2026, 4, 6)),
        CaseFact(D(2026, 2, 1), D(2026, 3, 3), D(2026, 3, 13), None),
        CaseFact(D(2025, 2, 1), D(2025, 3, 3), None, None),
    ]
    (lead,) = measures.case_lead_times(facts, [2026])
    assert lead.recommendations == 2
    assert lead.raised_to_adopted == 30
    assert lead.adopted_to_expedited == round((5 + 10) / 2)
    assert lead.expedited_to_decided == 60
    assert lead.raised_to_decided == 95


def test_principal_decision_times_show_median_and_what_is_outstanding():
    facts = [
        DecisionFact(1, D(2026, 1, 1), D(2026, 1, 11)),
        DecisionFact(1, D(2026, 2, 1), D(2026, 3, 3)),
        DecisionFact(1, D(2026, 5, 1), None),
        DecisionFact(2, D(2026, 5, 1), None),
    ]
    first, second = measures.principal_decision_times(facts, [1, 2], today=D(2026, 5, 31))
    assert (first.decided, first.median_days, first.outstanding) == (2, 20, 1)
    assert first.oldest_outstanding_days == 30
    assert (second.decided, second.median_days, second.outstanding) == (0, None, 1)


def test_goal_status_when_lower_is_better():
    status = measures.goal_status
    kwargs = {"baseline": Decimal(104), "target": Decimal(80), "higher_is_better": False}
    assert status(latest=Decimal(79), **kwargs) == "reached"
    assert status(latest=Decimal(90), **kwargs) == "improving"
    assert status(latest=Decimal(110), **kwargs) == "not_improving"
    assert status(latest=None, **kwargs) == "no_data"


def test_goal_status_when_higher_is_better():
    kwargs = {"baseline": Decimal(50), "target": Decimal(75), "higher_is_better": True}
    assert measures.goal_status(latest=Decimal(75), **kwargs) == "reached"
    assert measures.goal_status(latest=Decimal(40), **kwargs) == "not_improving"


def test_survey_with_fewer_than_five_answers_shows_no_result():
    (result,) = measures.survey_results({"E1": (4, 4)}, ["E1"], target=75)
    assert result.satisfied is None and result.meets_target is None
    assert result.answers == 4


def test_survey_share_satisfied_against_the_75_percent_target():
    results = measures.survey_results({"E1": (8, 6), "E2": (8, 5)}, ["E1", "E2"], target=75)
    assert [(r.satisfied, r.meets_target) for r in results] == [(75, True), (63, False)]


def test_implementation_status_counts_local_agreements_and_missing_mandates():
    status = measures.implementation_status(
        regional_in_force=D(2020, 1, 1),
        local_in_force=14,
        municipalities=15,
        groups_without_mandate=["LSG"],
        switch_date=D(2020, 1, 1),
        coordinators=1,
        today=D(2026, 11, 25),
    )
    assert [(s.code, s.done) for s in status] == [
        ("P1", True),
        ("P2", False),
        ("P3", False),
        ("P4", True),
        ("P5", True),
    ]
    assert status[1].detail == "14 av 15 lokala överenskommelser gäller."
    assert "LSG" in status[2].detail


def test_a_regional_agreement_not_yet_in_force_does_not_fulfil_p1():
    (p1, *_) = measures.implementation_status(
        regional_in_force=D(2027, 1, 1),
        local_in_force=0,
        municipalities=15,
        groups_without_mandate=[],
        switch_date=None,
        coordinators=0,
        today=D(2026, 11, 25),
    )
    assert not p1.done


@given(st.integers(min_value=0, max_value=500), st.integers(min_value=1, max_value=500))
def test_percent_stays_between_0_and_100(part, extra):
    whole = part + extra
    assert 0 <= measures.percent(part, whole) <= 100


# --- Working-group reports ----------------------------------------------------------------------

D = datetime.date


def test_two_of_three_reports_due_in_a_year_on_time_is_67_percent():
    facts = [
        measures.ReportFact(due_on=D(2025, 3, 1), delivered_on=D(2025, 2, 20)),
        measures.ReportFact(due_on=D(2025, 6, 1), delivered_on=D(2025, 6, 1)),  # the day itself
        measures.ReportFact(due_on=D(2025, 9, 1), delivered_on=D(2025, 10, 5)),
    ]
    assert measures.reports_on_time_by_year(facts, [2025], D(2026, 1, 1)) == [67]


def test_a_report_past_due_and_not_delivered_is_late_and_one_not_yet_due_is_left_out():
    facts = [
        measures.ReportFact(due_on=D(2026, 3, 1), delivered_on=None),  # late
        measures.ReportFact(due_on=D(2026, 4, 1), delivered_on=D(2026, 3, 30)),  # on time
        measures.ReportFact(due_on=D(2026, 12, 18), delivered_on=None),  # not due yet
    ]
    assert measures.reports_on_time_by_year(facts, [2025, 2026], D(2026, 11, 25)) == [None, 50]
