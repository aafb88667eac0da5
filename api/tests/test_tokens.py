"""Personal API tokens: stored hashed, every use logged, and useless once revoked, expired or
when the owner is deactivated."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import User
from api.models import ApiToken, ApiTokenUse
from api.tests.conftest import bearer
from testing.builders import coordinator_user


@pytest.fixture
def charlie(structure):
    """The token owner: charlie, a coordinator (who may read every case)."""
    return coordinator_user("charlie")


def test_only_a_hash_of_the_token_is_stored(charlie, token_for):
    full = token_for("charlie")
    token = ApiToken.objects.get()
    secret = full.rsplit("_", 1)[1]
    stored = [str(getattr(token, f.attname)) for f in ApiToken._meta.fields]
    assert not any(secret in value for value in stored)
    assert full.startswith(f"svk_{token.prefix}_")


def test_a_valid_token_reads_the_owners_cases_and_the_use_is_logged(client, charlie, token_for):
    full = token_for("charlie")
    response = client.get("/api/v1/cases", **bearer(full))
    assert response.status_code == 200
    use = ApiTokenUse.objects.get()
    assert (use.method, use.path) == ("GET", "/api/v1/cases")
    assert ApiToken.objects.get().last_used_at is not None


def test_a_revoked_token_is_refused(client, charlie, token_for):
    full = token_for("charlie")
    ApiToken.objects.update(revoked_at=timezone.now())
    response = client.get("/api/v1/cases", **bearer(full))
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_an_expired_token_is_refused(client, charlie, token_for):
    full = token_for("charlie")
    ApiToken.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    assert client.get("/api/v1/cases", **bearer(full)).status_code == 401


def test_a_deactivated_users_token_stops_working(client, charlie, token_for):
    full = token_for("charlie")
    User.objects.filter(username="charlie").update(is_active=False)
    assert client.get("/api/v1/cases", **bearer(full)).status_code == 401
    assert not ApiTokenUse.objects.exists()


def test_a_token_with_a_wrong_secret_is_refused_and_not_logged(client, charlie, token_for):
    full = token_for("charlie")
    forged = full[:-4] + ("AAAA" if not full.endswith("AAAA") else "BBBB")
    assert client.get("/api/v1/cases", **bearer(forged)).status_code == 401
    assert not ApiTokenUse.objects.exists()


def test_malformed_authorization_headers_get_401_json(client, structure):
    for value in ["Bearer", "Bearer svk_", "Bearer svk_x_", "Basic abc", "Bearer " + "a" * 5000]:
        response = client.get("/api/v1/cases", HTTP_AUTHORIZATION=value)
        assert response.status_code == 401, value
        assert "message" in response.json()


def test_a_public_read_with_an_invalid_token_is_refused_rather_than_served(client, structure):
    response = client.get("/api/v1/principals", HTTP_AUTHORIZATION="Bearer svk_nope_nope")
    assert response.status_code == 401


def test_the_session_cookie_does_not_authenticate_the_api(client, charlie):
    client.force_login(charlie)
    assert client.get("/api/v1/cases").status_code == 401
