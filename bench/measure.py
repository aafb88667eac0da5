"""Measuring pages in-process with Django's test client, through the full middleware stack.

Per page and volume: warm-up requests, then `repeat` timed requests (the whole body consumed,
streaming bodies chunk by chunk), p50/p95; the query count; the body's size; for exports a few timed
repetitions only (`EXPORT_REPEAT`) and the peak memory (tracemalloc) of one more request with
its whole body consumed. A page slower than `BENCH_PAGE_SECONDS` per request set gets fewer
repetitions (at least `MIN_REPEAT`, an export at least one); the sample records how many
(`n`). The queries are counted on the first timed request (an execute wrapper that only counts).
"""

from __future__ import annotations

import json
import os
import statistics
import time
import tracemalloc
from collections.abc import Callable

from django.db import connection
from django.test import Client

from accounts.models import User
from bench.budget import EXPORT, Budgets, PageResult, Sample, breaches
from bench.pages import Page

EXPORT_REPEAT = 3
MIN_REPEAT = 3
WARMUPS = 2
BARE = Page("bar vy (baslinje)", "/__bench__/bare/")
BARE_AGAIN = Page("bar vy (baslinje, sist)", "/__bench__/bare/")


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def consume(response) -> int:
    """Read the whole body (streaming chunk by chunk) and return its size in bytes."""
    if getattr(response, "streaming", False):
        size = sum(len(chunk) for chunk in response.streaming_content)
    else:
        size = len(response.content)
    response.close()
    return size


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[round(q * 100) - 1]


class Clients:
    """One signed-in client per role (force_login), one anonymous."""

    def __init__(self) -> None:
        self.clients: dict[str | None, Client] = {None: Client()}

    def get(self, role: str | None) -> Client:
        if role not in self.clients:
            client = Client()
            client.force_login(User.objects.get(username=role))
            self.clients[role] = client
        return self.clients[role]


def measure_page(client: Client, page: Page, repeat: int, page_seconds: float) -> Sample:
    def fetch():
        response = client.get(page.path)
        return response, consume(response)

    start = time.perf_counter()
    fetch()  # warm-up; how long it takes decides how many repetitions fit in `page_seconds`
    first = time.perf_counter() - start
    if first * repeat < page_seconds:
        for _ in range(WARMUPS - 1):
            fetch()
    if page.kind == EXPORT:
        n = max(1, min(EXPORT_REPEAT, int(page_seconds / max(first, 1e-6))))
    else:
        n = max(MIN_REPEAT, min(repeat, int(page_seconds / max(first, 1e-6))))
    times = []
    counter = QueryCounter()
    for index in range(n):
        start = time.perf_counter()
        if index == 0:  # the queries are counted on the first timed request (a counter only)
            with connection.execute_wrapper(counter):
                response, size = fetch()
        else:
            fetch()
        times.append(time.perf_counter() - start)
    peak = None
    if page.kind == EXPORT:
        peak, _ = peak_memory(client, page.path)
    return Sample(
        status=response.status_code,
        queries=counter.count,
        size=size,
        p50=percentile(times, 0.5),
        p95=percentile(times, 0.95),
        n=n,
        peak_memory=peak,
    )


