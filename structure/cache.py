"""Cached structure pages: rendered once per structure version, then served from the cache.

The public structure pages (start page, chart, groups, principals) read only structure data,
which changes a few times a year. Their structure part is rendered to HTML once and kept in
Django's cache under a key made of the page, its arguments, today's date (memberships and
mandates start and end by date) and the structure version.

The version is a database row (`StructureVersion`), given a new value in the same transaction
as every change of a structure model: a signal on every save and delete of the structure app's
models, so the admin, `load_structure`, the services of other apps and anything written later
all invalidate without having to remember to. (This is cache bookkeeping, not a hidden business
write.) Bulk writes send no signals: code that uses `bulk_create`, `QuerySet.update()` or raw SQL
on structure tables (a bench seeder, a data migration) calls `bump_version()` itself.

Because the version is read from the database once per request, several app servers agree on it
even when each has its own local cache; a shared cache (Redis) only saves work.

Only HTML that is the same for everyone is cached: never the page frame (navigation, who is
signed in, messages, CSRF tokens), never contact details or anything else a permission decides.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from structure.models import StructureVersion

VERSION_ROW = 1
_REQUEST_ATTR = "_structure_version"


def current_version() -> int:
    value = StructureVersion.objects.filter(pk=VERSION_ROW).values_list("value", flat=True).first()
    return value or 0


def bump_version() -> None:
    """Invalidate every cached structure page (runs in the caller's transaction).

    The new version is a random number, not the old one plus one: after a rolled-back
    transaction or a restored backup the row holds an older number again, and a counter would
    then reuse numbers whose cached pages show data that no longer exists.
    """
    value = secrets.randbits(62)
    if not StructureVersion.objects.filter(pk=VERSION_ROW).update(value=value):
        StructureVersion.objects.update_or_create(pk=VERSION_ROW, defaults={"value": value})


def request_version(request) -> int:
    """The structure version, read at most once per request."""
    if not hasattr(request, _REQUEST_ATTR):
        setattr(request, _REQUEST_ATTR, current_version())
    return getattr(request, _REQUEST_ATTR)


def fragment_key(request, name: str, *parts: object) -> str:
    today = timezone.localdate().isoformat()
    tail = ":".join(str(p) for p in parts)
    return f"structure:{request_version(request)}:{today}:{name}:{tail}"


def cached_fragment(request, name: str, *parts: object, render: Callable[[], str]) -> SafeString:
    """The HTML `render()` gives, from the cache when this structure version has it already."""
    key = fragment_key(request, name, *parts)
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, str(html), settings.STRUCTURE_CACHE_SECONDS)
    # Rendered by our own templates (autoescaped) or the chart builder (escapes every text).
    return mark_safe(html)  # noqa: S308
