"""Internal case pages: who may see and do what, tried as an attacker would (R-Q2)."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import User
from cases import services
from cases.models import Case, PrincipalDecision
from structure.models import Group
from testing import builders
from testing.builders import member_user, seat
from testing.queries import COUNTY_FACTS


def login(client, username):
    client.force_login(User.objects.get(username=username))
    return client


def outsider_client(client):
    """Signed in as a member of Samråd who has no seat in LSG."""
    member_user("utomstaende", "samrad")
    return login(client, "utomstaende")


def test_anonymous_is_sent_to_sign_in_for_every_internal_page(client, raise_in):
    case = raise_in()
    for url in (
        reverse("cases:case_list"),
        reverse("cases:case_create"),
        case.get_absolute_url(),
        reverse("cases:registrar_inbox"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/logga-in/" in response["Location"], url


def test_member_of_another_group_cannot_see_the_case_or_its_documents(client, coordinator):
    group = Group.objects.get(slug="lsg")
    person = seat(builders.person(), "lsg").person
    case = services.raise_case(
        group=group,
        by=coordinator,
        submitted_by=person,
        title="Internt ärende",
        description="Hemlig beskrivning",
        proposal="p",
        documents=[SimpleUploadedFile("bilaga.pdf", b"%PDF-1.4 x", "application/pdf")],
    )
    document = case.documents.get()
    client = outsider_client(client)
    assert client.get(case.get_absolute_url()).status_code == 404
    assert client.get(reverse("cases:document", args=[case.pk, document.pk])).status_code == 404
    assert "Internt ärende" not in client.get(reverse("cases:case_list")).content.decode()
    assert client.post(reverse("cases:case_follow", args=[case.pk])).status_code == 404
    assert not case.follows.exists()


def test_member_of_the_group_sees_case_timeline_and_documents(member, client, raise_in):
    case = raise_in(documents=[SimpleUploadedFile("bilaga.pdf", b"%PDF-1.4 x", "application/pdf")])
    login(client, "ledamot")
    html = client.get(case.get_absolute_url()).content.decode()
    assert case.register_number in html and "Väckt" in html and "Tillagda i" in html
    document = case.documents.get()
    assert client.get(reverse("cases:document", args=[case.pk, document.pk])).status_code == 200


def test_member_raises_a_case_in_the_browser_and_gets_a_number(client, structure):
    client.force_login(member_user("alice", "lsg"))
    lsg = Group.objects.get(slug="lsg")
    response = client.post(
        reverse("cases:case_create"),
        {
            "group": lsg.pk,
            "title": "Läkemedelsgenomgångar",
            "description": "Behov finns.",
            "proposal": "Ta fram en rutin.",
            "origin_note": "",
        },
    )
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    assert case.register_number == f"SVO {datetime.date.today().year}/0001"


def test_bad_input_keeps_what_was_typed(client, structure):
    client.force_login(member_user("alice", "lsg"))
    lsg = Group.objects.get(slug="lsg")
    response = client.post(
        reverse("cases:case_create"),
        {"group": lsg.pk, "title": "Min rubrik", "description": "", "proposal": ""},
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'value="Min rubrik"' in html
    assert "Detta fält måste fyllas i" in html
    assert Case.objects.count() == 0


def test_a_registrar_cannot_open_another_principals_decision_form(registrars, client, expedited):
    login(client, "registrator-umea")
    region = expedited.addressees.get(principal__code="24")
    umea = expedited.addressees.get(principal__slug="umea")
    assert client.get(reverse("cases:register_decision", args=[region.pk])).status_code == 404
    body = umea.principal.decision_bodies.first()
    response = client.post(
        reverse("cases:register_decision", args=[region.pk]),
        {"outcome": "approved", "body": body.pk, "decided_on": "2026-05-04", "reference": "§ 1"},
    )
    assert response.status_code == 404 and PrincipalDecision.objects.count() == 0
    inbox = client.get(reverse("cases:registrar_inbox")).content.decode()
    assert "Registrera beslut" in inbox and expedited.title in inbox
    response = client.post(
        reverse("cases:register_decision", args=[umea.pk]),
        {
            "outcome": "partly_approved",
            "comment": "Utom uppföljningen.",
            "body": body.pk,
            "decided_on": "2026-05-04",
            "reference": "§ 44",
        },
    )
    assert response.status_code == 302
    assert PrincipalDecision.objects.get().addressee == umea


def test_members_cannot_expedite_or_route(member, client, raise_in, coordinator, meeting_of):
    case = raise_in()
    recommendation = services.adopt_recommendation(
        case=case, meeting=meeting_of("lsg"), by=coordinator, title="R", decisions="att x"
    )
    login(client, "ledamot")
    assert client.post(reverse("cases:expedite", args=[recommendation.pk])).status_code == 404
    response = client.post(
        reverse("cases:case_route", args=[case.pk]),
        {"route-group": Group.objects.get(slug="samrad").pk},
    )
    assert response.status_code == 403
    recommendation.refresh_from_db()
    assert recommendation.expedited_at is None
    case.refresh_from_db()
    assert case.current_group.slug == "lsg"


def test_coordinator_walks_route_treat_and_adopt_in_the_browser(client, raise_in, meeting_of):
    case = raise_in()
    meeting = meeting_of("lsg")
    login(client, "koordinator")
    samrad = Group.objects.get(slug="samrad")
    client.post(
        reverse("cases:case_treat", args=[case.pk]),
        {
            "treat-group": case.current_group.pk,
            "treat-outcome": "prepared",
            "treat-meeting": meeting.pk,
        },
    )
    client.post(
        reverse("cases:case_adopt", args=[case.pk]),
        {
            "adopt-meeting": meeting.pk,
            "adopt-title": "Rekommendation",
            "adopt-decisions": "att anta",
        },
    )
    case.refresh_from_db()
    assert list(case.treatments.values_list("outcome", flat=True)) == [
        "raised",
        "prepared",
        "recommendation_adopted",
    ]
    response = client.post(
        reverse("cases:case_treat", args=[case.pk]),
        {"treat-group": case.current_group.pk, "treat-outcome": "sent_on"},
    )
    assert response.status_code == 400
    assert "Ange vilken grupp" in response.content.decode()
    client.post(reverse("cases:case_route", args=[case.pk]), {"route-group": samrad.pk})
    case.refresh_from_db()
    assert case.current_group == samrad


def test_case_list_query_count_is_flat(client, raise_in, django_assert_max_num_queries):
    for index in range(30):
        raise_in(title=f"Ärende {index}")
    login(client, "koordinator")
    # + session write, second-factor check
    with django_assert_max_num_queries(10 + COUNTY_FACTS):
        response = client.get(reverse("cases:case_list"))
    assert response.status_code == 200
