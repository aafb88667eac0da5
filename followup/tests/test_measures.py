"""The follow-up's pure rules on hand-made data with known answers."""

import datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from followup import measures

D = datetime.date


def test_meetings_rule_status_compares_held_meetings_with_the_rule():
    assert measures.meetings_rule_status(3, 4, 6) == "too_few"
    assert measures.meetings_rule_status(7, 4, 6) == "too_many"
    assert measures.meetings_rule_status(4, 4, 6) == "ok"
    assert measures.meetings_rule_status(9, None, None) == "no_rule"


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
