"""Planera nästa år: the preview from this year's pattern and its one confirmation (R-G3,
R-G4), and the holiday warning on a single booking."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from structure.models import Group
from testing.builders import coordinator_user, meeting, member_user

D = datetime.date
PREVIEW = reverse("meetings:plan_year")
BOOK = reverse("meetings:plan_year_book")


@pytest.fixture
def this_year(structure):
    """LSG on the second Thursday of March and June 2026, one of its beredningar the Monday
    before each."""
    beredning = Group.objects.filter(reports_to__slug="lsg", kind="preparatory_body").first()
    return {
        "lsg": [
            meeting("lsg", D(2026, 3, 12), location="Regionens hus"),
            meeting("lsg", D(2026, 6, 11), location="Regionens hus"),
        ],
        "beredning": [meeting(beredning.slug, D(2026, 3, 9), location="Kommunhuset")],
        "beredning_group": beredning,
    }


def _next_year():
    return Meeting.objects.filter(starts_at__year=2027).order_by("starts_at")


def _row_data(rows, **extra):
    """The POSTed preview: rows as (source meeting, day, delete) triples."""
    data = {
        "ar": "2027",
        "form-TOTAL_FORMS": str(len(rows)),
        "form-INITIAL_FORMS": str(len(rows)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "300",
    }
    for index, (source, day, delete) in enumerate(rows):
        data |= {
            f"form-{index}-source": str(source.pk),
            f"form-{index}-day": day,
            f"form-{index}-shown": day,
            f"form-{index}-start": "09:00",
            f"form-{index}-end": "12:00",
        }
        if delete:
            data[f"form-{index}-DELETE"] = "on"
    return data | extra


def test_coordinator_sees_next_years_dates_from_the_pattern(client, this_year):
    client.force_login(coordinator_user())
    response = client.get(PREVIEW, {"ar": 2027})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="2027-03-11"' in html  # second Thursday of March 2027
    assert 'value="2027-06-10"' in html
    assert 'value="2027-03-08"' in html  # the beredning's Monday before LSG
    assert this_year["beredning_group"].display_name in html


def test_preview_for_one_group_shows_only_its_meetings(client, this_year):
    client.force_login(coordinator_user())
    lsg = Group.objects.get(slug="lsg")
    html = client.get(PREVIEW, {"ar": 2027, "grupp": lsg.pk}).content.decode()
    assert 'value="2027-03-11"' in html
    assert 'value="2027-03-08"' not in html


def test_preview_warns_about_a_holiday(client, structure):
    # Midsommarafton 2027 is the fourth Friday of June, as 26 June 2026 was.
    meeting("lsg", D(2026, 6, 26), location="Regionens hus")
    client.force_login(coordinator_user())
    html = client.get(PREVIEW, {"ar": 2027}).content.decode()
    assert 'value="2027-06-25"' in html
    assert "Midsommarafton – ingen arbetsdag" in html


def test_member_is_refused_and_coordinator_is_not(client, this_year):
    client.force_login(member_user("ledamot", "lsg"))
    assert client.get(PREVIEW, {"ar": 2027}).status_code == 403
    assert (
        client.post(BOOK, _row_data([(this_year["lsg"][0], "2027-03-11", False)])).status_code
        == 403
    )
    assert not _next_year().exists()
    client.force_login(coordinator_user())
    assert client.get(PREVIEW, {"ar": 2027}).status_code == 200


def test_anonymous_is_sent_to_sign_in(client, this_year):
    response = client.get(PREVIEW, {"ar": 2027})
    assert response.status_code == 302 and "next=" in response["Location"]
    assert (
        client.post(BOOK, _row_data([(this_year["lsg"][0], "2027-03-11", False)])).status_code
        == 302
    )
    assert not _next_year().exists()


def test_confirm_books_exactly_the_kept_rows_on_their_moved_dates(client, this_year):
    client.force_login(coordinator_user())
    lsg_march, lsg_june = this_year["lsg"]
    (beredning,) = this_year["beredning"]
    data = _row_data(
        [
            (beredning, "2027-03-08", False),
            (lsg_march, "2027-03-18", False),
            (lsg_june, "2027-06-10", True),
        ]
    )
    data["form-1-start"] = "13:00"
    data["form-1-end"] = "15:30"
    response = client.post(BOOK, data)
    assert response.status_code == 302
    booked = list(_next_year())
    assert [(m.group, m.local_date) for m in booked] == [
        (beredning.group, D(2027, 3, 8)),
        (lsg_march.group, D(2027, 3, 18)),
    ]
    assert timezone.localtime(booked[1].starts_at).time() == datetime.time(13, 0)
    assert timezone.localtime(booked[1].ends_at).time() == datetime.time(15, 30)
    assert booked[0].location == "Kommunhuset"
    assert booked[1].items.exists()  # the standard agenda, as every booking gets


def test_a_bad_row_books_nothing_and_keeps_what_was_typed(client, this_year):
    client.force_login(coordinator_user())
    lsg_march, lsg_june = this_year["lsg"]
    data = _row_data([(lsg_march, "2027-03-18", False), (lsg_june, "2028-06-10", False)])
    response = client.post(BOOK, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert not _next_year().exists()
    assert "Välj ett datum under 2027." in html
    assert 'value="2027-03-18"' in html and 'value="2028-06-10"' in html


def test_a_row_the_service_refuses_books_nothing(client, this_year):
    # The source meeting has no place: an in-person meeting needs one (the service's rule).
    client.force_login(coordinator_user())
    lsg_march, lsg_june = this_year["lsg"]
    Meeting.objects.filter(pk=lsg_june.pk).update(location="")
    response = client.post(
        BOOK, _row_data([(lsg_march, "2027-03-11", False), (lsg_june, "2027-06-10", False)])
    )
    assert response.status_code == 200
    assert "Ange en plats" in response.content.decode()
    assert not _next_year().exists()


def test_a_date_moved_onto_a_holiday_is_shown_before_it_is_booked(client, this_year):
    client.force_login(coordinator_user())
    lsg_march, _ = this_year["lsg"]
    data = _row_data([(lsg_march, "2027-03-11", False)])
    data["form-0-day"] = "2027-01-06"
    response = client.post(BOOK, data)
    html = response.content.decode()
    assert response.status_code == 200 and not _next_year().exists()
    assert "Trettondedag jul – ingen arbetsdag" in html
    assert 'name="form-0-shown" value="2027-01-06"' in html
    data["form-0-shown"] = "2027-01-06"  # the second confirmation, after the warning
    assert client.post(BOOK, data).status_code == 302
    assert [m.local_date for m in _next_year()] == [D(2027, 1, 6)]


@pytest.mark.parametrize(
    "change",
    [
        {"ar": "99999"},
        {"ar": "x"},
        {"form-0-day": "x"},
        {"form-0-source": "99999999999999999999999"},
        {"form-0-source": "x"},
        {"form-TOTAL_FORMS": "100000"},
        {"form-TOTAL_FORMS": "x"},
        {"form-0-start": "25:99"},
    ],
)
def test_hostile_values_answer_a_form_error_never_a_server_error(client, this_year, change):
    client.force_login(coordinator_user())
    response = client.post(BOOK, _row_data([(this_year["lsg"][0], "2027-03-11", False)], **change))
    assert response.status_code in (200, 400)
    assert not _next_year().exists()
    if response.status_code == 200:
        assert "Något behöver rättas" in response.content.decode()


def test_a_source_meeting_from_another_year_is_refused(client, this_year):
    client.force_login(coordinator_user())
    old = meeting("lsg", D(2024, 3, 14), location="Regionens hus")
    response = client.post(BOOK, _row_data([(old, "2027-03-11", False)]))
    assert response.status_code == 200
    assert not _next_year().exists()


def test_hostile_year_in_the_preview_is_a_form_error(client, structure):
    client.force_login(coordinator_user())
    assert client.get(PREVIEW, {"ar": "99999"}).status_code == 400
    assert client.get(PREVIEW, {"ar": "2027"}).status_code == 200


def test_preview_query_count_does_not_grow_with_meetings(client, structure):
    client.force_login(coordinator_user())
    meeting("lsg", D(2026, 3, 12), location="Regionens hus")
    meeting("beredning-barn-och-unga", D(2026, 3, 2), location="Kommunhuset")
    client.get(PREVIEW, {"ar": 2027})  # the session and per-process caches, once
    with CaptureQueriesContext(connection) as few:
        assert client.get(PREVIEW, {"ar": 2027}).status_code == 200
    for slug in ("samrad", "beredning-barn-och-unga", "beredning-vuxna-och-aldre"):
        for month in (2, 4, 9, 11):
            meeting(slug, D(2026, month, 10), location="Kommunhuset")
    with CaptureQueriesContext(connection) as many:
        html = client.get(PREVIEW, {"ar": 2027}).content.decode()
    assert html.count('type="date"') == 14
    assert len(many) == len(few)


def test_single_booking_on_a_holiday_asks_for_a_second_confirmation(client, structure):
    client.force_login(coordinator_user())
    lsg = Group.objects.get(slug="lsg")
    data = {
        "group": lsg.pk,
        "date": "2027-01-06",
        "start": "09:00",
        "end": "12:00",
        "form": "in_person",
        "location": "Regionens hus",
        "is_public": "on",
    }
    url = reverse("meetings:meeting_create")
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200 and not _next_year().exists()
    assert "trettondedag jul" in html and "Boka ändå" in html
    assert 'value="Regionens hus"' in html  # the form keeps its input
    # "Boka ändå" for another day is no confirmation of this one.
    assert client.post(url, data | {"boka_anda": "2027-01-07"}).status_code == 200
    assert client.post(url, data | {"boka_anda": "x"}).status_code == 200
    assert not _next_year().exists()
    assert client.post(url, data | {"boka_anda": "2027-01-06"}).status_code == 302
    assert [m.local_date for m in _next_year()] == [D(2027, 1, 6)]


def test_single_booking_on_an_ordinary_day_needs_no_second_confirmation(client, structure):
    client.force_login(coordinator_user())
    data = {
        "group": Group.objects.get(slug="lsg").pk,
        "date": "2027-01-07",
        "start": "09:00",
        "end": "12:00",
        "form": "in_person",
        "location": "Regionens hus",
    }
    assert client.post(reverse("meetings:meeting_create"), data).status_code == 302
    assert _next_year().count() == 1


def test_planning_page_links_the_plan_for_next_year(client, structure):
    client.force_login(coordinator_user())
    html = client.get(reverse("meetings:planning"), {"ar": 2026}).content.decode()
    assert f'href="{PREVIEW}?ar=2027"' in html
