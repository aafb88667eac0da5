"""SQLite has no Swedish full-text search: the index keeps a case-folded copy of the text and
every word of the query must occur in it (see README, "Search")."""

from django.test import Client

from search.tests.conftest import hits, new_case, new_news, signed_in, sqlite_only
from testing.builders import member_user

pytestmark = sqlite_only


def found(client, q) -> int:
    response = client.get("/sok/", {"q": q})
    hits(response)
    return response.context["total"]


def test_a_capitalised_swedish_word_finds_the_lower_case_one(coord):
    new_news(coord, "Om äldre i Åsele")
    assert found(Client(), "Äldre") == 1
    assert found(Client(), "ÅSELE") == 1


def test_a_word_finds_longer_words_that_contain_it(coord):
    new_news(coord, "Äldreomsorgen växer")
    assert found(Client(), "ÄLDRE") == 1


def test_every_word_of_the_query_must_occur(coord):
    new_news(coord, "Äldre och vård")
    assert found(Client(), "äldre vård") == 1
    assert found(Client(), "äldre skola") == 0


def test_like_wildcards_in_the_query_are_plain_characters(coord):
    new_news(coord, "Något helt annat")
    assert found(Client(), "%") == 0
    assert found(Client(), "_") == 0


def test_the_case_list_text_filter_folds_swedish_capitals(coord):
    case = new_case(coord, "Öppna jämförelser")
    client = signed_in(member_user("alice", "lsg"))
    html = client.get("/arenden/", {"q": "ÖPPNA"}).content.decode()
    assert case.get_absolute_url() in html
