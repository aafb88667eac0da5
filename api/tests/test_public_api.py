"""The public reads: pagination, filters, errors, ETag/304, CORS, rate limit and the schema."""

import datetime

from django.core.cache import cache
from django.utils.http import http_date

from api.tests.conftest import bearer
from meetings.models import Meeting
from structure.models import Group
from testing.builders import coordinator_user, member_user


def test_the_openapi_schema_and_the_interactive_docs_are_served(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/recommendations/{recommendation_id}/decisions" in schema["paths"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert "/static/ninja/swagger-ui" in docs.content.decode()  # served by us, not a CDN


def test_lists_are_paged_with_links_and_pages_do_not_overlap(client, structure):
    first = client.get("/api/v1/groups?limit=10").json()
    second = client.get(first["next"].replace("http://testserver", "")).json()
    assert first["count"] == second["count"] > 10
    assert first["previous"] is None and second["previous"]
    first_slugs = {g["slug"] for g in first["items"]}
    assert len(first_slugs) == 10
    assert not first_slugs & {g["slug"] for g in second["items"]}


def test_a_limit_above_the_bound_is_refused_with_a_swedish_message_and_a_code(client, db):
    response = client.get("/api/v1/principals?limit=101")
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_input"
    assert body["message"].startswith("Ogiltiga uppgifter")
    assert body["errors"][0]["field"] == "query.limit"


def test_bad_filter_values_get_422_not_500(client, db):
    for query in ["year=abc", "year=99999", "from=2026-13-01", "form=teleport", "group=../x"]:
        response = client.get(f"/api/v1/meetings?{query}")
        assert response.status_code == 422, query
        assert response.json()["code"] == "invalid_input"


def test_huge_ids_get_422_and_missing_ones_404_json(client, db):
    assert client.get("/api/v1/meetings/99999999999999999999").status_code == 422
    missing = client.get("/api/v1/meetings/424242")
    assert missing.status_code == 404
    assert missing.json() == {"code": "not_found", "message": "Det du söker finns inte."}


def test_meetings_filter_by_group_form_and_date_range(client, lsg_meeting):
    def ids(query):
        return [m["id"] for m in client.get(f"/api/v1/meetings?{query}").json()["items"]]

    assert ids("group=lsg&year=2026&form=in_person") == [lsg_meeting.pk]
    assert ids("from=2026-03-12&to=2026-03-12") == [lsg_meeting.pk]
    assert ids("to=2026-03-11") == []
    assert ids("group=samrad") == []


def test_a_conditional_get_with_the_etag_answers_304(client, structure):
    first = client.get("/api/v1/principals")
    etag = first["ETag"]
    assert etag
    again = client.get("/api/v1/principals", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert client.get("/oparl/v1/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_meeting_has_last_modified_and_answers_304_to_if_modified_since(client, structure):
    group = Group.objects.get(slug="lsg")
    start = datetime.datetime(2027, 2, 11, 9, tzinfo=datetime.UTC)
    meeting = Meeting.objects.create(
        group=group, starts_at=start, ends_at=start + datetime.timedelta(hours=2), form="video"
    )
    url = f"/api/v1/meetings/{meeting.pk}"
    first = client.get(url)
    assert first["Last-Modified"] == http_date(meeting.updated_at.timestamp())
    again = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    Meeting.objects.filter(pk=meeting.pk).update(
        cancelled=True, updated_at=meeting.updated_at + datetime.timedelta(minutes=5)
    )
    changed = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert changed.status_code == 200
    assert changed.json()["cancelled"] is True


def test_public_reads_allow_any_origin_without_credentials(client, structure):
    response = client.get("/api/v1/principals", HTTP_ORIGIN="https://tidning.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert client.get("/oparl/v1/")["Access-Control-Allow-Origin"] == "*"


def test_the_token_page_is_not_opened_to_other_origins(member_client):
    response = member_client.get("/konto/api-nycklar/", HTTP_ORIGIN="https://elak.example")
    assert "Access-Control-Allow-Origin" not in response


def test_too_many_requests_from_one_address_get_429_in_swedish(client, db, settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 60
    settings.API_RATE_LIMIT_BURST = 3
    cache.clear()
    statuses = [client.get("/oparl/v1/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.get("/api/v1/principals")
    assert limited.json()["code"] == "rate_limited"
    assert "För många anrop" in limited.json()["message"]
    assert int(limited["Retry-After"]) >= 1
    other = client.get("/oparl/v1/", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_the_rate_limit_leaves_the_html_pages_alone(client, db, settings):
    settings.API_RATE_LIMIT_BURST = 1
    settings.API_RATE_LIMIT_PER_MINUTE = 1
    cache.clear()
    assert [client.get("/grupper/").status_code for _ in range(3)] == [200, 200, 200]


def test_the_public_reads_show_expedited_recommendations_with_decisions(client, expedited):
    listed = client.get("/api/v1/recommendations").json()["items"]
    assert [r["id"] for r in listed] == [expedited.pk]
    assert listed[0]["att_satser"] == ["anta rutinen", "följa upp den 2027"]
    detail = client.get(f"/api/v1/recommendations/{expedited.pk}").json()
    assert {d["status"] for d in detail["decisions"]} == {"waiting"}
    balance = client.get("/api/v1/groups/lsg/balance-list").json()
    assert [row["title"] for row in balance["items"]] == ["Gemensam rutin för SIP"]


def test_cases_need_a_token(client, structure, token_for):
    coordinator_user("charlie")
    assert client.get("/api/v1/cases").status_code == 401
    assert client.get("/api/v1/cases", **bearer(token_for("charlie"))).status_code == 200


def test_registrar_list_is_refused_to_a_non_registrar(client, structure, token_for):
    member_user("alice", "lsg")
    response = client.get("/api/v1/registrar/addressees", **bearer(token_for("alice")))
    assert response.status_code == 403
    assert response.json()["message"] == "Nyckelns ägare är inte registrator."


def test_a_nul_character_gets_a_json_400(client, db):
    response = client.get("/api/v1/minutes?q=a%00b")
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"
    assert "NUL" in response.json()["message"]
