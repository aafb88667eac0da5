"""What text each kind of object contributes to the search index, registered with the index
(`search.documents.register`) when the app starts.

The index sits below meetings and cases and cannot read them; this app sits above them and
says, per kind, which rows hold the objects and what their title, text and date are. Every
function takes an app registry so the index's data migration can run them on historical
models.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.conf import settings
from django.utils import timezone

from search import documents
from search.documents import CHUNK, Source, build, chunks
from search.models import Document, Kind


def case_document(case) -> Document:
    number = f"{settings.REGISTER_PREFIX} {case.year}/{case.serial:04d}"
    return build(
        Kind.CASE, case.pk, case.title, [number, case.description, case.proposal], case.created_at
    )


def minutes_document(minutes, items: Iterable) -> Document:
    """Items are (title, notes, decisions) rows; the meeting's title and group are searchable."""
    meeting = minutes.meeting
    day = timezone.localtime(meeting.starts_at).date()
    title = f"{meeting.title or meeting.group.name} {day:%Y-%m-%d}"
    parts = [meeting.group.name, minutes.summary]
    for row in items:
        parts.extend(row)
    return build(Kind.MINUTES, minutes.pk, title, parts, meeting.starts_at)


def recommendation_document(recommendation) -> Document:
    return build(
        Kind.RECOMMENDATION,
        recommendation.pk,
        recommendation.title,
        [recommendation.decisions, recommendation.group.name],
        recommendation.expedited_at or recommendation.adopted_on,
    )


def news_document(item) -> Document:
    return build(Kind.NEWS, item.pk, item.title, [item.body], item.published_at)


def _each(rows, pks: list[int] | None) -> Iterator:
    """Every row in chunks (a reindex), or the few asked for after a save."""
    rows = rows.order_by("pk")
    return rows.iterator(CHUNK) if pks is None else iter(rows.filter(pk__in=pks))


def cases(apps, pks: list[int] | None) -> Iterator[Document]:
    rows = apps.get_model("cases", "Case").objects.all()
    return (case_document(c) for c in _each(rows, pks))


def minutes(apps, pks: list[int] | None) -> Iterator[Document]:
    item_model = apps.get_model("meetings", "MinutesItem")
    rows = apps.get_model("meetings", "Minutes").objects.select_related("meeting__group")
    for chunk in chunks(_each(rows, pks)):
        items: dict[int, list] = {}
        for row in (
            item_model.objects.filter(minutes_id__in=[m.pk for m in chunk])
            .order_by("minutes_id", "position")
            .values_list("minutes_id", "title", "notes", "decisions")
        ):
            items.setdefault(row[0], []).append(row[1:])
        yield from (minutes_document(m, items.get(m.pk, [])) for m in chunk)


def recommendations(apps, pks: list[int] | None) -> Iterator[Document]:
    rows = apps.get_model("cases", "Recommendation").objects.select_related("group")
    return (recommendation_document(r) for r in _each(rows, pks))


def news(apps, pks: list[int] | None) -> Iterator[Document]:
    rows = apps.get_model("news", "NewsItem").objects.all()
    return (news_document(n) for n in _each(rows, pks))


def register() -> None:
    documents.register(Kind.CASE, Source("cases.Case", cases))
    documents.register(Kind.MINUTES, Source("meetings.Minutes", minutes))
    documents.register(Kind.RECOMMENDATION, Source("cases.Recommendation", recommendations))
    documents.register(Kind.NEWS, Source("news.NewsItem", news))
