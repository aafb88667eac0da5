"""Reads of the archive page."""

from __future__ import annotations

from django.db.models import QuerySet

from archive.models import Delivery
from structure.models import Group


def deliveries(limit: int = 50) -> list[Delivery]:
    """The latest deliveries, each marked with whether the delivery of the same group and year
    before it had the same checksum (a second delivery can be compared with the first)."""
    rows = list(
        Delivery.objects.select_related("group", "exported_by").order_by("-exported_at", "-pk")[
            :limit
        ]
    )
    keys = {(d.group_id, d.year) for d in rows}
    history: dict[tuple[int, int], list[Delivery]] = {}
    if keys:
        for d in (
            Delivery.objects.filter(
                group_id__in={k[0] for k in keys}, year__in={k[1] for k in keys}
            )
            .order_by("exported_at", "pk")
            .only("pk", "group_id", "year", "sha256")
        ):
            history.setdefault((d.group_id, d.year), []).append(d)
    for delivery in rows:
        earlier = [
            d for d in history.get((delivery.group_id, delivery.year), []) if (d.pk < delivery.pk)
        ]
        delivery._same_as_previous = (earlier[-1].sha256 == delivery.sha256) if earlier else None
    return rows


def delivery(pk: int) -> Delivery | None:
    return Delivery.objects.select_related("group").filter(pk=pk).first()


def exportable_groups() -> QuerySet[Group]:
    return Group.objects.order_by("name")
