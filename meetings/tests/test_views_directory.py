"""The meeting directory (coming first, earlier on a switch, states, month view), planning and
"Mina möten": what a visitor and a coordinator see, and that bad parameters are a 400/404."""

import datetime
import re
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import CalendarFeed, ItemKind, Meeting, MinutesStatus
from meetings.selectors import planning_view
from structure.models import Group
from testing.builders import member_user, registrar_user
from testing.html import elements
from testing.queries import COUNTY_FACTS

TZ = zoneinfo.ZoneInfo("Europe/Stockholm")
DEMO_PASSWORD = "samverkan-demo"
D = datetime.date


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), TZ)


@pytest.fixture
def dated(coordinator):
    """Book a meeting on a day relative to today (past days are fine for reading tests)."""

    def dated(days: int, slug: str = "lsg") -> Meeting:
        day = timezone.localdate() + datetime.timedelta(days=days)
        return services.book_meeting(
            group=Group.objects.get(slug=slug),
            starts_at=at(day, 9),
            ends_at=at(day, 12),
            form="in_person",
            location="Umeå",
            by=coordinator,
        )

    return dated


def rows(html: str) -> list[str]:
    return re.findall(r"<tr>.*?</tr>", html, flags=re.S)


# --- The directory -------------------------------------------------------------------------------


def test_the_directory_starts_with_coming_meetings_earliest_first(client, dated):
    past, later, sooner = dated(-10), dated(40), dated(5)
    html = client.get(reverse("meetings:meeting_list")).content.decode()
    assert past.get_absolute_url() not in html
    assert html.index(sooner.get_absolute_url()) < html.index(later.get_absolute_url())


def test_the_switch_shows_earlier_meetings_latest_first(client, dated):
    older, newer, coming = dated(-40), dated(-5), dated(5)
    html = client.get(reverse("meetings:meeting_list") + "?tid=tidigare").content.decode()
    assert coming.get_absolute_url() not in html
    assert html.index(newer.get_absolute_url()) < html.index(older.get_absolute_url())
    assert "Visa kommande möten" in html


def test_the_directory_shows_each_meetings_state(client, dated, coordinator):
    sent, cancelled, planned = dated(5), dated(6), dated(7)
    services.send_kallelse(meeting=sent, by=coordinator)
    services.cancel_meeting(meeting=cancelled, by=coordinator)
    html = client.get(reverse("meetings:meeting_list")).content.decode()
    by_meeting = {
        m: next(r for r in rows(html) if m.get_absolute_url() in r)
        for m in (sent, cancelled, planned)
    }
    assert "Kallelse skickad" in by_meeting[sent]
    assert "Inställt" in by_meeting[cancelled]
    assert "Planerat" in by_meeting[planned]


def test_a_meeting_with_approved_minutes_says_so(client, dated, coordinator):
    meeting = dated(-3)
    minutes = services.draft_minutes(meeting=meeting, by=coordinator)
    minutes.status = MinutesStatus.APPROVED  # the approval flow is tested in test_services
    minutes.save()
    html = client.get(reverse("meetings:meeting_list") + "?tid=tidigare").content.decode()
    row = next(r for r in rows(html) if meeting.get_absolute_url() in r)
    assert "Justerade minnesanteckningar" in row


def test_calendar_links_start_with_their_visible_text(client, dated):
    meeting = dated(5)
    html = client.get(reverse("meetings:meeting_list")).content.decode()
    ics = reverse("meetings:meeting_ics", args=[meeting.pk])
    link = re.search(rf'<a href="{ics}">(.*?)</a>', html).group(1)
    assert link.startswith('Lägg till i kalender<span class="visually-hidden"> – mötet ')
    assert "aria-label" not in re.search(rf'<a href="{ics}"[^>]*>', html).group(0)


def test_wide_directory_table_stacks_with_a_label_on_every_cell(client, dated):
    dated(5)
    html = client.get(reverse("meetings:meeting_list")).content.decode()
    assert '<table class="stack">' in html
    assert 'tabindex="0" role="region" aria-label=' in html
    cells = re.findall(r"<td[^>]*>", html)
    assert cells and all("data-label=" in cell for cell in cells)


@pytest.mark.parametrize(
    "query", ["tid=igar", "group=abc", "group=99999999999999999999", "form=teleport", "year=x"]
)
def test_bad_directory_parameters_answer_400(client, structure, query):
    assert client.get(reverse("meetings:meeting_list") + "?" + query).status_code == 400


