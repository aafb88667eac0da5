"""The public querysets OParl publishes, each built on the domain apps' public selectors."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest

from cases import selectors as case_selectors
from cases.models import Recommendation, Treatment
from meetings import selectors as meeting_selectors
from meetings.models import Meeting, Minutes, MinutesItem, MinutesStatus
from structure.models import County, Group, Membership, Person, Principal, StructurePeriod


def body_stamps() -> tuple:
    """The Body's (and System's) `created` and `modified`: the county row's stamps."""
    row = County.objects.order_by("pk").values_list("created_at", "updated_at").first()
    return row or (None, None)


def periods() -> QuerySet[StructurePeriod]:
    return StructurePeriod.objects.order_by("effective_from", "pk")


def groups() -> QuerySet[Group]:
    return Group.objects.prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.only("pk", "group_id").order_by("pk"))
    ).order_by("order", "name", "pk")


def principals() -> QuerySet[Principal]:
    return Principal.objects.order_by("side", "name", "pk")


def memberships() -> QuerySet[Membership]:
    """Every membership, current and past: public member fields only are ever serialised."""
    return Membership.objects.select_related("person").order_by("pk")


def persons() -> QuerySet[Person]:
    return (
        Person.objects.filter(memberships__isnull=False)
        .distinct()
        .prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.select_related("person"))
        )
        .order_by("last_name", "first_name", "pk")
    )


def meetings() -> QuerySet[Meeting]:
    return meeting_selectors.public_meetings().order_by("starts_at", "pk")


# An item's `created` is its first version's; it changed no earlier than it was published.
ITEM_CREATED = Coalesce("origin__created_at", "created_at")
ITEM_PUBLISHED = Greatest("updated_at", Coalesce("minutes__approved_at", "updated_at"))


def current_minutes() -> QuerySet[Minutes]:
    """The approved public minutes that no approved correction has replaced."""
    return (
        meeting_selectors.approved_minutes()
        .filter(is_corrected=False, meeting__is_public=True)
        .prefetch_related(
            Prefetch(
                "items",
                queryset=MinutesItem.objects.annotate(
                    oparl_created=ITEM_CREATED, oparl_modified=ITEM_PUBLISHED
                ).order_by("position"),
            )
        )
    )


def minutes_by_meeting(meeting_ids: list[int]) -> dict[int, Minutes]:
    result: dict[int, Minutes] = {}
    for minutes in current_minutes().filter(meeting_id__in=meeting_ids).order_by("version"):
        result[minutes.meeting_id] = minutes
    return result


def files() -> QuerySet[Minutes]:
    """Approved public minutes (every version) of the meetings in the public calendar."""
    return meeting_selectors.approved_minutes().filter(meeting__is_public=True).order_by("pk")


def agenda_items(*, with_removed: bool = False) -> QuerySet[MinutesItem]:
    """The items of the current approved public minutes, each under its identity across
    corrections (`lineage_id`, its first version's id): `oparl_created` is when that first
    version was made, `oparl_modified` the last change, no earlier than the approval of the
    version that publishes it (a harvester that asked before the approval learns of it).

    With `with_removed`, also OParl's deleted objects (§2.8): items whose identity a correction
    ended (the approved correction has no item carried over from them), once each, with
    `oparl_modified` when that correction was approved. An item a correction carried over is
    not a separate object: the current version's item is the same one."""
    public = (
        meeting_selectors.approved_minutes().filter(meeting__is_public=True).order_by().values("pk")
    )
    corrections = Minutes.objects.filter(
        supersedes=OuterRef("minutes_id"), status=MinutesStatus.APPROVED
    )
    carried_over = MinutesItem.objects.filter(
        minutes__supersedes=OuterRef("minutes_id"),
        minutes__status=MinutesStatus.APPROVED,
        origin_id=Coalesce(OuterRef("origin_id"), OuterRef("pk")),
    )
    items = (
        MinutesItem.objects.filter(minutes__in=public)
        .annotate(
            removed=Exists(corrections),
            carried=Exists(carried_over),
            oparl_created=ITEM_CREATED,
            oparl_modified=Coalesce(
                Subquery(corrections.order_by("approved_at").values("approved_at")[:1]),
                ITEM_PUBLISHED,
            ),
        )
        .exclude(removed=True, carried=True)
        .select_related("minutes")
        .order_by("minutes_id", "position", "pk")
    )
    return items if with_removed else items.filter(removed=False)


def agenda_item_by_lineage(pk: int) -> MinutesItem | None:
    """The published item (or tombstone) whose identity is `pk`."""
    return (
        agenda_items(with_removed=True)
        .filter(Q(origin_id=pk) | Q(pk=pk, origin__isnull=True))
        .order_by("removed", "-minutes__version")
        .first()
    )


def carried_item_origin(pk: int) -> int | None:
    """The identity of a published item's later-version row `pk` (None if there is none)."""
    public = meeting_selectors.approved_minutes().filter(meeting__is_public=True).values("pk")
    return (
        MinutesItem.objects.filter(pk=pk, origin__isnull=False, minutes__in=public)
        .values_list("origin_id", flat=True)
        .first()
    )


def papers() -> QuerySet[Recommendation]:
    return case_selectors.public_recommendations().order_by("pk")


def public_treatments() -> QuerySet[Treatment]:
    """Treatments of cases with an expedited recommendation: their path is public."""
    public_cases = papers().values("case_id")
    return Treatment.objects.filter(case_id__in=public_cases).order_by(
        "happened_on", "recorded_at", "pk"
    )


def treatments_by_case(case_ids: list[int]) -> dict[int, list[Treatment]]:
    result: dict[int, list[Treatment]] = {}
    for treatment in public_treatments().filter(case_id__in=case_ids):
        result.setdefault(treatment.case_id, []).append(treatment)
    return result


def papers_by_case(case_ids) -> dict[int, list[tuple[datetime.date, int]]]:
    """Each case's public papers as (adopted on, id), in the order they were adopted."""
    result: dict[int, list[tuple[datetime.date, int]]] = {}
    rows = (
        papers()
        .filter(case_id__in=list(case_ids))
        .order_by("adopted_on", "pk")
        .values_list("case_id", "adopted_on", "pk")
    )
    for case_id, adopted_on, pk in rows:
        result.setdefault(case_id, []).append((adopted_on, pk))
    return result


def paper_of(treatment: Treatment, case_papers: list[tuple[datetime.date, int]]) -> int:
    """The paper a treatment is a consultation of: the case's first recommendation adopted on or
    after the treatment (the treatment prepared or adopted it); after the last one, the last.
    A case with several recommendations thus gives each its own part of the path."""
    for adopted_on, pk in case_papers:
        if adopted_on >= treatment.happened_on:
            return pk
    return case_papers[-1][1]


def public_meeting_ids(meeting_ids) -> set[int]:
    ids = [pk for pk in meeting_ids if pk]
    return set(meeting_selectors.public_meetings().filter(pk__in=ids).values_list("pk", flat=True))


def locations() -> QuerySet[Meeting]:
    return meetings().exclude(location="")
