"""The open-data catalogue page and its machine-readable DCAT-AP-SE twin.

The harvest address is /data/katalog: RDF/XML (what dataportal.se harvests) unless the client's
Accept header prefers Turtle or JSON-LD. Each format also has its own address (katalog.rdf,
katalog.ttl, katalog.jsonld). All IRIs come from the configured site address, never the Host.
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from lib.site import site_url
from opendata import catalogue
from structure import county

DEFAULT_SUFFIX = "rdf"
_BY_TYPE = {content_type: suffix for suffix, (_, content_type) in catalogue.RDF_FORMATS.items()}
_BY_TYPE["application/json"] = "jsonld"


def catalogue_page(request):
    return render(
        request,
        "opendata/catalogue.html",
        {
            "datasets": catalogue.datasets(),
            "frequencies": catalogue.FREQUENCIES,
            "license_label": catalogue.LICENSE_LABEL,
            "license_url": catalogue.LICENSE,
        },
    )


def _respond(request, suffix: str) -> HttpResponse:
    graph = catalogue.graph(site_url(), county.for_request(request))
    _, content_type = catalogue.RDF_FORMATS[suffix]
    return HttpResponse(
        catalogue.serialise(graph, suffix), content_type=f"{content_type}; charset=utf-8"
    )


def _negotiate(accept: str) -> str:
    """The best of our formats for an Accept header (q-values honoured); RDF/XML when the
    client names none of them (the portal's harvester, curl)."""
    best, best_q = DEFAULT_SUFFIX, 0.0
    for part in accept.split(",")[:20]:
        media, _, params = part.strip().partition(";")
        suffix = _BY_TYPE.get(media.strip().lower())
        if suffix is None:
            continue
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        # Strictly better only: of equal preferences the one the client listed first wins.
        if q > best_q:
            best, best_q = suffix, q
    return best


def catalogue_rdf(request):
    """The harvest address: content negotiation between RDF/XML, Turtle and JSON-LD."""
    response = _respond(request, _negotiate(request.headers.get("Accept", "")))
    patch_vary_headers(response, ["Accept"])
    return response


def catalogue_rdfxml(request):
    return _respond(request, "rdf")


def catalogue_turtle(request):
    return _respond(request, "ttl")


def catalogue_jsonld(request):
    return _respond(request, "jsonld")
