"""The recommendation list counts the decisions of its page's rows only (the page is read
without the counts), and the counts are still each recommendation's own."""

import pytest

from structure.models import Principal
from testing.builders import coordinator_user
from testing.volume import add_cases

pytestmark = pytest.mark.django_db


def test_recommendation_list_counts_each_rows_decisions(client, structure):
    add_cases(3, by=coordinator_user(), decided=2)
    items = client.get("/api/v1/recommendations?limit=2").json()["items"]
    principals = Principal.objects.count()
    assert len(items) == 2
    for item in items:
        assert (item["addressed"], item["decided"]) == (principals, 2)
        assert item["approved"] == 1 and item["partly_approved"] == 1 and item["rejected"] == 0


def test_recommendation_list_counts_all_expedited_rows(client, structure):
    add_cases(4, by=coordinator_user())
    assert client.get("/api/v1/recommendations?limit=1").json()["count"] == 4
