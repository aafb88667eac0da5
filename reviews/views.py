"""The coordinator's review overview and the one action: record a review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import permissions
from lib.forms import apply_service_errors
from reviews import selectors, services
from reviews.forms import PreselectForm, ReviewForm


def _render(request, form, status=200):
    today = timezone.localdate()
    context = {"rows": selectors.review_rows(today), "form": form, "today": today}
    return render(request, "reviews/overview.html", context, status=status)


@login_required
def overview(request):
    if not permissions.can_record_reviews(request.user):
        raise Http404
    # A desk row opens the form with its group and kind chosen (each ignored if unknown).
    initial = PreselectForm(request.GET or None).initial_for_review()
    return _render(request, ReviewForm(initial=initial))


@login_required
@require_POST
def record(request):
    if not permissions.can_record_reviews(request.user):
        raise Http404
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.record_review(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "Revisionen är registrerad.")
            return redirect("reviews:overview")
    return _render(request, form, status=400)
