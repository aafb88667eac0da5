"""`Addressee.decided` mirrors whether a decision is registered: the waiting lists (registrar
inbox, /beslut/ "väntar", the desk) read the flag through a partial index instead of an
anti-join over every decision, so it must never drift from the decision rows."""

import pytest

from cases.models import Addressee, PrincipalDecision
from testing import builders
from testing.volume import add_cases


@pytest.fixture
def coordinator(structure):
    return builders.coordinator_user()


def _flags_match_decisions() -> bool:
    return not (
        Addressee.objects.filter(decided=True, decision__isnull=True).exists()
        or Addressee.objects.filter(decided=False, decision__isnull=False).exists()
    )


@pytest.mark.django_db
def test_bulk_built_decisions_mark_their_addressees_decided(coordinator):
    add_cases(3, by=coordinator, decided=2)
    assert Addressee.objects.filter(decided=True).exists()
    assert Addressee.objects.filter(decided=False).exists()
    assert _flags_match_decisions()


@pytest.mark.django_db
def test_a_saved_decision_marks_its_addressee_and_a_deleted_one_clears_it(coordinator):
    add_cases(1, by=coordinator, decided=1)
    decision = PrincipalDecision.objects.select_related("addressee").first()
    decision.delete()
    assert Addressee.objects.get(pk=decision.addressee_id).decided is False
    decision.pk = None
    decision.save()
    assert Addressee.objects.get(pk=decision.addressee_id).decided is True
    PrincipalDecision.objects.filter(pk=decision.pk).delete()
    assert Addressee.objects.get(pk=decision.addressee_id).decided is False
    assert _flags_match_decisions()
