"""Two factors for coordinators and administrators (TOTP app with recovery codes)."""

import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.tests.test_oidc import sign_in_through


@pytest.fixture
def required(settings):
    settings.OTP_REQUIRED_FOR_STAFF = True


@pytest.fixture
def coordinator(db):
    return User.objects.create_user("kim", password="x-9-pass", is_coordinator=True, is_staff=True)


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def set_up(client, coordinator) -> list[str]:
    client.force_login(coordinator)
    client.get(reverse("otp_setup"))
    device = TOTPDevice.objects.get(user=coordinator)
    page = client.post(reverse("otp_setup"), {"token": code_for(device), "next": "/planering/"})
    return re.findall(r"<code>([0-9a-f]{10})</code>", page.content.decode())


def test_a_coordinator_is_sent_to_set_up_a_second_factor_first(client, coordinator, required):
    client.force_login(coordinator)
    response = client.get(reverse("meetings:planning"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("otp_setup"))
    assert client.get("/admin/")["Location"].startswith(reverse("otp_setup"))


def test_a_survey_link_opens_for_a_signed_in_coordinator_without_the_second_factor(
    client, coordinator, required
):
    """The link is authorised by its token, as for anyone; sent to the factor page instead,
    its token would travel on in `?next=` (into logs and the audit trail)."""
    client.force_login(coordinator)
    response = client.get("/enkat/" + "A" * 43 + "/")
    assert response.status_code == 404
    assert "Länken fungerar inte" in response.content.decode()
    assert client.get(reverse("meetings:planning")).status_code == 302  # the twin


def test_the_setup_page_shows_a_qr_code_and_the_key_in_swedish(client, coordinator, required):
    client.force_login(coordinator)
    page = client.get(reverse("otp_setup")).content.decode()
    assert "Aktivera tvåstegsverifiering" in page
    assert 'src="data:image/svg+xml' in page
    assert "Nyckel att skriva in för hand" in page


def test_a_wrong_code_does_not_activate(client, coordinator, required):
    client.force_login(coordinator)
    client.get(reverse("otp_setup"))
    page = client.post(reverse("otp_setup"), {"token": "000000"}).content.decode()
    assert "Koden stämmer inte" in page
    assert not TOTPDevice.objects.filter(user=coordinator, confirmed=True).exists()


def test_after_setup_the_coordinator_reaches_the_pages(client, coordinator, required):
    codes = set_up(client, coordinator)
    assert len(codes) == 10
    assert client.get(reverse("meetings:planning")).status_code == 200


def test_a_new_session_must_verify_with_the_app(client, coordinator, required):
    set_up(client, coordinator)
    client.logout()
    client.force_login(coordinator)
    response = client.get(reverse("meetings:planning"))
    assert response["Location"].startswith(reverse("otp_verify"))
    device = TOTPDevice.objects.get(user=coordinator, confirmed=True)
    device.last_t = -1
    device.save()
    answer = client.post(reverse("otp_verify"), {"token": code_for(device), "next": "/planering/"})
    assert answer["Location"] == "/planering/"
    assert client.get(reverse("meetings:planning")).status_code == 200


def test_a_recovery_code_works_once(client, coordinator, required):
    codes = set_up(client, coordinator)
    for expected in ("/planering/", None):
        client.logout()
        client.force_login(coordinator)
        answer = client.post(reverse("otp_verify"), {"token": codes[0], "next": "/planering/"})
        if expected:
            assert answer["Location"] == expected
        else:
            assert "Koden stämmer inte" in answer.content.decode()
    assert StaticToken.objects.filter(device__user=coordinator).count() == 9


def test_verify_does_not_redirect_to_another_site(client, coordinator, required):
    codes = set_up(client, coordinator)
    client.logout()
    client.force_login(coordinator)
    answer = client.post(
        reverse("otp_verify"), {"token": codes[1], "next": "https://evil.example/"}
    )
    assert answer["Location"] == "/"


def test_members_are_not_asked_for_a_second_factor(client, required, db):
    member = User.objects.create_user("mia", password="x-9-pass")
    client.force_login(member)
    assert client.get(reverse("cases:case_list")).status_code == 200


def test_without_the_setting_coordinators_sign_in_with_a_password_only(
    client, coordinator, settings
):
    settings.OTP_REQUIRED_FOR_STAFF = False
    client.force_login(coordinator)
    assert client.get(reverse("meetings:planning")).status_code == 200


# --- Enrolment cannot side-step the factor (an attacker who knows only the password) ---------


def _fresh(device: TOTPDevice) -> TOTPDevice:
    """Lets the test use the current time step again (django-otp refuses a reused code)."""
    device.refresh_from_db()
    device.last_t = -1
    device.save()
    return device


def _pending(coordinator) -> TOTPDevice:
    return TOTPDevice.objects.get(user=coordinator, confirmed=False)


def test_with_the_password_only_a_second_enrolment_is_refused_and_the_first_device_survives(
    client, coordinator, required
):
    codes = set_up(client, coordinator)
    original = TOTPDevice.objects.get(user=coordinator, confirmed=True)
    client.logout()
    client.force_login(coordinator)  # the password, nothing more

    page = client.get(reverse("otp_setup"))
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("otp_verify"))
    assert not TOTPDevice.objects.filter(user=coordinator, confirmed=False).exists()
    attacker_device = TOTPDevice.objects.create(user=coordinator, name="x", confirmed=False)
    answer = client.post(reverse("otp_setup"), {"token": code_for(attacker_device)})
    assert answer.status_code == 302
    assert answer["Location"].startswith(reverse("otp_verify"))

    assert list(TOTPDevice.objects.filter(user=coordinator, confirmed=True)) == [original]
    assert StaticToken.objects.filter(device__user=coordinator).count() == len(codes)
    for url in ("/att-gora/", "/admin/", "/granskning/"):
        assert client.get(url)["Location"].startswith(reverse("otp_verify")), url


