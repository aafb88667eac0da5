"""Reads for the downloads (R-C4, R-C5): rows as plain values, streamed from the database.

An export may hold every public recommendation there is, so nothing here builds a list: the
rows come from `QuerySet.iterator(chunk_size=…)` (a server-side cursor on PostgreSQL) and are
written out as they arrive (see `lib.exports`). The counts are correlated subqueries and the
columns plain values, so the number of queries does not grow with the number of rows.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Protocol

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from cases import selectors
from cases.models import Addressee, DecisionOutcome, Recommendation
from structure.models import Group

# Rows fetched from the database at a time.
CHUNK_SIZE = 2000
# A balance-list chunk carries its cases' recommendations, addressees, decisions and
# treatments (about 14 KB a case at national volume): 500 keep a chunk near 7 MB.
BALANCE_CHUNK_SIZE = 500

RECOMMENDATION_FIELDS = (
    "pk",
    "case__year",
    "case__serial",
    "title",
    "group__name",
    "adopted_on",
    "expedited_at",
    "addressed",
    "decided",
    "approved",
    "partly",
    "rejected",
)


class RecommendationRow(Protocol):
    """One row of `recommendation_rows` (a named tuple of RECOMMENDATION_FIELDS)."""

    pk: int
    case__year: int
    case__serial: int
    title: str
    group__name: str
    adopted_on: datetime.date
    expedited_at: datetime.datetime
    addressed: int
    decided: int
    approved: int
    partly: int
    rejected: int


def _addressees(**conditions) -> Coalesce:
    """The recommendation's addressees that meet the conditions, counted per row (an index
    lookup per recommendation, no GROUP BY over the whole table)."""
    counted = (
        Addressee.objects.filter(recommendation=OuterRef("pk"), **conditions)
        .order_by()
        .values("recommendation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def public_recommendations() -> QuerySet[Recommendation]:
    """Expedited recommendations (what is public), newest expedition first, with the counts
    under the names `selectors.public_recommendations` uses, so `RecommendationFilter` applies
    to both alike."""
    return (
        Recommendation.objects.expedited()
        .annotate(
            addressed=_addressees(),
            decided=_addressees(decision__isnull=False),
            approved=_addressees(decision__outcome=DecisionOutcome.APPROVED),
            partly=_addressees(decision__outcome=DecisionOutcome.PARTLY_APPROVED),
            rejected=_addressees(decision__outcome=DecisionOutcome.REJECTED),
        )
        .order_by("-expedited_at", "-pk")
    )


def recommendation_rows(recommendations: QuerySet[Recommendation]) -> Iterator[RecommendationRow]:
    """The (filtered) `public_recommendations()` as named tuples, fetched CHUNK_SIZE at a time
    when the first row is asked for."""
    return recommendations.values_list(*RECOMMENDATION_FIELDS, named=True).iterator(
        chunk_size=CHUNK_SIZE
    )


def balance_rows(group: Group) -> Iterator[selectors.BalanceRow]:
    """The group's public balance list, read BALANCE_CHUNK_SIZE cases at a time (each chunk
    with its own prefetch queries, so the count grows with chunks of rows, never with rows)."""
    cases = selectors.balance_cases(group, public=True)
    for case in cases.iterator(chunk_size=BALANCE_CHUNK_SIZE):
        yield selectors.balance_row(case)
