"""Registering and correcting a principal's decision: delvis bifall needs a comment, the only
decision body is preselected, and a correction is recorded while the old decision stays visible."""

import datetime

from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from cases import services
from cases.models import DecisionCorrection, PrincipalDecision
from structure.models import DecisionBody, Principal
from testing.queries import COUNTY_FACTS

D = datetime.date


def as_user(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def umea_addressee(expedited):
    return expedited.addressees.get(principal__slug="umea")


def decide(addressee, by, outcome="approved", comment=""):
    return services.register_decision(
        addressee=addressee,
        by=by,
        outcome=outcome,
        body=addressee.principal.decision_bodies.first(),
        decided_on=D(2026, 4, 1),
        reference="§ 12",
        comment=comment,
    )


def test_partly_approved_without_a_comment_is_refused_in_swedish(registrars, expedited):
    addressee = umea_addressee(expedited)
    response = as_user("registrator-umea").post(
        reverse("cases:register_decision", args=[addressee.pk]),
        {
            "outcome": "partly_approved",
            "body": addressee.principal.decision_bodies.first().pk,
            "decided_on": "2026-04-01",
            "reference": "§ 3",
        },
    )
    assert response.status_code == 400
    assert "vad huvudmannen inte biföll" in response.content.decode()
    assert not PrincipalDecision.objects.exists()


def test_partly_approved_keeps_its_comment(registrars, expedited):
    addressee = umea_addressee(expedited)
    response = as_user("registrator-umea").post(
        reverse("cases:register_decision", args=[addressee.pk]),
        {
            "outcome": "partly_approved",
            "comment": "Utom punkt två.",
            "body": addressee.principal.decision_bodies.first().pk,
            "decided_on": "2026-04-01",
            "reference": "§ 3",
        },
    )
    assert response.status_code == 302
    assert PrincipalDecision.objects.get().comment == "Utom punkt två."


def test_a_principals_only_decision_body_is_preselected(registrars, expedited):
    addressee = umea_addressee(expedited)
    bodies = list(addressee.principal.decision_bodies.all())
    assert len(bodies) == 1
    html = (
        as_user("registrator-umea")
        .get(reverse("cases:register_decision", args=[addressee.pk]))
        .content.decode()
    )
    assert f'<option value="{bodies[0].pk}" selected>' in html


def test_with_two_bodies_the_registrar_chooses(registrars, expedited):
    addressee = umea_addressee(expedited)
    DecisionBody.objects.create(principal=addressee.principal, name="Kommunstyrelsen")
    html = (
        as_user("registrator-umea")
        .get(reverse("cases:register_decision", args=[addressee.pk]))
        .content.decode()
    )
    select = html[html.index('name="body"') :].split("</select>")[0]
    assert select.count(" selected>") == 1 and '<option value="" selected>' in select


def test_a_correction_is_recorded_and_only_the_latest_counts(
    registrars, expedited, coordinator, django_capture_on_commit_callbacks
):
    addressee = umea_addressee(expedited)
    decision = decide(addressee, User.objects.get(username="registrator-umea"))
    services.follow(case=expedited.case, by=coordinator)
    url = reverse("cases:correct_decision", args=[addressee.pk])
    client = as_user("registrator-umea")
    assert 'value="§ 12"' in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "outcome": "rejected",
                "body": decision.body_id,
                "decided_on": "2026-04-02",
                "reference": "§ 13",
                "reason": "Fel paragraf och fel utfall registrerades.",
            },
        )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.outcome, decision.reference) == ("rejected", "§ 13")
    correction = DecisionCorrection.objects.get()
    assert (correction.outcome, correction.reference) == ("approved", "§ 12")
    assert correction.corrected_by.username == "registrator-umea"
    assert any("rättat" in m.subject for m in mail.outbox)
    public = Client().get(expedited.get_absolute_url()).content.decode()
    assert "<del>Bifall" in public and "Fel paragraf" in public
    summary = Client().get(reverse("cases:recommendation_list")).content.decode()
    assert "1 av 16 har beslutat: 1 avslag" in summary


def test_a_correction_needs_a_reason_and_a_change(registrars, expedited):
    addressee = umea_addressee(expedited)
    decision = decide(addressee, User.objects.get(username="registrator-umea"))
    url = reverse("cases:correct_decision", args=[addressee.pk])
    same = {
        "outcome": "approved",
        "body": decision.body_id,
        "decided_on": "2026-04-01",
        "reference": "§ 12",
    }
    client = as_user("registrator-umea")
    assert client.post(url, same).status_code == 400
    response = client.post(url, {**same, "reason": "Inget ändras"})
    assert response.status_code == 400
    assert "ändrar ingenting" in response.content.decode()
    assert not DecisionCorrection.objects.exists()


def test_a_registrar_cannot_correct_another_principals_decision(registrars, expedited, coordinator):
    region = expedited.addressees.get(principal=Principal.objects.get(side="region"))
    decision = decide(region, coordinator)
    response = as_user("registrator-umea").post(
        reverse("cases:correct_decision", args=[region.pk]),
        {
            "outcome": "rejected",
            "body": decision.body_id,
            "decided_on": "2026-04-01",
            "reference": "§ 1",
            "reason": "Kapning",
        },
    )
    assert response.status_code == 404
    decision.refresh_from_db()
    assert decision.outcome == "approved" and not DecisionCorrection.objects.exists()


def test_an_undecided_addressee_has_nothing_to_correct(registrars, expedited):
    addressee = umea_addressee(expedited)
    url = reverse("cases:correct_decision", args=[addressee.pk])
    assert as_user("registrator-umea").get(url).status_code == 404


def test_registrar_inbox_query_count_is_flat(
    registrars, expedited, coordinator, django_assert_max_num_queries
):
    for addressee in expedited.addressees.all()[:8]:
        decide(addressee, coordinator)
    for username in ("registrator-umea", "koordinator"):
        client = as_user(username)
        with django_assert_max_num_queries(10 + COUNTY_FACTS):
            response = client.get(reverse("cases:registrar_inbox"))
        assert response.status_code == 200
