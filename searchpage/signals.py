"""Keeps the index's *content* current on every save, wherever it comes from (services, the
admin, commands). Who may see a document is not stored, so state changes need nothing here.

The receivers live here, above the content apps, so that the index below them imports none.
Bulk writes send no signals: services that bulk-create minutes items call
`search.documents.refresh` themselves, and bulk loads run `manage.py reindex_search`.
The refresh runs inside the saving transaction, so a rolled-back save leaves no trace.
"""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from cases.models import Case, Recommendation
from meetings.models import Meeting, Minutes, MinutesItem
from news.models import NewsItem
from search import documents
from search.models import Kind
from structure.models import Group


@receiver(post_save, sender=Case)
def _case_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        documents.refresh(Kind.CASE, instance.pk)


@receiver(post_save, sender=Minutes)
def _minutes_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        documents.refresh(Kind.MINUTES, instance.pk)


@receiver(post_save, sender=MinutesItem)
@receiver(post_delete, sender=MinutesItem)
def _minutes_item_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        documents.refresh(Kind.MINUTES, instance.minutes_id)


@receiver(post_save, sender=Meeting)
def _meeting_saved(sender, instance, raw=False, created=False, **kwargs):
    """The meeting's title is part of its minutes' title."""
    if raw or created:
        return
    for pk in Minutes.objects.filter(meeting=instance).values_list("pk", flat=True):
        documents.refresh(Kind.MINUTES, pk)


@receiver(pre_save, sender=Group)
def _group_saving(sender, instance, raw=False, **kwargs):
    """The group's name is in its minutes' and recommendations' text: note a rename."""
    if raw or instance.pk is None:
        return
    old = Group.objects.filter(pk=instance.pk).values_list("name", flat=True).first()
    instance._search_renamed = old is not None and old != instance.name


@receiver(post_save, sender=Group)
def _group_saved(sender, instance, raw=False, **kwargs):
    if raw or not getattr(instance, "_search_renamed", False):
        return
    instance._search_renamed = False
    for pk in Minutes.objects.filter(meeting__group=instance).values_list("pk", flat=True):
        documents.refresh(Kind.MINUTES, pk)
    for pk in Recommendation.objects.filter(group=instance).values_list("pk", flat=True):
        documents.refresh(Kind.RECOMMENDATION, pk)


@receiver(post_save, sender=Recommendation)
def _recommendation_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        documents.refresh(Kind.RECOMMENDATION, instance.pk)


@receiver(post_save, sender=NewsItem)
def _news_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        documents.refresh(Kind.NEWS, instance.pk)


@receiver(post_delete, sender=Case)
def _case_deleted(sender, instance, **kwargs):
    documents.remove(Kind.CASE, instance.pk)


@receiver(post_delete, sender=Minutes)
def _minutes_deleted(sender, instance, **kwargs):
    documents.remove(Kind.MINUTES, instance.pk)


@receiver(post_delete, sender=Recommendation)
def _recommendation_deleted(sender, instance, **kwargs):
    documents.remove(Kind.RECOMMENDATION, instance.pk)


@receiver(post_delete, sender=NewsItem)
def _news_deleted(sender, instance, **kwargs):
    documents.remove(Kind.NEWS, instance.pk)
