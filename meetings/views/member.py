"""A member's own meeting pages: mina möten, the calendar address, reporting and withdrawing
absence."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import permissions
from lib.site import absolute_url
from meetings import selectors, services
from meetings.forms import AbsenceForm
from meetings.views.common import errors

MY_MEETINGS_SHOWN = 50


@login_required
def my_meetings(request):
    meetings = selectors.my_meetings(request.user, timezone.now() - datetime.timedelta(days=1))
    feed = selectors.calendar_feed(request.user)
    feed_url = absolute_url(reverse("meetings:member_feed", args=[feed.token])) if feed else None
    return render(
        request,
        "meetings/my_meetings.html",
        {
            "meetings": meetings[:MY_MEETINGS_SHOWN],
            "to_approve": selectors.awaiting_my_approval(request.user),
            "feed_url": feed_url,
            "can_have_feed": permissions.can_have_calendar_feed(request.user),
        },
    )


@login_required
@require_POST
def calendar_feed_create(request):
    services.create_calendar_feed(by=request.user)
    messages.success(request, "Din personliga kalenderadress är skapad.")
    return redirect(reverse("meetings:my_meetings") + "#kalender")


@login_required
@require_POST
def report_absence(request, pk: int):
    meeting = selectors.visible_meeting(request.user, pk)
    if meeting is None:
        raise Http404
    membership = selectors.my_ordinary_membership(request.user, meeting)
    permissions.require(membership is not None)
    form = AbsenceForm(request.POST)
    if form.is_valid():
        try:
            absence = services.report_absence(
                meeting=meeting,
                membership=membership,
                by=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            for message in errors(exc):
                messages.error(request, message)
        else:
            if absence.substitute:
                messages.success(
                    request,
                    f"Frånvaron är anmäld. Din ersättare {absence.substitute.person.full_name} "
                    "har kallats in och koordinatorn har fått besked.",
                )
            else:
                messages.success(
                    request,
                    "Frånvaron är anmäld och koordinatorn har fått besked. "
                    "Du har ingen ersättare registrerad.",
                )
    return redirect(meeting.get_absolute_url())


@login_required
@require_POST
def withdraw_absence(request, pk: int):
    """The member takes back the absence; a substitute already called is told."""
    meeting = selectors.visible_meeting(request.user, pk)
    if meeting is None:
        raise Http404
    membership = selectors.my_ordinary_membership(request.user, meeting)
    permissions.require(membership is not None)
    absence = selectors.absence_of(meeting, membership)
    if absence is None:
        messages.info(request, "Du har ingen anmäld frånvaro till mötet.")
        return redirect(meeting.get_absolute_url())
    substitute = absence.substitute
    try:
        services.withdraw_absence(absence=absence, by=request.user)
    except ValidationError as exc:
        for message in errors(exc):
            messages.error(request, message)
    else:
        told = (
            f" Din ersättare {substitute.person.full_name} har fått besked om att inte komma."
            if substitute
            else ""
        )
        messages.success(
            request, f"Frånvaron är återkallad och koordinatorn har fått besked.{told}"
        )
    return redirect(meeting.get_absolute_url())
