"""A principal's diarium syncs with Samverkan over the API (R-C4, issue 20 "an API a diarium
system can sync with safely"): it reads the changes feed, registers a decision, retries and gets
409 with the same decision, reads and corrects it, uploads the protocol extract, and reads
exactly the new events since its last cursor. Every write goes through `cases.services`, whose
permission rule is the registration's."""

from __future__ import annotations

import datetime
import json
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from api import cursors
from api.tests.conftest import bearer
from audit.models import AuditEvent, EventKind
from cases import services as case_services
from cases.change_feed import Kind, Position
from cases.models import DecisionCorrection, PrincipalDecision
from structure.models import Principal
from testing import builders
from testing.attack_world import pdf_upload

CHANGES = "/api/v1/registrar/changes"


# Parameters are fixed at collection, and every xdist worker must collect the same ones.
FIXED_MOMENT = datetime.datetime(2026, 12, 7, 19, 22, 4, tzinfo=datetime.UTC)


@pytest.fixture
def token_for(token_for):
    """A diarium's token may register (members' tokens only read: they cannot have more)."""

    def diarium_token(username: str, **kwargs) -> str:
        kwargs.setdefault("scope", "read" if username == "ledamot" else "register")
        return token_for(username, **kwargs)

    return diarium_token


@pytest.fixture(autouse=True)
def no_settle(settings, tmp_path):
    """Events are listed as soon as they are written (test_the_feed_stays_behind_... sets a
    lag), and uploads go to a temporary directory."""
    settings.API_CHANGES_SETTLE_SECONDS = 0
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def skelleftea_registrar(structure):
    return builders.registrar_user("registrator-skelleftea", principal="skelleftea")


class Diarium:
    """A fake diarium: a test client that sends its owner's token on every request."""

    def __init__(self, client, token: str):
        self.client = client
        self.headers = bearer(token)

    def changes(self, since: str | None = None, **params) -> dict:
        if since is not None:
            params["since"] = since
        response = self.client.get(CHANGES, params, **self.headers)
        assert response.status_code == 200, response.content
        return response.json()

    def register(self, recommendation, principal: str = "umea", **values):
        principal = Principal.objects.get(slug=principal)
        payload = {
            "principal": principal.code,
            "outcome": "approved",
            "body": principal.decision_bodies.first().pk,
            "decided_on": "2026-04-01",
            "reference": "SN § 12",
            **values,
        }
        return self.post_json(f"/api/v1/recommendations/{recommendation.pk}/decisions", payload)

    def post_json(self, url: str, payload: dict):
        return self.client.post(
            url, data=json.dumps(payload), content_type="application/json", **self.headers
        )

    def get(self, url: str):
        return self.client.get(urlsplit(url).path, **self.headers)

    def correct(self, decision_id: int, **values):
        umea = Principal.objects.get(slug="umea")
        payload = {
            "outcome": "rejected",
            "body": umea.decision_bodies.first().pk,
            "decided_on": "2026-04-01",
            "reference": "SN § 13",
            "reason": "Fel paragraf och utfall i första registreringen.",
            **values,
        }
        return self.post_json(f"/api/v1/decisions/{decision_id}/corrections", payload)

    def upload(self, decision_id: int, upload):
        return self.client.post(
            f"/api/v1/decisions/{decision_id}/document", {"file": upload}, **self.headers
        )


def _events(page: dict) -> list[tuple]:
    return [
        (e["type"], e["recommendation"], e["principal_code"], e["decision"], e["correction"])
        for e in page["items"]
    ]


