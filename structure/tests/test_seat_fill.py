"""GET/POST /platser/tillsatt/: "Tillsätt plats" in one form (R-M1, R-M2): an existing or new
person, the seat, the substitute tie and the predecessor's seat ended, in one transaction
through `structure.services.fill_seat`; refused what the seat rules forbid, warned what the
rules check flags."""

import datetime

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from structure.models import Membership, MembershipKind, Person, Principal
from testing.builders import person, seat

pytestmark = pytest.mark.django_db

URL = reverse("structure:seat_fill")
TODAY = datetime.date.today()


def new_person_post(lsg, **values):
    return {
        "first_name": "Nora",
        "last_name": "Ny",
        "principal": Principal.objects.get(slug="vindeln").pk,
        "email": "nora@test.example",
        "group": lsg.pk,
        "kind": MembershipKind.ORDINARY,
        "start_date": TODAY.isoformat(),
    } | values


def test_a_new_person_gets_a_seat_and_the_missing_substitute_is_warned(client, charlie, lsg):
    client.force_login(charlie)
    response = client.post(URL, new_person_post(lsg), follow=True)
    assert response.redirect_chain[-1][0] == f"{lsg.get_absolute_url()}#ledamoter"
    nora = Person.objects.get(last_name="Ny")
    assert nora.memberships.get().group == lsg
    text = response.content.decode()
    assert "Nora Ny är ordinarie ledamot i Länssamverkansgruppen" in text
    assert "Regelkontrollen flaggar: Nora Ny (Vindeln) saknar ersättare." in text
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"structure.create_person", "structure.add_membership"} <= actions


def test_an_existing_person_found_by_the_search_becomes_a_substitute(client, charlie, lsg):
    ordinary = seat(person("Olle", principal="vindeln"), "lsg")
    sam = person("Sam", last_name="Sökbar", principal="vindeln")
    client.force_login(charlie)
    page = client.get(URL, {"grupp": lsg.pk, "sok": "sökbar"}).content.decode()
    assert f'<option value="{sam.pk}">Sam Sökbar (Vindeln)</option>' in page
    assert f'value="{ordinary.pk}"' in page  # the group's ordinary seat to tie to
    response = client.post(
        URL,
        {
            "sok": "sökbar",
            "person": sam.pk,
            "group": lsg.pk,
            "kind": MembershipKind.SUBSTITUTE,
            "substitute_for": ordinary.pk,
            "start_date": TODAY.isoformat(),
        },
        follow=True,
    )
    assert response.status_code == 200
    assert sam.memberships.get().substitute_for == ordinary
    assert "Regelkontrollen flaggar" not in response.content.decode()


def test_the_predecessors_seat_ends_the_day_before_with_its_substitute(client, charlie, lsg):
    old = seat(person("Gammal", principal="vindeln"), "lsg")
    sub = seat(person("Ersatt", principal="vindeln"), "lsg", kind="substitute", substitute_for=old)
    client.force_login(charlie)
    response = client.post(URL, new_person_post(lsg, predecessor=old.pk), follow=True)
    assert response.status_code == 200
    old.refresh_from_db()
    sub.refresh_from_db()
    assert old.end_date == sub.end_date == TODAY - datetime.timedelta(days=1)
    assert Person.objects.get(last_name="Ny").memberships.get().is_current(TODAY)


def test_a_seat_the_rules_forbid_is_refused_with_the_input_kept(client, charlie, lsg):
    seat(person("Olle", principal="vindeln"), "lsg")
    client.force_login(charlie)
    response = client.post(URL, new_person_post(lsg))
    assert response.status_code == 400
    text = response.content.decode()
    assert "Vindeln har 2 ordinarie ledamöter, får ha högst 1." in text
    assert 'value="Nora"' in text and 'value="nora@test.example"' in text
    assert not Person.objects.filter(last_name="Ny").exists()  # nothing left behind


def test_a_refused_predecessor_end_leaves_nothing_behind(client, charlie, lsg):
    old = seat(person("Gammal", principal="vindeln"), "lsg", start_date=TODAY)
    client.force_login(charlie)
    response = client.post(URL, new_person_post(lsg, predecessor=old.pk))
    assert response.status_code == 400
    assert "Slutdatum kan inte ligga före startdatum." in response.content.decode()
    old.refresh_from_db()
    assert old.end_date is None
    assert not Person.objects.filter(last_name="Ny").exists()


def test_neither_or_both_persons_is_a_form_error(client, charlie, lsg):
    sam = person("Sam", principal="vindeln")
    client.force_login(charlie)
    neither = client.post(URL, {"group": lsg.pk, "kind": "ordinary", "start_date": "2026-01-01"})
    assert neither.status_code == 400
    assert "Välj en befintlig person eller ange efternamn." in neither.content.decode()
    both = client.post(URL, new_person_post(lsg, person=sam.pk, sok="Sam"))
    assert both.status_code == 400
    assert "inte båda" in both.content.decode()
    assert not Membership.objects.exists()


@pytest.mark.parametrize(
    "values",
    [
        {"group": "abc"},
        {"group": "99999999999999999999999"},
        {"kind": "chair"},
        {"start_date": "0001-01-01"},
        {"start_date": "9999-12-31"},
        {"start_date": "2026-02-30"},
        {"principal": "-1"},
        {"predecessor": "1e9"},
        {"substitute_for": "99999999999999999999999"},
        {"first_name": "x" * 5000},
        {"email": "not-an-address"},
        {"sok": "x" * 500},
    ],
)
def test_hostile_values_are_form_errors_or_400(client, charlie, lsg, values):
    client.force_login(charlie)
    response = client.post(URL, new_person_post(lsg, **values))
    assert response.status_code == 400
    assert not Membership.objects.exists()


@pytest.mark.parametrize(
    "query", [{"grupp": "x"}, {"person": "9" * 18}, {"ersatter": "-4"}, {"typ": "<b>"}]
)
def test_hostile_prefill_is_ignored(client, charlie, query):
    client.force_login(charlie)
    assert client.get(URL, query).status_code == 200


def test_an_overlong_prefill_answers_400(client, charlie):
    client.force_login(charlie)
    assert client.get(URL, {"person": "9" * 30}).status_code == 400


@pytest.mark.parametrize("who", [None, "alice"])
def test_members_and_anonymous_are_refused_and_nothing_is_written(client, alice, lsg, who):
    if who:
        client.force_login(alice)
    response = client.post(URL, new_person_post(lsg))
    if who:
        assert response.status_code == 403
        assert client.get(URL).status_code == 403
    else:
        assert response.url.startswith(reverse("login"))
    assert not Person.objects.filter(last_name="Ny").exists()


def test_the_form_prefills_a_person_from_the_person_page(client, charlie):
    sam = person("Sam", last_name="Sökbar")
    client.force_login(charlie)
    page = client.get(URL, {"person": sam.pk}).content.decode()
    assert f'<option value="{sam.pk}" selected>Sam Sökbar (Umeå)</option>' in page
