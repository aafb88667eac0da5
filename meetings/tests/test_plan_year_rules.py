"""Next year from this year's pattern (R-G3, R-G4) and the holiday warning's calendar (R-S2)."""

import datetime

from meetings import calendar, planning

D = datetime.date


def test_pattern_day_keeps_weekday_and_week_of_the_month():
    # The second Thursday of March 2026 becomes the second Thursday of March 2027.
    assert planning.week_of_month(D(2026, 3, 12)) == 2
    assert planning.pattern_day(D(2026, 3, 12), 2027) == D(2027, 3, 11)
    assert planning.pattern_day(D(2026, 3, 2), 2027) == D(2027, 3, 1)  # first Monday


def test_a_fifth_weekday_the_month_lacks_next_year_becomes_its_last():
    assert planning.week_of_month(D(2026, 10, 29)) == 5  # fifth Thursday of October 2026
    assert planning.pattern_day(D(2026, 10, 29), 2027) == D(2027, 10, 28)  # only four in 2027
    # The positive twin: a month that has a fifth Thursday next year keeps it.
    assert planning.pattern_day(D(2026, 4, 30), 2027) == D(2027, 4, 29)


def test_beredning_that_would_fall_after_the_lsg_meeting_it_prepares_is_placed_before_it():
    # 2026: beredning the first Monday of June (1st), LSG the first Thursday (4th).
    # 2027: the first Monday (7th) comes after the first Thursday (3rd): the beredning keeps
    # this year's three days before LSG instead.
    lsg_2026 = [D(2026, 6, 4), D(2026, 9, 17)]
    assert planning.pattern_day(D(2026, 6, 1), 2027) == D(2027, 6, 7)
    placed = planning.place_before_parent(D(2026, 6, 1), 2027, lsg_2026)
    assert placed == D(2027, 5, 31)
    assert placed.weekday() == D(2026, 6, 1).weekday()
    assert 0 < (planning.pattern_day(D(2026, 6, 4), 2027) - placed).days <= 56


def test_beredning_keeps_its_pattern_while_it_still_comes_before_lsg():
    lsg_2026 = [D(2026, 3, 19)]
    assert planning.place_before_parent(D(2026, 3, 12), 2027, lsg_2026) == D(2027, 3, 11)
    # A beredning meeting that prepares no LSG meeting keeps its pattern too.
    assert planning.place_before_parent(D(2026, 11, 12), 2027, lsg_2026) == D(2027, 11, 11)


def test_public_holidays_and_de_facto_holidays_are_named():
    assert calendar.holiday_name(D(2027, 1, 6)) == "Trettondedag jul"
    assert calendar.holiday_name(D(2027, 6, 25)) == "Midsommarafton"
    assert calendar.holiday_name(D(2027, 12, 24)) == "Julafton"
    assert calendar.holiday_name(D(2027, 12, 31)) == "Nyårsafton"


def test_ordinary_days_and_sundays_are_not_holidays():
    assert calendar.holiday_name(D(2027, 1, 7)) is None
    assert calendar.holiday_name(D(2027, 1, 10)) is None  # a plain Sunday
