"""The coordinators' audit page: what was done in words, the object, each changed field as
before → after; filters by user, kind, date and object; 404 for everyone else; bad filter
values are form errors, never a 500."""

import datetime

import pytest
from django.db import transaction
from django.urls import reverse

from audit import services as audit
from audit.models import AuditEvent, EventKind
from lib.dates import TZ
from meetings import services as meeting_services
from structure.models import Group
from testing.builders import coordinator_user, member_user

URL = "/granskning/"


def at(day: int, hour: int) -> datetime.datetime:
    return datetime.datetime(2027, 3, day, hour, tzinfo=TZ)


@pytest.fixture
def charlie(structure):
    return coordinator_user("charlie")


@pytest.fixture
def moved(charlie):
    """A meeting booked in Umeå and moved to Skellefteå."""
    meeting = meeting_services.book_meeting(
        group=Group.objects.get(slug="lsg"),
        starts_at=at(11, 9),
        ends_at=at(11, 12),
        form="in_person",
        location="Umeå",
        by=charlie,
    )
    meeting_services.reschedule_meeting(
        meeting=meeting,
        by=charlie,
        starts_at=at(11, 9),
        ends_at=at(11, 12),
        form="in_person",
        location="Skellefteå",
    )
    return meeting


@pytest.fixture
def coordinator_page(client, charlie):
    client.force_login(charlie)

    def page(**query):
        response = client.get(URL, query)
        return response.status_code, response.content.decode()

    return page


def test_the_page_shows_the_action_the_object_and_before_after(coordinator_page, moved):
    status, html = coordinator_page()
    assert status == 200
    assert "Ändrade tid eller plats för ett möte" in html
    assert f"möte {moved.pk}" in html
    assert "<del>Umeå</del> → <ins>Skellefteå</ins>" in html


def test_the_history_of_one_object(coordinator_page, moved, charlie):
    other = meeting_services.book_meeting(
        group=Group.objects.get(slug="lsg"),
        starts_at=at(18, 9),
        ends_at=at(18, 12),
        form="in_person",
        location="Lycksele",
        by=charlie,
    )
    status, html = coordinator_page(objekt=f"meetings.Meeting:{moved.pk}")
    assert status == 200
    assert "2 händelser" in html and "Skellefteå" in html
    assert "Lycksele" not in html
    status, html = coordinator_page(objekt=f"meetings.Meeting:{other.pk}")
    assert "1 händelser" in html and "Lycksele" in html


@pytest.mark.parametrize(
    "query",
    [
        {"objekt": "'; DROP TABLE audit_auditevent; --"},
        {"objekt": "meetings.Meeting:" + "9" * 80},
        {"objekt": "<script>alert(1)</script>"},
        {"kind": "nonsense"},
        {"date_from": "9999-01-01"},
        {"date_to": "2026-02-30"},
        {"user": "x" * 151},
    ],
)
def test_hostile_filter_values_are_form_errors(coordinator_page, moved, query):
    status, html = coordinator_page(**query)
    assert status == 200
    assert "Något behöver rättas" in html
    assert "0 händelser" in html


def test_a_sensible_filter_is_no_error(coordinator_page, moved):
    status, html = coordinator_page(objekt=f"meetings.Meeting:{moved.pk}", kind="write")
    assert "Något behöver rättas" not in html and "2 händelser" in html


def test_filters_by_user_kind_and_date(client, charlie, structure):
    for name in ("anna", "bo", "anna"):
        client.post(reverse("login"), {"username": name, "password": "fel"})
    client.force_login(charlie)
    html = client.get(URL, {"user": "anna", "kind": "login_failed"}).content.decode()
    assert "2 händelser" in html and "Misslyckad inloggning" in html
    # The filter reads local dates: the event's own local day (not its UTC one, which differs
    # between midnight and 01:00/02:00 in Sweden).
    today = AuditEvent.objects.first().at.astimezone(TZ).date()
    html = client.get(URL, {"date_from": today + datetime.timedelta(days=1)}).content.decode()
    assert "0 händelser" in html


def test_the_system_is_named_as_the_actor_of_jobs(coordinator_page):
    with transaction.atomic():
        audit.record_write(
            actor=None, action="cases.send_reminders", changes=audit.summary(mails=3)
        )
    status, html = coordinator_page(kind=EventKind.WRITE)
    assert "systemet" in html and "Skickade påminnelser om beslut" in html
    assert "e-postmottagare: 3" in html


def test_the_page_reads_a_fixed_number_of_queries(
    coordinator_page, charlie, django_assert_max_num_queries
):
    for location in ("Umeå", "Lycksele", "Vilhelmina", "Sorsele"):
        meeting_services.book_meeting(
            group=Group.objects.get(slug="lsg"),
            starts_at=at(11, 9),
            ends_at=at(11, 12),
            form="in_person",
            location=location,
            by=charlie,
        )
    with django_assert_max_num_queries(12):
        status, html = coordinator_page(kind="write")
    assert "4 händelser" in html


def test_members_cannot_see_the_audit_log(client, moved):
    client.force_login(member_user("alice", "lsg"))
    assert client.get(URL).status_code == 404
    assert client.get(URL, {"objekt": f"meetings.Meeting:{moved.pk}"}).status_code == 404


def test_coordinators_can(coordinator_page):
    assert coordinator_page()[0] == 200


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and "logga-in" in response["Location"]


@pytest.mark.parametrize("sida", ["0", "-1", "abc", "2", "100001", "1e3", "%00"])
def test_a_hostile_or_stale_page_number_shows_the_first_page(client, charlie, moved, sida):
    """The log pages as every list does (`lib.pagination`): a page that is not one is page 1."""
    client.force_login(charlie)
    for url in (URL, reverse("audit:lockout_list")):
        response = client.get(url, {"sida": sida})
        assert response.status_code == 200, url
        assert response.context["page"].number == 1
    first = client.get(URL).context["page"]
    assert [e.pk for e in first] == [e.pk for e in client.get(URL, {"sida": sida}).context["page"]]
    assert first.paginator.count >= 2  # the booking and the move are on it
