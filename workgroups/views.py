"""Working group pages: the public list and page, and one small POST view per coordinator
action (set up, extend, deliver, close)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import permissions
from lib.forms import apply_service_errors
from lib.pagination import paginate
from workgroups import selectors, services
from workgroups.forms import CloseForm, DeliverForm, ExtendForm, SetUpForm


def working_group_list(request):
    page = paginate(request, selectors.working_groups())
    return render(request, "workgroups/list.html", {"page": page, "today": timezone.localdate()})


def _page(request, pk: int):
    working_group = selectors.working_group_for_page(pk)
    if working_group is None:
        raise Http404
    return working_group


def _render_detail(request, working_group, status=200, **forms):
    context = {
        "wg": working_group,
        "today": timezone.localdate(),
        "may_manage": permissions.can_manage_working_groups(request.user),
        "extend_form": forms.get("extend_form") or ExtendForm(),
        "deliver_form": forms.get("deliver_form") or DeliverForm(),
        "close_form": forms.get("close_form") or CloseForm(),
    }
    return render(request, "workgroups/detail.html", context, status=status)


def working_group_detail(request, pk: int):
    return _render_detail(request, _page(request, pk))


def _require_manager(request) -> None:
    if not permissions.can_manage_working_groups(request.user):
        raise PermissionDenied


@login_required
def working_group_new(request):
    _require_manager(request)
    return render(request, "workgroups/new.html", {"form": SetUpForm()})


@login_required
@require_POST
def working_group_create(request):
    _require_manager(request)
    form = SetUpForm(request.POST)
    if form.is_valid():
        try:
            working_group = services.set_up_working_group(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "Arbetsgruppen är tillsatt.")
            return redirect(working_group)
    return render(request, "workgroups/new.html", {"form": form}, status=400)


@login_required
@require_POST
def working_group_extend(request, pk: int):
    _require_manager(request)
    working_group = _page(request, pk)
    form = ExtendForm(request.POST)
    if form.is_valid():
        try:
            services.extend_working_group(
                working_group=working_group, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "Förlängningen är registrerad.")
            return redirect(working_group)
    return _render_detail(request, working_group, status=400, extend_form=form)


@login_required
@require_POST
def working_group_deliver(request, pk: int):
    _require_manager(request)
    working_group = _page(request, pk)
    form = DeliverForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.deliver_report(
                working_group=working_group,
                by=request.user,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(
                request, "Rapporten är levererad och står på mottagarens nästa dagordning."
            )
            return redirect(working_group)
    return _render_detail(request, working_group, status=400, deliver_form=form)


@login_required
@require_POST
def working_group_close(request, pk: int):
    _require_manager(request)
    working_group = _page(request, pk)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.close_working_group(
                working_group=working_group, by=request.user, note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "Arbetsgruppen är avslutad.")
            return redirect(working_group)
    return _render_detail(request, working_group, status=400, close_form=form)
