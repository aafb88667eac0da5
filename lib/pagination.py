"""One way to page a list: `?sida=N`, 25 rows a page, the count done in SQL.

A page number that is not a number, below 1 or past the last page shows page 1 (a hostile or
stale link never breaks the page). The page's rows are sliced in SQL, so whatever a page then
computes for its rows (counts, aggregates) is bounded by the page size, not by the data.

The same parser and slicing serve lists with other rules: OParl's `?page=N` answers 404 for a
page that is not one (`page_number` and `page_at`, see `oparl/views.py`).
"""

from __future__ import annotations

import re

from django.core.paginator import Page, Paginator

PAGE_SIZE = 25
PAGE_PARAM = "sida"
MAX_PAGE = 100_000  # past this a page number is not one (and never reaches the database)

_DIGITS = re.compile(r"[0-9]{1,6}")


def page_number(raw: str | None) -> int | None:
    """The page number a link asks for: digits only, 1 to MAX_PAGE; None for anything else
    (missing, empty, text, signs, decimals, 0, too large)."""
    if raw is None or not _DIGITS.fullmatch(raw):
        return None
    number = int(raw)
    return number if 1 <= number <= MAX_PAGE else None


def paginator(object_list, per_page: int = PAGE_SIZE, *, count: int | None = None) -> Paginator:
    """A paginator over the list; `count` when the caller has counted it already."""
    pages = Paginator(object_list, per_page)
    if count is not None:
        pages.count = count
    return pages


def page_at(pages: Paginator, number: int | None) -> Page | None:
    """Page `number`, its rows sliced in SQL; None when there is no such page."""
    if number is None or number > pages.num_pages:
        return None
    return pages.page(number)


def page_or_first(
    object_list, raw: str | None, per_page: int = PAGE_SIZE, *, count: int | None = None
) -> Page:
    """The page `raw` names, or page 1 when it is not one."""
    pages = paginator(object_list, per_page, count=count)
    return page_at(pages, page_number(raw)) or pages.page(1)


def paginate(request, object_list, per_page: int = PAGE_SIZE, *, count: int | None = None) -> Page:
    """The page `?sida=` asks for, or page 1 when it is not one."""
    return page_or_first(object_list, request.GET.get(PAGE_PARAM), per_page, count=count)


def query_without_page(request) -> str:
    """The list's other parameters (filters), for the page links."""
    query = request.GET.copy()
    query.pop(PAGE_PARAM, None)
    return query.urlencode()
