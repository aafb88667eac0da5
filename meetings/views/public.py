"""Public meeting pages: the directory, the month, the meeting page, calendar feeds, papers."""

from __future__ import annotations

import datetime

from django.core.cache import cache
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from accounts import permissions
from lib import conditional
from lib.pagination import paginate, query_without_page
from lib.site import site_url
from meetings import feeds, ical, selectors
from meetings.forms import EARLIER, AbsenceForm, FeedWindowForm, MeetingFilter
from meetings.models import CalendarFeed, Meeting, Paper
from meetings.month import WEEKDAYS, calendar_month
from structure.models import Group

# A calendar feed body is kept this long under its version (a changed feed has a new version).
FEED_CACHE_SECONDS = 60 * 60


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


def paper_download(request, pk: int):
    """Papers are internal: only the group's members and coordinators, never via MEDIA_URL."""
    paper = get_object_or_404(Paper.objects.select_related("item__meeting__group"), pk=pk)
    if not permissions.can_view_internal(request.user, paper.item.meeting.group):
        raise Http404
    return FileResponse(paper.file.open("rb"), as_attachment=True, filename=paper.original_name)
