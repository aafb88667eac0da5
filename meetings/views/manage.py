"""The manage page of a meeting and its actions: agenda items, papers, time, cancel,
kallelse, attendance, starting the minutes.

One GET page shows every form; each form posts to its own small view, which parses the input
with a form, calls one service and redirects to the section that changed, where its message
is shown. A form with errors re-renders the page (400) with what the user typed.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from lib import sections
from lib.forms import apply_service_errors
from meetings import selectors, services
from meetings.forms import (
    AgendaItemChoiceForm,
    AgendaItemForm,
    ConfirmForm,
    KallelseForm,
    PaperForm,
    RescheduleForm,
    attendance_formset,
)
from meetings.models import AgendaItem, ItemKind, Meeting
from meetings.views.common import errors, manageable, posted

AGENDA, PAPERS, KALLELSE, ATTENDANCE, MINUTES, TIME = (
    "dagordning",
    "underlag",
    "kallelse",
    "narvaro",
    "minnesanteckningar",
    "tid",
)


# The paper form's fields have their own ids: the agenda item form on the same page has a title too.
PAPER_IDS = "underlag-%s"


def _item(meeting: Meeting, pk: int) -> AgendaItem:
    item = selectors.agenda_item(meeting, pk)
    if item is None:
        raise Http404
    return item


def _to_section(request, meeting: Meeting, section: str, message: str = "", *, level=None):
    url = reverse("meetings:meeting_manage", args=[meeting.pk])
    return sections.redirect_to(request, url, section, message, level or messages.SUCCESS)


def _refused(request, meeting: Meeting, section: str, exc: ValidationError):
    for message in errors(exc):
        sections.add(request, section, message, messages.ERROR)
    return _to_section(request, meeting, section)


def _reschedule_form(meeting: Meeting, data=None) -> RescheduleForm:
    local = timezone.localtime(meeting.starts_at)
    return RescheduleForm(
        data,
        prefix="tid",
        initial={
            "date": local.date(),
            "start": local.time(),
            "end": timezone.localtime(meeting.ends_at).time(),
            "form": meeting.form,
            "location": meeting.location,
            "link": meeting.link,
        },
    )


def _manage_page(request, meeting: Meeting, *, status: int = 200, **forms):
    """The manage page; a failed action passes its bound form to show in its section."""
    people = selectors.attendance_people(meeting)
    general_messages, section_messages = sections.split(request)
    context = {
        "meeting": meeting,
        "items": selectors.agenda(meeting),
        "item_form": AgendaItemForm(),
        "paper_form": PaperForm(meeting=meeting, auto_id=PAPER_IDS),
        "reschedule_form": _reschedule_form(meeting),
        "attendance_formset": attendance_formset(
            people=people, initial=selectors.attendance_initial(meeting)
        ),
        "problems": services.agenda_problems(meeting),
        "recipients": services.kallelse_recipients(meeting),
        "absences": selectors.absences(meeting),
        "minutes": selectors.minutes_versions(meeting),
        "has_attendance": selectors.has_attendance(meeting),
        "started": meeting.has_started,
        "messages": general_messages,
        "section_messages": section_messages,
        "PROCEDURE": ItemKind.PROCEDURE,
        **forms,
    }
    return render(request, "meetings/meeting_manage.html", context, status=status)


@login_required
@require_GET
def meeting_manage(request, pk: int):
    return _manage_page(request, manageable(request, pk))


@login_required
@require_POST
def agenda_item_add(request, pk: int):
    meeting = manageable(request, pk)
    form = AgendaItemForm(request.POST)
    if form.is_valid():
        try:
            services.add_agenda_item(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return _to_section(request, meeting, AGENDA, "Punkten är tillagd.")
    return _manage_page(request, meeting, status=400, item_form=form)


@login_required
def agenda_item_edit(request, pk: int, item_pk: int):
    meeting = manageable(request, pk)
    item = _item(meeting, item_pk)
    initial = {f: getattr(item, f) for f in ("kind", "title", "description", "proposal")}
    form = AgendaItemForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_agenda_item(item=item, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return _to_section(request, meeting, AGENDA, f"Punkten ”{item.title}” är ändrad.")
    return render(
        request,
        "meetings/agenda_item_edit.html",
        {"meeting": meeting, "item": item, "form": form},
        status=400 if form.is_bound else 200,
    )


def _move(request, pk: int, direction: int):
    meeting = manageable(request, pk)
    form = AgendaItemChoiceForm(request.POST, meeting=meeting)
    if not form.is_valid():
        return HttpResponseBadRequest("Punkten finns inte på mötets dagordning.")
    item = form.cleaned_data["item"]
    try:
        services.move_agenda_item(item=item, by=request.user, direction=direction)
    except ValidationError as exc:
        return _refused(request, meeting, AGENDA, exc)
    where = "upp" if direction == UP else "ner"
    return _to_section(request, meeting, AGENDA, f"Punkten ”{item.title}” är flyttad {where}.")


UP, DOWN = -1, 1


@login_required
@require_POST
def agenda_item_up(request, pk: int):
    return _move(request, pk, UP)


@login_required
@require_POST
def agenda_item_down(request, pk: int):
    return _move(request, pk, DOWN)


@login_required
def agenda_item_remove(request, pk: int, item_pk: int):
    """Asks first: GET shows what will be removed, POST with the confirmation removes it."""
    meeting = manageable(request, pk)
    item = _item(meeting, item_pk)
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.remove_agenda_item(item=item, by=request.user)
        except ValidationError as exc:
            return _refused(request, meeting, AGENDA, exc)
        return _to_section(request, meeting, AGENDA, f"Punkten ”{item.title}” är borttagen.")
    return render(
        request,
        "meetings/agenda_item_remove.html",
        {"meeting": meeting, "item": item, "papers": item.papers.all(), "form": form},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def paper_attach(request, pk: int):
    meeting = manageable(request, pk)
    form = PaperForm(request.POST, request.FILES, meeting=meeting, auto_id=PAPER_IDS)
    if form.is_valid():
        try:
            services.attach_paper(
                item=form.cleaned_data["item"],
                by=request.user,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return _to_section(request, meeting, PAPERS, "Underlaget är uppladdat.")
    return _manage_page(request, meeting, status=400, paper_form=form)


@login_required
@require_POST
def meeting_reschedule(request, pk: int):
    meeting = manageable(request, pk)
    form = _reschedule_form(meeting, request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.reschedule_meeting(
                meeting=meeting,
                by=request.user,
                starts_at=d["starts_at"],
                ends_at=d["ends_at"],
                form=d["form"],
                location=d["location"],
                link=d["link"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            message = "Mötet är ändrat."
            if meeting.kallelse_sent_at:
                message += " De kallade har fått besked."
            return _to_section(request, meeting, TIME, message)
    return _manage_page(request, meeting, status=400, reschedule_form=form)


@login_required
def meeting_cancel(request, pk: int):
    """Asks first: GET says who will be told, POST with the confirmation cancels."""
    meeting = manageable(request, pk)
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_meeting(meeting=meeting, by=request.user)
        except ValidationError as exc:
            return _refused(request, meeting, TIME, exc)
        message = "Mötet är inställt."
        if meeting.kallelse_sent_at:
            message += " De kallade har fått besked."
        return _to_section(request, meeting, TIME, message)
    return render(
        request,
        "meetings/meeting_cancel.html",
        {"meeting": meeting, "form": form, "recipients": services.kallelse_recipients(meeting)},
        status=400 if form.is_bound else 200,
    )


@login_required
def kallelse_send(request, pk: int):
    """GET previews who gets what; POST sends (or, with `again`, sends once more)."""
    meeting = manageable(request, pk)
    form = KallelseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            result = services.send_kallelse(
                meeting=meeting, by=request.user, force=form.cleaned_data["again"]
            )
        except ValidationError as exc:
            return _refused(request, meeting, KALLELSE, exc)
        if result.already_sent:
            return _to_section(
                request,
                meeting,
                KALLELSE,
                "Kallelsen är redan skickad. Välj ”Skicka igen” för att skicka den en gång till.",
                level=messages.INFO,
            )
        return _to_section(
            request, meeting, KALLELSE, f"Kallelsen är skickad till {result.sent} personer."
        )
    return render(
        request,
        "meetings/kallelse_preview.html",
        {
            "meeting": meeting,
            "form": form,
            "recipients": selectors.kallelse_preview(meeting),
            "items": selectors.agenda(meeting),
            "problems": services.agenda_problems(meeting),
        },
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def attendance_record(request, pk: int):
    meeting = manageable(request, pk)
    formset = attendance_formset(
        people=selectors.attendance_people(meeting),
        data=request.POST,
        initial=selectors.attendance_initial(meeting),
    )
    if not meeting.has_started:
        # Checked here too, so that the refusal shows beside the attendance form as typed.
        formset.is_valid()
        message = services.not_started_message(meeting, "attendance")
        formset._non_form_errors = formset.error_class([message])
    elif formset.is_valid():
        try:
            services.record_attendance(meeting=meeting, by=request.user, entries=formset.entries)
        except ValidationError as exc:
            formset._non_form_errors = formset.error_class(exc.messages)
        else:
            return _to_section(request, meeting, ATTENDANCE, "Närvaron är sparad.")
    return _manage_page(request, meeting, status=400, attendance_formset=formset)


@login_required
@require_POST
def minutes_start(request, pk: int):
    meeting = manageable(request, pk)
    if not meeting.has_started:
        return _refused(
            request,
            meeting,
            MINUTES,
            ValidationError(services.not_started_message(meeting, "minutes")),
        )
    try:
        minutes = services.draft_minutes(meeting=meeting, by=request.user)
    except ValidationError as exc:
        return _refused(request, meeting, MINUTES, exc)
    messages.success(request, "Utkastet är skapat utifrån dagordningen.")
    return redirect("meetings:minutes_edit", pk=minutes.pk)
