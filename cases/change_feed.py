"""What changed for the principals a user registers decisions for, oldest first: the read
behind the API's changes feed, so a diarium learns of new expeditions, registrations and
corrections without walking every recommendation (R-C4).

Three kinds of event, each read from the row that records it (no event table of its own):

- a recommendation expedited to a principal (`Addressee`, at `Recommendation.expedited_at`),
- a decision registered (`PrincipalDecision.registered_at`),
- a decision corrected (`DecisionCorrection.corrected_at`).

The order is total and stable: (moment, kind, row id). A page is read with a keyset after a
`Position` (the cursor), one query per kind with the page's limit, merged here, so a page costs
the same number of queries whatever its size. Which principals a user sees is the registrar
inbox's rule (`selectors.addressees_for_registration`): a registrar its own, a coordinator all.
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass

from django.db.models import Q

from cases import selectors
from cases.models import DecisionCorrection, PrincipalDecision


class Kind(enum.IntEnum):
    """The kinds in the order they sort within one moment (an expedition before a decision on
    it, a registration before its correction)."""

    EXPEDITED = 0
    REGISTERED = 1
    CORRECTED = 2

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    Kind.EXPEDITED: "recommendation.expedited",
    Kind.REGISTERED: "decision.registered",
    Kind.CORRECTED: "decision.corrected",
}


@dataclass(frozen=True, order=True)
class Position:
    """A place in the feed: everything up to and including this event has been read."""

    at: datetime.datetime
    kind: Kind
    id: int


@dataclass(frozen=True)
class Change:
    position: Position
    recommendation_id: int
    principal_code: str
    decision_id: int | None = None
    correction_id: int | None = None

    @property
    def kind(self) -> Kind:
        return self.position.kind

    @property
    def at(self) -> datetime.datetime:
        return self.position.at


def _after(field: str, kind: Kind, since: Position | None, until: datetime.datetime) -> Q:
    """Rows of one kind strictly after `since` in the feed's order, and not after `until`."""
    condition = Q(**{f"{field}__lte": until})
    if since is None:
        return condition
    later = Q(**{f"{field}__gt": since.at})
    if kind > since.kind:
        later |= Q(**{field: since.at})
    elif kind == since.kind:
        later |= Q(**{field: since.at, "pk__gt": since.id})
    return condition & later


def changes(
    user,
    *,
    since: Position | None,
    limit: int,
    until: datetime.datetime,
    principal=None,
) -> tuple[list[Change], bool]:
    """The first `limit` changes after `since` (none later than `until`), and whether more
    follow; only `principal`'s when given (a token for one principal). Three queries, whatever
    `limit` is."""
    scope = selectors.addressees_for_registration(user)
    if principal is not None:
        scope = scope.filter(principal=principal)
    expedited = (
        scope.filter(_after("recommendation__expedited_at", Kind.EXPEDITED, since, until))
        .select_related(None)
        .select_related("principal", "recommendation")
        .order_by("recommendation__expedited_at", "pk")[: limit + 1]
    )
    registered = (
        PrincipalDecision.objects.filter(addressee__in=scope.values("pk"))
        .filter(_after("registered_at", Kind.REGISTERED, since, until))
        .select_related("addressee__principal")
        .order_by("registered_at", "pk")[: limit + 1]
    )
    corrected = (
        DecisionCorrection.objects.filter(decision__addressee__in=scope.values("pk"))
        .filter(_after("corrected_at", Kind.CORRECTED, since, until))
        .select_related("decision__addressee__principal")
        .order_by("corrected_at", "pk")[: limit + 1]
    )
    found = [
        Change(
            Position(a.recommendation.expedited_at, Kind.EXPEDITED, a.pk),
            a.recommendation_id,
            a.principal.code,
        )
        for a in expedited
    ]
    found += [
        Change(
            Position(d.registered_at, Kind.REGISTERED, d.pk),
            d.addressee.recommendation_id,
            d.addressee.principal.code,
            decision_id=d.pk,
        )
        for d in registered
    ]
    found += [
        Change(
            Position(c.corrected_at, Kind.CORRECTED, c.pk),
            c.decision.addressee.recommendation_id,
            c.decision.addressee.principal.code,
            decision_id=c.decision_id,
            correction_id=c.pk,
        )
        for c in corrected
    ]
    found.sort(key=lambda change: change.position)
    return found[:limit], len(found) > limit
