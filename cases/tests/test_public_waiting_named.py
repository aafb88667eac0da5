"""R-C4: the public decision page names the principals it still waits on, not only how many
(read with `Addressee.objects.waiting()`, the rule the rest of the product uses) (#18)."""

import datetime

from django.test import Client

from cases import services
from cases.models import Addressee, DecisionOutcome
from cases.selectors import waiting_principals
from structure.models import DecisionBody
from testing import builders
from testing.html import visible_text

PRINCIPALS = ("umea", "vannas", "nordmaling")


def _expedited(structure):
    coordinator = builders.coordinator_user()
    rec = builders.recommendation(
        builders.case(by=coordinator), by=coordinator, principals=PRINCIPALS, expedited=True
    )
    return coordinator, rec


def _decide(rec, slug, by):
    addressee = Addressee.objects.get(recommendation=rec, principal__slug=slug)
    services.register_decision(
        addressee=addressee,
        by=by,
        outcome=DecisionOutcome.APPROVED,
        body=DecisionBody.objects.create(principal=addressee.principal, name="Kommunstyrelsen"),
        decided_on=datetime.date(2026, 4, 1),
        reference="KS § 12",
    )


def _waiting_sentence(rec) -> str:
    text = visible_text(Client().get(rec.get_absolute_url()).content)
    assert "Väntar på beslut från" in text
    return text.split("Väntar på beslut från", 1)[1].split(".", 1)[0]


def test_the_page_names_every_principal_still_waited_on(structure):
    coordinator, rec = _expedited(structure)
    _decide(rec, "umea", coordinator)
    sentence = _waiting_sentence(rec)
    assert "Vännäs" in sentence and "Nordmaling" in sentence
    # The twin: the principal that decided is not named as waited on.
    assert "Umeå" not in sentence


def test_the_names_are_those_the_waiting_rule_gives(structure):
    coordinator, rec = _expedited(structure)
    _decide(rec, "vannas", coordinator)
    expected = {a.principal.name for a in Addressee.objects.waiting().filter(recommendation=rec)}
    assert {p.name for p in waiting_principals(rec)} == expected == {"Umeå", "Nordmaling"}


def test_a_recommendation_all_have_decided_on_names_nobody(structure):
    coordinator, rec = _expedited(structure)
    for slug in PRINCIPALS:
        _decide(rec, slug, coordinator)
    text = visible_text(Client().get(rec.get_absolute_url()).content)
    assert "Väntar på beslut från" not in text and "3 av 3 har beslutat" in text
