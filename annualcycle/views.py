"""The annual cycle page (a 12-month band as SVG, the same content as a table) and its
iCalendar download. Public duties for everyone; the coordinator also sees reviews due."""

from __future__ import annotations

import hashlib

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from icalendar import Calendar, Event

from accounts import permissions
from annualcycle import cycle, selectors
from lib import conditional
from meetings.ical import file_stamp
from structure import county
from structure.cache import cached_fragment

COLUMN = 80
ROW = 14


FIRST_YEAR, LAST_YEAR = 2000, 2100


class YearForm(forms.Form):
    ar = forms.IntegerField(min_value=FIRST_YEAR, max_value=LAST_YEAR, required=False)


def _year(request) -> int:
    form = YearForm(request.GET)
    if form.is_valid() and form.cleaned_data["ar"]:
        return form.cleaned_data["ar"]
    return timezone.localdate().year


def annual_cycle(request):
    year = _year(request)
    internal = permissions.can_see_internal_cycle(request.user)
    # The band and the table hold every meeting of the year: rendered once per version of what
    # they are built from, then served from the cache.
    body = cached_fragment(
        request,
        "annual_cycle",
        year,
        internal,
        selectors.data_version(year, internal=internal),
        render=lambda: _body(year, internal),
    )
    return render(
        request,
        "annualcycle/cycle.html",
        {"year": year, "internal": internal, "body": body},
    )


def _body(year: int, internal: bool) -> str:
    events = selectors.annual_cycle(year, internal=internal)
    months = cycle.by_month(events)
    tallest = max((len(m) for m in months), default=0)
    columns = [
        {
            "name": cycle.MONTHS[index],
            "x": index * COLUMN,
            "marks": [
                {"event": event, "y": 40 + row * ROW} for row, event in enumerate(month_events)
            ],
        }
        for index, month_events in enumerate(months)
    ]
    return render_to_string(
        "annualcycle/_cycle_body.html",
        {
            "year": year,
            "months": list(zip(cycle.MONTHS, months, strict=True)),
            "columns": columns,
            "width": 12 * COLUMN,
            "height": 50 + max(tallest, 1) * ROW,
            "internal": internal,
        },
    )


def annual_cycle_ics(request, year: int):
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    internal = permissions.can_see_internal_cycle(request.user)
    facts = county.for_request(request)
    entries = []
    for event in selectors.annual_cycle(year, internal=internal):
        key = f"{event.day}|{event.kind}|{event.title}".encode()
        uid = f"arshjul-{hashlib.sha1(key).hexdigest()[:16]}@{facts.calendar_domain}"
        entries.append((uid, event.day, f"{event.kind_label}: {event.title}"))
    # One year is a bounded file built from several sources (meetings, reviews, deliveries):
    # the ETag is the hash of what the events say (not of the file, whose DTSTAMP is the
    # moment it is made), so a polling calendar gets 304 and no body when nothing changed.
    content = repr((facts.prodid, year, entries)).encode()
    version = conditional.Version.of(hashlib.sha256(content).hexdigest(), last_modified=None)
    if (response := conditional.not_modified(request, version)) is not None:
        return response
    calendar = Calendar()
    calendar.add("prodid", facts.prodid)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Årshjul {year}")
    stamp = file_stamp()
    for uid, day, summary in entries:
        entry = Event()
        entry.add("uid", uid)
        entry.add("dtstart", day)
        entry.add("summary", summary)
        # RFC 5545 §3.8.7.2: when this file was made (UTC), not the event's own date.
        entry.add("dtstamp", stamp)
        calendar.add_component(entry)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="arshjul-{year}.ics"'
    return conditional.stamp(response, version)
