"""Public meetings and approved minutes (R-S1, R-S6): the same reads as the public pages."""

from __future__ import annotations

import datetime
from typing import Literal

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date
from ninja import Path, Query, Router, Schema
from pydantic import Field

from api import schemas
from api.auth import token_optional
from api.pagination import PageParams, paginate
from api.routers.structure import SLUG, group_ref
from meetings import selectors
from meetings.models import MinutesStatus
from structure.models import MeetingForm

router = Router(tags=["Möten och minnesanteckningar"], auth=token_optional)

MAX_ID = 2**31 - 1


def meeting_out(meeting) -> dict:
    """Time, place, form and group: what the public calendar shows. Never the video link."""
    return {
        "id": meeting.pk,
        "group": group_ref(meeting.group),
        "title": meeting.display_title,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "form": meeting.form,
        "location": meeting.location,
        "cancelled": meeting.cancelled,
        "web": meeting.get_absolute_url(),
    }


def minutes_out(minutes) -> dict:
    return {
        "id": minutes.pk,
        "meeting": meeting_out(minutes.meeting),
        "version": minutes.version,
        "approved_at": minutes.approved_at,
        "supersedes": minutes.supersedes_id,
        "corrected": bool(getattr(minutes, "is_corrected", False)),
        "correction_reason": minutes.correction_reason,
        "pdf": reverse("meetings:minutes_pdf", args=[minutes.pk]),
        "web": minutes.get_absolute_url(),
    }


class MeetingFilter(Schema):
    group: str | None = Field(None, max_length=80, pattern=SLUG, description="Gruppens kortnamn.")
    year: int | None = Field(None, ge=1900, le=2099, description="Kalenderår.")
    form: MeetingForm | None = Field(None, description="Mötesform.")
    from_date: datetime.date | None = schemas.bounded_date(
        None, alias="from", description="Från och med datum (ÅÅÅÅ-MM-DD)."
    )
    to_date: datetime.date | None = schemas.bounded_date(
        None, alias="to", description="Till och med datum (ÅÅÅÅ-MM-DD)."
    )
    ordering: Literal["starts_at", "-starts_at"] = Field(
        "starts_at", description="Sortering efter starttid (stigande eller fallande)."
    )


def _day_start(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


@router.get(
    "/meetings",
    response=schemas.answers(schemas.Page[schemas.MeetingOut]),
    summary="Möten i den publika kalendern",
)
def meeting_list(request, page: Query[PageParams], filters: Query[MeetingFilter]):
    queryset = selectors.public_meetings()
    if filters.group:
        queryset = queryset.filter(group__slug=filters.group)
    if filters.year:
        queryset = queryset.filter(
            starts_at__gte=_day_start(datetime.date(filters.year, 1, 1)),
            starts_at__lt=_day_start(datetime.date(filters.year + 1, 1, 1)),
        )
    if filters.form:
        queryset = queryset.filter(form=filters.form)
    if filters.from_date:
        queryset = queryset.filter(starts_at__gte=_day_start(filters.from_date))
    if filters.to_date:
        queryset = queryset.filter(
            starts_at__lt=_day_start(filters.to_date + datetime.timedelta(days=1))
        )
    direction = "-" if filters.ordering.startswith("-") else ""
    queryset = queryset.order_by(f"{direction}starts_at", f"{direction}pk")
    return paginate(request, queryset, page, lambda rows: [meeting_out(m) for m in rows])


@router.get(
    "/meetings/{meeting_id}",
    response=schemas.answers(schemas.MeetingOut),
    summary="Ett publikt möte",
)
def meeting_detail(request, response: HttpResponse, meeting_id: int = Path(..., ge=1, le=MAX_ID)):
    meeting = selectors.public_meetings().filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404
    # Beside the ETag (see api.middleware): a client may ask with If-Modified-Since instead.
    response["Last-Modified"] = http_date(meeting.updated_at.timestamp())
    return meeting_out(meeting)


class MinutesFilter(Schema):
    group: str | None = Field(None, max_length=80, pattern=SLUG, description="Gruppens kortnamn.")
    q: str = Field("", max_length=200, description="Sök i rubriker, anteckningar och att-satser.")


@router.get(
    "/minutes",
    response=schemas.answers(schemas.Page[schemas.MinutesOut]),
    summary="Justerade minnesanteckningar (offentliga handlingar)",
)
def minutes_list(request, page: Query[PageParams], filters: Query[MinutesFilter]):
    queryset = selectors.approved_minutes_list()
    if filters.group:
        queryset = queryset.filter(meeting__group__slug=filters.group)
    queryset = selectors.search_minutes(queryset, filters.q)
    return paginate(
        request,
        queryset,
        page,
        lambda rows: [minutes_out(m) for m in selectors.with_corrections(rows)],
    )


@router.get(
    "/minutes/{minutes_id}",
    response=schemas.answers(schemas.MinutesDetailOut),
    summary="Justerade minnesanteckningar med punkter och att-satser",
)
def minutes_detail(request, minutes_id: int = Path(..., ge=1, le=MAX_ID)):
    minutes = selectors.approved_minutes().prefetch_related("items", "approvals__person")
    minutes = minutes.filter(pk=minutes_id).first()
    # Only approved, public minutes exist here: drafts answer 404 like missing ones, for everyone.
    if minutes is None or minutes.status != MinutesStatus.APPROVED:
        raise Http404
    data = minutes_out(minutes)
    data["summary"] = minutes.summary
    data["items"] = [
        {
            "position": item.position,
            "kind": item.kind,
            "title": item.title,
            "notes": item.notes,
            "decision_intro": item.decision_intro,
            "att_satser": item.att_satser,
        }
        for item in minutes.items.all()
    ]
    data["approvals"] = [
        {"role": a.role, "name": a.person.full_name, "approved_at": a.approved_at}
        for a in minutes.approvals.all()
    ]
    return data