def test_the_directory_query_count_does_not_grow_with_meetings(
    client, dated, coordinator, django_assert_max_num_queries
):
    for days in range(1, 11):
        services.send_kallelse(meeting=dated(days), by=coordinator)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("meetings:meeting_list")).status_code == 200


def test_the_meeting_page_query_count_is_flat(
    client, dated, coordinator, django_assert_max_num_queries
):
    meeting = dated(5)
    for n in range(5):
        services.add_agenda_item(
            meeting=meeting, by=coordinator, kind=ItemKind.INFORMATION, title=f"P{n}"
        )
    client.force_login(member_user("alice", "lsg"))
    with django_assert_max_num_queries(20):
        assert client.get(meeting.get_absolute_url()).status_code == 200


# --- Month view ----------------------------------------------------------------------------------


def test_the_month_view_puts_meetings_on_their_day(client, coordinator):
    meeting = services.book_meeting(
        group=Group.objects.get(slug="lsg"),
        starts_at=at(D(2026, 11, 12), 13),
        ends_at=at(D(2026, 11, 12), 15),
        form="in_person",
        location="Umeå",
        by=coordinator,
    )
    html = client.get(reverse("meetings:meeting_month", args=["2026-11"])).content.decode()
    assert "Möten i november 2026" in html
    cell = next(
        c
        for c in re.findall(r"<td[^>]*>.*?</td>", html, flags=re.S)
        if meeting.get_absolute_url() in c
    )
    assert 'class="day-number">12<' in cell and "13:00" in cell
    assert reverse("meetings:meeting_month", args=["2026-10"]) in html
    assert reverse("meetings:meeting_month", args=["2026-12"]) in html
    assert "oktober 2026" in html and "december 2026" in html  # lower case month names


def test_the_month_view_hides_non_public_meetings(client, coordinator):
    meeting = services.book_meeting(
        group=Group.objects.get(slug="lsg"),
        starts_at=at(D(2026, 11, 12)),
        ends_at=at(D(2026, 11, 12), 12),
        form="in_person",
        location="Umeå",
        is_public=False,
        by=coordinator,
    )
    html = client.get(reverse("meetings:meeting_month", args=["2026-11"])).content.decode()
    assert meeting.get_absolute_url() not in html


def test_the_month_view_writes_out_each_meeting_day_for_a_narrow_screen(client, coordinator):
    """On a phone the grid is a list of the days with meetings (site.css hides .no-meetings and
    shows .day-name): the weekday and the month are in the cell, not only in the header."""
    meeting = services.book_meeting(
        group=Group.objects.get(slug="lsg"),
        starts_at=at(D(2026, 11, 12), 13),
        ends_at=at(D(2026, 11, 12), 15),
        form="in_person",
        location="Umeå",
        by=coordinator,
    )
    html = client.get(reverse("meetings:meeting_month", args=["2026-11"])).content.decode()
    cells = elements(html, "td")
    with_meetings = [c for c in cells if "has-meetings" in c.attrs["class"].split()]
    assert len(with_meetings) == 1 and len(cells) == 42  # 26 October to 6 December
    assert all("no-meetings" in c.attrs["class"].split() for c in cells if c not in with_meetings)
    cell = re.search(r'<td class="has-meetings">.*?</td>', html, flags=re.S).group()
    assert meeting.get_absolute_url() in cell
    names = re.findall(r'<span class="day-name">\s*([^<]+)</span>', cell)
    assert names == ["torsdag", "november"]


@pytest.mark.parametrize("name", ["meeting_list", "meeting_month"])
def test_the_calendar_pages_explain_how_to_subscribe(client, db, settings, name):
    settings.SITE_URL = "https://samverkan.example.se"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "attacker.example"]
    args = ["2026-11"] if name == "meeting_month" else []
    # The address to copy is on the configured site address, not the Host header (R-S7).
    html = client.get(
        reverse(f"meetings:{name}", args=args), HTTP_HOST="attacker.example"
    ).content.decode()
    (field,) = [e for e in elements(html, "input") if e.attrs.get("id") == "kalenderadress"]
    assert field.attrs["value"] == "https://samverkan.example.se" + reverse("meetings:public_feed")
    assert "readonly" in field.attrs and field.attrs["type"] == "text"
    assert '<label for="kalenderadress">Kalenderadress</label>' in html
    for step in ("Prenumerera från webben", "Från webbadress", "Lägg till prenumererad kalender"):
        assert step in html, step
    assert "dela den inte" not in html  # the public feed is not personal