def test_a_diarium_registers_retries_corrects_uploads_and_reads_exactly_the_new_changes(
    people, client, expedited, token_for
):
    diarium = Diarium(client, token_for("registrator-umea"))
    umea = Principal.objects.get(slug="umea")

    first = diarium.changes()
    assert _events(first) == [("recommendation.expedited", expedited.pk, umea.code, None, None)]
    assert first["more"] is False
    assert urlsplit(first["items"][0]["location"]).path == (
        f"/api/v1/recommendations/{expedited.pk}"
    )

    registered = diarium.register(expedited)
    assert registered.status_code == 201, registered.content
    decision_id = registered.json()["id"]
    location = registered["Location"]
    assert urlsplit(location).path == f"/api/v1/decisions/{decision_id}"
    assert registered.json()["location"] == location

    # The diarium did not see the answer (a timeout) and sends the same request again.
    retry = diarium.register(expedited)
    assert retry.status_code == 409
    assert retry.json()["code"] == "conflict"
    assert "redan" in retry.json()["message"]
    assert retry.json()["decision"] == decision_id
    assert retry["Location"] == location == retry.json()["location"]
    # A retry with other (even invalid) values learns the same: the decision exists.
    changed = diarium.register(expedited, outcome="rejected", decided_on="2099-01-01")
    assert (changed.status_code, changed.json()["decision"]) == (409, decision_id)
    assert PrincipalDecision.objects.count() == 1

    read = diarium.get(location)
    assert read.status_code == 200
    assert read.json()["outcome"] == "approved"
    assert read.json()["reference"] == "SN § 12"
    assert read.json()["registered_at"] is not None
    assert read.json()["has_document"] is False

    corrected = diarium.correct(decision_id)
    assert corrected.status_code == 201, corrected.content
    assert corrected["Location"] == location
    body = corrected.json()
    assert (body["decision"]["outcome"], body["decision"]["reference"]) == ("rejected", "SN § 13")
    [old] = body["decision"]["corrections"]
    assert (old["outcome"], old["reference"], old["id"]) == (
        "approved",
        "SN § 12",
        body["correction"],
    )
    assert old["reason"].startswith("Fel paragraf")

    uploaded = diarium.upload(decision_id, pdf_upload("protokollsutdrag.pdf"))
    assert uploaded.status_code == 200, uploaded.content
    assert uploaded.json()["has_document"] is True
    stored = PrincipalDecision.objects.get().document
    assert stored.name.startswith("decisions/") and stored.read().startswith(b"%PDF-")

    later = diarium.changes(since=first["next"])
    assert _events(later) == [
        ("decision.registered", expedited.pk, umea.code, decision_id, None),
        ("decision.corrected", expedited.pk, umea.code, decision_id, body["correction"]),
    ]
    assert all(urlsplit(e["location"]).path == urlsplit(location).path for e in later["items"])
    assert later["items"][-1]["cursor"] == later["next"]
    # Nothing new: an empty page that keeps the cursor.
    idle = diarium.changes(since=later["next"])
    assert (idle["items"], idle["next"], idle["more"]) == ([], later["next"], False)


def test_the_api_writes_leave_audit_rows_with_the_token_owner(people, client, expedited, token_for):
    diarium = Diarium(client, token_for("registrator-umea"))
    decision_id = diarium.register(expedited).json()["id"]
    assert diarium.correct(decision_id).status_code == 201
    assert diarium.upload(decision_id, pdf_upload("utdrag.pdf")).status_code == 200
    writes = AuditEvent.objects.filter(kind=EventKind.WRITE).order_by("pk")
    assert [(w.action, w.username) for w in writes if w.action.endswith("decision")][-2:] == [
        ("cases.register_decision", "registrator-umea"),
        ("cases.correct_decision", "registrator-umea"),
    ]
    attach = writes.get(action="cases.attach_decision_document")
    assert attach.username == "registrator-umea"


def test_the_service_reports_the_existing_decision_for_a_duplicate(people, expedited):
    addressee = expedited.addressees.get(principal__slug="umea")
    registrar = builders.registrar_user("rita", principal="umea")
    values = {
        "outcome": "approved",
        "body": addressee.principal.decision_bodies.first(),
        "decided_on": datetime.date(2026, 4, 1),
        "reference": "SN § 1",
    }
    first = case_services.register_decision(addressee=addressee, by=registrar, **values)
    with pytest.raises(case_services.DecisionAlreadyRegistered) as refused:
        case_services.register_decision(addressee=addressee, by=registrar, **values)
    assert refused.value.decision == first


# --- Who sees and does what -------------------------------------------------------------------


def test_skellefteas_registrar_never_sees_umeas_events_but_its_own(
    people, client, expedited, token_for, skelleftea_registrar
):
    umea = Diarium(client, token_for("registrator-umea"))
    skelleftea = Diarium(client, token_for("registrator-skelleftea"))
    decision_id = umea.register(expedited).json()["id"]
    assert umea.correct(decision_id).status_code == 201

    seen = skelleftea.changes()
    code = Principal.objects.get(slug="skelleftea").code
    assert _events(seen) == [("recommendation.expedited", expedited.pk, code, None, None)]
    # The twin: Umeå's registrar sees its registration and correction in the same feed.
    assert [e["type"] for e in umea.changes()["items"]] == [
        "recommendation.expedited",
        "decision.registered",
        "decision.corrected",
    ]
    # A cursor from Umeå's feed opens nothing of Umeå's for Skellefteå.
    umea_cursor = umea.changes()["items"][0]["cursor"]
    assert skelleftea.changes(since=umea_cursor)["items"] == []


