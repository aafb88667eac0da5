"""Query counting for the flat-in-data-size tests of the pages."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def signed_in(user) -> Client:
    """A client signed in as `user` (anonymous for None)."""
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def page_queries(client: Client, url: str) -> int:
    """How many queries a GET of `url` runs once warm: the first request may fill the session
    and per-process caches, so the second is counted. The page must answer 200."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries)


# What every rendered page adds for the county's names and counts in its frame (title, footer;
# see structure.county): the structure version, and on a cold cache two reads of the facts.
COUNTY_FACTS = 3
