"""Template help for the calendar pages: a feed's full address, to copy into a calendar app."""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    """`path` (from `{% url … as path %}`) as the full address the browser reached the site by."""
    return context["request"].build_absolute_uri(path)
