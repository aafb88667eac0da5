"""Two app servers sharing one Redis: cached structure pages and the API limit stay right.

Runs only with a Redis server at REDIS_URL (`.ci/run` starts a throwaway one); each "node" is
its own Django RedisCache client, as on two machines.
"""

import os
import uuid

import pytest
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import api.middleware
import structure.cache
from structure.models import Group

REDIS_URL = os.environ.get("REDIS_URL", "")

pytestmark = [
    pytest.mark.redis,
    pytest.mark.skipif(not REDIS_URL, reason="no Redis server (set REDIS_URL)"),
]


@pytest.fixture
def nodes():
    """Two cache clients on the same Redis, with a prefix of this test's own."""
    prefix = f"test-{uuid.uuid4().hex}"
    return [RedisCache(REDIS_URL, {"KEY_PREFIX": prefix, "TIMEOUT": 120}) for _ in range(2)]


def get_on(node, client, monkeypatch, url):
    monkeypatch.setattr(structure.cache, "cache", node)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


@pytest.mark.django_db
def test_a_page_one_node_cached_is_served_by_the_other(client, structure, nodes, monkeypatch):
    a, b = nodes
    url = reverse("structure:group_list")
    html_a, queries_a = get_on(a, client, monkeypatch, url)
    html_b, queries_b = get_on(b, client, monkeypatch, url)
    assert html_b == html_a
    assert queries_b == 1 < queries_a  # only the structure version


@pytest.mark.django_db
def test_a_change_through_one_node_is_seen_on_both(client, structure, nodes, monkeypatch):
    a, b = nodes
    url = reverse("structure:group_list")
    get_on(a, client, monkeypatch, url)
    get_on(b, client, monkeypatch, url)
    group = Group.objects.get(slug="lsg")
    group.name = "Länssamverkansgruppen (ny)"
    group.save()  # as the admin on node A would
    for node in (b, a):
        html, _ = get_on(node, client, monkeypatch, url)
        assert "Länssamverkansgruppen (ny)" in html


@pytest.mark.django_db
def test_the_api_limit_counts_requests_on_both_nodes_together(
    client, structure, nodes, monkeypatch, settings
):
    settings.API_RATE_LIMIT_PER_MINUTE = 60
    settings.API_RATE_LIMIT_BURST = 3
    statuses = []
    for n in range(4):
        monkeypatch.setattr(api.middleware, "cache", nodes[n % 2])
        statuses.append(client.get("/oparl/v1/").status_code)
    assert statuses == [200, 200, 200, 429]
