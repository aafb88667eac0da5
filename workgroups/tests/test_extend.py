"""POST /arbetsgrupper/<pk>/forlang/: the coordinator records an extension (R-F1)."""

import datetime

import pytest
from django.urls import reverse

from testing.builders import member_user
from testing.html import elements
from workgroups import services
from workgroups.models import Extension, Status

pytestmark = pytest.mark.django_db
DATA = {"new_due_on": "2026-12-01", "decided_on": "2026-04-01", "decision_reference": "LSG § 9"}


@pytest.fixture
def wg(charlie, setup_kwargs):
    return services.set_up_working_group(by=charlie, **setup_kwargs)


def url(wg) -> str:
    return reverse("workgroups:extend", args=[wg.pk])


def test_the_coordinator_extends_a_working_group(client, charlie, wg):
    client.force_login(charlie)
    response = client.post(url(wg), DATA, follow=True)
    assert response.redirect_chain == [(wg.get_absolute_url(), 302)]
    assert "Förlängningen är registrerad." in response.content.decode()
    wg.refresh_from_db()
    assert (wg.status, wg.due_on) == (Status.EXTENDED, datetime.date(2026, 12, 1))
    assert Extension.objects.get().previous_due_on == datetime.date(2026, 6, 1)


def test_anonymous_is_sent_to_sign_in_and_nothing_changes(client, wg):
    response = client.post(url(wg), DATA)
    assert response.url.startswith(reverse("login"))
    assert not Extension.objects.exists()


def test_a_member_is_refused_and_nothing_changes(client, wg):
    client.force_login(member_user("alice", "lsg"))
    assert client.post(url(wg), DATA).status_code == 403
    wg.refresh_from_db()
    assert wg.status == Status.SET_UP
    assert not Extension.objects.exists()


def test_a_date_before_the_current_one_is_a_swedish_error_and_keeps_the_input(client, charlie, wg):
    client.force_login(charlie)
    response = client.post(
        url(wg), {**DATA, "new_due_on": "2026-05-01", "decision_reference": "AU § 77"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Det nya datumet måste ligga efter nuvarande leveransdatum (2026-06-01)." in body
    assert 'value="AU § 77"' in body
    assert 'value="2026-05-01"' in body
    assert not Extension.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("new_due_on", "abc", "Fyll i ett giltigt datum."),
        ("decided_on", "10000-01-01", "Fyll i ett giltigt datum."),
        ("decision_reference", "x" * 5000, "har som mest 200 tecken"),
    ],
)
def test_hostile_values_are_a_form_error_not_500(client, charlie, wg, field, value, says):
    client.force_login(charlie)
    response = client.post(url(wg), {**DATA, field: value})
    assert response.status_code == 400
    assert says in response.content.decode()
    assert not Extension.objects.exists()


def test_an_id_that_is_no_number_is_not_found(client, charlie):
    client.force_login(charlie)
    assert client.post("/arbetsgrupper/abc/forlang/", DATA).status_code == 404


def test_extending_a_closed_group_says_why_on_the_page(client, charlie, wg):
    services.close_working_group(working_group=wg, by=charlie)
    client.force_login(charlie)
    response = client.post(url(wg), DATA)
    assert response.status_code == 400
    assert "Arbetsgruppen är redan avslutad." in response.content.decode()
    assert not Extension.objects.exists()


def test_the_extensions_table_is_a_named_region_that_stacks_on_a_phone(client, charlie, wg):
    """The table of extensions widened the page on a phone by 21 px (#18): it is now a
    card per row below 600 px, inside a focusable region named by its caption."""
    client.force_login(charlie)
    client.post(url(wg), DATA)
    html = client.get(wg.get_absolute_url()).content.decode()
    (region,) = [e for e in elements(html) if "table-scroll" in (e.attrs.get("class") or "")]
    assert region.attrs["role"] == "region" and region.attrs["tabindex"] == "0"
    (caption,) = [e for e in elements(html, "caption") if e.attrs.get("id")]
    assert region.attrs["aria-labelledby"] == caption.attrs["id"] and caption.text == [
        "Förlängningar"
    ]
    (table,) = elements(html, "table")
    assert table.attrs["class"] == "stack"
    labels = [e.attrs.get("data-label") for e in elements(html, "td")]
    assert labels == ["Beslutat", "Från", "Till", "Beslut"]
