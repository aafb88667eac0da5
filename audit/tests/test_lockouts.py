"""The coordinators' lockout page: the locks in force, and lifting one (audit.views
lockout_list / lockout_lift, audit.services.lift_lockout)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import SignInFailure, User
from audit.models import AuditEvent, EventKind
from testing.builders import coordinator_user, member_user
from testing.queries import COUNTY_FACTS

PASSWORD = "x-test-pass-123"
LIST = reverse("audit:lockout_list")
LIFT = reverse("audit:lockout_lift")


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
    return User.objects.create_user("kim", password=PASSWORD)


@pytest.fixture
def coordinator(db):
    client = Client()
    client.force_login(coordinator_user())
    return client


def attempt(username, password, ip):
    return Client().post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def lock_account(username="kim"):
    """Ten wrong guesses from ten addresses: the account is locked from every address."""
    for n in range(10):
        attempt(username, "fel", f"198.51.100.{n}")


def lock_address(ip="192.0.2.66"):
    for n in range(20):
        attempt(f"spray{n}", "fel", ip)


def test_a_coordinator_lifts_an_account_lock_and_the_person_signs_in(coordinator, kim):
    lock_account()
    assert attempt("kim", PASSWORD, "203.0.113.4").status_code == 429  # control: locked
    page = coordinator.get(LIST).content.decode()
    assert "Kontot <strong>kim</strong> från alla adresser" in page
    response = coordinator.post(LIFT, {"scope": "account", "value": "kim"})
    assert response.status_code == 302
    assert response["Location"] == LIST
    assert "Spärren för kontot kim är hävd" in coordinator.get(LIST).content.decode()
    assert attempt("kim", PASSWORD, "203.0.113.4").status_code == 302
    (event,) = AuditEvent.objects.filter(kind=EventKind.WRITE)
    assert event.action == "audit.lift_lockout"
    assert (event.changes["scope"], event.changes["lock"]) == ([None, "account"], [None, "kim"])
    assert event.user.username == "charlie"
    assert event.route == "audit:lockout_lift"


def test_lifting_an_account_lifts_it_at_the_address_too(coordinator, kim):
    for _ in range(5):
        attempt("kim", "fel", "198.51.100.1")
    assert "Kontot <strong>kim</strong> från 198.51.100.1" in coordinator.get(LIST).content.decode()
    coordinator.post(LIFT, {"scope": "account", "value": " Kim "})
    assert attempt("kim", PASSWORD, "198.51.100.1").status_code == 302


def test_a_coordinator_lifts_an_address_lock(coordinator, kim):
    lock_address()
    assert attempt("kim", PASSWORD, "192.0.2.66").status_code == 429  # control: locked
    assert "Adressen <strong>192.0.2.66</strong>" in coordinator.get(LIST).content.decode()
    assert coordinator.post(LIFT, {"scope": "address", "value": "192.0.2.66"}).status_code == 302
    assert attempt("kim", PASSWORD, "192.0.2.66").status_code == 302
    assert AuditEvent.objects.get(kind=EventKind.WRITE).changes["lock"] == [None, "192.0.2.66"]


def test_lifting_an_address_leaves_the_accounts_it_guessed_at_counted(coordinator, kim):
    """The sprayer's address is forgiven; an account guessed at from many places is not."""
    lock_account()
    coordinator.post(LIFT, {"scope": "address", "value": "198.51.100.3"})
    assert attempt("kim", PASSWORD, "198.51.100.3").status_code == 429


def test_members_get_404_and_the_lock_stays(kim, structure):
    lock_account()
    client = Client()
    client.force_login(member_user("ledamot", "lsg"))
    assert client.post(LIFT, {"scope": "account", "value": "kim"}).status_code == 404
    assert client.get(LIST).status_code == 404
    assert attempt("kim", PASSWORD, "203.0.113.4").status_code == 429
    assert not AuditEvent.objects.filter(kind=EventKind.WRITE).exists()


def test_strangers_are_sent_to_sign_in_and_get_lifts_nothing(coordinator, kim):
    lock_account()
    response = Client().post(LIFT, {"scope": "account", "value": "kim"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert coordinator.get(LIFT, {"scope": "account", "value": "kim"}).status_code == 405
    assert attempt("kim", PASSWORD, "203.0.113.4").status_code == 429


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"scope": "everything", "value": "kim"}, 400),
        ({"scope": "account", "value": ""}, 400),
        ({"scope": "account", "value": "   "}, 400),
        ({"scope": "account", "value": "k" * 5000}, 400),
        ({"scope": "address", "value": "kim"}, 400),
        ({"scope": "address", "value": "999.1.1.1"}, 400),
        ({"scope": "address", "value": "192.0.2.0/24"}, 400),
        ({"scope": "address", "value": "1" * 5000}, 400),
        ({"scope": ["account", "address"], "value": "kim"}, 400),
        ({"value": "kim"}, 400),
        ({"scope": "account", "value": "kim\x00"}, 400),
        ({}, 400),
    ],
)
def test_hostile_values_are_refused_without_error(coordinator, kim, data, status):
    lock_account()
    response = coordinator.post(LIFT, data)
    assert response.status_code == status
    assert attempt("kim", PASSWORD, "203.0.113.4").status_code == 429
    assert not AuditEvent.objects.filter(kind=EventKind.WRITE).exists()


def test_a_form_error_is_shown_in_swedish_with_what_was_typed(coordinator, kim):
    response = coordinator.post(LIFT, {"scope": "address", "value": "inte-en-adress"})
    page = response.content.decode()
    assert "Ange en IP-adress" in page
    assert 'value="inte-en-adress"' in page


def test_lifting_what_is_not_locked_says_so(coordinator, kim):
    coordinator.post(LIFT, {"scope": "account", "value": "kim"})
    assert "inga misslyckade inloggningar att häva" in coordinator.get(LIST).content.decode()


def test_the_page_costs_the_same_few_queries_however_many_locks(
    coordinator, kim, django_assert_max_num_queries
):
    lock_address("192.0.2.66")
    lock_address("192.0.2.67")
    for n in range(6):
        for _ in range(5):
            attempt(f"person{n}", "fel", f"198.51.100.{n}")
    assert SignInFailure.objects.count() == 70
    with django_assert_max_num_queries(8 + COUNTY_FACTS):
        page = coordinator.get(LIST).content.decode()
    assert page.count("Häv spärren<span") == 2 + 6  # two addresses, six accounts
