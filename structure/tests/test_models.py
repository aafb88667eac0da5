"""Validation of memberships, mandates and groups, with Swedish messages."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from structure.models import Group, Mandate, Membership
from testing import builders
from testing.builders import seat

D = datetime.date


def test_substitute_must_replace_an_ordinary_member_of_the_same_group(structure):
    samrad_ordinary = seat(builders.person("Olle"), "samrad")
    lsg = Group.objects.get(slug="lsg")
    person = builders.person("Sara")
    wrong_group = Membership(
        person=person,
        group=lsg,
        kind="substitute",
        substitute_for=samrad_ordinary,
        start_date=D(2026, 1, 1),
    )
    with pytest.raises(ValidationError, match="sitter i en annan grupp"):
        wrong_group.full_clean()


def test_chair_must_be_an_ordinary_member(structure):
    person = builders.person("Alice")
    guest = Membership(
        person=person,
        group=Group.objects.get(slug="lsg"),
        kind="guest",
        position="chair",
        start_date=D(2026, 1, 1),
    )
    with pytest.raises(ValidationError, match="ska vara ordinarie ledamöter"):
        guest.full_clean()


def test_hjalpmedelsradet_nomination_is_at_most_four_years(structure):
    person = builders.person("Alice")
    too_long = Membership(
        person=person,
        group=Group.objects.get(slug="hjalpmedelsradet"),
        kind="ordinary",
        start_date=D(2026, 1, 1),
        nominated_until=D(2030, 6, 30),
    )
    with pytest.raises(ValidationError, match="nomineras för högst 4 år"):
        too_long.full_clean()


def test_mandate_versions_may_not_overlap(structure):
    group = Group.objects.get(slug="lsg")
    overlapping = Mandate(
        group=group, effective_from=D(2025, 1, 1), assignment="a", mandate="b", reporting_path="c"
    )
    with pytest.raises(ValidationError, match="överlappar"):
        overlapping.full_clean()


def test_a_new_mandate_version_takes_over_on_its_date(structure):
    group = Group.objects.get(slug="lsg")
    group.mandates.update(effective_to=D(2026, 12, 31))
    new = Mandate(
        group=group,
        effective_from=D(2027, 1, 1),
        assignment="Nytt uppdrag",
        mandate="m",
        reporting_path="r",
    )
    new.full_clean()
    new.save()
    assert group.current_mandate(D(2026, 6, 1)).effective_from == D(2020, 1, 1)
    assert group.current_mandate(D(2027, 6, 1)) == new


def test_reporting_path_may_not_be_circular(structure):
    samrad = Group.objects.get(slug="samrad")
    samrad.reports_to = Group.objects.get(slug="lsg-au")
    with pytest.raises(ValidationError, match="cirkel"):
        samrad.full_clean()


def test_membership_history_is_kept(structure):
    membership = seat(builders.person("Alice"), "lsg")
    membership.end_date = D(2026, 12, 31)
    membership.save()
    assert membership.history.count() == 2
    assert membership.history.first().end_date == D(2026, 12, 31)
