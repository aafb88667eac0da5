"""The shared layout (base.html), the sign-in page and the error summary every form uses."""

import re

import pytest
from django.urls import reverse

LOGIN = reverse("login")


@pytest.mark.django_db
def test_every_page_is_swedish_and_loads_the_script_from_a_file(client):
    html = client.get(reverse("publicsite:home")).content.decode()
    assert '<html lang="sv">' in html
    assert re.search(r'<script src="/static/js/site\.js" defer></script>', html)
    assert "<script>" not in html and 'style="' not in html


def test_header_shows_the_persons_name_not_the_username(client, structure):
    from testing.builders import member_user

    client.force_login(member_user("alice", "lsg", last_name="Ek"))
    html = client.get(reverse("publicsite:home")).content.decode()
    assert "Inloggad som <strong>Alice Ek</strong>" in html
    assert ">Logga ut</button>" in html


def test_header_falls_back_to_the_username_for_an_account_without_person(client, db):
    from accounts.models import User

    User.objects.create_user(username="tekniker", password="hemligt-lösen-1")
    client.login(username="tekniker", password="hemligt-lösen-1")
    html = client.get(reverse("publicsite:home")).content.decode()
    assert "Inloggad som <strong>tekniker</strong>" in html


@pytest.mark.django_db
def test_login_page_says_whom_to_contact(client, settings):
    settings.SUPPORT_CONTACT = "hjalp@samverkan.example.se"
    html = client.get(LOGIN).content.decode()
    assert '<a href="mailto:hjalp@samverkan.example.se">hjalp@samverkan.example.se</a>' in html


@pytest.mark.django_db
def test_failed_login_starts_the_form_with_an_error_summary_linking_to_each_field(client):
    html = client.post(LOGIN, {"username": "", "password": ""}).content.decode()
    main = html[html.index("<main") :]
    form = main[main.index("<form") :]
    summary_at = form.index('class="error-summary" role="alert"')
    assert summary_at < form.index("<label")
    assert '<a href="#id_username">Användarnamn: ' in form
    assert '<a href="#id_password">Lösenord: ' in form


@pytest.mark.django_db
def test_each_field_error_sits_with_its_field_and_describes_it(client):
    html = client.post(LOGIN, {"username": "", "password": ""}).content.decode()
    assert '<p class="field-error" id="id_password_error">' in html
    field = re.search(r"<input[^>]*id=\"id_password\"[^>]*>", html).group(0)
    assert 'aria-invalid="true"' in field
    assert 'aria-describedby="id_password_error"' in field


@pytest.mark.django_db
def test_wrong_password_is_told_in_the_summary(client):
    html = client.post(LOGIN, {"username": "ingen", "password": "fel"}).content.decode()
    start = html.index('class="error-summary"')
    summary = html[start : html.index("</div>", start)]
    assert "användarnamn" in summary.lower()
    assert "Något behöver rättas: ett fel i formuläret" in summary


@pytest.mark.django_db
def test_a_form_without_errors_has_no_summary(client):
    html = client.get(LOGIN).content.decode()
    assert "error-summary" not in html


@pytest.mark.django_db
def test_accessibility_statement_names_the_contact_and_when_it_was_reviewed(client, settings):
    settings.SUPPORT_CONTACT = "hjalp@samverkan.example.se"
    html = client.get(reverse("publicsite:accessibility")).content.decode()
    assert 'href="mailto:hjalp@samverkan.example.se"' in html
    assert "granskades senast den 25 november 2026" in html


def test_dates_are_written_with_lower_case_month_names():
    import datetime

    from django.template import Context, Template

    rendered = Template('{{ d|date:"j F Y" }} / {{ d|date }} / {{ d|date:"l j F" }}').render(
        Context({"d": datetime.date(2026, 4, 24)})
    )
    assert rendered == "24 april 2026 / 24 april 2026 / fredag 24 april"
