"""The coordinator's desk ("Att göra"), everyone's own page ("Mitt"), and where sign-in lands."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts import permissions
from desk import duties, selectors


@login_required
def start(request):
    """After sign-in: coordinators to the desk, everyone else to their own page."""
    if permissions.can_see_desk(request.user):
        return redirect("desk:desk")
    return redirect("desk:mine")


@login_required
def desk(request):
    if not permissions.can_see_desk(request.user):
        raise Http404
    today = timezone.localdate()
    grouped = selectors.desk(today)
    sections = [(key, duties.BUCKETS[key], grouped[key]) for key in duties.BUCKETS]
    return render(request, "desk/desk.html", {"sections": sections, "today": today})


@login_required
def mine(request):
    if not permissions.can_have_own_page(request.user):
        raise Http404
    today = timezone.localdate()
    return render(
        request, "desk/mine.html", {"page": selectors.own_page(request.user, today), "today": today}
    )
