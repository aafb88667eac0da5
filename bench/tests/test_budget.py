"""The budget logic of `make bench`, with made-up numbers (no timing is measured here)."""

from bench.budget import EXPORT, FEED, PAGE, Budgets, PageResult, Sample, breaches

BUDGETS = Budgets()
BARE = 0.001  # 1 ms


def _sample(p95=0.010, queries=4, status=200, peak=None):
    return Sample(
        status=status, queries=queries, size=1000, p50=p95 / 2, p95=p95, n=30, peak_memory=peak
    )


def _result(kind=PAGE, demo=None, national=None, reference=None):
    return PageResult(
        name="beslut", path="/beslut/", role=None, kind=kind,
        demo=demo or _sample(), national=national or _sample(), memory_reference=reference,
    )  # fmt: skip


def test_a_page_within_every_budget_has_no_breaches():
    result = _result(national=_sample(p95=0.015))
    assert breaches(result, bare_p95=BARE, budgets=BUDGETS) == []


def test_a_page_slower_than_the_ratio_at_national_volume_breaches():
    result = _result(national=_sample(p95=0.016))
    assert breaches(result, bare_p95=BARE, budgets=BUDGETS) == ["p95 ×1.6 > ×1.5"]


def test_a_page_above_twenty_bare_views_breaches_even_when_flat():
    result = _result(demo=_sample(p95=0.030), national=_sample(p95=0.030))
    assert breaches(result, bare_p95=BARE, budgets=BUDGETS) == ["p95 30× bare > 20×"]


def test_a_changed_query_count_breaches():
    result = _result(national=_sample(queries=5))
    assert breaches(result, bare_p95=BARE, budgets=BUDGETS) == ["queries 4→5"]


def test_a_page_that_does_not_answer_200_breaches():
    result = _result(national=_sample(status=500))
    assert breaches(result, bare_p95=BARE, budgets=BUDGETS) == ["HTTP 500 (national)"]


def test_feeds_have_the_same_time_budgets_as_pages():
    result = _result(kind=FEED, national=_sample(p95=0.100))
    assert breaches(result, bare_p95=BARE, budgets=BUDGETS) == [
        "p95 ×10.0 > ×1.5",
        "p95 100× bare > 20×",
    ]


def test_an_export_is_judged_by_memory_not_by_time():
    slow_but_lean = _result(
        kind=EXPORT, national=_sample(p95=9.0, peak=1_100_000), reference=1_000_000
    )
    assert breaches(slow_but_lean, bare_p95=BARE, budgets=BUDGETS) == []
    built_whole = _result(
        kind=EXPORT, national=_sample(p95=9.0, peak=5_000_000), reference=1_000_000
    )
    assert breaches(built_whole, bare_p95=BARE, budgets=BUDGETS) == ["memory ×5.0 > ×1.2"]


def test_budgets_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("BENCH_MAX_RATIO", "2")
    monkeypatch.setenv("BENCH_MAX_BARE_FACTOR", "50")
    monkeypatch.setenv("BENCH_MAX_MEMORY_RATIO", "1.5")
    assert Budgets.from_env() == Budgets(ratio=2.0, bare_factor=50.0, memory_ratio=1.5)


def test_a_page_measured_only_at_national_volume_has_no_ratio():
    result = PageResult(name="x", path="/x/", role=None, kind=PAGE, national=_sample())
    assert result.ratio is None
    assert breaches(result, bare_p95=BARE, budgets=BUDGETS) == []
