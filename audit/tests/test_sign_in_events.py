"""Sign-ins, failed sign-ins and sign-outs stay in the audit trail, with who, from where and
the page's name – never its path, which could carry a secret link in `?next=`."""

import pytest
from django.urls import reverse

from accounts.models import User
from audit.models import AuditEvent, EventKind

SECRET_NEXT = "/enkat/hemlig-token-4711/"


@pytest.fixture
def anna(db):
    return User.objects.create_user("anna", password="x-9-pass")


def test_a_sign_in_is_recorded_with_who_and_from_where(client, anna):
    client.post(reverse("login"), {"username": "anna", "password": "x-9-pass"})
    event = AuditEvent.objects.get(kind=EventKind.LOGIN)
    assert (event.user, event.username, event.ip_address) == (anna, "anna", "127.0.0.1")
    assert event.route == "login"


def test_a_failed_sign_in_is_recorded_with_the_name_typed(client, anna):
    client.post(reverse("login"), {"username": "anna", "password": "fel"})
    event = AuditEvent.objects.get(kind=EventKind.LOGIN_FAILED)
    assert (event.user, event.username) == (None, "anna")


def test_a_sign_out_is_recorded(client, anna):
    client.force_login(anna)
    client.post(reverse("logout"))
    assert AuditEvent.objects.get(kind=EventKind.LOGOUT).user == anna


def test_a_sign_in_on_the_way_to_a_secret_link_stores_no_part_of_the_link(client, anna):
    url = reverse("login") + "?next=" + SECRET_NEXT
    client.post(url, {"username": "anna", "password": "x-9-pass", "next": SECRET_NEXT})
    client.post(url, {"username": "anna", "password": "fel", "next": SECRET_NEXT})
    rows = list(AuditEvent.objects.values())
    assert {row["kind"] for row in rows} == {EventKind.LOGIN, EventKind.LOGIN_FAILED}
    assert "hemlig-token-4711" not in repr(rows)


def test_a_sign_in_is_not_a_write(client, anna):
    client.post(reverse("login"), {"username": "anna", "password": "x-9-pass"})
    assert not AuditEvent.objects.filter(kind=EventKind.WRITE).exists()
