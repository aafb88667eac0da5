"""The coordinators' structure pages: persons, "Tillsätt plats", ending a seat and changing a
substitute, one view per action. Every write goes through `structure.services`; a refusal comes
back on the form (400) as typed, and what the rules check flags after a write is shown as a
warning on the group's page, where the coordinator goes on."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts import permissions
from lib.forms import apply_service_errors, looks_like_id
from lib.pagination import paginate, query_without_page
from structure import selectors, services
from structure.forms import (
    SEARCH_MAX,
    EndSeatForm,
    PersonSearchForm,
    SeatForm,
    SubstituteForm,
    matches,
)
from structure.models import Group, Membership, MembershipKind, Person


def _require_coordinator(request) -> None:
    permissions.require(permissions.can_manage_structure(request.user))


def _members_url(group: Group) -> str:
    return f"{group.get_absolute_url()}#ledamoter"


def report_change(request, change: services.SeatChange, done: str) -> None:
    """The success message, the seats the write ended, and the rules check's new flags."""
    messages.success(request, done)
    for seat in change.ended:
        messages.info(
            request, f"{seat.person.full_name}s plats avslutades {seat.end_date:%Y-%m-%d}."
        )
    for warning in change.warnings:
        messages.warning(request, f"Regelkontrollen flaggar: {warning}")


# --- Persons ------------------------------------------------------------------------------------


@login_required
@require_GET
def person_list(request):
    _require_coordinator(request)
    form = PersonSearchForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest("Ogiltig sökning.")
    text = form.cleaned_data["namn"]
    people = selectors.persons_matching(text)
    page = paginate(request, people)
    return render(
        request,
        "structure/person_list.html",
        {"form": form, "page": page, "query": query_without_page(request), "text": text},
    )


@login_required
@require_GET
def person_detail(request, pk: int):
    _require_coordinator(request)
    person = get_object_or_404(Person.objects.select_related("principal"), pk=pk)
    today = timezone.localdate()
    seats = selectors.person_seats(person)
    current = [s for s in seats if s.is_current(today)]
    coming = [s for s in seats if s.start_date > today]
    past = [s for s in seats if s.end_date and s.end_date < today]
    return render(
        request,
        "structure/person_detail.html",
        {
            "person": person,
            "current": current,
            "coming": coming,
            "past": past,
            "show_contacts": permissions.can_view_person_contacts(
                request.user, {s.group_id for s in current}
            ),
        },
    )


# --- Tillsätt plats -------------------------------------------------------------------------------


def _id_or_none(value) -> str | None:
    return value if value and looks_like_id(value) else None


def seat_form_context(request, *, data=None, initial=None, search="", group_id=None, groups=None):
    """The form of "Tillsätt plats" with the choices for the chosen group (a GET `grupp` or
    the posted group; `groups` to choose from, the active ones by default) and the persons
    matching the search."""
    today = timezone.localdate()
    if groups is None:
        groups = Group.objects.active(today).order_by("order", "name")
    group = groups.filter(pk=group_id).first() if _id_or_none(group_id) else None
    initial = dict(initial or {})
    if group is not None:
        initial.setdefault("group", group.pk)
    initial.setdefault("start_date", today)
    initial["sok"] = search
    form = SeatForm(data, initial=initial, groups=groups, group=group, on=today, search=search)
    return {"form": form, "group": group, "groups": groups, "search": search}


