"""Attacker tests (R-Q2, R-S6, privacy): every internal URL guessed, every write tried without the
right, every public channel (search, feeds, exports, PDFs, SVG) searched for internal text.

Each test names the attack and asserts the safe behaviour. A test marked xfail(strict=True) is a
real leak or bypass found in this review: the reason says what leaks and why.
"""

from __future__ import annotations

import datetime
import io
import secrets
import zipfile
import zoneinfo
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from cases import services as case_services
from cases.models import Case, CaseDocument, Follow, PrincipalDecision, Recommendation
from meetings import services as meeting_services
from meetings.models import (
    AgendaItem,
    Approval,
    Attendance,
    CalendarFeed,
    ItemKind,
    Meeting,
    Minutes,
    MinutesStatus,
)
from structure.models import Group, Membership, MembershipKind, Person, Principal

TZ = zoneinfo.ZoneInfo("Europe/Stockholm")

# Internal texts: none of these may ever reach someone outside the group.
LINK_LSG = "https://video.example/hemlig-lsg-7731"
LINK_SAMRAD = "https://video.example/hemlig-samrad-9902"
SECRET_ITEM = "Hemlig punkt Xylofon"
SECRET_ITEM_DESC = "Beskrivning Kvasar"
SECRET_DRAFT = "Utkast Tornado"
SECRET_IN_APPROVAL = "Justeringsversion Orkan"
SECRET_CLOSED_TITLE = "Slutet LSG-mote Zeppelin"
SECRET_SAMRAD_TITLE = "Slutet samradsmote Gondol"
SECRET_SAMRAD_ITEM = "Samradspunkt Marsvin"
SECRET_SAMRAD_DRAFT = "Samradsutkast Kanel"
SECRET_AU = "AU-anteckning Flamingo"
PUBLIC_NOTE = "Offentlig anteckning Ankdamm"
CASE_LSG_TITLE = "Internt LSG-arende Omega"
SECRET_CASE_DESC = "Arendebeskrivning Pelikan"
SECRET_CASE_PROP = "Forslag Lakrits"
SECRET_REC_TITLE = "Ej expedierad rekommendation Vulkan"
SECRET_REC_ATT = "hemlig att-sats Mandarin"
PUBLIC_CASE_TITLE = "Publikt arende Sippa"
SECRET_PUB_DESC = "Intern beskrivning av publikt arende Gurka"
SECRET_PUB_PROP = "Internt forslag Rabarber"
PUBLIC_REC_TITLE = "Expedierad rekommendation Blabar"
CASE_SAMRAD_TITLE = "Samradsarende Sigma"
SECRET_SAMRAD_DESC = "Samradsbeskrivning Tistel"
PS_TITLE = "Patientsakerhetsfraga Lodjur"
SECRET_PS_DESC = "Patientsakerhetsbeskrivning Ekorre"
SECRET_PS_NOTE = "Ursprungsnotering Bofink"
SECRET_TREAT_NOTE = "Behandlingsnotering Sparv"


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), TZ)


def pdf_upload(name: str = "underlag.pdf", body: bytes = b"internt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 " + body, "application/pdf")


