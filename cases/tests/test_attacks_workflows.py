"""Attacks on the case workflow URLs: each action's own URL, tried by a member of another group,
a registrar of another principal and an anonymous visitor. "Missing" and "not allowed" answer
alike (404; anonymous: to sign-in) and nothing is written, mailed or revealed."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.models import User
from cases import services
from cases.models import (
    CaseDocument,
    DecisionCorrection,
    Follow,
    PrincipalDecision,
    Recommendation,
    Treatment,
)
from meetings.models import AgendaItem
from structure.models import Group
from testing.builders import member_user

D = datetime.date


def as_user(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


@pytest.fixture
def outsider(structure):
    """A Samråd member who sits in no group where the LSG case has been."""
    member_user("utomstaende", "samrad")
    return as_user("utomstaende")


@pytest.fixture
def scene(registrars, raise_in, meeting_of, coordinator):
    """An LSG case with an unexpedited recommendation, and one with a decided, expedited one."""
    case = raise_in()
    meeting = meeting_of("lsg")
    hidden = services.adopt_recommendation(
        case=case, meeting=meeting, by=coordinator, title="Hemlig", decisions="att x"
    )
    other = raise_in(title="Annat ärende")
    public = services.adopt_recommendation(
        case=other, meeting=meeting, by=coordinator, title="Offentlig", decisions="att y"
    )
    services.expedite(recommendation=public, by=coordinator)
    region = public.addressees.get(principal__side="region")
    services.register_decision(
        addressee=region,
        by=User.objects.get(username="registrator-region"),
        outcome="approved",
        body=region.principal.decision_bodies.first(),
        decided_on=D(2026, 4, 1),
        reference="§ 1",
    )
    return {"case": case, "meeting": meeting, "hidden": hidden, "region": region}


def case_posts(scene):
    case, meeting = scene["case"], scene["meeting"]
    lsg = Group.objects.get(slug="lsg")
    return [
        ("cases:case_route", {"route-group": Group.objects.get(slug="samrad").pk}),
        ("cases:case_treat", {"treat-group": lsg.pk, "treat-outcome": "noted"}),
        ("cases:case_agenda", {"agenda-meeting": meeting.pk}),
        (
            "cases:case_adopt",
            {"adopt-meeting": meeting.pk, "adopt-title": "x", "adopt-decisions": "att x"},
        ),
        (
            "cases:case_add_document",
            {
                "document-title": "x",
                "document-document": SimpleUploadedFile("x.pdf", b"%PDF-1.4 x"),
            },
        ),
        ("cases:case_follow", {}),
        ("cases:case_unfollow", {}),
    ], case


def snapshot():
    return (
        Treatment.objects.count(),
        Recommendation.objects.count(),
        CaseDocument.objects.count(),
        Follow.objects.count(),
        AgendaItem.objects.filter(title__startswith="SVO").count(),
        PrincipalDecision.objects.count(),
        DecisionCorrection.objects.count(),
        Recommendation.objects.filter(expedited_at__isnull=False).count(),
    )


def test_member_of_another_group_gets_404_on_every_case_action(outsider, scene):
    before = snapshot()
    posts, case = case_posts(scene)
    for name, data in posts:
        response = outsider.post(reverse(name, args=[case.pk]), data)
        assert response.status_code == 404, name
    assert snapshot() == before


def test_registrar_of_another_principal_gets_404_on_every_case_action(scene):
    client = as_user("registrator-umea")
    before = snapshot()
    posts, case = case_posts(scene)
    for name, data in posts:
        assert client.post(reverse(name, args=[case.pk]), data).status_code == 404, name
    assert snapshot() == before


def test_anonymous_is_sent_to_sign_in_and_writes_nothing(client, scene):
    before = snapshot()
    posts, case = case_posts(scene)
    urls = [reverse(name, args=[case.pk]) for name, _ in posts] + [
        reverse("cases:expedite", args=[scene["hidden"].pk]),
        reverse("cases:expedite_preview", args=[scene["hidden"].pk]),
        reverse("cases:correct_decision", args=[scene["region"].pk]),
    ]
    for url in urls:
        response = client.post(url, {}) if "forhandsgranska" not in url else client.get(url)
        assert response.status_code == 302 and "/logga-in/" in response["Location"], url
    assert snapshot() == before


def test_an_unexpedited_recommendation_is_404_to_everyone_but_coordinators(
    outsider, scene, member, chair, django_capture_on_commit_callbacks
):
    preview = reverse("cases:expedite_preview", args=[scene["hidden"].pk])
    url = reverse("cases:expedite", args=[scene["hidden"].pk])
    clients = [outsider] + [as_user(u) for u in ("ledamot", "ordforande", "registrator-umea")]
    with django_capture_on_commit_callbacks(execute=True):
        for client in clients:
            assert client.get(preview).status_code == 404
            assert client.post(url).status_code == 404
    scene["hidden"].refresh_from_db()
    assert scene["hidden"].expedited_at is None and not mail.outbox


def test_missing_and_forbidden_ids_answer_alike(outsider, scene):
    missing = scene["case"].pk + 1000
    for name in ("cases:case_route", "cases:case_treat", "cases:case_follow"):
        forbidden = outsider.post(reverse(name, args=[scene["case"].pk]))
        absent = outsider.post(reverse(name, args=[missing]))
        assert forbidden.status_code == absent.status_code == 404


def test_registrar_cannot_correct_another_principals_decision(scene):
    url = reverse("cases:correct_decision", args=[scene["region"].pk])
    decision = scene["region"].decision
    data = {
        "outcome": "rejected",
        "body": decision.body_id,
        "decided_on": "2026-04-01",
        "reference": "§ 2",
        "reason": "Kapning",
    }
    client = as_user("registrator-umea")
    assert client.get(url).status_code == 404
    assert client.post(url, data).status_code == 404
    decision.refresh_from_db()
    assert decision.outcome == "approved" and not DecisionCorrection.objects.exists()


def test_a_plain_member_who_sees_the_case_cannot_act_on_it(scene, member):
    """`ledamot` is an LSG member, not chair: may read and follow, not route/treat/adopt."""
    client = as_user("ledamot")
    before = snapshot()
    posts, case = case_posts(scene)
    for name, data in posts:
        if name in ("cases:case_follow", "cases:case_unfollow", "cases:case_add_document"):
            continue
        assert client.post(reverse(name, args=[case.pk]), data).status_code in (400, 403), name
    assert snapshot() == before


def test_get_on_action_urls_changes_nothing(scene):
    client = as_user("koordinator")
    before = snapshot()
    posts, case = case_posts(scene)
    for name, _ in posts:
        assert client.get(reverse(name, args=[case.pk])).status_code == 405, name
    hidden = scene["hidden"].pk
    assert client.get(reverse("cases:expedite", args=[hidden])).status_code == 405
    assert client.get(reverse("cases:expedite_preview", args=[hidden])).status_code == 200
    assert snapshot() == before
