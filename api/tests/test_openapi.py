"""The OpenAPI document says what the API does (#20): optional authentication declared the
OpenAPI 3.1 way, stable operation ids, the configured server, conditional GET, date bounds and
an example that works on this installation's data."""

from __future__ import annotations

import json
import re

import pytest

from api.tests.conftest import bearer
from cases.models import PrincipalDecision
from structure.models import DecisionBody
from testing.builders import coordinator_user

# The ids a generated client is built on. Renaming a view must not change them silently: a
# change here is a breaking change for every integrator and belongs in the changelog.
OPERATION_IDS = {
    "balanceList",
    "caseList",
    "correctDecision",
    "getDecision",
    "listRegistrarChanges",
    "uploadDecisionDocument",
    "groupDetail",
    "groupList",
    "indicatorList",
    "indicatorValues",
    "measures",
    "meetingDetail",
    "meetingList",
    "minutesDetail",
    "minutesList",
    "ownDecisions",
    "patientSafetyCompilation",
    "principalDetail",
    "principalList",
    "recommendationDetail",
    "recommendationList",
    "registerDecision",
    "registrarAddressees",
}
TOKEN_ONLY = {
    "caseList",
    "correctDecision",
    "listRegistrarChanges",
    "registerDecision",
    "registrarAddressees",
    "uploadDecisionDocument",
}


@pytest.fixture
def document(client, structure):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def _operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def test_operation_ids_are_the_pinned_camel_case_names(document):
    ids = [operation["operationId"] for _, _, operation in _operations(document)]
    assert len(ids) == len(set(ids))
    assert set(ids) >= OPERATION_IDS
    assert all(re.fullmatch(r"[a-z][A-Za-z]+", i) for i in ids), ids
    assert not [i for i in ids if i.startswith("api")]


def test_public_reads_declare_the_token_optional_and_writes_require_it(document):
    schemes = document["components"]["securitySchemes"]
    assert set(schemes) == {"TokenAuth"}
    assert (schemes["TokenAuth"]["type"], schemes["TokenAuth"]["scheme"]) == ("http", "bearer")
    for path, _, operation in _operations(document):
        if operation["operationId"] in TOKEN_ONLY:
            assert operation["security"] == [{"TokenAuth": []}], path
        else:
            # In OpenAPI 3.1 a list without `{}` means one of the listed is required.
            assert operation["security"] == [{"TokenAuth": []}, {}], path


def test_the_server_is_the_configured_site_address_not_the_host_header(client, structure, settings):
    settings.SITE_URL = "https://samverkan.example.se"
    settings.ALLOWED_HOSTS = ["*"]
    document = client.get("/api/v1/openapi.json", HTTP_HOST="evil.example").json()
    assert document["servers"] == [
        {"url": "https://samverkan.example.se", "description": "Den här installationen"}
    ]


def test_every_read_documents_etag_if_none_match_and_304(document):
    reads = [(p, o) for p, m, o in _operations(document) if m == "get"]
    assert len(reads) >= 16
    for path, operation in reads:
        assert "304" in operation["responses"], path
        assert "ETag" in operation["responses"]["200"]["headers"], path
        names = {(p["in"], p["name"]) for p in operation["parameters"]}
        assert ("header", "If-None-Match") in names, path
        assert "Retry-After" in operation["responses"]["429"]["headers"], path


def test_the_documented_304_is_what_the_api_answers(client, structure):
    first = client.get("/api/v1/principals")
    again = client.get("/api/v1/principals", HTTP_IF_NONE_MATCH=first["ETag"])
    assert (first.status_code, again.status_code) == (200, 304)
    assert again.content == b""


def test_date_bounds_are_in_the_schema_and_enforced(client, document, people, expedited, token_for):
    body = document["components"]["schemas"]["DecisionIn"]["properties"]["decided_on"]
    pattern = re.compile(body["pattern"])
    assert pattern.match("2099-12-31") and pattern.match("1900-01-01")
    assert not pattern.match("2100-01-01") and not pattern.match("1899-12-31")
    meetings = {p["name"]: p for p in document["paths"]["/api/v1/meetings"]["get"]["parameters"]}
    assert meetings["from"]["schema"]["pattern"] == body["pattern"]
    # What the schema refuses, the API refuses; its twin inside the bounds is served.
    assert client.get("/api/v1/meetings?from=2100-01-01").status_code == 422
    assert client.get("/api/v1/meetings?from=2099-12-31").status_code == 200
    umea_body = DecisionBody.objects.filter(principal__slug="umea").first()
    payload = {
        "principal": umea_body.principal.code,
        "outcome": "approved",
        "body": umea_body.pk,
        "decided_on": "2100-01-01",
        "reference": "§ 1",
    }
    token = token_for("registrator-umea", scope="register")
    url = f"/api/v1/recommendations/{expedited.pk}/decisions"
    refused = client.post(url, json.dumps(payload), "application/json", **bearer(token))
    assert refused.status_code == 422
    assert not PrincipalDecision.objects.exists()


def test_the_registration_example_is_this_installations_data(client, people, expedited, token_for):
    document = client.get("/api/v1/openapi.json").json()
    operation = document["paths"]["/api/v1/recommendations/{recommendation_id}/decisions"]["post"]
    example = operation["requestBody"]["content"]["application/json"]["example"]
    body = DecisionBody.objects.get(pk=example["body"])
    assert body.principal.code == example["principal"]
    # The example is a request the API takes (for the body's principal, by a coordinator).
    coordinator_user("koordinator-exempel")
    token = token_for("koordinator-exempel", scope="register")
    response = client.post(
        f"/api/v1/recommendations/{expedited.pk}/decisions",
        json.dumps(example),
        "application/json",
        **bearer(token),
    )
    assert response.status_code == 201, response.content
