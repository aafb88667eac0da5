from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from onboarding.models import NewMember
from structure import selectors as structure_selectors
from structure.models import Membership
from structure.rules import Breach


def open_checklists() -> QuerySet[NewMember]:
    return (
        NewMember.objects.filter(
            Q(contact_details_on__isnull=True)
            | Q(membership_on__isnull=True)
            | Q(introduction_on__isnull=True)
            | Q(forms_on__isnull=True)
        )
        .select_related("group", "principal", "person")
        .order_by("reported_at")
    )


def seats_of(new_member: NewMember, on: datetime.date) -> list[Membership]:
    """The new member's current seats in the group they were reported to."""
    if new_member.person_id is None:
        return []
    return list(
        Membership.objects.current(on).filter(
            person_id=new_member.person_id, group_id=new_member.group_id
        )
    )


def seat_flags(new_member: NewMember, on: datetime.date) -> list[Breach]:
    """What the rules check flags about the new member's seat (e.g. no substitute): while it
    does, the checklist cannot be closed."""
    seats = seats_of(new_member, on)
    return structure_selectors.seat_flags(new_member.group, [s.pk for s in seats], on)
