"""What the OParl objects say: public fields only, the principal as onBehalfOf, meeting state."""

import datetime
import zoneinfo
from urllib.parse import urlparse

from meetings import services as meeting_services
from oparl.tests import oparl_schemas
from structure.models import Group, Principal
from testing import builders
from testing.builders import coordinator_user, seat


def test_a_person_has_public_fields_only_and_memberships_on_behalf_of_the_principal(
    client, structure
):
    membership = seat(builders.person("Alice", phone="090-12 34 56"), "lsg")
    person = client.get(f"/oparl/v1/person/{membership.person_id}/").json()
    oparl_schemas.validate(person, "Person")
    assert "email" not in person and "phone" not in person
    embedded = next(m for m in person["membership"] if m["id"].endswith(f"/{membership.pk}/"))
    principal = client.get(urlparse(embedded["onBehalfOf"]).path).json()
    assert principal["name"] == membership.person.principal.name
    assert principal["classification"] == "Huvudman"


def test_a_cancelled_meeting_is_published_as_cancelled(client, structure):
    coordinator = coordinator_user("charlie")
    start = datetime.datetime(2027, 2, 11, 9, tzinfo=zoneinfo.ZoneInfo("Europe/Stockholm"))
    meeting = meeting_services.book_meeting(
        group=Group.objects.get(slug="lsg"),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        form="video",
        location="",
        link="https://video.example/lsg",
        by=coordinator,
    )
    meeting_services.cancel_meeting(meeting=meeting, by=coordinator)
    data = client.get(f"/oparl/v1/meeting/{meeting.pk}/").json()
    oparl_schemas.validate(data, "Meeting")
    assert (data["cancelled"], data["meetingState"]) == (True, "inställt")
    assert "location" not in data
    assert "video.example" not in str(data)


def test_a_principal_carries_its_official_code_from_the_structure_data(client, structure):
    principal = Principal.objects.order_by("pk").first()
    data = client.get(f"/oparl/v1/organization/huvudman-{principal.pk}/").json()
    oparl_schemas.validate(data, "Organization")
    assert data["samverkan:officialCode"] == principal.code
    group = Group.objects.order_by("pk").first()
    assert (
        "samverkan:officialCode"
        not in client.get(f"/oparl/v1/organization/grupp-{group.pk}/").json()
    )


def test_ids_are_on_the_configured_site_address_whatever_the_host_header(
    client, structure, settings, site_url
):
    settings.ALLOWED_HOSTS = ["*"]  # as behind a proxy that passes any Host on
    spoofed = client.get("/oparl/v1/body/samverkan/", HTTP_HOST="evil.example").json()
    honest = client.get("/oparl/v1/body/samverkan/").json()
    assert spoofed == honest
    assert spoofed["id"] == f"{site_url}/oparl/v1/body/samverkan/"
    assert "evil.example" not in str(spoofed)
    page = client.get("/oparl/v1/body/samverkan/organizations/", HTTP_HOST="evil.example")
    assert "evil.example" not in page.content.decode()
    assert page.json()["links"]["first"].startswith(site_url)


def test_unknown_paths_and_writes_answer_oparl_errors(client, db):
    missing = client.get("/oparl/v1/person/123456789/")
    assert missing.status_code == 404
    error = missing.json()
    assert error["type"] == "https://schema.oparl.org/1.1/Error"
    assert error["message"] and error["code"] == "not_found"
    assert client.get("/oparl/v1/nothing/here/").json()["code"] == "not_found"
    refused = client.post("/oparl/v1/")
    assert refused.status_code == 405
    assert refused.json()["type"] == "https://schema.oparl.org/1.1/Error"
    assert client.get("/oparl/v1/body/samverkan/persons/?page=abc").status_code == 404


def test_each_of_a_cases_recommendations_holds_its_own_part_of_the_path(client, structure):
    """A Consultation's paper is the recommendation its treatment led to, the same paper whose
    `consultation` list embeds it (it was the case's first paper, whatever it concerned)."""
    coordinator = coordinator_user("charlie")
    case = builders.case("lsg", by=coordinator, raised_on=datetime.date(2026, 2, 2))
    papers = [
        builders.recommendation(case, by=coordinator, expedited=True, day=day, title=title)
        for day, title in (
            (datetime.date(2026, 3, 12), "Första steget"),
            (datetime.date(2026, 6, 11), "Andra steget"),
        )
    ]
    embedded = {}
    for recommendation in papers:
        paper = client.get(f"/oparl/v1/paper/{recommendation.pk}/").json()
        oparl_schemas.validate(paper, "Paper")
        for item in paper.get("consultation", []):
            assert item["id"] not in embedded, "a treatment is embedded in two papers"
            embedded[item["id"]] = paper["id"]
    listed = client.get("/oparl/v1/body/samverkan/consultations/").json()["data"]
    assert len(listed) == case.treatments.count() >= 3
    for consultation in listed:
        oparl_schemas.validate(consultation, "Consultation")
        assert consultation["paper"] == embedded[consultation["id"]]
    second = client.get(f"/oparl/v1/paper/{papers[1].pk}/").json()
    assert second["consultation"], "the later recommendation has its own treatments"
    assert set(embedded.values()) == {
        client.get(f"/oparl/v1/paper/{p.pk}/").json()["id"] for p in papers
    }
