"""Which documents a query finds, before any visibility (see `search.selectors`).

Kept apart from the selectors, which read other apps' selectors, so that those apps' own list
filters (the case list, the minutes list) can use the same matching without an import cycle.
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
