"""Principals and groups: what the public structure pages show (R-Q3)."""

from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Path, Query, Router, Schema
from pydantic import Field

from api import schemas
from api.auth import token_optional
from api.pagination import PageParams, paginate
from structure import selectors
from structure.models import GroupKind, Level, Mandate, MembershipKind

router = Router(tags=["Strukturen"], auth=token_optional)

SLUG = r"^[-a-zA-Z0-9_]+$"


def principal_out(principal) -> dict:
    return {
        "code": principal.code,
        "slug": principal.slug,
        "name": principal.name,
        "side": principal.side,
        "grouping": principal.grouping.name if principal.grouping else None,
        "decision_bodies": [{"id": b.pk, "name": b.name} for b in principal.decision_bodies.all()],
        "web": principal.get_absolute_url(),
    }


def group_ref(group) -> dict:
    return {"slug": group.slug, "name": group.name}


def group_out(group) -> dict:
    return {
        "slug": group.slug,
        "name": group.name,
        "short_name": group.short_name,
        "kind": group.kind,
        "level": group.level,
        "reports_to": group.reports_to.slug if group.reports_to else None,
        "principal": group.principal.code if group.principal else None,
        "active_from": group.active_from,
        "active_to": group.active_to,
        "ordinary_members": group.member_count,
        "decides_itself": group.decides_itself,
        "minutes_public": group.minutes_public,
        "web": group.get_absolute_url(),
    }


def member_out(membership) -> dict:
    """Public member fields only: name, principal, kind of seat and role."""
    person = membership.person
    return {
        "name": person.full_name,
        "principal": person.principal.name,
        "principal_code": person.principal.code,
        "kind": membership.kind,
        "position": membership.position,
        "role": membership.role_title,
    }


@router.get(
    "/principals",
    response=schemas.answers(schemas.Page[schemas.PrincipalOut]),
    summary="Huvudmännen",
)
def principal_list(request, page: Query[PageParams]):
    queryset = selectors.principals_for_listing().order_by("side", "name", "pk")
    return paginate(request, queryset, page, lambda rows: [principal_out(p) for p in rows])


@router.get(
    "/principals/{code}",
    response=schemas.answers(schemas.PrincipalOut),
    summary="En huvudman (kommun-/länskod)",
)
def principal_detail(request, code: str = Path(..., pattern=r"^[0-9]{2,4}$")):
    return principal_out(get_object_or_404(selectors.principals_for_listing(), code=code))


class GroupFilter(Schema):
    level: Level | None = Field(None, description="Nivå i strukturen.")
    kind: GroupKind | None = Field(None, description="Typ av grupp.")


@router.get(
    "/groups",
    response=schemas.answers(schemas.Page[schemas.GroupOut]),
    summary="Grupperna som är verksamma i dag",
)
def group_list(request, page: Query[PageParams], filters: Query[GroupFilter]):
    queryset = selectors.groups_for_listing(timezone.localdate()).order_by("order", "name", "pk")
    if filters.level:
        queryset = queryset.filter(level=filters.level)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    return paginate(request, queryset, page, lambda rows: [group_out(g) for g in rows])


@router.get(
    "/groups/{slug}",
    response=schemas.answers(schemas.GroupDetailOut),
    summary="En grupp med uppdragsbeskrivningar (nuvarande och tidigare) och ledamöter",
)
def group_detail(request, slug: str = Path(..., max_length=80, pattern=SLUG)):
    today = timezone.localdate()
    group = get_object_or_404(
        selectors.group_for_page(slug).prefetch_related(
            Prefetch("mandates", queryset=Mandate.objects.order_by("-effective_from"))
        )
    )
    members = selectors.group_members(group, today)
    group.member_count = sum(1 for m in members if m.kind == MembershipKind.ORDINARY)
    data = group_out(group)
    data["mandates"] = [
        {
            "effective_from": m.effective_from,
            "effective_to": m.effective_to,
            "current": m.effective_from <= today
            and (m.effective_to is None or m.effective_to >= today),
            "assignment": m.assignment,
            "mandate": m.mandate,
            "reporting_path": m.reporting_path,
        }
        for m in group.mandates.all()
    ]
    data["members"] = [member_out(m) for m in members]
    return data
