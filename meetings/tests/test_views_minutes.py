"""The minutes editor through HTTP: save the draft, send it for approval (with the warning about
missing attendance), groups without approval, and where pending minutes show up."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from meetings import services
from meetings.models import Attendance, AttendanceStatus, ItemKind, MinutesStatus
from meetings.tests.conftest import weeks_ago
from structure.models import Group, Membership, MembershipKind, Position


@pytest.fixture
def coord(client, coordinator):
    client.force_login(coordinator)
    return client


def draft(book, coordinator, slug="lsg", day=None):
    meeting = book(slug=slug, day=day or weeks_ago())
    services.add_agenda_item(
        meeting=meeting,
        by=coordinator,
        kind=ItemKind.DECISION,
        title="Rutin för hemgång",
        description="d",
        proposal="p",
    )
    return services.draft_minutes(meeting=meeting, by=coordinator)


def ordinary_member(group: Group):
    return (
        Membership.objects.filter(group=group, kind=MembershipKind.ORDINARY, position=Position.NONE)
        .first()
        .person
    )


def editor_data(response, **changes) -> dict:
    """What the browser posts back from the editor, with some fields changed."""
    form, items = response.context["form"], response.context["items"]
    data = {
        "summary": form.initial.get("summary", ""),
        f"{items.prefix}-TOTAL_FORMS": len(items.forms),
        f"{items.prefix}-INITIAL_FORMS": len(items.forms),
    }
    if "justeringsperson" in form.fields:
        data["justeringsperson"] = form.initial.get("justeringsperson") or ""
    for index, item_form in enumerate(items.forms):
        for name in ("notes", "decision_intro", "decisions"):
            data[f"{items.prefix}-{index}-{name}"] = item_form.initial[name]
        data[f"{items.prefix}-{index}-item"] = item_form.initial["item"].pk
    data.update(changes)
    return data


def record_attendance(minutes, coordinator):
    rows = services.expected_attendance(minutes.meeting)
    services.record_attendance(meeting=minutes.meeting, by=coordinator, entries=rows)


def edit_url(minutes):
    return reverse("meetings:minutes_edit", args=[minutes.pk])


def test_saving_the_draft_stores_summary_checker_and_att_satser(seated, coord, book, coordinator):
    minutes = draft(book, coordinator)
    checker = ordinary_member(minutes.meeting.group)
    page = coord.get(edit_url(minutes))
    decision_index = next(
        i for i, f in enumerate(page.context["items"].forms) if f.minutes_item.is_decision
    )
    data = editor_data(
        page,
        steg="spara",
        summary="Ordföranden öppnade mötet.",
        justeringsperson=checker.pk,
        **{f"punkt-{decision_index}-decisions": "att anta rutinen\natt följa upp den"},
    )
    response = coord.post(reverse("meetings:minutes_save", args=[minutes.pk]), data)
    assert response.status_code == 302 and response.url == edit_url(minutes) + "#utkast"
    minutes.refresh_from_db()
    assert minutes.summary == "Ordföranden öppnade mötet."
    assert minutes.justeringsperson == checker
    decision = minutes.items.get(kind=ItemKind.DECISION)
    assert decision.att_satser == ["anta rutinen", "följa upp den"]


@pytest.mark.parametrize("value", ["abc", "99999999999999999999", "-3"])
def test_a_bad_justeringsperson_is_a_form_error_and_keeps_the_text(coord, book, coordinator, value):
    minutes = draft(book, coordinator)
    data = editor_data(coord.get(edit_url(minutes)), summary="Min text", justeringsperson=value)
    response = coord.post(reverse("meetings:minutes_save", args=[minutes.pk]), data)
    assert response.status_code == 400
    html = response.content.decode()
    if "för stort" not in html:  # a huge number is refused by the hostile-input middleware
        assert "Välj en av gruppens ordinarie ledamöter." in html and "Min text" in html
    minutes.refresh_from_db()
    assert minutes.summary == ""


def test_a_justeringsperson_from_another_group_is_refused(seated, coord, book, coordinator):
    minutes = draft(book, coordinator)
    outsider = (
        Membership.objects.exclude(group=minutes.meeting.group)
        .exclude(person__memberships__group=minutes.meeting.group)
        .first()
        .person
    )
    data = editor_data(coord.get(edit_url(minutes)), justeringsperson=outsider.pk)
    response = coord.post(reverse("meetings:minutes_save", args=[minutes.pk]), data)
    assert response.status_code == 400
    minutes.refresh_from_db()
    assert minutes.justeringsperson is None


def test_an_item_of_other_minutes_is_refused(coord, book, coordinator):
    minutes = draft(book, coordinator)
    other = draft(book, coordinator, day=weeks_ago(5))
    foreign = other.items.first()
    data = editor_data(coord.get(edit_url(minutes)), **{"punkt-0-item": foreign.pk})
    data["punkt-0-notes"] = "Kapat"
    response = coord.post(reverse("meetings:minutes_save", args=[minutes.pk]), data)
    assert response.status_code == 400
    assert "hör inte till dessa minnesanteckningar" in response.content.decode()
    foreign.refresh_from_db()
    assert foreign.notes != "Kapat"


def test_the_editor_only_answers_get(coord, book, coordinator):
    minutes = draft(book, coordinator)
    assert coord.post(edit_url(minutes), {"summary": "x", "action": "send"}).status_code == 405


def save_url(minutes):
    return reverse("meetings:minutes_save", args=[minutes.pk])


def test_sending_for_approval_mails_the_approvers(
    seated, coord, book, coordinator, django_capture_on_commit_callbacks
):
    minutes = draft(book, coordinator)
    record_attendance(minutes, coordinator)
    checker = ordinary_member(minutes.meeting.group)
    data = editor_data(coord.get(edit_url(minutes)), justeringsperson=checker.pk, steg="skicka")
    with django_capture_on_commit_callbacks(execute=True):
        response = coord.post(save_url(minutes), data)
    assert response.status_code == 302 and response.url == minutes.get_absolute_url()
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.IN_APPROVAL
    approvers = {person.email for _, person in services.required_approvers(minutes)}
    assert {m.to[0] for m in mail.outbox} == approvers


def test_sending_without_attendance_warns_and_needs_a_confirmation(
    seated, coord, book, coordinator, django_capture_on_commit_callbacks
):
    minutes = draft(book, coordinator)
    checker = ordinary_member(minutes.meeting.group)
    page = coord.get(edit_url(minutes))
    assert "Närvaron vid mötet är inte registrerad" in page.content.decode()
    data = editor_data(page, justeringsperson=checker.pk, summary="Min text", steg="skicka")
    with django_capture_on_commit_callbacks(execute=True):
        response = coord.post(save_url(minutes), data)
    assert response.status_code == 400 and len(mail.outbox) == 0
    html = response.content.decode()
    assert "bekräfta att du vill skicka ändå" in html and "Min text" in html
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.DRAFT and minutes.summary == ""
    with django_capture_on_commit_callbacks(execute=True):
        response = coord.post(save_url(minutes), {**data, "without_attendance": "on"})
    assert response.status_code == 302
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.IN_APPROVAL and len(mail.outbox) > 0
    assert minutes.summary == "Min text"


def test_a_service_refusal_on_send_is_shown_on_the_editor(seated, coord, book, coordinator):
    minutes = draft(book, coordinator)  # no justeringsperson chosen
    record_attendance(minutes, coordinator)
    data = editor_data(coord.get(edit_url(minutes)), summary="Min text", steg="skicka")
    response = coord.post(save_url(minutes), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "saknar justeringsperson" in html and "Min text" in html
    minutes.refresh_from_db()
    assert minutes.summary == "" and minutes.status == MinutesStatus.DRAFT


def test_a_group_without_approval_is_never_offered_sending(coord, book, coordinator):
    minutes = draft(book, coordinator, slug="lsg-au")
    html = coord.get(edit_url(minutes)).content.decode()
    assert "Spara och skicka för justering</button>" not in html
    assert "justerar inte sina minnesanteckningar" in html
    data = editor_data(coord.get(edit_url(minutes)), steg="skicka", without_attendance="on")
    response = coord.post(save_url(minutes), data)
    assert response.status_code == 400
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.DRAFT


def test_minutes_pages_have_flat_query_counts(
    coord, book, coordinator, django_assert_max_num_queries
):
    minutes = draft(book, coordinator)
    for n in range(5):
        services.add_agenda_item(
            meeting=minutes.meeting, by=coordinator, kind=ItemKind.INFORMATION, title=f"P{n}"
        )
    with django_assert_max_num_queries(25):
        assert coord.get(edit_url(minutes)).status_code == 200
    with django_assert_max_num_queries(25):
        assert coord.get(minutes.get_absolute_url()).status_code == 200


# --- Where pending minutes show ------------------------------------------------------------------


@pytest.fixture
def pending(seated, book, coordinator):
    minutes = draft(book, coordinator)
    checker = ordinary_member(minutes.meeting.group)
    services.save_minutes(
        minutes=minutes, by=coordinator, summary="", justeringsperson=checker, items=[]
    )
    Attendance.objects.create(
        meeting=minutes.meeting, person=checker, status=AttendanceStatus.PRESENT
    )
    return services.send_minutes_for_approval(minutes=minutes, by=coordinator)


def test_minutes_to_approve_show_in_the_approvers_own_list(seated, client, pending, user_for):
    chair = user_for(services.required_approvers(pending)[0][1])
    client.force_login(chair)
    html = client.get(reverse("meetings:my_meetings")).content.decode()
    assert "Att justera" in html and pending.get_absolute_url() in html
    services.approve_minutes(minutes=pending, by=chair)
    html = client.get(reverse("meetings:my_meetings")).content.decode()
    assert pending.get_absolute_url() not in html


def test_my_meetings_does_not_list_minutes_for_others_to_approve(
    seated, client, pending, coordinator
):
    client.force_login(User.objects.get(username="ledamot"))
    approvers = {p.pk for _, p in services.required_approvers(pending)}
    user = client.get(reverse("meetings:my_meetings")).wsgi_request.user
    assert user.person_id not in approvers
    assert pending.get_absolute_url() not in client.get("/mina-moten/").content.decode()


def test_the_groups_minutes_list_shows_who_is_pending_to_members_only(seated, client, pending):
    url = reverse("meetings:group_minutes", args=["lsg"])
    chair, checker = (p for _, p in services.required_approvers(pending))
    assert pending.get_absolute_url() not in client.get(url).content.decode()
    client.force_login(User.objects.get(username="ledamot"))
    html = client.get(url).content.decode()
    assert "Väntar på justering" in html and pending.get_absolute_url() in html
    assert chair.full_name in html and checker.full_name in html