def test_a_coordinator_sees_every_principals_events_and_a_member_none(
    people, client, expedited, token_for
):
    coordinator = Diarium(client, token_for("koordinator"))
    codes = {e["principal_code"] for e in coordinator.changes()["items"]}
    assert codes == set(expedited.addressees.values_list("principal__code", flat=True))
    member = client.get(CHANGES, **bearer(token_for("ledamot")))
    assert member.status_code == 403
    assert member.json()["code"] == "forbidden"
    assert client.get(CHANGES).status_code == 401


def test_skellefteas_registrar_cannot_correct_or_upload_for_umea(
    people, client, expedited, token_for, skelleftea_registrar
):
    decision_id = Diarium(client, token_for("registrator-umea")).register(expedited).json()["id"]
    attacker = Diarium(client, token_for("registrator-skelleftea"))
    corrected = attacker.correct(decision_id)
    assert corrected.status_code == 403
    assert corrected.json()["code"] == "forbidden"
    uploaded = attacker.upload(decision_id, pdf_upload("falskt.pdf"))
    assert uploaded.status_code == 403
    decision = PrincipalDecision.objects.get()
    assert (decision.outcome, decision.document.name) == ("approved", "")
    assert not DecisionCorrection.objects.exists()
    # Nor register for Umeå, nor learn anything from a retry: 403, not 409.
    assert attacker.register(expedited).status_code == 403


def test_a_coordinators_token_corrects_any_principals_decision(
    people, client, expedited, token_for
):
    decision_id = Diarium(client, token_for("registrator-umea")).register(expedited).json()["id"]
    corrected = Diarium(client, token_for("koordinator")).correct(decision_id)
    assert corrected.status_code == 201, corrected.content
    assert corrected.json()["decision"]["on_behalf"] is False  # registered by Umeå itself
    assert DecisionCorrection.objects.get().corrected_by.username == "koordinator"


def test_a_partly_approved_decision_is_registered_with_its_comment(
    people, client, expedited, token_for
):
    diarium = Diarium(client, token_for("registrator-umea"))
    without = diarium.register(expedited, outcome="partly_approved")
    assert without.status_code == 422
    assert "delvis bifall" in without.json()["message"]
    registered = diarium.register(
        expedited, outcome="partly_approved", comment="Punkt 2 bifölls inte."
    )
    assert registered.status_code == 201, registered.content
    read = client.get(urlsplit(registered["Location"]).path).json()
    assert (read["outcome"], read["comment"]) == ("partly_approved", "Punkt 2 bifölls inte.")


def test_anyone_reads_a_public_decision_but_not_when_or_whether_a_file_was_registered(
    people, client, expedited, token_for, skelleftea_registrar
):
    diarium = Diarium(client, token_for("registrator-umea"))
    decision_id = diarium.register(expedited).json()["id"]
    diarium.upload(decision_id, pdf_upload("utdrag.pdf"))
    public = client.get(f"/api/v1/decisions/{decision_id}")
    assert public.status_code == 200
    data = public.json()
    assert (data["outcome"], data["reference"], data["principal_code"]) == (
        "approved",
        "SN § 12",
        Principal.objects.get(slug="umea").code,
    )
    assert (data["registered_at"], data["on_behalf"], data["has_document"]) == (None, None, None)
    assert data["document"] is None  # the web serves no protocol extract publicly
    other = Diarium(client, token_for("registrator-skelleftea")).get(data["location"]).json()
    assert other["has_document"] is None
    own = diarium.get(data["location"]).json()
    assert (own["has_document"], own["on_behalf"]) == (True, False)


def test_a_correction_needs_a_reason_and_a_change(people, client, expedited, token_for):
    diarium = Diarium(client, token_for("registrator-umea"))
    decision_id = diarium.register(expedited).json()["id"]
    blank = diarium.correct(decision_id, reason="   ")
    assert blank.status_code == 422
    assert "varför" in blank.json()["message"]
    missing = diarium.post_json(
        f"/api/v1/decisions/{decision_id}/corrections", {"outcome": "rejected"}
    )
    assert missing.status_code == 422
    assert missing.json()["code"] == "invalid_input"
    same = diarium.correct(decision_id, outcome="approved", reference="SN § 12")
    assert same.status_code == 422
    assert not DecisionCorrection.objects.exists()


