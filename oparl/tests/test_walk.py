"""A client walks the OParl endpoint from System to every object type, validating each answer
against the OParl 1.1 schemas and following their references, and checking the clauses of the
specification text that the schemas do not encode: `created`/`modified` on every object,
embedded ones too (§3.1), no empty lists, ids on the configured site address, and a File's
`accessUrl` shown inline (§2.7)."""

from __future__ import annotations

import datetime
from collections import deque
from urllib.parse import urlparse

import pytest

from oparl.tests import oparl_schemas
from oparl.tests.conftest import SITE

# Many seconds each: first in `make test`'s order, left out of `make test-fast`.
pytestmark = pytest.mark.slow


def _get(client, url: str) -> dict:
    parts = urlparse(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    response = client.get(path)
    assert response.status_code == 200, (url, response.status_code)
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def walk(client) -> dict[str, int]:
    """Visits every object reachable from System; returns how many of each type it validated."""
    seen_types: dict[str, int] = {}
    queue: deque[tuple[str, str, object]] = deque(
        [("url", "http://testserver/oparl/v1/", "System")]
    )
    visited: set[str] = set()

    def check(obj: dict, expected: str) -> None:
        assert oparl_schemas.type_of(obj) == expected, (obj["id"], expected)
        oparl_schemas.validate(obj, expected)
        check_clauses(obj)
        seen_types[expected] = seen_types.get(expected, 0) + 1
        queue.extend(oparl_schemas.links(obj))
        if obj["id"] not in visited:
            queue.append(("url", obj["id"], expected))

    while queue:
        kind, value, expected = queue.popleft()
        if kind == "object":
            check(value, expected)
            continue
        if value in visited:
            continue
        visited.add(value)
        if kind == "url":
            check(_get(client, value), expected)
            continue
        page_url = value
        while page_url:
            page = _get(client, page_url)
            assert set(page) >= {"data", "pagination", "links"}
            assert page["pagination"]["elementsPerPage"] >= len(page["data"])
            for obj in page["data"]:
                check(obj, expected)
            page_url = page["links"].get("next")
    return seen_types


def check_clauses(obj: dict) -> None:
    """What the specification text asks of every object, embedded or not."""
    stamps = {}
    for stamp in ("created", "modified"):  # §3.1
        assert stamp in obj, (obj["id"], stamp)
        stamps[stamp] = datetime.datetime.fromisoformat(obj[stamp])
        assert stamps[stamp].tzinfo is not None, obj["id"]
    assert stamps["created"] <= stamps["modified"], obj["id"]
    assert obj["id"].startswith(SITE + "/oparl/v1/"), obj["id"]
    empty = [name for name, value in obj.items() if value == []]
    assert not empty, (obj["id"], empty)  # omitted, not sent as []


def test_every_oparl_object_type_is_reachable_from_system_and_valid(client, full_demo):
    # One test for the walk and the File's URLs, so the full demo is built once.
    seen = walk(client)
    assert set(seen) == set(oparl_schemas.TYPES), set(oparl_schemas.TYPES) - set(seen)
    _a_files_access_url_is_shown_inline_and_its_download_url_saved(client)


def _a_files_access_url_is_shown_inline_and_its_download_url_saved(client):
    page = client.get("/oparl/v1/body/samverkan/files/").json()
    file = page["data"][0]
    assert file["accessUrl"] != file["downloadUrl"]
    access = client.get(urlparse(file["accessUrl"]).path)
    download = client.get(urlparse(file["downloadUrl"]).path)
    assert access.status_code == download.status_code == 200
    assert access["Content-Type"] == download["Content-Type"] == file["mimeType"]
    assert access.content.startswith(b"%PDF") and download.content.startswith(b"%PDF")
    assert access["Content-Disposition"].startswith("inline;")  # §2.7: never an attachment
    assert "attachment" not in access["Content-Disposition"]
    assert download["Content-Disposition"].startswith("attachment;")
    assert file["fileName"] in access["Content-Disposition"]
