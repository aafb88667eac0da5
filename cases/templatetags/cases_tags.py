"""Parts of other apps' pages that are cases' data, rendered by cases.

The public principal page is structure's (cached per structure version, see `structure.cache`),
but what the principal still owes is decision data: structure sits below cases and cannot read
it, so its template asks this tag, which reads and renders it afresh on every request.
"""

from django import template

from cases import public_selectors, selectors
from lib.pagination import paginate, query_without_page

register = template.Library()


@register.inclusion_tag("cases/public/_principal_owes.html", takes_context=True)
def principal_owes(context, principal):
    """R-C4: the expedited recommendations still waiting for the principal's decision, oldest
    expedition first, 25 a page (`?sida=`)."""
    request = context["request"]
    page = paginate(request, selectors.owed_by(principal))
    return {
        "principal": principal,
        "owed": public_selectors.owed_by(principal, page.object_list),
        "page": page,
        "query": query_without_page(request),
    }
