"""Small builders for the search tests: each object through its own service, as people make
them, so the index is filled exactly as in production."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.db import connection

from cases import services as case_services
from lib.dates import TZ
from meetings import services as meeting_services
from meetings.models import Minutes, MinutesStatus
from news import services as news_services
from structure.models import Group
from testing.builders import coordinator_user, person, seat
from testing.queries import signed_in  # noqa: F401  (the tests import it from here)

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL full-text search"
)
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite fallback")

_days = itertools.count(1)


@pytest.fixture
def coord(structure):
    return coordinator_user("charlie")


def _submitter(group: str):
    who = person(f"Inlämnare{next(_days)}")
    seat(who, group)
    return who


def new_case(coord, title, *, group="lsg", description="Beskrivning.", proposal="Förslag."):
    return case_services.raise_case(
        group=Group.objects.get(slug=group),
        by=coord,
        submitted_by=_submitter(group),
        title=title,
        description=description,
        proposal=proposal,
        raised_on=datetime.date(2026, 2, 2),
    )


def new_meeting(coord, *, group="lsg", title=""):
    day = datetime.date(2026, 1, 1) + datetime.timedelta(days=next(_days))
    return meeting_services.book_meeting(
        group=Group.objects.get(slug=group),
        starts_at=datetime.datetime.combine(day, datetime.time(9), TZ),
        ends_at=datetime.datetime.combine(day, datetime.time(12), TZ),
        form="in_person",
        location="Regionens hus, Umeå",
        title=title,
        by=coord,
    )


def new_minutes(coord, summary, *, group="lsg", approved=False) -> Minutes:
    minutes = meeting_services.draft_minutes(meeting=new_meeting(coord, group=group), by=coord)
    meeting_services.save_minutes(
        minutes=minutes, by=coord, summary=summary, justeringsperson=None, items=[]
    )
    if approved:
        approve(minutes)
    return minutes


def approve(minutes: Minutes) -> None:
    """Approval by the approvers is the meetings app's business (and tested there); the search
    only follows the status, however it changes."""
    Minutes.objects.filter(pk=minutes.pk).update(status=MinutesStatus.APPROVED)


def new_recommendation(coord, title, *, case=None, expedited=False, decisions="anta rutinen"):
    case = case or new_case(coord, "Ärende för rekommendation")
    recommendation = case_services.adopt_recommendation(
        case=case,
        meeting=new_meeting(coord, group=case.current_group.slug),
        by=coord,
        title=title,
        decisions="att " + decisions,
    )
    if expedited:
        case_services.expedite(recommendation=recommendation, by=coord)
    return recommendation


def new_news(coord, title, body="Text."):
    return news_services.publish_news(by=coord, title=title, body=body)


def hits(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()
