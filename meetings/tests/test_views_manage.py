"""The manage page and its one-action views, through HTTP: each action changes the database,
lands on its section with its message there, and bad input is a Swedish 400, never a 500."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings import services
from meetings.models import AgendaItem, Attendance, AttendanceStatus, ItemKind, Minutes
from meetings.tests.conftest import weeks_ago
from structure.models import Membership, MembershipKind
from testing.builders import member_user


@pytest.fixture
def meeting(book):
    return book()


@pytest.fixture
def held(book):
    """A meeting that has started: attendance and minutes are recorded from the start."""
    return book(day=weeks_ago())


@pytest.fixture
def coord(client, coordinator):
    client.force_login(coordinator)
    return client


def manage_url(meeting) -> str:
    return reverse("meetings:meeting_manage", args=[meeting.pk])


def action(name: str, meeting, *extra) -> str:
    return reverse(f"meetings:{name}", args=[meeting.pk, *extra])


def section_of(html: str, section: str) -> str:
    """The part of the page from the section's heading up to the next section."""
    start = html.index(f'id="{section}"')
    end = html.find("<section", start)
    return html[start : end if end != -1 else None]


def add_item(meeting, coordinator, title="Ny rutin för hemgång", kind=ItemKind.INFORMATION):
    return services.add_agenda_item(meeting=meeting, by=coordinator, kind=kind, title=title)


def attendance_data(response) -> dict:
    """What the browser posts back from the page's attendance form, unchanged."""
    formset = response.context["attendance_formset"]
    data = {
        f"{formset.prefix}-TOTAL_FORMS": len(formset.forms),
        f"{formset.prefix}-INITIAL_FORMS": len(formset.forms),
    }
    for index, form in enumerate(formset.forms):
        data[f"{formset.prefix}-{index}-person"] = form.initial["person"].pk
        data[f"{formset.prefix}-{index}-status"] = form.initial["status"]
        replaces = form.initial.get("replaces")
        data[f"{formset.prefix}-{index}-replaces"] = replaces.pk if replaces else ""
    return data


# --- The page ------------------------------------------------------------------------------------


def test_manage_page_has_each_section_with_an_in_page_link(coord, meeting):
    html = coord.get(manage_url(meeting)).content.decode()
    for section in ("dagordning", "underlag", "kallelse", "narvaro", "minnesanteckningar"):
        assert f'href="#{section}"' in html and f'id="{section}"' in html


def test_manage_page_only_answers_get(coord, meeting):
    assert coord.post(manage_url(meeting), {"action": "kallelse"}).status_code == 405


def test_manage_page_query_count_does_not_grow_with_the_agenda(
    coord, meeting, coordinator, django_assert_max_num_queries
):
    for n in range(5):
        item = add_item(meeting, coordinator, title=f"Punkt {n}")
        services.attach_paper(
            item=item,
            by=coordinator,
            upload=SimpleUploadedFile(f"p{n}.pdf", b"%PDF-1.4 x", "application/pdf"),
        )
    with django_assert_max_num_queries(30):
        assert coord.get(manage_url(meeting)).status_code == 200


# --- Agenda --------------------------------------------------------------------------------------


def test_adding_an_item_lands_on_the_agenda_with_the_message_there(coord, meeting):
    response = coord.post(
        action("agenda_item_add", meeting),
        {"kind": ItemKind.INFORMATION, "title": "Läget i hemsjukvården"},
    )
    assert response.status_code == 302 and response.url.endswith("/hantera/#dagordning")
    assert meeting.items.filter(title="Läget i hemsjukvården").exists()
    html = coord.get(response.url).content.decode()
    assert "Punkten är tillagd." in section_of(html, "dagordning")
    assert "Punkten är tillagd." not in html[: html.index('id="dagordning"')]


