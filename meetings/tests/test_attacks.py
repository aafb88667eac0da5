"""Attacker tests for meetings (R-Q2, R-S6): meeting pages, papers, minutes, search, calendar feeds.

Each test names the attack and asserts the safe behaviour; the shared world is in
`testing/attack_world.py`.
"""

from __future__ import annotations

import datetime
import io
import secrets

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from cases.models import Case, Recommendation
from meetings import services as meeting_services
from meetings.models import (
    AgendaItem,
    Approval,
    AttendanceStatus,
    CalendarFeed,
    ItemKind,
    Meeting,
    Minutes,
    MinutesStatus,
)
from structure.models import Membership
from testing.attack_world import (
    LINK_LSG,
    LINK_SAMRAD,
    OUTSIDERS_OF_LSG,
    OUTSIDERS_OF_SAMRAD,
    SECRET_AU,
    SECRET_CLOSED_TITLE,
    SECRET_DRAFT,
    SECRET_IN_APPROVAL,
    SECRET_ITEM,
    SECRET_ITEM_DESC,
    SECRET_SAMRAD_DRAFT,
    SECRET_SAMRAD_ITEM,
    SECRET_SAMRAD_TITLE,
    as_user,
    emails_and_phones,
    outsider_clients,
    pdf_upload,
    text,
)

# --- URL guessing: meetings, papers, minutes -------------------------------------------------


def test_url_guessing_non_public_meeting_pages_answer_404(world):
    urls = [
        reverse("meetings:meeting_detail", args=[world.m_samrad.pk]),
        reverse("meetings:meeting_ics", args=[world.m_samrad.pk]),
    ]
    for client in outsider_clients(OUTSIDERS_OF_SAMRAD):
        for url in urls:
            assert client.get(url).status_code == 404, url
    for client in outsider_clients(OUTSIDERS_OF_SAMRAD)[1:]:
        url = reverse("meetings:meeting_manage", args=[world.m_samrad.pk])
        assert client.get(url).status_code == 404


def test_url_guessing_public_meeting_page_hides_agenda_papers_link_and_drafts(world):
    url = world.m_draft.get_absolute_url()
    for client in outsider_clients(OUTSIDERS_OF_LSG):
        html = text(client.get(url))
        assert "Regionens hus" in html  # the public part is there
        for secret in (SECRET_ITEM, SECRET_ITEM_DESC, LINK_LSG, "underlag/"):
            assert secret not in html
        assert world.draft.get_absolute_url() not in html
    # control: the group's member sees it all
    html = text(as_user("ledamot").get(url))
    assert SECRET_ITEM in html and LINK_LSG in html


def test_url_guessing_paper_download_answers_404_to_outsiders(world):
    for client in outsider_clients(OUTSIDERS_OF_LSG):
        url = reverse("meetings:paper_download", args=[world.paper.pk])
        assert client.get(url).status_code == 404
    for client in outsider_clients(OUTSIDERS_OF_SAMRAD):
        url = reverse("meetings:paper_download", args=[world.s_paper.pk])
        assert client.get(url).status_code == 404
    assert (
        as_user("ledamot")
        .get(reverse("meetings:paper_download", args=[world.paper.pk]))
        .status_code
        == 200
    )


def test_media_url_guessing_paper_and_document_files_are_not_served(world):
    client = Client()
    for name in (world.paper.file.name, world.doc_lsg.file.name):
        for prefix in ("/", "/media/", "/static/", "/var/media/"):
            assert client.get(prefix + name).status_code == 404, prefix + name


