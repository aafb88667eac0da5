"""The budgets of `make bench` (issue 11) as pure functions over measured numbers.

- Every list/detail page and feed: p95 at national volume ≤ `ratio` × its p95 on the demo.
- No page (exports aside: they grow with what they export) above `bare_factor` × the bare
  view's p95 at national volume.
- Query counts identical at both volumes.
- Exports: peak memory of the whole national export ≤ `memory_ratio` × that of a reference
  export (a filtered ~1% export at national volume where the export takes the filter, otherwise
  the same export on the demo; the JSON names which).
- Every page answers 200.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field

PAGE, FEED, EXPORT = "page", "feed", "export"


@dataclass(frozen=True)
class Budgets:
    ratio: float = 1.5
    bare_factor: float = 20.0
    memory_ratio: float = 1.2

    @classmethod
    def from_env(cls) -> Budgets:
        return cls(
            ratio=float(os.environ.get("BENCH_MAX_RATIO", cls.ratio)),
            bare_factor=float(os.environ.get("BENCH_MAX_BARE_FACTOR", cls.bare_factor)),
            memory_ratio=float(os.environ.get("BENCH_MAX_MEMORY_RATIO", cls.memory_ratio)),
        )


@dataclass
class Sample:
    """One page measured at one volume (times in seconds, sizes and memory in bytes)."""

    status: int
    queries: int
    size: int
    p50: float
    p95: float
    n: int
    peak_memory: int | None = None


@dataclass
class PageResult:
    name: str
    path: str
    role: str | None
    kind: str
    demo: Sample | None = None
    national: Sample | None = None
    memory_reference: int | None = None
    memory_reference_from: str = ""
    breaches: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        if self.demo is None or self.national is None or self.demo.p95 <= 0:
            return None
        return self.national.p95 / self.demo.p95

    def as_dict(self) -> dict:
        data = asdict(self)
        data["ratio"] = self.ratio
        data["ok"] = not self.breaches
        return data


def breaches(result: PageResult, *, bare_p95: float | None, budgets: Budgets) -> list[str]:
    """What in `result` breaks a budget, in plain words (empty: within every budget)."""
    found = []
    for label, sample in (("demo", result.demo), ("national", result.national)):
        if sample is not None and sample.status != 200:
            found.append(f"HTTP {sample.status} ({label})")
    demo, national = result.demo, result.national
    if demo is not None and national is not None and demo.queries != national.queries:
        found.append(f"queries {demo.queries}→{national.queries}")
    if result.kind in (PAGE, FEED) and result.ratio is not None and result.ratio > budgets.ratio:
        found.append(f"p95 ×{result.ratio:.1f} > ×{budgets.ratio:g}")
    if (
        result.kind != EXPORT
        and national is not None
        and bare_p95
        and national.p95 > budgets.bare_factor * bare_p95
    ):
        found.append(f"p95 {national.p95 / bare_p95:.0f}× bare > {budgets.bare_factor:g}×")
    if result.kind == EXPORT and national is not None and national.peak_memory is not None:
        reference = result.memory_reference
        if reference and national.peak_memory > budgets.memory_ratio * reference:
            found.append(
                f"memory ×{national.peak_memory / reference:.1f} > ×{budgets.memory_ratio:g}"
            )
    return found
