"""The downloads stream (R-Q3): rows are written as they are read, in a fixed number of queries,
and memory does not grow with the number of rows; the /beslut/ download is filtered like the page.

The rows are bulk-created (one case, recommendations without a meeting) so the volumes stay
cheap to build; what is asserted is the shape of the work, never a time.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import tracemalloc
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from cases import export_selectors
from cases.models import Addressee, Case, DecisionOutcome, PrincipalDecision, Recommendation
from structure.models import Group, Principal
from testing import builders

TZ = zoneinfo.ZoneInfo("Europe/Stockholm")
EXPEDITED = datetime.datetime(2025, 5, 20, 10, tzinfo=TZ)


def recommendations(count: int, *, group: str = "lsg", expedited_at=EXPEDITED, title="Rek"):
    """`count` expedited recommendations of one case, bulk-created."""
    group = Group.objects.get(slug=group)
    serial = Case.objects.filter(year=2025).count() + 1
    case = Case.objects.create(
        year=2025,
        serial=serial,
        title="Ärende",
        description="Intern beskrivning",
        proposal="Internt förslag",
        submitted_by=builders.person(f"P{serial}"),
        origin_group=group,
        current_group=group,
    )
    return Recommendation.objects.bulk_create(
        Recommendation(
            case=case,
            group=group,
            title=f"{title} {number}",
            decisions="att göra något",
            adopted_on=datetime.date(2025, 5, 1),
            expedited_at=expedited_at,
        )
        for number in range(count)
    )


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body(response).decode("utf-8-sig")), delimiter=";"))


def export(client, fmt: str = "csv", **query):
    return client.get(reverse("cases:recommendation_export", args=[fmt]), query)


# --- Streaming ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_every_format_is_a_streamed_response(client, structure, fmt):
    recommendations(3)
    response = export(client, fmt)
    assert response.status_code == 200
    assert response.streaming


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_query_count_is_the_same_for_10_and_200_rows(client, structure, fmt):
    counts = []
    for count in (10, 190):  # 10, then 200 in all
        recommendations(count)
        with CaptureQueriesContext(connection) as queries:
            content = body(export(client, fmt))
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert content.decode("utf-8-sig").count("Rek ") == 200


def test_first_chunk_is_written_before_the_rows_are_all_read(client, structure, monkeypatch):
    monkeypatch.setattr(export_selectors, "CHUNK_SIZE", 50)
    recommendations(1000)
    read = []
    rows_of = export_selectors.recommendation_rows

    def counted(queryset):
        for row in rows_of(queryset):
            read.append(row.pk)
            yield row

    monkeypatch.setattr(export_selectors, "recommendation_rows", counted)
    chunks = iter(export(client).streaming_content)
    first = next(chunks).decode("utf-8-sig")
    assert first.startswith("Id;Diarienummer;Rubrik")
    assert 1 < first.count("\n") < 1000
    assert len(read) < 1000  # the rest is still in the database
    assert sum(chunk.count(b"\n") for chunk in chunks) + first.count("\n") == 1001
    assert len(read) == 1000


def test_json_is_one_valid_document_also_when_streamed_in_pieces(client, structure):
    recommendations(450)  # more than two pieces
    data = json.loads(body(export(client, "json")))
    assert data["title"] == "Rekommendationer till huvudmännen"
    assert len(data["rows"]) == 450
    assert data["rows"][0]["expedited_on"] == "2025-05-20"


def test_json_of_no_rows_is_an_empty_list(client, structure):
    data = json.loads(body(export(client, "json")))
    assert data["rows"] == []


def _peak_bytes(client, fmt: str) -> int:
    tracemalloc.start()
    try:
        for _chunk in export(client, fmt).streaming_content:
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_memory_for_2000_rows_is_about_that_for_200(client, structure, monkeypatch, fmt):
    # Memory is bounded by the rows read at a time, whatever the total: make that small here.
    monkeypatch.setattr(export_selectors, "CHUNK_SIZE", 100)
    recommendations(200)
    _peak_bytes(client, fmt)  # first use: imports, caches, compiled templates
    small = _peak_bytes(client, fmt)
    recommendations(1800)
    large = _peak_bytes(client, fmt)
    assert large <= 1.5 * small, (small, large)


# --- What the rows hold ---------------------------------------------------------------------


def test_counts_and_summary_come_from_the_database_per_row(client, structure):
    (rec,) = recommendations(1)
    principals = list(Principal.objects.order_by("name")[:3])
    for principal in principals:
        Addressee.objects.create(recommendation=rec, principal=principal)
    addressee = Addressee.objects.get(recommendation=rec, principal=principals[0])
    PrincipalDecision.objects.create(
        addressee=addressee,
        outcome=DecisionOutcome.REJECTED,
        body=principals[0].decision_bodies.first(),
        decided_on=datetime.date(2025, 6, 1),
        reference="§ 3",
        registered_by=builders.coordinator_user(),
    )
    (row,) = rows(export(client))
    assert (row["Antal mottagare"], row["Antal beslut"], row["Avslag"]) == ("3", "1", "1")
    assert row["Beslutsläge"] == "1 av 3 har beslutat: 1 avslag"
    assert row["Diarienummer"] == rec.case.register_number
    assert row["Expedierad"] == "2025-05-20"


def test_unexpedited_and_own_decisions_are_never_exported(client, structure):
    recommendations(1, title="Offentlig")
    recommendations(1, title="Ej expedierad", expedited_at=None)
    own = recommendations(1, group="hjalpmedelsradet", title="Eget beslut")
    Recommendation.objects.filter(pk=own[0].pk).update(own_decision=True)
    for fmt in ("csv", "json"):
        content = body(export(client, fmt)).decode("utf-8-sig")
        assert "Offentlig 0" in content
        assert "Ej expedierad" not in content and "Eget beslut" not in content
    sheet = load_workbook(io.BytesIO(body(export(client, "xlsx")))).active
    assert [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Offentlig 0"]


# --- Filters ----------------------------------------------------------------------------------


def test_the_export_filters_by_group(client, structure):
    recommendations(2, group="lsg", title="LSG")
    recommendations(1, group="samrad", title="Samråd")
    samrad = Group.objects.get(slug="samrad")
    assert [row["Rubrik"] for row in rows(export(client, group=samrad.pk))] == ["Samråd 0"]


def test_the_export_filters_by_year_of_expedition(client, structure):
    recommendations(1, title="I år", expedited_at=EXPEDITED)
    recommendations(1, title="Förra året", expedited_at=EXPEDITED.replace(year=2024))
    assert [row["Rubrik"] for row in rows(export(client, year="2024"))] == ["Förra året 0"]


def test_the_export_filters_by_principal_and_its_status(client, structure):
    waiting, decided, other = recommendations(3)
    umea = Principal.objects.get(slug="umea")
    for rec in (waiting, decided):
        Addressee.objects.create(recommendation=rec, principal=umea)
    PrincipalDecision.objects.create(
        addressee=Addressee.objects.get(recommendation=decided),
        outcome=DecisionOutcome.APPROVED,
        body=umea.decision_bodies.first(),
        decided_on=datetime.date(2025, 6, 1),
        reference="§ 1",
        registered_by=builders.coordinator_user(),
    )
    titles = {row["Rubrik"] for row in rows(export(client, principal=umea.pk))}
    assert titles == {waiting.title, decided.title}
    assert [r["Rubrik"] for r in rows(export(client, principal=umea.pk, status="vantar"))] == [
        waiting.title
    ]
    assert [r["Rubrik"] for r in rows(export(client, principal=umea.pk, status="klar"))] == [
        decided.title
    ]


@pytest.mark.parametrize(
    "query",
    [
        {"principal": "99999999"},
        {"principal": "abc"},
        {"group": "-1"},
        {"group": "1e9"},
        {"year": "1"},
        {"year": "20x5"},
        {"status": "<script>"},
    ],
)
@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_hostile_export_filters_answer_400_in_swedish(client, structure, query, fmt):
    recommendations(1)
    response = export(client, fmt, **query)
    assert response.status_code == 400
    assert "Urvalet för nedladdningen gick inte att tolka" in response.content.decode()


def test_the_page_links_its_downloads_with_its_filters(client, structure):
    recommendations(1)
    html = client.get(reverse("cases:recommendation_list"), {"year": "2025"}).content.decode()
    assert reverse("cases:recommendation_export", args=["csv"]) + "?year=2025" in html
    assert "rekommendationerna i urvalet" in html


def test_the_unfiltered_page_links_the_whole_download(client, structure):
    recommendations(1)
    html = client.get(reverse("cases:recommendation_list")).content.decode()
    assert 'href="' + reverse("cases:recommendation_export", args=["csv"]) + '"' in html


# --- Balance list -------------------------------------------------------------------------------


def test_balance_export_streams_with_the_same_queries_for_few_and_many_cases(client, structure):
    counts = []
    for count in (2, 30):
        for _ in range(count):
            recommendations(1)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("cases:balance_list_export", args=["lsg", "csv"]))
            assert response.streaming
            content = body(response).decode("utf-8-sig")
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert content.count("Ärende") == 32
