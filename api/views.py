"""The signed-in user's page for personal API tokens: create (shown once), list, revoke."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from api import tokens
from api.forms import TokenForm
from lib.forms import apply_service_errors


def _page(request, form: TokenForm, new_token: str | None = None, status: int = 200):
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "tokens": tokens.user_tokens(request.user),
            "new_token": new_token,
            "now": timezone.now(),
        },
        status=status,
    )


@never_cache
@login_required
def token_list(request):
    return _page(request, TokenForm(user=request.user))


@never_cache
@login_required
@require_POST
def token_create(request):
    form = TokenForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            _, full = tokens.create_token(
                user=request.user,
                name=form.cleaned_data["name"],
                expires_on=form.cleaned_data["expires_on"],
                scope=form.cleaned_data["scope"],
                principal=form.cleaned_data.get("principal"),
                now=timezone.now(),
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            # Shown on this answer only: the secret is not stored anywhere.
            return _page(request, TokenForm(user=request.user), new_token=full, status=201)
    return _page(request, form, status=400)


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = get_object_or_404(tokens.user_tokens(request.user), pk=pk)
    tokens.revoke_token(token=token, by=request.user, now=timezone.now())
    messages.success(request, f"Nyckeln ”{token.name}” är återkallad och fungerar inte längre.")
    return redirect("api:token_list")
