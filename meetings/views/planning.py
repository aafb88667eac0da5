"""Coordinators' planning: the year's meetings per group and booking a meeting."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts import permissions
from lib.forms import apply_service_errors
from lib.pagination import paginate, query_without_page
from meetings import planning, selectors, services
from meetings.forms import FIRST_YEAR, LAST_YEAR, BookMeetingForm, PlanningYearForm
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
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
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
