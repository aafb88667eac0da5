"""R-S2: Swedish working days and the paper deadline."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetings.calendar import (
    is_working_day,
    nth_working_day_before,
    paper_deadline,
    working_days_between,
)

D = datetime.date


@pytest.mark.parametrize(
    "day",
    [
        D(2026, 1, 1),  # nyårsdagen
        D(2026, 1, 6),  # trettondedag jul
        D(2026, 4, 3),  # långfredagen
        D(2026, 4, 6),  # annandag påsk
        D(2026, 5, 1),
        D(2026, 5, 14),  # Kristi himmelfärd
        D(2026, 6, 19),  # midsommarafton (de facto)
        D(2026, 12, 24),  # julafton (de facto)
        D(2026, 12, 25),
        D(2026, 12, 31),  # nyårsafton (de facto)
        D(2026, 11, 28),  # a Saturday
        D(2026, 11, 29),  # a Sunday
    ],
)
def test_holidays_eves_and_weekends_are_not_working_days(day):
    assert not is_working_day(day)


@pytest.mark.parametrize("day", [D(2026, 11, 25), D(2026, 12, 23), D(2026, 12, 28), D(2026, 6, 18)])
def test_ordinary_weekdays_are_working_days(day):
    assert is_working_day(day)


def test_ten_working_days_before_a_plain_thursday_is_the_thursday_two_weeks_earlier():
    assert nth_working_day_before(D(2026, 10, 22), 10) == D(2026, 10, 8)


def test_meeting_day_itself_is_not_counted():
    # Friday 2026-11-27: one working day before is Thursday, not the Friday itself.
    assert nth_working_day_before(D(2026, 11, 27), 1) == D(2026, 11, 26)


def test_deadline_around_christmas_skips_eves_and_holidays():
    # Meeting Thursday 2027-01-07. Back: 6 Jan (trettondedag), 1 Jan, 31 Dec (nyårsafton),
    # 24-26 Dec are not working days. Working days: 5, 4 Jan; 30, 29, 28, 23, 22, 21, 18, 17 Dec.
    assert nth_working_day_before(D(2027, 1, 7), 10) == D(2026, 12, 17)


def test_deadline_around_easter_skips_good_friday_and_easter_monday():
    # Meeting Wednesday 2026-04-08: Tue 7 counts; Mon 6 (annandag påsk), the weekend and
    # Fri 3 (långfredagen) do not; Thu 2 is the second working day before.
    assert nth_working_day_before(D(2026, 4, 8), 2) == D(2026, 4, 2)


def test_deadline_around_midsummer_skips_midsommarafton():
    # Meeting Tuesday 2026-06-23: Mon 22, (Fri 19 is midsommarafton), Thu 18.
    assert nth_working_day_before(D(2026, 6, 23), 2) == D(2026, 6, 18)


def test_patient_safety_deadline_is_in_calendar_days():
    assert paper_deadline(D(2026, 3, 20), 14, "calendar_days") == D(2026, 3, 6)
    assert paper_deadline(D(2026, 3, 20), 7, "working_days") == D(2026, 3, 11)


def test_n_must_be_positive():
    with pytest.raises(ValueError):
        nth_working_day_before(D(2026, 3, 20), 0)


dates = st.dates(min_value=D(2000, 1, 1), max_value=D(2060, 12, 31))
counts = st.integers(min_value=1, max_value=40)


@given(day=dates, n=counts)
def test_result_is_a_working_day_before_the_date(day, n):
    result = nth_working_day_before(day, n)
    assert result < day
    assert is_working_day(result)


@given(day=dates, n=counts)
def test_exactly_n_working_days_lie_from_the_result_up_to_the_date(day, n):
    result = nth_working_day_before(day, n)
    # result itself counts, the meeting day does not
    assert working_days_between(result, day) == n


@given(day=dates, n=counts)
def test_more_days_give_an_earlier_deadline(day, n):
    assert nth_working_day_before(day, n + 1) < nth_working_day_before(day, n)
