"""The follow-up in the open API: the same process measures as the page, and the indicators'
values per area and year, public, paginated, with flat query counts."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from followup import reports
from followup.models import Gender, IndicatorValue


def test_measures_answer_the_same_table_as_the_page(client, history):
    history(3)
    response = client.get("/api/v1/measures")
    assert response.status_code == 200
    body = response.json()
    expected = reports.process_report(group=None, today=timezone.localdate()).rows()
    assert [row["year"] for row in body["rows"]] == [row["year"] for row in expected]
    row_2025 = next(row for row in body["rows"] if row["year"] == 2025)
    assert row_2025["meetings_held"] == 3
    assert row_2025["recommendations"] == 3
    assert row_2025 == next(row for row in expected if row["year"] == 2025)


def test_measures_are_served_from_the_cache_the_page_keeps(client, history):
    """A public endpoint: the report is computed once per cache period, not per request."""
    history(2)
    with CaptureQueriesContext(connection) as first:
        assert client.get("/api/v1/measures").status_code == 200
    with CaptureQueriesContext(connection) as second:
        again = client.get("/api/v1/measures")
    assert len(second) < len(first)
    assert not any("followup" in q["sql"] or "meetings_" in q["sql"] for q in second)
    assert again.json()["rows"] == client.get("/api/v1/measures").json()["rows"]


def test_measures_of_one_group_and_an_unknown_group(client, history):
    history(2)
    body = client.get("/api/v1/measures?group=lsg").json()
    assert "Länssamverkansgruppen" in body["scope"]
    assert client.get("/api/v1/measures?group=finns-inte").status_code == 404
    assert client.get("/api/v1/measures?group=<script>").status_code == 422


def _values(indicator, n):
    for year in range(2000, 2000 + n):
        for area in ("0024", "2480"):
            IndicatorValue.objects.create(
                indicator=indicator, area=area, year=year, gender=Gender.TOTAL, value=Decimal(year)
            )


def test_indicator_values_filter_by_area_and_year(client, indicator):
    _values(indicator, 3)
    listed = client.get("/api/v1/indicators").json()
    assert [i["code"] for i in listed["items"]] == ["U00000"]
    body = client.get(f"/api/v1/indicators/{indicator.code}/values?area=2480&year=2001").json()
    assert body["count"] == 1
    assert body["items"][0] | {"area_name": "?"} == {
        "area": "2480",
        "area_name": "?",
        "year": 2001,
        "gender": "T",
        "value": 2001.0,
        "from_kolada": False,
    }
    assert client.get("/api/v1/indicators/U99999/values").status_code == 404
    assert client.get(f"/api/v1/indicators/{indicator.code}/values?year=99999").status_code == 422


def test_indicator_values_query_count_does_not_grow(client, indicator):
    def queries(n):
        IndicatorValue.objects.all().delete()
        _values(indicator, n)
        with CaptureQueriesContext(connection) as context:
            assert client.get(f"/api/v1/indicators/{indicator.code}/values?limit=100").status_code
        return len(context.captured_queries)

    assert queries(2) == queries(40)
