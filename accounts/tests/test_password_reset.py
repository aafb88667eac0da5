"""The password reset throttle (accounts/password_reset.py): mails per account and requests per
address are bounded, and the answer never tells whether a mail went out."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.password_reset import may_send_reset

PASSWORD = "x-test-pass-123"


@pytest.fixture(autouse=True)
def default_limits(settings):
    """The documented defaults, whatever the environment running the tests sets."""
    settings.PASSWORD_RESET_WINDOW_MINUTES = 60
    settings.PASSWORD_RESET_REQUESTS_PER_ADDRESS = 10
    settings.PASSWORD_RESET_MAILS_PER_ACCOUNT = 3
    settings.PROXY_COUNT = 0


@pytest.fixture
def anna(db):
    return User.objects.create_user("anna", email="anna@kommun.example", password=PASSWORD)


def ask(email: str, ip: str = "192.0.2.1"):
    """One reset request from a fresh browser; the answer followed to its page."""
    response = Client().post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=ip)
    return response


def _answer(response) -> tuple[int, str, str]:
    page = Client().get(response["Location"]).content.decode()
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)
    return response.status_code, response["Location"], page


def test_twenty_requests_for_one_account_send_three_mails(anna, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = ask("anna@kommun.example", "198.51.100.0")
        assert len(mail.outbox) == 1  # control: a request sends a mail
        answers = [ask("anna@kommun.example", f"198.51.100.{n}") for n in range(1, 20)]
    assert len(mail.outbox) == 3
    assert {message.to[0] for message in mail.outbox} == {"anna@kommun.example"}
    assert {_answer(response) for response in [first, *answers]} == {_answer(first)}


def test_case_and_spaces_of_the_address_are_one_account(anna, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for n, email in enumerate(
            ["Anna@Kommun.example", " anna@kommun.example ", "ANNA@KOMMUN.EXAMPLE"] * 2
        ):
            ask(email, f"198.51.100.{n}")
    assert len(mail.outbox) == 3


def test_one_address_asking_for_many_accounts_is_bounded(db, django_capture_on_commit_callbacks):
    for n in range(30):
        User.objects.create_user(f"person{n}", email=f"person{n}@kommun.example", password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        answers = [ask(f"person{n}@kommun.example", "192.0.2.66") for n in range(30)]
    assert len(mail.outbox) == 10
    assert len({_answer(response) for response in answers}) == 1
    # control: another address is not held back by the first one's requests
    with django_capture_on_commit_callbacks(execute=True):
        ask("person29@kommun.example", "192.0.2.67")
    assert mail.outbox[-1].to == ["person29@kommun.example"]
    assert len(mail.outbox) == 11


def test_the_answer_is_the_same_sent_unknown_or_throttled(
    anna, django_capture_on_commit_callbacks, settings
):
    settings.PASSWORD_RESET_MAILS_PER_ACCOUNT = 1
    with django_capture_on_commit_callbacks(execute=True):
        sent = ask("anna@kommun.example", "198.51.100.1")
        assert len(mail.outbox) == 1
        throttled = ask("anna@kommun.example", "198.51.100.2")
        unknown = ask("ingen@kommun.example", "198.51.100.3")
    assert len(mail.outbox) == 1
    assert _answer(sent) == _answer(throttled) == _answer(unknown)
    assert sent.status_code == 302
    assert "Kontrollera din e-post" in _answer(sent)[2]


def test_an_invalid_address_is_a_form_error_not_a_count(anna, django_capture_on_commit_callbacks):
    for _ in range(12):
        response = ask("inte en adress", "192.0.2.5")
        assert response.status_code == 200
        assert "error-summary" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        ask("anna@kommun.example", "192.0.2.5")
    assert len(mail.outbox) == 1


def test_the_throttle_counts_any_hour_not_the_clock_hour(settings):
    """Three mails at 10:59 and three more at 11:00 would be six within two minutes."""
    settings.PASSWORD_RESET_REQUESTS_PER_ADDRESS = 100
    hour = 3600.0
    start = 1_000 * hour - 60  # a minute before a full hour
    allowed = [may_send_reset(ip="192.0.2.1", email="a@x.example", now=start + n) for n in range(3)]
    assert allowed == [True, True, True]
    assert not may_send_reset(ip="192.0.2.1", email="a@x.example", now=start + 120)
    # control: another account, and the same one once an hour has passed
    assert may_send_reset(ip="192.0.2.1", email="b@x.example", now=start + 120)
    assert may_send_reset(ip="192.0.2.1", email="a@x.example", now=start + 2 * hour)