def test_a_verified_owner_replaces_the_app_with_a_code_from_the_current_one(
    client, coordinator, required, django_capture_on_commit_callbacks, mailoutbox
):
    coordinator.email = "kim@kommun.example"
    coordinator.save()
    old_codes = set_up(client, coordinator)
    original = _fresh(TOTPDevice.objects.get(user=coordinator, confirmed=True))
    mailoutbox.clear()

    assert client.get(reverse("otp_setup")).status_code == 200
    new = _pending(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(
            reverse("otp_setup"), {"token": code_for(new), "current_token": code_for(original)}
        )
    assert page.status_code == 200
    new_codes = re.findall(r"<code>([0-9a-f]{10})</code>", page.content.decode())
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    assert list(TOTPDevice.objects.filter(user=coordinator, confirmed=True)) == [new]
    assert [m.to for m in mailoutbox] == [["kim@kommun.example"]]
    assert "bytts till en ny app" in mailoutbox[0].body
    from audit.models import AuditEvent

    assert AuditEvent.objects.filter(
        user=coordinator, action="accounts.replace_second_factor"
    ).exists()


def test_a_replacement_with_a_wrong_current_code_changes_nothing(client, coordinator, required):
    codes = set_up(client, coordinator)
    original = TOTPDevice.objects.get(user=coordinator, confirmed=True)
    client.get(reverse("otp_setup"))
    page = client.post(
        reverse("otp_setup"), {"token": code_for(_pending(coordinator)), "current_token": "123456"}
    )
    assert page.status_code == 200
    assert "nuvarande app eller reservkoden stämmer inte" in page.content.decode()
    assert list(TOTPDevice.objects.filter(user=coordinator, confirmed=True)) == [original]
    assert StaticToken.objects.filter(device__user=coordinator).count() == len(codes)


def test_a_recovery_code_confirms_a_replacement_once(client, coordinator, required):
    codes = set_up(client, coordinator)
    client.get(reverse("otp_setup"))
    new = _pending(coordinator)
    page = client.post(reverse("otp_setup"), {"token": code_for(new), "current_token": codes[3]})
    assert page.status_code == 200
    assert list(TOTPDevice.objects.filter(user=coordinator, confirmed=True)) == [new]


def test_a_replacement_without_the_current_code_is_a_form_error(client, coordinator, required):
    set_up(client, coordinator)
    client.get(reverse("otp_setup"))
    page = client.post(reverse("otp_setup"), {"token": code_for(_pending(coordinator))})
    assert page.status_code == 200
    assert 'name="current_token"' in page.content.decode()
    assert TOTPDevice.objects.filter(user=coordinator, confirmed=False).exists()


def test_a_first_device_is_mailed_to_the_owner(
    client, coordinator, required, django_capture_on_commit_callbacks, mailoutbox
):
    coordinator.email = "kim@kommun.example"
    coordinator.save()
    with django_capture_on_commit_callbacks(execute=True):
        set_up(client, coordinator)
    assert [m.subject for m in mailoutbox] == ["Tvåstegsverifieringen för ditt konto har ändrats"]


def test_hostile_codes_are_form_errors(client, coordinator, required):
    set_up(client, coordinator)
    client.get(reverse("otp_setup"))
    for values in ({"token": "x" * 5000}, {"token": "\u00e5" * 10, "current_token": "' OR 1=1"}):
        page = client.post(reverse("otp_setup"), values)
        assert page.status_code == 200
        assert 'class="field-error"' in page.content.decode()
    assert TOTPDevice.objects.filter(user=coordinator, confirmed=True).count() == 1


def test_signed_in_through_the_idp_a_second_enrolment_is_refused_too(
    client, coordinator, required, provider
):
    """The identity provider proves the person, not the second factor: the same rule holds."""
    set_up(client, coordinator)
    original = TOTPDevice.objects.get(user=coordinator, confirmed=True)
    client.logout()
    coordinator.email = "kim@kommun.example"
    coordinator.save()
    claims = {"sub": "9", "email": coordinator.email, "email_verified": True}
    sign_in_through(client, provider, claims)
    assert client.session.get("_auth_user_id") == str(coordinator.pk)

    answer = client.get(reverse("otp_setup"))
    assert answer["Location"].startswith(reverse("otp_verify"))
    assert list(TOTPDevice.objects.filter(user=coordinator, confirmed=True)) == [original]
    assert client.get("/att-gora/")["Location"].startswith(reverse("otp_verify"))