def test_a_groups_page_leads_from_its_feed_to_the_subscribe_help(client, structure):
    group = Group.objects.get(slug="lsg")
    html = client.get(group.get_absolute_url()).content.decode()
    help_link = reverse("meetings:meeting_list") + "#prenumerera"
    feed = reverse("meetings:group_feed", args=[group.slug])
    assert html.index(feed) < html.index(f'href="{help_link}"')
    directory = client.get(reverse("meetings:meeting_list")).content.decode()
    assert [e for e in elements(directory, "h2") if e.attrs.get("id") == "prenumerera"]


@pytest.mark.parametrize("month", ["2026-13", "2026-00", "1999-12", "2101-01"])
def test_months_out_of_range_are_not_found(client, db, month):
    assert client.get(f"/moten/manad/{month}/").status_code == 404


def test_the_month_view_query_count_is_flat(client, coordinator, django_assert_max_num_queries):
    for day in range(2, 20):
        services.book_meeting(
            group=Group.objects.get(slug="lsg"),
            starts_at=at(D(2026, 11, day)),
            ends_at=at(D(2026, 11, day), 12),
            form="in_person",
            location="Umeå",
            by=coordinator,
        )
    with django_assert_max_num_queries(5):
        assert client.get("/moten/manad/2026-11/").status_code == 200


# --- Planning ------------------------------------------------------------------------------------


def test_planning_links_each_booked_date_to_its_meeting(client, coordinator):
    meeting = services.book_meeting(
        group=Group.objects.get(slug="lsg"),
        starts_at=at(D(2026, 3, 12)),
        ends_at=at(D(2026, 3, 12), 12),
        form="in_person",
        location="Umeå",
        by=coordinator,
    )
    client.login(username="koordinator", password=DEMO_PASSWORD)
    html = client.get(reverse("meetings:planning") + "?ar=2026").content.decode()
    assert f'<a href="{meeting.get_absolute_url()}">12 mars' in html
    cells = re.findall(r"<td[^>]*>", html)
    assert cells and all("data-label=" in cell or "colspan" in cell for cell in cells)


def test_groups_meeting_as_needed_are_not_warned_about_a_minimum(structure):
    hjalpmedel = Group.objects.get(slug="hjalpmedelsradet")
    assert hjalpmedel.meetings_min is None
    view = planning_view(2026, D(2026, 11, 25))
    unbooked = {row.group.slug for row in view.unbooked}
    assert "hjalpmedelsradet" not in unbooked and "lsg" in unbooked


@pytest.mark.parametrize("year", ["abc", "99999999999999999999", "1999", "2101", "-1"])
def test_planning_refuses_a_bad_year(client, coordinator, year):
    client.force_login(coordinator)
    assert client.get(reverse("meetings:planning") + f"?ar={year}").status_code == 400


# --- Mina möten ----------------------------------------------------------------------------------


def test_my_meetings_creates_no_calendar_address_until_asked(client, structure):
    member = member_user("alice", "lsg")
    client.force_login(member)
    person = member.person
    html = client.get(reverse("meetings:my_meetings")).content.decode()
    assert not CalendarFeed.objects.filter(person=person).exists()
    assert "Skapa min kalenderadress" in html
    response = client.post(reverse("meetings:calendar_feed_create"))
    assert response.status_code == 302 and response.url.endswith("#kalender")
    token = CalendarFeed.objects.get(person=person).token
    html = client.get(reverse("meetings:my_meetings")).content.decode()
    (field,) = [e for e in elements(html, "input") if e.attrs.get("id") == "min-kalenderadress"]
    assert field.attrs["value"].endswith(f"/{token}.ics") and "readonly" in field.attrs
    assert "Adressen är personlig: dela den inte." in html
    assert "Lägg till prenumererad kalender" in html
    client.post(reverse("meetings:calendar_feed_create"))
    assert CalendarFeed.objects.get(person=person).token == token


def test_a_registrar_without_a_person_gets_no_calendar_address(client, structure):
    client.force_login(registrar_user("rita", principal="umea"))
    assert "kalenderadress" not in client.get(reverse("meetings:my_meetings")).content.decode()
    assert client.post(reverse("meetings:calendar_feed_create")).status_code == 403
    assert not CalendarFeed.objects.exists()


def test_my_meetings_query_count_is_flat(client, dated, django_assert_max_num_queries):
    for days in range(1, 8):
        dated(days)
    client.force_login(member_user("alice", "lsg", "beredning-vuxna-och-aldre"))
    with django_assert_max_num_queries(12 + COUNTY_FACTS):
        assert client.get(reverse("meetings:my_meetings")).status_code == 200
