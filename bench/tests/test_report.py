"""The table and the JSON of `make bench`: their shape, from made-up samples."""

import json

from bench.budget import EXPORT, PAGE, Budgets, Sample
from bench.measure import evaluate, percentile, report, table, write_json
from bench.pages import Page

PAGES = [
    Page("beslut", "/beslut/"),
    Page("beslut export csv", "/beslut/export.csv", kind=EXPORT),
]


def _sample(p95, queries=2, peak=None):
    return Sample(status=200, queries=queries, size=2048, p50=p95, p95=p95, n=30, peak_memory=peak)


def _evaluated():
    demo = {
        "bar vy (baslinje)": _sample(0.001, 0),
        "beslut": _sample(0.010),
        "beslut export csv": _sample(0.02, 1, 100_000),
    }
    national = {
        "bar vy (baslinje)": _sample(0.001, 0),
        "beslut": _sample(0.050, 3),
        "beslut export csv": _sample(2.0, 1, 110_000),
    }
    return evaluate(PAGES, demo, national, {}, Budgets())


def test_the_json_has_one_entry_per_page_with_both_volumes_and_its_verdict(tmp_path):
    bare, results = _evaluated()
    data = report(bare=bare, results=results, budgets=Budgets(), meta={"scale": 1.0})
    path = tmp_path / "bench.json"
    write_json(data, str(path))
    loaded = json.loads(path.read_text(encoding="utf-8"))
    assert loaded["scale"] == 1.0 and loaded["budgets"] == {
        "ratio": 1.5,
        "bare_factor": 20.0,
        "memory_ratio": 1.2,
    }
    assert loaded["bare"]["p95"] == 0.001
    assert loaded["breaches"] == 1
    page, export = loaded["pages"]
    assert set(page) >= {
        "name",
        "path",
        "role",
        "kind",
        "demo",
        "national",
        "ratio",
        "breaches",
        "ok",
    }
    assert page["kind"] == PAGE and page["ratio"] == 5.0 and not page["ok"]
    assert set(page["national"]) == {"status", "queries", "size", "p50", "p95", "n", "peak_memory"}
    assert export["ok"] and export["memory_reference_from"] == "demo"
    assert export["memory_reference"] == 100_000


def test_the_table_shows_each_page_with_its_numbers_and_verdict():
    bare, results = _evaluated()
    text = table(bare, results)
    assert "bar vy (baslinje)" in text
    beslut = next(line for line in text.splitlines() if line.startswith("beslut "))
    assert "2 → 3" in beslut and "10.0 → 50.0" in beslut and "BREACH" in beslut
    export = next(line for line in text.splitlines() if line.startswith("beslut export"))
    assert export.rstrip().endswith("OK")


def test_percentiles_of_a_known_series():
    values = [i / 100 for i in range(1, 101)]
    assert percentile(values, 0.5) == 0.505
    assert round(percentile(values, 0.95), 4) == 0.9505
    assert percentile([0.2], 0.95) == 0.2
