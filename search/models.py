"""The search index: one row of text per searchable object (R-Q3).

A row holds only *content* (title, text, a date to sort by). Who may see it is never stored
here: every search joins the live tables (`searchpage.selectors`), so minutes approved later, a
recommendation expedited or a case moved to another group are right at once, whatever the
index holds. The content is kept current by `searchpage.signals` and `manage.py reindex_search`
(see `search.documents`).
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class Kind(models.TextChoices):
    CASE = "case", "Ärende"
    MINUTES = "minutes", "Minnesanteckningar"
    RECOMMENDATION = "recommendation", "Rekommendation"
    NEWS = "news", "Nyhet"


# How the counts per kind name them.
PLURAL = {
    Kind.CASE: "Ärenden",
    Kind.MINUTES: "Minnesanteckningar",
    Kind.RECOMMENDATION: "Rekommendationer",
    Kind.NEWS: "Nyheter",
}


class Document(models.Model):
    kind = models.CharField("typ", max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField("id")
    title = models.CharField("rubrik", max_length=300)
    body = models.TextField("text", blank=True)
    # SQLite: title and text case-folded in Python ("Äldre" -> "äldre"), searched with LIKE.
    folded = models.TextField("sökbar text", blank=True)
    # PostgreSQL: the `swedish` tsvector (title weight A, text B), GIN-indexed (migration 0002).
    vector = SearchVectorField(null=True, editable=False)
    dated = models.DateTimeField("datum")

    class Meta:
        verbose_name = "sökdokument"
        verbose_name_plural = "sökdokument"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_one_document")
        ]
        indexes = [models.Index(fields=["kind", "dated"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"
