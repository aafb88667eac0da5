"""POST /nya-ledamoter/<pk>/steg/: the coordinator marks a checklist step as done."""

import pytest
from django.urls import reverse

from testing.builders import person

pytestmark = pytest.mark.django_db


def url(new_member) -> str:
    return reverse("onboarding:step", args=[new_member.pk])


def test_the_coordinator_marks_the_introduction_done(client, charlie, nora):
    client.force_login(charlie)
    response = client.post(url(nora), {"step": "introduction"})
    assert response.status_code == 302
    assert response.url == nora.get_absolute_url()
    nora.refresh_from_db()
    assert nora.introduction_on is not None


@pytest.mark.parametrize("who", [None, "alice"])
def test_anonymous_and_members_are_refused_and_nothing_changes(client, nora, who, request):
    if who:
        client.force_login(request.getfixturevalue(who))
    response = client.post(url(nora), {"step": "introduction"})
    if who:
        assert response.status_code == 404
    else:
        assert response.url.startswith(reverse("login"))
    nora.refresh_from_db()
    assert nora.introduction_on is None


def test_a_step_that_needs_the_person_first_says_so(client, charlie, nora):
    client.force_login(charlie)
    response = client.post(url(nora), {"step": "membership"}, follow=True)
    assert response.redirect_chain == [(nora.get_absolute_url(), 302)]
    assert "Koppla den nya ledamoten till en person i strukturen först." in (
        response.content.decode()
    )
    nora.refresh_from_db()
    assert nora.membership_on is None


def test_membership_without_a_seat_says_so(client, charlie, nora):
    nora.person = person("Nora", last_name="Ny")
    nora.save()
    client.force_login(charlie)
    response = client.post(url(nora), {"step": "membership"}, follow=True)
    assert "har inget registrerat uppdrag i Länssamverkansgruppen" in response.content.decode()
    nora.refresh_from_db()
    assert nora.membership_on is None


@pytest.mark.parametrize("step", ["bogus", "", "x" * 5000, "person"])
def test_a_hostile_step_answers_400(client, charlie, nora, step):
    client.force_login(charlie)
    assert client.post(url(nora), {"step": step}).status_code == 400
    nora.refresh_from_db()
    assert [done for _, _, done in nora.checklist] == [None, None, None, None]
