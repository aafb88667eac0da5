"""POST /au-moten/<pk>/beredning/anta/: the coordinator adopts the AU's proposal into the
parent's agenda."""

import pytest
from django.urls import reverse

from preparation.tests.conftest import proposed

pytestmark = pytest.mark.django_db


def url(au) -> str:
    return reverse("preparation:adopt", args=[au.pk])


def test_the_coordinator_adopts_the_proposal(client, au, parent, charlie):
    proposed(au, parent, "Första", "Andra")
    client.force_login(charlie)
    response = client.post(url(au), follow=True)
    assert response.redirect_chain[-1][0] == reverse("preparation:prepare", args=[au.pk])
    assert "2 punkter förda till dagordningen." in response.content.decode()
    titles = list(parent.items.order_by("position").values_list("title", flat=True))
    assert titles[-2:] == ["Första", "Andra"]


def test_anonymous_is_sent_to_sign_in_and_nothing_is_adopted(client, au, parent):
    proposed(au, parent, "Första")
    assert client.post(url(au)).url.startswith(reverse("login"))
    assert not parent.items.filter(title="Första").exists()


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_an_au_member_or_outsider_gets_404_and_nothing_is_adopted(client, au, parent, who, request):
    proposed(au, parent, "Första")
    client.force_login(request.getfixturevalue(who))
    assert client.post(url(au)).status_code == 404
    assert not parent.items.filter(title="Första").exists()


def test_nothing_to_adopt_is_a_message(client, au, parent, charlie):
    client.force_login(charlie)
    response = client.post(url(au), follow=True)
    assert "Det finns inga nya förslag att föra till dagordningen." in response.content.decode()


def test_a_meeting_that_is_not_an_au_meeting_is_not_found(client, parent, charlie):
    client.force_login(charlie)
    assert client.post(url(parent)).status_code == 404
