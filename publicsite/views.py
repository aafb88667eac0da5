"""The public start page (the structure as a picture) and the accessibility statement."""

import datetime

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from structure.cache import cached_fragment
from structure.models import StructurePeriod
from structure.orgchart import build_forest, render_svg
from structure.selectors import chart_nodes

# When the accessibility statement was last checked against the site; update it with the text.
STATEMENT_REVIEWED = datetime.date(2026, 11, 25)
CHART_TITLE = "Samverkansstrukturen för vård och omsorg i Västerbotten"
CHART_DESCRIPTION = (
    "Organisationsschema. Överst huvudmännen; under dem Samråd vård och omsorg med sitt "
    "arbetsutskott och Länssamverkansgruppen, som i sin tur har arbetsutskott, beredningar, "
    "råd och arbetsgrupper. Samma struktur finns som lista under bilden."
)


def _chart():
    nodes = chart_nodes(timezone.localdate())
    svg = render_svg(nodes, CHART_TITLE, CHART_DESCRIPTION)
    return nodes, svg


def home(request):
    body = cached_fragment(request, "home", render=_home_body)
    return render(request, "publicsite/home.html", {"body": body})


def _home_body() -> str:
    nodes, svg = _chart()
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
        },
    )


def chart_svg(request):
    svg = cached_fragment(request, "chart_svg", render=lambda: _chart()[1])
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


def accessibility(request):
    return render(request, "publicsite/accessibility.html", {"reviewed": STATEMENT_REVIEWED})
