import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, Recommendation
from meetings.models import Meeting
from structure.models import Group, Principal
from testing.builders import PASSWORD, coordinator_user, member_user, person, registrar_user
from workgroups.models import Status, WorkingGroup

pytestmark = pytest.mark.django_db


def _meeting(group: Group, days: int) -> Meeting:
    starts = timezone.now() + datetime.timedelta(days=days)
    return Meeting.objects.create(
        group=group, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), form="video"
    )


def _working_group(n: int, due: datetime.date) -> WorkingGroup:
    lsg = Group.objects.get(slug="lsg")
    return WorkingGroup.objects.create(
        name=f"AG {n}",
        assignment="Uppdrag",
        set_up_by=lsg,
        set_up_on=due - datetime.timedelta(days=100),
        decision_reference="§ 1",
        convener=person(f"Conv{n}"),
        due_on=due,
        reports_to=lsg,
        status=Status.SET_UP,
    )


def _world(size: int) -> None:
    groups = list(Group.objects.all()[:size])
    today = timezone.localdate()
    for n, group in enumerate(groups):
        _meeting(group, 2 + n)
        _working_group(n, today - datetime.timedelta(days=n + 1))


def test_coordinator_lands_on_the_desk_after_sign_in(client, structure):
    coordinator_user()
    response = client.post(reverse("login"), {"username": "charlie", "password": PASSWORD})
    assert response.url == reverse("desk:start")
    assert client.get(response.url).url == reverse("desk:desk")


def test_member_lands_on_their_own_page(client, structure):
    member_user("alice", "lsg")
    client.login(username="alice", password=PASSWORD)
    assert client.get(reverse("desk:start")).url == reverse("desk:mine")


def test_members_and_registrars_do_not_see_the_desk(client, structure):
    member_user("alice", "lsg")
    registrar_user()
    for username in ("alice", "rita"):
        client.login(username=username, password=PASSWORD)
        assert client.get(reverse("desk:desk")).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, structure):
    assert client.get(reverse("desk:desk")).status_code == 302
    assert client.get(reverse("desk:mine")).status_code == 302


def test_desk_shows_a_late_delivery_with_who_it_waits_on(client, structure):
    _working_group(1, timezone.localdate() - datetime.timedelta(days=5))
    client.force_login(coordinator_user())
    body = client.get(reverse("desk:desk")).content.decode()
    assert "Leverans från arbetsgruppen AG 1" in body
    assert "Conv1 Testsson (sammankallande)" in body


def test_desk_query_count_is_flat_in_groups_meetings_and_working_groups(client, structure):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(coordinator_user())
    client.get(reverse("desk:desk"))  # the first request after sign-in also writes the session
    _world(2)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("desk:desk"))
    _world(8)
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("desk:desk"))
    assert len(large.captured_queries) == len(small.captured_queries)


def test_own_page_shows_only_the_members_own_meetings(client, structure):
    member_user("alice", "lsg")
    _meeting(Group.objects.get(slug="lsg"), 5)
    _meeting(Group.objects.get(slug="samrad"), 6)
    client.login(username="alice", password=PASSWORD)
    page = client.get(reverse("desk:mine")).context["page"]
    assert [m.group.slug for m in page.meetings] == ["lsg"]


def test_registrar_sees_recommendations_waiting_for_its_principal(client, structure):
    registrar_user()
    lsg = Group.objects.get(slug="lsg")
    case = Case.objects.create(
        year=2026,
        serial=1,
        title="Ärende",
        description="d",
        proposal="p",
        submitted_by=person("Sven"),
        origin_group=lsg,
        current_group=lsg,
    )
    rec = Recommendation.objects.create(
        case=case,
        group=lsg,
        title="Rek om trygg hemgång",
        decisions="gäller",
        adopted_on=timezone.localdate(),
        expedited_at=timezone.now(),
    )
    rec.addressees.create(principal=Principal.objects.get(slug="umea"))
    client.login(username="rita", password=PASSWORD)
    assert "Rek om trygg hemgång" in client.get(reverse("desk:mine")).content.decode()


def test_own_page_query_count_is_flat_in_meetings_and_followed_cases(client, structure):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    member_user("alice", "lsg")
    client.login(username="alice", password=PASSWORD)
    client.get(reverse("desk:mine"))  # the first request after sign-in also writes the session
    lsg = Group.objects.get(slug="lsg")
    _meeting(lsg, 3)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("desk:mine"))
    for days in range(4, 12):
        _meeting(lsg, days)
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("desk:mine"))
    assert len(large.captured_queries) == len(small.captured_queries)
