"""The coordinator's desk ("Att göra"), everyone's own page ("Mitt"), and where sign-in lands."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import permissions
from desk import duties, selectors, services
from desk.forms import DeskFilterForm, NoteForm, SnoozeForm
from desk.models import DigestSetting, NoteAction
from lib.forms import apply_service_errors


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
    form = DeskFilterForm(request.GET or None, today=today)
    kind, group, status = None, None, 200
    if form.is_bound:
        if form.is_valid():
            kind, group = form.cleaned_data["typ"] or None, form.cleaned_data["grupp"]
        else:
            status = 400
    page = selectors.desk_page(today, kind=kind, group_id=group.pk if group else None)
    return render(
        request,
        "desk/desk.html",
        {
            "sections": page.sections,
            "more": page.more,
            "limit": selectors.SECTION_LIMIT,
            "today": today,
            "form": form,
            "filtered": bool(kind or group),
            "snooze_max": today + datetime.timedelta(days=services.SNOOZE_MAX_DAYS),
            "tomorrow": today + datetime.timedelta(days=1),
            "older_days": duties.OLDER_THAN_DAYS,
        },
        status=status,
    )


def _note(request, action: str, form_class):
    """Acknowledge or snooze one duty of the desk: the duty is found among today's by its key
    (nothing the browser says about it but the key is believed)."""
    if not permissions.can_see_desk(request.user):
        raise Http404
    today = timezone.localdate()
    form = form_class(request.POST)
    duty = None
    if form.is_valid():
        duty = selectors.duty_by_key(today, form.cleaned_data["key"])
        if duty is None:
            form.add_error(None, "Uppgiften finns inte längre på Att göra.")
        else:
            try:
                services.note_duty(
                    by=request.user,
                    duty=duty,
                    action=action,
                    reason=form.cleaned_data["reason"],
                    until=form.cleaned_data.get("until"),
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                if action == NoteAction.SNOOZED:
                    until = form.cleaned_data["until"]
                    messages.success(request, f"Uppgiften är uppskjuten till {until:%Y-%m-%d}.")
                else:
                    messages.success(request, "Uppgiften är kvitterad.")
                return redirect("desk:desk")
    return render(
        request,
        "desk/note.html",
        {
            "form": form,
            "duty": duty,
            "snooze": action == NoteAction.SNOOZED,
            "action_url": request.path,
        },
        status=400,
    )


@login_required
@require_POST
def acknowledge(request):
    return _note(request, NoteAction.ACKNOWLEDGED, NoteForm)


@login_required
@require_POST
def snooze(request):
    return _note(request, NoteAction.SNOOZED, SnoozeForm)


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
