"""R-M2 seat rules and R-M5 chair rules, as pure functions."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from structure import rules
from structure.rules import PrincipalInfo, Seat, SeatRule

REGION = PrincipalInfo("24", "Region Västerbotten", "region")
UMEA = PrincipalInfo("2480", "Umeå", "municipality", "Umeåregionen")
VINDELN = PrincipalInfo("2404", "Vindeln", "municipality", "Umeåregionen")
SKELLEFTEA = PrincipalInfo("2482", "Skellefteå", "municipality", "Skellefteå–Norsjö")
LYCKSELE = PrincipalInfo("2481", "Lycksele", "municipality", "Södra Lappland")
GROUPINGS = ["Umeåregionen", "Skellefteå–Norsjö", "Södra Lappland"]

SAMRAD = SeatRule.from_dict(
    {
        "per_principal": {"municipality": [1, 1], "region": [3, 3]},
        "principal_overrides": {"2480": [1, 2], "2482": [1, 2]},
        "substitute_per_ordinary": True,
    }
)


def seats_for(principal, count, start_id, substitutes=True):
    seats = []
    for i in range(count):
        ordinary = Seat(start_id + 2 * i, f"Ledamot {start_id + i}", principal, rules.ORDINARY)
        seats.append(ordinary)
        if substitutes:
            seats.append(
                Seat(
                    start_id + 2 * i + 1,
                    f"Ersättare {start_id + i}",
                    principal,
                    rules.SUBSTITUTE,
                    substitute_for=ordinary.id,
                )
            )
    return seats


def codes(breaches):
    return sorted(b.code for b in breaches)


def test_a_complete_samrad_has_no_breaches():
    seats = seats_for(REGION, 3, 100) + seats_for(UMEA, 2, 200) + seats_for(VINDELN, 1, 300)
    assert rules.check_seats(SAMRAD, seats, [REGION, UMEA, VINDELN]) == []


def test_a_municipality_without_a_member_is_too_few():
    seats = seats_for(REGION, 3, 100) + seats_for(UMEA, 1, 200)
    breaches = rules.check_seats(SAMRAD, seats, [REGION, UMEA, VINDELN])
    assert codes(breaches) == ["too_few_principal"]
    assert "Vindeln har 0 ordinarie ledamöter" in breaches[0].message


def test_umea_may_have_two_but_not_three():
    seats = seats_for(REGION, 3, 100) + seats_for(UMEA, 3, 200)
    breaches = rules.check_seats(SAMRAD, seats, [REGION, UMEA])
    assert codes(breaches) == ["too_many_principal"]
    assert "högst 2" in breaches[0].message


def test_a_small_municipality_may_not_have_two():
    seats = seats_for(REGION, 3, 100) + seats_for(VINDELN, 2, 300)
    assert codes(rules.check_seats(SAMRAD, seats, [REGION, VINDELN])) == ["too_many_principal"]


def test_ordinary_member_without_substitute_is_flagged():
    seats = seats_for(REGION, 3, 100) + seats_for(VINDELN, 1, 300, substitutes=False)
    breaches = rules.check_seats(SAMRAD, seats, [REGION, VINDELN])
    assert codes(breaches) == ["missing_substitute"]
    assert "(Vindeln) saknar ersättare" in breaches[0].message


def test_substitute_for_someone_who_is_not_a_current_member_is_a_warning():
    seats = seats_for(REGION, 3, 100) + [
        Seat(1, "Ledamot", VINDELN, rules.ORDINARY),
        Seat(2, "Ersättare", VINDELN, rules.SUBSTITUTE, substitute_for=1),
        Seat(3, "Föräldralös", VINDELN, rules.SUBSTITUTE, substitute_for=999),
    ]
    breaches = rules.check_seats(SAMRAD, seats, [REGION, VINDELN])
    assert codes(breaches) == ["orphan_substitute"]
    assert breaches[0].severity == rules.WARNING


def test_co_opted_guests_and_counted_apart_seats_are_not_ordinary_seats():
    seats = (
        seats_for(REGION, 3, 100)
        + seats_for(VINDELN, 1, 300)
        + [
            Seat(900, "Adjungerad", VINDELN, rules.CO_OPTED),
            Seat(901, "Gäst", VINDELN, rules.GUEST),
            Seat(902, "Hjälpmedelsrådets ordförande", REGION, rules.ORDINARY, counted_apart=True),
        ]
    )
    assert rules.check_seats(SAMRAD, seats, [REGION, VINDELN]) == []


BEREDNING = SeatRule.from_dict({"per_side": {"municipality": 6, "region": 4}, "per_grouping": 2})


def test_beredning_needs_two_seats_from_each_grouping():
    seats = (
        seats_for(UMEA, 3, 100, substitutes=False)
        + seats_for(SKELLEFTEA, 2, 200, substitutes=False)
        + seats_for(LYCKSELE, 1, 300, substitutes=False)
        + seats_for(REGION, 4, 400, substitutes=False)
    )
    breaches = rules.check_seats(BEREDNING, seats, [], GROUPINGS)
    assert codes(breaches) == ["grouping_imbalance"]
    assert "Umeåregionen 3, Skellefteå–Norsjö 2, Södra Lappland 1" in breaches[0].message


def test_beredning_with_balanced_groupings_passes_and_side_counts_are_exact():
    balanced = (
        seats_for(UMEA, 2, 100, substitutes=False)
        + seats_for(SKELLEFTEA, 2, 200, substitutes=False)
        + seats_for(LYCKSELE, 2, 300, substitutes=False)
    )
    assert (
        rules.check_seats(BEREDNING, balanced + seats_for(REGION, 4, 400, False), [], GROUPINGS)
        == []
    )
    assert codes(
        rules.check_seats(BEREDNING, balanced + seats_for(REGION, 5, 400, False), [], GROUPINGS)
    ) == ["too_many_side"]


def test_co_opted_count_is_checked_apart():
    rule = SeatRule.from_dict({"per_side": {"region": 1}, "co_opted": 3})
    seats = [Seat(1, "A", REGION, rules.ORDINARY), Seat(2, "B", REGION, rules.CO_OPTED)]
    breaches = rules.check_seats(rule, seats, [])
    assert codes(breaches) == ["co_opted_count"]


def test_working_committee_needs_at_least_two():
    rule = SeatRule.from_dict({"min_total": 2})
    assert codes(rules.check_seats(rule, [Seat(1, "A", REGION, rules.ORDINARY)], [])) == [
        "too_few_total"
    ]


@pytest.mark.parametrize(
    "data, message",
    [
        ({"seats": 3}, "Okända nycklar"),
        ({"per_side": {"county": 2}}, "Okänd sida"),
        ({"per_principal": {"region": [3, 1]}}, "minst kan inte vara större"),
        ({"per_grouping": -1}, "heltal"),
        ({"per_principal": {"region": "tre"}}, "ett tal eller"),
    ],
)
def test_invalid_seat_rules_are_refused_in_swedish(data, message):
    with pytest.raises(ValueError, match=message):
        SeatRule.from_dict(data)


# --- chair rules ----------------------------------------------------------------------------


def chair(principal, since=None):
    return Seat(
        1,
        "Ordförande Ett",
        principal,
        rules.ORDINARY,
        position=rules.CHAIR,
        position_since_year=since,
    )


def vice(principal):
    return Seat(2, "Vice Två", principal, rules.ORDINARY, position=rules.VICE_CHAIR)


SWAP = rules.RULE_DIFFERENT_SIDES_SWAP_YEARLY


def test_chair_and_vice_from_the_same_side_is_a_breach():
    breaches = rules.check_chair(SWAP, [chair(UMEA), vice(LYCKSELE)], 2026)
    assert codes(breaches) == ["same_side"]


def test_chair_on_the_side_whose_turn_it_is_passes():
    # anchor 2020 region: 2026 is an even number of years later, so region again.
    assert rules.check_chair(SWAP, [chair(REGION), vice(UMEA)], 2026, 2020, "region") == []


def test_chair_on_the_wrong_side_for_the_year_is_a_breach():
    breaches = rules.check_chair(SWAP, [chair(UMEA), vice(REGION)], 2026, 2020, "region")
    assert codes(breaches) == ["wrong_side"]
    assert "regionens tur" in breaches[0].message


def test_term_longer_than_a_year_needs_a_recorded_decision():
    seats = [chair(REGION, since=2025), vice(UMEA)]
    # 2020 municipality -> 2025 region; without a decision 2026 would be the municipalities'.
    without = rules.check_chair(rules.RULE_ALTERNATE_YEARLY, seats, 2026, 2020, "municipality")
    assert codes(without) == ["term_extended_without_decision", "wrong_side"]
    with_decision = rules.check_chair(
        rules.RULE_ALTERNATE_YEARLY, seats, 2026, 2020, "municipality", extension_years=[2026]
    )
    assert with_decision == []


def test_alternating_rule_does_not_require_the_vice_from_the_other_side():
    seats = [chair(REGION), Seat(2, "Vice", REGION, rules.ORDINARY, position=rules.VICE_CHAIR)]
    assert rules.check_chair(rules.RULE_ALTERNATE_YEARLY, seats, 2026, 2020, "region") == []


def test_missing_chair_and_several_vices_are_reported():
    seats = [vice(UMEA), Seat(3, "Vice Tre", REGION, rules.ORDINARY, position=rules.VICE_CHAIR)]
    breaches = rules.check_chair(SWAP, seats, 2026)
    assert codes(breaches) == ["missing_chair", "several"]


def test_no_chair_rule_means_no_breaches():
    assert rules.check_chair(rules.RULE_NONE, [chair(UMEA), vice(UMEA)], 2026) == []


FIXED = rules.RULE_FIXED_SIDES


def test_fixed_sides_pass_with_the_chair_from_the_named_side_and_the_vice_from_the_other():
    seats = [chair(UMEA, since=2021), vice(REGION)]
    # Nothing swaps: neither the year's turn nor a term past one calendar year is checked.
    assert rules.check_chair(FIXED, seats, 2026, chair_side="municipality") == []


def test_fixed_sides_report_a_chair_or_vice_from_the_wrong_side():
    breaches = rules.check_chair(
        FIXED, [chair(REGION), vice(UMEA)], 2026, chair_side="municipality"
    )
    assert codes(breaches) == ["wrong_side", "wrong_side"]
    assert "ska enligt gruppens regel komma från kommunerna" in breaches[0].message
    both_municipal = rules.check_chair(
        FIXED, [chair(UMEA), vice(LYCKSELE)], 2026, chair_side="municipality"
    )
    assert codes(both_municipal) == ["wrong_side"]
    assert "Vice ordföranden" in both_municipal[0].message


def test_fixed_sides_still_report_a_missing_chair():
    breaches = rules.check_chair(FIXED, [vice(REGION)], 2026, chair_side="municipality")
    assert codes(breaches) == ["missing_chair"]


def test_fixed_rotation_is_the_same_sides_every_year():
    assert rules.fixed_rotation([2026, 2027], "municipality") == [
        (2026, "municipality", "region"),
        (2027, "municipality", "region"),
    ]


def test_rotation_table_shows_the_coming_years():
    rows = rules.chair_rotation([2026, 2027, 2028], 2020, "region", extension_years=[2027])
    assert rows == [
        (2026, "region", "municipality"),
        (2027, "region", "municipality"),
        (2028, "municipality", "region"),
    ]


def test_years_before_the_anchor_are_unknown():
    assert rules.expected_chair_side(2019, 2020, "region") is None


@given(
    year=st.integers(2020, 2100),
    extensions=st.sets(st.integers(2021, 2100), max_size=10),
)
def test_side_changes_every_year_except_extended_years(year, extensions):
    this = rules.expected_chair_side(year + 1, 2020, "region", extensions)
    previous = rules.expected_chair_side(year, 2020, "region", extensions)
    if year + 1 in extensions:
        assert this == previous
    else:
        assert this == rules.other_side(previous)


def test_ex_officio_seat_must_be_taken_by_the_holder():
    assert codes(rules.check_ex_officio("Ordförande i Hjälpmedelsrådet", "Anna", False)) == [
        "ex_officio_missing"
    ]
    assert rules.check_ex_officio("Ordförande i Hjälpmedelsrådet", "Anna", True) == []
    assert codes(rules.check_ex_officio("Ordförande i Hjälpmedelsrådet", None, False)) == [
        "ex_officio_vacant"
    ]
