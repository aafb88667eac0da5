"""Meeting pages: the public directory and calendars, the members' and coordinators' work."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from accounts import permissions
from lib import conditional, sections
from lib.forms import apply_service_errors
from lib.pagination import paginate, query_without_page
from lib.site import site_url
from meetings import feeds, ical, planning, selectors, services
from meetings.forms import (
    EARLIER,
    FIRST_YEAR,
    LAST_YEAR,
    AbsenceForm,
    AgendaItemChoiceForm,
    AgendaItemForm,
    BookMeetingForm,
    ConfirmForm,
    CorrectionForm,
    FeedWindowForm,
    KallelseForm,
    MeetingFilter,
    MinutesForm,
    PaperForm,
    PlanningYearForm,
    RescheduleForm,
    SendMinutesForm,
    attendance_formset,
    minutes_items_formset,
)
from meetings.models import (
    AgendaItem,
    CalendarFeed,
    ItemKind,
    Meeting,
    Minutes,
    MinutesStatus,
    Paper,
)
from meetings.month import WEEKDAYS, calendar_month
from structure.models import Group, MeetingForm

PAGE_SIZE = 25
# A calendar feed body is kept this long under its version (a changed feed has a new version).
FEED_CACHE_SECONDS = 60 * 60


def _errors(exc: ValidationError) -> list[str]:
    return exc.messages


def _posted(request):
    """The POST data of a form page (also an empty POST), or None on GET."""
    return request.POST if request.method == "POST" else None


# --- Public ----------------------------------------------------------------------------------


def meeting_list(request):
    """Coming meetings first (earliest first); `tid=tidigare` switches to earlier ones."""
    filterset = MeetingFilter(request.GET, queryset=selectors.directory_meetings())
    if not filterset.is_valid():
        return HttpResponseBadRequest("Ogiltigt urval.")
    page = paginate(request, filterset.qs)
    page.object_list = selectors.with_minutes_state(page.object_list)
    switch = request.GET.copy()
    switch.pop("sida", None)
    switch.pop("tid", None)
    earlier = filterset.form.cleaned_data.get("tid") == EARLIER
    if not earlier:
        switch["tid"] = EARLIER
    today = timezone.localdate()
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query_without_page(request),
            "earlier": earlier,
            "switch_query": switch.urlencode(),
            "this_month": f"{today:%Y-%m}",
        },
    )


def meeting_month(request, period: str):
    """A month of public meetings as an accessible calendar table, with previous/next.
    `period` is YYYY-MM (the URL pattern admits digits only)."""
    year, month = period.split("-")
    try:
        month_view = calendar_month(int(year), int(month))
    except ValueError as exc:
        raise Http404 from exc
    meetings = selectors.meetings_in_month(month_view.first, month_view.last)
    by_day: dict[datetime.date, list[Meeting]] = {}
    for meeting in meetings:
        by_day.setdefault(meeting.local_date, []).append(meeting)
    weeks = [[(day, by_day.get(day, [])) for day in week] for week in month_view.weeks]
    return render(
        request,
        "meetings/meeting_month.html",
        {
            "month": month_view,
            "weeks": weeks,
            "count": len(meetings),
            "weekdays": WEEKDAYS,
        },
    )


def meeting_detail(request, pk: int):
    meeting = selectors.visible_meeting(request.user, pk)
    if meeting is None:
        raise Http404
    internal = permissions.can_view_internal(request.user, meeting.group)
    versions = selectors.minutes_versions(meeting)
    context = {
        "meeting": meeting,
        "internal": internal,
        "can_manage": permissions.can_manage_meetings(request.user, meeting.group),
        "approved": [m for m in versions if m.is_locked],
    }
    if internal:
        context["items"] = selectors.agenda(meeting)
        context["drafts"] = [m for m in versions if not m.is_locked]
        membership = selectors.my_ordinary_membership(request.user, meeting)
        if membership and meeting.starts_at > timezone.now():
            context["absence_membership"] = membership
            context["absence_reported"] = selectors.absence_of(meeting, membership)
            context["absence_form"] = AbsenceForm()
    return render(request, "meetings/meeting_detail.html", context)


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _bad_window(form: FeedWindowForm) -> HttpResponseBadRequest:
    reasons = " ".join(message for errors in form.errors.values() for message in errors)
    return HttpResponseBadRequest(
        f"Ogiltigt datumurval för kalendern. {reasons}", content_type="text/plain; charset=utf-8"
    )


def _feed(request, meetings, key, *, name: str, filename: str, internal: bool = False):
    """A feed of the meetings in the window of `?fran=`/`?till=` (see meetings.feeds): 304 if
    the client already has this version, else the calendar."""
    form = FeedWindowForm(request.GET)
    if not form.is_valid():
        return _bad_window(form)
    window = form.cleaned_data["window"]
    meetings = window.filter(meetings)
    version = feeds.version(meetings, *key, window, internal)
    if (response := conditional.not_modified(request, version)) is not None:
        return response
    # The version covers everything the body shows, so the body is kept under it: calendar
    # clients polling without If-None-Match (and every other subscriber) get it from the cache.
    cache_key = "feed-body:" + version.etag.strip('"')
    body = cache.get(cache_key)
    if body is None:
        body = ical.calendar_for(
            meetings.select_related("group"), name, site_url(), internal=internal
        )
        cache.set(cache_key, body, FEED_CACHE_SECONDS)
    return conditional.stamp(_ics_response(body, filename), version)


def meeting_ics(request, pk: int):
    meeting = selectors.visible_meeting(request.user, pk)
    if meeting is None:
        raise Http404
    internal = permissions.can_view_internal(request.user, meeting.group)
    version = feeds.meeting_version(meeting, internal=internal)
    if (response := conditional.not_modified(request, version)) is not None:
        return response
    body = ical.calendar_for([meeting], meeting.group.name, site_url(), internal=internal)
    return conditional.stamp(_ics_response(body, f"mote-{meeting.pk}.ics"), version)


def public_feed(request):
    return _feed(
        request,
        selectors.public_meetings(),
        ("public",),
        name="Samverkan – alla möten",
        filename="samverkan.ics",
    )


def group_feed(request, slug: str):
    group = get_object_or_404(Group, slug=slug)
    return _feed(
        request,
        selectors.public_meetings().filter(group=group),
        ("group", group.pk, group.name),
        name=group.name,
        filename=f"{group.slug}.ics",
    )


def member_feed(request, token: str):
    """The member's own calendar, by secret URL: every meeting of the member's groups."""
    feed = get_object_or_404(
        CalendarFeed.objects.select_related("person"),
        token=token,
        person__user__is_active=True,
    )
    name = f"Samverkan – {feed.person.full_name}"
    return _feed(
        request,
        selectors.member_feed_meetings(feed.person),
        ("member", feed.pk, name),
        name=name,
        filename="mina-moten.ics",
        internal=True,
    )


def minutes_list(request, slug: str | None = None):
    group = get_object_or_404(Group, slug=slug) if slug else None
    queryset = selectors.approved_minutes_list()
    if group:
        queryset = queryset.filter(meeting__group=group)
    text = request.GET.get("q", "")
    queryset = selectors.search_minutes(queryset, text)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("sida"))
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
        "required": [(role, person, done.get(role)) for role, person in required],
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


def paper_download(request, pk: int):
    """Papers are internal: only the group's members and coordinators, never via MEDIA_URL."""
    paper = get_object_or_404(Paper.objects.select_related("item__meeting__group"), pk=pk)
    if not permissions.can_view_internal(request.user, paper.item.meeting.group):
        raise Http404
    return FileResponse(paper.file.open("rb"), as_attachment=True, filename=paper.original_name)


