"""OParl 1.1 endpoint (read-only, public data only). Lists are paged as the standard says:
`data`, `pagination` and `links`, with `?page=N` (from 1), and filtered by `created_since`,
`created_until`, `modified_since` and `modified_until` (§2.5, in SQL; the page links keep them).
Errors are OParl Error objects."""

from __future__ import annotations

import functools
import re
from urllib.parse import urlencode

from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from api.errors import MESSAGES
from lib.pagination import page_at, page_number, paginator
from lib.site import absolute_url
from oparl import selectors
from oparl import serializers as s
from oparl.forms import ListFilterForm
from oparl.serializers import BODY_KEY, SCHEMA, Urls
from structure import county

PAGE_SIZE = 50


def _json(data: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


class BadRequest(Exception):
    """A parameter that is not one: answered 400 with what was wrong in `debug`."""

    def __init__(self, debug: dict):
        super().__init__(debug)
        self.debug = debug


def error(status: int, debug=None) -> JsonResponse:
    """An OParl Error object (`type`, `message`, `debug`), with the API's stable `code`."""
    code, message = MESSAGES.get(status, ("error", "Något gick fel."))
    body = {"type": SCHEMA + "Error", "code": code, "message": message}
    if debug:
        body["debug"] = debug
    return _json(body, status)


def json_errors(view):
    """Missing (or not public) answers a 404 and a bad parameter a 400, both OParl Error
    objects; only GET and HEAD are allowed."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return error(405)
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return error(404)
        except BadRequest as exc:
            return error(400, exc.debug)

    return wrapper


def _filters(request) -> ListFilterForm:
    form = ListFilterForm(request.GET)
    if not form.is_valid():
        raise BadRequest({name: list(messages) for name, messages in form.errors.items()})
    return form


def _paged(
    request, queryset, serialize, *, modified: str = "updated_at", created: str = "created_at"
) -> JsonResponse:
    """One page of an object list; `serialize` turns the page's rows into OParl objects. The
    list's filters are applied in SQL (`queryset.filter`; `modified` names the field the
    modified_… filters compare). A page that is not one (not a number from 1, or past the last
    page) is a 404, as OParl has it."""
    filters = _filters(request)
    listing = paginator(queryset.filter(**filters.lookups(modified, created)), PAGE_SIZE)
    page = page_at(listing, page_number(request.GET.get("page", "1")))
    if page is None:
        raise Http404
    rows = list(page.object_list)
    number, total, pages = page.number, listing.count, listing.num_pages
    base, kept = absolute_url(request.path), filters.query()

    def link(n: int) -> str:
        return f"{base}?{urlencode({**kept, 'page': n})}"

    links = {"first": link(1), "last": link(pages)}
    if number > 1:
        links["prev"] = link(number - 1)
    if number < pages:
        links["next"] = link(number + 1)
    return _json(
        {
            "data": serialize(rows),
            "pagination": {
                "totalElements": total,
                "elementsPerPage": PAGE_SIZE,
                "currentPage": number,
                "totalPages": pages,
            },
            "links": links,
        }
    )


def _check_body(key: str) -> None:
    if key != BODY_KEY:
        raise Http404


# --- System and Body ------------------------------------------------------------------------


def _body_stamps() -> dict:
    return s.stamps(*selectors.body_stamps())


@json_errors
def system(request):
    return _json(s.system(Urls(), county.for_request(request), _body_stamps()))


@json_errors
def body_list(request):
    urls = Urls()
    created, modified = selectors.body_stamps()
    periods = list(selectors.periods())
    facts = county.for_request(request)
    return _paged(
        request,
        _One(created, modified),
        lambda rows: [s.body(urls, periods, facts, s.stamps(created, modified)) for _ in rows],
    )


class _One:
    """A one-element 'queryset' for the body list, filtered by the body's own stamps."""

    def __init__(self, created, modified, present: bool = True):
        self.created, self.modified, self.present = created, modified, present

    def filter(self, **lookups):
        values = {"created_at": self.created, "updated_at": self.modified}
        present = self.present
        for lookup, bound in lookups.items():
            field, op = lookup.split("__")
            value = values[field]
            present = present and value is not None
            present = present and (value >= bound if op == "gte" else value <= bound)
        return _One(self.created, self.modified, present)

    def count(self) -> int:
        return 1 if self.present else 0

    def __getitem__(self, item):
        return [None][item] if self.present else []


