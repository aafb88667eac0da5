"""Publishing news and keeping the shared pages (R-K1, R-K2)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts import permissions
from accounts.models import User
from audit import services as audit
from news.models import NewsItem, Page


def _require_text(title: str, body: str) -> None:
    errors = {}
    if not title.strip():
        errors["title"] = "Ange en rubrik."
    if not body.strip():
        errors["body"] = "Skriv en text."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def publish_news(
    *, by: User, title: str, body: str, at: datetime.datetime | None = None
) -> NewsItem:
    permissions.require(permissions.can_publish(by))
    _require_text(title, body)
    item = NewsItem.objects.create(
        title=title.strip(), body=body.strip(), published_at=at or timezone.now(), published_by=by
    )
    audit.record_write(
        actor=by, action="news.publish_news", target=item, after=audit.snapshot(item)
    )
    return item


@transaction.atomic
def save_page(
    *, by: User, slug: str, title: str, body: str, at: datetime.datetime | None = None
) -> Page:
    permissions.require(permissions.can_publish(by))
    _require_text(title, body)
    earlier = Page.objects.select_for_update().filter(slug=slug).first()
    page, _ = Page.objects.update_or_create(
        slug=slug,
        defaults={"title": title.strip(), "body": body.strip(), "updated_at": at or timezone.now()},
    )
    audit.record_write(
        actor=by,
        action="news.save_page",
        target=page,
        before=audit.snapshot(earlier) if earlier else None,
        after=audit.snapshot(page),
    )
    return page


@transaction.atomic
def edit_news(*, by: User, item: NewsItem, title: str, body: str) -> NewsItem:
    """Correct a published news item. Readers see the new text at once, so the change is
    recorded before and after in the audit trail, and the model's history keeps the earlier
    version."""
    permissions.require(permissions.can_publish(by))
    _require_text(title, body)
    item = NewsItem.objects.select_for_update().get(pk=item.pk)
    before = audit.snapshot(item)
    item.title, item.body = title.strip(), body.strip()
    item.edited_at = timezone.now()
    item.save(update_fields=["title", "body", "edited_at"])
    audit.record_write(
        actor=by, action="news.edit_news", target=item, before=before, after=audit.snapshot(item)
    )
    return item


@transaction.atomic
def withdraw_news(*, by: User, item: NewsItem) -> None:
    """Take a news item down (it leaves the list and the feeds). The audit row keeps what it
    said and the model's history keeps every version."""
    permissions.require(permissions.can_publish(by))
    item = NewsItem.objects.select_for_update().get(pk=item.pk)
    before = audit.snapshot(item)
    target = audit.target_of(item)
    item.delete()
    audit.record_write(actor=by, action="news.withdraw_news", target=target, before=before)
