"""Attacker tests for cases (R-Q2, R-C4): case pages, documents, registrars, public decision
pages and exports.

Each test names the attack and asserts the safe behaviour; the shared world is in
`testing/attack_world.py`.
"""

from __future__ import annotations

import datetime
import io
import zipfile

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cases import services as case_services
from cases.models import Case, CaseDocument, Follow, PrincipalDecision
from structure.models import Group, Membership
from testing.attack_world import (
    CASE_LSG_TITLE,
    CASE_SAMRAD_TITLE,
    PS_TITLE,
    PUBLIC_CASE_TITLE,
    PUBLIC_REC_TITLE,
    SECRET_CASE_DESC,
    SECRET_CASE_PROP,
    SECRET_PS_DESC,
    SECRET_PS_NOTE,
    SECRET_PUB_DESC,
    SECRET_PUB_PROP,
    SECRET_REC_ATT,
    SECRET_REC_TITLE,
    SECRET_SAMRAD_DESC,
    SECRET_TREAT_NOTE,
    as_user,
    pdf_upload,
    text,
)


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


def _case_url(name: str, case) -> str:
    return reverse(f"cases:{name}", args=[case.pk])


def test_post_case_actions_by_outsiders_and_plain_members_are_refused(world):
    ledamot = as_user("ledamot")
    adopt = {"adopt-meeting": world.m_held.pk, "adopt-title": "x", "adopt-decisions": "att x"}
    for name, data in [
        ("case_add_document", {"document-title": "x", "document-document": pdf_upload("in.pdf")}),
        ("case_route", {"route-group": world.lsg.pk}),
        ("case_adopt", adopt),
    ]:
        assert ledamot.post(_case_url(name, world.case_samrad), data).status_code == 404, name
    assert world.case_samrad.documents.count() == 1
    # a plain LSG member may not route, treat, adopt or put the case on an agenda
    case = world.case_lsg
    for name, data in [
        ("case_route", {"route-group": world.samrad.pk}),
        ("case_treat", {"treat-group": world.lsg.pk, "treat-outcome": "noted"}),
        ("case_adopt", adopt),
        ("case_agenda", {"agenda-meeting": world.m_draft.pk}),
    ]:
        # refused: no permission, or no group of theirs to choose in the form
        assert ledamot.post(_case_url(name, case), data).status_code in (400, 403, 404), name
    case.refresh_from_db()
    assert case.current_group == world.lsg
    assert case.recommendations.count() == 1
    assert case.treatments.count() == 2  # raised + adopted
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


def test_expedite_by_non_coordinators_is_refused(world, django_capture_on_commit_callbacks):
    url = reverse("cases:expedite", args=[world.rec_hidden.pk])
    with django_capture_on_commit_callbacks(execute=True):
        for username in ("ledamot", "ordforande", "registrator-umea", "samradsledamot"):
            # 404, not 403: an unexpedited recommendation's existence is not theirs to learn
            assert as_user(username).post(url).status_code == 404
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
    for fmt in ("xml", "html", "../csv"):
        assert Client().get(f"/beslut/export.{fmt}").status_code == 404, fmt
    assert Client().get("/beslut/export.csv%00").status_code == 400  # NUL: refused before routing


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


def test_document_upload_to_a_case_is_refused_to_members_of_other_groups(world):
    """A member of a group where the case only *was* may read it but not add to it elsewhere."""
    client = as_user("samradsledamot")
    response = client.post(
        _case_url("case_add_document", world.case_lsg),
        {"document-title": "x", "document-document": pdf_upload("y.pdf")},
    )
    assert response.status_code == 404
    assert CaseDocument.objects.filter(case=world.case_lsg).count() == 1
