"""An AU meeting's preparation page and one small POST view per action."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts import permissions
from lib.forms import apply_service_errors
from preparation import selectors, services
from preparation.forms import MoveForm, ProposeCaseForm, ProposeForm
from preparation.models import ProposedItem


def _au_meeting(request, pk: int):
    meeting = selectors.au_meeting(pk)
    if meeting is None or not permissions.can_prepare_for_parent(request.user, meeting.group):
        raise Http404
    return meeting


def _render(request, meeting, form=None, status=200):
    return render(
        request,
        "preparation/prepare.html",
        {
            "prep": selectors.preparation(meeting),
            "form": form or ProposeForm(),
            "may_adopt": permissions.can_adopt_au_proposal(request.user),
        },
        status=status,
    )


@login_required
def prepare(request, pk: int):
    return _render(request, _au_meeting(request, pk))


@login_required
@require_POST
def propose(request, pk: int):
    meeting = _au_meeting(request, pk)
    form = ProposeForm(request.POST)
    if form.is_valid():
        try:
            services.propose_item(by=request.user, au_meeting=meeting, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return redirect("preparation:prepare", pk=pk)
    return _render(request, meeting, form, status=400)


@login_required
@require_POST
def propose_case(request, pk: int):
    meeting = _au_meeting(request, pk)
    form = ProposeCaseForm(request.POST)
    if not form.is_valid():
        return _render(request, meeting, status=400)
    try:
        services.propose_item(
            by=request.user, au_meeting=meeting, kind="decision", case=form.cleaned_data["case"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("preparation:prepare", pk=pk)


def _item(request, pk: int, item_pk: int) -> ProposedItem:
    meeting = _au_meeting(request, pk)
    return get_object_or_404(ProposedItem, pk=item_pk, au_meeting=meeting)


@login_required
@require_POST
def move(request, pk: int, item_pk: int):
    item = _item(request, pk, item_pk)
    form = MoveForm(request.POST)
    if not form.is_valid():  # the buttons send -1 or 1; anything else is a hand-made request
        return _render(request, item.au_meeting, status=400)
    services.move_item(by=request.user, item=item, direction=form.cleaned_data["direction"])
    return redirect("preparation:prepare", pk=pk)


@login_required
@require_POST
def remove(request, pk: int, item_pk: int):
    item = _item(request, pk, item_pk)
    try:
        services.remove_item(by=request.user, item=item)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("preparation:prepare", pk=pk)


@login_required
@require_POST
def adopt(request, pk: int):
    meeting = _au_meeting(request, pk)
    if not permissions.can_adopt_au_proposal(request.user):
        raise Http404
    try:
        count = services.adopt_proposal(by=request.user, au_meeting=meeting)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{count} punkter förda till dagordningen.")
    return redirect("preparation:prepare", pk=pk)
