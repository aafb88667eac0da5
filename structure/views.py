"""Public structure pages (groups, principals) and the coordinators' rules check."""

from __future__ import annotations

from itertools import groupby

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone

from accounts import permissions
from lib.pagination import paginate, query_without_page
from structure import county as counties
from structure import selectors
from structure.cache import cached_fragment
from structure.descriptions import plain_rules
from structure.forms import RulesCheckForm
from structure.models import Group, GroupKind, Level, Principal, Side


def group_list(request):
    body = cached_fragment(request, "group_list", render=_group_list_body)
    return render(request, "structure/group_list.html", {"body": body})


def _group_list_body() -> str:
    today = timezone.localdate()
    groups = list(selectors.groups_for_listing(today))
    level_order = list(Level.values)
    groups.sort(key=lambda g: (level_order.index(g.level), g.order, g.name))
    by_level = [
        (Level(level).label, list(items)) for level, items in groupby(groups, key=lambda g: g.level)
    ]
    return render_to_string("structure/_group_list_body.html", {"by_level": by_level})


def group_detail(request, slug: str):
    group = get_object_or_404(selectors.group_for_page(slug))
    show_contacts = permissions.can_view_contact_details(request.user, group)
    can_manage = permissions.can_manage_structure(request.user)

    def body() -> str:
        return _group_detail_body(group, show_contacts, can_manage)

    # Contact details and the coordinators' actions are decided per person: only the page
    # without them is shared.
    if show_contacts or can_manage:
        html = body()
    else:
        html = cached_fragment(request, "group_detail", group.pk, render=body)
    return render(request, "structure/group_detail.html", {"group": group, "body": html})


def _group_detail_body(group: Group, show_contacts: bool, can_manage: bool = False) -> str:
    today = timezone.localdate()
    mandates = list(group.mandates.order_by("-effective_from"))
    current = next(
        (
            m
            for m in mandates
            if m.effective_from <= today and (m.effective_to is None or m.effective_to >= today)
        ),
        None,
    )
    members = selectors.group_members(group, today)
    chair, vice = selectors.chair_and_vice(members)
    reporting = list(group.reporting_groups.order_by("order", "name"))
    context = {
        "group": group,
        "mandate": current,
        "earlier_mandates": [m for m in mandates if m is not current],
        "rules": plain_rules(group),
        "members": members,
        "chair": chair,
        "vice": vice,
        "reporting_groups": reporting,
        "working_groups": [g for g in reporting if g.kind == GroupKind.WORKING_GROUP],
        "show_contacts": show_contacts,
        "can_manage": can_manage,
    }
    return render_to_string("structure/_group_detail_body.html", context)


def principal_list(request):
    county = counties.for_request(request)
    body = cached_fragment(request, "principal_list", render=lambda: _principal_list_body(county))
    return render(request, "structure/principal_list.html", {"body": body})


def _principal_list_body(county: counties.CountyFacts) -> str:
    principals = list(selectors.principals_for_listing())
    region = [p for p in principals if p.side == Side.REGION]
    by_grouping = []
    for grouping in selectors.groupings():
        by_grouping.append(
            (
                grouping,
                sorted(
                    (p for p in principals if p.grouping_id == grouping.pk), key=lambda p: p.name
                ),
            )
        )
    # A county without geographic groupings (they are optional) lists its municipalities alone.
    ungrouped = [p for p in principals if p.side == Side.MUNICIPALITY and p.grouping_id is None]
    if ungrouped:
        by_grouping.append((None, sorted(ungrouped, key=lambda p: p.name)))
    return render_to_string(
        "structure/_principal_list_body.html",
        {
            "region": region,
            "by_grouping": by_grouping,
            "count": len(principals),
            "county": county,
        },
    )


def principal_detail(request, slug: str):
    principal = get_object_or_404(Principal.objects.select_related("grouping"), slug=slug)
    body = cached_fragment(
        request, "principal_detail", principal.pk, render=lambda: _principal_detail_body(principal)
    )
    # What the principal still owes is decision data, not structure: the template asks cases
    # for it (`cases_tags.principal_owes`), afresh on every request, never from this cache.
    return render(
        request, "structure/principal_detail.html", {"principal": principal, "body": body}
    )


def _principal_detail_body(principal: Principal) -> str:
    today = timezone.localdate()
    memberships = selectors.principal_memberships(principal, today)
    local_groups = list(Group.objects.filter(principal=principal).order_by("name"))
    return render_to_string(
        "structure/_principal_detail_body.html",
        {"principal": principal, "memberships": memberships, "local_groups": local_groups},
    )


@login_required
def rules_check(request):
    """The groups with rules, 25 a page, or the one group chosen in the form."""
    permissions.require(permissions.can_see_rules_check(request.user))
    today = timezone.localdate()
    groups = selectors.rule_groups(today)
    form = RulesCheckForm(request.GET, groups=groups.prefetch_related(None))
    if not form.is_valid():
        return HttpResponseBadRequest("Ogiltigt val av grupp.")
    chosen = form.cleaned_data["grupp"]
    page = paginate(request, groups.filter(pk=chosen.pk) if chosen else groups)
    reports = selectors.rules_report(today, groups=page.object_list)
    return render(
        request,
        "structure/rules_check.html",
        {
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "reports": reports,
            "today": today,
            "error_total": sum(r.error_count for r in reports),
            "breach_total": sum(len(r.breaches) for r in reports),
        },
    )
