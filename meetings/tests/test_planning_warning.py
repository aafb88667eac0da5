"""The booking warning on the planning page names a bounded number of groups and counts the
rest, so the page stays the same size however many groups the structure has."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.selectors import SHORT_SHOWN, planning_groups, planning_view
from structure.models import Group

TODAY = datetime.date(2026, 11, 25)  # the booking warning is on in November


def _short_groups(n: int) -> None:
    template = Group.objects.get(slug="lsg")
    first = Group.objects.count()
    Group.objects.bulk_create(
        Group(
            slug=f"kort-{first + i}",
            name=f"Kortgrupp {first + i}",
            kind=template.kind,
            level=template.level,
            meetings_min=2,
        )
        for i in range(n)
    )


@pytest.mark.django_db
def test_the_warning_names_the_first_groups_and_counts_the_others(structure):
    _short_groups(SHORT_SHOWN + 5)
    view = planning_view(2026, TODAY, groups=[])
    assert len(view.unbooked) == SHORT_SHOWN
    total = sum(1 for g in planning_groups(2026, TODAY) if (g.meetings_min or 0) > g.next_year)
    assert view.short_more == total - SHORT_SHOWN > 0


@pytest.mark.django_db
def test_the_warning_reads_the_same_queries_with_many_more_short_groups(structure):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            planning_view(2026, TODAY, groups=[])
        return len(captured)

    small = queries()
    _short_groups(60)
    assert queries() == small
