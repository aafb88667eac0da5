"""The attacker tests' world: meetings, minutes in every state, papers and cases of LSG and
Samråd, with secret marker texts that must never reach someone outside the group.

Registered as a pytest plugin in the root conftest, so every app's `test_attacks.py` can ask
for the `world` fixture."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from accounts.models import User
from cases import services as case_services
from lib.dates import TZ
from meetings import services as meeting_services
from meetings.models import (
    ItemKind,
    Minutes,
    MinutesStatus,
)
from structure.models import Group, Membership, MembershipKind, Person, Principal
from testing.reference import module_data

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


@pytest.fixture(scope="module")
def _module_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once per test module, not once per test (see `module_data`)."""
    with module_data(django_db_blocker, MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield _build_world()


@pytest.fixture
def world(_module_world, db):
    """Meetings, minutes in every state, papers and cases of LSG and Samråd.

    `ledamot` is a member of LSG (and Beredning vuxna och äldre) but not of Samråd; the created
    `samradsledamot` is a member of Samråd only; registrars belong to no group.
    """
    return _module_world


def _build_world() -> SimpleNamespace:
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
    # Minutes are written from the meeting's start: the world records them as written then.
    draft = meeting_services.draft_minutes(meeting=m_draft, by=coord, at=m_draft.starts_at)
    meeting_services.save_minutes(
        minutes=draft,
        by=coord,
        summary=SECRET_DRAFT,
        justeringsperson=None,
        items=[],
        at=m_draft.starts_at,
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
    s_draft = meeting_services.draft_minutes(meeting=m_samrad, by=coord, at=m_samrad.starts_at)
    meeting_services.save_minutes(
        minutes=s_draft,
        by=coord,
        summary=SECRET_SAMRAD_DRAFT,
        justeringsperson=None,
        items=[],
        at=m_samrad.starts_at,
    )

    # M4: a public Samråd meeting with draft minutes.
    m_samrad_public = book("samrad", datetime.date(2027, 4, 15), by=coord, link=LINK_SAMRAD)
    s_public_draft = meeting_services.draft_minutes(
        meeting=m_samrad_public, by=coord, at=m_samrad_public.starts_at
    )

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


def emails_and_phones(slug: str, exclude_groups: set[int] = frozenset()) -> list[str]:
    out = []
    for membership in Membership.objects.current(timezone.localdate()).filter(group__slug=slug):
        person = membership.person
        if set(person.memberships.values_list("group_id", flat=True)) & exclude_groups:
            continue
        out += [v for v in (person.email, person.phone) if v]
    assert out, slug
    return out
