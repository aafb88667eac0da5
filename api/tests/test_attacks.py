"""Attacks on the open interfaces (API, OParl, catalogue): nothing unpublished, internal or
personal comes out through any endpoint, filter, ordering or token."""

import pytest

from api.tests.conftest import bearer
from cases import selectors as case_selectors
from meetings import services as meeting_services
from meetings.models import Minutes
from structure.models import Person
from testing.builders import coordinator_user

SECRET_ITEM = "Hemlig punkt om personalfrågor"
SECRET_SUMMARY = "Utkast som ingen utanför gruppen får läsa"
SECRET_LINK = "https://video.example/hemligt-mote"

API_LISTS = [
    "/api/v1/principals?limit=100",
    "/api/v1/groups?limit=100",
    "/api/v1/groups?limit=100&offset=25",
    "/api/v1/groups/lsg",
    "/api/v1/meetings?limit=100",
    "/api/v1/meetings?limit=100&group=lsg&year=2026",
    "/api/v1/minutes?limit=100",
    "/api/v1/minutes?limit=100&q=Hemlig",
    "/api/v1/minutes?limit=100&q=Utkast&group=lsg",
    "/api/v1/recommendations?limit=100",
    "/api/v1/groups/lsg/balance-list?limit=100",
    "/api/v1/patient-safety/compilation",
]
OPARL_LISTS = [
    f"/oparl/v1/body/samverkan/{name}/"
    for name in [
        "organizations",
        "persons",
        "memberships",
        "meetings",
        "agendaitems",
        "papers",
        "consultations",
        "files",
        "locations",
    ]
]


def everything_public(client, **headers) -> str:
    texts = []
    for url in API_LISTS + OPARL_LISTS + ["/data/", "/data/katalog.jsonld"]:
        response = client.get(url, **headers)
        assert response.status_code == 200, url
        texts.append(response.content.decode())
        if url.startswith("/oparl/"):
            page = 2
            while response.json()["links"].get("next"):
                response = client.get(f"{url}?page={page}", **headers)
                texts.append(response.content.decode())
                page += 1
    return "\n".join(texts)


@pytest.fixture
def internal_meeting(coordinator, lsg_meeting):
    """A meeting with a draft agenda item and draft minutes, and a secret video link."""
    meeting_services.add_agenda_item(
        meeting=lsg_meeting, by=coordinator, kind="discussion", title=SECRET_ITEM
    )
    minutes = meeting_services.draft_minutes(meeting=lsg_meeting, by=coordinator)
    Minutes.objects.filter(pk=minutes.pk).update(summary=SECRET_SUMMARY)
    lsg_meeting.link = SECRET_LINK
    lsg_meeting.save()
    return lsg_meeting


def test_draft_agendas_unapproved_minutes_and_video_links_never_come_out(
    client, internal_meeting, token_for
):
    for headers in ({}, bearer(token_for("koordinator"))):
        text = everything_public(client, **headers)
        assert SECRET_ITEM not in text
        assert SECRET_SUMMARY not in text
        assert SECRET_LINK not in text


def test_unapproved_minutes_answer_404_by_id_even_for_a_coordinators_token(
    client, internal_meeting, token_for
):
    minutes = internal_meeting.minutes.get()
    assert client.get(f"/api/v1/minutes/{minutes.pk}").status_code == 404
    headers = bearer(token_for("koordinator"))
    assert client.get(f"/api/v1/minutes/{minutes.pk}", **headers).status_code == 404
    assert client.get(f"/oparl/v1/file/{minutes.pk}/").status_code == 404
    item = minutes.items.first()
    assert client.get(f"/oparl/v1/agendaitem/{item.pk}/").status_code == 404


def test_unexpedited_recommendations_and_case_descriptions_never_come_out(
    client, adopted, token_for
):
    for headers in ({}, bearer(token_for("koordinator"))):
        text = everything_public(client, **headers)
        assert adopted.title not in text
        assert "Intern beskrivning" not in text
    assert client.get(f"/api/v1/recommendations/{adopted.pk}").status_code == 404
    assert client.get(f"/oparl/v1/paper/{adopted.pk}/").status_code == 404
    treatment = adopted.case.treatments.first()
    assert client.get(f"/oparl/v1/consultation/{treatment.pk}/").status_code == 404


def test_contact_details_of_members_never_come_out(client, full_demo, token_for):
    emails = {p.email for p in Person.objects.exclude(email="")}
    phones = {p.phone for p in Person.objects.exclude(phone="")}
    assert emails and phones
    text = everything_public(client, **bearer(token_for("koordinator")))
    assert not [e for e in emails if e in text]
    assert not [p for p in phones if p in text]
    detail = client.get("/api/v1/groups/lsg").json()
    assert set(detail["members"][0]) == {
        "name",
        "principal",
        "principal_code",
        "kind",
        "position",
        "role",
    }


def test_a_meeting_outside_the_public_calendar_is_invisible_through_every_filter(
    client, lsg_meeting
):
    lsg_meeting.is_public = False
    lsg_meeting.save()
    for query in ["", "?group=lsg", "?year=2026", "?form=in_person", "?from=2026-03-12"]:
        items = client.get(f"/api/v1/meetings{query}").json()["items"]
        assert lsg_meeting.pk not in [m["id"] for m in items], query
    assert client.get(f"/api/v1/meetings/{lsg_meeting.pk}").status_code == 404
    assert client.get(f"/oparl/v1/meeting/{lsg_meeting.pk}/").status_code == 404
    assert client.get(f"/oparl/v1/location/{lsg_meeting.pk}/").status_code == 404


def test_ordering_and_filters_outside_the_schema_are_refused_or_ignored(client, lsg_meeting):
    refused = client.get("/api/v1/meetings?ordering=is_public")
    assert refused.status_code == 422
    assert refused.json()["code"] == "invalid_input"
    lsg_meeting.is_public = False
    lsg_meeting.save()
    sneaky = client.get("/api/v1/meetings?is_public=false&group__is_public=0").json()
    assert sneaky["count"] == 0


def test_a_members_token_lists_only_the_cases_the_member_may_see(client, full_demo, token_for):
    from accounts.models import User

    member = User.objects.get(username="ledamot")
    visible = set(case_selectors.visible_cases(member).values_list("pk", flat=True))
    response = client.get("/api/v1/cases?limit=100", **bearer(token_for("ledamot")))
    listed = {c["id"] for c in response.json()["items"]}
    assert listed == visible
    coordinator = client.get("/api/v1/cases?limit=100", **bearer(token_for("koordinator")))
    assert coordinator.json()["count"] > len(listed)


def test_responses_to_token_requests_carry_no_cors_headers(client, structure, token_for):
    coordinator_user("charlie")
    response = client.get("/api/v1/principals", **bearer(token_for("charlie")))
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response
    preflight = client.options(
        "/api/v1/cases",
        HTTP_ORIGIN="https://elak.example",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization",
    )
    assert "authorization" not in preflight.get("Access-Control-Allow-Headers", "").lower()
    assert "Access-Control-Allow-Credentials" not in preflight
