"""HTTP beyond the happy path (#20): HEAD is answered like GET without a body, and every answer
under /api/ is the API's JSON error, for unknown paths, refused methods and server errors too."""

from __future__ import annotations

import pytest
from django.test import Client

from api.routers import structure as structure_router


def test_head_is_the_get_without_its_body(client, structure):
    got = client.get("/api/v1/principals")
    head = client.head("/api/v1/principals")
    assert (got.status_code, head.status_code) == (200, 200)
    assert head.content == b""
    assert head["ETag"] == got["ETag"]
    assert int(head["Content-Length"]) == len(got.content)
    assert head["Content-Type"] == "application/json; charset=utf-8"


def test_head_of_an_unknown_object_is_404_without_a_body(client, structure):
    assert client.get("/api/v1/principals/9999").status_code == 404
    head = client.head("/api/v1/principals/9999")
    assert (head.status_code, head.content) == (404, b"")


@pytest.mark.parametrize(
    "path", ["/api/v1/nothing-here", "/api/v2/principals", "/api/", "/api/v1/principals/"]
)
def test_unknown_api_paths_answer_json_in_swedish(client, db, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"code": "not_found", "message": "Det du söker finns inte."}


def test_the_same_unknown_path_outside_the_api_stays_a_page(client, db):
    response = client.get("/inte-har/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_refused_method_answers_json_405_with_allow(client, structure):
    response = client.post("/api/v1/principals", {}, content_type="application/json")
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"
    assert "GET" in response["Allow"]


def test_a_server_error_answers_json_not_the_html_page(structure, monkeypatch, settings):
    settings.DEBUG = False

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(structure_router, "principal_out", broken)
    client = Client(raise_request_exception=False)
    response = client.get("/api/v1/principals")
    assert response.status_code == 500
    assert response.json()["code"] == "server_error"
    assert "boom" not in response.content.decode()
    # Its twin: the same request without the fault is served.
    monkeypatch.undo()
    assert client.get("/api/v1/principals").status_code == 200