@login_required
@require_http_methods(["GET", "POST"])
def seat_fill(request):
    _require_coordinator(request)
    source = request.POST if request.method == "POST" else request.GET
    search = source.get("sok", "")
    if len(search) > SEARCH_MAX:
        return HttpResponseBadRequest("Sökningen är för lång.")
    group_id = source.get("group" if request.method == "POST" else "grupp")
    initial = {}
    if request.method == "GET":
        for key, name in (
            ("person", "person"),
            ("ersatter", "substitute_for"),
            ("foretradare", "predecessor"),
        ):
            if _id_or_none(request.GET.get(key)):
                initial[name] = request.GET[key]
        if request.GET.get("typ") in MembershipKind.values:
            initial["kind"] = request.GET["typ"]
        person = (
            Person.objects.filter(pk=initial["person"]).first() if "person" in initial else None
        )
        if person is not None and not search:
            search = person.full_name
    context = seat_form_context(
        request,
        data=request.POST if request.method == "POST" else None,
        initial=initial,
        search=search,
        group_id=group_id,
    )
    form = context["form"]
    if request.method == "POST":
        if form.is_valid():
            try:
                change = services.fill_seat(by=request.user, **form.service_values())
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                seat = change.membership
                report_change(
                    request,
                    change,
                    f"{seat.person.full_name} är {seat.get_kind_display().lower()} i "
                    f"{seat.group.name} från {seat.start_date:%Y-%m-%d}.",
                )
                return redirect(_members_url(seat.group))
        return render(
            request,
            "structure/seat_fill.html",
            context | {"action": reverse("structure:seat_fill")},
            status=400,
        )
    return render(
        request,
        "structure/seat_fill.html",
        context | {"action": reverse("structure:seat_fill")},
    )


# --- A seat on the group's member list ----------------------------------------------------------


def _seat(pk: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("person__principal", "group", "substitute_for__person"),
        pk=pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def seat_end(request, pk: int):
    """ "Avsluta": the page is the confirm step; its POST ends the seat."""
    _require_coordinator(request)
    seat = _seat(pk)
    today = timezone.localdate()
    form = EndSeatForm(request.POST or None, initial={"end_date": today})
    if request.method == "POST" and form.is_valid():
        try:
            services.end_membership(
                by=request.user, membership=seat, end_date=form.cleaned_data["end_date"]
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"{seat.person.full_name}s plats i {seat.group.name} avslutas "
                f"{form.cleaned_data['end_date']:%Y-%m-%d}.",
            )
            return redirect(_members_url(seat.group))
    substitutes = list(
        seat.substitutes.filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related("person")
        .order_by("person__last_name", "pk")
    )
    return render(
        request,
        "structure/seat_end.html",
        {"seat": seat, "form": form, "substitutes": substitutes},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def seat_substitute(request, pk: int):
    """ "Byt ersättare" for an ordinary seat: a current substitute of the group, or a person
    found by the search, stands in for the member from a day."""
    _require_coordinator(request)
    seat = _seat(pk)
    if seat.kind != MembershipKind.ORDINARY:
        raise Http404
    today = timezone.localdate()
    source = request.POST if request.method == "POST" else request.GET
    search = source.get("sok", "")
    if len(search) > SEARCH_MAX:
        return HttpResponseBadRequest("Sökningen är för lång.")
    substitutes = (
        Membership.objects.current(today)
        .filter(group_id=seat.group_id, kind=MembershipKind.SUBSTITUTE)
        .values("person_id")
    )
    candidates = (
        Person.objects.filter(Q(pk__in=substitutes) | Q(pk__in=matches(search).values("pk")))
        .exclude(pk=seat.person_id)
        .select_related("principal")
        .order_by("last_name", "first_name", "pk")
    )
    form = SubstituteForm(
        request.POST or None,
        candidates=candidates,
        initial={"start_date": today, "sok": search, "end_current": True},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            change = services.change_substitute(
                by=request.user,
                ordinary=seat,
                person=data["person"],
                start_date=data["start_date"],
                end_current=data["end_current"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            report_change(
                request,
                change,
                f"{data['person'].full_name} är ersättare för {seat.person.full_name} från "
                f"{data['start_date']:%Y-%m-%d}.",
            )
            return redirect(_members_url(seat.group))
    current = list(
        seat.substitutes.current(today).select_related("person").order_by("person__last_name")
    )
    return render(
        request,
        "structure/seat_substitute.html",
        {"seat": seat, "form": form, "current": current, "search": search},
        status=400 if request.method == "POST" else 200,
    )
