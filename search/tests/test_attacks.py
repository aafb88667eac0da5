"""Attacks on the search: nobody finds what they may not see — not in the hits, not in the
counts, not on a later page, not in a snippet. Each secret is searched by a word only it holds.
"""

import pytest
from django.urls import reverse

from search import query
from search.models import Document, Kind
from testing import attack_world as w

URL = reverse("search:search")

LSG_SECRETS = [
    "Tornado",  # draft minutes
    "Orkan",  # minutes waiting for approval
    "Xylofon",  # an agenda item, copied into draft minutes
    "Flamingo",  # approved minutes of the AU, whose minutes are not public
    "Omega",  # an internal case
    "Pelikan",  # its description
    "Lakrits",  # its proposal
    "Vulkan",  # an unexpedited recommendation
    "Mandarin",  # its att-sats
    "Gurka",  # the internal description of a case with a public recommendation
]
SAMRAD_SECRETS = ["Kanel", "Marsvin", "Sigma", "Tistel"]


def _answer(client, q, **params):
    response = client.get(URL, {"q": q, **params})
    assert response.status_code == 200
    return response


def _assert_nothing(client, word):
    for page in (1, 2):
        response = _answer(client, word, sida=page)
        assert response.context["total"] == 0, word
        assert all(kind["count"] == 0 for kind in response.context["kinds"]), word
        assert list(response.context["page"].object_list) == [], word


@pytest.mark.parametrize("secret", LSG_SECRETS)
def test_outsiders_of_lsg_find_none_of_its_secrets(world, secret):
    for client in w.outsider_clients(w.OUTSIDERS_OF_LSG):
        _assert_nothing(client, secret)


@pytest.mark.parametrize("secret", SAMRAD_SECRETS)
def test_outsiders_of_samrad_find_none_of_its_secrets(world, secret):
    for client in w.outsider_clients(w.OUTSIDERS_OF_SAMRAD):
        _assert_nothing(client, secret)


def test_the_public_finds_the_public_minutes_and_recommendation(world):
    for client in w.outsider_clients(w.OUTSIDERS_OF_LSG):
        assert _answer(client, "Ankdamm").context["total"] == 1
        assert _answer(client, "Blabar").context["total"] == 1


def test_a_word_shared_by_public_and_secret_minutes_shows_only_the_public_ones(world):
    """Every LSG minutes holds the group's name; page through all hits and counts."""
    secret_urls = [
        world.draft.get_absolute_url(),
        world.pending.get_absolute_url(),
        world.au_minutes.get_absolute_url(),
        world.case_lsg.get_absolute_url(),
        reverse("cases:recommendation_detail", args=[world.rec_hidden.pk]),
    ]
    for client in w.outsider_clients(w.OUTSIDERS_OF_LSG):
        first = _answer(client, "Länssamverkansgruppen")
        urls = []
        for number in first.context["page"].paginator.page_range:
            page = _answer(client, "Länssamverkansgruppen", sida=number).context["page"]
            urls += [hit.url for hit in page.object_list]
        assert world.approved.get_absolute_url() in urls
        assert not set(secret_urls) & set(urls)
        assert first.context["total"] == len(urls)


def test_the_group_s_member_finds_its_drafts_and_cases(world):
    client = w.as_user("ledamot")
    assert _answer(client, "Tornado").context["total"] == 1
    assert _answer(client, "Omega").context["total"] == 1
    assert _answer(client, "Sigma").context["total"] == 0


def test_snippets_never_show_the_hidden_text_of_a_visible_object(world):
    """The public recommendation's case is internal: its description stays out of any snippet."""
    html = _answer(w.Client(), "Blabar").content.decode()
    assert "Gurka" not in html and "Rabarber" not in html


def test_the_minutes_list_filter_finds_only_approved_public_minutes(world):
    for word, expected in [("Ankdamm", 1), ("Tornado", 0), ("Flamingo", 0), ("Orkan", 0)]:
        response = w.Client().get(reverse("meetings:minutes_list"), {"q": word})
        assert response.context["page"].paginator.count == expected, word


def test_the_case_list_filter_finds_only_visible_cases(world):
    client = w.as_user("samradsledamot")
    for word, expected in [("Sigma", 1), ("Omega", 0), ("Pelikan", 0)]:
        response = client.get(reverse("cases:case_list"), {"q": word})
        assert response.context["page"].paginator.count == expected, word


UNEXPEDITED = {"Vulkan", "Mandarin"}


@pytest.mark.parametrize("secret", sorted(set(LSG_SECRETS + SAMRAD_SECRETS) - UNEXPEDITED))
def test_the_coordinator_finds_every_secret_so_the_attacks_above_can_fail(world, secret):
    assert _answer(w.as_user("koordinator"), secret).context["total"] >= 1


@pytest.mark.parametrize("secret", sorted(UNEXPEDITED))
def test_unexpedited_recommendations_are_indexed_yet_found_by_nobody(world, secret):
    assert Document.objects.filter(query.matches(secret), kind=Kind.RECOMMENDATION).exists()
    assert _answer(w.as_user("koordinator"), secret).context["total"] == 0
