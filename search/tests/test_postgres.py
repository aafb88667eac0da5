"""PostgreSQL: the `swedish` configuration stems, ranks and writes the snippets."""

from django.db import connection
from django.test import Client

from search.tests.conftest import hits, new_case, new_minutes, new_news, postgres_only, signed_in
from testing.builders import member_user

pytestmark = postgres_only


def search(q, client=None):
    response = (client or Client()).get("/sok/", {"q": q})
    hits(response)
    return response


def test_a_plural_finds_the_singular(coord):
    new_news(coord, "Om utskrivning från sjukhus")
    assert search("utskrivningar").context["total"] == 1


def test_a_definite_form_finds_the_indefinite(coord):
    new_news(coord, "Ny rutin för samordnad individuell plan")
    assert search("rutinerna").context["total"] == 1


def test_a_title_hit_ranks_above_a_text_hit(coord):
    new_news(coord, "Om annat", body="Här nämns läkemedel en gång.")
    in_title = new_news(coord, "Läkemedel i hemsjukvården", body="Text.")
    titles = [hit.title for hit in search("läkemedel").context["page"].object_list]
    assert titles[0] == in_title.title


def test_more_occurrences_rank_higher(coord):
    new_news(coord, "A", body="Demens nämns här.")
    many = new_news(coord, "B", body="Demens, demens och åter demens.")
    titles = [hit.title for hit in search("demens").context["page"].object_list]
    assert titles == [many.title, "A"]


def test_the_snippet_marks_the_stemmed_hit_and_escapes_the_text(coord):
    new_news(coord, "Nyhet", body="<b>Fet</b> & text om utskrivningar av patienter.")
    html = search("utskrivning").content.decode()
    assert "<mark>utskrivningar</mark>" in html
    assert "<b>Fet</b>" not in html


def test_websearch_syntax_phrases_and_exclusions_work(coord):
    new_news(coord, "Samordnad vårdplanering")
    new_news(coord, "Vårdplanering i hemmet")
    assert search('"samordnad vårdplanering"').context["total"] == 1
    assert search("vårdplanering -samordnad").context["total"] == 1
    assert search("hemmet or samordnad").context["total"] == 2


def test_the_case_list_text_filter_stems_too(coord):
    case = new_case(coord, "Utskrivningsklara patienter", description="Om utskrivningar.")
    client = signed_in(member_user("alice", "lsg"))
    html = client.get("/arenden/", {"q": "utskrivning"}).content.decode()
    assert case.get_absolute_url() in html


def test_the_minutes_list_text_filter_stems_too(coord):
    minutes = new_minutes(coord, "Vi beslutade om rutinerna.", approved=True)
    html = Client().get("/minnesanteckningar/", {"q": "rutin"}).content.decode()
    assert minutes.get_absolute_url() in html


def test_the_search_uses_the_gin_index(coord):
    new_news(coord, "Nyhet")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM search_document "
            "WHERE vector @@ websearch_to_tsquery('swedish', 'nyhet')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_document_vector_gin" in plan