# --- Members ----------------------------------------------------------------------------------

MY_MEETINGS_SHOWN = 50


@login_required
def my_meetings(request):
    meetings = selectors.my_meetings(request.user, timezone.now() - datetime.timedelta(days=1))
    feed = selectors.calendar_feed(request.user)
    feed_url = (
        request.build_absolute_uri(reverse("meetings:member_feed", args=[feed.token]))
        if feed
        else None
    )
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
            for message in _errors(exc):
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


# --- Coordinators and chairs ------------------------------------------------------------------


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
    form = BookMeetingForm(_posted(request), groups=groups, initial=initial)
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


# --- The manage page and its actions ------------------------------------------------------------
#
# One GET page shows every form; each form posts to its own small view, which parses the input
# with a form, calls one service and redirects to the section that changed, where its message
# is shown. A form with errors re-renders the page (400) with what the user typed.

AGENDA, PAPERS, KALLELSE, ATTENDANCE, MINUTES, TIME = (
    "dagordning",
    "underlag",
    "kallelse",
    "narvaro",
    "minnesanteckningar",
    "tid",
)


def _manageable(request, pk: int) -> Meeting:
    """404 for a meeting the user may not even know of; 403 for one it may see but not manage."""
    meeting = selectors.manageable_meeting(pk)
    if meeting is None:
        raise Http404
    if not permissions.can_manage_meetings(request.user, meeting.group):
        if permissions.can_view_internal(request.user, meeting.group) or meeting.is_public:
            raise PermissionDenied
        raise Http404
    return meeting


