"""POST /nya-ledamoter/<pk>/person/: the coordinator links a new member to a person."""

import pytest
from django.urls import reverse

from testing.builders import person

pytestmark = pytest.mark.django_db


def url(new_member) -> str:
    return reverse("onboarding:link", args=[new_member.pk])


def test_the_coordinator_links_the_person(client, charlie, nora):
    who = person("Nora", last_name="Ny")
    client.force_login(charlie)
    response = client.post(url(nora), {"person": who.pk})
    assert response.status_code == 302
    assert response.url == nora.get_absolute_url()
    nora.refresh_from_db()
    assert nora.person == who
    assert nora.contact_details_on is not None


@pytest.mark.parametrize("who", [None, "alice"])
def test_anonymous_and_members_are_refused_and_nothing_changes(client, nora, who, request):
    target = person("Nora", last_name="Ny")
    if who:
        client.force_login(request.getfixturevalue(who))
    response = client.post(url(nora), {"person": target.pk})
    if who:
        assert response.status_code == 404
    else:
        assert response.url.startswith(reverse("login"))
    nora.refresh_from_db()
    assert nora.person is None


def test_a_person_without_email_is_a_swedish_error(client, charlie, nora):
    who = person("Nora", last_name="Ny", email="")
    client.force_login(charlie)
    response = client.post(url(nora), {"person": who.pk})
    assert response.status_code == 400
    assert "Personen saknar e-postadress" in response.content.decode()
    nora.refresh_from_db()
    assert nora.person is None


@pytest.mark.parametrize("value", ["abc", "-1", "", "99999"])
def test_a_person_id_that_is_no_person_is_a_form_error(client, charlie, nora, value):
    client.force_login(charlie)
    response = client.post(url(nora), {"person": value})
    assert response.status_code == 400
    assert "field-error" in response.content.decode()
    nora.refresh_from_db()
    assert nora.person is None


def test_an_unknown_new_member_is_not_found(client, charlie):
    client.force_login(charlie)
    assert client.post("/nya-ledamoter/abc/person/", {"person": "1"}).status_code == 404
    assert client.post("/nya-ledamoter/99999/person/", {"person": "1"}).status_code == 404
