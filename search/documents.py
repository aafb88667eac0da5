"""Writing the search index: what text each kind of object contributes, one object at a time
(called by `search.signals` and after bulk inserts) or everything (`reindex_search`, the data
migration). Functions take an app registry so the migration can run them on historical models.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator

from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.utils import timezone

from search import text
from search.models import Document, Kind

CHUNK = 2000
_FIELDS = ["title", "body", "folded", "dated"]


def _vector():
    return SearchVector("title", weight="A", config="swedish") + SearchVector(
        "body", weight="B", config="swedish"
    )


def _document(kind: str, pk: int, title: str, parts: Iterable[str], dated) -> Document:
    title = text.clean(title)[:300]
    body = text.clean("\n".join(p for p in parts if p))
    if isinstance(dated, datetime.date) and not isinstance(dated, datetime.datetime):
        dated = datetime.datetime.combine(dated, datetime.time(12), timezone.get_current_timezone())
    return Document(
        kind=kind,
        object_id=pk,
        title=title,
        body=body,
        folded=text.fold(f"{title}\n{body}"),
        dated=dated,
    )


def case_document(case) -> Document:
    number = f"{settings.REGISTER_PREFIX} {case.year}/{case.serial:04d}"
    return _document(
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
    return _document(Kind.MINUTES, minutes.pk, title, parts, meeting.starts_at)


def recommendation_document(recommendation) -> Document:
    return _document(
        Kind.RECOMMENDATION,
        recommendation.pk,
        recommendation.title,
        [recommendation.decisions, recommendation.group.name],
        recommendation.expedited_at or recommendation.adopted_on,
    )


def news_document(item) -> Document:
    return _document(Kind.NEWS, item.pk, item.title, [item.body], item.published_at)


def _write(documents: list[Document]) -> None:
    if not documents:
        return
    Document.objects.bulk_create(
        documents,
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=_FIELDS,
    )
    if connection.vendor == "postgresql":
        for kind in {d.kind for d in documents}:
            ids = [d.object_id for d in documents if d.kind == kind]
            Document.objects.filter(kind=kind, object_id__in=ids).update(vector=_vector())


def remove(kind: str, pk: int) -> None:
    Document.objects.filter(kind=kind, object_id=pk).delete()


# --- One object (after each save) --------------------------------------------------------------


def refresh_case(pk: int) -> None:
    case = django_apps.get_model("cases", "Case").objects.filter(pk=pk).first()
    if case is None:
        remove(Kind.CASE, pk)
    else:
        _write([case_document(case)])


def refresh_minutes(pk: int) -> None:
    minutes_model = django_apps.get_model("meetings", "Minutes")
    minutes = minutes_model.objects.select_related("meeting__group").filter(pk=pk).first()
    if minutes is None:
        remove(Kind.MINUTES, pk)
        return
    items = minutes.items.order_by("position").values_list("title", "notes", "decisions")
    _write([minutes_document(minutes, items)])


def refresh_recommendation(pk: int) -> None:
    model = django_apps.get_model("cases", "Recommendation")
    recommendation = model.objects.select_related("group").filter(pk=pk).first()
    if recommendation is None:
        remove(Kind.RECOMMENDATION, pk)
        return
    _write([recommendation_document(recommendation)])


def refresh_news(pk: int) -> None:
    item = django_apps.get_model("news", "NewsItem").objects.filter(pk=pk).first()
    if item is None:
        remove(Kind.NEWS, pk)
    else:
        _write([news_document(item)])


# --- Everything (reindex_search, the data migration) ---------------------------------------


def _chunks(rows: Iterator, size: int = CHUNK) -> Iterator[list]:
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _all_documents(apps) -> Iterator[tuple[str, type, Iterator[Document]]]:
    case_model = apps.get_model("cases", "Case")
    yield (
        Kind.CASE,
        case_model,
        (case_document(c) for c in case_model.objects.order_by("pk").iterator(CHUNK)),
    )

    minutes_model = apps.get_model("meetings", "Minutes")
    item_model = apps.get_model("meetings", "MinutesItem")

    def minutes_documents():
        rows = minutes_model.objects.select_related("meeting__group").order_by("pk")
        for chunk in _chunks(rows.iterator(CHUNK)):
            items: dict[int, list] = {}
            for row in (
                item_model.objects.filter(minutes_id__in=[m.pk for m in chunk])
                .order_by("minutes_id", "position")
                .values_list("minutes_id", "title", "notes", "decisions")
            ):
                items.setdefault(row[0], []).append(row[1:])
            yield from (minutes_document(m, items.get(m.pk, [])) for m in chunk)

    yield Kind.MINUTES, minutes_model, minutes_documents()

    rec_model = apps.get_model("cases", "Recommendation")
    recs = rec_model.objects.select_related("group").order_by("pk").iterator(CHUNK)
    yield Kind.RECOMMENDATION, rec_model, (recommendation_document(r) for r in recs)

    news_model = apps.get_model("news", "NewsItem")
    yield (
        Kind.NEWS,
        news_model,
        (news_document(n) for n in news_model.objects.order_by("pk").iterator(CHUNK)),
    )


def reindex(apps=django_apps) -> int:
    """Rebuild every document from the content tables; returns how many there are."""
    document_model = apps.get_model("search", "Document")
    total = 0
    for kind, model, documents in _all_documents(apps):
        for chunk in _chunks(documents):
            document_model.objects.bulk_create(
                [document_model(**_values(d)) for d in chunk],
                update_conflicts=True,
                unique_fields=["kind", "object_id"],
                update_fields=_FIELDS,
            )
            total += len(chunk)
        gone = document_model.objects.filter(kind=kind).exclude(
            object_id__in=model.objects.values("pk")
        )
        gone.delete()
    if connection.vendor == "postgresql":
        document_model.objects.update(vector=_vector())
    return total


def _values(document: Document) -> dict:
    return {
        "kind": document.kind,
        "object_id": document.object_id,
        **{f: getattr(document, f) for f in _FIELDS},
    }
