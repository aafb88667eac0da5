"""Reads about working groups, with what the pages need joined in."""

from __future__ import annotations

from django.db.models import QuerySet

from workgroups.models import WorkingGroup


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
