"""The coordinator's desk ("Att göra"), everyone's own page ("Mitt"), and where sign-in lands."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import permissions
from desk import duties, selectors, services
from desk.models import DigestSetting


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
    page = selectors.desk_page(today)
    sections = [(key, duties.BUCKETS[key], page.grouped[key]) for key in duties.BUCKETS]
    return render(
        request,
        "desk/desk.html",
        {
            "sections": sections,
            "more": page.more,
            "limit": selectors.SECTION_LIMIT,
            "today": today,
        },
    )


@login_required
def mine(request):
    if not permissions.can_have_own_page(request.user):
        raise Http404
    today = timezone.localdate()
    setting = DigestSetting.objects.filter(user=request.user).first()
    return render(
        request,
        "desk/mine.html",
        {
            "page": selectors.own_page(request.user, today),
            "today": today,
            "digest_enabled": setting is None or setting.enabled,
        },
    )


class DigestForm(forms.Form):
    enabled = forms.BooleanField(required=False)


@login_required
@require_POST
def digest_setting(request):
    form = DigestForm(request.POST)
    if form.is_valid():
        services.set_digest(by=request.user, enabled=form.cleaned_data["enabled"])
        messages.success(request, "Inställningen är sparad.")
    return redirect("desk:mine")
