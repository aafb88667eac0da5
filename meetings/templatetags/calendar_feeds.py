"""Template help for the calendar pages: a feed's full address, to copy into a calendar app."""

from __future__ import annotations

from django import template

from lib import site

register = template.Library()


@register.simple_tag
def absolute_url(path: str) -> str:
    """`path` (from `{% url … as path %}`) on the configured site address (`SITE_URL`), the
    same base as the calendars' URLs, whatever Host header the request carried."""
    return site.absolute_url(path)