@pytest.mark.parametrize("which", ["draft", "pending", "s_draft"])
def test_url_guessing_unapproved_minutes_detail_and_pdf_answer_404(world, which):
    minutes = getattr(world, which)
    names = OUTSIDERS_OF_SAMRAD if which == "s_draft" else OUTSIDERS_OF_LSG
    for client in outsider_clients(names):
        assert client.get(minutes.get_absolute_url()).status_code == 404
        assert client.get(reverse("meetings:minutes_pdf", args=[minutes.pk])).status_code == 404
    # even the group's own members get no PDF of unapproved minutes
    if which != "s_draft":
        member = as_user("ledamot")
        assert member.get(minutes.get_absolute_url()).status_code == 200
        assert member.get(reverse("meetings:minutes_pdf", args=[minutes.pk])).status_code == 404


def test_url_guessing_approved_minutes_of_a_non_public_group_answer_404(world):
    for client in outsider_clients(OUTSIDERS_OF_LSG):
        assert client.get(world.au_minutes.get_absolute_url()).status_code == 404
        url = reverse("meetings:minutes_pdf", args=[world.au_minutes.pk])
        assert client.get(url).status_code == 404


def test_url_guessing_minutes_edit_of_non_public_meeting_answers_404(world):
    for client in outsider_clients(OUTSIDERS_OF_SAMRAD)[1:]:
        url = reverse("meetings:minutes_edit", args=[world.s_draft.pk])
        assert client.get(url).status_code == 404


def test_url_guessing_minutes_edit_of_public_meeting_draft_answers_404_not_403(world):
    missing = Minutes.objects.order_by("-pk").first().pk + 1000
    for client in outsider_clients(OUTSIDERS_OF_SAMRAD)[1:]:
        assert client.get(reverse("meetings:minutes_edit", args=[missing])).status_code == 404
        url = reverse("meetings:minutes_edit", args=[world.s_public_draft.pk])
        assert client.get(url).status_code == 404


