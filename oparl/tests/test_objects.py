"""What the OParl objects say: public fields only, the principal as onBehalfOf, meeting state."""

import datetime
import zoneinfo

from meetings import services as meeting_services
from oparl.tests import oparl_schemas
from structure.models import Group
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
    principal = client.get(embedded["onBehalfOf"].replace("http://testserver", "")).json()
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


def test_unknown_paths_and_writes_answer_json_errors(client, db):
    missing = client.get("/oparl/v1/person/123456789/")
    assert missing.status_code == 404
    assert missing.json()["code"] == "not_found"
    assert client.get("/oparl/v1/nothing/here/").json()["code"] == "not_found"
    assert client.post("/oparl/v1/").status_code == 405
    assert client.get("/oparl/v1/body/samverkan/persons/?page=abc").status_code == 404