def _item(meeting: Meeting, pk: int) -> AgendaItem:
    item = selectors.agenda_item(meeting, pk)
    if item is None:
        raise Http404
    return item


def _to_section(request, meeting: Meeting, section: str, message: str = "", *, level=None):
    url = reverse("meetings:meeting_manage", args=[meeting.pk])
    return sections.redirect_to(request, url, section, message, level or messages.SUCCESS)


def _refused(request, meeting: Meeting, section: str, exc: ValidationError):
    for message in _errors(exc):
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
        "paper_form": PaperForm(meeting=meeting),
        "reschedule_form": _reschedule_form(meeting),
        "attendance_formset": attendance_formset(
            people=people, initial=selectors.attendance_initial(meeting)
        ),
        "problems": services.agenda_problems(meeting),
        "recipients": services.kallelse_recipients(meeting),
        "absences": selectors.absences(meeting),
        "minutes": selectors.minutes_versions(meeting),
        "has_attendance": selectors.has_attendance(meeting),
        "messages": general_messages,
        "section_messages": section_messages,
        "PROCEDURE": ItemKind.PROCEDURE,
        **forms,
    }
    return render(request, "meetings/meeting_manage.html", context, status=status)


@login_required
@require_GET
def meeting_manage(request, pk: int):
    return _manage_page(request, _manageable(request, pk))


@login_required
@require_POST
def agenda_item_add(request, pk: int):
    meeting = _manageable(request, pk)
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
    meeting = _manageable(request, pk)
    item = _item(meeting, item_pk)
    initial = {f: getattr(item, f) for f in ("kind", "title", "description", "proposal")}
    form = AgendaItemForm(_posted(request), initial=initial)
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
    meeting = _manageable(request, pk)
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
    meeting = _manageable(request, pk)
    item = _item(meeting, item_pk)
    form = ConfirmForm(_posted(request))
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
    meeting = _manageable(request, pk)
    form = PaperForm(request.POST, request.FILES, meeting=meeting)
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
    meeting = _manageable(request, pk)
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
    meeting = _manageable(request, pk)
    form = ConfirmForm(_posted(request))
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
    meeting = _manageable(request, pk)
    form = KallelseForm(_posted(request))
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
    meeting = _manageable(request, pk)
    formset = attendance_formset(
        people=selectors.attendance_people(meeting),
        data=request.POST,
        initial=selectors.attendance_initial(meeting),
    )
    if formset.is_valid():
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
    meeting = _manageable(request, pk)
    try:
        minutes = services.draft_minutes(meeting=meeting, by=request.user)
    except ValidationError as exc:
        return _refused(request, meeting, MINUTES, exc)
    messages.success(request, "Utkastet är skapat utifrån dagordningen.")
    return redirect("meetings:minutes_edit", pk=minutes.pk)


# --- The minutes editor ---------------------------------------------------------------------------


def _editable_minutes(request, pk: int) -> Minutes:
    minutes = selectors.minutes_for_edit(pk)
    if minutes is None or not selectors.can_see_minutes(request.user, minutes):
        raise Http404
    _manageable(request, minutes.meeting_id)
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
        for message in _errors(exc):
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
            for message in _errors(exc):
                messages.error(request, message)
        else:
            messages.success(request, f"Version {new.version} är skapad som rättelse.")
            return redirect("meetings:minutes_edit", pk=new.pk)
    else:
        messages.error(request, "Ange varför minnesanteckningarna rättas.")
    return redirect(minutes.get_absolute_url())
