import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from meetings.models import Meeting
from structure.models import Group
from testing.builders import coordinator_user, person

SET_UP = datetime.date(2026, 3, 10)
NOW = timezone.make_aware(datetime.datetime(2026, 5, 4, 9, 0))


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def meeting(slug: str, day: datetime.date) -> Meeting:
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    return Meeting.objects.create(
        group=Group.objects.get(slug=slug),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        form="in_person",
    )


def report() -> SimpleUploadedFile:
    return SimpleUploadedFile("rapport.pdf", b"%PDF-1.4 rapport", content_type="application/pdf")


@pytest.fixture
def charlie(structure):
    return coordinator_user()


@pytest.fixture
def setup_kwargs(structure):
    return {
        "name": "Arbetsgrupp trygg hemgång",
        "assignment": "Ta fram en gemensam rutin för trygg hemgång.",
        "set_up_by": Group.objects.get(slug="lsg"),
        "set_up_on": SET_UP,
        "decision_reference": "LSG 2026-03-10 § 4",
        "convener": person("Greta"),
        "due_on": datetime.date(2026, 6, 1),
        "reports_to": Group.objects.get(slug="lsg"),
        "at": NOW,
    }