def _missing(model):
    return (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000


def test_404_consistency_forbidden_and_missing_ids_answer_alike_for_a_member_of_another_group(
    world,
):
    """For `ledamot` (not in Samråd), a Samråd secret and a free id must look the same."""
    client = as_user("ledamot")
    pairs = [
        ("meetings:meeting_detail", world.m_samrad.pk, _missing(Meeting)),
        ("meetings:meeting_ics", world.m_samrad.pk, _missing(Meeting)),
        ("meetings:meeting_manage", world.m_samrad.pk, _missing(Meeting)),
        ("meetings:paper_download", world.s_paper.pk, 10**6),
        ("meetings:minutes_detail", world.s_draft.pk, _missing(Minutes)),
        ("meetings:minutes_pdf", world.s_draft.pk, _missing(Minutes)),
        ("cases:case_detail", world.case_samrad.pk, _missing(Case)),
        ("cases:recommendation_detail", world.rec_hidden.pk, _missing(Recommendation)),
    ]
    for name, secret, missing in pairs:
        forbidden = client.get(reverse(name, args=[secret])).status_code
        free = client.get(reverse(name, args=[missing])).status_code
        assert forbidden == free == 404, name
    posts = [
        ("meetings:report_absence", world.m_samrad.pk, _missing(Meeting)),
        ("meetings:minutes_approve", world.s_draft.pk, _missing(Minutes)),
        ("meetings:minutes_correct", world.s_draft.pk, _missing(Minutes)),
        ("cases:case_follow", world.case_samrad.pk, _missing(Case)),
    ]
    for name, secret, missing in posts:
        forbidden = client.post(reverse(name, args=[secret]), {"reason": "x"}).status_code
        free = client.post(reverse(name, args=[missing]), {"reason": "x"}).status_code
        assert forbidden == free == 404, name
    doc = reverse("cases:document", args=[world.case_samrad.pk, world.doc_samrad.pk])
    free_doc = reverse("cases:document", args=[_missing(Case), world.doc_samrad.pk])
    assert client.get(doc).status_code == client.get(free_doc).status_code == 404


def test_anonymous_gets_the_same_sign_in_redirect_for_existing_and_missing_internal_ids(world):
    client = Client()
    for name, secret, missing in [
        ("cases:case_detail", world.case_lsg.pk, _missing(Case)),
        ("meetings:meeting_manage", world.m_closed.pk, _missing(Meeting)),
        ("meetings:minutes_edit", world.draft.pk, _missing(Minutes)),
        ("cases:register_decision", world.hidden_umea.pk, 10**6),
    ]:
        a = client.get(reverse(name, args=[secret]))
        b = client.get(reverse(name, args=[missing]))
        assert a.status_code == b.status_code == 302, name
        assert reverse("login") in a["Location"]


# --- Writes without permission ---------------------------------------------------------------


def _manage_attempts(meeting, item) -> list[tuple[str, dict]]:
    """Every action of the manage page, each at its own URL."""

    def url(name, *extra):
        return reverse(f"meetings:{name}", args=[meeting.pk, *extra])

    return [
        (url("agenda_item_add"), {"kind": ItemKind.INFORMATION, "title": "Inskjuten punkt"}),
        (url("agenda_item_edit", item.pk), {"kind": ItemKind.INFORMATION, "title": "Kapad"}),
        (url("kallelse_send"), {}),
        (url("agenda_item_remove", item.pk), {"confirm": "on"}),
        (url("agenda_item_up"), {"item": item.pk}),
        (url("attendance_record"), {"narvaro-TOTAL_FORMS": 0, "narvaro-INITIAL_FORMS": 0}),
        (url("minutes_start"), {}),
        (url("paper_attach"), {"item": item.pk, "file": pdf_upload("x.pdf")}),
        (url("meeting_cancel"), {"confirm": "on"}),
    ]


def test_post_meeting_manage_actions_by_plain_member_and_outsiders_are_refused(world):
    meeting = world.m_draft
    items_before = list(meeting.items.values_list("pk", "position", "title"))
    for username, expected in [
        ("ledamot", 403),
        ("samradsledamot", 403),
        ("registrator-umea", 403),
    ]:
        client = as_user(username)
        for url, data in _manage_attempts(meeting, world.item):
            assert client.post(url, data).status_code == expected, (username, url)
    meeting.refresh_from_db()
    assert meeting.kallelse_sent_at is None and not meeting.cancelled
    assert list(meeting.items.values_list("pk", "position", "title")) == items_before
    assert not meeting.attendance.exists()
    assert world.item.papers.count() == 1
    # the LSG chair cannot manage the other group's meetings either
    chair = as_user("ordforande")
    samrad_public = reverse("meetings:kallelse_send", args=[world.m_samrad_public.pk])
    assert chair.post(samrad_public, {}).status_code == 403
    samrad_closed = reverse("meetings:kallelse_send", args=[world.m_samrad.pk])
    assert chair.post(samrad_closed, {}).status_code == 404
    assert Meeting.objects.filter(kallelse_sent_at__isnull=False).count() == 0


def test_post_minutes_edit_by_plain_member_or_outsider_cannot_change_draft(world):
    # a member of the group may see the draft but not edit it; anyone else gets nothing
    url = reverse("meetings:minutes_save", args=[world.draft.pk])
    for step in ("spara", "skicka"):
        for username, status in (("ledamot", 403), ("registrator-region", 404)):
            data = {"summary": "Kapat", "without_attendance": "on", "steg": step}
            response = as_user(username).post(url, data)
            assert response.status_code == status, (username, step)
    world.draft.refresh_from_db()
    assert world.draft.summary == SECRET_DRAFT
    assert world.draft.status == MinutesStatus.DRAFT


def test_post_minutes_approve_by_non_approver_is_refused(world):
    url = reverse("meetings:minutes_approve", args=[world.pending.pk])
    # ledamot is an LSG member but not an approver of these minutes
    assert as_user("ledamot").post(url, {"confirm": "on"}).status_code == 403
    assert as_user("ledamot").get(url).status_code == 403
    for username in OUTSIDERS_OF_LSG:
        assert as_user(username).post(url, {"confirm": "on"}).status_code == 404
    assert not Approval.objects.filter(minutes=world.pending).exists()
    world.pending.refresh_from_db()
    assert world.pending.status == MinutesStatus.IN_APPROVAL
    # The twin: the chair, an approver, confirms and is counted.
    assert as_user("ordforande").post(url, {"confirm": "on"}).status_code == 302
    assert Approval.objects.filter(minutes=world.pending).count() == 1


def test_post_minutes_correct_by_non_manager_is_refused(world):
    url = reverse("meetings:minutes_correct", args=[world.approved.pk])
    for username in ("ledamot", "samradsledamot", "registrator-umea"):
        response = as_user(username).post(url, {"reason": "Jag vill ändra"})
        assert response.status_code == 403, username
    assert Client().post(url, {"reason": "x"}).status_code == 302  # to sign-in
    assert world.m_held.minutes.count() == 1


def test_post_report_absence_for_someone_elses_group_is_refused(world):
    # the LSG chair is not an ordinary member of Samråd
    public = reverse("meetings:report_absence", args=[world.m_samrad_public.pk])
    assert as_user("ordforande").post(public, {"note": "x"}).status_code == 403
    closed = reverse("meetings:report_absence", args=[world.m_samrad.pk])
    assert as_user("ordforande").post(closed, {"note": "x"}).status_code == 404
    assert not world.m_samrad_public.absences.exists()


def test_approved_minutes_cannot_be_changed_through_the_product(world):
    """R-S6: edit, attendance, agenda, papers and a second draft are all refused once approved."""
    coord = as_user("koordinator")
    before = (world.approved.summary, list(world.approved.items.values_list("notes", flat=True)))
    for step in ("spara", "skicka"):
        response = coord.post(
            reverse("meetings:minutes_save", args=[world.approved.pk]),
            {"summary": "Ändrat i efterhand", "without_attendance": "on", "steg": step},
        )
        assert response.status_code == 400, step
    world.approved.refresh_from_db()
    assert world.approved.status == MinutesStatus.APPROVED
    assert (
        world.approved.summary,
        list(world.approved.items.values_list("notes", flat=True)),
    ) == before
    meeting = world.m_held
    attendance_before = sorted(meeting.attendance.values_list("person_id", "status"))
    person = meeting.attendance.first().person_id
    coord.post(
        reverse("meetings:attendance_record", args=[meeting.pk]),
        {
            "narvaro-TOTAL_FORMS": 1,
            "narvaro-INITIAL_FORMS": 1,
            "narvaro-0-person": person,
            "narvaro-0-status": AttendanceStatus.ABSENT,
        },
    )
    assert sorted(meeting.attendance.values_list("person_id", "status")) == attendance_before
    items_before = list(meeting.items.values_list("pk", "position", "title"))
    item = meeting.items.first()
    for url, data in _manage_attempts(meeting, item):
        coord.post(url, data)
    assert list(meeting.items.values_list("pk", "position", "title")) == items_before
    assert not AgendaItem.objects.filter(meeting=meeting, papers__isnull=False).exists()
    assert meeting.minutes.count() == 1
    meeting.refresh_from_db()
    assert not meeting.cancelled


def test_correction_keeps_the_approved_version_unchanged(world):
    coord = as_user("koordinator")
    url = reverse("meetings:minutes_correct", args=[world.approved.pk])
    assert coord.post(url, {"reason": "Fel datum"}).status_code == 302
    new = Minutes.objects.get(supersedes=world.approved)
    save = reverse("meetings:minutes_save", args=[new.pk])
    coord.post(save, {"summary": "Rättad text"})
    world.approved.refresh_from_db()
    assert world.approved.status == MinutesStatus.APPROVED
    assert world.approved.summary == "Offentlig sammanfattning"


def test_public_approved_minutes_page_does_not_reveal_an_unapproved_correction(world):
    meeting_services.correct_minutes(
        minutes=world.approved, by=world.coord, reason="Hemligt rättelseskäl"
    )
    for client in outsider_clients(OUTSIDERS_OF_LSG):
        html = text(client.get(world.approved.get_absolute_url()))
        assert "Hemligt rättelseskäl" not in html
        assert "version 2" not in html
        assert "under justering" not in html


# --- Search ----------------------------------------------------------------------------------


def _without_pending_section(html: str) -> str:
    start = html.find('<section aria-labelledby="vantar">')
    if start == -1:
        return html
    return html[:start] + html[html.index("</section>", start) :]


def test_pending_minutes_are_listed_for_the_group_only(world):
    url = reverse("meetings:group_minutes", args=["lsg"])
    assert world.pending.get_absolute_url() in text(as_user("ledamot").get(url))
    for client in [Client(), *outsider_clients(OUTSIDERS_OF_LSG)]:
        html = text(client.get(url))
        assert world.pending.get_absolute_url() not in html and "Väntar på justering" not in html


def test_minutes_search_does_not_leak_drafts_pending_or_non_public_minutes(world):
    secrets_ = [SECRET_DRAFT, SECRET_IN_APPROVAL, SECRET_SAMRAD_DRAFT, SECRET_AU, SECRET_ITEM]
    hidden_urls = [
        m.get_absolute_url() for m in (world.draft, world.pending, world.s_draft, world.au_minutes)
    ]
    for client in [Client(), as_user("ledamot"), as_user("koordinator")]:
        for q in secrets_ + ["Hemlig", "Utkast", "Orkan", "LSG"]:
            for url in (
                reverse("meetings:minutes_list"),
                reverse("meetings:group_minutes", args=["lsg"]),
                reverse("meetings:group_minutes", args=["lsg-au"]),
                reverse("meetings:group_minutes", args=["samrad"]),
            ):
                # The group's members see pending minutes in their own section, never in the
                # search results.
                html = _without_pending_section(text(client.get(url, {"q": q})))
                for hidden in hidden_urls:
                    assert hidden not in html, (q, url)
    # control: the approved minutes are found by their text
    html = text(Client().get(reverse("meetings:minutes_list"), {"q": "Ankdamm"}))
    assert world.approved.get_absolute_url() in html


# --- iCalendar feeds -------------------------------------------------------------------------


def test_ical_public_and_group_feeds_do_not_leak_non_public_meetings_links_or_agendas(world):
    client = Client()
    feeds = [reverse("meetings:public_feed")] + [
        reverse("meetings:group_feed", args=[slug]) for slug in ("lsg", "samrad", "lsg-au")
    ]
    for url in feeds:
        body = text(client.get(url))
        for secret in (
            SECRET_CLOSED_TITLE,
            SECRET_SAMRAD_TITLE,
            str(world.m_closed.uid),
            str(world.m_samrad.uid),
            LINK_LSG,
            LINK_SAMRAD,
            "video.example",
            SECRET_ITEM,
            SECRET_ITEM_DESC,
            SECRET_SAMRAD_ITEM,
        ):
            assert secret not in body, (url, secret)
    # control: the public meeting is in the feed
    assert str(world.m_draft.uid) in text(client.get(reverse("meetings:public_feed")))


def test_ical_single_meeting_download_does_not_leak_video_link_to_outsiders(world):
    url = reverse("meetings:meeting_ics", args=[world.m_draft.pk])
    for client in outsider_clients(OUTSIDERS_OF_LSG):
        body = text(client.get(url))
        assert str(world.m_draft.uid) in body
        assert LINK_LSG not in body and "video.example" not in body
    assert LINK_LSG in text(as_user("ledamot").get(url))


def test_member_calendar_token_guessing_answers_404(world):
    client = Client()
    for token in ["", "x", "a" * 32, secrets.token_urlsafe(24), "..%2F..%2Fetc"]:
        assert client.get(f"/kalender/ledamot/{token}.ics").status_code == 404, token
    # A NUL character is refused before any query.
    assert client.get("/kalender/ledamot/%00.ics").status_code == 400


def _feed_token(username: str, person) -> str:
    """The member asks for a personal calendar address; GET never creates one."""
    as_user(username).post(reverse("meetings:calendar_feed_create"))
    return CalendarFeed.objects.get(person=person).token


def test_member_calendar_token_is_only_shown_to_its_owner(world):
    _feed_token("ledamot", world.ledamot.person)
    _feed_token("ordforande", world.chair.person)
    mine = text(as_user("ledamot").get(reverse("meetings:my_meetings")))
    theirs = text(as_user("ordforande").get(reverse("meetings:my_meetings")))
    ledamot_token = CalendarFeed.objects.get(person=world.ledamot.person).token
    chair_token = CalendarFeed.objects.get(person=world.chair.person).token
    assert ledamot_token in mine and chair_token not in mine
    assert chair_token in theirs and ledamot_token not in theirs
    assert Client().get(reverse("meetings:my_meetings")).status_code == 302
    # a registrar without a person gets no feed at all
    assert "/kalender/ledamot/" not in text(as_user("registrator-umea").get("/mina-moten/"))


def test_member_calendar_feed_does_not_include_other_groups_meetings(world):
    token = _feed_token("ledamot", world.ledamot.person)
    body = text(Client().get(f"/kalender/ledamot/{token}.ics"))
    assert SECRET_CLOSED_TITLE in body and LINK_LSG in body  # own group's internal meeting
    assert SECRET_SAMRAD_TITLE not in body and LINK_SAMRAD not in body


def test_member_calendar_feed_of_a_former_member_drops_internal_meetings(world):
    token = _feed_token("ledamot", world.ledamot.person)
    Membership.objects.filter(person=world.ledamot.person).update(
        end_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    body = text(Client().get(f"/kalender/ledamot/{token}.ics"))
    assert SECRET_CLOSED_TITLE not in body and LINK_LSG not in body


def test_member_calendar_feed_stops_when_the_account_is_deactivated(world):
    token = _feed_token("ledamot", world.ledamot.person)
    User.objects.filter(pk=world.ledamot.pk).update(is_active=False)
    response = Client().get(f"/kalender/ledamot/{token}.ics")
    assert response.status_code == 404
    assert SECRET_CLOSED_TITLE not in text(response) and LINK_LSG not in text(response)


def test_approved_minutes_pdf_is_public_and_carries_no_internal_text(world):
    from pypdf import PdfReader

    response = Client().get(reverse("meetings:minutes_pdf", args=[world.approved.pk]))
    assert response.status_code == 200
    pdf_text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Ankdamm" in pdf_text
    for secret in (LINK_LSG, "Tornado", "Orkan", "Kvasar", "Xylofon"):
        assert secret not in pdf_text
    for value in emails_and_phones("lsg"):
        assert value not in pdf_text


def test_my_meetings_lists_only_own_groups(world):
    html = text(as_user("ledamot").get(reverse("meetings:my_meetings")))
    assert world.m_closed.get_absolute_url() in html
    assert world.m_samrad.get_absolute_url() not in html
    assert world.m_samrad_public.get_absolute_url() not in html


def test_meeting_directory_and_filters_never_list_non_public_meetings(world):
    client = Client()
    for query in [
        {},
        {"group": world.samrad.pk},
        {"group": world.lsg.pk},
        {"year": "2027"},
        {"form": "hybrid"},
        {"group": world.samrad.pk, "year": "2027", "form": "hybrid"},
    ]:
        html = text(client.get(reverse("meetings:meeting_list"), query))
        assert world.m_samrad.get_absolute_url() not in html
        assert world.m_closed.get_absolute_url() not in html
        assert LINK_LSG not in html and LINK_SAMRAD not in html
