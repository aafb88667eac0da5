"""The coordinators' pages for the follow-up's content (R-F2, R-K3): indicators, the seminar's
priorities and goals, and the agreements, kept here instead of the admin. One view per action:
a list, the empty form, its POST, the filled form, its POST (and ending a priority, asked first).
The four kinds share those views: each kind is a `Content` (its model's rows, form, service,
pages and words) that `followup.urls_manage` hands the views. Writes go through
`followup.content_services`; who may is `permissions.can_manage_followup`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Model, QuerySet
from django.forms import ModelForm
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts import permissions
from followup import content_services as services
from followup.content_forms import AgreementForm, GoalForm, IndicatorForm, PriorityForm
from followup.models import Agreement, Goal, Indicator, Priority
from lib.forms import ConfirmForm, act_on_confirm, looks_like_id, submit
from lib.pagination import paginate


def _no_initial(request) -> dict:
    return {}


@dataclass(frozen=True)
class Content:
    """One kind of content: what its five views need. The templates read `list`, `name`, `new`."""

    key: str  # URL names `followup:content_<key>_new` …, the service's keyword for the row
    plural: str  # the list's URL name, `followup:content_<plural>`
    name: str  # the kind in Swedish
    new: str  # the empty form's heading and the list's button
    template: str  # the list page
    rows: Callable[[], QuerySet]  # the list's rows, ordered
    model: type[Model]
    form: type[ModelForm]
    save: Callable[..., Model]  # the service: save(by=, values=) or save(by=, <key>=, values=)
    heading: Callable[[Model], str]  # the filled form's heading
    saved: str  # the message after a new one is saved
    changed: str  # … after one is changed
    initial: Callable[..., dict] = _no_initial  # the empty form's initial values, from the request
    related: tuple[str, ...] = ()  # what `heading` reads beyond the row

    @property
    def list(self) -> str:
        return f"followup:content_{self.plural}"

    def url(self, action: str, *args) -> str:
        return reverse(f"followup:content_{self.key}_{action}", args=args)

    def find(self, pk: int) -> Model:
        rows = self.model.objects.select_related(*self.related) if self.related else self.model
        return get_object_or_404(rows, pk=pk)


def _goal_initial(request) -> dict:
    """The priorities list links "Nytt mål" with `?prioritering=<id>`: that one is chosen."""
    wanted = request.GET.get("prioritering", "")
    if looks_like_id(wanted) and Priority.objects.filter(pk=wanted).exists():
        return {"priority": int(wanted)}
    return {}


INDICATOR = Content(
    key="indicator",
    plural="indicators",
    name="indikator",
    new="Ny indikator",
    template="followup/content/indicators.html",
    rows=lambda: Indicator.objects.annotate(goal_count=Count("goals")).order_by("name", "pk"),
    model=Indicator,
    form=IndicatorForm,
    save=services.save_indicator,
    heading=lambda indicator: f"Ändra indikatorn ”{indicator.name}”",
    saved="Indikatorn är sparad.",
    changed="Indikatorn är ändrad.",
)
PRIORITY = Content(
    key="priority",
    plural="priorities",
    name="prioritering",
    new="Ny prioritering",
    template="followup/content/priorities.html",
    rows=lambda: Priority.objects.annotate(goal_count=Count("goals")).order_by(
        "-active", "title", "pk"
    ),
    model=Priority,
    form=PriorityForm,
    save=services.save_priority,
    heading=lambda priority: f"Ändra prioriteringen ”{priority.title}”",
    saved="Prioriteringen är sparad.",
    changed="Prioriteringen är ändrad.",
)
GOAL = Content(
    key="goal",
    plural="goals",
    name="resultatmål",
    new="Nytt resultatmål",
    template="followup/content/goals.html",
    rows=lambda: Goal.objects.select_related("priority", "indicator").order_by(
        "-priority__active", "priority__title", "pk"
    ),
    model=Goal,
    form=GoalForm,
    save=services.save_goal,
    heading=lambda goal: f"Revidera resultatmålet för ”{goal.indicator.name}”",
    saved="Resultatmålet är sparat.",
    changed="Resultatmålet är reviderat; den tidigare versionen finns i historiken.",
    initial=_goal_initial,
    related=("indicator",),
)
AGREEMENT = Content(
    key="agreement",
    plural="agreements",
    name="överenskommelse",
    new="Ny överenskommelse",
    template="followup/content/agreements.html",
    rows=lambda: Agreement.objects.select_related("municipality").order_by(
        "kind", "municipality__name", "pk"
    ),
    model=Agreement,
    form=AgreementForm,
    save=services.save_agreement,
    heading=lambda agreement: f"Ändra ”{agreement.title}”",
    saved="Överenskommelsen är sparad.",
    changed="Överenskommelsen är ändrad.",
)


def _require_manager(request) -> None:
    if not permissions.can_manage_followup(request.user):
        raise PermissionDenied


def _form_page(request, *, kind: Content, form, action: str, heading: str, status: int = 200):
    return render(
        request,
        "followup/content/form.html",
        {"form": form, "action": action, "heading": heading, "kind": kind},
        status=status,
    )


def _save(request, *, kind: Content, form, action: str, heading: str, save, done: str):
    """Validate the posted form, write through `save(values)`, or show the form again."""
    if submit(form, save) is not None:
        messages.success(request, done)
        return redirect(kind.list)
    return _form_page(request, kind=kind, form=form, action=action, heading=heading, status=400)


# --- The views of every kind ------------------------------------------------------------------


@login_required
def content_list(request, *, kind: Content):
    _require_manager(request)
    return render(request, kind.template, {"page": paginate(request, kind.rows()), "kind": kind})


@login_required
def content_new(request, *, kind: Content):
    _require_manager(request)
    form = kind.form(initial=kind.initial(request))
    return _form_page(request, kind=kind, form=form, action=kind.url("create"), heading=kind.new)


@login_required
@require_POST
def content_create(request, *, kind: Content):
    _require_manager(request)
    return _save(
        request,
        kind=kind,
        form=kind.form(request.POST),
        action=kind.url("create"),
        heading=kind.new,
        save=lambda values: kind.save(by=request.user, values=values),
        done=kind.saved,
    )


@login_required
def content_edit(request, pk: int, *, kind: Content):
    _require_manager(request)
    row = kind.find(pk)
    return _form_page(
        request,
        kind=kind,
        form=kind.form(instance=row),
        action=kind.url("update", pk),
        heading=kind.heading(row),
    )


@login_required
@require_POST
def content_update(request, pk: int, *, kind: Content):
    _require_manager(request)
    row = kind.find(pk)
    return _save(
        request,
        kind=kind,
        # The form changes its own copy: the service compares the posted values with `row`.
        form=kind.form(request.POST, instance=kind.model.objects.get(pk=pk)),
        action=kind.url("update", pk),
        heading=kind.heading(row),
        save=lambda values: kind.save(by=request.user, values=values, **{kind.key: row}),
        done=kind.changed,
    )


# --- Ending a priority ------------------------------------------------------------------------


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
    return act_on_confirm(
        request,
        lambda: services.end_priority(by=request.user, priority=priority),
        page="followup/content/priority_end.html",
        context={"priority": priority},
        done=f"Prioriteringen ”{priority.title}” gäller inte längre.",
        then="followup:content_priorities",
    )
