"""Planning the year: frequency rule, the booking warning, beredningar against LSG."""

import datetime

from django.urls import reverse

from meetings import planning
from meetings.selectors import planning_view

D = datetime.date


def test_frequency_rule_too_few_too_many_and_ok():
    assert planning.frequency_status(2, 3, None) == planning.TOO_FEW
    assert planning.frequency_status(7, 4, 6) == planning.TOO_MANY
    assert planning.frequency_status(5, 4, 6) == planning.OK
    assert planning.frequency_status(0, None, None) is None


def test_booking_warning_starts_on_the_first_of_november():
    assert not planning.booking_warning_active(D(2026, 10, 31))
    assert planning.booking_warning_active(D(2026, 11, 1))
    assert planning.booking_deadline(2026) == D(2026, 11, 30)


def test_beredning_meeting_feeds_the_next_lsg_meeting():
    rows = planning.align_with_lsg(
        [D(2026, 3, 1), D(2026, 11, 20)], [D(2026, 3, 15), D(2026, 6, 1)]
    )
    assert rows[0].next_lsg_day == D(2026, 3, 15) and rows[0].feeds_lsg
    assert rows[1].next_lsg_day is None and not rows[1].feeds_lsg


def test_planning_view_counts_and_warns(book):
    book(slug="lsg", day=D(2026, 3, 12))
    book(slug="lsg", day=D(2027, 2, 11))
    view = planning_view(2026, D(2026, 11, 25))
    rows = {row.group.slug: row for row in view.rows}
    assert rows["lsg"].booked == 1 and rows["lsg"].status == planning.TOO_FEW
    assert rows["lsg"].next_year == 1
    assert view.warn_next_year
    unbooked = {row.group.slug for row in view.unbooked}
    assert "samrad" in unbooked and "lsg" in unbooked  # LSG needs at least 3 in 2027
    assert "beredning-barn-och-unga" in unbooked


def test_no_warning_before_november(structure):
    assert not planning_view(2026, D(2026, 10, 1)).warn_next_year


def test_planning_page_renders_for_the_coordinator(client, book):
    book(slug="beredning-vuxna-och-aldre", day=D(2026, 3, 2))
    book(slug="lsg", day=D(2026, 3, 12))
    client.login(username="koordinator", password="samverkan-demo")
    html = client.get(reverse("meetings:planning") + "?ar=2026").content.decode()
    assert "Mötesplanering 2026" in html
    assert "Beredning vuxna och äldre" in html
