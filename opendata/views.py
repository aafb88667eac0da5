"""The open-data catalogue page and its machine-readable DCAT-AP-SE twin."""

from django.http import JsonResponse
from django.shortcuts import render

from opendata import catalogue
from structure import county


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


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


def catalogue_jsonld(request):
    return JsonResponse(
        catalogue.jsonld(_base_url(request), county.for_request(request)),
        content_type="application/ld+json; charset=utf-8",
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
