"""Indicator imports: Kolada JSON, CSV, the Kolada API (offline), the command."""

import json
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from django.core.management import CommandError, call_command

from followup import imports
from followup.models import IndicatorValue

RECORDED = Path(__file__).parent / "data" / "kolada_response.json"


def test_kolada_json_is_imported_per_area_year_and_gender(structure, indicator):
    result = imports.store(imports.parse_kolada_json(RECORDED.read_text()), from_kolada=True)
    assert result.created == 5
    women = IndicatorValue.objects.get(area="0024", year=2024, gender="K")
    assert women.value == Decimal("88.40")
    assert IndicatorValue.objects.get(area="2480").value is None


def test_importing_the_same_file_again_changes_nothing(structure, indicator):
    rows = imports.parse_kolada_json(RECORDED.read_text())
    imports.store(rows, from_kolada=True)
    again = imports.store(imports.parse_kolada_json(RECORDED.read_text()), from_kolada=True)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    assert IndicatorValue.objects.count() == 5


def test_a_changed_value_is_updated_not_duplicated(structure, indicator):
    imports.store(imports.parse_kolada_json(RECORDED.read_text()), from_kolada=True)
    data = json.loads(RECORDED.read_text())
    data["values"][1]["values"][0]["value"] = 94.0
    result = imports.store(imports.parse_kolada_json(json.dumps(data)), from_kolada=True)
    assert result.updated == 1
    assert IndicatorValue.objects.get(area="0000").value == Decimal("94.00")


def test_a_syntax_error_is_refused_with_its_line(structure, indicator):
    with pytest.raises(imports.ImportRefused, match="rad 3"):
        imports.parse_kolada_json('{"values": [\n{"kpi": "U00000",\n "municipality": }]}')


def test_an_unknown_indicator_is_refused_with_the_entry_and_reason(structure, indicator):
    data = json.loads(RECORDED.read_text())
    data["values"][2]["kpi"] = "X99"
    with pytest.raises(imports.ImportRefused, match=r"post 3.*okänd indikator 'X99'"):
        imports.parse_kolada_json(json.dumps(data))


def test_a_year_in_the_future_is_refused(structure, indicator):
    data = json.loads(RECORDED.read_text())
    data["values"][0]["period"] = 2999
    with pytest.raises(imports.ImportRefused, match="året 2999"):
        imports.parse_kolada_json(json.dumps(data))


def test_csv_is_imported_with_decimal_comma(structure, indicator):
    text = "kpi;area;year;gender;value;unit\nU00000;2482;2023;T;101,5;per_1000\n"
    imports.store(imports.parse_csv(text), from_kolada=False)
    assert IndicatorValue.objects.get(area="2482").value == Decimal("101.50")


def test_csv_with_the_wrong_unit_is_refused_with_its_line(structure, indicator):
    text = (
        "kpi;area;year;gender;value;unit\n"
        "U00000;2482;2023;T;101;per_1000\n"
        "U00000;2480;2023;T;99;percent\n"
    )
    with pytest.raises(imports.ImportRefused, match=r"rad 3: enheten 'percent'"):
        imports.parse_csv(text)


def test_csv_with_an_unknown_area_is_refused(structure, indicator):
    text = "kpi;area;year;gender;value;unit\nU00000;9999;2023;T;1;per_1000\n"
    with pytest.raises(imports.ImportRefused, match="rad 2: okänt område '9999'"):
        imports.parse_csv(text)


def test_a_malformed_file_imports_nothing_through_the_command(structure, indicator, tmp_path):
    path = tmp_path / "varden.csv"
    path.write_text(
        "kpi;area;year;gender;value;unit\n"
        "U00000;2482;2023;T;101;per_1000\n"
        "U00000;2480;2023;T;inte-ett-tal;per_1000\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="Inget importerades. rad 3: värdet"):
        call_command("import_indicators", str(path))
    assert not IndicatorValue.objects.exists()


def test_the_command_imports_a_kolada_file(structure, indicator, capsys):
    call_command("import_indicators", str(RECORDED))
    assert IndicatorValue.objects.count() == 5
    assert "5 nya" in capsys.readouterr().out


def test_kolada_api_answer_is_fetched_and_imported_offline(structure, indicator):
    """The HTTP client is given a transport that replays a recorded Kolada answer."""
    requested = []

    def replay(request: httpx.Request) -> httpx.Response:
        requested.append(str(request.url))
        return httpx.Response(200, text=RECORDED.read_text())

    client = httpx.Client(transport=httpx.MockTransport(replay))
    text = imports.fetch_kolada("U00000", ["0024", "0000", "2480"], [2024], client=client)
    imports.store(imports.parse_kolada_json(text), from_kolada=True)
    assert requested == [
        "https://api.kolada.se/v2/data/kpi/U00000/municipality/0024,0000,2480/year/2024"
    ]
    assert IndicatorValue.objects.filter(from_kolada=True).count() == 5


def test_kolada_api_pages_are_followed(structure, indicator):
    first = json.loads(RECORDED.read_text())
    second = {"values": first["values"][2:]}
    first = {"values": first["values"][:2], "next_page": "https://api.kolada.se/v2/next"}

    def replay(request):
        return httpx.Response(200, json=second if request.url.path == "/v2/next" else first)

    text = imports.fetch_kolada(
        "U00000", ["0024"], [2024], client=httpx.Client(transport=httpx.MockTransport(replay))
    )
    assert len(json.loads(text)["values"]) == 3


def test_the_command_fetches_from_kolada_and_marks_the_figures(structure, indicator, monkeypatch):
    calls = []

    def fetch(kpi, areas, years):
        calls.append((kpi, areas, years))
        return RECORDED.read_text()

    monkeypatch.setattr(imports, "fetch_kolada", fetch)
    call_command(
        "import_indicators", "--kolada", "U00000", "--areas", "0024,0000", "--years", "2024"
    )
    assert calls == [("U00000", ["0024", "0000"], [2024])]
    assert IndicatorValue.objects.filter(from_kolada=True).count() == 5


def test_the_command_refuses_both_a_file_and_kolada(structure):
    with pytest.raises(CommandError, match="antingen en fil eller --kolada"):
        call_command("import_indicators", "x.json", "--kolada", "U1")