def test_an_upload_takes_the_web_forms_files_only(
    people, client, expedited, token_for, monkeypatch
):
    diarium = Diarium(client, token_for("registrator-umea"))
    decision_id = diarium.register(expedited).json()["id"]
    program = diarium.upload(
        decision_id, SimpleUploadedFile("utdrag.exe", b"MZ", "application/octet-stream")
    )
    assert program.status_code == 422
    assert "Filtypen .exe" in program.json()["message"]
    fake_pdf = diarium.upload(decision_id, SimpleUploadedFile("utdrag.pdf", b"<html>"))
    assert fake_pdf.status_code == 422
    monkeypatch.setattr("lib.uploads.MAX_DOCUMENT_BYTES", 10)
    large = diarium.upload(decision_id, pdf_upload("utdrag.pdf", b"x" * 20))
    assert large.status_code == 422
    assert "största tillåtna" in large.json()["message"]
    no_file = client.post(f"/api/v1/decisions/{decision_id}/document", {}, **diarium.headers)
    assert no_file.status_code == 422
    assert PrincipalDecision.objects.get().document.name == ""


# --- Order, paging, lag and cost --------------------------------------------------------------


def _all_pages(diarium: Diarium, limit: int) -> list[dict]:
    items, since = [], None
    for _ in range(100):
        page = diarium.changes(since=since, limit=limit)
        items += page["items"]
        since = page["next"]
        if not page["more"]:
            return items
    raise AssertionError("the feed never ended")


def test_small_pages_walk_the_same_events_in_the_same_order_as_one_large_page(
    people, client, expedited, token_for
):
    Diarium(client, token_for("registrator-umea")).register(expedited)
    Diarium(client, token_for("registrator-region")).register(
        expedited, principal="region-vasterbotten"
    )
    coordinator = Diarium(client, token_for("koordinator"))
    whole = coordinator.changes(limit=100)["items"]
    # Every addressee's expedition shares one moment: the order within it is kind, then id.
    assert len(whole) == expedited.addressees.count() + 2
    assert [e["cursor"] for e in _all_pages(coordinator, 3)] == [e["cursor"] for e in whole]
    assert [e["type"] for e in whole[-2:]] == ["decision.registered"] * 2


def test_the_feed_stays_behind_writes_that_may_still_be_committing(
    people, client, adopted, coordinator, token_for, settings
):
    case_services.expedite(
        recommendation=adopted, by=coordinator, at=timezone.now() - datetime.timedelta(hours=2)
    )
    diarium = Diarium(client, token_for("registrator-umea"))
    diarium.register(adopted)
    settings.API_CHANGES_SETTLE_SECONDS = 3600
    assert [e["type"] for e in diarium.changes()["items"]] == ["recommendation.expedited"]
    settings.API_CHANGES_SETTLE_SECONDS = 0
    assert [e["type"] for e in diarium.changes()["items"]] == [
        "recommendation.expedited",
        "decision.registered",
    ]


def _queries(client, url: str, headers: dict) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, **headers)
    assert response.status_code == 200, response.content
    return len(context.captured_queries), response.json()


def test_the_feeds_queries_do_not_grow_with_the_page(people, client, expedited, token_for):
    umea = Diarium(client, token_for("registrator-umea"))
    decision_id = umea.register(expedited).json()["id"]
    umea.correct(decision_id)
    Diarium(client, token_for("registrator-region")).register(
        expedited, principal="region-vasterbotten"
    )
    for user in ("registrator-umea", "koordinator"):
        headers = bearer(token_for(user))
        few, small = _queries(client, f"{CHANGES}?limit=1", headers)
        many, large = _queries(client, f"{CHANGES}?limit=100", headers)
        assert len(large["items"]) >= 3 > len(small["items"]) == 1, user
        assert many == few, (user, few, many)


# --- Hostile input ----------------------------------------------------------------------------

REFUSALS = {(422, "invalid_input"), (400, "bad_request")}


@pytest.mark.parametrize(
    "since",
    [
        "garbage",
        "!!!!",
        "x" * 5000,
        "åäö",
        cursors.encode(Position(FIXED_MOMENT, Kind.EXPEDITED, 1)) + "A",
        "djF8MjAyNi0wMS0wMVQwMDowMDowMHwwfDE",  # v1|2026-01-01T00:00:00|0|1: no time zone
        cursors.encode(Position(FIXED_MOMENT, Kind.EXPEDITED, 1)).replace("djF", "djI"),
        "djF8OTk5OS0wMS0wMVQwMDowMDowMCswMDowMHwwfDE",  # year 9999
        "djF8MjAyNi0wMS0wMVQwMDowMDowMCswMDowMHw5fDE",  # kind 9
        "djF8MjAyNi0wMS0wMVQwMDowMDowMCswMDowMHwwfDk5OTk5OTk5OTk5OTk5OTk5OTk5",  # huge id
        "djF8MjAyNi0wMS0wMVQwMDowMDowMCswMDowMHwwfC0x",  # id -1
    ],
)
def test_a_hostile_cursor_answers_a_json_refusal(people, client, token_for, since):
    response = client.get(CHANGES, {"since": since}, **bearer(token_for("registrator-umea")))
    # 422 from the query schema; 400 where the site's guard against overlong input stops it.
    assert (response.status_code, response.json()["code"]) in REFUSALS, response.content


