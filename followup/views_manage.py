"""The coordinators' pages for the follow-up's content (R-F2, R-K3): indicators, the seminar's
priorities and goals, and the agreements, kept here instead of the admin. One view per action:
a list, the empty form, its POST, the filled form, its POST (and ending a priority, asked first).
Writes go through `followup.content_services`; who may is `permissions.can_manage_followup`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts import permissions
from followup import content_services as services
from followup.content_forms import AgreementForm, GoalForm, IndicatorForm, PriorityForm
from followup.models import Agreement, Goal, Indicator, Priority
from lib.forms import ConfirmForm, apply_service_errors, looks_like_id
from lib.pagination import paginate

KINDS = {
    "indicator": {
        "list": "followup:content_indicators",
        "name": "indikator",
        "new": "Ny indikator",
    },
    "priority": {
        "list": "followup:content_priorities",
        "name": "prioritering",
        "new": "Ny prioritering",
    },
    "goal": {"list": "followup:content_goals", "name": "resultatmål", "new": "Nytt resultatmål"},
    "agreement": {
        "list": "followup:content_agreements",
        "name": "överenskommelse",
        "new": "Ny överenskommelse",
    },
}


def _require_manager(request) -> None:
    if not permissions.can_manage_followup(request.user):
        raise PermissionDenied


def _form_page(request, *, kind: str, form, action: str, heading: str, status: int = 200):
    return render(
        request,
        "followup/content/form.html",
        {"form": form, "action": action, "heading": heading, "kind": KINDS[kind]},
        status=status,
    )


def _list_page(request, *, kind: str, template: str, rows):
    return render(request, template, {"page": paginate(request, rows), "kind": KINDS[kind]})


def _save(request, *, kind: str, form, action: str, heading: str, save, done: str):
    """Validate the posted form, write through `save(values)`, or show the form again."""
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect(KINDS[kind]["list"])
    return _form_page(request, kind=kind, form=form, action=action, heading=heading, status=400)


# --- Indicators -------------------------------------------------------------------------------


@login_required
def indicator_list(request):
    _require_manager(request)
    rows = Indicator.objects.annotate(goal_count=Count("goals")).order_by("name", "pk")
    return _list_page(
        request, kind="indicator", template="followup/content/indicators.html", rows=rows
    )


@login_required
def indicator_new(request):
    _require_manager(request)
    action = reverse("followup:content_indicator_create")
    return _form_page(
        request, kind="indicator", form=IndicatorForm(), action=action, heading="Ny indikator"
    )


@login_required
@require_POST
def indicator_create(request):
    _require_manager(request)
    return _save(
        request,
        kind="indicator",
        form=IndicatorForm(request.POST),
        action=reverse("followup:content_indicator_create"),
        heading="Ny indikator",
        save=lambda values: services.save_indicator(by=request.user, values=values),
        done="Indikatorn är sparad.",
    )


@login_required
def indicator_edit(request, pk: int):
    _require_manager(request)
    indicator = get_object_or_404(Indicator, pk=pk)
    return _form_page(
        request,
        kind="indicator",
        form=IndicatorForm(instance=indicator),
        action=reverse("followup:content_indicator_update", args=[pk]),
        heading=f"Ändra indikatorn ”{indicator.name}”",
    )


@login_required
@require_POST
def indicator_update(request, pk: int):
    _require_manager(request)
    indicator = get_object_or_404(Indicator, pk=pk)
    return _save(
        request,
        kind="indicator",
        form=IndicatorForm(request.POST, instance=Indicator.objects.get(pk=pk)),
        action=reverse("followup:content_indicator_update", args=[pk]),
        heading=f"Ändra indikatorn ”{indicator.name}”",
        save=lambda values: services.save_indicator(
            by=request.user, indicator=indicator, values=values
        ),
        done="Indikatorn är ändrad.",
    )


# --- Priorities -------------------------------------------------------------------------------


@login_required
def priority_list(request):
    _require_manager(request)
    rows = Priority.objects.annotate(goal_count=Count("goals")).order_by("-active", "title", "pk")
    return _list_page(
        request, kind="priority", template="followup/content/priorities.html", rows=rows
    )


@login_required
def priority_new(request):
    _require_manager(request)
    return _form_page(
        request,
        kind="priority",
        form=PriorityForm(),
        action=reverse("followup:content_priority_create"),
        heading="Ny prioritering",
    )


@login_required
@require_POST
def priority_create(request):
    _require_manager(request)
    return _save(
        request,
        kind="priority",
        form=PriorityForm(request.POST),
        action=reverse("followup:content_priority_create"),
        heading="Ny prioritering",
        save=lambda values: services.save_priority(by=request.user, values=values),
        done="Prioriteringen är sparad.",
    )


@login_required
def priority_edit(request, pk: int):
    _require_manager(request)
    priority = get_object_or_404(Priority, pk=pk)
    return _form_page(
        request,
        kind="priority",
        form=PriorityForm(instance=priority),
        action=reverse("followup:content_priority_update", args=[pk]),
        heading=f"Ändra prioriteringen ”{priority.title}”",
    )


@login_required
@require_POST
def priority_update(request, pk: int):
    _require_manager(request)
    priority = get_object_or_404(Priority, pk=pk)
    return _save(
        request,
        kind="priority",
        form=PriorityForm(request.POST, instance=Priority.objects.get(pk=pk)),
        action=reverse("followup:content_priority_update", args=[pk]),
        heading=f"Ändra prioriteringen ”{priority.title}”",
        save=lambda values: services.save_priority(
            by=request.user, priority=priority, values=values
        ),
        done="Prioriteringen är ändrad.",
    )


@login_required
def priority_end_confirm(request, pk: int):
    _require_manager(request)
    priority = get_object_or_404(Priority, pk=pk, active=True)
    return render(
        request, "followup/content/priority_end.html", {"priority": priority, "form": ConfirmForm()}
    )


@login_required
@require_POST
def priority_end(request, pk: int):
    _require_manager(request)
    priority = get_object_or_404(Priority, pk=pk, active=True)
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "followup/content/priority_end.html",
            {"priority": priority, "form": form},
            status=400,
        )
    services.end_priority(by=request.user, priority=priority)
    messages.success(request, f"Prioriteringen ”{priority.title}” gäller inte längre.")
    return redirect("followup:content_priorities")


# --- Goals ------------------------------------------------------------------------------------


@login_required
def goal_list(request):
    _require_manager(request)
    rows = Goal.objects.select_related("priority", "indicator").order_by(
        "-priority__active", "priority__title", "pk"
    )
    return _list_page(request, kind="goal", template="followup/content/goals.html", rows=rows)


@login_required
def goal_new(request):
    _require_manager(request)
    initial = {}
    wanted = request.GET.get("prioritering", "")
    if looks_like_id(wanted) and Priority.objects.filter(pk=wanted).exists():
        initial["priority"] = int(wanted)
    return _form_page(
        request,
        kind="goal",
        form=GoalForm(initial=initial),
        action=reverse("followup:content_goal_create"),
        heading="Nytt resultatmål",
    )


@login_required
@require_POST
def goal_create(request):
    _require_manager(request)
    return _save(
        request,
        kind="goal",
        form=GoalForm(request.POST),
        action=reverse("followup:content_goal_create"),
        heading="Nytt resultatmål",
        save=lambda values: services.save_goal(by=request.user, values=values),
        done="Resultatmålet är sparat.",
    )


@login_required
def goal_edit(request, pk: int):
    _require_manager(request)
    goal = get_object_or_404(Goal.objects.select_related("indicator"), pk=pk)
    return _form_page(
        request,
        kind="goal",
        form=GoalForm(instance=goal),
        action=reverse("followup:content_goal_update", args=[pk]),
        heading=f"Revidera resultatmålet för ”{goal.indicator.name}”",
    )


@login_required
@require_POST
def goal_update(request, pk: int):
    _require_manager(request)
    goal = get_object_or_404(Goal.objects.select_related("indicator"), pk=pk)
    return _save(
        request,
        kind="goal",
        form=GoalForm(request.POST, instance=Goal.objects.get(pk=pk)),
        action=reverse("followup:content_goal_update", args=[pk]),
        heading=f"Revidera resultatmålet för ”{goal.indicator.name}”",
        save=lambda values: services.save_goal(by=request.user, goal=goal, values=values),
        done="Resultatmålet är reviderat; den tidigare versionen finns i historiken.",
    )


# --- Agreements -------------------------------------------------------------------------------


@login_required
def agreement_list(request):
    _require_manager(request)
    rows = Agreement.objects.select_related("municipality").order_by(
        "kind", "municipality__name", "pk"
    )
    return _list_page(
        request, kind="agreement", template="followup/content/agreements.html", rows=rows
    )


@login_required
def agreement_new(request):
    _require_manager(request)
    return _form_page(
        request,
        kind="agreement",
        form=AgreementForm(),
        action=reverse("followup:content_agreement_create"),
        heading="Ny överenskommelse",
    )


@login_required
@require_POST
def agreement_create(request):
    _require_manager(request)
    return _save(
        request,
        kind="agreement",
        form=AgreementForm(request.POST),
        action=reverse("followup:content_agreement_create"),
        heading="Ny överenskommelse",
        save=lambda values: services.save_agreement(by=request.user, values=values),
        done="Överenskommelsen är sparad.",
    )


@login_required
def agreement_edit(request, pk: int):
    _require_manager(request)
    agreement = get_object_or_404(Agreement, pk=pk)
    return _form_page(
        request,
        kind="agreement",
        form=AgreementForm(instance=agreement),
        action=reverse("followup:content_agreement_update", args=[pk]),
        heading=f"Ändra ”{agreement.title}”",
    )


@login_required
@require_POST
def agreement_update(request, pk: int):
    _require_manager(request)
    agreement = get_object_or_404(Agreement, pk=pk)
    return _save(
        request,
        kind="agreement",
        form=AgreementForm(request.POST, instance=Agreement.objects.get(pk=pk)),
        action=reverse("followup:content_agreement_update", args=[pk]),
        heading=f"Ändra ”{agreement.title}”",
        save=lambda values: services.save_agreement(
            by=request.user, agreement=agreement, values=values
        ),
        done="Överenskommelsen är ändrad.",
    )
