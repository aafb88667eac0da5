"""News items and the small set of public pages (guidelines, värdegrund, goals,
Framtidsbild) the coordinator keeps (R-K1, R-K2). Text is Markdown, shown sanitised."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from lib.markdown import render


class NewsItem(models.Model):
    title = models.CharField("rubrik", max_length=200)
    body = models.TextField("text", help_text="Markdown: **fet**, *kursiv*, listor, länkar.")
    published_at = models.DateTimeField("publicerad", db_index=True)
    # When a published item was last corrected (the feeds' `updated`); empty if never.
    edited_at = models.DateTimeField("ändrad", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "nyhet"
        verbose_name_plural = "nyheter"
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("news:detail", args=[self.pk])

    @property
    def html(self):
        return render(self.body)


class Page(models.Model):
    slug = models.SlugField("adress", unique=True)
    title = models.CharField("rubrik", max_length=200)
    body = models.TextField("text", help_text="Markdown: **fet**, *kursiv*, listor, länkar.")
    updated_at = models.DateTimeField("uppdaterad")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "sida"
        verbose_name_plural = "sidor"
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("news:page", args=[self.slug])

    @property
    def html(self):
        return render(self.body)
