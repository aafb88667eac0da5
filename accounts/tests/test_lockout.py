"""The sign-in lockout as an attacker meets it (accounts/lockout.py, accounts/backends.py):
guesses spread over addresses, password spraying from one address, case variants, spoofed
forwarding headers, IPv6 neighbours; each attack with its twin that still signs in."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.db.models import F
from django.test import Client
from django.urls import reverse

from accounts.models import SignInFailure, User
from audit.models import AuditEvent, EventKind

PASSWORD = "x-test-pass-123"


@pytest.fixture(autouse=True)
def default_limits(settings):
    """The documented defaults, whatever the environment running the tests sets."""
    settings.LOCKOUT_MINUTES = 15
    settings.LOCKOUT_ACCOUNT_ADDRESS_LIMIT = 5
    settings.LOCKOUT_ACCOUNT_LIMIT = 10
    settings.LOCKOUT_ADDRESS_LIMIT = 20
    settings.PROXY_COUNT = 0


@pytest.fixture
def kim(db):
    return User.objects.create_user("kim", email="kim@kommun.example", password=PASSWORD)


def users(count: int, prefix: str = "person") -> list[User]:
    return [User.objects.create_user(f"{prefix}{n}", password=PASSWORD) for n in range(count)]


def attempt(username: str, password: str, ip: str = "192.0.2.1", **headers):
    """One sign-in from a fresh browser at `ip`; the response (302 = signed in)."""
    client = Client()
    data = {"username": username, "password": password}
    return client.post(reverse("login"), data, REMOTE_ADDR=ip, **headers)


def signs_in(username: str, ip: str = "192.0.2.1", password: str = PASSWORD, **headers) -> bool:
    response = attempt(username, password, ip, **headers)
    assert response.status_code in (302, 429), response.status_code
    return response.status_code == 302


# --- Guesses at one account spread over many addresses ----------------------------------------


def test_guesses_spread_over_addresses_lock_the_account_from_every_address(kim):
    statuses = [
        attempt("kim", f"fel-{n}", ip).status_code
        for ip in ("198.51.100.1", "198.51.100.2", "198.51.100.3")
        for n in range(4)
    ]
    # Each address stays under its own limit; the tenth failure in all locks the account.
    assert statuses == [200] * 9 + [429] * 3
    response = attempt("kim", PASSWORD, "203.0.113.4")
    assert response.status_code == 429
    assert "_auth_user_id" not in response.client.session
    # control: another account signs in from that same fourth address
    User.objects.create_user("bo", password=PASSWORD)
    assert signs_in("bo", "203.0.113.4")


def test_fewer_guesses_than_the_account_limit_leave_the_account_open(kim):
    for ip in ("198.51.100.1", "198.51.100.2", "198.51.100.3"):
        for n in range(3):
            attempt("kim", f"fel-{n}", ip)
    assert signs_in("kim", "203.0.113.4")


def test_the_lock_holds_for_case_variants_and_spaces_of_the_name(kim):
    variants = ["Kim", " kim", "KIM ", "kIm", "kim"]
    for n, name in enumerate(variants * 2):
        attempt(name, f"fel-{n}", f"198.51.100.{n}")
    for name in ("kim", "Kim", "  kim  ", "KIM"):
        assert not signs_in(name, "203.0.113.9")
    # control: the lock is kim's alone
    User.objects.create_user("kimberly", password=PASSWORD)
    assert signs_in("kimberly", "203.0.113.9")


def test_case_variants_from_one_address_reach_the_account_and_address_limit(kim):
    for n, name in enumerate(["Kim", "KIM", " kim ", "kIM"]):
        assert attempt(name, f"fel-{n}").status_code == 200
    assert attempt("kim ", "fel-5").status_code == 429
    assert not signs_in("kim")


# --- Password spraying from one address ------------------------------------------------------


def test_password_spraying_from_one_address_locks_the_address(kim):
    sprayed = users(30)
    statuses = [attempt(user.username, "Sommar2026!", "192.0.2.66").status_code for user in sprayed]
    assert statuses[:19] == [200] * 19
    assert set(statuses[19:]) == {429}
    assert not signs_in("kim", "192.0.2.66")
    assert not signs_in(sprayed[-1].username, "192.0.2.66")
    # control: everyone else signs in, also the sprayed accounts (one guess each is no threat)
    assert signs_in("kim", "192.0.2.67")
    assert signs_in(sprayed[0].username, "192.0.2.67")


def test_an_office_behind_one_address_is_not_locked_by_typos(kim):
    for user in users(15):
        attempt(user.username, "skrev-fel", "192.0.2.80")
    assert signs_in("kim", "192.0.2.80")


def test_signing_in_to_an_own_account_earns_the_sprayer_no_new_guesses(kim):
    users(19)
    User.objects.create_user("mallory", password="mallorys-own-pass")
    for n in range(19):
        attempt(f"person{n}", "Sommar2026!", "192.0.2.66")
    assert signs_in("mallory", "192.0.2.66", password="mallorys-own-pass")
    assert attempt("kim", "Sommar2026!", "192.0.2.66").status_code == 429  # the 20th failure
    assert not signs_in("kim", "192.0.2.66")


def test_spoofed_forwarding_headers_do_not_split_an_address(kim, settings):
    settings.PROXY_COUNT = 0
    for n, user in enumerate(users(20)):
        attempt(user.username, "fel", "192.0.2.66", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    assert not signs_in("kim", "192.0.2.66", HTTP_X_FORWARDED_FOR="10.9.9.9")


def test_behind_a_proxy_each_client_is_counted_by_its_forwarded_address(kim, settings):
    settings.PROXY_COUNT = 1
    proxy = "10.0.0.1"
    for user in users(20):
        attempt(user.username, "fel", proxy, HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.66")
    assert not signs_in("kim", proxy, HTTP_X_FORWARDED_FOR="192.0.2.66")
    # control: another client behind the same proxy
    assert signs_in("kim", proxy, HTTP_X_FORWARDED_FOR="192.0.2.67")


def test_addresses_of_one_ipv6_network_count_as_one_address(kim):
    for n, user in enumerate(users(20)):
        attempt(user.username, "fel", f"2001:db8:1:2::{n + 1:x}")
    assert not signs_in("kim", "2001:db8:1:2:ffff::1")
    # control: the next /64
    assert signs_in("kim", "2001:db8:1:3::1")


# --- Real people ------------------------------------------------------------------------------


def test_a_few_typos_then_the_right_password_sign_in(kim):
    for n in range(3):
        attempt("kim", f"fel-{n}")
    assert signs_in("kim")


def test_a_correct_sign_in_clears_the_accounts_typos(kim):
    for _ in range(2):
        for n in range(4):
            assert attempt("kim", f"fel-{n}").status_code == 200
        assert signs_in("kim")


def test_a_new_password_through_the_reset_link_lifts_the_account_lock(
    kim, django_capture_on_commit_callbacks
):
    for n in range(10):
        attempt("kim", "fel", f"198.51.100.{n}")
    assert not signs_in("kim", "203.0.113.4")  # control: locked
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": "kim@kommun.example"})
    (message,) = mail.outbox
    link = next(line for line in message.body.splitlines() if "/losenord/aterstall/" in line)
    form = client.get(link.split("testserver", 1)[1], follow=True)
    new_password = {"new_password1": "Ny-lang-fras-2026", "new_password2": "Ny-lang-fras-2026"}
    assert client.post(form.redirect_chain[-1][0], new_password).status_code == 302
    assert signs_in("kim", "203.0.113.4", password="Ny-lang-fras-2026")


def test_the_lock_ends_after_the_window(kim, settings):
    for n in range(5):
        attempt("kim", f"fel-{n}")
    assert not signs_in("kim")
    SignInFailure.objects.update(at=F("at") - datetime.timedelta(minutes=settings.LOCKOUT_MINUTES))
    assert signs_in("kim")


def test_the_limits_are_settings(kim, settings):
    settings.LOCKOUT_ACCOUNT_LIMIT = 3
    for n in range(3):
        attempt("kim", "fel", f"198.51.100.{n}")
    assert not signs_in("kim", "203.0.113.4")


# --- While locked -----------------------------------------------------------------------------


def test_refused_attempts_check_no_password_and_are_audited_but_not_counted(kim):
    for n in range(5):
        attempt("kim", f"fel-{n}")
    counted = SignInFailure.objects.count()
    for n in range(3):
        assert attempt("kim", f"igen-{n}").status_code == 429
    assert attempt("kim", PASSWORD).status_code == 429
    assert SignInFailure.objects.count() == counted == 5
    failed = AuditEvent.objects.filter(kind=EventKind.LOGIN_FAILED, username="kim")
    assert failed.count() == 9
    assert failed.filter(action="spärrad").count() == 4
    assert not AuditEvent.objects.filter(kind=EventKind.LOGIN).exists()


def _page_text(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def test_the_locked_page_says_what_to_do_and_not_whether_the_account_exists(kim, settings):
    settings.SUPPORT_CONTACT = "hjalp@region.example"
    for n in range(5):
        attempt("kim", f"fel-{n}", "198.51.100.1")
        attempt("ingen-sadan", f"fel-{n}", "198.51.100.2")
    existing = attempt("kim", PASSWORD, "198.51.100.1")
    missing = attempt("ingen-sadan", PASSWORD, "198.51.100.2")
    assert existing.status_code == missing.status_code == 429
    assert _page_text(existing) == _page_text(missing)
    page = _page_text(existing)
    assert "tillfälligt spärrad" in page
    assert f"Vänta {settings.LOCKOUT_MINUTES} minuter" in page
    assert "hjalp@region.example" in page
    assert reverse("password_reset") in page
    # control: the page before the lock is the sign-in form, not this one
    assert "tillfälligt spärrad" not in attempt("bo", "fel", "198.51.100.3").content.decode()


def test_a_failed_sign_in_costs_a_few_queries(kim, django_assert_max_num_queries):
    client = Client()
    with django_assert_max_num_queries(12):
        client.post(reverse("login"), {"username": "kim", "password": "fel"})
