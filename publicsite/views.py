"""The public start page (the structure as a picture) and the accessibility statement."""

import datetime

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from structure import county as counties
from structure.cache import cached_fragment
from structure.models import StructurePeriod
from structure.orgchart import build_forest, render_svg
from structure.selectors import chart_nodes

# When the accessibility statement was last checked against the site; update it with the text.
STATEMENT_REVIEWED = datetime.date(2026, 11, 25)


def chart_description(nodes) -> str:
    """What the picture shows, in words, from the same nodes (the list below is the full text)."""
    top = [n.label for n in nodes if n.parent == "principals" and n.style != "summary"]
    under = f"; under dem {_join(top)}, med de grupper som rapporterar till dem" if top else ""
    return (
        f"Organisationsschema. Överst huvudmännen{under}. "
        "Samma struktur finns som lista under bilden."
    )


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " och " + names[-1]


def _chart(county: counties.CountyFacts):
    nodes = chart_nodes(timezone.localdate(), county)
    svg = render_svg(nodes, county.structure_title, chart_description(nodes))
    return nodes, svg


def home(request):
    county = counties.for_request(request)
    body = cached_fragment(request, "home", render=lambda: _home_body(county))
    return render(request, "publicsite/home.html", {"body": body})


def _home_body(county: counties.CountyFacts) -> str:
    nodes, svg = _chart(county)
    today = timezone.localdate()
    period = (
        StructurePeriod.objects.filter(effective_from__lte=today)
        .order_by("-effective_from")
        .first()
    )
    return render_to_string(
        "publicsite/_home_body.html",
        {
            # The SVG is built by structure.orgchart, which escapes every text it writes.
            "chart_svg": mark_safe(svg),  # noqa: S308
            "forest": build_forest(nodes),
            "period": period,
            "county": county,
        },
    )


def chart_svg(request):
    county = counties.for_request(request)
    svg = cached_fragment(request, "chart_svg", render=lambda: _chart(county)[1])
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


def accessibility(request):
    return render(request, "publicsite/accessibility.html", {"reviewed": STATEMENT_REVIEWED})
