"""A principal's diarium registers its decision with the registrar's token, through
cases.services.register_decision and its permission check."""

import json

from api.tests.conftest import bearer
from cases.models import PrincipalDecision
from structure.models import Principal


def _post(client, rec, token, **data):
    umea = Principal.objects.get(slug="umea")
    payload = {
        "principal": umea.code,
        "outcome": "approved",
        "body": umea.decision_bodies.first().pk,
        "decided_on": "2026-04-01",
        "reference": "SN § 12",
    }
    payload.update(data)
    return client.post(
        f"/api/v1/recommendations/{rec.pk}/decisions",
        data=json.dumps(payload),
        content_type="application/json",
        **bearer(token),
    )


def test_a_registrars_token_registers_its_principals_decision_which_shows_on_beslut(
    people, client, expedited, token_for
):
    response = _post(client, expedited, token_for("registrator-umea", scope="register"))
    assert response.status_code == 201, response.content
    assert response.json()["on_behalf"] is False
    decision = PrincipalDecision.objects.get()
    assert decision.addressee.principal.slug == "umea"
    assert decision.registered_by.username == "registrator-umea"
    page = client.get(f"/beslut/{expedited.pk}/").content.decode()
    assert "SN § 12" in page
    detail = client.get(f"/api/v1/recommendations/{expedited.pk}").json()
    umea = next(d for d in detail["decisions"] if d["principal_code"] == "2480")
    assert (umea["status"], umea["outcome"]) == ("decided", "approved")


def test_a_registrars_token_cannot_register_for_another_principal(
    people, client, expedited, token_for
):
    region = Principal.objects.get(slug="region-vasterbotten")
    response = _post(
        client,
        expedited,
        token_for("registrator-umea", scope="register"),
        principal=region.code,
        body=region.decision_bodies.first().pk,
    )
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert "Umeå" in response.json()["message"]
    assert not PrincipalDecision.objects.exists()


def test_a_members_token_cannot_register_any_decision(people, client, expedited, token_for):
    response = _post(client, expedited, token_for("ledamot"))
    assert response.status_code == 403
    assert not PrincipalDecision.objects.exists()


def test_a_coordinators_token_registers_on_the_principals_behalf(client, expedited, token_for):
    response = _post(client, expedited, token_for("koordinator", scope="register"))
    assert response.status_code == 201
    assert response.json()["on_behalf"] is True


def test_an_unexpedited_recommendation_answers_404_and_nothing_is_written(
    people, client, adopted, token_for
):
    response = _post(client, adopted, token_for("registrator-umea", scope="register"))
    assert response.status_code == 404
    assert not PrincipalDecision.objects.exists()


def test_invalid_decisions_get_422_with_a_swedish_message_and_a_stable_code(
    people, client, expedited, token_for
):
    token = token_for("registrator-umea", scope="register")
    future = _post(client, expedited, token, decided_on="2099-01-01")
    assert future.status_code == 422
    assert future.json()["code"] == "invalid_input"
    assert "framtiden" in future.json()["message"]
    bad_outcome = _post(client, expedited, token, outcome="maybe")
    assert bad_outcome.status_code == 422
    assert bad_outcome.json()["code"] == "invalid_input"
    assert not PrincipalDecision.objects.exists()


def test_a_decision_is_registered_once(people, client, expedited, token_for):
    token = token_for("registrator-umea", scope="register")
    assert _post(client, expedited, token).status_code == 201
    again = _post(client, expedited, token, outcome="rejected")
    assert again.status_code == 409
    assert again.json()["code"] == "conflict"
    assert "redan" in again.json()["message"]
    assert again.json()["decision"] == PrincipalDecision.objects.get().pk
    assert PrincipalDecision.objects.get().outcome == "approved"


def test_registering_needs_a_token(client, expedited):
    response = client.post(
        f"/api/v1/recommendations/{expedited.pk}/decisions",
        data="{}",
        content_type="application/json",
    )
    assert response.status_code == 401
    assert "Access-Control-Allow-Origin" not in response


def test_a_registrar_lists_the_recommendations_waiting_for_its_decision(
    people, client, expedited, token_for
):
    response = client.get(
        "/api/v1/registrar/addressees", **bearer(token_for("registrator-umea", scope="register"))
    )
    assert response.status_code == 200
    assert [item["recommendation"] for item in response.json()["items"]] == [expedited.pk]
