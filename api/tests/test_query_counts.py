"""Every list endpoint runs the same number of queries for a page of one row as for a page of
many: nothing is loaded per row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api.tests.conftest import bearer
from demo.cases import load_case_demo
from demo.meetings import load_meeting_demo
from demo.people import load_demo

# Many seconds each: first in `make test`'s order, left out of `make test-fast`.
pytestmark = pytest.mark.slow

# A page of an OParl list: count, page, and a fixed number of lookups for embedded objects.
OPARL_MAX_QUERIES = 8

API_LISTS = [
    ("/api/v1/principals", None),
    ("/api/v1/groups", None),
    ("/api/v1/meetings", None),
    ("/api/v1/minutes", None),
    ("/api/v1/recommendations", None),
    ("/api/v1/groups/lsg/balance-list", None),
    ("/api/v1/groups/hjalpmedelsradet/own-decisions", None),
    ("/api/v1/cases", "koordinator"),
    ("/api/v1/registrar/addressees", "registrator-umea"),
]
OPARL_LISTS = [
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


def _queries(client, url, headers) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, **headers)
    assert response.status_code == 200, url
    return len(context.captured_queries), response.json()


def test_api_list_queries_do_not_grow_with_the_page(client, full_demo, token_for):
    # One test over every list, so the full demo is built once.
    for url, user in API_LISTS:
        headers = bearer(token_for(user)) if user else {}
        few, small = _queries(client, f"{url}?limit=1", headers)
        many, large = _queries(client, f"{url}?limit=100", headers)
        assert len(large["items"]) > len(small["items"]) == 1, url
        assert many <= few, (url, few, many)


def test_oparl_list_queries_stay_flat_from_an_empty_structure_to_the_full_demo(
    client, structure, django_assert_max_num_queries
):
    urls = [f"/oparl/v1/body/samverkan/{name}/" for name in OPARL_LISTS]
    before = {}
    for url in urls:
        with django_assert_max_num_queries(OPARL_MAX_QUERIES):
            before[url] = client.get(url).json()
    load_demo()
    load_meeting_demo()
    load_case_demo()
    for url in urls:
        with django_assert_max_num_queries(OPARL_MAX_QUERIES):
            after = client.get(url).json()
        assert after["pagination"]["totalElements"] > 0, url
        assert len(after["data"]) >= len(before[url]["data"]), url
