"""Which documents a query finds, before any visibility (see `searchpage.selectors`).

Part of the index, below meetings and cases, so that their own list filters (the case list,
the minutes list) use the same matching as `/sok/`; the visibility, which asks those apps, is
the search page's (`searchpage.selectors`).
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Q, QuerySet

from search import text
from search.models import Document


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def tsquery(query: str) -> SearchQuery:
    return SearchQuery(text.clean(query), config="swedish", search_type="websearch")


def matches(query: str) -> Q:
    """The documents the query finds, whoever asks (combine with `visible_to`)."""
    if not text.has_words(query):
        return Q(pk__in=[])
    if is_postgres():
        return Q(vector=tsquery(query))
    condition = Q()
    for word in text.words(query):
        condition &= Q(folded__contains=word)
    return condition


def matching_ids(kind: str, query: str) -> QuerySet[Document]:
    """Ids of the objects of one kind that match: for the text filters of the lists."""
    return Document.objects.filter(matches(query), kind=kind).values("object_id")