def as_user(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def text(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def book(slug, day, *, by, public=True, title="", link=LINK_LSG):
    return meeting_services.book_meeting(
        group=Group.objects.get(slug=slug),
        starts_at=at(day, 9),
        ends_at=at(day, 12),
        form="hybrid",
        location="Regionens hus, Umeå",
        link=link,
        title=title,
        is_public=public,
        by=by,
    )


def ordinary_people(slug: str) -> list[Person]:
    return [
        m.person
        for m in Membership.objects.current(timezone.localdate())
        .filter(group__slug=slug, kind=MembershipKind.ORDINARY)
        .select_related("person")
        .order_by("pk")
    ]


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded papers and documents go to a temporary directory, not to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(demo):
    """Meetings, minutes in every state, papers and cases of LSG and Samråd.

    `ledamot` is a member of LSG (and Beredning vuxna och äldre) but not of Samråd; the created
    `samradsledamot` is a member of Samråd only; registrars belong to no group.
    """
    coord = User.objects.get(username="koordinator")
    ledamot = User.objects.get(username="ledamot")
    chair = User.objects.get(username="ordforande")
    lsg = Group.objects.get(slug="lsg")
    samrad = Group.objects.get(slug="samrad")
    ledamot_groups = set(
        Membership.objects.filter(person=ledamot.person).values_list("group_id", flat=True)
    )
    samrad_only = [
        p
        for p in ordinary_people("samrad")
        if not set(p.memberships.values_list("group_id", flat=True)) & ledamot_groups
    ]
    samrad_person = samrad_only[0]
    User.objects.create_user("samradsledamot", password="x-test-pass-123", person=samrad_person)
    lsg_people = ordinary_people("lsg")
    checker = next(p for p in lsg_people if p.pk not in (ledamot.person_id, chair.person_id))

    # M1: public LSG meeting, with a secret agenda item, a paper and draft minutes.
    m_draft = book("lsg", datetime.date(2027, 2, 11), by=coord)
    item = meeting_services.add_agenda_item(
        meeting=m_draft,
        by=coord,
        kind=ItemKind.DECISION,
        title=SECRET_ITEM,
        description=SECRET_ITEM_DESC,
        proposal="p",
    )
    paper = meeting_services.attach_paper(item=item, by=coord, upload=pdf_upload())
    draft = meeting_services.draft_minutes(meeting=m_draft, by=coord)
    meeting_services.save_minutes(
        minutes=draft, by=coord, summary=SECRET_DRAFT, justeringsperson=None, items=[]
    )

    # M2: a non-public LSG meeting.
    m_closed = book(
        "lsg", datetime.date(2027, 3, 11), by=coord, public=False, title=SECRET_CLOSED_TITLE
    )

    # M3: a non-public Samråd meeting with agenda item, paper and draft minutes.
    m_samrad = book(
        "samrad",
        datetime.date(2027, 2, 18),
        by=coord,
        public=False,
        title=SECRET_SAMRAD_TITLE,
        link=LINK_SAMRAD,
    )
    s_item = meeting_services.add_agenda_item(
        meeting=m_samrad,
        by=coord,
        kind=ItemKind.INFORMATION,
        title=SECRET_SAMRAD_ITEM,
        description="d",
    )
    s_paper = meeting_services.attach_paper(item=s_item, by=coord, upload=pdf_upload("s.pdf"))
    s_draft = meeting_services.draft_minutes(meeting=m_samrad, by=coord)
    meeting_services.save_minutes(
        minutes=s_draft, by=coord, summary=SECRET_SAMRAD_DRAFT, justeringsperson=None, items=[]
    )

    # M4: a public Samråd meeting with draft minutes.
    m_samrad_public = book("samrad", datetime.date(2027, 4, 15), by=coord, link=LINK_SAMRAD)
    s_public_draft = meeting_services.draft_minutes(meeting=m_samrad_public, by=coord)

    # M5: a held LSG meeting with attendance and approved minutes (chair + ledamot as checker).
    m_held = book("lsg", datetime.date(2026, 9, 10), by=coord)
    meeting_services.record_attendance(
        meeting=m_held,
        by=coord,
        entries=[(p, "present", None) for p in lsg_people[:5]],
    )
    approved = meeting_services.draft_minutes(meeting=m_held, by=coord)
    first_item = approved.items.order_by("position").first()
    meeting_services.save_minutes(
        minutes=approved,
        by=coord,
        summary="Offentlig sammanfattning",
        justeringsperson=ledamot.person,
        items=[{"id": first_item.pk, "notes": PUBLIC_NOTE, "decision_intro": "", "decisions": ""}],
    )
    meeting_services.send_minutes_for_approval(minutes=approved, by=coord)
    meeting_services.approve_minutes(minutes=approved, by=chair)
    approved = meeting_services.approve_minutes(minutes=approved, by=ledamot)
    assert approved.status == MinutesStatus.APPROVED

    # M6: LSG minutes sent for approval (not approved).
    m_pending = book("lsg", datetime.date(2026, 10, 8), by=coord)
    pending = meeting_services.draft_minutes(meeting=m_pending, by=coord)
    meeting_services.save_minutes(
        minutes=pending, by=coord, summary=SECRET_IN_APPROVAL, justeringsperson=checker, items=[]
    )
    meeting_services.send_minutes_for_approval(minutes=pending, by=coord)

    # M7: LSG AU (minutes not public even when approved); forced to approved for the test.
    m_au = book("lsg-au", datetime.date(2026, 9, 3), by=coord)
    au_minutes = meeting_services.draft_minutes(meeting=m_au, by=coord)
    meeting_services.save_minutes(
        minutes=au_minutes, by=coord, summary=SECRET_AU, justeringsperson=None, items=[]
    )
    Minutes.objects.filter(pk=au_minutes.pk).update(
        status=MinutesStatus.APPROVED, approved_at=timezone.now()
    )

    # Cases.
    case_lsg = case_services.raise_case(
        group=lsg,
        by=coord,
        submitted_by=ledamot.person,
        title=CASE_LSG_TITLE,
        description=SECRET_CASE_DESC,
        proposal=SECRET_CASE_PROP,
        documents=[pdf_upload("bilaga.pdf")],
        raised_on=datetime.date(2026, 2, 2),
    )
    rec_hidden = case_services.adopt_recommendation(
        case=case_lsg,
        meeting=m_held,
        by=coord,
        title=SECRET_REC_TITLE,
        decisions="att " + SECRET_REC_ATT,
    )
    case_pub = case_services.raise_case(
        group=lsg,
        by=coord,
        submitted_by=ledamot.person,
        title=PUBLIC_CASE_TITLE,
        description=SECRET_PUB_DESC,
        proposal=SECRET_PUB_PROP,
        raised_on=datetime.date(2026, 2, 3),
    )
    rec_public = case_services.adopt_recommendation(
        case=case_pub,
        meeting=m_held,
        by=coord,
        title=PUBLIC_REC_TITLE,
        decisions="att anta rutinen",
    )
    case_services.expedite(recommendation=rec_public, by=coord)
    case_samrad = case_services.raise_case(
        group=samrad,
        by=coord,
        submitted_by=samrad_person,
        title=CASE_SAMRAD_TITLE,
        description=SECRET_SAMRAD_DESC,
        proposal="p",
        documents=[pdf_upload("samrad.pdf")],
        raised_on=datetime.date(2026, 2, 4),
    )
    ps_group = Group.objects.get(slug="samverkansrad-patientsakerhet")
    case_ps = case_services.raise_case(
        group=ps_group,
        by=coord,
        submitted_by=ordinary_people(ps_group.slug)[0],
        title=PS_TITLE,
        description=SECRET_PS_DESC,
        proposal="p",
        origin_note=SECRET_PS_NOTE,
        raised_on=datetime.date(2026, 3, 3),
    )
    case_services.record_treatment(
        case=case_ps,
        group=ps_group,
        by=coord,
        outcome="prepared",
        note=SECRET_TREAT_NOTE,
        happened_on=datetime.date(2026, 3, 20),
    )

    umea = Principal.objects.get(slug="umea")
    region = Principal.objects.get(slug="region-vasterbotten")
    return SimpleNamespace(
        coord=coord,
        ledamot=ledamot,
        chair=chair,
        lsg=lsg,
        samrad=samrad,
        samrad_person=samrad_person,
        checker=checker,
        m_draft=m_draft,
        item=item,
        paper=paper,
        draft=draft,
        m_closed=m_closed,
        m_samrad=m_samrad,
        s_paper=s_paper,
        s_draft=s_draft,
        m_samrad_public=m_samrad_public,
        s_public_draft=s_public_draft,
        m_held=m_held,
        approved=approved,
        m_pending=m_pending,
        pending=pending,
        au_minutes=au_minutes,
        case_lsg=case_lsg,
        doc_lsg=case_lsg.documents.get(),
        rec_hidden=rec_hidden,
        case_pub=case_pub,
        rec_public=rec_public,
        case_samrad=case_samrad,
        doc_samrad=case_samrad.documents.get(),
        case_ps=case_ps,
        umea=umea,
        region=region,
        hidden_umea=rec_hidden.addressees.get(principal=umea),
        hidden_region=rec_hidden.addressees.get(principal=region),
        public_umea=rec_public.addressees.get(principal=umea),
        public_region=rec_public.addressees.get(principal=region),
    )


OUTSIDERS_OF_LSG = ["samradsledamot", "registrator-region", "registrator-umea"]
OUTSIDERS_OF_SAMRAD = ["ledamot", "ordforande", "registrator-region", "registrator-umea"]


def outsider_clients(names):
    return [Client()] + [as_user(name) for name in names]


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


def test_post_meeting_manage_actions_by_plain_member_and_outsiders_are_refused(world):
    meeting = world.m_draft
    url = reverse("meetings:meeting_manage", args=[meeting.pk])
    items_before = list(meeting.items.values_list("pk", "position", "title"))
    attempts = [
        {"action": "add_item", "kind": "information", "title": "Inskjuten punkt"},
        {"action": "kallelse"},
        {"action": "remove", "item": world.item.pk},
        {"action": "up", "item": world.item.pk},
        {"action": "attendance", f"status-{world.samrad_person.pk}": "present"},
        {"action": "start_minutes"},
        {"action": "paper", "item": world.item.pk, "file": pdf_upload("x.pdf")},
    ]
    for username, expected in [
        ("ledamot", 403),
        ("samradsledamot", 403),
        ("registrator-umea", 403),
    ]:
        client = as_user(username)
        for data in attempts:
            if "file" in data:
                data = {**data, "file": pdf_upload("x.pdf")}
            assert client.post(url, data).status_code == expected, (username, data["action"])
    meeting.refresh_from_db()
    assert meeting.kallelse_sent_at is None
    assert list(meeting.items.values_list("pk", "position", "title")) == items_before
    assert not meeting.attendance.exists()
    assert world.item.papers.count() == 1
    # the LSG chair cannot manage the other group's meetings either
    chair = as_user("ordforande")
    samrad_public = reverse("meetings:meeting_manage", args=[world.m_samrad_public.pk])
    assert chair.post(samrad_public, {"action": "kallelse"}).status_code == 403
    samrad_closed = reverse("meetings:meeting_manage", args=[world.m_samrad.pk])
    assert chair.post(samrad_closed, {"action": "kallelse"}).status_code == 404
    assert Meeting.objects.filter(kallelse_sent_at__isnull=False).count() == 0


def test_post_minutes_edit_by_plain_member_or_outsider_cannot_change_draft(world):
    url = reverse("meetings:minutes_edit", args=[world.draft.pk])
    # a member of the group may see the draft but not edit it; anyone else gets nothing
    for username, status in (("ledamot", 403), ("registrator-region", 404)):
        response = as_user(username).post(url, {"summary": "Kapat", "action": "send"})
        assert response.status_code == status, username
    world.draft.refresh_from_db()
    assert world.draft.summary == SECRET_DRAFT
    assert world.draft.status == MinutesStatus.DRAFT


def test_post_minutes_approve_by_non_approver_is_refused(world):
    url = reverse("meetings:minutes_approve", args=[world.pending.pk])
    # ledamot is an LSG member but not an approver of these minutes
    assert as_user("ledamot").post(url).status_code == 403
    for username in OUTSIDERS_OF_LSG:
        assert as_user(username).post(url).status_code == 404
    assert not Approval.objects.filter(minutes=world.pending).exists()
    world.pending.refresh_from_db()
    assert world.pending.status == MinutesStatus.IN_APPROVAL


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
    response = coord.post(
        reverse("meetings:minutes_edit", args=[world.approved.pk]),
        {"summary": "Ändrat i efterhand", "action": "send"},
    )
    assert response.status_code == 400
    world.approved.refresh_from_db()
    assert world.approved.status == MinutesStatus.APPROVED
    assert (
        world.approved.summary,
        list(world.approved.items.values_list("notes", flat=True)),
    ) == before
    manage = reverse("meetings:meeting_manage", args=[world.m_held.pk])
    attendance_before = sorted(world.m_held.attendance.values_list("person_id", "status"))
    coord.post(manage, {"action": "attendance", f"status-{world.samrad_person.pk}": "present"})
    assert sorted(world.m_held.attendance.values_list("person_id", "status")) == attendance_before
    items_before = list(world.m_held.items.values_list("pk", "position", "title"))
    coord.post(manage, {"action": "add_item", "kind": "information", "title": "Efterhand"})
    item = world.m_held.items.first()
    coord.post(manage, {"action": "remove", "item": item.pk})
    coord.post(manage, {"action": "paper", "item": item.pk, "file": pdf_upload("sen.pdf")})
    assert list(world.m_held.items.values_list("pk", "position", "title")) == items_before
    assert not AgendaItem.objects.filter(meeting=world.m_held, papers__isnull=False).exists()
    coord.post(manage, {"action": "start_minutes"})
    assert world.m_held.minutes.count() == 1


def test_correction_keeps_the_approved_version_unchanged(world):
    coord = as_user("koordinator")
    url = reverse("meetings:minutes_correct", args=[world.approved.pk])
    assert coord.post(url, {"reason": "Fel datum"}).status_code == 302
    new = Minutes.objects.get(supersedes=world.approved)
    edit = reverse("meetings:minutes_edit", args=[new.pk])
    coord.post(edit, {"summary": "Rättad text"})
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


# --- GET on state-changing URLs, CSRF ----------------------------------------------------------


def test_get_on_state_changing_urls_changes_nothing(world):
    coord = as_user("koordinator")
    for name, pk in [
        ("meetings:minutes_approve", world.pending.pk),
        ("meetings:minutes_correct", world.approved.pk),
        ("meetings:report_absence", world.m_draft.pk),
        ("cases:case_follow", world.case_lsg.pk),
        ("cases:expedite", world.rec_hidden.pk),
    ]:
        assert coord.get(reverse(name, args=[pk])).status_code == 405, name
    # action parameters in the query string are ignored
    manage = reverse("meetings:meeting_manage", args=[world.m_draft.pk])
    assert coord.get(manage + "?action=kallelse").status_code == 200
    coord.get(reverse("meetings:minutes_edit", args=[world.draft.pk]) + "?action=send")
    coord.get(world.case_lsg.get_absolute_url() + "?action=route&local_principal=1")
    coord.get(reverse("cases:register_decision", args=[world.public_umea.pk]) + "?outcome=x")
    world.m_draft.refresh_from_db()
    world.draft.refresh_from_db()
    world.case_lsg.refresh_from_db()
    world.rec_hidden.refresh_from_db()
    assert world.m_draft.kallelse_sent_at is None
    assert world.draft.status == MinutesStatus.DRAFT
    assert world.case_lsg.current_group == world.lsg
    assert world.rec_hidden.expedited_at is None
    assert not Follow.objects.exists()
    assert not PrincipalDecision.objects.exists()
    assert as_user("ledamot").get(reverse("logout")).status_code == 405


def test_post_without_csrf_token_is_rejected_on_every_state_changing_url(world):
    def csrf_client(username):
        client = Client(enforce_csrf_checks=True)
        client.force_login(User.objects.get(username=username))
        return client

    coord = csrf_client("koordinator")
    attempts = [
        (
            coord,
            reverse("meetings:meeting_manage", args=[world.m_draft.pk]),
            {"action": "kallelse"},
        ),
        (coord, reverse("meetings:minutes_edit", args=[world.draft.pk]), {"summary": "x"}),
        (coord, reverse("meetings:minutes_correct", args=[world.approved.pk]), {"reason": "x"}),
        (coord, reverse("cases:expedite", args=[world.rec_hidden.pk]), {}),
        (
            coord,
            world.case_lsg.get_absolute_url(),
            {"action": "route", "route-group": world.samrad.pk},
        ),
        (coord, reverse("cases:case_create"), {"title": "x"}),
        (coord, reverse("meetings:meeting_create"), {"title": "x"}),
        (coord, reverse("admin:structure_person_add"), {"first_name": "x"}),
        (
            csrf_client("ordforande"),
            reverse("meetings:minutes_approve", args=[world.pending.pk]),
            {},
        ),
        (
            csrf_client("ledamot"),
            reverse("meetings:report_absence", args=[world.m_draft.pk]),
            {"note": "x"},
        ),
        (csrf_client("ledamot"), reverse("cases:case_follow", args=[world.case_lsg.pk]), {}),
        (
            csrf_client("registrator-umea"),
            reverse("cases:register_decision", args=[world.public_umea.pk]),
            {"outcome": "approved"},
        ),
        (csrf_client("ledamot"), reverse("logout"), {}),
    ]
    for client, url, data in attempts:
        assert client.post(url, data).status_code == 403, url
    assert not Approval.objects.filter(minutes=world.pending).exists()
    assert not Follow.objects.exists()
    assert not world.m_draft.absences.exists()
    assert Recommendation.objects.filter(expedited_at__isnull=True).count() == 1


# --- Search ----------------------------------------------------------------------------------


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
                html = text(client.get(url, {"q": q}))
                for hidden in hidden_urls:
                    assert hidden not in html, (q, url)
    # control: the approved minutes are found by their text
    html = text(Client().get(reverse("meetings:minutes_list"), {"q": "Ankdamm"}))
    assert world.approved.get_absolute_url() in html


def test_case_search_does_not_leak_other_groups_cases(world):
    for username, hidden in [
        ("ledamot", [CASE_SAMRAD_TITLE]),
        ("samradsledamot", [CASE_LSG_TITLE, PUBLIC_CASE_TITLE]),
        ("registrator-umea", [CASE_LSG_TITLE, CASE_SAMRAD_TITLE, PUBLIC_CASE_TITLE]),
        ("registrator-region", [CASE_LSG_TITLE, CASE_SAMRAD_TITLE, PUBLIC_CASE_TITLE]),
    ]:
        client = as_user(username)
        for q in ["Tistel", "Pelikan", "Gurka", "arende", "", "Sigma"]:
            for status in ["", "open", "finished", "local"]:
                html = text(client.get(reverse("cases:case_list"), {"q": q, "status": status}))
                for title in hidden:
                    assert title not in html, (username, q)
    assert Client().get(reverse("cases:case_list"), {"q": "Pelikan"}).status_code == 302


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
    for token in ["", "x", "a" * 32, secrets.token_urlsafe(24), "%00", "..%2F..%2Fetc"]:
        # 400 for a NUL character (refused before any query), 404 for everything else
        assert client.get(f"/kalender/ledamot/{token}.ics").status_code in (400, 404), token


def test_member_calendar_token_is_only_shown_to_its_owner(world):
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
    as_user("ledamot").get(reverse("meetings:my_meetings"))
    token = CalendarFeed.objects.get(person=world.ledamot.person).token
    body = text(Client().get(f"/kalender/ledamot/{token}.ics"))
    assert SECRET_CLOSED_TITLE in body and LINK_LSG in body  # own group's internal meeting
    assert SECRET_SAMRAD_TITLE not in body and LINK_SAMRAD not in body


def test_member_calendar_feed_of_a_former_member_drops_internal_meetings(world):
    as_user("ledamot").get(reverse("meetings:my_meetings"))
    token = CalendarFeed.objects.get(person=world.ledamot.person).token
    Membership.objects.filter(person=world.ledamot.person).update(
        end_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    body = text(Client().get(f"/kalender/ledamot/{token}.ics"))
    assert SECRET_CLOSED_TITLE not in body and LINK_LSG not in body


def test_member_calendar_feed_stops_when_the_account_is_deactivated(world):
    as_user("ledamot").get(reverse("meetings:my_meetings"))
    token = CalendarFeed.objects.get(person=world.ledamot.person).token
    User.objects.filter(pk=world.ledamot.pk).update(is_active=False)
    response = Client().get(f"/kalender/ledamot/{token}.ics")
    assert response.status_code == 404 or (
        SECRET_CLOSED_TITLE not in text(response) and LINK_LSG not in text(response)
    )


# --- Contact details (privacy) ---------------------------------------------------------------


def _emails_and_phones(slug: str, exclude_groups: set[int] = frozenset()) -> list[str]:
    out = []
    for membership in Membership.objects.current(timezone.localdate()).filter(group__slug=slug):
        person = membership.person
        if set(person.memberships.values_list("group_id", flat=True)) & exclude_groups:
            continue
        out += [v for v in (person.email, person.phone) if v]
    assert out, slug
    return out


def test_contact_details_of_another_group_are_not_shown_on_its_group_page(world):
    ledamot_groups = set(
        Membership.objects.filter(person=world.ledamot.person).values_list("group_id", flat=True)
    )
    samrad_contacts = _emails_and_phones("samrad", ledamot_groups)
    for client in [
        Client(),
        as_user("ledamot"),
        as_user("ordforande"),
        as_user("registrator-umea"),
    ]:
        html = text(client.get(reverse("structure:group_detail", args=["samrad"])))
        for value in samrad_contacts:
            assert value not in html
    lsg_contacts = _emails_and_phones("lsg")
    for client in [Client(), as_user("samradsledamot"), as_user("registrator-region")]:
        html = text(client.get(reverse("structure:group_detail", args=["lsg"])))
        for value in lsg_contacts:
            if value in samrad_contacts or value == world.samrad_person.email:
                continue
            assert value not in html
    # control: members of the group do see them
    html = text(as_user("ledamot").get(reverse("structure:group_detail", args=["lsg"])))
    assert any(value in html for value in lsg_contacts)


def test_contact_details_do_not_leak_via_principal_pages_minutes_meetings_cases_or_chart(world):
    ledamot_groups = set(
        Membership.objects.filter(person=world.ledamot.person).values_list("group_id", flat=True)
    )
    foreign = _emails_and_phones("samrad", ledamot_groups)
    lsg_all = _emails_and_phones("lsg")
    client = as_user("ledamot")
    pages = [reverse("structure:principal_detail", args=[p.slug]) for p in Principal.objects.all()]
    pages += [
        reverse("structure:principal_list"),
        reverse("structure:group_list"),
        reverse("publicsite:home"),
        reverse("publicsite:chart_svg"),
        world.m_samrad_public.get_absolute_url(),
        reverse("cases:balance_list", args=["samrad"]),
        reverse("cases:recommendation_detail", args=[world.rec_public.pk]),
    ]
    for url in pages:
        html = text(client.get(url))
        for value in foreign:
            assert value not in html, url
    # anonymous: approved minutes with attendance, public pages, exports: no contact details
    anon = Client()
    for url in pages + [
        world.approved.get_absolute_url(),
        world.m_held.get_absolute_url(),
        reverse("cases:recommendation_export", args=["json"]),
        reverse("cases:recommendation_matrix_export", args=[world.rec_public.pk, "json"]),
        reverse("cases:balance_list_export", args=["lsg", "json"]),
        reverse("cases:patient_safety_compilation"),
    ]:
        html = text(anon.get(url))
        for value in foreign + lsg_all:
            assert value not in html, url


def test_meeting_manage_and_case_pages_do_not_show_contact_details_of_other_groups(world):
    ledamot_groups = set(
        Membership.objects.filter(person=world.chair.person).values_list("group_id", flat=True)
    )
    foreign = _emails_and_phones("samrad", ledamot_groups)
    chair = as_user("ordforande")
    for url in [
        reverse("meetings:meeting_manage", args=[world.m_draft.pk]),
        reverse("meetings:minutes_edit", args=[world.draft.pk]),
        world.case_lsg.get_absolute_url(),
        world.case_pub.get_absolute_url(),
    ]:
        response = chair.get(url)
        assert response.status_code == 200, url
        for value in foreign:
            assert value not in text(response), url


def test_orgchart_svg_contains_no_people_and_is_an_image(world):
    response = Client().get(reverse("publicsite:chart_svg"))
    assert response["Content-Type"].startswith("image/svg+xml")
    svg = text(response)
    assert "<script" not in svg.lower() and "@" not in svg
    for person in Person.objects.all()[:200]:
        assert person.full_name not in svg


# --- Cases -----------------------------------------------------------------------------------


def test_url_guessing_case_pages_and_documents_answer_404_to_outsiders(world):
    for username in ("samradsledamot", "registrator-region", "registrator-umea"):
        client = as_user(username)
        assert client.get(world.case_lsg.get_absolute_url()).status_code == 404
        assert client.get(world.case_pub.get_absolute_url()).status_code == 404
        url = reverse("cases:document", args=[world.case_lsg.pk, world.doc_lsg.pk])
        assert client.get(url).status_code == 404
    client = as_user("ledamot")
    assert client.get(world.case_samrad.get_absolute_url()).status_code == 404
    # a visible case id combined with another case's document id
    cross = reverse("cases:document", args=[world.case_lsg.pk, world.doc_samrad.pk])
    assert client.get(cross).status_code == 404
    own = reverse("cases:document", args=[world.case_lsg.pk, world.doc_lsg.pk])
    assert client.get(own).status_code == 200


def test_post_case_actions_by_outsiders_and_plain_members_are_refused(world):
    samrad_case = world.case_samrad.get_absolute_url()
    ledamot = as_user("ledamot")
    for data in [
        {"action": "document", "title": "x", "document": pdf_upload("in.pdf")},
        {"action": "route", "route-group": world.lsg.pk},
        {
            "action": "adopt",
            "adopt-meeting": world.m_held.pk,
            "adopt-title": "x",
            "adopt-decisions": "att x",
        },
    ]:
        assert ledamot.post(samrad_case, data).status_code == 404
    assert world.case_samrad.documents.count() == 1
    # a plain LSG member may not route, treat, adopt or put the case on an agenda
    lsg_case = world.case_lsg.get_absolute_url()
    assert (
        ledamot.post(lsg_case, {"action": "route", "route-group": world.samrad.pk}).status_code
        == 403
    )
    ledamot.post(
        lsg_case, {"action": "treat", "treat-group": world.lsg.pk, "treat-outcome": "noted"}
    )
    ledamot.post(
        lsg_case,
        {
            "action": "adopt",
            "adopt-meeting": world.m_held.pk,
            "adopt-title": "x",
            "adopt-decisions": "x",
        },
    )
    ledamot.post(lsg_case, {"action": "agenda", "agenda-meeting": world.m_draft.pk})
    world.case_lsg.refresh_from_db()
    assert world.case_lsg.current_group == world.lsg
    assert world.case_lsg.recommendations.count() == 1
    assert world.case_lsg.treatments.count() == 2  # raised + adopted
    assert not world.m_draft.items.filter(title__contains=CASE_LSG_TITLE).exists()
    # registrars cannot raise cases
    assert as_user("registrator-umea").get(reverse("cases:case_create")).status_code == 403


def test_member_cannot_raise_a_case_in_a_group_it_does_not_belong_to(world):
    response = as_user("ledamot").post(
        reverse("cases:case_create"),
        {"group": world.samrad.pk, "title": "Inskjutet", "description": "d", "proposal": "p"},
    )
    assert response.status_code == 200  # the form refuses the group
    assert not Case.objects.filter(title="Inskjutet").exists()


def test_expedite_by_non_coordinators_is_refused(world):
    url = reverse("cases:expedite", args=[world.rec_hidden.pk])
    for username in ("ledamot", "ordforande", "registrator-umea", "samradsledamot"):
        assert as_user(username).post(url).status_code == 403
    assert Client().post(url).status_code == 302
    world.rec_hidden.refresh_from_db()
    assert world.rec_hidden.expedited_at is None
    assert not mail.outbox


def test_register_decision_for_another_principal_is_refused(world):
    body = world.region.decision_bodies.first()
    url = reverse("cases:register_decision", args=[world.public_region.pk])
    client = as_user("registrator-umea")
    # another principal's addressee looks exactly like a missing one
    assert client.get(url).status_code == 404
    response = client.post(
        url,
        {
            "outcome": "approved",
            "body": body.pk,
            "decided_on": "2026-10-01",
            "reference": "§ 1",
        },
    )
    assert response.status_code == 404
    for username in ("ledamot", "ordforande"):
        assert as_user(username).get(url).status_code == 404
    assert not PrincipalDecision.objects.exists()


def test_registrar_cannot_smuggle_another_principals_decision_body(world):
    url = reverse("cases:register_decision", args=[world.public_umea.pk])
    other_body = world.region.decision_bodies.first()
    as_user("registrator-umea").post(
        url,
        {
            "outcome": "approved",
            "body": other_body.pk,
            "decided_on": "2026-10-01",
            "reference": "§ 1",
        },
    )
    assert not PrincipalDecision.objects.exists()


def test_registered_decision_cannot_be_changed_by_a_second_post(world):
    url = reverse("cases:register_decision", args=[world.public_umea.pk])
    body = world.umea.decision_bodies.first()
    client = as_user("registrator-umea")
    data = {"outcome": "approved", "body": body.pk, "decided_on": "2026-10-01", "reference": "§ 7"}
    assert client.post(url, data).status_code == 302
    decision = PrincipalDecision.objects.get()
    again = {**data, "outcome": "rejected", "reference": "§ 99", "decided_on": "2026-10-02"}
    client.post(url, again)
    as_user("koordinator").post(url, again)
    decision.refresh_from_db()
    assert (decision.outcome, decision.reference) == ("approved", "§ 7")
    assert PrincipalDecision.objects.count() == 1


def test_registrar_url_guessing_register_decision_of_unexpedited_recommendation_is_404(world):
    response = as_user("registrator-umea").get(
        reverse("cases:register_decision", args=[world.hidden_umea.pk])
    )
    assert SECRET_REC_TITLE not in text(response) and SECRET_REC_ATT not in text(response)
    assert response.status_code == 404


def test_registrar_url_guessing_other_principals_unexpedited_addressee_answers_404(world):
    client = as_user("registrator-umea")
    assert client.get(reverse("cases:register_decision", args=[10**6])).status_code == 404
    url = reverse("cases:register_decision", args=[world.hidden_region.pk])
    assert client.get(url).status_code == 404


def test_registrar_inbox_lists_only_own_principal_and_only_expedited(world):
    html = text(as_user("registrator-umea").get(reverse("cases:registrar_inbox")))
    assert reverse("cases:register_decision", args=[world.public_umea.pk]) in html
    assert reverse("cases:register_decision", args=[world.public_region.pk]) not in html
    assert SECRET_REC_TITLE not in html
    for username in ("ledamot", "ordforande", "samradsledamot"):
        assert as_user(username).get(reverse("cases:registrar_inbox")).status_code == 403


def test_case_follow_by_outsider_answers_404_and_creates_nothing(world):
    url = reverse("cases:case_follow", args=[world.case_lsg.pk])
    for username in ("samradsledamot", "registrator-umea"):
        assert as_user(username).post(url).status_code == 404
    assert not Follow.objects.exists()


def test_follow_mail_stops_when_the_follower_can_no_longer_see_the_case(
    world, django_capture_on_commit_callbacks
):
    as_user("ledamot").post(reverse("cases:case_follow", args=[world.case_lsg.pk]))
    assert Follow.objects.filter(user=world.ledamot).exists()
    world.ledamot.email = "ledamot@region-vasterbotten.example"
    world.ledamot.save()
    Membership.objects.filter(person=world.ledamot.person, group=world.lsg).update(
        end_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    ledamot = as_user("ledamot")
    assert ledamot.get(world.case_lsg.get_absolute_url()).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        case_services.route_case(
            case=world.case_lsg,
            by=world.coord,
            group=Group.objects.get(slug="beredning-barn-och-unga"),
        )
    leaked = [m for m in mail.outbox if "ledamot@region-vasterbotten.example" in m.to]
    assert not leaked


# --- Public decision pages and exports -------------------------------------------------------


def test_public_recommendation_pages_hide_unexpedited_recommendations(world):
    client = Client()
    assert client.get(world.rec_hidden.get_absolute_url()).status_code == 404
    for fmt in ("csv", "xlsx", "json"):
        url = reverse("cases:recommendation_matrix_export", args=[world.rec_hidden.pk, fmt])
        assert client.get(url).status_code == 404
    html = text(client.get(reverse("cases:recommendation_list")))
    assert PUBLIC_REC_TITLE in html and SECRET_REC_TITLE not in html
    detail = text(client.get(world.rec_public.get_absolute_url()))
    for secret in (SECRET_PUB_DESC, SECRET_PUB_PROP, CASE_LSG_TITLE, SECRET_REC_TITLE):
        assert secret not in detail


def _export_text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "".join(
                archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
            )
    return body.decode("utf-8-sig", "replace")


ALL_CASE_SECRETS = [
    SECRET_CASE_DESC,
    SECRET_CASE_PROP,
    SECRET_REC_TITLE,
    SECRET_REC_ATT,
    SECRET_PUB_DESC,
    SECRET_PUB_PROP,
    SECRET_SAMRAD_DESC,
    SECRET_PS_DESC,
    SECRET_PS_NOTE,
    SECRET_TREAT_NOTE,
    "bilaga",
]


def test_exports_do_not_leak_internal_case_text(world):
    for client in [Client(), as_user("ledamot"), as_user("koordinator")]:
        for fmt in ("csv", "xlsx", "json"):
            urls = [
                reverse("cases:recommendation_export", args=[fmt]),
                reverse("cases:recommendation_matrix_export", args=[world.rec_public.pk, fmt]),
            ] + [
                reverse("cases:balance_list_export", args=[slug, fmt])
                for slug in ("lsg", "samrad", "samverkansrad-patientsakerhet")
            ]
            for url in urls:
                response = client.get(url)
                assert response.status_code == 200, url
                body = _export_text(response)
                for secret in ALL_CASE_SECRETS + [CASE_LSG_TITLE, CASE_SAMRAD_TITLE]:
                    assert secret not in body, (url, secret)
    body = _export_text(Client().get(reverse("cases:recommendation_export", args=["csv"])))
    assert PUBLIC_REC_TITLE in body  # control
    for fmt in ("xml", "html", "csv%00", "../csv"):
        assert Client().get(f"/beslut/export.{fmt}").status_code in (400, 404), fmt


def test_balance_list_public_version_cannot_be_unlocked(world):
    for client in [Client(), as_user("samradsledamot"), as_user("registrator-umea")]:
        for query in ["", "?version=intern", "?version=", "?internal=1", "?version=offentlig"]:
            html = text(client.get(reverse("cases:balance_list", args=["lsg"]) + query))
            assert PUBLIC_CASE_TITLE in html
            assert CASE_LSG_TITLE not in html
            assert world.case_lsg.get_absolute_url() not in html
    html = text(as_user("ledamot").get(reverse("cases:balance_list", args=["samrad"])))
    assert CASE_SAMRAD_TITLE not in html
    # control: the group's member sees the internal list
    html = text(as_user("ledamot").get(reverse("cases:balance_list", args=["lsg"])))
    assert CASE_LSG_TITLE in html


def test_patient_safety_compilation_and_its_pdf_do_not_leak_case_text(world):
    from pypdf import PdfReader

    client = Client()
    html = text(client.get(reverse("cases:patient_safety_compilation"), {"ar": "2026"}))
    assert PS_TITLE in html  # titles and outcomes are public by design
    for secret in ALL_CASE_SECRETS:
        assert secret not in html
    response = client.get(reverse("cases:patient_safety_compilation_pdf", args=[2026]))
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    pdf_text = "".join(page.extract_text() for page in reader.pages)
    assert "Lodjur" in pdf_text.replace("\n", " ")
    for secret in ALL_CASE_SECRETS:
        assert secret.split()[-1] not in pdf_text
    assert client.get(reverse("cases:patient_safety_compilation_pdf", args=[1999])).status_code == (
        404
    )


def test_approved_minutes_pdf_is_public_and_carries_no_internal_text(world):
    from pypdf import PdfReader

    response = Client().get(reverse("meetings:minutes_pdf", args=[world.approved.pk]))
    assert response.status_code == 200
    pdf_text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Ankdamm" in pdf_text
    for secret in (LINK_LSG, "Tornado", "Orkan", "Kvasar", "Xylofon"):
        assert secret not in pdf_text
    for value in _emails_and_phones("lsg"):
        assert value not in pdf_text


# --- Admin, history, sign-in -----------------------------------------------------------------


def test_admin_refuses_everyone_but_coordinators(world):
    person = world.ledamot.person
    urls = [
        reverse("admin:index"),
        reverse("admin:structure_person_changelist"),
        reverse("admin:structure_person_change", args=[person.pk]),
        reverse("admin:structure_person_history", args=[person.pk]),
        reverse("admin:meetings_minutes_history", args=[world.draft.pk]),
        reverse("admin:meetings_meeting_change", args=[world.m_samrad.pk]),
        reverse("admin:accounts_user_changelist"),
        "/admin/autocomplete/?app_label=structure&model_name=membership&field_name=person",
    ]
    history = world.draft.history.first()
    urls.append(reverse("admin:meetings_minutes_simple_history", args=[world.draft.pk, history.pk]))
    for client in [
        Client(),
        as_user("ledamot"),
        as_user("ordforande"),
        as_user("registrator-umea"),
        as_user("registrator-region"),
    ]:
        for url in urls:
            response = client.get(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("admin:login")), url
            assert email_not_in(response, person.email)
    response = as_user("ledamot").post(
        reverse("admin:structure_person_change", args=[person.pk]), {"email": "x@evil.example"}
    )
    person.refresh_from_db()
    assert person.email != "x@evil.example"


def email_not_in(response, email: str) -> bool:
    return email not in text(response)


def test_coordinator_cannot_manage_users_or_escalate(world):
    coord = as_user("koordinator")
    assert coord.get(reverse("admin:accounts_user_changelist")).status_code == 403
    url = reverse("admin:accounts_user_change", args=[world.coord.pk])
    assert coord.get(url).status_code == 403
    coord.post(url, {"username": "koordinator", "is_superuser": "on"})
    world.coord.refresh_from_db()
    assert not world.coord.is_superuser
    # control: coordinators may read the structure's history
    history = reverse("admin:structure_person_history", args=[world.ledamot.person.pk])
    assert coord.get(history).status_code == 200


def test_admin_history_revert_cannot_silently_change_approved_minutes(world):
    minutes = world.approved
    oldest = minutes.history.order_by("history_date").first()
    url = reverse("admin:meetings_minutes_simple_history", args=[minutes.pk, oldest.history_id])
    coord = as_user("koordinator")
    coord.post(
        url,
        {
            "meeting": minutes.meeting_id,
            "version": 1,
            "status": "draft",
            "supersedes": "",
            "correction_reason": "",
            "summary": "Ändrat i efterhand via admin",
            "justeringsperson": minutes.justeringsperson_id,
            "approved_at_0": "",
            "approved_at_1": "",
        },
    )
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.APPROVED
    assert minutes.summary == "Offentlig sammanfattning"


def test_admin_change_forms_of_meetings_are_read_only(world):
    coord = as_user("koordinator")
    for name, obj, data in [
        ("meetings_minutes", world.approved, {"status": "draft", "summary": "x"}),
        ("meetings_meeting", world.m_closed, {"is_public": "on", "link": ""}),
        ("meetings_attendance", world.m_held.attendance.first(), {"status": "absent"}),
        ("meetings_approval", world.approved.approvals.first(), {"role": "checker"}),
    ]:
        response = coord.post(reverse(f"admin:{name}_change", args=[obj.pk]), data)
        assert response.status_code == 403, name
        response = coord.post(reverse(f"admin:{name}_delete", args=[obj.pk]), {"post": "yes"})
        assert response.status_code == 403, name
    world.m_closed.refresh_from_db()
    assert not world.m_closed.is_public
    assert Attendance.objects.filter(meeting=world.m_held, status="absent").count() == 0


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example",
        "https:evil.example",
        "  //evil.example",
        "http://127.0.0.1.evil.example/",
        "javascript:alert(1)",
        "///evil.example",
    ],
)
def test_login_next_open_redirect_is_refused(world, target):
    client = Client()
    response = client.post(
        reverse("login") + "?next=x",
        {"username": "ledamot", "password": "samverkan-demo", "next": target},
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    response = client.post(reverse("logout"), {"next": target})
    assert response.status_code == 302
    assert response["Location"] == "/"
    page = text(Client().get(reverse("login"), {"next": target}))
    assert 'href="javascript' not in page and "<script>alert" not in page


def test_rules_check_and_planning_are_refused_to_non_coordinators(world):
    for username in ("ledamot", "ordforande", "registrator-umea"):
        client = as_user(username)
        assert client.get(reverse("structure:rules_check")).status_code == 403
        assert client.get(reverse("meetings:planning")).status_code == 403
        assert client.get(reverse("meetings:meeting_create")).status_code == 403
        response = client.post(
            reverse("meetings:meeting_create"),
            {
                "group": world.lsg.pk,
                "date": "2027-05-05",
                "start": "09:00",
                "end": "10:00",
                "form": "in_person",
                "location": "x",
            },
        )
        assert response.status_code == 403
    assert not Meeting.objects.filter(starts_at__date=datetime.date(2027, 5, 5)).exists()


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


def test_document_upload_to_a_case_is_refused_to_members_of_other_groups(world):
    """A member of a group where the case only *was* may read it but not add to it elsewhere."""
    client = as_user("samradsledamot")
    response = client.post(
        world.case_lsg.get_absolute_url(),
        {"action": "document", "title": "x", "document": pdf_upload("y.pdf")},
    )
    assert response.status_code == 404
    assert CaseDocument.objects.filter(case=world.case_lsg).count() == 1
