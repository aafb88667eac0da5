from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from search.tests.conftest import (
    hits,
    new_case,
    new_minutes,
    new_news,
    new_recommendation,
    signed_in,
)
from testing.builders import member_user
from testing.html import visible_text
from testing.queries import COUNTY_FACTS

URL = reverse("search:search")


def search(client, q, **params):
    return client.get(URL, {"q": q, **params})


def test_header_holds_one_accessible_search_box_on_every_page(db):
    html = Client().get(reverse("news:list")).content.decode()
    assert html.count('role="search"') == 1
    assert '<label for="webbplatssok">Sök</label>' in html
    assert f'action="{URL}"' in html and 'method="get"' in html


def test_without_a_query_the_page_shows_only_the_form(db):
    response = Client().get(URL)
    assert response.status_code == 200
    assert response.context["page"] is None


def test_anyone_finds_published_news_labelled_and_linked(coord):
    item = new_news(coord, "Nyhet om Hjortron")
    html = hits(search(Client(), "hjortron"))
    assert "Nyhet" in html and item.get_absolute_url() in html
    assert "1 träff" in html


def test_anyone_finds_approved_minutes_by_their_text(coord):
    minutes = new_minutes(coord, "Vi talade om Lingon.", approved=True)
    assert minutes.get_absolute_url() in hits(search(Client(), "lingon"))


def test_anyone_finds_expedited_recommendations(coord):
    rec = new_recommendation(coord, "Rekommendation Krusbär", expedited=True)
    url = reverse("cases:recommendation_detail", args=[rec.pk])
    assert url in hits(search(Client(), "krusbär"))


def test_a_member_finds_the_cases_of_the_group(coord):
    case = new_case(coord, "Ärende Åkerbär")
    member = member_user("alice", "lsg")
    assert case.get_absolute_url() in hits(search(signed_in(member), "åkerbär"))


def test_a_title_with_markup_comes_out_escaped(coord):
    new_news(
        coord, "<script>alert('Tranbär')</script>", body="<img src=x onerror=alert(1)> Tranbär"
    )
    html = hits(search(Client(), "tranbär"))
    assert "<script>alert" not in html and "<img" not in html
    assert "&lt;script&gt;alert(" in html
    assert "<mark>Tranbär</mark>" in html


def test_hits_are_paginated_with_the_count_of_all(coord):
    for i in range(23):
        new_news(coord, f"Blåbär nummer {i}")
    first = search(Client(), "blåbär")
    assert "23 träffar" in hits(first)
    assert len(first.context["page"].object_list) == 20
    second = search(Client(), "blåbär", sida=2)
    assert len(second.context["page"].object_list) == 3
    assert "Visar 21–23 av 23" in second.content.decode()


def test_a_hostile_or_stale_page_number_shows_the_first_page_of_hits(coord):
    for i in range(23):
        new_news(coord, f"Odon nummer {i}")
    for sida in ("0", "-1", "x", "3", "1.5", "99999999999"):
        response = search(Client(), "odon", sida=sida)
        assert response.status_code == 200
        assert response.context["page"].number == 1, sida
        assert "Visar 1–20 av 23" in response.content.decode(), sida


def test_the_kind_filter_shows_one_kind_with_the_counts_of_each(coord):
    new_news(coord, "Nyhet om Vinbär")
    new_minutes(coord, "Minnesanteckning om Vinbär", approved=True)
    response = search(Client(), "vinbär", typ="nyheter")
    assert "Minnesanteckningar (1)" in hits(response)
    assert [hit.kind for hit in response.context["page"].object_list] == ["news"]


def test_an_unknown_kind_is_a_form_error_not_a_500(db):
    response = search(Client(), "vård", typ="hemligt")
    assert response.status_code == 400
    assert "Något behöver rättas" in response.content.decode()


def test_hostile_queries_never_answer_500(coord):
    new_news(coord, "Nyhet om Hallon")
    client = Client()
    for q in [
        "",
        " ",
        "&|!:*",
        "hallon & | ! :* <-> (",
        '"hallon',
        "-hallon",
        "or or or",
        "'; drop table search_document; --",
        "\\",
        "%_%",
        "ä" * 200,
    ]:
        response = search(client, q)
        assert response.status_code == 200, q


def test_an_overlong_query_is_refused_with_a_message(db):
    response = search(Client(), "a" * 10_000)
    assert response.status_code == 400


def test_a_query_over_the_form_limit_is_a_form_error(db):
    response = search(Client(), "ö" * 201)
    assert response.status_code == 400
    assert "högst 200 tecken" in response.content.decode()


def test_a_nul_character_is_refused(db):
    assert search(Client(), "hallon\x00").status_code == 400


def test_punctuation_only_finds_nothing(coord):
    new_news(coord, "Nyhet med & och |")
    response = search(Client(), "& |")
    assert response.context["total"] == 0


def test_a_search_without_hits_says_so_with_a_hint(db):
    text = visible_text(hits(search(Client(), "hjortronsylt")))
    assert "Inga träffar för ”hjortronsylt”" in text
    assert "Prova färre eller andra ord" in text


def test_a_search_with_hits_does_not_say_there_are_none(coord):
    new_news(coord, "Nyhet om Hjortronsylt")
    text = visible_text(hits(search(Client(), "hjortronsylt")))
    assert "1 träff för ”hjortronsylt”" in text and "Inga träffar" not in text


def test_a_kind_without_hits_says_so_while_other_kinds_have_some(coord):
    new_news(coord, "Nyhet om Hjortronsylt")
    text = visible_text(hits(search(Client(), "hjortronsylt", typ="arenden")))
    assert "Inga träffar för ”hjortronsylt” bland ärenden" in text
    assert "Nyheter (1)" in text


def _queries(client, q) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, {"q": q}).status_code == 200
    return len(captured)


def test_the_search_page_reads_as_many_queries_for_5_as_for_50_documents(coord):
    member = member_user("alice", "lsg")
    client = signed_in(member)
    client.get(URL)  # the session's first request reads more (the user, once)
    for i in range(5):
        new_news(coord, f"Krikon {i}")
        new_case(coord, f"Krikon ärende {i}")
    few = _queries(client, "krikon")
    for i in range(45):
        new_news(coord, f"Krikon {i}")
        new_case(coord, f"Krikon ärende {i}")
    assert _queries(client, "krikon") == few
    assert few <= 8 + COUNTY_FACTS
