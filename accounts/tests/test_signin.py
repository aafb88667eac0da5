"""Sign-in as the public sector expects: lockout, password reset by mail, idle timeout."""

import datetime
import time

import pytest
from django.core import mail
from django.db.models import F
from django.test import Client
from django.urls import reverse

from accounts.middleware import LAST_SEEN_KEY
from accounts.models import SignInFailure, User

PASSWORD = "samverkan-demo"


@pytest.fixture
def person(db):
    return User.objects.create_user("anna", email="anna@kommun.example", password=PASSWORD)


def sign_in(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_thirty_wrong_passwords_in_a_row_leave_the_account_locked(client, person):
    responses = [sign_in(client, "anna", f"fel-{n}") for n in range(30)]
    assert [r.status_code for r in responses[:4]] == [200] * 4
    assert responses[-1].status_code == 429
    assert "tillfälligt spärrad" in responses[-1].content.decode()
    # Even the right password is refused while the lockout lasts.
    assert sign_in(client, "anna", PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_ends_after_the_cool_off(client, person, settings):
    for n in range(5):
        sign_in(client, "anna", f"fel-{n}")
    assert sign_in(client, "anna", PASSWORD).status_code == 429
    SignInFailure.objects.update(at=F("at") - datetime.timedelta(minutes=settings.LOCKOUT_MINUTES))
    assert sign_in(client, "anna", PASSWORD).status_code == 302


def test_the_right_password_signs_in_before_the_limit(client, person):
    for n in range(3):
        sign_in(client, "anna", f"fel-{n}")
    assert sign_in(client, "anna", PASSWORD).status_code == 302


def test_coordinators_see_the_lockouts(coordinator_client, person):
    for n in range(6):
        sign_in(Client(), "anna", f"fel-{n}")
    page = coordinator_client.get(reverse("audit:lockout_list")).content.decode()
    assert "anna" in page


def test_members_do_not_see_the_lockouts(member_client):
    assert member_client.get(reverse("audit:lockout_list")).status_code == 404


def test_the_login_page_links_to_password_reset(client, db):
    assert reverse("password_reset") in client.get(reverse("login")).content.decode()


def test_a_password_is_reset_through_a_link_sent_by_mail(client, person):
    response = client.post(reverse("password_reset"), {"email": "anna@kommun.example"})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.subject == "Återställ ditt lösenord till Samverkan"
    assert "Välj ett nytt lösenord här" in message.body
    link = next(line for line in message.body.splitlines() if "/losenord/aterstall/" in line)
    form_page = client.get(link.split("testserver", 1)[1], follow=True)
    assert "Välj nytt lösenord" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Ny-lang-fras-2026", "new_password2": "Ny-lang-fras-2026"},
    )
    assert done.status_code == 302
    assert client.login(username="anna", password="Ny-lang-fras-2026")


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, person):
    response = client.post(reverse("password_reset"), {"email": "okand@example.se"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_an_idle_session_is_signed_out(client, person, settings):
    settings.SESSION_IDLE_TIMEOUT_MINUTES = 60
    client.force_login(person)
    assert client.get(reverse("cases:case_list")).status_code == 200
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 61 * 60
    session.save()
    response = client.get(reverse("cases:case_list"))
    assert response.status_code == 302
    assert response["Location"].endswith("utloggad=inaktiv")
    assert "_auth_user_id" not in client.session


def test_an_active_session_stays_signed_in(client, person):
    client.force_login(person)
    client.get(reverse("cases:case_list"))
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 59 * 60
    session.save()
    assert client.get(reverse("cases:case_list")).status_code == 200


def test_a_survey_link_leaves_the_session_untouched(client, person):
    """A session rewritten while its user answers a survey would date the answer (R-F4). The
    idle timer is kept by every other page (the twin)."""
    client.force_login(person)
    key = client.session.session_key
    client.get("/enkat/" + "A" * 43 + "/")
    assert LAST_SEEN_KEY not in client.session
    assert client.session.session_key == key
    client.get(reverse("cases:case_list"))
    assert LAST_SEEN_KEY in client.session


def test_a_username_of_thousands_of_characters_is_refused_without_error(client, db):
    response = sign_in(client, "Åäö" * 3000, "fel")
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()  # a Swedish form error, not a 500