@json_errors
def body(request, key: str):
    _check_body(key)
    return _json(
        s.body(Urls(), list(selectors.periods()), county.for_request(request), _body_stamps())
    )


@json_errors
def legislativeterm_list(request, key: str):
    _check_body(key)
    urls = Urls()
    return _paged(
        request, selectors.periods(), lambda rows: [s.legislative_term(urls, p) for p in rows]
    )


@json_errors
def legislativeterm(request, pk: int):
    return _json(s.legislative_term(Urls(), get_object_or_404(selectors.periods(), pk=pk)))


# --- Organizations, persons, memberships ------------------------------------------------------


def _organizations(urls: Urls, groups, principals) -> list[dict]:
    return [s.group_organization(urls, g, [m.pk for m in g.memberships.all()]) for g in groups] + [
        s.principal_organization(urls, p) for p in principals
    ]


class _Organizations:
    """Groups, then principals, as one sliceable list with two queries per page."""

    def __init__(self, groups=None, principals=None):
        self.groups = selectors.groups() if groups is None else groups
        self.principals = selectors.principals() if principals is None else principals

    def filter(self, **lookups):
        return _Organizations(self.groups.filter(**lookups), self.principals.filter(**lookups))

    def count(self) -> int:
        self.group_count = self.groups.count()
        return self.group_count + self.principals.count()

    def __getitem__(self, item: slice):
        start, stop = item.start, item.stop
        groups = (
            list(self.groups[start : min(stop, self.group_count)])
            if start < self.group_count
            else []
        )
        p_start = max(start - self.group_count, 0)
        p_stop = max(stop - self.group_count, 0)
        principals = list(self.principals[p_start:p_stop]) if p_stop > p_start else []
        return [("g", g) for g in groups] + [("p", p) for p in principals]


@json_errors
def organization_list(request, key: str):
    _check_body(key)
    urls = Urls()

    def serialize(rows):
        return _organizations(
            urls, [o for kind, o in rows if kind == "g"], [o for kind, o in rows if kind == "p"]
        )

    return _paged(request, _Organizations(), serialize)


def _organization_key(key: str) -> tuple[str, int]:
    match = re.fullmatch(r"(grupp|huvudman)-([0-9]{1,9})", key)
    if match is None:
        raise Http404
    return match.group(1), int(match.group(2))


@json_errors
def organization(request, key: str):
    kind, pk = _organization_key(key)
    urls = Urls()
    if kind == "grupp":
        group = get_object_or_404(selectors.groups(), pk=pk)
        return _json(s.group_organization(urls, group, [m.pk for m in group.memberships.all()]))
    return _json(s.principal_organization(urls, get_object_or_404(selectors.principals(), pk=pk)))


@json_errors
def organization_meetings(request, key: str):
    kind, pk = _organization_key(key)
    if kind != "grupp" or not selectors.groups().filter(pk=pk).exists():
        raise Http404
    return _meetings_page(request, selectors.meetings().filter(group_id=pk))


@json_errors
def person_list(request, key: str):
    _check_body(key)
    urls = Urls()
    return _paged(
        request,
        selectors.persons(),
        lambda rows: [s.person(urls, p, list(p.memberships.all())) for p in rows],
    )


@json_errors
def person(request, pk: int):
    found = get_object_or_404(selectors.persons(), pk=pk)
    return _json(s.person(Urls(), found, list(found.memberships.all())))


@json_errors
def membership_list(request, key: str):
    _check_body(key)
    urls = Urls()
    return _paged(
        request, selectors.memberships(), lambda rows: [s.membership(urls, m) for m in rows]
    )


@json_errors
def membership(request, pk: int):
    return _json(s.membership(Urls(), get_object_or_404(selectors.memberships(), pk=pk)))


# --- Meetings, agenda items, files, locations -----------------------------------------------


def _meetings(urls: Urls, rows) -> list[dict]:
    minutes = selectors.minutes_by_meeting([m.pk for m in rows])
    now = timezone.now()
    return [s.meeting(urls, m, minutes.get(m.pk), now) for m in rows]


def _meetings_page(request, queryset):
    urls = Urls()
    return _paged(request, queryset, lambda rows: _meetings(urls, rows))


@json_errors
def meeting_list(request, key: str):
    _check_body(key)
    return _meetings_page(request, selectors.meetings())


@json_errors
def meeting(request, pk: int):
    found = get_object_or_404(selectors.meetings(), pk=pk)
    return _json(_meetings(Urls(), [found])[0])


