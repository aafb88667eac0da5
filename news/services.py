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
