"""Reading the search index: what matches a query, limited in SQL to what the person may see.

Visibility is decided from the live tables on every query by asking the owning apps: cases
`cases.selectors.visible_cases`, minutes `Minutes.objects.visible_to` (the SQL form of
`permissions.can_see_minutes`), recommendations `Recommendation.objects.expedited`, every news
item.

PostgreSQL: `websearch_to_tsquery('swedish', …)` on the GIN-indexed tsvector, ranked with
ts_rank, snippets by ts_headline. SQLite: every word of the query must occur in the case-folded
text (LIKE), newest first, snippets cut in Python from the page's rows only.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchRank
from django.core.paginator import Page
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Value
from django.urls import reverse
from django.utils.safestring import SafeString

from accounts import permissions
from cases.models import Recommendation
from cases.selectors import visible_cases
from lib.pagination import page_or_first
from meetings.models import Minutes
from news.models import NewsItem
from search import text
from search.models import Document, Kind
from search.query import is_postgres, matches, tsquery

PAGE_SIZE = 20


def visible_to(user) -> tuple[dict[str, Exists], Q]:
    """Documents whose object the user may see now: one correlated EXISTS per kind (aliases to
    add to the queryset) and the condition over them."""
    this = OuterRef("object_id")
    condition = (
        Q(kind=Kind.MINUTES, may_see_minutes=True)
        | Q(kind=Kind.RECOMMENDATION, may_see_recommendation=True)
        | Q(kind=Kind.NEWS, may_see_news=True)
    )
    annotations = {
        "may_see_minutes": Exists(Minutes.objects.visible_to(user).filter(pk=this)),
        "may_see_recommendation": Exists(Recommendation.objects.expedited().filter(pk=this)),
        "may_see_news": Exists(NewsItem.objects.filter(pk=this)),
    }
    groups = permissions.viewing_group_ids(user)
    if groups is None or groups:  # cases are internal: nobody else may see any
        annotations["may_see_case"] = Exists(visible_cases(user).filter(pk=this))
        condition |= Q(kind=Kind.CASE, may_see_case=True)
    return annotations, condition


def _found(user, query: str) -> QuerySet[Document]:
    annotations, condition = visible_to(user)
    return Document.objects.filter(matches(query)).alias(**annotations).filter(condition)


def counts_by_kind(user, query: str) -> dict[str, int]:
    """How many hits of each kind the user may see (one query)."""
    totals = _found(user, query).aggregate(
        **{kind.value: Count("pk", filter=Q(kind=kind)) for kind in Kind}
    )
    return {kind: totals[kind] or 0 for kind in Kind}


@dataclass
class Hit:
    kind: str
    kind_label: str
    title: str
    url: str
    snippet: SafeString
    dated: object


_URLS = {
    Kind.CASE: "cases:case_detail",
    Kind.MINUTES: "meetings:minutes_detail",
    Kind.RECOMMENDATION: "cases:recommendation_detail",
    Kind.NEWS: "news:detail",
}


def _ranked(user, query: str, kind: str | None) -> QuerySet[Document]:
    found = _found(user, query)
    if kind:
        found = found.filter(kind=kind)
    found = found.only("kind", "object_id", "title", "body", "dated")
    if is_postgres():
        parsed = tsquery(query)
        return found.annotate(
            rank=SearchRank(F("vector"), parsed),
            headline=SearchHeadline(
                "body",
                parsed,
                config="swedish",
                start_sel=text.MARK_START,
                stop_sel=text.MARK_END,
                max_words=30,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        ).order_by("-rank", "-dated", "-pk")
    return found.annotate(rank=Value(0)).order_by("-dated", "-pk")


def search_page(user, query: str, *, kind: str | None, number, counts: dict[str, int]) -> Page:
    """One page of hits, newest/best first (page 1 for a page number that is not one); the
    count comes from `counts_by_kind`."""
    page = page_or_first(
        _ranked(user, query, kind),
        number,
        PAGE_SIZE,
        count=counts[kind] if kind else sum(counts.values()),
    )
    query_words = text.words(query)
    page.object_list = [_hit(document, query_words) for document in page.object_list]
    return page


def _hit(document: Document, query_words: list[str]) -> Hit:
    if is_postgres():
        snippet = text.headline_html(document.headline)
    else:
        snippet = text.snippet_html(document.body, query_words)
    return Hit(
        kind=document.kind,
        kind_label=Kind(document.kind).label,
        title=document.title,
        url=reverse(_URLS[document.kind], args=[document.object_id]),
        snippet=snippet,
        dated=document.dated,
    )