def test_adding_an_item_without_title_keeps_what_was_typed(coord, meeting):
    before = meeting.items.count()
    response = coord.post(
        action("agenda_item_add", meeting),
        {"kind": ItemKind.DECISION, "title": "", "description": "Min text som ska stå kvar"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Min text som ska stå kvar" in html and "Detta fält måste fyllas i" in html
    assert meeting.items.count() == before


def test_editing_an_item_changes_its_texts(coord, meeting, coordinator):
    item = add_item(meeting, coordinator)
    url = action("agenda_item_edit", meeting, item.pk)
    assert "Ny rutin för hemgång" in coord.get(url).content.decode()
    response = coord.post(
        url,
        {
            "kind": ItemKind.DECISION,
            "title": "Rutin för trygg hemgång",
            "description": "Beredningen föreslår en rutin.",
            "proposal": "Att anta rutinen.",
        },
    )
    assert response.status_code == 302 and response.url.endswith("#dagordning")
    item.refresh_from_db()
    assert (item.kind, item.title) == (ItemKind.DECISION, "Rutin för trygg hemgång")
    assert item.proposal == "Att anta rutinen."


def test_the_skeleton_items_keep_their_wording(coord, meeting):
    skeleton = meeting.items.get(kind=ItemKind.PROCEDURE, position=1)
    response = coord.post(
        action("agenda_item_edit", meeting, skeleton.pk),
        {"kind": ItemKind.INFORMATION, "title": "Ändrad"},
    )
    assert response.status_code == 400
    assert "Standardpunkterna" in response.content.decode()
    skeleton.refresh_from_db()
    assert skeleton.title != "Ändrad"


def test_moving_an_item_up_and_down(coord, meeting, coordinator):
    item = add_item(meeting, coordinator)
    start = item.position
    response = coord.post(action("agenda_item_up", meeting), {"item": item.pk})
    assert response.status_code == 302 and response.url.endswith("#dagordning")
    item.refresh_from_db()
    assert item.position == start - 1
    coord.post(action("agenda_item_down", meeting), {"item": item.pk})
    item.refresh_from_db()
    assert item.position == start


@pytest.mark.parametrize("value", ["abc", "", "99999999999999999999", "-1", "1.5"])
def test_moving_with_a_bad_item_answers_400(coord, meeting, value):
    for name in ("agenda_item_up", "agenda_item_down"):
        assert coord.post(action(name, meeting), {"item": value}).status_code == 400


def test_moving_another_meetings_item_answers_400_and_changes_nothing(
    coord, meeting, book, coordinator
):
    other = book(day=datetime.date(2027, 3, 11))
    foreign = add_item(other, coordinator)
    position = foreign.position
    assert coord.post(action("agenda_item_up", meeting), {"item": foreign.pk}).status_code == 400
    foreign.refresh_from_db()
    assert foreign.position == position


def test_removing_an_item_asks_first(coord, meeting, coordinator):
    item = add_item(meeting, coordinator)
    url = action("agenda_item_remove", meeting, item.pk)
    page = coord.get(url).content.decode()
    assert "Ta bort punkt" in page and item.title in page
    assert coord.post(url, {}).status_code == 400
    assert AgendaItem.objects.filter(pk=item.pk).exists()
    response = coord.post(url, {"confirm": "on"})
    assert response.status_code == 302 and response.url.endswith("#dagordning")
    assert not AgendaItem.objects.filter(pk=item.pk).exists()


def test_another_meetings_item_is_not_found_under_this_meeting(coord, meeting, book, coordinator):
    other = book(day=datetime.date(2027, 3, 11))
    foreign = add_item(other, coordinator)
    for name in ("agenda_item_remove", "agenda_item_edit"):
        url = action(name, meeting, foreign.pk)
        assert coord.get(url).status_code == 404
        assert coord.post(url, {"confirm": "on", "title": "x", "kind": "x"}).status_code == 404
    assert AgendaItem.objects.filter(pk=foreign.pk, title=foreign.title).exists()


def test_unknown_item_and_meeting_ids_answer_404(coord, meeting):
    assert coord.get(action("agenda_item_edit", meeting, 10**9)).status_code == 404
    assert coord.get(reverse("meetings:meeting_manage", args=[10**9])).status_code == 404
    url = reverse("meetings:agenda_item_add", args=[10**9])
    assert coord.post(url, {"kind": ItemKind.INFORMATION, "title": "x"}).status_code == 404


# --- Papers, time and place ----------------------------------------------------------------------


def test_attaching_a_paper_lands_on_the_papers(coord, meeting, coordinator):
    item = add_item(meeting, coordinator)
    response = coord.post(
        action("paper_attach", meeting),
        {
            "item": item.pk,
            "title": "Förslag till rutin",
            "file": SimpleUploadedFile("rutin.pdf", b"%PDF-1.4 rutin", "application/pdf"),
        },
    )
    assert response.status_code == 302 and response.url.endswith("#underlag")
    assert item.papers.get().title == "Förslag till rutin"
    html = coord.get(response.url).content.decode()
    assert "Underlaget är uppladdat." in section_of(html, "underlag")


def test_attaching_to_an_unknown_item_is_a_form_error(coord, meeting):
    response = coord.post(
        action("paper_attach", meeting),
        {"item": "abc", "file": SimpleUploadedFile("a.pdf", b"%PDF-1.4", "application/pdf")},
    )
    assert response.status_code == 400
    assert "Punkten finns inte på mötets dagordning." in response.content.decode()


def test_reschedule_keeps_bad_input_then_saves(coord, meeting):
    url = action("meeting_reschedule", meeting)
    data = {
        "tid-date": "2027-02-12",
        "tid-start": "13:00",
        "tid-end": "12:00",
        "tid-form": "video",
        "tid-location": "Kvar här",
        "tid-link": "",
    }
    response = coord.post(url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Mötet måste sluta efter att det har börjat." in html or "Ange en länk" in html
    assert 'value="Kvar här"' in html
    data.update({"tid-end": "15:00", "tid-form": "in_person", "tid-location": "Skellefteå"})
    response = coord.post(url, data)
    assert response.status_code == 302 and response.url.endswith("#tid")
    meeting.refresh_from_db()
    assert meeting.location == "Skellefteå" and meeting.ical_sequence == 1


def test_cancelling_asks_first_then_tells_the_invited(
    seated, coord, meeting, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.send_kallelse(meeting=meeting, by=coordinator)
    sent = len(mail.outbox)
    url = action("meeting_cancel", meeting)
    assert "får e-post om att mötet är inställt" in coord.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert coord.post(url, {}).status_code == 400
    meeting.refresh_from_db()
    assert not meeting.cancelled and len(mail.outbox) == sent
    with django_capture_on_commit_callbacks(execute=True):
        response = coord.post(url, {"confirm": "on"})
    assert response.status_code == 302 and response.url.endswith("#tid")
    meeting.refresh_from_db()
    assert meeting.cancelled and len(mail.outbox) > sent


# --- Kallelse ------------------------------------------------------------------------------------


def test_kallelse_preview_shows_who_gets_what_and_sends_nothing(
    seated, coord, meeting, coordinator, user_for, django_capture_on_commit_callbacks
):
    member = Membership.objects.filter(
        group=meeting.group, kind=MembershipKind.ORDINARY, substitutes__isnull=False
    ).first()
    services.report_absence(meeting=meeting, membership=member, by=user_for(member.person))
    mail.outbox.clear()
    item = add_item(meeting, coordinator)
    services.attach_paper(
        item=item,
        by=coordinator,
        upload=SimpleUploadedFile("bilaga.pdf", b"%PDF-1.4 b", "application/pdf"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        html = coord.get(action("kallelse_send", meeting)).content.decode()
    assert len(mail.outbox) == 0
    meeting.refresh_from_db()
    assert meeting.kallelse_sent_at is None
    assert "Ordinarie ledamot" in html and "Ersättare för" in html
    assert "Har anmält frånvaro." in html and "Kallas in i stället för" in html
    assert "bilaga" in html
    for person in services.kallelse_recipients(meeting):
        assert person.full_name in html


def test_sending_the_kallelse_lands_on_its_section_and_resending_needs_the_again_button(
    seated, coord, meeting, django_capture_on_commit_callbacks
):
    url = action("kallelse_send", meeting)
    with django_capture_on_commit_callbacks(execute=True):
        response = coord.post(url, {})
    assert response.status_code == 302 and response.url.endswith("#kallelse")
    recipients = len(mail.outbox)
    assert recipients > 0
    html = coord.get(response.url).content.decode()
    assert "Kallelsen är skickad till" in section_of(html, "kallelse")
    with django_capture_on_commit_callbacks(execute=True):
        coord.post(url, {})
    assert len(mail.outbox) == recipients
    assert "Skicka igen" in coord.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        coord.post(url, {"again": "True"})
    assert len(mail.outbox) == 2 * recipients


def test_kallelse_with_an_incomplete_decision_item_shows_a_disabled_button(
    coord, meeting, coordinator, django_capture_on_commit_callbacks
):
    member_user("alice", meeting.group.slug)  # someone a kallelse would mail
    add_item(meeting, coordinator, kind=ItemKind.DECISION)
    html = coord.get(manage_url(meeting)).content.decode()
    assert "disabled>Förhandsgranska och skicka kallelse" in section_of(html, "kallelse")
    with django_capture_on_commit_callbacks(execute=True):
        response = coord.post(action("kallelse_send", meeting), {})
    assert response.status_code == 302 and len(mail.outbox) == 0
    assert "saknar" in section_of(coord.get(response.url).content.decode(), "kallelse")


# --- Attendance ----------------------------------------------------------------------------------


def test_recording_attendance_saves_the_formset(seated, coord, held):
    data = attendance_data(coord.get(manage_url(held)))
    data["narvaro-0-status"] = AttendanceStatus.ABSENT
    response = coord.post(action("attendance_record", held), data)
    assert response.status_code == 302 and response.url.endswith("#narvaro")
    assert Attendance.objects.filter(meeting=held).count() == int(data["narvaro-TOTAL_FORMS"])
    first = Attendance.objects.get(meeting=held, person_id=data["narvaro-0-person"])
    assert first.status == AttendanceStatus.ABSENT
    html = coord.get(response.url).content.decode()
    assert "Närvaron är sparad." in section_of(html, "narvaro")


def test_attendance_posted_by_hand_with_a_non_number_key_answers_400_in_swedish(coord, held):
    response = coord.post(action("attendance_record", held), {"status-abc": "present"})
    assert response.status_code == 400
    assert "saknas" in response.content.decode()  # the formset's Swedish management error
    assert not Attendance.objects.filter(meeting=held).exists()


@pytest.mark.parametrize(
    "field, value",
    [
        ("person", "abc"),
        ("person", "99999999999999999999"),
        ("replaces", "abc"),
        ("status", "boss"),
    ],
)
def test_attendance_with_bad_values_is_a_form_error(seated, coord, held, field, value):
    data = attendance_data(coord.get(manage_url(held)))
    data[f"narvaro-0-{field}"] = value
    response = coord.post(action("attendance_record", held), data)
    assert response.status_code == 400
    assert not Attendance.objects.filter(meeting=held).exists()


def test_attendance_of_a_person_outside_the_group_is_refused(seated, coord, held):
    data = attendance_data(coord.get(manage_url(held)))
    stranger = (
        Membership.objects.exclude(group=held.group)
        .exclude(person__memberships__group=held.group)
        .first()
        .person
    )
    data["narvaro-0-person"] = stranger.pk
    response = coord.post(action("attendance_record", held), data)
    assert response.status_code == 400
    assert "hör inte till mötets grupp" in response.content.decode()


def test_too_many_attendance_rows_are_refused(coord, held):
    data = attendance_data(coord.get(manage_url(held)))
    data["narvaro-TOTAL_FORMS"] = 10**6
    assert coord.post(action("attendance_record", held), data).status_code == 400


# --- Minutes -------------------------------------------------------------------------------------


def test_starting_the_minutes_opens_the_editor(coord, held):
    response = coord.post(action("minutes_start", held))
    minutes = Minutes.objects.get(meeting=held)
    assert response.status_code == 302
    assert response.url == reverse("meetings:minutes_edit", args=[minutes.pk])
    again = coord.post(action("minutes_start", held))
    assert again.url.endswith("#minnesanteckningar")
    assert Minutes.objects.filter(meeting=held).count() == 1
    html = coord.get(again.url).content.decode()
    assert "redan minnesanteckningar" in section_of(html, "minnesanteckningar")


def test_every_action_refuses_get(coord, meeting, coordinator):
    item = add_item(meeting, coordinator)
    for name in (
        "agenda_item_add",
        "agenda_item_up",
        "agenda_item_down",
        "paper_attach",
        "meeting_reschedule",
        "attendance_record",
        "minutes_start",
    ):
        assert coord.get(action(name, meeting)).status_code == 405, name
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_huge_ids_in_the_address_are_not_found(coord, meeting):
    huge = "9" * 30
    assert coord.get(f"/moten/{huge}/hantera/").status_code == 404
    assert coord.get(f"/moten/{meeting.pk}/hantera/punkter/{huge}/andra/").status_code == 404
    assert coord.post(f"/moten/{meeting.pk}/hantera/punkter/{huge}/ta-bort/").status_code == 404
    assert coord.get(f"/minnesanteckningar/{huge}/redigera/").status_code == 404
