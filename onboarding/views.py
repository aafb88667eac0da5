"""Report a new member (members and chairs), and the coordinator's checklists, one POST view
per action."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accounts import permissions
from lib.forms import submit
from onboarding import selectors, services
from onboarding.forms import LinkPersonForm, ReportForm, StepForm
from onboarding.models import NewMember
from structure.manage_views import report_change, seat_form_context
from structure.models import Group


def _reportable_groups(user):
    """R-M4: `permissions.can_report_new_member` for every group, in SQL."""
    return Group.objects.acting_for(user).order_by("order", "name")


@login_required
def report(request):
    groups = _reportable_groups(request.user)
    if not groups.exists():
        raise PermissionDenied
    return render(request, "onboarding/report.html", {"form": ReportForm(groups=groups)})


@login_required
@require_POST
def report_send(request):
    form = ReportForm(request.POST, groups=_reportable_groups(request.user))
    reported = submit(form, lambda values: services.report_new_member(by=request.user, **values))
    if reported is not None:
        messages.success(request, "Tack! Koordinatorn har fått anmälan.")
        return redirect("desk:start")
    return render(request, "onboarding/report.html", {"form": form}, status=400)


def _coordinator(request) -> None:
    permissions.require_or_404(permissions.can_onboard(request.user))


@login_required
def checklist_list(request):
    _coordinator(request)
    return render(request, "onboarding/list.html", {"rows": selectors.open_checklists()})


def _render_detail(request, new_member, status=200, link_form=None):
    today = timezone.localdate()
    seats = selectors.seats_of(new_member, today)
    return render(
        request,
        "onboarding/detail.html",
        {
            "nm": new_member,
            "link_form": link_form or LinkPersonForm(),
            "seats": seats,
            "flags": selectors.seat_flags(new_member, today) if seats else [],
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def seat(request, pk: int):
    """The person and the seat from the report, in the structure's "Tillsätt plats" form,
    prefilled from the report (the group is the reported one)."""
    _coordinator(request)
    new_member = get_object_or_404(NewMember.objects.select_related("group"), pk=pk)
    source = request.POST if request.method == "POST" else request.GET
    search = source.get("sok", new_member.last_name)[:100]
    initial = {
        "first_name": new_member.first_name,
        "last_name": new_member.last_name,
        "email": new_member.email,
        "principal": new_member.principal_id,
        "kind": new_member.kind,
    }
    context = seat_form_context(
        request,
        data=request.POST if request.method == "POST" else None,
        initial=initial,
        search=search,
        group_id=str(new_member.group_id),
        groups=Group.objects.filter(pk=new_member.group_id),
    )
    form = context["form"]
    if request.method == "POST":
        change = submit(
            form,
            lambda _values: services.seat_from_report(
                by=request.user, new_member=new_member, **form.service_values()
            ),
        )
        if change is not None:
            report_change(
                request,
                change,
                f"{change.membership.person.full_name} är inlagd med plats i "
                f"{new_member.group.name}.",
            )
            return redirect(new_member)
    action = reverse("onboarding:seat", args=[new_member.pk])
    return render(
        request,
        "onboarding/seat.html",
        context | {"nm": new_member, "action": action},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def detail(request, pk: int):
    _coordinator(request)
    return _render_detail(request, get_object_or_404(NewMember, pk=pk))


@login_required
@require_POST
def link(request, pk: int):
    _coordinator(request)
    new_member = get_object_or_404(NewMember, pk=pk)
    form = LinkPersonForm(request.POST)
    linked = submit(
        form, lambda values: services.link_person(by=request.user, new_member=new_member, **values)
    )
    if linked is not None:
        return redirect(new_member)
    return _render_detail(request, new_member, status=400, link_form=form)


@login_required
@require_POST
def step(request, pk: int):
    _coordinator(request)
    new_member = get_object_or_404(NewMember, pk=pk)
    form = StepForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, new_member, status=400)
    try:
        services.complete_step(by=request.user, new_member=new_member, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(new_member)


@login_required
@require_POST
def welcome(request, pk: int):
    _coordinator(request)
    new_member = get_object_or_404(NewMember, pk=pk)
    try:
        services.send_welcome(by=request.user, new_member=new_member)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Välkomstbrevet är skickat.")
    return redirect(new_member)
