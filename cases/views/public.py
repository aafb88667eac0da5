"""Public pages of cases: decision status, balance lists, own decisions, compilations, exports.

What is public (decided):

- **Expedited recommendations** (not own decisions, `expedited_at` set) with the decisions of
  the principals they are addressed to (R-C4): title, register number, adopting group, dates,
  att-satser and the decision matrix.
- **A group's public balance list** (R-C5): the cases with an expedited recommendation, with
  where each stands, whom it waits on and since when. The group's members and the coordinators
  see the internal list (every case of the group) on the same page, labelled as internal.
- **Hjälpmedelsrådet's own decision register** (R-G6): recommendations with `own_decision`.
- **The patient-safety council's yearly compilation** (R-C6): the cases it handled in a year,
  with dates, outcomes and any public recommendations — "Denna sammanställning är offentlig
  handling".

Nothing else of a case appears here or in the exports: not its description or proposal, not
its documents, not the notes of its treatments, not recommendations that are not yet
expedited. Anything not public answers 404, so its existence does not leak.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from accounts import permissions
from cases import export_selectors, exports, forms, public_selectors, selectors
from cases.forms import CompilationYearForm, RecommendationFilter
from lib import exports as downloads
from lib.pagination import paginate, query_without_page
from structure.models import Group


def _export_links(url_name: str, *args) -> list[tuple[str, str]]:
    return [
        (downloads.FORMAT_LABELS[fmt], reverse(url_name, args=[*args, fmt]))
        for fmt in downloads.FORMATS
    ]


def _check_format(fmt: str) -> None:
    if fmt not in downloads.FORMATS:
        raise Http404


# --- Recommendations and the principals' decisions (R-C4) -------------------------------------


def recommendation_list(request):
    """Paged first; the decision counts are then one aggregate over the page's rows only."""
    recommendations = selectors.public_recommendation_list()
    filters = RecommendationFilter(request.GET or None, queryset=recommendations)
    valid = not filters.is_bound or filters.form.is_valid()
    page = paginate(request, filters.qs if valid else recommendations.none())
    entries = [
        (rec, selectors.decision_summary(rec), public_selectors.decision_bar(rec))
        for rec in selectors.with_decision_counts(page.object_list)
    ]
    return render(
        request,
        "cases/public/recommendation_list.html",
        {
            "page": page,
            "query": query_without_page(request),
            "entries": entries,
            "filter_form": filters.form,
            "export_links": _export_links("cases:recommendation_export"),
        },
        status=200 if valid else 400,
    )


BAD_EXPORT_FILTER = (
    "Urvalet för nedladdningen gick inte att tolka. Välj år, huvudman, grupp och status "
    "bland dem som finns på sidan Beslut."
)


def recommendation_export(request, fmt: str):
    """The recommendations of /beslut/ as a download, filtered like the page (the page's
    links carry its filters); streamed, however many there are."""
    _check_format(fmt)
    filters = forms.RecommendationExportFilter(
        request.GET, queryset=export_selectors.public_recommendations()
    )
    if not filters.is_valid():
        return HttpResponse(BAD_EXPORT_FILTER, status=400, content_type="text/plain; charset=utf-8")
    rows = export_selectors.recommendation_rows(filters.qs)
    return downloads.response(exports.recommendations_table(rows), fmt)


def _public_recommendation(pk: int):
    recommendation = public_selectors.public_recommendation(pk)
    if recommendation is None:
        raise Http404
    return recommendation


def recommendation_detail(request, pk: int):
    recommendation = _public_recommendation(pk)
    return render(
        request,
        "cases/public/recommendation_detail.html",
        {
            "rec": recommendation,
            "summary": selectors.decision_summary(recommendation),
            "bar": public_selectors.decision_bar(recommendation),
            "waiting": selectors.waiting_principals(recommendation),
            "entries": public_selectors.matrix_entries(recommendation),
            "export_links": _export_links("cases:recommendation_matrix_export", pk),
        },
    )


def recommendation_matrix_export(request, pk: int, fmt: str):
    _check_format(fmt)
    recommendation = _public_recommendation(pk)
    entries = public_selectors.matrix_entries(recommendation)
    return downloads.response(exports.matrix_table(recommendation, entries), fmt)


# --- Balance lists (R-C5) ---------------------------------------------------------------------


def balance_list(request, slug: str):
    """The public list for everyone; the internal one for the group's members and coordinators,
    who can still look at the public version (`?version=offentlig`)."""
    group = get_object_or_404(Group, slug=slug)
    may_see_internal = permissions.can_view_internal(request.user, group)
    internal = may_see_internal and request.GET.get("version") != "offentlig"
    page = paginate(request, selectors.balance_cases(group, public=not internal))
    return render(
        request,
        "cases/public/balance_list.html",
        {
            "group": group,
            "internal": internal,
            "may_see_internal": may_see_internal,
            "page": page,
            "query": query_without_page(request),
            "rows": [selectors.balance_row(case) for case in page.object_list],
            "export_links": _export_links("cases:balance_list_export", group.slug),
        },
    )


def balance_list_export(request, slug: str, fmt: str):
    """Always the public version, whoever asks: an export file travels further than a page."""
    _check_format(fmt)
    group = get_object_or_404(Group, slug=slug)
    return downloads.response(
        exports.balance_table(group, export_selectors.balance_rows(group)), fmt
    )


# --- Own decisions (R-G6) ---------------------------------------------------------------------


def own_decision_register(request, slug: str):
    group = get_object_or_404(Group, slug=slug)
    if not group.decides_itself:
        raise Http404
    page = paginate(request, selectors.own_decisions(group))
    return render(
        request,
        "cases/public/own_decisions.html",
        {"group": group, "page": page, "query": ""},
    )


# --- The patient-safety council's yearly compilation (R-C6) -----------------------------------


def _patient_safety_group() -> Group:
    group = public_selectors.patient_safety_group()
    if group is None:
        raise Http404
    return group


def patient_safety_compilation(request):
    group = _patient_safety_group()
    years = public_selectors.compilation_years(group)
    form = CompilationYearForm(request.GET, years=years)
    year = (form.is_valid() and form.cleaned_data["ar"]) or timezone.localdate().year
    return render(
        request,
        "cases/public/compilation.html",
        {
            "group": group,
            "year": year,
            "years": years,
            "entries": public_selectors.compilation(group, year),
        },
    )


def patient_safety_compilation_pdf(request, year: int):
    group = _patient_safety_group()
    if year not in public_selectors.compilation_years(group):
        raise Http404
    pdf = exports.compilation_pdf(group, year, public_selectors.compilation(group, year))
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"sammanstallning-patientsakerhet-{year}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