def test_a_cursor_the_feed_made_is_accepted(people, client, token_for):
    since = cursors.encode(Position(timezone.now(), Kind.CORRECTED, 2**31 - 1))
    response = client.get(CHANGES, {"since": since}, **bearer(token_for("registrator-umea")))
    assert response.status_code == 200
    assert cursors.decode(since) == Position(cursors.decode(since).at, Kind.CORRECTED, 2**31 - 1)


@pytest.mark.parametrize("limit", ["0", "101", "-1", "abc", "9" * 30])
def test_a_hostile_limit_answers_a_json_refusal(people, client, token_for, limit):
    response = client.get(CHANGES, {"limit": limit}, **bearer(token_for("registrator-umea")))
    assert (response.status_code, response.json()["code"]) in REFUSALS, response.content


@pytest.mark.parametrize("decision_id", ["0", "-1", str(2**31), str(2**63), "9" * 40, "abc"])
def test_hostile_decision_ids_answer_json_4xx(people, client, token_for, decision_id):
    headers = bearer(token_for("registrator-umea"))
    for response in (
        client.get(f"/api/v1/decisions/{decision_id}"),
        client.post(
            f"/api/v1/decisions/{decision_id}/corrections",
            "{}",
            content_type="application/json",
            **headers,
        ),
        client.post(f"/api/v1/decisions/{decision_id}/document", {}, **headers),
    ):
        assert 400 <= response.status_code < 500, response.content
        assert response["Content-Type"].startswith("application/json")


def test_a_missing_decision_answers_404_json(people, client, token_for):
    assert client.get("/api/v1/decisions/123456").status_code == 404
    response = Diarium(client, token_for("registrator-umea")).correct(123456)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_the_new_operations_have_stable_ids_and_document_their_errors(db, client):
    schema = client.get("/api/v1/openapi.json").json()
    operations = {
        op["operationId"]: op for path in schema["paths"].values() for op in path.values()
    }
    for name in (
        "registerDecision",
        "getDecision",
        "correctDecision",
        "uploadDecisionDocument",
        "listRegistrarChanges",
    ):
        assert {"401", "404", "422"} <= set(operations[name]["responses"]), name
    assert "409" in operations["registerDecision"]["responses"]
    assert "409" not in operations["getDecision"]["responses"]


def test_a_read_token_cannot_correct_or_upload_and_its_register_twin_can(
    people, client, expedited, token_for
):
    decision_id = Diarium(client, token_for("registrator-umea")).register(expedited).json()["id"]
    reader = Diarium(client, token_for("registrator-umea", scope="read"))
    refused = reader.correct(decision_id)
    assert refused.status_code == 403
    assert "får bara läsa" in refused.json()["message"]
    upload = reader.upload(decision_id, pdf_upload("utdrag.pdf"))
    assert upload.status_code == 403
    assert not DecisionCorrection.objects.exists()
    assert not PrincipalDecision.objects.get(pk=decision_id).document
    writer = Diarium(client, token_for("registrator-umea"))
    assert writer.correct(decision_id).status_code == 201
    assert writer.upload(decision_id, pdf_upload("utdrag.pdf")).status_code == 200


def test_a_coordinators_token_for_one_principal_sees_and_corrects_only_its_own(
    people, client, expedited, token_for
):
    Diarium(client, token_for("registrator-umea")).register(expedited)
    region = Diarium(client, token_for("registrator-region")).register(
        expedited, principal="region-vasterbotten"
    )
    umea = Principal.objects.get(slug="umea")
    narrow = Diarium(client, token_for("koordinator", principal=umea))
    codes = {e["principal_code"] for e in narrow.changes(limit=100)["items"]}
    assert codes == {umea.code}
    refused = narrow.correct(region.json()["id"])
    assert refused.status_code == 403
    assert not DecisionCorrection.objects.exists()
    # Its twin: the coordinator's token for every principal sees them all.
    wide = Diarium(client, token_for("koordinator"))
    assert len({e["principal_code"] for e in wide.changes(limit=100)["items"]}) > 1
