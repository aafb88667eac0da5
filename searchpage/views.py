"""/sok/: one search over everything the person may see."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.views.decorators.http import require_GET

from search.models import PLURAL, Kind
from search.query import is_postgres
from searchpage import selectors
from searchpage.forms import SLUG_OF_KIND, SearchForm


@require_GET
def search(request):
    form = SearchForm(request.GET or None, auto_id="sok-%s")
    context = {"form": form, "page": None, "query": "", "syntax": is_postgres()}
    if not form.is_bound:
        return render(request, "search/search.html", context)
    if not form.is_valid():
        return render(request, "search/search.html", context, status=400)
    query, kind = form.cleaned_data["q"], form.cleaned_data["typ"]
    if query:
        counts = selectors.counts_by_kind(request.user, query)
        context.update(
            q=query,
            kind=kind,
            kind_label=PLURAL[kind] if kind else "",
            total=sum(counts.values()),
            kinds=[
                {
                    "label": PLURAL[k],
                    "count": counts[k],
                    "query": urlencode({"q": query, "typ": SLUG_OF_KIND[k]}),
                    "current": k == kind,
                }
                for k in Kind
            ],
            all_query=urlencode({"q": query}),
            query=urlencode({"q": query, **({"typ": SLUG_OF_KIND[kind]} if kind else {})}),
            page=selectors.search_page(
                request.user, query, kind=kind, number=request.GET.get("sida"), counts=counts
            ),
        )
    return render(request, "search/search.html", context)
