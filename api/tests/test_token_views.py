"""The signed-in user's API token page: create (shown once), list and revoke."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import User
from api.models import ApiToken
from testing.builders import coordinator_user, member_user


@pytest.fixture
def member_client(client, structure):
    """Alice, a member of LSG (no demo people needed)."""
    client.force_login(member_user("alice", "lsg"))
    return client


@pytest.fixture
def coordinator_client(client, structure):
    """Charlie, the coordinator, on the same client: the last one asked for is signed in."""
    client.force_login(coordinator_user("charlie"))
    return client


def test_the_token_page_needs_a_signed_in_user(client, structure):
    response = client.get("/konto/api-nycklar/")
    assert response.status_code == 302
    assert "/logga-in/" in response["Location"]


def test_a_new_token_is_shown_once(member_client):
    response = member_client.post("/konto/api-nycklar/ny/", {"name": "Mitt skript"})
    assert response.status_code == 201
    full = response.context["new_token"]
    assert full in response.content.decode()
    assert "visas bara den här gången" in response.content.decode()
    page = member_client.get("/konto/api-nycklar/").content.decode()
    assert "Mitt skript" in page
    assert full not in page


def test_a_token_without_a_name_is_refused_with_a_swedish_error(member_client):
    response = member_client.post("/konto/api-nycklar/ny/", {"name": " ", "expires_on": "x"})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()
    assert "Fyll i ett giltigt datum" in response.content.decode()


def test_an_expiry_in_the_past_is_refused(member_client):
    response = member_client.post(
        "/konto/api-nycklar/ny/", {"name": "Gammal", "expires_on": "2020-01-01"}
    )
    assert response.status_code == 400
    assert "efter i dag" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_the_owner_revokes_a_token(member_client):
    member_client.post("/konto/api-nycklar/ny/", {"name": "Skript"})
    token = ApiToken.objects.get()
    response = member_client.post(f"/konto/api-nycklar/{token.pk}/aterkalla/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_nobody_revokes_someone_elses_token(member_client, coordinator_client):
    coordinator_client.post("/konto/api-nycklar/ny/", {"name": "Koordinatorns"})
    token = ApiToken.objects.get()
    member_client.logout()
    member_client.force_login(User.objects.get(username="alice"))
    response = member_client.post(f"/konto/api-nycklar/{token.pk}/aterkalla/")
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_token_list_shows_only_the_users_own_tokens(member_client, coordinator_client):
    coordinator_client.post("/konto/api-nycklar/ny/", {"name": "Koordinatorns nyckel"})
    member_client.logout()
    member_client.force_login(User.objects.get(username="alice"))
    assert "Koordinatorns nyckel" not in member_client.get("/konto/api-nycklar/").content.decode()


def test_an_expired_token_is_listed_as_expired(member_client):
    member_client.post("/konto/api-nycklar/ny/", {"name": "Kortlivad"})
    ApiToken.objects.update(expires_at=timezone.now() - datetime.timedelta(days=1))
    assert "Har gått ut" in member_client.get("/konto/api-nycklar/").content.decode()
