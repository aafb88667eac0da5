"""`manage.py load_demo`, which `make run` calls: everything once, nothing twice."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from cases.models import Case
from meetings.models import Meeting
from structure.models import Person

# Many seconds each: first in `make test`'s order, left out of `make test-fast`.
pytestmark = pytest.mark.slow


def test_load_demo_reports_in_swedish_and_a_second_run_creates_nothing(structure):
    out = StringIO()
    call_command("load_demo", stdout=out)
    first = out.getvalue()
    assert f"Demodata skapad: {Person.objects.count()} fiktiva personer." in first
    meetings = int(re.search(r"Demomöten skapade: (\d+)\.", first).group(1))
    assert 0 < meetings <= Meeting.objects.count()  # the case demo books a few more
    assert f"Demoärenden skapade: {Case.objects.count()}." in first
    counts = (Person.objects.count(), Meeting.objects.count(), Case.objects.count())

    out = StringIO()
    call_command("load_demo", stdout=out)
    again = out.getvalue()
    assert "Personer finns redan; inga demoledamöter skapades." in again
    assert "Demomöten skapade" not in again and "Demoärenden skapade" not in again
    assert (Person.objects.count(), Meeting.objects.count(), Case.objects.count()) == counts
