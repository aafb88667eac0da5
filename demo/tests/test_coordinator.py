"""The demo gives the coordinator's Monday morning something real in every part of the desk."""

import pytest
from django.core.management import call_command

from demo.meetings_data import DEMO_TODAY
from desk import duties
from desk.selectors import desk
from onboarding.selectors import open_checklists
from workgroups.models import Status, WorkingGroup

# Many seconds each: first in `make test`'s order, left out of `make test-fast`.
pytestmark = pytest.mark.slow


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_demo_desk_has_late_this_week_and_coming_duties_of_every_part(structure, media):
    call_command("load_demo", stdout=None)
    grouped = desk(DEMO_TODAY)
    assert all(grouped[key] for key in duties.BUCKETS)
    kinds = {duty.kind for rows in grouped.values() for duty in rows}
    assert {"delivery", "review", "onboarding", "breach", "kallelse", "decision"} <= kinds
    assert set(WorkingGroup.objects.values_list("status", flat=True)) == set(Status.values)
    assert open_checklists().count() == 2
