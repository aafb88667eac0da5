import datetime

from hypothesis import given
from hypothesis import strategies as st

from reviews import rules

D = datetime.date


def test_beredning_owes_assignment_every_second_year_and_meeting_forms_yearly():
    duties = rules.review_duties(
        assignment_months=24,
        meeting_forms_months=12,
        self_evaluation_months=None,
        follow_up_by=None,
    )
    assert [(d.kind, d.months) for d in duties] == [
        (rules.ASSIGNMENT, 24),
        (rules.MEETING_FORMS, 12),
    ]


def test_next_review_is_counted_from_the_last_one():
    duty = rules.ReviewDuty(rules.ASSIGNMENT, 24)
    assert rules.next_due(duty, D(2025, 3, 14), since=D(2020, 1, 1)) == D(2027, 3, 14)


def test_before_the_first_review_the_mandate_start_counts():
    duty = rules.ReviewDuty(rules.MEETING_FORMS, 12)
    assert rules.next_due(duty, None, since=D(2024, 1, 1)) == D(2025, 1, 1)


def test_fixed_follow_up_is_due_once_and_done_when_recorded():
    duty = rules.ReviewDuty(rules.FOLLOW_UP, fixed_due=D(2023, 9, 1))
    assert rules.next_due(duty, None, since=D(2022, 1, 1)) == D(2023, 9, 1)
    assert rules.next_due(duty, D(2023, 8, 20), since=D(2022, 1, 1)) is None


def test_month_end_is_kept_within_the_shorter_month():
    assert rules.add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 1, 1)), st.integers(1, 60))
def test_next_due_is_always_after_the_last_review(last, months):
    assert rules.next_due(rules.ReviewDuty(rules.ASSIGNMENT, months), last, since=last) > last
