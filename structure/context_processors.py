"""The county whose structure runs here, for every page (title, footer)."""

from django.utils.functional import SimpleLazyObject

from structure.county import for_request


def county(request):
    """Read only when a template uses it; then from the cache under the structure version."""
    return {"county": SimpleLazyObject(lambda: for_request(request))}
