"""Meeting pages: the public directory and calendars, the members' and coordinators' work."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import permissions
from lib.forms import apply_service_errors
from meetings import ical, selectors, services
from meetings.forms import (
    AbsenceForm,
    AgendaItemForm,
    BookMeetingForm,
    CorrectionForm,
    MeetingFilter,
    PaperForm,
    RescheduleForm,
)
from meetings.models import (
    AgendaItem,
    AttendanceStatus,
    CalendarFeed,
    Meeting,
    Minutes,
    MinutesStatus,
    Paper,
)
from structure.models import Group, Membership, MembershipKind, Person

PAGE_SIZE = 25


def _errors(exc: ValidationError) -> list[str]:
    return exc.messages


# --- Public ----------------------------------------------------------------------------------


def meeting_list(request):
    filterset = MeetingFilter(request.GET or None, queryset=selectors.public_meetings())
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    return render(
        request,
        "meetings/meeting_list.html",
        {"filter": filterset, "page": page, "query": query.urlencode()},
    )


def meeting_detail(request, pk: int):
    meeting = selectors.visible_meeting(request.user, pk)
    if meeting is None:
        raise Http404
    internal = permissions.can_view_internal(request.user, meeting.group)
    context = {
        "meeting": meeting,
        "internal": internal,
        "can_manage": permissions.can_manage_meetings(request.user, meeting.group),
        "approved": [m for m in meeting.minutes.all() if m.status == MinutesStatus.APPROVED],
    }
    if internal:
        context["items"] = meeting.items.order_by("position").prefetch_related("papers")
        context["drafts"] = [m for m in meeting.minutes.all() if not m.is_locked]
        membership = selectors.my_ordinary_membership(request.user, meeting)
        if membership and meeting.starts_at > timezone.now():
            context["absence_membership"] = membership
            context["absence_reported"] = meeting.absences.filter(membership=membership).first()
            context["absence_form"] = AbsenceForm()
    return render(request, "meetings/meeting_detail.html", context)


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def meeting_ics(request, pk: int):
    meeting = selectors.visible_meeting(request.user, pk)
    if meeting is None:
        raise Http404
    internal = permissions.can_view_internal(request.user, meeting.group)
    body = ical.calendar_for([meeting], meeting.group.name, ical.site_url(), internal=internal)
    return _ics_response(body, f"mote-{meeting.pk}.ics")


def public_feed(request):
    meetings = selectors.public_meetings().filter(
        starts_at__gte=timezone.now() - datetime.timedelta(days=365)
    )
    body = ical.calendar_for(meetings, "Samverkan – alla möten", ical.site_url())
    return _ics_response(body, "samverkan.ics")


def group_feed(request, slug: str):
    group = get_object_or_404(Group, slug=slug)
    meetings = selectors.public_meetings().filter(group=group)
    return _ics_response(
        ical.calendar_for(meetings, group.name, ical.site_url()), f"{group.slug}.ics"
    )


def member_feed(request, token: str):
    """The member's own calendar, by secret URL: every meeting of the member's groups."""
    feed = get_object_or_404(
        CalendarFeed.objects.select_related("person"),
        token=token,
        person__user__is_active=True,
    )
    on = timezone.localdate()
    group_ids = Membership.objects.current(on).filter(person=feed.person).values("group_id")
    meetings = Meeting.objects.filter(group_id__in=group_ids).select_related("group")
    name = f"Samverkan – {feed.person.full_name}"
    body = ical.calendar_for(meetings, name, ical.site_url(), internal=True)
    return _ics_response(body, "mina-moten.ics")


def minutes_list(request, slug: str | None = None):
    group = get_object_or_404(Group, slug=slug) if slug else None
    queryset = selectors.approved_minutes()
    if group:
        queryset = queryset.filter(meeting__group=group)
    text = request.GET.get("q", "")
    queryset = selectors.search_minutes(queryset, text)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("sida"))
    query = urlencode({"q": text}) if text else ""
    return render(
        request,
        "meetings/minutes_list.html",
        {"group": group, "page": page, "q": text, "query": query},
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
    can_approve = (
        minutes.status == MinutesStatus.IN_APPROVAL
        and user.is_authenticated
        and any(p and p.pk == user.person_id and role not in done for role, p in required)
    )
    context = {
        "minutes": minutes,
        "meeting": meeting,
        "attendance": selectors.attendance_rows(meeting),
        "required": [(role, person, done.get(role)) for role, person in required],
        "can_approve": can_approve,
        "can_manage": permissions.can_manage_meetings(user, meeting.group),
        "correction": _visible_correction(request.user, minutes),
        "correction_form": CorrectionForm(),
    }
    return render(request, "meetings/minutes_detail.html", context)


def _visible_correction(user, minutes: Minutes) -> Minutes | None:
    """A correction under way is internal; the public learns of it once it is approved."""
    correction = Minutes.objects.filter(supersedes=minutes).first()
    if correction is None or selectors.can_see_minutes(user, correction):
        return correction
    return None


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


@login_required
def my_meetings(request):
    meetings = selectors.my_meetings(request.user, timezone.now() - datetime.timedelta(days=1))
    feed_url = None
    if request.user.person_id:
        feed, _ = CalendarFeed.objects.get_or_create(person_id=request.user.person_id)
        feed_url = request.build_absolute_uri(reverse("meetings:member_feed", args=[feed.token]))
    return render(
        request, "meetings/my_meetings.html", {"meetings": meetings[:50], "feed_url": feed_url}
    )


@login_required
@require_POST
def report_absence(request, pk: int):
    meeting = selectors.visible_meeting(request.user, pk)
    if meeting is None:
        raise Http404
    membership = selectors.my_ordinary_membership(request.user, meeting)
    if membership is None:
        raise PermissionDenied
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
    if not permissions.can_plan_meetings(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    try:
        year = int(request.GET.get("ar", today.year))
    except ValueError:
        year = today.year
    year = min(max(year, 2000), 2100)
    return render(
        request,
        "meetings/planning.html",
        {"plan": selectors.planning_view(year, today), "year": year},
    )


@login_required
def meeting_create(request):
    if not permissions.can_plan_meetings(request.user):
        raise PermissionDenied
    groups = Group.objects.order_by("order", "name")
    initial = {}
    if slug := request.GET.get("grupp"):
        group = groups.filter(slug=slug).first()
        if group:
            initial = {"group": group, "form": group.meeting_form or "in_person"}
    form = BookMeetingForm(request.POST or None, groups=groups, initial=initial)
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


def _manageable(request, pk: int) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("group"), pk=pk)
    if not permissions.can_manage_meetings(request.user, meeting.group):
        if permissions.can_view_internal(request.user, meeting.group) or meeting.is_public:
            raise PermissionDenied
        raise Http404
    return meeting


def _attendance_people(meeting: Meeting):
    """Rows for the attendance form: saved attendance, or the expected one."""
    saved = list(meeting.attendance.select_related("person", "replaces"))
    if saved:
        return [(a.person, a.status, a.replaces) for a in saved]
    return services.expected_attendance(meeting)


@login_required
def meeting_manage(request, pk: int):
    meeting = _manageable(request, pk)
    item_form = AgendaItemForm()
    paper_form = PaperForm(meeting=meeting)
    local = timezone.localtime(meeting.starts_at)
    reschedule_form = RescheduleForm(
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
    action = request.POST.get("action") if request.method == "POST" else None
    try:
        if action == "add_item":
            item_form = AgendaItemForm(request.POST)
            if item_form.is_valid():
                try:
                    services.add_agenda_item(
                        meeting=meeting, by=request.user, **item_form.cleaned_data
                    )
                except ValidationError as exc:
                    apply_service_errors(item_form, exc)
                else:
                    messages.success(request, "Punkten är tillagd.")
                    return redirect("meetings:meeting_manage", pk=pk)
        elif action in ("up", "down", "remove"):
            item = get_object_or_404(AgendaItem, pk=request.POST.get("item"), meeting=meeting)
            if action == "remove":
                services.remove_agenda_item(item=item, by=request.user)
            else:
                services.move_agenda_item(
                    item=item, by=request.user, direction=-1 if action == "up" else 1
                )
            return redirect(f"{request.path}#dagordning")
        elif action == "paper":
            paper_form = PaperForm(request.POST, request.FILES, meeting=meeting)
            if paper_form.is_valid():
                item = get_object_or_404(
                    AgendaItem, pk=paper_form.cleaned_data["item"], meeting=meeting
                )
                try:
                    services.attach_paper(
                        item=item,
                        by=request.user,
                        upload=paper_form.cleaned_data["file"],
                        title=paper_form.cleaned_data["title"],
                    )
                except ValidationError as exc:
                    apply_service_errors(paper_form, exc)
                else:
                    messages.success(request, "Underlaget är uppladdat.")
                    return redirect("meetings:meeting_manage", pk=pk)
        elif action == "reschedule":
            reschedule_form = RescheduleForm(request.POST, prefix="tid")
            if reschedule_form.is_valid():
                d = reschedule_form.cleaned_data
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
                    apply_service_errors(reschedule_form, exc)
                else:
                    messages.success(request, "Mötet är ändrat. De kallade har fått besked.")
                    return redirect("meetings:meeting_manage", pk=pk)
        elif action == "cancel":
            services.cancel_meeting(meeting=meeting, by=request.user)
            messages.success(request, "Mötet är inställt. De kallade har fått besked.")
            return redirect("meetings:meeting_manage", pk=pk)
        elif action == "kallelse":
            result = services.send_kallelse(
                meeting=meeting, by=request.user, force=request.POST.get("force") == "1"
            )
            if result.already_sent:
                messages.info(
                    request,
                    "Kallelsen är redan skickad. Välj ”Skicka igen” för att "
                    "skicka den en gång till.",
                )
            else:
                messages.success(request, f"Kallelsen är skickad till {result.sent} personer.")
            return redirect("meetings:meeting_manage", pk=pk)
        elif action == "attendance":
            rows = []
            people = {
                p.pk: p
                for p in Person.objects.filter(
                    pk__in=[int(k.split("-")[1]) for k in request.POST if k.startswith("status-")]
                )
            }
            for key, value in request.POST.items():
                if key.startswith("status-") and value:
                    person = people.get(int(key.split("-")[1]))
                    replaces_id = request.POST.get(f"replaces-{key.split('-')[1]}")
                    replaces = (
                        Person.objects.filter(pk=replaces_id).first() if replaces_id else None
                    )
                    if person:
                        rows.append((person, value, replaces))
            services.record_attendance(meeting=meeting, by=request.user, entries=rows)
            messages.success(request, "Närvaron är sparad.")
            return redirect(f"{request.path}#narvaro")
        elif action == "start_minutes":
            minutes = services.draft_minutes(meeting=meeting, by=request.user)
            return redirect("meetings:minutes_edit", pk=minutes.pk)
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, message)
        if action in ("kallelse", "attendance", "start_minutes", "up", "down", "remove", "cancel"):
            return redirect("meetings:meeting_manage", pk=pk)

    context = {
        "meeting": meeting,
        "items": meeting.items.order_by("position").prefetch_related("papers"),
        "item_form": item_form,
        "paper_form": paper_form,
        "reschedule_form": reschedule_form,
        "problems": services.agenda_problems(meeting),
        "recipients": services.kallelse_recipients(meeting),
        "absences": meeting.absences.select_related("membership__person", "substitute__person"),
        "attendance": _attendance_people(meeting),
        "statuses": AttendanceStatus.choices,
        "minutes": list(meeting.minutes.order_by("version")),
    }
    return render(request, "meetings/meeting_manage.html", context, status=200)


@login_required
def minutes_edit(request, pk: int):
    minutes = get_object_or_404(Minutes.objects.select_related("meeting__group"), pk=pk)
    if not selectors.can_see_minutes(request.user, minutes):
        raise Http404
    meeting = _manageable(request, minutes.meeting_id)
    items = list(minutes.items.order_by("position"))
    candidates = Person.objects.filter(
        pk__in=Membership.objects.current(meeting.local_date)
        .filter(group=meeting.group, kind=MembershipKind.ORDINARY)
        .values("person_id")
    ).order_by("last_name", "first_name")
    errors: list[str] = []
    if request.method == "POST":
        data = [
            {
                "id": item.pk,
                "notes": request.POST.get(f"notes-{item.pk}", ""),
                "decision_intro": request.POST.get(f"intro-{item.pk}", ""),
                "decisions": request.POST.get(f"decisions-{item.pk}", ""),
            }
            for item in items
        ]
        checker_id = request.POST.get("justeringsperson") or None
        checker = candidates.filter(pk=checker_id).first() if checker_id else None
        try:
            services.save_minutes(
                minutes=minutes,
                by=request.user,
                summary=request.POST.get("summary", ""),
                justeringsperson=checker,
                items=data,
            )
            if request.POST.get("action") == "send":
                services.send_minutes_for_approval(minutes=minutes, by=request.user)
                messages.success(request, "Minnesanteckningarna är skickade för justering.")
                return redirect(minutes.get_absolute_url())
        except ValidationError as exc:
            errors = _errors(exc)
            # Keep what the user typed.
            for item, values in zip(items, data, strict=True):
                item.notes = values["notes"]
                item.decision_intro = values["decision_intro"]
                item.decisions = values["decisions"]
            minutes.summary = request.POST.get("summary", "")
            minutes.justeringsperson = checker
        else:
            messages.success(request, "Utkastet är sparat.")
            return redirect("meetings:minutes_edit", pk=pk)
    return render(
        request,
        "meetings/minutes_edit.html",
        {
            "minutes": minutes,
            "meeting": meeting,
            "items": items,
            "candidates": candidates,
            "errors": errors,
            "locked": minutes.status != MinutesStatus.DRAFT,
        },
        status=400 if errors else 200,
    )


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
