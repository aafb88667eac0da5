"""The demo data: fictional, idempotent, and with the deliberate breaches the rules check shows."""

import datetime

from demo.people import load_demo
from structure.models import Membership, Person
from structure.selectors import rules_report

TODAY = datetime.date(2026, 11, 25)


def breaches_by_group():
    return {r.group.slug: sorted(b.code for b in r.breaches) for r in rules_report(TODAY)}


def test_running_demo_twice_duplicates_nothing(demo):
    people, seats = Person.objects.count(), Membership.objects.count()
    again = load_demo()
    assert again.created_people == 0
    assert [created for _, _, created in again.accounts] == [False] * 6
    assert (Person.objects.count(), Membership.objects.count()) == (people, seats)


def test_demo_contains_the_deliberate_breaches_and_only_those(demo):
    found = breaches_by_group()
    assert found["samrad"] == ["missing_substitute"]
    assert found["lsg"] == ["too_few_principal"]
    assert found["beredning-barn-och-unga"] == ["grouping_imbalance"]
    assert found["beredning-vuxna-och-aldre"] == ["same_side", "wrong_side"]
    for slug in ("samrad-au", "lsg-au", "samverkansrad-patientsakerhet", "hjalpmedelsradet"):
        assert found[slug] == [], slug


def test_the_hjalpmedelsrad_chair_sits_in_lsg_counted_apart(demo):
    report = next(r for r in rules_report(TODAY) if r.group.slug == "lsg")
    messages = " ".join(b.message for b in report.breaches)
    assert "Region Västerbotten" not in messages  # 4 regional seats + the HMR chair apart
    assert "Åsele har 0 ordinarie ledamöter" in messages


def test_demo_people_are_fictional_with_reserved_mail_domains(demo):
    assert not Person.objects.exclude(email__endswith=".example").exists()
