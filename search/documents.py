"""Writing the search index: one object's document (`refresh`, `remove`, after each save) or
everything (`reindex`: `manage.py reindex_search`, the data migration).

The index sits below the apps whose objects it holds (meetings and cases refresh it from their
services), so it imports none of them. What text each kind contributes is said by the app on
top that knows the kinds (`searchpage.sources`), which registers one `Source` per kind when it
starts (`SearchPageConfig.ready()`). A kind without a source is an error, never an empty index.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.apps import apps as django_apps
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils import timezone

from search import text
from search.models import Document, Kind

CHUNK = 2000
_FIELDS = ["title", "body", "folded", "dated"]


@dataclass(frozen=True)
class Source:
    """What one kind contributes: `model` ("app_label.Model") holds the kind's objects, and
    `documents(apps, pks)` builds the documents of those objects (every object when `pks` is
    None) from the models of `apps` (the migration passes its historical ones)."""

    model: str
    documents: Callable[[object, list[int] | None], Iterator[Document]]


_sources: dict[str, Source] = {}


def register(kind: str, source: Source) -> None:
    _sources[Kind(kind)] = source


def source(kind: str) -> Source:
    try:
        return _sources[kind]
    except KeyError:
        raise ImproperlyConfigured(
            f"No search source for {kind!r}: is `searchpage` in INSTALLED_APPS?"
        ) from None


def build(kind: str, pk: int, title: str, parts: Iterable[str], dated) -> Document:
    """A document as the index keeps it: cleaned text, case-folded for SQLite, a moment."""
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


def _vector():
    return SearchVector("title", weight="A", config="swedish") + SearchVector(
        "body", weight="B", config="swedish"
    )


def write(documents: list[Document]) -> None:
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


def refresh(kind: str, pk: int) -> None:
    """The object's document as its row holds it now; gone with the row."""
    documents = list(source(kind).documents(django_apps, [pk]))
    if documents:
        write(documents)
    else:
        remove(kind, pk)


# --- Everything (reindex_search, the data migration) ---------------------------------------


def chunks(rows: Iterator, size: int = CHUNK) -> Iterator[list]:
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def reindex(apps=django_apps) -> int:
    """Rebuild every document from the content tables; returns how many there are."""
    document_model = apps.get_model("search", "Document")
    total = 0
    for kind in Kind:
        kind_source = source(kind)
        for chunk in chunks(kind_source.documents(apps, None)):
            document_model.objects.bulk_create(
                [document_model(**_values(d)) for d in chunk],
                update_conflicts=True,
                unique_fields=["kind", "object_id"],
                update_fields=_FIELDS,
            )
            total += len(chunk)
        model = apps.get_model(kind_source.model)
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
