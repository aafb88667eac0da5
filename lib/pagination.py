"""One way to page a list: `?sida=N`, 25 rows a page, the count done in SQL.

A page number that is not a number, below 1 or past the last page shows page 1 (a hostile or
stale link never breaks the page). The page's rows are sliced in SQL, so whatever a page then
computes for its rows (counts, aggregates) is bounded by the page size, not by the data.
"""

from __future__ import annotations

from django.core.paginator import InvalidPage, Page, Paginator

PAGE_SIZE = 25
PAGE_PARAM = "sida"


def paginate(request, object_list, per_page: int = PAGE_SIZE) -> Page:
    paginator = Paginator(object_list, per_page)
    try:
        return paginator.page(request.GET.get(PAGE_PARAM) or 1)
    except InvalidPage:
        return paginator.page(1)


def query_without_page(request) -> str:
    """The list's other parameters (filters), for the page links."""
    query = request.GET.copy()
    query.pop(PAGE_PARAM, None)
    return query.urlencode()
