"""The coordinator's actions on a group's member list (R-M1): "Avsluta" (a confirm page, then
the seat ends on a date, its substitutes with it) and "Byt ersättare" (another substitute tied
to an ordinary member from a day), through `structure.services`."""

import datetime

import pytest
from django.urls import reverse

from structure.models import MembershipKind
from testing.builders import person, seat

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
YESTERDAY = TODAY - datetime.timedelta(days=1)


@pytest.fixture
def olle(structure):
    return seat(person("Olle", principal="vindeln"), "lsg")


@pytest.fixture
def sub(olle):
    return seat(
        person("Sub", principal="vindeln"),
        "lsg",
        kind=MembershipKind.SUBSTITUTE,
        substitute_for=olle,
    )


def end_url(membership):
    return reverse("structure:seat_end", args=[membership.pk])


def substitute_url(membership):
    return reverse("structure:seat_substitute", args=[membership.pk])


# --- Avsluta ---------------------------------------------------------------------------------


def test_the_confirm_page_names_the_substitutes_that_end_too(client, charlie, olle, sub):
    client.force_login(charlie)
    page = client.get(end_url(olle))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Bekräfta: avsluta platsen" in text
    assert "avslutas samma dag: Sub Testsson" in text
    olle.refresh_from_db()
    assert olle.end_date is None  # the GET changes nothing


def test_the_coordinator_ends_a_seat_and_its_substitute(client, charlie, olle, sub, lsg):
    client.force_login(charlie)
    response = client.post(end_url(olle), {"end_date": YESTERDAY.isoformat()})
    assert response.status_code == 302
    assert response.url == f"{lsg.get_absolute_url()}#ledamoter"
    olle.refresh_from_db()
    sub.refresh_from_db()
    assert olle.end_date == sub.end_date == YESTERDAY


def test_an_end_before_the_start_is_refused_with_the_input_kept(client, charlie, olle):
    client.force_login(charlie)
    response = client.post(end_url(olle), {"end_date": "2019-06-30"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Slutdatum kan inte ligga före startdatum." in text
    assert 'value="2019-06-30"' in text
    olle.refresh_from_db()
    assert olle.end_date is None


@pytest.mark.parametrize(
    "value", ["", "yesterday", "0001-01-01", "9999-12-31", "2026-13-01", "x" * 5000]
)
def test_a_hostile_end_date_is_a_form_error(client, charlie, olle, value):
    client.force_login(charlie)
    assert client.post(end_url(olle), {"end_date": value}).status_code == 400
    olle.refresh_from_db()
    assert olle.end_date is None


@pytest.mark.parametrize("who", [None, "alice"])
def test_members_and_anonymous_may_not_end_a_seat(client, alice, olle, who):
    if who:
        client.force_login(alice)
    response = client.post(end_url(olle), {"end_date": YESTERDAY.isoformat()})
    if who:
        assert response.status_code == 403
    else:
        assert response.url.startswith(reverse("login"))
    olle.refresh_from_db()
    assert olle.end_date is None


def test_an_unknown_seat_is_404(client, charlie):
    client.force_login(charlie)
    assert client.get("/platser/99999999/avsluta/").status_code == 404


# --- Byt ersättare ---------------------------------------------------------------------------


def test_another_person_becomes_the_substitute_and_the_old_one_ends(client, charlie, olle, sub):
    stina = person("Stina", last_name="Sökbar", principal="vindeln")
    client.force_login(charlie)
    page = client.get(substitute_url(olle), {"sok": "sökbar"}).content.decode()
    assert f'value="{stina.pk}"' in page
    response = client.post(
        substitute_url(olle),
        {"sok": "sökbar", "person": stina.pk, "start_date": TODAY.isoformat(), "end_current": "on"},
        follow=True,
    )
    assert response.status_code == 200
    sub.refresh_from_db()
    assert sub.end_date == YESTERDAY
    new = stina.memberships.get()
    assert (new.kind, new.substitute_for, new.start_date) == ("substitute", olle, TODAY)
    text = response.content.decode()
    assert "Stina Sökbar är ersättare för Olle Testsson" in text
    assert "Regelkontrollen flaggar" not in text


def test_without_ending_the_current_one_both_stand_in(client, charlie, olle, sub):
    stina = person("Stina", last_name="Sökbar", principal="vindeln")
    client.force_login(charlie)
    client.post(
        substitute_url(olle),
        {"sok": "sökbar", "person": stina.pk, "start_date": TODAY.isoformat()},
    )
    sub.refresh_from_db()
    assert sub.end_date is None
    assert stina.memberships.get().substitute_for == olle


def test_a_substitute_of_the_group_is_offered_without_a_search(client, charlie, olle, lsg):
    other = seat(person("Annan", principal="bjurholm"), "lsg")
    spare = seat(
        person("Spare", principal="bjurholm"), "lsg", kind="substitute", substitute_for=other
    )
    client.force_login(charlie)
    page = client.get(substitute_url(olle)).content.decode()
    assert f'value="{spare.person_id}"' in page
    response = client.post(
        substitute_url(olle),
        {"person": spare.person_id, "start_date": TODAY.isoformat(), "end_current": "on"},
        follow=True,
    )
    spare.refresh_from_db()
    assert spare.end_date == YESTERDAY  # its old tie ends
    assert spare.person.memberships.get(end_date=None).substitute_for == olle
    # Annan is now without a substitute: the rules check flags it, the coordinator is told
    assert "Regelkontrollen flaggar: Annan Testsson (Bjurholm) saknar ersättare." in (
        response.content.decode()
    )


def test_a_person_not_offered_is_a_form_error(client, charlie, olle):
    stranger = person("Stranger")
    client.force_login(charlie)
    response = client.post(
        substitute_url(olle), {"person": stranger.pk, "start_date": TODAY.isoformat()}
    )
    assert response.status_code == 400
    assert not stranger.memberships.exists()


def test_a_start_before_the_member_sits_is_refused_with_the_input_kept(client, charlie, olle):
    stina = person("Stina", last_name="Sökbar", principal="vindeln")
    client.force_login(charlie)
    response = client.post(
        substitute_url(olle), {"sok": "sökbar", "person": stina.pk, "start_date": "2019-01-01"}
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "sitter inte i Länssamverkansgruppen den 2019-01-01" in text
    assert 'value="2019-01-01"' in text
    assert not stina.memberships.exists()


@pytest.mark.parametrize(
    "values",
    [
        {"person": "abc"},
        {"person": "99999999999999999999999"},
        {"start_date": "0001-01-01"},
        {"sok": "x" * 500},
    ],
)
def test_hostile_substitute_values_are_form_errors_or_400(client, charlie, olle, values):
    client.force_login(charlie)
    data = {"person": "1", "start_date": TODAY.isoformat()} | values
    assert client.post(substitute_url(olle), data).status_code == 400


def test_only_an_ordinary_seat_has_a_substitute_to_change(client, charlie, sub):
    client.force_login(charlie)
    assert client.get(substitute_url(sub)).status_code == 404


@pytest.mark.parametrize("who", [None, "alice"])
def test_members_and_anonymous_may_not_change_a_substitute(client, alice, olle, who):
    stina = person("Stina", last_name="Sökbar", principal="vindeln")
    if who:
        client.force_login(alice)
    response = client.post(
        substitute_url(olle),
        {"sok": "sökbar", "person": stina.pk, "start_date": TODAY.isoformat()},
    )
    if who:
        assert response.status_code == 403
    else:
        assert response.url.startswith(reverse("login"))
    assert not stina.memberships.exists()
