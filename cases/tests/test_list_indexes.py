"""PostgreSQL: every query of the list pages finds its rows of the big tables through an index.

With `enable_seqscan = off` the planner still chooses a sequential scan where no index can
serve a filter or an order, so a "Seq Scan" on a big table in any page's plan is an index
this page lacks (at national volume: a scan of 200,000 cases or 1.6 million decisions).
"""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases import change_feed
from cases.change_feed import Kind, Position
from structure.models import Group, Principal
from testing.builders import coordinator_user, member_user, registrar_user
from testing.volume import add_cases, add_meetings

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="EXPLAIN plans are PostgreSQL's"
)

BIG_TABLES = (
    "cases_case",
    "cases_recommendation",
    "cases_addressee",
    "cases_principaldecision",
    "cases_decisioncorrection",
    "cases_treatment",
    "meetings_meeting",
    "meetings_minutes",
)
SEQ_SCAN = re.compile(r"Seq Scan on (\w+)")


def page_queries(client: Client, url: str) -> list[str]:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]


def seq_scans(sql: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    return {table for table in SEQ_SCAN.findall(plan) if table in BIG_TABLES}


@pytest.fixture
def world(structure):
    coordinator = coordinator_user()
    add_cases(30, by=coordinator)
    lsg = Group.objects.get(slug="lsg")
    lsg.minutes_public = True
    lsg.save()
    add_meetings(30)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "anonymous": Client(),
        "member": member_user("alice", "lsg"),
        "coordinator": coordinator,
        "registrar": registrar_user(principal="umea"),
    }


def pages(lsg: Group, principal: Principal) -> list[tuple[str, str]]:
    beslut = reverse("cases:recommendation_list")
    balance = reverse("cases:balance_list", args=["lsg"])
    return [
        ("anonymous", beslut),
        ("anonymous", beslut + "?status=vantar&year=2026"),
        ("anonymous", beslut + f"?principal={principal.pk}&status=klar"),
        ("anonymous", balance),
        ("member", balance),
        ("registrar", reverse("cases:registrar_inbox")),
        ("coordinator", reverse("cases:registrar_inbox")),
        ("member", reverse("cases:case_list")),
        ("member", reverse("cases:case_list") + "?step=at_principals&year=2026"),
        ("coordinator", reverse("cases:case_list") + f"?group={lsg.pk}"),
        ("anonymous", reverse("structure:principal_detail", args=[principal.slug])),
        ("anonymous", reverse("meetings:meeting_list")),
        ("anonymous", reverse("meetings:meeting_list") + f"?tid=tidigare&year=2026&group={lsg.pk}"),
        ("anonymous", reverse("meetings:minutes_list")),
        ("anonymous", reverse("meetings:group_minutes", args=["lsg"])),
        ("coordinator", reverse("meetings:planning") + "?ar=2026"),
        ("coordinator", reverse("structure:rules_check")),
    ]


def test_no_list_page_scans_a_big_table(world):
    principal = Principal.objects.get(slug="umea")
    scans, explained = {}, 0
    for who, url in pages(Group.objects.get(slug="lsg"), principal):
        client = world[who] if who == "anonymous" else Client()
        if who != "anonymous":
            client.force_login(world[who])
        for sql in page_queries(client, url):
            explained += any(table in sql for table in BIG_TABLES)
            found = seq_scans(sql)
            if found:
                scans.setdefault(f"{who} {url}", []).append((sorted(found), sql[:300]))
    assert scans == {}
    assert explained >= 30  # the pages' queries of the big tables were all looked at


def test_the_check_sees_a_scan_where_no_index_serves_the_filter(world):
    assert seq_scans("SELECT id FROM cases_case WHERE title = 'Ärende 1'") == {"cases_case"}


def test_the_api_changes_feed_scans_no_big_table(world):
    """The diarium's feed (api /registrar/changes): from the start and after a cursor, for a
    registrar and for a coordinator."""
    now = timezone.now()
    middle = Position(now - datetime.timedelta(days=400), Kind.REGISTERED, 1)
    scans, explained = {}, 0
    for who in ("registrar", "coordinator"):
        for since in (None, middle):
            with CaptureQueriesContext(connection) as queries:
                change_feed.changes(world[who], since=since, limit=50, until=now)
            for sql in [q["sql"] for q in queries.captured_queries]:
                explained += any(table in sql for table in BIG_TABLES)
                found = seq_scans(sql)
                if found:
                    scans.setdefault(f"{who} {since}", []).append((sorted(found), sql[:300]))
    assert scans == {}
    assert explained >= 12
