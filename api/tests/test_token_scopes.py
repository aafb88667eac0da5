"""Token scopes and per-token rate limits (#20): a read token never writes, a register token
for one principal writes only for it, nobody gets a scope beyond their own rights, and a valid
token is counted on its own (higher) rate while made-up tokens still count against the address."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import User
from api import tokens
from api.models import ApiToken, ApiTokenUse
from api.tests.conftest import bearer
from cases.models import PrincipalDecision
from structure.models import Principal
from testing.builders import coordinator_user


def _register(client, rec, token, principal_slug="umea"):
    principal = Principal.objects.get(slug=principal_slug)
    payload = {
        "principal": principal.code,
        "outcome": "approved",
        "body": principal.decision_bodies.first().pk,
        "decided_on": "2026-04-01",
        "reference": "SN § 12",
    }
    return client.post(
        f"/api/v1/recommendations/{rec.pk}/decisions",
        json.dumps(payload),
        content_type="application/json",
        **bearer(token),
    )


def test_a_read_token_never_writes_and_its_register_twin_does(people, client, expedited, token_for):
    refused = _register(client, expedited, token_for("registrator-umea"))
    assert refused.status_code == 403
    assert "får bara läsa" in refused.json()["message"]
    assert not PrincipalDecision.objects.exists()
    accepted = _register(client, expedited, token_for("registrator-umea", scope="register"))
    assert accepted.status_code == 201, accepted.content


def test_a_coordinators_token_for_one_principal_writes_only_for_it(client, expedited, token_for):
    coordinator_user("kim")
    umea = Principal.objects.get(slug="umea")
    token = token_for("kim", scope="register", principal=umea)
    refused = _register(client, expedited, token, principal_slug="skelleftea")
    assert refused.status_code == 403
    assert refused.json()["message"] == f"Nyckeln gäller bara beslut för {umea.name}."
    assert not PrincipalDecision.objects.exists()
    assert _register(client, expedited, token, principal_slug="umea").status_code == 201


def test_a_registrars_register_token_is_tied_to_its_own_principal(people):
    user = User.objects.get(username="registrator-umea")
    token, _ = tokens.create_token(
        user=user, name="Diariet", expires_on=None, now=timezone.now(), scope="register"
    )
    assert token.principal.slug == "umea"
    other = Principal.objects.get(slug="skelleftea")
    with pytest.raises(ValidationError) as refused:
        tokens.create_token(
            user=user,
            name="Diariet",
            expires_on=None,
            now=timezone.now(),
            scope="register",
            principal=other,
        )
    assert "principal" in refused.value.message_dict
    assert ApiToken.objects.filter(user=user).count() == 1


def test_a_member_cannot_get_a_register_token_by_service_or_by_form(people, client):
    member = User.objects.get(username="ledamot")
    with pytest.raises(ValidationError):
        tokens.create_token(
            user=member, name="x", expires_on=None, now=timezone.now(), scope="register"
        )
    client.force_login(member)
    page = client.get("/konto/api-nycklar/").content.decode()
    assert 'value="read"' in page and 'value="register"' not in page
    response = client.post("/konto/api-nycklar/ny/", {"name": "Smygnyckel", "scope": "register"})
    assert response.status_code == 400
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert 'value="Smygnyckel"' in response.content.decode()  # what was typed is kept
    assert not ApiToken.objects.filter(user=member).exists()
    # Its twin: a read token is made, and the list says what it may do.
    made = client.post("/konto/api-nycklar/ny/", {"name": "Läsare", "scope": "read"})
    assert made.status_code == 201
    assert ApiToken.objects.get(user=member).scope == "read"
    assert "Läsa" in made.content.decode()


def test_a_coordinator_picks_a_principal_on_the_token_page(client, db, structure):
    kim = coordinator_user("kim")
    client.force_login(kim)
    umea = Principal.objects.get(slug="umea")
    response = client.post(
        "/konto/api-nycklar/ny/",
        {"name": "Umeås diarium", "scope": "register", "principal": umea.pk},
    )
    assert response.status_code == 201
    token = ApiToken.objects.get(user=kim)
    assert (token.scope, token.principal) == ("register", umea)
    assert f"Läsa och registrera beslut ({umea.name})" in response.content.decode()


@pytest.fixture
def tight_limit(settings, monkeypatch):
    # One fixed instant: the windows are fixed, so a test running across a window's edge would
    # see its count restart.
    monkeypatch.setattr("api.middleware.time", SimpleNamespace(time=lambda: 1_800_000_000.0))
    settings.API_RATE_LIMIT_PER_MINUTE = 60
    settings.API_RATE_LIMIT_BURST = 2
    settings.API_TOKEN_RATE_LIMIT_PER_MINUTE = 600
    cache.clear()


def test_a_valid_token_is_counted_on_its_own_rate(client, people, token_for, tight_limit):
    token = token_for("ledamot")
    statuses = [client.get("/api/v1/principals", **bearer(token)).status_code for _ in range(5)]
    assert statuses == [200] * 5
    # The same address without the token is held to the address's limit.
    anonymous = [client.get("/api/v1/principals").status_code for _ in range(3)]
    assert anonymous == [200, 200, 429]


def test_made_up_tokens_count_against_the_address(client, people, tight_limit):
    statuses = [
        client.get("/oparl/v1/", **bearer(f"svk_{i:012x}_nope")).status_code for i in range(3)
    ]
    assert statuses == [200, 200, 429]


def test_a_tokens_own_rate_wins_and_oparl_counts_the_token(client, people, token_for, tight_limit):
    token = token_for("ledamot")
    ApiToken.objects.update(rate_limit_per_minute=4)  # a burst of two
    statuses = [client.get("/oparl/v1/", **bearer(token)).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    # The harvest with a token is a use of it, logged as on the API.
    assert ApiTokenUse.objects.filter(path="/oparl/v1/").count() == 3
