"""Minutes: the public list and page, the PDF, and the editor (save or save and send, approve
after a confirmation, correct)."""

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
from meetings.forms import (
    ConfirmForm,
    CorrectionForm,
    MinutesForm,
    MinutesStepForm,
    minutes_items_formset,
)
from meetings.models import ApprovalRole, Minutes, MinutesStatus
from meetings.views.common import errors, manageable, posted
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
    context = {
        "minutes": minutes,
        "meeting": meeting,
        "attendance": selectors.attendance_rows(meeting),
        **_approval_context(request, minutes),
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


def _minutes_form(minutes: Minutes, data=None, *, sending: bool = False) -> MinutesForm:
    meeting = minutes.meeting
    return MinutesForm(
        data,
        initial={"summary": minutes.summary, "justeringsperson": minutes.justeringsperson_id},
        candidates=selectors.checker_candidates(meeting),
        needs_checker=selectors.group_appoints_checker(meeting.group),
        can_send=selectors.group_has_minutes_approval(meeting.group),
        has_attendance=selectors.has_attendance(meeting),
        sending=sending,
    )


def _minutes_page(request, minutes: Minutes, *, status: int = 200, form=None, items=None):
    """The editor; a failed save or send passes its bound forms to show with every error."""
    meeting = minutes.meeting
    context = {
        "minutes": minutes,
        "meeting": meeting,
        "form": form or _minutes_form(minutes),
        "items": items
        or minutes_items_formset(minutes=minutes, items=list(minutes.items.order_by("position"))),
        "has_attendance": selectors.has_attendance(meeting),
        "can_send": selectors.group_has_minutes_approval(meeting.group),
        "started": meeting.has_started,
        "locked": minutes.status != MinutesStatus.DRAFT,
    }
    return render(request, "meetings/minutes_edit.html", context, status=status)


@login_required
@require_GET
def minutes_edit(request, pk: int):
    return _minutes_page(request, _editable_minutes(request, pk))


def _item_errors_into_summary(form: MinutesForm, items) -> None:
    """The error summary at the top lists the items' errors too, each with its item."""
    for message in items.non_form_errors():
        form.add_error(None, message)
    for item_form in items.forms:
        item = getattr(item_form, "minutes_item", None)
        where = f"Punkt {item.position} ”{item.title}”" if item else "En punkt"
        for field_errors in item_form.errors.values():
            for message in field_errors:
                form.add_error(None, f"{where}: {message}")


@login_required
@require_POST
def minutes_save(request, pk: int):
    """ "Spara" saves the draft; "Spara och skicka för justering" saves and sends it in one
    transaction. Any error re-renders the editor with everything as typed."""
    minutes = _editable_minutes(request, pk)
    step = MinutesStepForm(request.POST)
    form = _minutes_form(minutes, request.POST, sending=step.sending)
    items = minutes_items_formset(
        minutes=minutes, items=list(minutes.items.order_by("position")), data=request.POST
    )
    valid = form.is_valid()
    if not step.is_valid():
        form.add_error(None, step.errors["steg"])
        valid = False
    if not items.is_valid():
        _item_errors_into_summary(form, items)
        valid = False
    if valid and not minutes.meeting.has_started:
        form.add_error(None, services.not_started_message(minutes.meeting, "minutes"))
        valid = False
    if valid:
        write = services.save_and_send_minutes if step.sending else services.save_minutes
        try:
            write(
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
            if step.sending:
                messages.success(
                    request, "Minnesanteckningarna är sparade och skickade för justering."
                )
                return redirect(minutes.get_absolute_url())
            messages.success(request, "Utkastet är sparat.")
            return redirect(reverse("meetings:minutes_edit", args=[pk]) + "#utkast")
    return _minutes_page(request, minutes, status=400, form=form, items=items)


def _approval_context(request, minutes: Minutes) -> dict:
    """Who approves in which role, and which of those roles are the signed-in user's."""
    required = services.required_approvers(minutes)
    done = {a.role: a for a in minutes.approvals.all()}
    pending = {p.pk for role, p in required if p is not None and role not in done}
    can_approve = minutes.status == MinutesStatus.IN_APPROVAL and permissions.can_approve_minutes(
        request.user, pending
    )
    mine = [
        ApprovalRole(role).label
        for role, person in required
        if person is not None
        and person.pk == getattr(request.user, "person_id", None)
        and role not in done
    ]
    return {
        "required": [
            (ApprovalRole(role).label, person, done.get(role)) for role, person in required
        ],
        "can_approve": can_approve,
        "my_roles": mine,
    }


@login_required
def minutes_approve(request, pk: int):
    """Asks once: GET shows what is approved and in which role; the confirming POST approves."""
    minutes = _visible_minutes(request, pk)
    context = _approval_context(request, minutes)
    approvers = {person.pk for _, person, _ in context["required"] if person is not None}
    permissions.require(permissions.can_approve_minutes(request.user, approvers))
    if not context["can_approve"]:
        messages.info(
            request, "Du har redan justerat, eller minnesanteckningarna väntar inte på justering."
        )
        return redirect(minutes.get_absolute_url())
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
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
    return render(
        request,
        "meetings/minutes_approve.html",
        {"minutes": minutes, "meeting": minutes.meeting, "form": form, **context},
        status=400 if form.is_bound else 200,
    )


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
