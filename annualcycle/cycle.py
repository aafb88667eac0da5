"""The annual cycle (årshjul, R-F5), generated from the data and the rules, never typed.

Pure functions: the selectors hand in the year's meetings, reviews due and working-group
deliveries; the fixed points of the year (the booking deadline, the chair swap on 1 January,
the patient-safety compilation) come from the rules here and in `meetings.planning`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from meetings.planning import booking_deadline

MEETING = "meeting"
SEMINAR = "seminar"
DEADLINE = "deadline"
CHAIR_SWAP = "chair_swap"
COMPILATION = "compilation"
REVIEW = "review"
DELIVERY = "delivery"

KIND_LABELS = {
    MEETING: "Möte",
    SEMINAR: "Ledningsseminarium",
    DEADLINE: "Sista dag",
    CHAIR_SWAP: "Ordförandeskiftet",
    COMPILATION: "Sammanställning",
    REVIEW: "Revision",
    DELIVERY: "Leverans",
}
MONTHS = [
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
]  # fmt: skip


@dataclass(frozen=True)
class CycleEvent:
    day: datetime.date
    title: str
    kind: str
    public: bool = True
    url: str = ""

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


@dataclass(frozen=True)
class MeetingEntry:
    day: datetime.date
    group: str
    url: str
    is_seminar: bool = False
    is_patient_safety: bool = False
    public: bool = True


def build_cycle(
    year: int,
    meetings: Iterable[MeetingEntry],
    reviews: Iterable[tuple[datetime.date, str]] = (),
    deliveries: Iterable[tuple[datetime.date, str, str]] = (),
    compilation: str | None = None,
) -> list[CycleEvent]:
    """Every event of the year, in date order. Reviews are internal; the rest is public.
    `compilation` names the patient-safety council's yearly compilation; a structure without
    such a council has none."""
    meetings = [m for m in meetings if m.day.year == year]
    events = [
        CycleEvent(datetime.date(year, 1, 1), "Ordförande och vice skiftar för året", CHAIR_SWAP),
        CycleEvent(booking_deadline(year), f"Sista dag att boka {year + 1} års möten", DEADLINE),
    ]
    for m in meetings:
        kind = SEMINAR if m.is_seminar else MEETING
        events.append(CycleEvent(m.day, m.group, kind, m.public, m.url))
    if compilation:
        council_days = sorted(m.day for m in meetings if m.is_patient_safety)
        compiled_on = council_days[-1] if council_days else datetime.date(year, 12, 31)
        events.append(CycleEvent(compiled_on, compilation, COMPILATION))
    events += [
        CycleEvent(day, f"Revision: {label}", REVIEW, public=False)
        for day, label in reviews
        if day.year == year
    ]
    events += [
        CycleEvent(day, f"Leverans från {name}", DELIVERY, url=url)
        for day, name, url in deliveries
        if day.year == year
    ]
    return sorted(events, key=lambda e: (e.day, e.kind, e.title))


def by_month(events: Iterable[CycleEvent]) -> list[list[CycleEvent]]:
    months: list[list[CycleEvent]] = [[] for _ in range(12)]
    for event in events:
        months[event.day.month - 1].append(event)
    return months
