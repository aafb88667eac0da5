"""Limit/offset pagination for every list: bounded limit, total count, next/previous links.

Ordering is always total (ends with the primary key), so pages never overlap or skip rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from urllib.parse import urlencode

from ninja import Field, Schema

MAX_LIMIT = 100
DEFAULT_LIMIT = 25
MAX_OFFSET = 100_000


class PageParams(Schema):
    limit: int = Field(
        DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Antal poster per sida (1–{MAX_LIMIT})."
    )
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Antal poster att hoppa över.")


def _link(request, limit: int, offset: int) -> str:
    query = request.GET.copy()
    query["limit"] = str(limit)
    query["offset"] = str(offset)
    return request.build_absolute_uri(request.path) + "?" + urlencode(sorted(query.items()))


def paginate(request, queryset, page: PageParams, serialize: Callable[[Iterable], list]) -> dict:
    count = queryset.count()
    rows = list(queryset[page.offset : page.offset + page.limit])
    following = page.offset + page.limit
    return {
        "count": count,
        "limit": page.limit,
        "offset": page.offset,
        "next": _link(request, page.limit, following) if following < count else None,
        "previous": (
            _link(request, page.limit, max(page.offset - page.limit, 0)) if page.offset else None
        ),
        "items": serialize(rows),
    }
