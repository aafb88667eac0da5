"""Minutes: the public list and page, the PDF, and the editor (save, send, approve, correct)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from accounts import permissions
from lib.forms import apply_service_errors
from lib.pagination import paginate
from meetings import selectors, services
from meetings.forms import CorrectionForm, MinutesForm, SendMinutesForm, minutes_items_formset
from meetings.models import ApprovalRole, Minutes, MinutesStatus
from meetings.views.common import errors, manageable
from structure.models import Group


def minutes_list(request, slug: str | None = None):
    group = get_object_or_404(Group, slug=slug) if slug else None
    queryset = selectors.approved_minutes_list()
    if group:
        queryset = queryset.filter(meeting__group=group)
    text = request.GET.get("q", "")
    queryset = selectors.search_minutes(queryset, text)
    page = paginate(request, queryset)
    page.object_list = selectors.with_corrections(page.object_list)
    query = urlencode({"q": text}) if text else ""
    # Minutes waiting for approval are internal: only the group's members and coordinators.
    pending = (
        selectors.awaiting_approval_in(group)
        if group and permissions.can_view_internal(request.user, group)
        else []
    )
    return render(
        request,
        "meetings/minutes_list.html",
        {"group": group, "page": page, "q": text, "query": query, "pending": pending},
    )


def _visible_minutes(request, pk: int) -> Minutes:
    minutes = selectors.minutes_for_page(pk)
    # Same answer for "does not exist" and "not for you": the existence of drafts is not public.
    if minutes is None or not selectors.can_see_minutes(request.user, minutes):
        raise Http404
    return minutes


def minutes_detail(request, pk: int):
    minutes = _visible_minutes(request, pk)
    meeting = minutes.meeting
    user = request.user
    required = services.required_approvers(minutes)
    done = {a.role: a for a in minutes.approvals.all()}
    pending = {p.pk for role, p in required if p is not None and role not in done}
    can_approve = minutes.status == MinutesStatus.IN_APPROVAL and permissions.can_approve_minutes(
        user, pending
    )
    context = {
        "minutes": minutes,
        "meeting": meeting,
        "attendance": selectors.attendance_rows(meeting),
        "required": [
            (ApprovalRole(role).label, person, done.get(role)) for role, person in required
        ],
        "can_approve": can_approve,
        "can_manage": permissions.can_manage_meetings(user, meeting.group),
        "correction": selectors.visible_correction(request.user, minutes),
        "correction_form": CorrectionForm(),
    }
    return render(request, "meetings/minutes_detail.html", context)


def minutes_pdf(request, pk: int):
    from meetings.pdf import minutes_pdf as render_pdf

    minutes = _visible_minutes(request, pk)
    if minutes.status != MinutesStatus.APPROVED:
        raise Http404
    response = HttpResponse(render_pdf(minutes), content_type="application/pdf")
    name = f"minnesanteckningar-{minutes.meeting.group.slug}-{minutes.meeting.local_date}"
    response["Content-Disposition"] = f'attachment; filename="{name}-v{minutes.version}.pdf"'
    return response


def _editable_minutes(request, pk: int) -> Minutes:
    minutes = selectors.minutes_for_edit(pk)
    if minutes is None or not selectors.can_see_minutes(request.user, minutes):
        raise Http404
    manageable(request, minutes.meeting_id)
    return minutes


def _minutes_page(
    request, minutes: Minutes, *, status: int = 200, form=None, items=None, send=None
):
    """The editor; a failed save or send passes its bound form to show with its errors."""
    meeting = minutes.meeting
    minutes_items = list(minutes.items.order_by("position"))
    has_attendance = selectors.has_attendance(meeting)
    context = {
        "minutes": minutes,
        "meeting": meeting,
        "form": form
        or MinutesForm(
            initial={"summary": minutes.summary, "justeringsperson": minutes.justeringsperson_id},
            candidates=selectors.checker_candidates(meeting),
            needs_checker=selectors.group_appoints_checker(meeting.group),
        ),
        "items": items or minutes_items_formset(minutes=minutes, items=minutes_items),
        "send_form": send or SendMinutesForm(has_attendance=has_attendance),
        "has_attendance": has_attendance,
        "can_send": selectors.group_has_minutes_approval(meeting.group),
        "locked": minutes.status != MinutesStatus.DRAFT,
    }
    return render(request, "meetings/minutes_edit.html", context, status=status)


@login_required
@require_GET
def minutes_edit(request, pk: int):
    return _minutes_page(request, _editable_minutes(request, pk))


@login_required
@require_POST
def minutes_save(request, pk: int):
    minutes = _editable_minutes(request, pk)
    meeting = minutes.meeting
    form = MinutesForm(
        request.POST,
        candidates=selectors.checker_candidates(meeting),
        needs_checker=selectors.group_appoints_checker(meeting.group),
    )
    items = minutes_items_formset(
        minutes=minutes, items=list(minutes.items.order_by("position")), data=request.POST
    )
    if form.is_valid() and items.is_valid():
        try:
            services.save_minutes(
                minutes=minutes,
                by=request.user,
                summary=form.cleaned_data["summary"],
                justeringsperson=form.cleaned_data.get("justeringsperson"),
                items=[
                    {
                        "id": f.cleaned_data["item"].pk,
                        "notes": f.cleaned_data["notes"],
                        "decision_intro": f.cleaned_data["decision_intro"],
                        "decisions": f.cleaned_data["decisions"],
                    }
                    for f in items.forms
                ],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "Utkastet är sparat.")
            return redirect(reverse("meetings:minutes_edit", args=[pk]) + "#utkast")
    return _minutes_page(request, minutes, status=400, form=form, items=items)


@login_required
@require_POST
def minutes_send(request, pk: int):
    minutes = _editable_minutes(request, pk)
    form = SendMinutesForm(request.POST, has_attendance=selectors.has_attendance(minutes.meeting))
    if form.is_valid():
        try:
            services.send_minutes_for_approval(minutes=minutes, by=request.user)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "Minnesanteckningarna är skickade för justering.")
            return redirect(minutes.get_absolute_url())
    return _minutes_page(request, minutes, status=400, send=form)


@login_required
@require_POST
def minutes_approve(request, pk: int):
    minutes = _visible_minutes(request, pk)
    try:
        minutes = services.approve_minutes(minutes=minutes, by=request.user)
    except ValidationError as exc:
        for message in errors(exc):
            messages.error(request, message)
    else:
        if minutes.status == MinutesStatus.APPROVED:
            messages.success(request, "Minnesanteckningarna är justerade och publicerade.")
        else:
            messages.success(request, "Din justering är registrerad.")
    return redirect(minutes.get_absolute_url())


@login_required
@require_POST
def minutes_correct(request, pk: int):
    minutes = _visible_minutes(request, pk)
    form = CorrectionForm(request.POST)
    if form.is_valid():
        try:
            new = services.correct_minutes(
                minutes=minutes, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            for message in errors(exc):
                messages.error(request, message)
        else:
            messages.success(request, f"Version {new.version} är skapad som rättelse.")
            return redirect("meetings:minutes_edit", pk=new.pk)
    else:
        messages.error(request, "Ange varför minnesanteckningarna rättas.")
    return redirect(minutes.get_absolute_url())
