import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from meetings.models import AgendaItem
from structure.models import Group
from testing.builders import member_user, person
from workgroups import services
from workgroups.models import Status, WorkingGroup
from workgroups.tests.conftest import NOW, meeting, report

pytestmark = pytest.mark.django_db


def test_set_up_records_assignment_convener_and_members(charlie, setup_kwargs):
    other = person("Olle")
    wg = services.set_up_working_group(by=charlie, members=[other], **setup_kwargs)
    assert wg.status == Status.SET_UP
    assert set(wg.members.all()) == {other, setup_kwargs["convener"]}
    assert wg.history.count() == 1


def test_set_up_takes_the_day_of_the_meeting_where_it_was_decided(charlie, setup_kwargs):
    held = meeting("lsg", datetime.date(2026, 2, 20))
    wg = services.set_up_working_group(by=charlie, meeting=held, **setup_kwargs)
    assert wg.set_up_on == datetime.date(2026, 2, 20)
    assert wg.set_up_at == held


def test_due_date_before_set_up_is_refused_in_swedish(charlie, setup_kwargs):
    setup_kwargs["due_on"] = datetime.date(2026, 3, 1)
    with pytest.raises(ValidationError) as exc:
        services.set_up_working_group(by=charlie, **setup_kwargs)
    assert "Leveransdatum måste ligga efter" in str(exc.value)
    assert not WorkingGroup.objects.exists()


def test_a_council_without_own_decisions_cannot_set_up_working_groups(charlie, setup_kwargs):
    setup_kwargs["set_up_by"] = Group.objects.get(slug="samrad")
    with pytest.raises(ValidationError, match="tillsätts av"):
        services.set_up_working_group(by=charlie, **setup_kwargs)


def test_members_cannot_set_up_working_groups(setup_kwargs):
    alice = member_user("alice", "lsg")
    with pytest.raises(PermissionDenied):
        services.set_up_working_group(by=alice, **setup_kwargs)


def test_extension_moves_the_due_date_and_keeps_the_decision(charlie, setup_kwargs):
    wg = services.set_up_working_group(by=charlie, **setup_kwargs)
    services.extend_working_group(
        working_group=wg,
        by=charlie,
        new_due_on=datetime.date(2026, 9, 1),
        decided_on=datetime.date(2026, 4, 20),
        decision_reference="LSG 2026-04-20 § 7",
        at=NOW,
    )
    wg.refresh_from_db()
    assert (wg.status, wg.due_on) == (Status.EXTENDED, datetime.date(2026, 9, 1))
    assert wg.extensions.get().previous_due_on == datetime.date(2026, 6, 1)


def test_extension_to_an_earlier_date_is_refused(charlie, setup_kwargs):
    wg = services.set_up_working_group(by=charlie, **setup_kwargs)
    with pytest.raises(ValidationError, match="efter nuvarande leveransdatum"):
        services.extend_working_group(
            working_group=wg,
            by=charlie,
            new_due_on=datetime.date(2026, 5, 1),
            decided_on=datetime.date(2026, 4, 20),
            decision_reference="x",
            at=NOW,
        )


def test_delivered_report_becomes_an_item_with_the_report_on_the_receivers_next_meeting(
    charlie, setup_kwargs
):
    meeting("lsg", datetime.date(2026, 4, 1))
    next_one = meeting("lsg", datetime.date(2026, 6, 10))
    wg = services.set_up_working_group(by=charlie, **setup_kwargs)
    services.deliver_report(working_group=wg, by=charlie, upload=report(), at=NOW)
    wg.refresh_from_db()
    assert wg.status == Status.DELIVERED
    assert wg.report_item.meeting == next_one
    assert wg.report.item == wg.report_item
    assert wg.delivered_on == NOW.date()


def test_hjalpmedelsradets_working_group_closes_when_delivered(charlie, setup_kwargs):
    council = Group.objects.get(slug="hjalpmedelsradet")
    setup_kwargs.update(set_up_by=council, reports_to=council)
    meeting("hjalpmedelsradet", datetime.date(2026, 6, 10))
    wg = services.set_up_working_group(by=charlie, **setup_kwargs)
    services.deliver_report(working_group=wg, by=charlie, upload=report(), at=NOW)
    wg.refresh_from_db()
    assert wg.status == Status.CLOSED and wg.closed_on == NOW.date()


def test_delivery_without_a_coming_meeting_writes_nothing(charlie, setup_kwargs):
    wg = services.set_up_working_group(by=charlie, **setup_kwargs)
    with pytest.raises(ValidationError, match="Boka ett möte först"):
        services.deliver_report(working_group=wg, by=charlie, upload=report(), at=NOW)
    wg.refresh_from_db()
    assert wg.status == Status.SET_UP
    assert not AgendaItem.objects.exists()


def test_a_closed_working_group_cannot_be_extended(charlie, setup_kwargs):
    wg = services.set_up_working_group(by=charlie, **setup_kwargs)
    services.close_working_group(working_group=wg, by=charlie, note="Uppdraget återkallat", at=NOW)
    with pytest.raises(ValidationError, match="redan avslutad"):
        services.extend_working_group(
            working_group=wg,
            by=charlie,
            new_due_on=datetime.date(2026, 9, 1),
            decided_on=datetime.date(2026, 4, 20),
            decision_reference="x",
            at=NOW,
        )
