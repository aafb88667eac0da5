"""Internal case pages: list, raise, the case and its path, registrars' inbox, expedition."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import permissions
from cases import selectors, services
from cases.forms import AdoptForm, AgendaForm, DecisionForm, RaiseCaseForm, RouteForm, TreatmentForm
from cases.models import Addressee, CaseStatus, Follow, Recommendation
from lib.forms import apply_service_errors
from meetings.models import Meeting
from structure.models import Group, Membership, Person

PAGE_SIZE = 25


@login_required
def case_list(request):
    cases = selectors.visible_cases(request.user).order_by("-year", "-serial")
    status = request.GET.get("status", "")
    if status in CaseStatus.values:
        cases = cases.filter(status=status)
    text = request.GET.get("q", "").strip()
    if text:
        cases = cases.filter(Q(title__icontains=text) | Q(description__icontains=text))
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    return render(
        request,
        "cases/case_list.html",
        {
            "page": page,
            "query": query.urlencode(),
            "status": status,
            "q": text,
            "statuses": CaseStatus.choices,
            "can_raise": permissions.is_coordinator(request.user)
            or bool(permissions.member_group_ids(request.user)),
        },
    )


@login_required
def case_create(request):
    user = request.user
    coordinator = permissions.is_coordinator(user)
    groups = Group.objects.order_by("order", "name")
    if not coordinator:
        groups = groups.filter(pk__in=permissions.member_group_ids(user))
    if not groups.exists():
        raise PermissionDenied
    people = (
        Person.objects.filter(
            pk__in=Membership.objects.current(timezone.localdate()).values("person_id")
        ).order_by("last_name", "first_name")
        if coordinator
        else None
    )
    form = RaiseCaseForm(request.POST or None, request.FILES or None, groups=groups, people=people)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.raise_case(
                group=data["group"],
                by=user,
                title=data["title"],
                description=data["description"],
                proposal=data["proposal"],
                principals=data["principals"],
                submitted_by=data.get("submitted_by"),
                origin_note=data["origin_note"],
                documents=data["documents"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"Ärendet är registrerat som {case.register_number}.")
            return redirect(case.get_absolute_url())
    return render(request, "cases/case_form.html", {"form": form})


def _meetings_for(groups) -> list[Meeting]:
    return list(
        Meeting.objects.filter(group__in=groups, cancelled=False)
        .select_related("group")
        .order_by("-starts_at")[:60]
    )


@login_required
def case_detail(request, pk: int):
    user = request.user
    case = selectors.case_for_page(user, pk)
    if case is None:
        raise Http404
    coordinator = permissions.is_coordinator(user)
    managed = [
        g
        for g in Group.objects.filter(
            Q(pk=case.current_group_id) | Q(pk__in=case.shared_with.all())
        )
        if permissions.can_record_treatment(user, g)
    ]
    # A recommendation is adopted where the case lives (or is shared), as the service requires.
    adopting = [g for g in managed if g.gives_recommendations or g.decides_itself]
    meetings = _meetings_for(managed)
    adopt_meetings = [
        m
        for m in _meetings_for(adopting)
        if m.starts_at <= timezone.now() + datetime.timedelta(days=1)
    ]
    agenda_meetings = [m for m in _meetings_for(managed) if m.starts_at > timezone.now()]
    managed_qs = Group.objects.filter(pk__in=[g.pk for g in managed])

    route_form = RouteForm(initial={"group": case.current_group}, prefix="route")
    treat_form = TreatmentForm(
        groups=managed_qs,
        meetings=meetings,
        prefix="treat",
        initial={"group": case.current_group},
    )
    agenda_form = AgendaForm(meetings=agenda_meetings, prefix="agenda")
    adopt_form = AdoptForm(meetings=adopt_meetings, initial={"title": case.title}, prefix="adopt")
    action = request.POST.get("action") if request.method == "POST" else None
    if action:
        try:
            if action == "route":
                route_form = RouteForm(request.POST, prefix="route")
                if route_form.is_valid():
                    d = route_form.cleaned_data
                    services.route_case(
                        case=case,
                        by=user,
                        group=d["group"],
                        local_principal=d["local_principal"],
                        note=d["note"],
                        shared_with=d["shared_with"],
                    )
                    messages.success(request, "Hemvisten är registrerad.")
                    return redirect(case.get_absolute_url())
            elif action == "treat":
                treat_form = TreatmentForm(
                    request.POST, groups=managed_qs, meetings=meetings, prefix="treat"
                )
                if treat_form.is_valid():
                    d = treat_form.cleaned_data
                    meeting = next((m for m in meetings if m.pk == d["meeting"]), None)
                    services.record_treatment(
                        case=case,
                        group=d["group"],
                        by=user,
                        outcome=d["outcome"],
                        meeting=meeting,
                        sent_to=d["sent_to"],
                        note=d["note"],
                    )
                    messages.success(request, "Behandlingen är registrerad.")
                    return redirect(case.get_absolute_url())
            elif action == "agenda":
                agenda_form = AgendaForm(request.POST, meetings=agenda_meetings, prefix="agenda")
                if agenda_form.is_valid():
                    meeting = next(
                        m for m in agenda_meetings if m.pk == agenda_form.cleaned_data["meeting"]
                    )
                    services.put_on_agenda(case=case, meeting=meeting, by=user)
                    messages.success(request, "Ärendet står på dagordningen.")
                    return redirect(case.get_absolute_url())
            elif action == "adopt":
                adopt_form = AdoptForm(request.POST, meetings=adopt_meetings, prefix="adopt")
                if adopt_form.is_valid():
                    d = adopt_form.cleaned_data
                    meeting = next(m for m in adopt_meetings if m.pk == d["meeting"])
                    rec = services.adopt_recommendation(
                        case=case,
                        meeting=meeting,
                        by=user,
                        title=d["title"],
                        decisions=d["decisions"],
                        principals=d["principals"],
                    )
                    messages.success(
                        request,
                        "Beslutet är registrerat."
                        if rec.own_decision
                        else "Rekommendationen är antagen.",
                    )
                    return redirect(case.get_absolute_url())
            elif action == "document":
                upload = request.FILES.get("document")
                group = case.current_group or case.origin_group
                if upload:
                    services.add_document(
                        case=case,
                        group=group,
                        by=user,
                        upload=upload,
                        title=request.POST.get("title", ""),
                    )
                    messages.success(request, "Handlingen är tillagd.")
                    return redirect(case.get_absolute_url())
                messages.error(request, "Välj en fil.")
        except ValidationError as exc:
            form = {
                "route": route_form,
                "treat": treat_form,
                "agenda": agenda_form,
                "adopt": adopt_form,
            }.get(action)
            if form is not None:
                apply_service_errors(form, exc)
            else:
                for message in exc.messages:
                    messages.error(request, message)
    documents: dict[str, list] = {}
    for document in case.documents.all():
        documents.setdefault(document.group.name, []).append(document)
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "documents": documents,
            "coordinator": coordinator,
            "can_treat": bool(managed),
            "can_adopt": bool(adopting) and bool(adopt_meetings),
            "route_form": route_form,
            "treat_form": treat_form,
            "agenda_form": agenda_form if agenda_meetings else None,
            "adopt_form": adopt_form,
            "following": Follow.objects.filter(case=case, user=user).exists(),
        },
        status=400 if action and request.method == "POST" else 200,
    )


@login_required
def document_download(request, pk: int, doc: int):
    case = selectors.case_for_page(request.user, pk)
    if case is None:
        raise Http404
    document = get_object_or_404(case.documents, pk=doc)
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.original_name
    )


@login_required
@require_POST
def case_follow(request, pk: int):
    case = selectors.case_for_page(request.user, pk)
    if case is None:
        raise Http404
    if request.POST.get("follow") == "0":
        services.unfollow(case=case, by=request.user)
        messages.success(request, "Du följer inte längre ärendet.")
    else:
        services.follow(case=case, by=request.user)
        messages.success(request, "Du följer ärendet och får e-post när det händer något.")
    return redirect(case.get_absolute_url())


@login_required
def registrar_inbox(request):
    user = request.user
    principal = permissions.registrar_principal(user)
    if principal is None and not permissions.is_coordinator(user):
        raise PermissionDenied
    if principal is None:
        addressees = (
            Addressee.objects.filter(
                decision__isnull=True, recommendation__expedited_at__isnull=False
            )
            .select_related("principal", "recommendation__case", "recommendation__group")
            .order_by("recommendation__expedited_at", "principal__name")
        )
        waiting, done = list(addressees[:200]), []
    else:
        rows = list(selectors.awaiting_registrar(principal))
        waiting = [a for a in rows if not hasattr(a, "decision")]
        done = [a for a in rows if hasattr(a, "decision")][:50]
    return render(
        request,
        "cases/registrar_inbox.html",
        {"principal": principal, "waiting": waiting, "done": done},
    )


@login_required
def register_decision(request, pk: int):
    # Only expedited recommendations exist for registrars; another principal's look the same
    # as a missing one, so nothing about unexpedited or foreign recommendations leaks.
    addressees = Addressee.objects.select_related(
        "principal", "recommendation__case", "recommendation__group"
    ).filter(recommendation__expedited_at__isnull=False, recommendation__own_decision=False)
    if not permissions.is_coordinator(request.user):
        addressees = addressees.filter(principal=permissions.registrar_principal(request.user))
    addressee = get_object_or_404(addressees, pk=pk)
    form = DecisionForm(request.POST or None, request.FILES or None, principal=addressee.principal)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.register_decision(
                addressee=addressee,
                by=request.user,
                outcome=d["outcome"],
                body=d["body"],
                decided_on=d["decided_on"],
                reference=d["reference"],
                document=d["document"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"Beslutet för {addressee.principal} är registrerat.")
            return redirect("cases:registrar_inbox")
    return render(
        request,
        "cases/register_decision.html",
        {
            "addressee": addressee,
            "form": form,
            "decided": hasattr(addressee, "decision"),
            "on_behalf": permissions.registrar_principal(request.user) != addressee.principal,
        },
    )


@login_required
@require_POST
def recommendation_expedite(request, pk: int):
    if not permissions.can_expedite(request.user):
        raise PermissionDenied
    recommendation = get_object_or_404(Recommendation, pk=pk)
    try:
        sent = services.expedite(recommendation=recommendation, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, f"Rekommendationen är expedierad ({sent} registratorer fick e-post)."
        )
    return redirect(recommendation.case.get_absolute_url())
