from __future__ import annotations

from django.db.models import Q, QuerySet

from onboarding.models import NewMember


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
