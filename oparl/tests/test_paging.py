"""OParl's own paging (`?page=N`, 50 elements a page, through lib/pagination): the pagination
block and links as the standard has them, and 404 for a page that is not one."""

from __future__ import annotations

import pytest

from oparl.tests.conftest import SITE
from testing.builders import person, seat

URL = "/oparl/v1/body/samverkan/memberships/"
MEMBERSHIPS = 63


@pytest.fixture
def memberships(structure) -> int:
    """Two pages of memberships: 50 and 13."""
    for n in range(MEMBERSHIPS):
        seat(person(f"P{n}"), "lsg")
    return MEMBERSHIPS


def test_the_first_page_has_fifty_and_links_to_the_next_and_the_last(client, memberships):
    page = client.get(URL).json()
    assert page["pagination"] == {
        "totalElements": memberships,
        "elementsPerPage": 50,
        "currentPage": 1,
        "totalPages": 2,
    }
    assert len(page["data"]) == 50
    assert page["links"] == {
        "first": f"{SITE}{URL}?page=1",
        "last": f"{SITE}{URL}?page=2",
        "next": f"{SITE}{URL}?page=2",
    }


def test_the_last_page_has_the_rest_and_links_back(client, memberships):
    page = client.get(URL, {"page": "2"}).json()
    assert page["pagination"]["currentPage"] == 2
    assert len(page["data"]) == memberships - 50
    assert page["links"]["prev"] == f"{SITE}{URL}?page=1"
    assert "next" not in page["links"]
    first_ids = {o["id"] for o in client.get(URL).json()["data"]}
    assert not first_ids & {o["id"] for o in page["data"]}


@pytest.mark.parametrize("page", ["3", "0", "-1", "1.0", "", "abc", "1000000", "1234567"])
def test_a_page_that_is_not_one_is_a_json_404(client, memberships, page):
    response = client.get(URL, {"page": page})
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_the_body_list_is_one_page_of_one(client, structure):
    page = client.get("/oparl/v1/bodies/").json()
    assert page["pagination"]["totalElements"] == 1 and len(page["data"]) == 1
    assert client.get("/oparl/v1/bodies/", {"page": "2"}).status_code == 404
