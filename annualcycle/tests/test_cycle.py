import datetime

from annualcycle import cycle

D = datetime.date


def test_every_year_has_the_chair_swap_and_the_booking_deadline():
    events = cycle.build_cycle(2026, [])
    assert (D(2026, 1, 1), cycle.CHAIR_SWAP) in [(e.day, e.kind) for e in events]
    assert (D(2026, 11, 30), cycle.DEADLINE) in [(e.day, e.kind) for e in events]


def test_compilation_falls_on_the_councils_last_meeting_of_the_year():
    meetings = [
        cycle.MeetingEntry(D(2026, 3, 5), "Råd", "/m/1", is_patient_safety=True),
        cycle.MeetingEntry(D(2026, 11, 12), "Råd", "/m/2", is_patient_safety=True),
    ]
    events = cycle.build_cycle(2026, meetings, compilation="Rådet sammanställer")
    [compilation] = [e for e in events if e.kind == cycle.COMPILATION]
    assert compilation.day == D(2026, 11, 12)
    assert compilation.title == "Rådet sammanställer"


def test_a_structure_without_the_council_has_no_compilation():
    assert not [e for e in cycle.build_cycle(2026, []) if e.kind == cycle.COMPILATION]


def test_reviews_are_internal_and_other_years_are_left_out():
    events = cycle.build_cycle(
        2026,
        [cycle.MeetingEntry(D(2027, 1, 5), "LSG", "/m/")],
        reviews=[(D(2026, 4, 1), "mötesformer i LSG")],
        deliveries=[(D(2026, 6, 1), "AG", "/w/")],
    )
    review = next(e for e in events if e.kind == cycle.REVIEW)
    assert review.public is False
    assert not any(e.day.year == 2027 for e in events)
    assert any(e.kind == cycle.DELIVERY for e in events)


def test_the_seminar_is_its_own_kind():
    events = cycle.build_cycle(2026, [cycle.MeetingEntry(D(2026, 9, 1), "Sem", "/", True)])
    assert any(e.kind == cycle.SEMINAR for e in events)


def test_by_month_puts_each_event_in_its_month():
    months = cycle.by_month(cycle.build_cycle(2026, [], compilation="Rådet sammanställer"))
    assert [len(m) for m in months][0] == 1 and len(months[11]) == 1
