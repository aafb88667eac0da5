"""Reads about working groups, with what the pages need joined in."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet

from workgroups.models import OPEN_STATUSES, WorkingGroup


def working_groups() -> QuerySet[WorkingGroup]:
    return WorkingGroup.objects.select_related("set_up_by", "reports_to", "convener").order_by(
        "status", "due_on", "name"
    )


def working_group_for_page(pk: int) -> WorkingGroup | None:
    return (
        WorkingGroup.objects.select_related(
            "set_up_by", "reports_to", "convener", "set_up_at", "report_item__meeting"
        )
        .prefetch_related("members", "extensions")
        .filter(pk=pk)
        .first()
    )


def open_working_groups_due_by(day: datetime.date) -> QuerySet[WorkingGroup]:
    return WorkingGroup.objects.filter(status__in=OPEN_STATUSES, due_on__lte=day).select_related(
        "convener", "reports_to"
    )
