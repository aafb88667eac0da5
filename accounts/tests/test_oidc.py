"""Single sign-on against a real OpenID Connect provider started on loopback by the test."""

import json
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest
import requests
from django.urls import reverse

from accounts.models import User
from accounts.tests.oidc_provider import CLIENT_ID, CLIENT_SECRET, Provider


@pytest.fixture
def provider(settings, db):
    with Provider() as provider:
        with urlopen(f"{provider.issuer}/.well-known/openid-configuration", timeout=5) as answer:
            discovery = json.load(answer)
        settings.OIDC_ENABLED = True
        settings.OIDC_RP_CLIENT_ID = CLIENT_ID
        settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
        settings.OIDC_RP_SIGN_ALGO = "RS256"
        settings.OIDC_OP_ISSUER = discovery["issuer"]
        settings.OIDC_OP_AUTHORIZATION_ENDPOINT = discovery["authorization_endpoint"]
        settings.OIDC_OP_TOKEN_ENDPOINT = discovery["token_endpoint"]
        settings.OIDC_OP_USER_ENDPOINT = discovery["userinfo_endpoint"]
        settings.OIDC_OP_JWKS_ENDPOINT = discovery["jwks_uri"]
        settings.OIDC_MATCH_CLAIM = "email"
        settings.OIDC_MATCH_FIELD = "email"
        settings.OIDC_CREATE_USER = False
        settings.OIDC_REQUIRE_VERIFIED_EMAIL = None  # the default: required when matching on email
        yield provider


def sign_in_through(client, provider, claims):
    """The browser's round trip: our start page → the IdP → our callback."""
    provider.claims = claims
    start = client.get(reverse("oidc_authentication_init"))
    assert start.status_code == 302
    assert start["Location"].startswith(provider.issuer + "/authorize?")
    back = requests.get(start["Location"], allow_redirects=False, timeout=5)
    assert back.status_code == 302
    callback = urlsplit(back.headers["Location"])
    assert callback.path == reverse("oidc_authentication_callback")
    return client.get(f"{callback.path}?{callback.query}")


def signed_in_user(client):
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


@pytest.fixture
def person(db):
    return User.objects.create_user("anna", email="anna.berg@kommun.example", password="x-9-pass")


def test_a_person_signs_in_through_the_idp_matched_on_email(client, provider, person):
    claims = {"sub": "1", "email": "Anna.Berg@kommun.example", "email_verified": True}
    response = sign_in_through(client, provider, claims)
    assert response.status_code == 302
    assert signed_in_user(client) == person
    assert provider.token_requests[-1]["client_secret"] == CLIENT_SECRET


def test_claims_from_the_idp_never_grant_roles(client, provider, person):
    claims = {
        "sub": "1",
        "email": person.email,
        "email_verified": True,
        "is_coordinator": True,
        "roles": ["admin"],
    }
    sign_in_through(client, provider, claims)
    person.refresh_from_db()
    assert signed_in_user(client) == person
    assert not (person.is_coordinator or person.is_staff or person.is_superuser)


def test_an_unknown_person_is_neither_signed_in_nor_created(client, provider, person):
    claims = {"sub": "2", "email": "okand@example.se", "email_verified": True}
    response = sign_in_through(client, provider, claims)
    assert signed_in_user(client) is None
    assert response["Location"].endswith("sso=misslyckades")
    assert User.objects.count() == 1


def test_accounts_created_from_the_idp_are_plain(client, provider, settings, db):
    settings.OIDC_CREATE_USER = True
    claims = {
        "sub": "3",
        "email": "ny@kommun.example",
        "email_verified": True,
        "given_name": "Ny",
        "is_staff": True,
    }
    sign_in_through(client, provider, claims)
    user = signed_in_user(client)
    assert user.email == "ny@kommun.example"
    assert not (user.is_coordinator or user.is_staff or user.is_superuser)
    assert user.registrar_for is None
    assert not user.has_usable_password()


