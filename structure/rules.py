"""The seat and chair rules of the mandates (R-M2, R-M5) as pure functions.

Nothing here touches the database or a request: the selectors in `structure.selectors` turn
model rows into the small value objects below, and these functions say what breaks the rules.

A group's seat rule is a dict in the structure data file (see README, "Platsregler"):

    per_principal:        ordinary seats each principal of a side must / may hold
        municipality: [min, max]
        region: [min, max]
    principal_overrides:  {"2480": [1, 2]}  a principal's own [min, max]
    substitute_per_ordinary: true            every ordinary member needs a substitute
    per_side:             {"municipality": 6, "region": 4}  ordinary seats per side, exact
    per_grouping:         2                   municipal ordinary seats per geographic grouping
    co_opted:             3                   permanently co-opted members (counted apart)
    min_total:            2                   at least this many ordinary members
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

REGION = "region"
MUNICIPALITY = "municipality"
SIDES = (REGION, MUNICIPALITY)
SIDE_NAMES = {REGION: "regionen", MUNICIPALITY: "kommunerna"}

ORDINARY = "ordinary"
SUBSTITUTE = "substitute"
CO_OPTED = "co_opted"
GUEST = "guest"

CHAIR = "chair"
VICE_CHAIR = "vice_chair"

RULE_NONE = "none"
RULE_DIFFERENT_SIDES_SWAP_YEARLY = "different_sides_swap_yearly"
RULE_ALTERNATE_YEARLY = "alternate_yearly"
RULE_FIXED_SIDES = "fixed_sides"

ERROR = "error"
WARNING = "warning"

# What each rule is about, in the words the rules-check page shows (requirement ids stay in code).
RULE_TOPICS = {"R-M2": "Platser", "R-M5": "Ordförandeskap"}


@dataclass(frozen=True)
class Range:
    min: int
    max: int

    def describe(self) -> str:
        return str(self.min) if self.min == self.max else f"{self.min}–{self.max}"


@dataclass(frozen=True)
class SeatRule:
    per_principal: Mapping[str, Range] = field(default_factory=dict)
    principal_overrides: Mapping[str, Range] = field(default_factory=dict)
    substitute_per_ordinary: bool = False
    per_side: Mapping[str, int] = field(default_factory=dict)
    per_grouping: int | None = None
    co_opted: int | None = None
    min_total: int | None = None

    @property
    def is_empty(self) -> bool:
        return self == SeatRule()

    @classmethod
    def from_dict(cls, data: Mapping) -> SeatRule:
        """Parse and validate a seat rule; raises ValueError with a Swedish message."""
        if not isinstance(data, Mapping):
            raise ValueError("Platsregeln ska vara ett objekt med nycklar och värden.")
        known = {
            "per_principal",
            "principal_overrides",
            "substitute_per_ordinary",
            "per_side",
            "per_grouping",
            "co_opted",
            "min_total",
        }
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"Okända nycklar i platsregeln: {', '.join(unknown)}.")
        per_principal = {}
        for side, value in (data.get("per_principal") or {}).items():
            if side not in SIDES:
                raise ValueError(f"Okänd sida i platsregeln: {side}.")
            per_principal[side] = _range(value, f"per_principal.{side}")
        overrides = {
            str(code): _range(value, f"principal_overrides.{code}")
            for code, value in (data.get("principal_overrides") or {}).items()
        }
        per_side = {}
        for side, value in (data.get("per_side") or {}).items():
            if side not in SIDES:
                raise ValueError(f"Okänd sida i platsregeln: {side}.")
            per_side[side] = _count(value, f"per_side.{side}")
        return cls(
            per_principal=per_principal,
            principal_overrides=overrides,
            substitute_per_ordinary=bool(data.get("substitute_per_ordinary", False)),
            per_side=per_side,
            per_grouping=_optional_count(data.get("per_grouping"), "per_grouping"),
            co_opted=_optional_count(data.get("co_opted"), "co_opted"),
            min_total=_optional_count(data.get("min_total"), "min_total"),
        )


def _count(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} ska vara ett heltal som är 0 eller större.")
    return value


def _optional_count(value: object, name: str) -> int | None:
    return None if value is None else _count(value, name)


def _range(value: object, name: str) -> Range:
    if isinstance(value, int) and not isinstance(value, bool):
        value = [value, value]
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise ValueError(f"{name} ska vara ett tal eller [minst, högst].")
    low, high = (_count(v, name) for v in value)
    if low > high:
        raise ValueError(f"{name}: minst kan inte vara större än högst.")
    return Range(low, high)


@dataclass(frozen=True)
class PrincipalInfo:
    code: str
    name: str
    side: str
    grouping: str | None = None


@dataclass(frozen=True)
class Seat:
    """One current membership, as the rule functions see it."""

    id: int
    person: str
    principal: PrincipalInfo
    kind: str
    substitute_for: int | None = None
    position: str = ""
    position_since_year: int | None = None
    counted_apart: bool = False  # e.g. the Hjälpmedelsråd chair's ordinary seat in LSG


@dataclass(frozen=True)
class Breach:
    rule: str
    code: str
    message: str
    severity: str = ERROR
    seat: int | None = None  # the seat (`Seat.id`) the breach is about, when it is about one

    @property
    def topic(self) -> str:
        return RULE_TOPICS[self.rule]


def check_seats(
    rule: SeatRule,
    seats: Iterable[Seat],
    principals: Iterable[PrincipalInfo],
    groupings: Iterable[str] = (),
) -> list[Breach]:
    """R-M2: too many / too few ordinary members, missing substitutes, unbalanced groupings.

    Co-opted members, guests and seats marked `counted_apart` never count as ordinary seats.
    """
    seats = list(seats)
    principals = list(principals)
    counted = [s for s in seats if s.kind == ORDINARY and not s.counted_apart]
    breaches: list[Breach] = []

    by_principal = Counter(s.principal.code for s in counted)
    for principal in principals:
        allowed = rule.principal_overrides.get(principal.code) or rule.per_principal.get(
            principal.side
        )
        if allowed is None:
            continue
        have = by_principal.get(principal.code, 0)
        if have < allowed.min:
            breaches.append(
                Breach(
                    "R-M2",
                    "too_few_principal",
                    f"{principal.name} har {have} ordinarie ledamöter, ska ha "
                    f"{allowed.describe()}.",
                )
            )
        elif have > allowed.max:
            breaches.append(
                Breach(
                    "R-M2",
                    "too_many_principal",
                    f"{principal.name} har {have} ordinarie ledamöter, får ha högst {allowed.max}.",
                )
            )

    by_side = Counter(s.principal.side for s in counted)
    for side, expected in rule.per_side.items():
        have = by_side.get(side, 0)
        if have != expected:
            code = "too_few_side" if have < expected else "too_many_side"
            breaches.append(
                Breach(
                    "R-M2",
                    code,
                    f"{SIDE_NAMES[side].capitalize()} har {have} ordinarie ledamöter, "
                    f"ska ha {expected}.",
                )
            )

    if rule.per_grouping is not None:
        by_grouping = Counter(
            s.principal.grouping for s in counted if s.principal.side == MUNICIPALITY
        )
        names = list(groupings) or sorted({g for g in by_grouping if g})
        off = [g for g in names if by_grouping.get(g, 0) != rule.per_grouping]
        if off:
            spread = ", ".join(f"{g} {by_grouping.get(g, 0)}" for g in names)
            breaches.append(
                Breach(
                    "R-M2",
                    "grouping_imbalance",
                    f"Obalans mellan de geografiska grupperingarna: {spread} "
                    f"(ska vara {rule.per_grouping} var).",
                )
            )

    if rule.substitute_per_ordinary:
        ordinary_ids = {s.id for s in seats if s.kind == ORDINARY}
        covered = {s.substitute_for for s in seats if s.kind == SUBSTITUTE}
        for seat in seats:
            if seat.kind == ORDINARY and not seat.counted_apart and seat.id not in covered:
                breaches.append(
                    Breach(
                        "R-M2",
                        "missing_substitute",
                        f"{seat.person} ({seat.principal.name}) saknar ersättare.",
                        seat=seat.id,
                    )
                )
        for seat in seats:
            if seat.kind == SUBSTITUTE and seat.substitute_for not in ordinary_ids:
                breaches.append(
                    Breach(
                        "R-M2",
                        "orphan_substitute",
                        f"Ersättaren {seat.person} ({seat.principal.name}) ersätter ingen "
                        f"nuvarande ordinarie ledamot.",
                        WARNING,
                        seat=seat.id,
                    )
                )

    if rule.co_opted is not None:
        have = sum(1 for s in seats if s.kind == CO_OPTED)
        if have != rule.co_opted:
            breaches.append(
                Breach(
                    "R-M2",
                    "co_opted_count",
                    f"Gruppen har {have} ständigt adjungerade, ska ha {rule.co_opted} "
                    f"(räknas utanför de ordinarie platserna).",
                )
            )

    if rule.min_total is not None and len(counted) < rule.min_total:
        breaches.append(
            Breach(
                "R-M2",
                "too_few_total",
                f"Gruppen har {len(counted)} ordinarie ledamöter, ska ha minst {rule.min_total}.",
            )
        )
    return breaches


def check_ex_officio(label: str, holder: str | None, seated: bool) -> list[Breach]:
    """The Hjälpmedelsråd chair is an ordinary member of LSG (SPEC §3)."""
    if holder is None:
        return [
            Breach(
                "R-M2",
                "ex_officio_vacant",
                f"{label} saknas, så den ordinarie platsen som följer med uppdraget är tom.",
                WARNING,
            )
        ]
    if not seated:
        return [
            Breach(
                "R-M2",
                "ex_officio_missing",
                f"{holder} är {label.lower()} men är inte ordinarie ledamot här.",
            )
        ]
    return []


def expected_chair_side(
    year: int, anchor_year: int, anchor_side: str, extension_years: Iterable[int] = ()
) -> str | None:
    """R-M5: the side that holds the chair in `year`.

    The chair changes side every calendar year from the anchor, except in a year for which the
    group has recorded a decision to extend the term: then the previous year's side continues.
    Years before the anchor are unknown (None).
    """
    if year < anchor_year or anchor_side not in SIDES:
        return None
    extended = set(extension_years)
    side = anchor_side
    for y in range(anchor_year + 1, year + 1):
        if y not in extended:
            side = other_side(side)
    return side


def other_side(side: str) -> str:
    return MUNICIPALITY if side == REGION else REGION


def _fixed_side_breaches(chair: Seat | None, vice: Seat | None, chair_side: str | None) -> list:
    if chair_side not in SIDES:
        return []
    breaches = []
    for seat, title, side in (
        (chair, "Ordföranden", chair_side),
        (vice, "Vice ordföranden", other_side(chair_side)),
    ):
        if seat and seat.principal.side != side:
            breaches.append(
                Breach(
                    "R-M5",
                    "wrong_side",
                    f"{title} ({seat.person}) företräder {SIDE_NAMES[seat.principal.side]}, men "
                    f"ska enligt gruppens regel komma från {SIDE_NAMES[side]}.",
                )
            )
    return breaches


def chair_rotation(
    years: Iterable[int], anchor_year: int, anchor_side: str, extension_years: Iterable[int] = ()
) -> list[tuple[int, str | None, str | None]]:
    """(year, chair side, vice side) for each year, for the rotation table."""
    extension_years = list(extension_years)
    rows = []
    for year in years:
        side = expected_chair_side(year, anchor_year, anchor_side, extension_years)
        rows.append((year, side, other_side(side) if side else None))
    return rows


def fixed_rotation(years: Iterable[int], chair_side: str) -> list[tuple[int, str, str]]:
    """(year, chair side, vice side) for a group whose chair always comes from one side."""
    return [(year, chair_side, other_side(chair_side)) for year in years]


def check_chair(
    chair_rule: str,
    seats: Iterable[Seat],
    year: int,
    anchor_year: int | None = None,
    anchor_side: str | None = None,
    extension_years: Iterable[int] = (),
    chair_side: str | None = None,
) -> list[Breach]:
    """R-M2/R-M5: chair and vice from different sides, on the side whose turn it is.

    `seats` are the group's current memberships; only chair/vice positions matter. Under
    `fixed_sides` the chair always comes from `chair_side` and the vice from the other side;
    nothing swaps, so neither the rotation nor the yearly term is checked.
    """
    if chair_rule == RULE_NONE:
        return []
    extension_years = set(extension_years)
    seats = list(seats)
    chairs = [s for s in seats if s.position == CHAIR]
    vices = [s for s in seats if s.position == VICE_CHAIR]
    breaches: list[Breach] = []

    for key, title, holders in (
        ("chair", "ordförande", chairs),
        ("vice_chair", "vice ordförande", vices),
    ):
        if not holders:
            breaches.append(Breach("R-M5", f"missing_{key}", f"Gruppen saknar {title}.", WARNING))
        elif len(holders) > 1:
            names = ", ".join(s.person for s in holders)
            breaches.append(Breach("R-M5", "several", f"Gruppen har flera {title}: {names}."))

    chair = chairs[0] if len(chairs) == 1 else None
    vice = vices[0] if len(vices) == 1 else None
    if chair_rule == RULE_FIXED_SIDES:
        return breaches + _fixed_side_breaches(chair, vice, chair_side)
    if (
        chair_rule == RULE_DIFFERENT_SIDES_SWAP_YEARLY
        and chair
        and vice
        and chair.principal.side == vice.principal.side
    ):
        breaches.append(
            Breach(
                "R-M5",
                "same_side",
                f"Ordförande ({chair.person}) och vice ordförande ({vice.person}) företräder "
                f"båda {SIDE_NAMES[chair.principal.side]}; de ska komma från olika sidor.",
            )
        )

    expected = (
        expected_chair_side(year, anchor_year, anchor_side, extension_years)
        if anchor_year and anchor_side
        else None
    )
    if chair and expected and chair.principal.side != expected:
        breaches.append(
            Breach(
                "R-M5",
                "wrong_side",
                f"År {year} är det {SIDE_NAMES[expected]}s tur att ha ordförandeskapet, men "
                f"ordföranden ({chair.person}) företräder {SIDE_NAMES[chair.principal.side]}.",
            )
        )
    for seat, title in ((chair, "Ordförandens"), (vice, "Vice ordförandens")):
        if (
            seat
            and seat.position_since_year is not None
            and seat.position_since_year < year
            and year not in extension_years
        ):
            breaches.append(
                Breach(
                    "R-M5",
                    "term_extended_without_decision",
                    f"{title} uppdrag ({seat.person}) har löpt sedan {seat.position_since_year}; "
                    f"att det löper längre än ett kalenderår kräver ett beslut i gruppen.",
                )
            )
    return breaches
