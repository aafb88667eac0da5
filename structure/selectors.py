"""Reads of the structure, with the joins each page needs so query counts stay flat."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from structure import rules
from structure.models import (
    ChairExtension,
    ChairRule,
    GeographicGrouping,
    Group,
    GroupKind,
    Membership,
    MembershipKind,
    Person,
    Position,
    Principal,
)

KIND_ORDER = {
    MembershipKind.ORDINARY: 0,
    MembershipKind.SUBSTITUTE: 1,
    MembershipKind.CO_OPTED: 2,
    MembershipKind.GUEST: 3,
}
POSITION_ORDER = {Position.CHAIR: 0, Position.VICE_CHAIR: 1, Position.NONE: 2}


def current_memberships(on: datetime.date) -> QuerySet[Membership]:
    return Membership.objects.current(on).select_related(
        "person__principal__grouping", "group", "substitute_for__person"
    )


def groups_for_listing(on: datetime.date) -> QuerySet[Group]:
    return (
        Group.objects.active(on)
        .select_related("reports_to", "principal", "grouping")
        .annotate(
            member_count=Count(
                "memberships",
                filter=Q(memberships__start_date__lte=on)
                & (Q(memberships__end_date__isnull=True) | Q(memberships__end_date__gte=on))
                & Q(memberships__kind=MembershipKind.ORDINARY),
            )
        )
        .order_by("order", "name")
    )


def group_for_page(slug: str) -> QuerySet[Group]:
    return Group.objects.filter(slug=slug).select_related(
        "reports_to", "principal", "grouping", "ex_officio_from"
    )


def sorted_members(memberships) -> list[Membership]:
    return sorted(
        memberships,
        key=lambda m: (
            POSITION_ORDER.get(m.position, 9),
            KIND_ORDER.get(m.kind, 9),
            m.person.principal.side != "region",
            m.person.principal.name,
            m.person.last_name,
        ),
    )


def group_members(group: Group, on: datetime.date) -> list[Membership]:
    return sorted_members(current_memberships(on).filter(group=group))


def chair_and_vice(members: list[Membership]) -> tuple[Membership | None, Membership | None]:
    chair = next((m for m in members if m.position == Position.CHAIR), None)
    vice = next((m for m in members if m.position == Position.VICE_CHAIR), None)
    return chair, vice


def principals_for_listing() -> QuerySet[Principal]:
    return Principal.objects.select_related("grouping").prefetch_related("decision_bodies")


def principal_memberships(principal: Principal, on: datetime.date) -> list[Membership]:
    return sorted(
        current_memberships(on).filter(person__principal=principal),
        key=lambda m: (m.group.order, m.group.name, KIND_ORDER.get(m.kind, 9), m.person.last_name),
    )


def groupings() -> QuerySet[GeographicGrouping]:
    return GeographicGrouping.objects.all()


# --- Rules check (R-M2, R-M5) ---------------------------------------------------------------


def principal_info(principal: Principal) -> rules.PrincipalInfo:
    return rules.PrincipalInfo(
        code=principal.code,
        name=principal.name,
        side=principal.side,
        grouping=principal.grouping.name if principal.grouping else None,
    )


def seat_of(membership: Membership, counted_apart: bool = False) -> rules.Seat:
    return rules.Seat(
        id=membership.pk,
        person=membership.person.full_name,
        principal=principal_info(membership.person.principal),
        kind=membership.kind,
        substitute_for=membership.substitute_for_id,
        position=membership.position,
        position_since_year=(membership.position_since.year if membership.position_since else None),
        counted_apart=counted_apart,
    )


@dataclass
class GroupRulesReport:
    group: Group
    seat_breaches: list[rules.Breach] = field(default_factory=list)
    chair_breaches: list[rules.Breach] = field(default_factory=list)
    rotation: list[tuple[int, str | None, str | None]] = field(default_factory=list)
    extensions: list[ChairExtension] = field(default_factory=list)

    @property
    def breaches(self) -> list[rules.Breach]:
        return self.seat_breaches + self.chair_breaches

    @property
    def extension_years(self) -> list[int]:
        return [e.year for e in self.extensions]

    @property
    def error_count(self) -> int:
        return sum(1 for b in self.breaches if b.severity == rules.ERROR)


def rule_groups(on: datetime.date) -> QuerySet[Group]:
    """The active groups with a seat or chair rule, in the structure's order (filtered in SQL,
    so the rules check can page them), with what their report reads."""
    return (
        Group.objects.active(on)
        .exclude(Q(seat_rule={}) & Q(chair_rule=ChairRule.NONE))
        .select_related("ex_officio_from")
        .prefetch_related(
            Prefetch("chair_extensions", queryset=ChairExtension.objects.order_by("year"))
        )
        .order_by("order", "name", "pk")
    )


def rules_report(
    on: datetime.date, years_ahead: int = 3, groups: Iterable[Group] | None = None
) -> list[GroupRulesReport]:
    """The breaches of the groups from `rule_groups` (default: all of them, or a page of them)
    in a fixed number of queries; only the memberships of those groups (and of the groups
    their ex officio seats come from) are read, so a page costs the same whatever the size of
    the structure."""
    groups = list(rule_groups(on) if groups is None else groups)
    read = {g.pk for g in groups} | {g.ex_officio_from_id for g in groups if g.ex_officio_from_id}
    memberships = list(current_memberships(on).filter(group__in=sorted(read)))
    by_group: dict[int, list[Membership]] = defaultdict(list)
    for membership in memberships:
        by_group[membership.group_id].append(membership)
    principals = [principal_info(p) for p in Principal.objects.select_related("grouping")]
    grouping_names = [g.name for g in GeographicGrouping.objects.all()]

    reports = []
    for group in groups:
        members = by_group.get(group.pk, [])
        report = GroupRulesReport(group=group, extensions=list(group.chair_extensions.all()))
        apart: set[int] = set()
        if group.ex_officio_from_id:
            source_members = by_group.get(group.ex_officio_from_id, [])
            holder = next((m for m in source_members if m.position == Position.CHAIR), None)
            seat = (
                next(
                    (
                        m
                        for m in members
                        if holder
                        and m.person_id == holder.person_id
                        and m.kind == MembershipKind.ORDINARY
                    ),
                    None,
                )
                if holder
                else None
            )
            if seat:
                apart.add(seat.pk)
            report.seat_breaches += rules.check_ex_officio(
                f"Ordförande i {group.ex_officio_from.name}",
                holder.person.full_name if holder else None,
                seat is not None,
            )
        seats = [seat_of(m, counted_apart=m.pk in apart) for m in members]
        rule = rules.SeatRule.from_dict(group.seat_rule or {})
        if not rule.is_empty:
            report.seat_breaches = (
                rules.check_seats(rule, seats, principals, grouping_names) + report.seat_breaches
            )
        extension_years = [e.year for e in report.extensions]
        report.chair_breaches = rules.check_chair(
            group.chair_rule,
            seats,
            on.year,
            group.chair_anchor_year,
            group.chair_anchor_side or None,
            extension_years,
            group.chair_side or None,
        )
        if group.chair_rule == ChairRule.FIXED_SIDES and group.chair_side:
            report.rotation = rules.fixed_rotation(
                range(on.year, on.year + years_ahead + 1), group.chair_side
            )
        elif group.chair_anchor_year and group.chair_anchor_side:
            report.rotation = rules.chair_rotation(
                range(on.year, on.year + years_ahead + 1),
                group.chair_anchor_year,
                group.chair_anchor_side,
                extension_years,
            )
        reports.append(report)
    return reports


# --- Organisation chart ----------------------------------------------------------------------


def chart_nodes(on: datetime.date, county) -> list:
    """The structure as chart nodes: groups from the data, with the principals at the top.

    Many-of-a-kind groups (local collaboration, the public-health committees, working groups
    under one parent) are drawn as one summary box so the picture stays readable. `county` is
    a `structure.county.CountyFacts`.
    """
    from django.urls import reverse

    from structure.orgchart import Node

    groups = list(Group.objects.active(on).select_related("reports_to").order_by("order", "name"))
    principal_count = Principal.objects.count()
    group_list_url = reverse("structure:group_list")
    nodes = [
        Node(
            key="principals",
            label=f"Huvudmännen ({principal_count})",
            url=reverse("structure:principal_list"),
            style="principals",
            note=f"{county.region_name} och länets kommuner",
        )
    ]
    summaries: dict[str, list[Group]] = defaultdict(list)
    for group in groups:
        if group.kind == GroupKind.LOCAL_COLLABORATION:
            summaries["local"].append(group)
        elif group.kind == GroupKind.PUBLIC_HEALTH_COMMITTEE:
            summaries["public_health"].append(group)
        elif group.kind == GroupKind.WORKING_GROUP and group.reports_to_id:
            summaries[f"wg-{group.reports_to_id}"].append(group)
        else:
            parent = (
                f"g{group.reports_to_id}"
                if group.reports_to_id
                else ("principals" if group.reports_to_principals else None)
            )
            nodes.append(
                Node(
                    key=f"g{group.pk}",
                    label=group.display_name,
                    url=group.get_absolute_url(),
                    parent=parent,
                    note=group.name if group.display_name != group.name else "",
                    beside=group.kind == GroupKind.WORKING_COMMITTEE,
                )
            )
    for key, members in summaries.items():
        if key == "local":
            nodes.append(
                Node(
                    "local",
                    f"Lokal samverkan ({len(members)} kommuner)",
                    f"{group_list_url}#niva-local",
                    "principals",
                    "summary",
                )
            )
        elif key == "public_health":
            nodes.append(
                Node(
                    "public_health",
                    f"Folkhälsa och demokrati ({len(members)})",
                    f"{group_list_url}#niva-assembly",
                    "principals",
                    "summary",
                    "Regionfullmäktiges beredningar för folkhälsa och demokrati",
                )
            )
        else:
            parent_id = members[0].reports_to_id
            label = (
                members[0].display_name
                if len(members) == 1
                else (f"Arbetsgrupper ({len(members)})")
            )
            url = (
                members[0].get_absolute_url()
                if len(members) == 1
                else (members[0].reports_to.get_absolute_url() + "#arbetsgrupper")
            )
            nodes.append(Node(key, label, url, f"g{parent_id}", "summary"))
    return nodes


# --- The coordinators' structure pages ---------------------------------------------------------


def seat_flags(group: Group, seat_ids: Iterable[int], on: datetime.date) -> list[rules.Breach]:
    """What the rules check (`rules_report`) flags about these seats of the group on that day,
    e.g. an ordinary seat without a substitute."""
    ids = set(seat_ids)
    if not ids:
        return []
    [report] = rules_report(on, years_ahead=0, groups=[group])
    return [breach for breach in report.breaches if breach.seat in ids]


def group_breaches(group: Group, on: datetime.date) -> set[tuple[str, str]]:
    """Every breach the rules check shows for the group on that day, as (code, message)."""
    [report] = rules_report(on, years_ahead=0, groups=[group])
    return {(breach.code, breach.message) for breach in report.breaches}


def persons_matching(text: str) -> QuerySet[Person]:
    """Persons whose first or last name holds every word of `text`, by name."""
    people = Person.objects.select_related("principal")
    for word in text.split()[:5]:
        people = people.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    return people.order_by("last_name", "first_name", "pk")


def person_seats(person: Person) -> list[Membership]:
    """All of the person's seats, the latest first."""
    return list(
        person.memberships.select_related("group", "substitute_for__person").order_by(
            "-start_date", "group__order", "pk"
        )
    )


def ordinary_seats(group: Group, on: datetime.date) -> QuerySet[Membership]:
    return (
        current_memberships(on)
        .filter(group=group, kind=MembershipKind.ORDINARY)
        .order_by("person__last_name", "person__first_name", "pk")
    )


def group_seats(group: Group, on: datetime.date) -> QuerySet[Membership]:
    return (
        current_memberships(on)
        .filter(group=group)
        .order_by("kind", "person__last_name", "person__first_name", "pk")
    )
