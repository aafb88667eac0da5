"""Coordinators' planning: the year's meetings per group and booking a meeting."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import permissions
from lib.forms import apply_service_errors
from lib.pagination import paginate, query_without_page
from meetings import calendar, planning, selectors, services
from meetings.forms import (
    FIRST_YEAR,
    LAST_YEAR,
    BookMeetingForm,
    HolidayConfirmForm,
    PlanFormSet,
    PlanningYearForm,
)
from meetings.views.common import posted
from structure.models import Group, MeetingForm


@login_required
def planning_view(request):
    permissions.require(permissions.can_plan_meetings(request.user))
    today = timezone.localdate()
    form = PlanningYearForm(
        request.GET, groups=Group.objects.active(today).order_by("order", "name")
    )
    if not form.is_valid():
        return HttpResponseBadRequest("Ogiltigt år eller ogiltig grupp.")
    year = form.cleaned_data["ar"] or today.year
    groups = selectors.planning_groups(year, today)
    if chosen := form.cleaned_data["grupp"]:
        groups = groups.filter(pk=chosen.pk)
    page = paginate(request, groups)
    return render(
        request,
        "meetings/planning.html",
        {
            "plan": selectors.planning_view(year, today, groups=list(page.object_list)),
            "form": form,
            "group": chosen,
            "page": page,
            "query": query_without_page(request),
            "year": year,
            "has_previous": year > FIRST_YEAR,
            "has_next": year < LAST_YEAR,
            "TOO_FEW": planning.TOO_FEW,
            "TOO_MANY": planning.TOO_MANY,
            "OK": planning.OK,
        },
    )


@login_required
def meeting_create(request):
    permissions.require(permissions.can_plan_meetings(request.user))
    groups = Group.objects.order_by("order", "name")
    initial = {}
    if slug := request.GET.get("grupp"):
        group = groups.filter(slug=slug).first()
        if group:
            initial = {"group": group, "form": group.meeting_form or MeetingForm.IN_PERSON}
    form = BookMeetingForm(posted(request), groups=groups, initial=initial)
    holiday = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        confirm = HolidayConfirmForm(request.POST)
        seen = confirm.cleaned_data["boka_anda"] if confirm.is_valid() else None
        holiday = calendar.holiday_name(data["date"])
        if holiday and seen != data["date"]:
            # A holiday is booked only after a second, explicit "Boka ändå" for that day.
            return render(
                request,
                "meetings/meeting_form.html",
                {"form": form, "holiday": holiday, "day": data["date"]},
            )
        try:
            meeting = services.book_meeting(
                group=data["group"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                form=data["form"],
                location=data["location"],
                link=data["link"],
                title=data["title"],
                is_public=data["is_public"],
                by=request.user,
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "Mötet är bokat med standarddagordningen.")
            return redirect("meetings:meeting_manage", pk=meeting.pk)
    return render(request, "meetings/meeting_form.html", {"form": form})


# --- Next year from this year's pattern -------------------------------------------------------


def _plan_selection(data) -> PlanningYearForm:
    return PlanningYearForm(
        data, groups=Group.objects.active(timezone.localdate()).order_by("order", "name")
    )


def _plan_scope(selection: PlanningYearForm):
    """The year planned (default next year) and its groups (the chosen one, or all active)."""
    today = timezone.localdate()
    year = selection.cleaned_data["ar"] or today.year + 1
    chosen = selection.cleaned_data["grupp"]
    groups = Group.objects.filter(pk=chosen.pk) if chosen else Group.objects.active(today)
    return year, chosen, groups


def _render_plan(request, selection, formset=None, *, year=None, group=None, status=200):
    if formset is not None:
        for form in formset:
            if form.is_bound:
                day = getattr(form, "cleaned_data", {}).get("day")
            else:
                day = form.initial.get("day")
            form.holiday = calendar.holiday_name(day) if day else None
    return render(
        request,
        "meetings/plan_year.html",
        {"selection": selection, "formset": formset, "year": year, "group": group},
        status=status,
    )


@login_required
def plan_year(request):
    """R-G3: next year's meetings proposed from this year's, as a table to move or drop rows."""
    permissions.require(permissions.can_plan_meetings(request.user))
    selection = _plan_selection(request.GET)
    if not selection.is_valid():
        return _render_plan(request, selection, status=400)
    year, chosen, groups = _plan_scope(selection)
    rows = selectors.year_from_pattern(groups, year)
    formset = PlanFormSet(
        initial=[
            {"source": r.source.pk, "day": r.day, "start": r.start, "end": r.end, "shown": r.day}
            for r in rows
        ],
        form_kwargs={"sources": {r.source.pk: r.source for r in rows}, "year": year},
    )
    return _render_plan(request, selection, formset, year=year, group=chosen)


@login_required
@require_POST
def plan_year_book(request):
    """Book every kept row of the preview in one transaction; any bad row books nothing."""
    permissions.require(permissions.can_plan_meetings(request.user))
    selection = _plan_selection(request.POST)
    if not selection.is_valid():
        return _render_plan(request, selection, status=400)
    year, chosen, groups = _plan_scope(selection)
    data = request.POST.copy()
    formset = PlanFormSet(
        data,
        form_kwargs={"sources": selectors.pattern_sources(groups, year), "year": year},
    )
    if formset.is_valid():
        kept = formset.kept()
        moved_onto_holiday = [
            form
            for form in kept
            if form.cleaned_data["day"] != form.cleaned_data["shown"]
            and calendar.holiday_name(form.cleaned_data["day"])
        ]
        if moved_onto_holiday:
            # The preview has not warned about these days yet: show them, book nothing.
            for form in moved_onto_holiday:
                data[form.add_prefix("shown")] = form.cleaned_data["day"].isoformat()
            messages.warning(
                request, "Ett flyttat datum är en helgdag. Kontrollera raderna och boka igen."
            )
            return _render_plan(request, selection, formset, year=year, group=chosen)
        drafts = [_draft(form.cleaned_data) for form in kept]
        try:
            booked = services.book_meetings(drafts=drafts, by=request.user)
        except ValidationError as exc:
            for index, errors in exc.message_dict.items():
                kept[int(index)].add_error(None, errors)
        else:
            messages.success(request, f"{len(booked)} möten är bokade för {year}.")
            return redirect(reverse("meetings:planning") + f"?ar={year}")
    return _render_plan(request, selection, formset, year=year, group=chosen)


def _draft(row: dict) -> services.MeetingDraft:
    source = row["source"]
    return services.MeetingDraft(
        group=source.group,
        starts_at=row["starts_at"],
        ends_at=row["ends_at"],
        form=source.form,
        location=source.location,
        link=source.link,
        title=source.title,
        is_public=source.is_public,
    )