def _agenda_item(urls: Urls, item, order: int) -> dict:
    if item.removed:
        return s.removed_agenda_item(urls, item, order)
    return s.agenda_item(urls, item, item.minutes.meeting_id, order)


@json_errors
def agendaitem_list(request, key: str):
    """The current items; with `modified_since`, also the items a correction removed since."""
    _check_body(key)
    urls = Urls()
    with_removed = _filters(request).asks_for_changes()
    return _paged(
        request,
        selectors.agenda_items(with_removed=with_removed),
        lambda rows: [_agenda_item(urls, item, item.position - 1) for item in rows],
        modified="oparl_modified",
        created="oparl_created",
    )


@json_errors
def agendaitem(request, pk: int):
    """An item keeps its id across corrections; one a correction ended answers as deleted."""
    item = selectors.agenda_item_by_lineage(pk)
    if item is None:
        # A later version's own row id, as published before items kept one id: its identity.
        origin = selectors.carried_item_origin(pk)
        if origin is None:
            raise Http404
        return HttpResponsePermanentRedirect(Urls()("agendaitem", origin))
    order = [i.pk for i in item.minutes.items.order_by("position", "pk")].index(item.pk)
    return _json(_agenda_item(Urls(), item, order))


@json_errors
def file_list(request, key: str):
    _check_body(key)
    urls = Urls()
    return _paged(request, selectors.files(), lambda rows: [s.file(urls, m) for m in rows])


@json_errors
def file(request, pk: int):
    return _json(s.file(Urls(), get_object_or_404(selectors.files(), pk=pk)))


def _pdf(pk: int, disposition: str) -> HttpResponse:
    from meetings.pdf import minutes_pdf

    minutes = get_object_or_404(selectors.files(), pk=pk)
    response = HttpResponse(minutes_pdf(minutes), content_type="application/pdf")
    response["Content-Disposition"] = f'{disposition}; filename="{s.file_name(minutes)}"'
    return response


@json_errors
def file_access(request, pk: int):
    """The File's `accessUrl`: shown in the browser, never forced to a download (§2.7)."""
    return _pdf(pk, "inline")


@json_errors
def file_download(request, pk: int):
    """The File's `downloadUrl`: saved as a file."""
    return _pdf(pk, "attachment")


@json_errors
def location_list(request, key: str):
    _check_body(key)
    urls = Urls()
    return _paged(request, selectors.locations(), lambda rows: [s.location(urls, m) for m in rows])


@json_errors
def location(request, pk: int):
    return _json(s.location(Urls(), get_object_or_404(selectors.locations(), pk=pk)))


# --- Papers and consultations -----------------------------------------------------------------


def _papers(urls: Urls, rows) -> list[dict]:
    case_ids = [r.case_id for r in rows]
    treatments = selectors.treatments_by_case(case_ids)
    case_papers = selectors.papers_by_case(case_ids)
    meeting_ids = {t.meeting_id for ts in treatments.values() for t in ts}
    public = selectors.public_meeting_ids(meeting_ids)
    return [
        s.paper(
            urls,
            r,
            [
                t
                for t in treatments.get(r.case_id, [])
                if selectors.paper_of(t, case_papers[r.case_id]) == r.pk
            ],
            public,
        )
        for r in rows
    ]


@json_errors
def paper_list(request, key: str):
    _check_body(key)
    urls = Urls()
    return _paged(request, selectors.papers(), lambda rows: _papers(urls, rows))


@json_errors
def paper(request, pk: int):
    found = get_object_or_404(selectors.papers(), pk=pk)
    return _json(_papers(Urls(), [found])[0])


def _consultations(urls: Urls, rows) -> list[dict]:
    case_papers = selectors.papers_by_case({t.case_id for t in rows})
    public = selectors.public_meeting_ids({t.meeting_id for t in rows})
    return [
        s.consultation(
            urls,
            t,
            selectors.paper_of(t, case_papers[t.case_id]),
            public_meeting=t.meeting_id in public,
        )
        for t in rows
    ]


@json_errors
def consultation_list(request, key: str):
    _check_body(key)
    urls = Urls()
    return _paged(request, selectors.public_treatments(), lambda rows: _consultations(urls, rows))


@json_errors
def consultation(request, pk: int):
    found = get_object_or_404(selectors.public_treatments(), pk=pk)
    return _json(_consultations(Urls(), [found])[0])


@json_errors
def not_found(request):
    raise Http404
