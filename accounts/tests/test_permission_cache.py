"""Role look-ups are read once per request, and never cached outside one."""

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts import permissions
from meetings import services as meeting_services
from structure.models import Group, MeetingForm, Position
from testing.builders import coordinator_user, member_user, seat


def test_outside_a_request_a_new_seat_counts_at_once(structure):
    alice = member_user("alice", "lsg")
    samrad = Group.objects.get(slug="samrad")
    assert not permissions.is_member_of(alice, samrad)
    seat(alice.person, "samrad", position=Position.CHAIR)
    assert permissions.is_member_of(alice, samrad)
    assert permissions.holds_position(alice, samrad, Position.CHAIR)


def test_within_a_request_the_roles_are_read_once(structure, client):
    alice = member_user("alice", "lsg", "samrad", position=Position.VICE_CHAIR)
    lsg, samrad = Group.objects.get(slug="lsg"), Group.objects.get(slug="samrad")

    def role_checks(request):
        with CaptureQueriesContext(connection) as queries:
            for _ in range(5):
                assert permissions.can_manage_meetings(alice, lsg)
                assert permissions.is_member_of(alice, samrad)
                assert permissions.can_view_internal(alice, samrad)
        request.role_queries = len(queries)
        return None

    middleware = permissions.PermissionCacheMiddleware(role_checks)

    class Request:
        pass

    request = Request()
    middleware(request)
    assert request.role_queries == 1


def test_a_signed_in_page_asks_for_the_roles_once(structure, client):
    """The meeting page asks whether alice may see internals and whether she may manage."""
    alice = member_user("alice", "lsg")
    start = timezone.make_aware(datetime.datetime(2027, 2, 11, 9))
    meeting = meeting_services.book_meeting(
        group=Group.objects.get(slug="lsg"),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        form=MeetingForm.IN_PERSON,
        location="Regionens hus",
        by=coordinator_user(),
    )
    client.force_login(alice)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(meeting.get_absolute_url()).status_code == 200
    role_read = re.compile(r'^SELECT "structure_membership"."group_id"( AS "group_id")?, "struc')
    assert len([q for q in queries if role_read.match(q["sql"])]) == 1