def peak_memory(client: Client, path: str) -> tuple[int, tuple[int, int]]:
    """Peak traced memory of one request with its whole body read; and (status, size)."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        response = client.get(path)
        size = consume(response)
        return tracemalloc.get_traced_memory()[1], (response.status_code, size)
    finally:
        tracemalloc.stop()


def measure_all(
    pages: list[Page],
    *,
    repeat: int,
    page_seconds: float,
    log: Callable[[str], None],
    clients: Clients | None = None,
) -> dict[str, Sample]:
    clients = clients or Clients()
    samples = {}
    for page in [BARE, *pages, BARE_AGAIN]:
        t0 = time.perf_counter()
        sample = measure_page(clients.get(page.role), page, repeat, page_seconds)
        samples[page.name] = sample
        log(
            f"  {page.name:<28} {sample.status} {sample.queries:>4} q "
            f"p95 {sample.p95 * 1000:8.1f} ms  n={sample.n}  ({time.perf_counter() - t0:.0f} s)"
        )
    # The baseline is measured first and last; the lower p95 counts (a noisy neighbour on the
    # machine should not loosen the bare-view budget).
    again = samples.pop(BARE_AGAIN.name)
    if again.p95 < samples[BARE.name].p95:
        samples[BARE.name] = again
    return samples


def reference_memory(
    page: Page, clients: Clients, national_size: int
) -> tuple[int | None, str, int | None]:
    """A ~1% export at national volume, if the export takes the filter (it is clearly smaller)."""
    if not page.reference:
        return None, "", None
    client = clients.get(page.role)
    # Read at most half the whole export's size: an export that ignores the filter is not
    # read (or traced) to its end.
    response = client.get(page.reference)
    size = 0
    chunks = response.streaming_content if response.streaming else [response.content]
    for chunk in chunks:
        size += len(chunk)
        if size * 2 > national_size:
            break
    response.close()
    if response.status_code != 200 or size * 2 > national_size:
        return None, "", size
    peak, (_, size) = peak_memory(client, page.reference)
    return peak, page.reference, size


def evaluate(
    pages: list[Page],
    demo: dict[str, Sample],
    national: dict[str, Sample],
    references: dict[str, tuple[int | None, str]],
    budgets: Budgets,
) -> tuple[Sample | None, list[PageResult]]:
    bare = national.get(BARE.name) or demo.get(BARE.name)
    results = []
    for page in pages:
        result = PageResult(
            name=page.name,
            path=page.path,
            role=page.role,
            kind=page.kind,
            demo=demo.get(page.name),
            national=national.get(page.name),
        )
        if page.kind == EXPORT:
            reference, source = references.get(page.name, (None, ""))
            if reference is None and result.demo is not None:
                reference, source = result.demo.peak_memory, "demo"
            result.memory_reference, result.memory_reference_from = reference, source
        result.breaches = breaches(result, bare_p95=bare.p95 if bare else None, budgets=budgets)
        results.append(result)
    return bare, results


# --- Output ----------------------------------------------------------------------------------


def _ms(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds * 1000:.1f}"


def _size(n: int | None) -> str:
    if n is None:
        return "–"
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def _pair(a, b, fmt) -> str:
    return f"{fmt(a)} → {fmt(b)}"


def table(bare: Sample | None, results: list[PageResult]) -> str:
    header = (
        "page",
        "role",
        "queries",
        "p50 ms",
        "p95 ms",
        "×p95",
        "size",
        "peak mem (ref)",
        "verdict",
    )
    rows = []
    if bare:
        rows.append(
            (BARE.name, "", str(bare.queries), _ms(bare.p50), _ms(bare.p95), "", "", "", "")
        )
    for r in results:
        d, n = r.demo, r.national

        def get(sample, attr):
            return getattr(sample, attr) if sample else None

        memory = ""
        if n and n.peak_memory is not None:
            memory = (
                f"{_size(n.peak_memory)} ({_size(r.memory_reference)} {r.memory_reference_from})"
            )
        rows.append(
            (
                r.name,
                r.role or "",
                _pair(get(d, "queries"), get(n, "queries"), lambda v: "–" if v is None else str(v)),
                _pair(get(d, "p50"), get(n, "p50"), _ms),
                _pair(get(d, "p95"), get(n, "p95"), _ms),
                "–" if r.ratio is None else f"{r.ratio:.1f}",
                _pair(get(d, "size"), get(n, "size"), _size),
                memory,
                "OK" if not r.breaches else "BREACH: " + "; ".join(r.breaches),
            )
        )
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    widths[-1] = 0
    lines = [" | ".join(str(c).ljust(w) for c, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("-+-".join("-" * w for w in widths[:-1]) + "-+-" + "-" * 10)
    for row in rows:
        lines.append(" | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines)


def report(
    *,
    bare: Sample | None,
    results: list[PageResult],
    budgets: Budgets,
    meta: dict,
) -> dict:
    return {
        **meta,
        "budgets": {
            "ratio": budgets.ratio,
            "bare_factor": budgets.bare_factor,
            "memory_ratio": budgets.memory_ratio,
        },
        "bare": None if bare is None else bare.__dict__,
        "pages": [r.as_dict() for r in results],
        "breaches": sum(1 for r in results if r.breaches),
    }


def write_json(data: dict, path: str) -> None:
    with open(path, "w", encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")


def env_float(name: str, default: float) -> float:
    return float(os.environ.get(name, default))
