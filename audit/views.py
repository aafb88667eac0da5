"""The coordinators' audit pages: the event log and the current sign-in lockouts."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from accounts import permissions
from audit import selectors
from audit.forms import AuditFilterForm

PAGE_SIZE = 50


def _require_coordinator(request):
    if not permissions.can_see_audit_log(request.user):
        raise Http404


@login_required
def event_list(request):
    _require_coordinator(request)
    form = AuditFilterForm(request.GET or None)
    filters = {}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = {
            "username": data["user"].strip(),
            "kind": data["kind"],
            "date_from": data["date_from"],
            "date_to": data["date_to"],
        }
    events = selectors.audit_events(**filters) if not form.is_bound or form.is_valid() else None
    page = Paginator(events if events is not None else [], PAGE_SIZE).get_page(
        request.GET.get("sida")
    )
    query = request.GET.copy()
    query.pop("sida", None)
    return render(
        request,
        "audit/event_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@login_required
def lockout_list(request):
    _require_coordinator(request)
    page = Paginator(selectors.lockouts(), PAGE_SIZE).get_page(request.GET.get("sida"))
    return render(request, "audit/lockout_list.html", {"page": page})