def test_people_can_be_matched_on_their_hsa_id(client, provider, settings, db):
    settings.OIDC_MATCH_CLAIM = "hsa_id"
    settings.OIDC_MATCH_FIELD = "username"
    user = User.objects.create_user("SE2321000222-1234", password="x-9-pass")
    sign_in_through(client, provider, {"sub": "4", "hsa_id": "SE2321000222-1234"})
    assert signed_in_user(client) == user


@pytest.mark.parametrize(
    "verified",
    [False, "true", "True", 1, "false", None, ["true"], {"value": True}],
    ids=repr,
)
def test_an_email_the_idp_did_not_verify_signs_no_one_in(client, provider, person, verified):
    """An IdP where people type their own address would otherwise let anyone in as its owner."""
    claims = {"sub": "5", "email": person.email, "email_verified": verified}
    response = sign_in_through(client, provider, claims)
    assert signed_in_user(client) is None
    assert response["Location"].endswith("sso=misslyckades")


def test_an_email_without_the_verified_claim_signs_no_one_in(client, provider, person):
    sign_in_through(client, provider, {"sub": "5", "email": person.email})
    assert signed_in_user(client) is None
    # control: the same person, the address vouched for by the IdP
    sign_in_through(client, provider, {"sub": "5", "email": person.email, "email_verified": True})
    assert signed_in_user(client) == person


def test_an_unverified_email_creates_no_account(client, provider, settings, db):
    settings.OIDC_CREATE_USER = True
    sign_in_through(client, provider, {"sub": "6", "email": "ny@kommun.example"})
    assert signed_in_user(client) is None
    assert not User.objects.filter(email="ny@kommun.example").exists()


def test_an_hsa_id_match_needs_no_verified_email_and_copies_no_unverified_one(
    client, provider, settings, db
):
    settings.OIDC_MATCH_CLAIM = "hsa_id"
    settings.OIDC_MATCH_FIELD = "username"
    settings.OIDC_CREATE_USER = True
    claims = {"sub": "7", "hsa_id": "SE2321000222-7777", "email": "vem@som.helst.example"}
    sign_in_through(client, provider, claims)
    user = signed_in_user(client)
    assert user.username == "SE2321000222-7777"
    assert user.email == ""  # the IdP did not vouch for it, so it cannot be used to reset


def test_a_verified_email_is_required_on_an_hsa_id_match_when_configured(
    client, provider, settings, db
):
    settings.OIDC_MATCH_CLAIM = "hsa_id"
    settings.OIDC_MATCH_FIELD = "username"
    settings.OIDC_REQUIRE_VERIFIED_EMAIL = True
    user = User.objects.create_user("SE2321000222-1234", password="x-9-pass")
    sign_in_through(client, provider, {"sub": "4", "hsa_id": "SE2321000222-1234"})
    assert signed_in_user(client) is None
    claims = {"sub": "4", "hsa_id": "SE2321000222-1234", "email_verified": True}
    sign_in_through(client, provider, claims)
    assert signed_in_user(client) == user


def test_an_operator_may_trust_an_idp_that_sends_no_verified_claim(
    client, provider, settings, person
):
    """E.g. an organisation's own directory, where nobody chooses their address."""
    settings.OIDC_REQUIRE_VERIFIED_EMAIL = False
    sign_in_through(client, provider, {"sub": "1", "email": person.email})
    assert signed_in_user(client) == person


def test_a_token_issued_to_another_client_is_refused(client, provider, person):
    claims = {"sub": "1", "email": person.email, "email_verified": True, "aud": "other-app"}
    sign_in_through(client, provider, claims)
    assert signed_in_user(client) is None


def test_single_sign_on_is_off_without_configuration(client, settings, db):
    settings.OIDC_ENABLED = False
    assert client.get(reverse("oidc_authentication_init")).status_code == 404
