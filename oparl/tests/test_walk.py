"""A client walks the OParl endpoint from System to every object type, validating each answer
against the OParl 1.1 schemas and following their references."""

from __future__ import annotations

from collections import deque
from urllib.parse import urlparse

import pytest

from oparl.tests import oparl_schemas

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


def test_every_oparl_object_type_is_reachable_from_system_and_valid(client, full_demo):
    seen = walk(client)
    assert set(seen) == set(oparl_schemas.TYPES), set(oparl_schemas.TYPES) - set(seen)
