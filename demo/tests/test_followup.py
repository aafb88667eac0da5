"""The follow-up demo: three years of measures, indicators, seminar, surveys, P1–P5."""

import datetime

import pytest

from demo.cases import load_case_demo
from demo.followup import load_followup_demo
from demo.meetings import load_meeting_demo
from followup import reports, selectors
from followup.goals import TARGET_SHARE
from followup.models import Agreement, Indicator, SurveyRound
from testing.reference import module_data

# Many seconds each: first in `make test`'s order, left out of `make test-fast`.
pytestmark = pytest.mark.slow

TODAY = datetime.date(2026, 11, 25)
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(scope="module")
def _loaded(django_db_setup, django_db_blocker):
    """The demo takes seconds to load: once for this module (see `module_data`)."""
    with module_data(django_db_blocker, EMAIL_BACKEND=LOCMEM):
        load_meeting_demo()
        load_case_demo()
        yield load_followup_demo()


@pytest.fixture
def followup_demo(_loaded, db):
    assert _loaded is True


def test_demo_shows_three_years_of_improving_process_measures(followup_demo):
    report = reports.process_report(group=None, today=TODAY)
    assert report.years == [2024, 2025, 2026]
    on_time = report.series("kallelse_on_time_pct")
    minutes_days = report.series("days_to_public_minutes")
    assert on_time == sorted(on_time) and on_time[0] < on_time[-1]
    assert minutes_days == sorted(minutes_days, reverse=True)


def test_demo_has_fictional_indicators_surveys_on_both_sides_of_75_and_a_missing_agreement(
    followup_demo,
):
    assert Indicator.objects.filter(fictional=True).count() == 2
    results = selectors.round_results(TARGET_SHARE)
    assert [r.round.year for r in results] == [2025, 2026]
    for result in results:
        by_goal = {g.goal: g for g in result.goals}
        assert by_goal["E1"].meets_target is True
        assert by_goal["E2"].meets_target is False
    assert Agreement.objects.filter(kind="local").count() == 14
    p2 = selectors.implementation_status(TODAY)[1]
    assert not p2.done


def test_loading_the_demo_again_creates_nothing(followup_demo):
    rounds = SurveyRound.objects.count()
    assert load_followup_demo() is False
    assert SurveyRound.objects.count() == rounds
