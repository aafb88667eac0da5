"""The site's own address, for every link that leaves the site: mail, calendars, PDFs.

A request's Host header is whatever the client sent, so absolute links are built from the
configured `SITE_URL` instead, never from `request.build_absolute_uri()`.
"""

from __future__ import annotations

from django.conf import settings


def site_url() -> str:
    """The configured address of the site, without a trailing slash."""
    return settings.SITE_URL.rstrip("/")


def absolute_url(path: str) -> str:
    """`path` (as from `reverse()` or `get_absolute_url()`) on the configured site address."""
    if not path.startswith("/"):
        path = "/" + path
    return site_url() + path
