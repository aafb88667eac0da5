"""The index follows every change of content and of state: who may see a document is decided
by the live tables at each search, so a state change needs no re-indexing to be right."""

import io

from django.core.management import call_command
from django.test import Client

from cases import services as case_services
from meetings import services as meeting_services
from search.models import Document, Kind
from search.tests.conftest import (
    approve,
    hits,
    new_case,
    new_meeting,
    new_minutes,
    new_news,
    new_recommendation,
    signed_in,
)
from structure.models import Group
from testing.builders import member_user


def found(client, q) -> int:
    response = client.get("/sok/", {"q": q})
    hits(response)
    return response.context["total"]


def test_minutes_become_findable_when_they_are_approved(coord):
    minutes = new_minutes(coord, "Protokoll om Hagtorn")
    assert found(Client(), "hagtorn") == 0
    approve(minutes)
    assert found(Client(), "hagtorn") == 1


def test_a_recommendation_becomes_findable_when_it_is_expedited(coord):
    rec = new_recommendation(coord, "Rekommendation Slån")
    assert found(Client(), "slån") == 0
    case_services.expedite(recommendation=rec, by=coord)
    assert found(Client(), "slån") == 1


def test_deleted_news_is_gone_from_the_search(coord):
    item = new_news(coord, "Nyhet om Mispel")
    assert found(Client(), "mispel") == 1
    item.delete()
    assert found(Client(), "mispel") == 0
    assert not Document.objects.filter(kind=Kind.NEWS, object_id=item.pk).exists()


def test_a_case_moved_to_another_group_is_found_by_that_group_not_before(coord):
    case = new_case(coord, "Ärende Rönnbär")
    samrad_member = signed_in(member_user("sara", "samrad"))
    assert found(samrad_member, "rönnbär") == 0
    case_services.route_case(case=case, by=coord, group=Group.objects.get(slug="samrad"))
    assert found(samrad_member, "rönnbär") == 1


def test_a_draft_text_replaced_before_approval_is_not_found_after_it(coord):
    minutes = new_minutes(coord, "Första utkastet nämner Fläder")
    meeting_services.save_minutes(
        minutes=minutes, by=coord, summary="Slutlig text om Enbär", justeringsperson=None, items=[]
    )
    approve(minutes)
    assert found(Client(), "fläder") == 0
    assert found(Client(), "enbär") == 1


def test_agenda_items_copied_into_new_minutes_are_searchable(coord):
    meeting = new_meeting(coord)
    meeting_services.add_agenda_item(
        meeting=meeting, by=coord, kind="information", title="Punkt om Nypon", description="d"
    )
    minutes = meeting_services.draft_minutes(meeting=meeting, by=coord)
    approve(minutes)
    assert found(Client(), "nypon") == 1


def test_a_corrected_version_is_searchable_once_approved(coord):
    minutes = new_minutes(coord, "Text om Kornell", approved=True)
    correction = meeting_services.correct_minutes(minutes=minutes, by=coord, reason="Stavfel")
    assert Document.objects.filter(kind=Kind.MINUTES, object_id=correction.pk).exists()
    assert found(Client(), "kornell") == 1
    approve(correction)
    assert found(Client(), "kornell") == 2


def test_a_renamed_meeting_renames_its_minutes_in_the_index(coord):
    minutes = new_minutes(coord, "Text", approved=True)
    meeting = minutes.meeting
    meeting.title = "Temamöte Björnbär"
    meeting.save()
    assert found(Client(), "björnbär") == 1


def test_a_renamed_group_renames_the_text_of_its_minutes_and_recommendations(coord):
    new_minutes(coord, "Text", approved=True)
    new_recommendation(coord, "Rekommendation", expedited=True)
    group = Group.objects.get(slug="lsg")
    group.name = "Länsgruppen Tallkotte"
    group.save()
    response = Client().get("/sok/", {"q": "tallkotte"})
    assert [hit.kind for hit in response.context["page"].object_list] in (
        ["minutes", "recommendation"],
        ["recommendation", "minutes"],
    )


def test_reindex_rebuilds_missing_documents_and_drops_orphans(coord):
    item = new_news(coord, "Nyhet om Havtorn")
    Document.objects.filter(kind=Kind.NEWS, object_id=item.pk).delete()
    Document.objects.create(
        kind=Kind.NEWS, object_id=999_999, title="Havtorn", dated=item.published_at
    )
    assert found(Client(), "havtorn") == 0
    call_command("reindex_search", stdout=io.StringIO())
    assert found(Client(), "havtorn") == 1
    assert not Document.objects.filter(object_id=999_999).exists()
