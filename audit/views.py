"""The coordinators' audit pages: the event log and the current sign-in lockouts."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts import lockout, permissions
from audit import display, selectors, services
from audit.forms import AuditFilterForm, LiftLockoutForm
from audit.models import AuditEvent
from lib.pagination import paginate

PAGE_SIZE = 50


@dataclass(frozen=True)
class Row:
    event: AuditEvent
    action: str
    target: str
    changes: list[display.Change]


def _require_coordinator(request):
    if not permissions.can_see_audit_log(request.user):
        raise Http404


@login_required
def event_list(request):
    _require_coordinator(request)
    form = AuditFilterForm(request.GET or None)
    events = None
    if not form.is_bound:
        events = selectors.audit_events()
    elif form.is_valid():
        data = form.cleaned_data
        events = selectors.audit_events(
            username=data["user"].strip(),
            kind=data["kind"],
            target=data["objekt"],
            date_from=data["date_from"],
            date_to=data["date_to"],
        )
    page = paginate(request, events if events is not None else [], PAGE_SIZE)
    rows = [
        Row(
            event=event,
            action=display.action_label(event.action),
            target=display.target_label(event.target) if event.target else "",
            changes=display.changes(event.target, event.changes),
        )
        for event in page
    ]
    query = request.GET.copy()
    query.pop("sida", None)
    return render(
        request,
        "audit/event_list.html",
        {"form": form, "page": page, "rows": rows, "query": query.urlencode()},
    )


def _lockout_page(request, lift_form, status=200):
    page = paginate(request, lockout.current_lockouts(), PAGE_SIZE)
    return render(
        request,
        "audit/lockout_list.html",
        {"page": page, "lift_form": lift_form, "limits": lockout.limits()},
        status=status,
    )


@login_required
def lockout_list(request):
    _require_coordinator(request)
    return _lockout_page(request, LiftLockoutForm())


@login_required
@require_POST
def lockout_lift(request):
    permissions.require_or_404(permissions.can_lift_lockouts(request.user))
    form = LiftLockoutForm(request.POST)
    if not form.is_valid():
        return _lockout_page(request, form, status=400)
    scope, value = form.cleaned_data["scope"], form.cleaned_data["value"]
    lifted = services.lift_lockout(by=request.user, scope=scope, value=value)
    what = "kontot" if scope == lockout.Scope.ACCOUNT else "adressen"
    if lifted:
        messages.success(
            request,
            f"Spärren för {what} {value} är hävd: tidigare misslyckade inloggningar räknas inte "
            "längre.",
        )
    else:
        messages.info(
            request, f"Det fanns inga misslyckade inloggningar att häva för {what} {value}."
        )
    return redirect("audit:lockout_list")
