"""The case page costs the same number of queries whatever the group's meetings: the meeting
choices are read once and rendered from that list (no query per form)."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meetings.models import Meeting
from structure.models import Group


def _meetings(n: int, *, days_from_now: int) -> None:
    group = Group.objects.get(slug="lsg")
    start = timezone.now() + datetime.timedelta(days=days_from_now)
    Meeting.objects.bulk_create(
        Meeting(
            group=group,
            title=f"Möte {i}",
            starts_at=start + datetime.timedelta(days=i),
            ends_at=start + datetime.timedelta(days=i, hours=2),
            form="video",
        )
        for i in range(n)
    )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_case_page_query_count_does_not_grow_with_the_groups_meetings(client, raise_in):
    case = raise_in()
    _meetings(1, days_from_now=-200)  # with a past and a coming meeting every form is offered
    _meetings(1, days_from_now=200)
    client.login(username="koordinator", password="samverkan-demo")
    client.get(case.get_absolute_url())  # the first request after sign-in also writes the session
    before = _queries(client, case.get_absolute_url())
    _meetings(30, days_from_now=-100)
    _meetings(30, days_from_now=5)
    assert _queries(client, case.get_absolute_url()) == before


def test_case_page_offers_coming_meetings_for_the_agenda_and_past_ones_for_adoption(
    client, raise_in
):
    case = raise_in()
    _meetings(1, days_from_now=-400)
    _meetings(1, days_from_now=300)
    client.login(username="koordinator", password="samverkan-demo")
    response = client.get(case.get_absolute_url())
    coming = timezone.localtime(timezone.now() + datetime.timedelta(days=300)).date()
    past = timezone.localtime(timezone.now() - datetime.timedelta(days=400)).date()
    agenda = [label for _value, label in response.context["agenda_form"].fields["meeting"].choices]
    adopt = [label for _value, label in response.context["adopt_form"].fields["meeting"].choices]
    assert any(f"{coming:%Y-%m-%d}" in label for label in agenda)
    assert not any(f"{past:%Y-%m-%d}" in label for label in agenda)
    assert any(f"{past:%Y-%m-%d}" in label for label in adopt)
    assert not any(f"{coming:%Y-%m-%d}" in label for label in adopt)
